"""API of renovation projects and gas campaigns; config/api_router.py calls `register`."""

from rest_framework.routers import BaseRouter

from . import gas, renovation


def register(router: BaseRouter) -> None:
    renovation.register(router)
    gas.register(router)
