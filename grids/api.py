"""REST endpoints of the hierarchy under /api/v1/.

Reading is public (except the grid staff, who are personal data); writing needs a token or a session,
goes through grids.actions (which check the caller's scope and validate with full_clean), and answers
with the read shape. A record anyone may read but the caller may not manage is a 403, not a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count, Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from . import actions
from .filters import AreaFilter, BuildingFilter, CompoundFilter, GridStaffFilter, UnitFilter
from .models import Area, Building, Compound, GridStaff, Level, Unit
from .serializers import (
    AreaCreateSerializer,
    AreaSerializer,
    AreaUpdateSerializer,
    BuildingCreateSerializer,
    BuildingSerializer,
    BuildingUpdateSerializer,
    CompoundCreateSerializer,
    CompoundSerializer,
    CompoundUpdateSerializer,
    GridStaffCreateSerializer,
    GridStaffSerializer,
    GridStaffUpdateSerializer,
    UnitCreateSerializer,
    UnitSerializer,
    UnitUpdateSerializer,
)

ERROR_RESPONSES = {
    400: OpenApiResponse(description=_("数据有误：按字段列出原因（JSON 格式错误同样返回 400）")),
    401: OpenApiResponse(description=_("未登录或令牌无效")),
    403: OpenApiResponse(description=_("记录或所选区域不在您负责的范围内；未作任何修改")),
}
CONFLICT_RESPONSE = {409: OpenApiResponse(description=_("记录已被他人修改：请重新读取后再保存"))}


def write_schema(read: type, create: type, update: type) -> Callable[[type], type]:
    """Document that writes take the write shape and answer with the read shape."""
    return extend_schema_view(
        create=extend_schema(request=create, responses={201: read, **ERROR_RESPONSES}),
        update=extend_schema(request=update, responses={200: read, **ERROR_RESPONSES, **CONFLICT_RESPONSE}),
        partial_update=extend_schema(request=update, responses={200: read, **ERROR_RESPONSES, **CONFLICT_RESPONSE}),
        destroy=extend_schema(responses={204: None, **ERROR_RESPONSES}),
    )


class ActionViewSet(viewsets.ModelViewSet):
    """Create/update/delete through grids.actions; the serializers only check the input."""

    read_serializer_class: type
    create_serializer_class: type
    update_serializer_class: type
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_serializer_class(self) -> type:
        if self.action == "create":
            return self.create_serializer_class
        if self.action in ("update", "partial_update"):
            return self.update_serializer_class
        return self.read_serializer_class

    def _save(self, instance: Model) -> Model:
        return actions.record_save(user=self.request.user, instance=instance)

    def _answer(self, instance: Model, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=instance.pk)  # with the counts the read shape shows
        return Response(self.read_serializer_class(fresh, context=self.get_serializer_context()).data, status_code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.get_queryset().model(**serializer.validated_data)
        return self._answer(self._save(instance), status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        for field, value in serializer.validated_data.items():
            setattr(instance, field, value)
        return self._answer(self._save(instance))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        actions.record_delete(user=request.user, instance=instance)
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------- areas


def areas() -> QuerySet:
    # One query for a page: children counted by a join, parent and path are id columns.
    # (A GROUP BY query ignores Meta.ordering, hence the explicit order.)
    return Area.objects.annotate(children_count=Count("children")).order_by("level", "code")


AREA_ORDERING = ["name", "code", "level", "population", "households"]


@write_schema(AreaSerializer, AreaCreateSerializer, AreaUpdateSerializer)
class AreaViewSet(ActionViewSet):
    """Areas of every level (city, district, street, community, grid)."""

    queryset = areas()
    read_serializer_class = AreaSerializer
    create_serializer_class = AreaCreateSerializer
    update_serializer_class = AreaUpdateSerializer
    filterset_class = AreaFilter
    ordering_fields = AREA_ORDERING


class LevelViewSet(viewsets.ReadOnlyModelViewSet):
    """Areas of one level; read only (write through /api/v1/areas/)."""

    serializer_class = AreaSerializer
    filterset_class = AreaFilter
    ordering_fields = AREA_ORDERING


class DistrictViewSet(LevelViewSet):
    queryset = areas().filter(level=Level.DISTRICT)


class StreetViewSet(LevelViewSet):
    queryset = areas().filter(level=Level.STREET)


class CommunityViewSet(LevelViewSet):
    queryset = areas().filter(level=Level.COMMUNITY)


class GridViewSet(LevelViewSet):
    queryset = areas().filter(level=Level.GRID)


# ---------------------------------------------------------------- compounds, buildings, units


@write_schema(CompoundSerializer, CompoundCreateSerializer, CompoundUpdateSerializer)
class CompoundViewSet(ActionViewSet):
    """Residential compounds (小区) with their community, street and district."""

    queryset = (
        Compound.objects.select_related("community", "street", "district")
        .annotate(buildings_count=Count("buildings"))
        .order_by("community_id", "name")
    )
    read_serializer_class = CompoundSerializer
    create_serializer_class = CompoundCreateSerializer
    update_serializer_class = CompoundUpdateSerializer
    filterset_class = CompoundFilter
    ordering_fields = ["name", "year_built", "households", "floor_area"]


@write_schema(BuildingSerializer, BuildingCreateSerializer, BuildingUpdateSerializer)
class BuildingViewSet(ActionViewSet):
    """Buildings (楼栋) of the compounds."""

    queryset = (
        Building.objects.select_related("compound", "grid", "community", "street")
        .annotate(units_count=Count("units"))
        .order_by("compound_id", "name")
    )
    read_serializer_class = BuildingSerializer
    create_serializer_class = BuildingCreateSerializer
    update_serializer_class = BuildingUpdateSerializer
    filterset_class = BuildingFilter
    ordering_fields = ["name", "households", "floors"]


@write_schema(UnitSerializer, UnitCreateSerializer, UnitUpdateSerializer)
class UnitViewSet(ActionViewSet):
    """Units (单元) of the buildings."""

    queryset = Unit.objects.select_related("building__compound", "community")
    read_serializer_class = UnitSerializer
    create_serializer_class = UnitCreateSerializer
    update_serializer_class = UnitUpdateSerializer
    filterset_class = UnitFilter
    ordering_fields = ["name", "households"]


# ---------------------------------------------------------------- grid staff (personal data)


@write_schema(GridStaffSerializer, GridStaffCreateSerializer, GridStaffUpdateSerializer)
class GridStaffViewSet(ActionViewSet):
    """Grid staff with names and phones: only for signed-in officials, only in their own areas.
    A record outside the caller's areas is not even readable, so it is a 404."""

    queryset = GridStaff.objects.none()  # the real one depends on the caller: get_queryset
    permission_classes = [permissions.IsAuthenticated]
    read_serializer_class = GridStaffSerializer
    create_serializer_class = GridStaffCreateSerializer
    update_serializer_class = GridStaffUpdateSerializer
    filterset_class = GridStaffFilter
    ordering_fields = ["name", "role"]

    def get_queryset(self) -> QuerySet:
        return GridStaff.objects.for_user(self.request.user).select_related("grid", "community", "building", "unit")
