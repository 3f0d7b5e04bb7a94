"""Every app registers its viewsets on this one router under /api/v1/."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
