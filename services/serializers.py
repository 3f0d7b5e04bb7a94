"""API shapes of the community services. Read serializers present public facts only (no person); write
serializers check shape and types; the rules live in the models and run in services.actions."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from grids.models import Area, Level
from grids.serializers import AreaRefSerializer, VersionedUpdateSerializer

from .models import (
    MAX_AGE,
    Canteen,
    CanteenMonth,
    CanteenMonthCorrection,
    CanteenPrice,
    Facility,
    SmallWish,
    VolunteerHours,
    VolunteerTeam,
)

MONTH_FORMATS = ["%Y-%m", "iso-8601"]
MONTH_HELP = _("月份，如 2025-03（也接受该月任一日期）")


def month_field(**kwargs: Any) -> serializers.DateField:
    return serializers.DateField(input_formats=MONTH_FORMATS, help_text=MONTH_HELP, **kwargs)


class CanteenRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Canteen
        fields = ["id", "name"]
        read_only_fields = fields


# ---------------------------------------------------------------- reads


class CanteenPriceSerializer(serializers.ModelSerializer):
    group_display = serializers.CharField(source="group_label", read_only=True, help_text=_("适用人群"))

    class Meta:
        model = CanteenPrice
        fields = ["id", "canteen", "group", "group_display", "min_age", "price", "note", "version"]
        read_only_fields = fields


class CanteenSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    operating_model_display = serializers.CharField(source="get_operating_model_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    community = AreaRefSerializer(read_only=True)
    street = AreaRefSerializer(read_only=True, allow_null=True)
    district = AreaRefSerializer(read_only=True, allow_null=True)
    serves = AreaRefSerializer(many=True, read_only=True, help_text=_("除所在社区外还服务的社区/村"))
    prices = CanteenPriceSerializer(many=True, read_only=True)

    class Meta:
        model = Canteen
        fields = [
            "id",
            "name",
            "kind",
            "kind_display",
            "address",
            "opening_hours",
            "delivers",
            "delivery_note",
            "prices",
            "seats",
            "registered_seniors",
            "operator",
            "operating_model",
            "operating_model_display",
            "opened_on",
            "status",
            "status_display",
            "closed_on",
            "community",
            "street",
            "district",
            "serves",
            "note",
            "version",
        ]
        read_only_fields = fields


class CorrectionSerializer(serializers.ModelSerializer):
    """A correction of monthly figures: what changed and why (who corrected stays in the admin)."""

    class Meta:
        model = CanteenMonthCorrection
        fields = ["changes", "reason", "corrected_at"]
        read_only_fields = fields


class CanteenMonthSerializer(serializers.ModelSerializer):
    canteen = CanteenRefSerializer(read_only=True)
    community = AreaRefSerializer(read_only=True)
    street = AreaRefSerializer(read_only=True, allow_null=True)
    month = serializers.DateField(format="%Y-%m", read_only=True)
    corrections = CorrectionSerializer(many=True, read_only=True, help_text=_("更正记录，按时间先后"))

    class Meta:
        model = CanteenMonth
        fields = [
            "id",
            "canteen",
            "community",
            "street",
            "month",
            "meals_served",
            "seniors_served",
            "deliveries",
            "subsidy_paid",
            "corrections",
            "version",
        ]
        read_only_fields = fields


class PriceQuestionSerializer(serializers.Serializer):
    """Who is asking: what the discounts depend on."""

    age = serializers.IntegerField(required=False, min_value=0, max_value=MAX_AGE, help_text=_("周岁"))
    subsistence = serializers.BooleanField(required=False, default=False, help_text=_("低保户"))
    disabled = serializers.BooleanField(required=False, default=False, help_text=_("残疾人"))
    contributor = serializers.BooleanField(
        required=False, default=False, help_text=_("劳模、见义勇为伤残、因公伤残等特殊贡献人员")
    )


class PriceQuoteSerializer(serializers.Serializer):
    price = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, help_text=_("每餐价格（元）；没有适用的价格时为空")
    )
    group = serializers.CharField(allow_null=True, help_text=_("按哪一人群的价格"))
    rule = serializers.CharField(help_text=_("计价规则"))
    applicable = CanteenPriceSerializer(many=True, help_text=_("您符合的全部价格，从低到高"))


class FacilitySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    community = AreaRefSerializer(read_only=True)
    street = AreaRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Facility
        fields = [
            "id",
            "kind",
            "kind_display",
            "name",
            "address",
            "opening_hours",
            "floor_area",
            "books",
            "places",
            "fee",
            "audience",
            "description",
            "community",
            "street",
            "version",
        ]
        read_only_fields = fields


class VolunteerTeamSerializer(serializers.ModelSerializer):
    community = AreaRefSerializer(read_only=True)
    street = AreaRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = VolunteerTeam
        fields = ["id", "name", "volunteers", "services", "community", "street", "version"]
        read_only_fields = fields


class VolunteerHoursSerializer(serializers.ModelSerializer):
    team: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    community = AreaRefSerializer(read_only=True)
    month = serializers.DateField(format="%Y-%m", read_only=True)

    class Meta:
        model = VolunteerHours
        fields = ["id", "team", "community", "month", "hours", "version"]
        read_only_fields = fields


class SmallWishSerializer(serializers.ModelSerializer):
    """Officials only: who claimed a wish may be a person."""

    community = AreaRefSerializer(read_only=True)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = SmallWish
        fields = [
            "id",
            "title",
            "community",
            "posted_on",
            "claimed_on",
            "claimed_by",
            "fulfilled_on",
            "status",
            "version",
        ]
        read_only_fields = fields


# ---------------------------------------------------------------- writes

CANTEEN_WRITE_FIELDS = [
    "name",
    "kind",
    "address",
    "operator",
    "operating_model",
    "seats",
    "registered_seniors",
    "opening_hours",
    "opened_on",
    "delivers",
    "delivery_note",
    "status",
    "closed_on",
    "note",
    "serves",
]


SERVES_HELP = _("除所在社区外还服务的社区/村（ID）：替换您负责区域内的这些社区；其他区域的社区由其负责人管理，保持不变")


def _communities() -> Any:
    return Area.objects.filter(level=Level.COMMUNITY)


class CanteenCreateSerializer(serializers.ModelSerializer):
    serves = serializers.PrimaryKeyRelatedField(
        queryset=_communities(), many=True, required=False, help_text=SERVES_HELP
    )

    class Meta:
        model = Canteen
        fields = ["community", *CANTEEN_WRITE_FIELDS]


class CanteenUpdateSerializer(VersionedUpdateSerializer):
    """The community is fixed once created (its prices and figures carry it)."""

    serves = serializers.PrimaryKeyRelatedField(
        queryset=_communities(), many=True, required=False, help_text=SERVES_HELP
    )

    class Meta:
        model = Canteen
        fields = [*CANTEEN_WRITE_FIELDS, "version"]


class CanteenPriceCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = CanteenPrice
        fields = ["canteen", "group", "min_age", "price", "note"]


class CanteenPriceUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = CanteenPrice
        fields = ["group", "min_age", "price", "note", "version"]


class CanteenMonthCreateSerializer(serializers.ModelSerializer):
    month = month_field()

    class Meta:
        model = CanteenMonth
        fields = ["canteen", "month", "meals_served", "seniors_served", "deliveries", "subsidy_paid"]


class CanteenMonthCorrectSerializer(VersionedUpdateSerializer):
    """A correction: the new figures and, always, why."""

    reason = serializers.CharField(max_length=500, allow_blank=True, help_text=_("更正原因（必填）"))

    class Meta:
        model = CanteenMonth
        fields = ["meals_served", "seniors_served", "deliveries", "subsidy_paid", "reason", "version"]


class FacilityCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Facility
        fields = [
            "community",
            "kind",
            "name",
            "address",
            "opening_hours",
            "floor_area",
            "books",
            "places",
            "fee",
            "audience",
            "description",
        ]


class FacilityUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = Facility
        fields = [*FacilityCreateSerializer.Meta.fields[1:], "version"]


class VolunteerTeamCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = VolunteerTeam
        fields = ["community", "name", "volunteers", "services"]


class VolunteerTeamUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = VolunteerTeam
        fields = ["name", "volunteers", "services", "version"]


class VolunteerHoursCreateSerializer(serializers.ModelSerializer):
    month = month_field()

    class Meta:
        model = VolunteerHours
        fields = ["team", "month", "hours"]


class VolunteerHoursUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = VolunteerHours
        fields = ["hours", "version"]


class SmallWishCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = SmallWish
        fields = ["community", "title", "posted_on", "claimed_on", "claimed_by", "fulfilled_on"]


class SmallWishUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = SmallWish
        fields = ["title", "posted_on", "claimed_on", "claimed_by", "fulfilled_on", "version"]
