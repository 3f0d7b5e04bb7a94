"""REST endpoints of gas-connection campaigns under /api/v1/:

- gas-campaigns/ (and …/{id}/board/: the campaign board as JSON for big screens, `?street=` to filter)
- gas-compound-plans/, gas-building-plans/ (and …/{id}/stage/: record a stage change), gas-blockers/
- gas-stage-events/ (read only: events are never changed)

Reading is public (no personal data: who recorded an event is shown to signed-in officials only); writing needs
a token or a session and goes through projects.actions.gas (scope, full_clean)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from grids.api import CONFLICT_RESPONSE, ERROR_RESPONSES, ActionViewSet, write_schema

from ..actions import gas as actions
from ..filters.gas import (
    GasBlockerFilter,
    GasBuildingPlanFilter,
    GasCampaignFilter,
    GasCompoundPlanFilter,
    GasStageEventFilter,
)
from ..models.gas import GasBlocker, GasBuildingPlan, GasCampaign, GasCompoundPlan, GasStageEvent
from ..selectors import gas as selectors
from ..serializers.gas import (
    BoardSerializer,
    GasBlockerCreateSerializer,
    GasBlockerSerializer,
    GasBlockerUpdateSerializer,
    GasBuildingPlanCreateSerializer,
    GasBuildingPlanSerializer,
    GasBuildingPlanUpdateSerializer,
    GasCampaignCreateSerializer,
    GasCampaignSerializer,
    GasCampaignUpdateSerializer,
    GasCompoundPlanCreateSerializer,
    GasCompoundPlanSerializer,
    GasCompoundPlanUpdateSerializer,
    GasStageChangeSerializer,
    GasStageEventSerializer,
)
from ..views.gas import NO_SUCH_STREET, IdForm

NOT_FOUND_RESPONSE = OpenApiResponse(description=_("没有这个攻坚，或这个攻坚没有该街道的小区"))
STREET_PARAM = OpenApiParameter("street", OpenApiTypes.INT, description=_("只看这个街道的小区（街道ID）"))


@write_schema(GasCampaignSerializer, GasCampaignCreateSerializer, GasCampaignUpdateSerializer)
class GasCampaignViewSet(ActionViewSet):
    """Gas-connection campaigns (燃气开通攻坚) with figures from their buildings."""

    queryset = selectors.campaigns()
    read_serializer_class = GasCampaignSerializer
    create_serializer_class = GasCampaignCreateSerializer
    update_serializer_class = GasCampaignUpdateSerializer
    filterset_class = GasCampaignFilter
    ordering_fields = ["deadline", "name"]

    @extend_schema(
        parameters=[STREET_PARAM],
        responses={200: BoardSerializer, 400: ERROR_RESPONSES[400], 404: NOT_FOUND_RESPONSE},
    )
    @action(detail=True, filterset_class=None, pagination_class=None)
    def board(self, request: Request, pk: str | None = None) -> Response:
        """The campaign board (挂图作战): every compound with every building's stage, counts per stage,
        blockers, late buildings; `?street=` for one street."""
        campaign = get_object_or_404(GasCampaign.objects.select_related("district"), pk=pk)
        street = IdForm(request.query_params.get("street"))
        if not street.is_valid():
            raise ValidationError({"street": [_("街道ID应为正整数。")]})
        street_id = street.cleaned_data["id"]
        data = selectors.board(campaign, street_id=street_id)
        if street_id and data.street is None:
            raise NotFound(NO_SUCH_STREET)  # as the board page: an unknown street is not an empty board
        return Response(BoardSerializer(data).data)


@write_schema(GasCompoundPlanSerializer, GasCompoundPlanCreateSerializer, GasCompoundPlanUpdateSerializer)
class GasCompoundPlanViewSet(ActionViewSet):
    """One plan per compound (一小区一方案): causes, responsible units, route, readiness from its buildings."""

    queryset = (
        GasCompoundPlan.objects.with_figures()
        .select_related("campaign", "compound", "community", "street")
        .order_by("campaign_id", "street_id", "community_id", "compound__name")
    )
    read_serializer_class = GasCompoundPlanSerializer
    create_serializer_class = GasCompoundPlanCreateSerializer
    update_serializer_class = GasCompoundPlanUpdateSerializer
    filterset_class = GasCompoundPlanFilter
    ordering_fields = ["planned_on", "started_on"]


@write_schema(GasBuildingPlanSerializer, GasBuildingPlanCreateSerializer, GasBuildingPlanUpdateSerializer)
class GasBuildingPlanViewSet(ActionViewSet):
    """One plan per building (一栋楼一计划): its stage, when it was reached, expected gas date, households
    connected. The stage changes only through …/{id}/stage/."""

    queryset = (
        GasBuildingPlan.objects.with_expected()
        .select_related("building__compound", "community", "street")
        .order_by("compound_plan_id", "building__name")
    )
    read_serializer_class = GasBuildingPlanSerializer
    create_serializer_class = GasBuildingPlanCreateSerializer
    update_serializer_class = GasBuildingPlanUpdateSerializer
    filterset_class = GasBuildingPlanFilter
    ordering_fields = ["stage", "stage_reached_on", "expected_on"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        reason, note = data.pop("reason", ""), data.pop("note", "")
        plan = actions.gas_building_plan_save(user=request.user, plan=GasBuildingPlan(**data), reason=reason, note=note)
        return self._answer(plan, status.HTTP_201_CREATED)

    @extend_schema(
        request=GasStageChangeSerializer,
        responses={200: GasBuildingPlanSerializer, **ERROR_RESPONSES, **CONFLICT_RESPONSE},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def stage(self, request: Request, pk: str | None = None) -> Response:
        """Record that the building reached a stage (an event; earlier ones are never changed). Skipping a
        stage or going back needs `reason`; at "gas on" all its households count as connected."""
        plan = self.get_object()
        write = GasStageChangeSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        data = write.validated_data
        plan = actions.gas_building_stage_change(
            user=request.user,
            plan=plan,
            stage=data["stage"],
            reached_on=data.get("stage_reached_on"),
            reason=data.get("reason", ""),
            note=data.get("note", ""),
            version=data.get("version"),
        )
        return self._answer(plan)


class GasStageEventViewSet(viewsets.ReadOnlyModelViewSet):
    """Stage changes of the buildings, oldest first: who recorded what, when, and why a stage was skipped."""

    queryset = GasStageEvent.objects.select_related("recorded_by").order_by("building_plan_id", "reached_on", "pk")
    serializer_class = GasStageEventSerializer
    filterset_class = GasStageEventFilter
    ordering_fields = ["reached_on", "recorded_at"]


@write_schema(GasBlockerSerializer, GasBlockerCreateSerializer, GasBlockerUpdateSerializer)
class GasBlockerViewSet(ActionViewSet):
    """Blockers (堵点) of a compound or one of its buildings, open until resolved."""

    queryset = GasBlocker.objects.select_related("building_plan__building").order_by("compound_plan_id", "raised_on")
    read_serializer_class = GasBlockerSerializer
    create_serializer_class = GasBlockerCreateSerializer
    update_serializer_class = GasBlockerUpdateSerializer
    filterset_class = GasBlockerFilter
    ordering_fields = ["raised_on", "resolved_on"]


def register(router: BaseRouter) -> None:
    router.register("gas-campaigns", GasCampaignViewSet, basename="gas-campaign")
    router.register("gas-compound-plans", GasCompoundPlanViewSet, basename="gas-compound-plan")
    router.register("gas-building-plans", GasBuildingPlanViewSet, basename="gas-building-plan")
    router.register("gas-stage-events", GasStageEventViewSet, basename="gas-stage-event")
    router.register("gas-blockers", GasBlockerViewSet, basename="gas-blocker")
