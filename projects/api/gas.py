"""Gas-connection campaigns (燃气开通): api."""

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Arrives with its issue."""
