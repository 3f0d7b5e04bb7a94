"""Renovation of old compounds (老旧小区改造): api."""

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Arrives with its issue."""
