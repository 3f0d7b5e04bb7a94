"""/api/v1/rollups/, /api/v1/indicators/, /api/v1/targets/: figures for dashboards.

Figure responses carry ETag and Last-Modified computed by one aggregate query over the rows they
show; a conditional GET that matches gets 304 without the rows being read."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import Count, Max, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from grids.models import Area

from .actions import target_set, target_split
from .filters import IndicatorValueFilter, TargetFilter
from .models import IndicatorValue, PeriodType, Target, parse_period, period_key
from .selectors import area_summary, indicator_catalogue, league_table
from .serializers import (
    AreaSummarySerializer,
    IndicatorSerializer,
    IndicatorValueSerializer,
    LeagueRowSerializer,
    TargetSerializer,
    TargetSplitSerializer,
    TargetWriteSerializer,
)


def _validators(request: Request, rows: QuerySet) -> tuple[str, Any]:
    stamp = rows.aggregate(n=Count("pk"), last=Max("computed_at"), targets=Sum("target"))
    raw = f"{request.get_full_path()}|{get_language()}|{stamp['n']}|{stamp['last']}|{stamp['targets']}"
    return quote_etag(hashlib.sha256(raw.encode()).hexdigest()[:32]), stamp["last"]


def _not_modified(request: Request, etag: str, last_modified: Any) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return bool(since and last_modified and int(last_modified.timestamp()) <= since)


def conditional(request: Request, rows: QuerySet, build: Any) -> Response:
    etag, last_modified = _validators(request, rows)
    if _not_modified(request, etag, last_modified):
        response = Response(status=status.HTTP_304_NOT_MODIFIED)
    else:
        response = build()
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response


PERIOD_PARAM = OpenApiParameter("period", OpenApiTypes.STR, description="2025-03、2025-Q1、2025 或 total；默认当年")
AREA_PARAM = OpenApiParameter("area", OpenApiTypes.INT, required=True, description="区域 id")


def _period(request: Request) -> tuple[str, Any]:
    from django.utils import timezone

    raw = request.query_params.get("period") or str(timezone.localdate().year)
    try:
        return parse_period(raw)
    except ValueError as exc:
        raise ValidationError({"period": [str(exc)]}) from None


def _area(request: Request, name: str = "area") -> Area:
    raw = request.query_params.get(name)
    if not raw or not raw.isdigit():
        raise ValidationError({name: ["必填，区域 id（整数）。 Required: an area id."]})
    return get_object_or_404(Area, pk=int(raw))


class RollupViewSet(viewsets.ReadOnlyModelViewSet):
    """Stored roll-up figures per area, indicator and period."""

    queryset = IndicatorValue.objects.select_related("area").order_by(
        "indicator", "level", "area__code", "period_start"
    )
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter
    permission_classes = [permissions.AllowAny]
    ordering_fields = ["value", "completion", "period_start", "indicator"]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = self.filter_queryset(self.get_queryset())
        return conditional(request, rows.order_by(), lambda: super(RollupViewSet, self).list(request, *args, **kwargs))

    @extend_schema(parameters=[AREA_PARAM, PERIOD_PARAM], responses=AreaSummarySerializer)
    @action(detail=False)
    def summary(self, request: Request) -> Response:
        """All indicators of one area for one period, with its children's values: one dashboard request."""
        area = _area(request)
        period_type, start = _period(request)
        rows = IndicatorValue.objects.filter(period_type=period_type, period_start=start, area__in=[area.pk]) | (
            IndicatorValue.objects.filter(period_type=period_type, period_start=start, area__parent=area)
        )

        def build() -> Response:
            data = area_summary(area, period_type, start)
            data["period"] = period_key(period_type, start)
            return Response(AreaSummarySerializer(data).data)

        return conditional(request, rows, build)

    @extend_schema(
        parameters=[
            OpenApiParameter("parent", OpenApiTypes.INT, required=True, description="上级区域 id"),
            OpenApiParameter("indicator", OpenApiTypes.STR, required=True),
            OpenApiParameter("year", OpenApiTypes.INT, required=True),
        ],
        responses=LeagueRowSerializer(many=True),
    )
    @action(detail=False)
    def league(self, request: Request) -> Response:
        """Children of an area ranked by completion of their annual target (排名)."""
        parent = _area(request, "parent")
        indicator = request.query_params.get("indicator", "")
        year = request.query_params.get("year", "")
        if not year.isdigit():
            raise ValidationError({"year": ["必填，年份。 Required: a year."]})
        rows = IndicatorValue.objects.filter(
            area__parent=parent, indicator=indicator, period_type=PeriodType.YEAR, year=int(year)
        )
        return conditional(
            request,
            rows,
            lambda: Response(LeagueRowSerializer(league_table(parent, indicator, int(year)), many=True).data),
        )


class IndicatorViewSet(viewsets.ViewSet):
    """The indicator catalogue: what can be asked for."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=IndicatorSerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response(IndicatorSerializer(indicator_catalogue(), many=True).data)


class TargetViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Annual targets; set by the level above (a district for its streets, a street for its communities)."""

    queryset = Target.objects.select_related("area").order_by("year", "indicator", "area__code")
    serializer_class = TargetSerializer
    filterset_class = TargetFilter

    @extend_schema(request=TargetWriteSerializer, responses=TargetSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        write = TargetWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        target = target_set(user=request.user, **write.validated_data)
        return Response(TargetSerializer(target).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TargetSplitSerializer, responses=TargetSerializer(many=True))
    @action(detail=False, methods=["post"])
    def split(self, request: Request) -> Response:
        """Split a parent's annual target to its children in one request: all saved or none."""
        write = TargetSplitSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        targets = target_split(user=request.user, **write.validated_data)
        return Response(TargetSerializer(targets, many=True).data, status=status.HTTP_201_CREATED)
