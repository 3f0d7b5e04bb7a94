"""REST endpoints of the community services under /api/v1/ (registered in config/api_router.py).

Reading canteens, prices, monthly figures, facilities and volunteer teams is public; small wishes are for
officials only (who claimed a wish may be a person). Writes need a token or a session and go through
services.actions: out of the caller's areas is 403 with nothing changed, a broken rule 400 naming the field.
Monthly canteen figures are entered once (POST); a PUT/PATCH is a correction and needs a reason.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from grids.api import ERROR_RESPONSES, ActionViewSet, write_schema
from grids.models import Area

from . import actions, selectors
from .filters import (
    CanteenFilter,
    CanteenMonthFilter,
    CanteenPriceFilter,
    FacilityFilter,
    SmallWishFilter,
    VolunteerHoursFilter,
    VolunteerTeamFilter,
)
from .models import CanteenMonth, CanteenPrice, Diner, Facility, SmallWish, VolunteerHours, VolunteerTeam, quote_price
from .serializers import (
    CanteenCreateSerializer,
    CanteenMonthCorrectSerializer,
    CanteenMonthCreateSerializer,
    CanteenMonthSerializer,
    CanteenPriceCreateSerializer,
    CanteenPriceSerializer,
    CanteenPriceUpdateSerializer,
    CanteenSerializer,
    CanteenUpdateSerializer,
    FacilityCreateSerializer,
    FacilitySerializer,
    FacilityUpdateSerializer,
    PriceQuestionSerializer,
    PriceQuoteSerializer,
    SmallWishCreateSerializer,
    SmallWishSerializer,
    SmallWishUpdateSerializer,
    VolunteerHoursCreateSerializer,
    VolunteerHoursSerializer,
    VolunteerHoursUpdateSerializer,
    VolunteerTeamCreateSerializer,
    VolunteerTeamSerializer,
    VolunteerTeamUpdateSerializer,
)

PRICE_RULE = _("按您符合的全部人群中最低的价格计价；普通居民价格对所有人适用，优惠不叠加。")


@write_schema(CanteenSerializer, CanteenCreateSerializer, CanteenUpdateSerializer)
class CanteenViewSet(ActionViewSet):
    """Elderly canteens: where, when open, what a meal costs per group, delivery."""

    queryset = selectors.canteens().prefetch_related(Prefetch("serves", queryset=Area.objects.order_by("code")))
    read_serializer_class = CanteenSerializer
    create_serializer_class = CanteenCreateSerializer
    update_serializer_class = CanteenUpdateSerializer
    filterset_class = CanteenFilter
    ordering_fields = ["name", "seats", "opened_on"]

    def _write(self, instance: Any, data: dict[str, Any]) -> Any:
        serves = data.pop("serves", None)
        for field, value in data.items():
            setattr(instance, field, value)
        return actions.canteen_save(user=self.request.user, canteen=instance, serves=serves)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self._write(self.get_queryset().model(), dict(serializer.validated_data))
        return self._answer(instance, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        return self._answer(self._write(instance, dict(serializer.validated_data)))

    @extend_schema(
        parameters=[PriceQuestionSerializer],
        responses={200: PriceQuoteSerializer, 400: ERROR_RESPONSES[400]},
        summary=_("我吃一餐多少钱"),
        description=PRICE_RULE,
    )
    @action(detail=True, methods=["get"], permission_classes=[permissions.AllowAny])
    def price(self, request: Request, pk: str | None = None) -> Response:
        """What a meal costs the asker: the lowest price of every group they belong to."""
        question = PriceQuestionSerializer(data=request.query_params)
        question.is_valid(raise_exception=True)
        canteen = self.get_object()
        quote = quote_price(list(canteen.prices.all()), Diner(**question.validated_data))
        answer = {
            "price": quote.price if quote else None,
            "group": quote.group if quote else None,
            "rule": PRICE_RULE,
            "applicable": quote.applicable if quote else [],
        }
        return Response(PriceQuoteSerializer(answer, context=self.get_serializer_context()).data)


@write_schema(CanteenPriceSerializer, CanteenPriceCreateSerializer, CanteenPriceUpdateSerializer)
class CanteenPriceViewSet(ActionViewSet):
    """Prices of a meal per group (standard, seniors by age band, subsistence allowance, disabled, contributors)."""

    queryset = CanteenPrice.objects.order_by("canteen_id", selectors.PRICE_ORDER, "min_age", "group")
    read_serializer_class = CanteenPriceSerializer
    create_serializer_class = CanteenPriceCreateSerializer
    update_serializer_class = CanteenPriceUpdateSerializer
    filterset_class = CanteenPriceFilter
    ordering_fields = ["price"]


@extend_schema_view(
    create=extend_schema(
        request=CanteenMonthCreateSerializer,
        responses={201: CanteenMonthSerializer, **ERROR_RESPONSES},
        description=_("录入某食堂某月的数据；每个食堂每月只录入一次，重复录入返回 400（month）。"),
    ),
    update=extend_schema(
        request=CanteenMonthCorrectSerializer,
        responses={200: CanteenMonthSerializer, **ERROR_RESPONSES},
        description=_("更正已录入的数据：必须说明原因（reason）；原值、新值和原因都保留在 corrections 中。"),
    ),
    partial_update=extend_schema(
        request=CanteenMonthCorrectSerializer,
        responses={200: CanteenMonthSerializer, **ERROR_RESPONSES},
        description=_("更正已录入的数据：必须说明原因（reason）；原值、新值和原因都保留在 corrections 中。"),
    ),
)
class CanteenMonthViewSet(ActionViewSet):
    """Canteens' monthly figures: meals served, seniors served, deliveries, subsidies; with their corrections."""

    queryset = selectors.canteen_figures().order_by("canteen_id", "-month")
    read_serializer_class = CanteenMonthSerializer
    create_serializer_class = CanteenMonthCreateSerializer
    update_serializer_class = CanteenMonthCorrectSerializer
    filterset_class = CanteenMonthFilter
    ordering_fields = ["month", "meals_served"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        figure = actions.canteen_month_record(user=request.user, figure=CanteenMonth(**serializer.validated_data))
        return self._answer(figure, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        figure = self.get_object()
        serializer = self.get_serializer(figure, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        reason = data.pop("reason", "")
        for field, value in data.items():
            setattr(figure, field, value)
        actions.canteen_month_correct(user=request.user, figure=figure, reason=reason)
        return self._answer(figure)


@write_schema(FacilitySerializer, FacilityCreateSerializer, FacilityUpdateSerializer)
class FacilityViewSet(ActionViewSet):
    """Community facilities: city study rooms, childcare and after-school care, classes, elderly day-care."""

    queryset = Facility.objects.select_related("community", "street").order_by("community_id", "kind", "name")
    read_serializer_class = FacilitySerializer
    create_serializer_class = FacilityCreateSerializer
    update_serializer_class = FacilityUpdateSerializer
    filterset_class = FacilityFilter
    ordering_fields = ["name", "books", "floor_area"]


@write_schema(VolunteerTeamSerializer, VolunteerTeamCreateSerializer, VolunteerTeamUpdateSerializer)
class VolunteerTeamViewSet(ActionViewSet):
    """Volunteer teams (志愿服务队) and their number of volunteers."""

    queryset = VolunteerTeam.objects.select_related("community", "street").order_by("community_id", "name")
    read_serializer_class = VolunteerTeamSerializer
    create_serializer_class = VolunteerTeamCreateSerializer
    update_serializer_class = VolunteerTeamUpdateSerializer
    filterset_class = VolunteerTeamFilter
    ordering_fields = ["name", "volunteers"]


@write_schema(VolunteerHoursSerializer, VolunteerHoursCreateSerializer, VolunteerHoursUpdateSerializer)
class VolunteerHoursViewSet(ActionViewSet):
    """Hours each volunteer team served per month."""

    queryset = VolunteerHours.objects.select_related("community").order_by("team_id", "-month")
    read_serializer_class = VolunteerHoursSerializer
    create_serializer_class = VolunteerHoursCreateSerializer
    update_serializer_class = VolunteerHoursUpdateSerializer
    filterset_class = VolunteerHoursFilter
    ordering_fields = ["month", "hours"]


@write_schema(SmallWishSerializer, SmallWishCreateSerializer, SmallWishUpdateSerializer)
class SmallWishViewSet(ActionViewSet):
    """Small wishes (微心愿): for signed-in officials, in their own areas only (a claimer may be a person)."""

    queryset = SmallWish.objects.none()  # the real one depends on the caller: get_queryset
    permission_classes = [permissions.IsAuthenticated]
    read_serializer_class = SmallWishSerializer
    create_serializer_class = SmallWishCreateSerializer
    update_serializer_class = SmallWishUpdateSerializer
    filterset_class = SmallWishFilter
    ordering_fields = ["posted_on", "claimed_on", "fulfilled_on"]

    def get_queryset(self) -> QuerySet:
        return SmallWish.objects.for_user(self.request.user).select_related("community").order_by("-posted_on")


def register(router: Any) -> None:
    router.register("canteens", CanteenViewSet, basename="canteen")
    router.register("canteen-prices", CanteenPriceViewSet, basename="canteen-price")
    router.register("canteen-months", CanteenMonthViewSet, basename="canteen-month")
    router.register("facilities", FacilityViewSet, basename="facility")
    router.register("volunteer-teams", VolunteerTeamViewSet, basename="volunteer-team")
    router.register("volunteer-hours", VolunteerHoursViewSet, basename="volunteer-hours")
    router.register("small-wishes", SmallWishViewSet, basename="small-wish")
