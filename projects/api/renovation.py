"""Renovation of old compounds (老旧小区改造): REST endpoints under /api/v1/.

- `renovation-projects/`: projects with filters (area, district, street, community, compound, year, status,
  category, late, q), their work items and derived progress; writes scoped to the caller's areas.
- `renovation-work-items/`: the work items; their percent changes only through a report.
- `renovation-reports/`: the dated progress history (`?project=`); POST files a new report.

Reading is public; who filed a report (a username) is shown only to officials who may manage the report.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from grids.api import ERROR_RESPONSES, ActionViewSet, write_schema
from grids.models import Compound

from ..actions import renovation as actions
from ..filters.renovation import RenovationProjectFilter, RenovationReportFilter, RenovationWorkItemFilter
from ..models.renovation import (
    RenovationEntry,
    RenovationProject,
    RenovationProjectQuerySet,
    RenovationReport,
    RenovationWorkItem,
)
from ..selectors import renovation as selectors
from ..serializers.renovation import (
    RenovationProjectCreateSerializer,
    RenovationProjectSerializer,
    RenovationProjectUpdateSerializer,
    RenovationReportCreateSerializer,
    RenovationReportSerializer,
    RenovationTotalsSerializer,
    RenovationWorkItemCreateSerializer,
    RenovationWorkItemSerializer,
    RenovationWorkItemUpdateSerializer,
)


@write_schema(RenovationProjectSerializer, RenovationProjectCreateSerializer, RenovationProjectUpdateSerializer)
class RenovationProjectViewSet(ActionViewSet):
    """Old-compound renovation projects (老旧小区改造) with their work items and derived progress."""

    queryset = selectors.projects().prefetch_related(
        Prefetch("compounds", queryset=Compound.objects.order_by("name")),
        Prefetch("work_items", queryset=RenovationWorkItem.objects.order_by("order", "pk")),
    )
    read_serializer_class = RenovationProjectSerializer
    create_serializer_class = RenovationProjectCreateSerializer
    update_serializer_class = RenovationProjectUpdateSerializer
    filterset_class = RenovationProjectFilter
    ordering_fields = ["plan_year", "name", "floor_area", "households", "planned_completion", "progress"]

    @extend_schema(responses=RenovationTotalsSerializer)
    @action(detail=False)
    def totals(self, request: Request) -> Response:
        """What the projects matching the same filters add up to: projects, m², households, buildings, investment
        (e.g. `?area=<双塔区 id>&year=2025`)."""
        # The list's own annotated queryset: `?ordering=progress` (or any list ordering) is accepted here too.
        rows = cast(RenovationProjectQuerySet, self.filter_queryset(selectors.projects()))
        return Response(RenovationTotalsSerializer(selectors.totals(rows)).data)

    def _write(self, instance: RenovationProject, data: dict[str, Any]) -> Response:
        compounds, buildings = data.pop("compounds", None), data.pop("buildings", None)
        for field, value in data.items():
            setattr(instance, field, value)
        created = instance.pk is None
        project = actions.renovation_project_save(user=self.request.user, project=instance)
        if compounds is not None or buildings is not None:
            actions.renovation_project_set_coverage(
                user=self.request.user,
                project=project,
                compounds=compounds if compounds is not None else project.compounds.all(),
                buildings=buildings if buildings is not None else project.buildings.all(),
            )
        return self._answer(project, status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._write(RenovationProject(), dict(serializer.validated_data))

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        return self._write(instance, dict(serializer.validated_data))


@write_schema(RenovationWorkItemSerializer, RenovationWorkItemCreateSerializer, RenovationWorkItemUpdateSerializer)
class RenovationWorkItemViewSet(ActionViewSet):
    """Work items of the projects (供水、外墙保温…); their percent follows the latest progress report."""

    queryset = RenovationWorkItem.objects.select_related("project").order_by("project_id", "order", "pk")
    read_serializer_class = RenovationWorkItemSerializer
    create_serializer_class = RenovationWorkItemCreateSerializer
    update_serializer_class = RenovationWorkItemUpdateSerializer
    filterset_class = RenovationWorkItemFilter
    ordering_fields = ["percent", "planned_completion", "order"]


@extend_schema_view(
    create=extend_schema(
        request=RenovationReportCreateSerializer, responses={201: RenovationReportSerializer, **ERROR_RESPONSES}
    )
)
class RenovationReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The progress history of the projects: dated reports, the percent each gave its work items, never edited."""

    queryset = (
        RenovationReport.objects.select_related("reported_by")
        .prefetch_related(
            Prefetch(
                "entries", queryset=RenovationEntry.objects.select_related("work_item").order_by("work_item__order")
            ),
            "photos",
        )
        .order_by("-reported_on", "-pk")
    )
    filterset_class = RenovationReportFilter
    ordering_fields = ["reported_on"]

    def get_serializer_class(self) -> type:
        return RenovationReportCreateSerializer if self.action == "create" else RenovationReportSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report = actions.renovation_report_submit(
            user=request.user,
            project=data["project"],
            reported_on=data["reported_on"],
            note=data.get("note", ""),
            entries=[
                actions.EntryInput(e["work_item"], e["percent"], e.get("reason", "")) for e in data.get("entries", [])
            ],
        )
        fresh = self.get_queryset().get(pk=report.pk)
        return Response(RenovationReportSerializer(fresh, context=self.get_serializer_context()).data, 201)


def register(router: BaseRouter) -> None:
    router.register("renovation-projects", RenovationProjectViewSet, basename="renovation-project")
    router.register("renovation-work-items", RenovationWorkItemViewSet, basename="renovation-work-item")
    router.register("renovation-reports", RenovationReportViewSet, basename="renovation-report")
