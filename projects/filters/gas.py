"""Query-string filters of gas-connection campaigns, for the API (and the board's street filter)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from grids.filters import IdFilter, name_search
from grids.models import Compound

from ..models.gas import (
    GasBlocker,
    GasBuildingPlan,
    GasCampaign,
    GasCompoundPlan,
    GasStage,
    GasStageEvent,
    ready_condition,
)


class GasCampaignFilter(filters.FilterSet):
    district = IdFilter(field_name="district_id", label=_("区/县ID"))

    class Meta:
        model = GasCampaign
        fields = ["district"]


class GasCompoundPlanFilter(filters.FilterSet):
    campaign = IdFilter(field_name="campaign_id", label=_("燃气开通攻坚ID"))
    compound = IdFilter(field_name="compound_id", label=_("小区ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))
    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    ready = filters.BooleanFilter(method="filter_ready", label=_("具备通气条件"))
    q = filters.CharFilter(method="filter_q", label=_("小区名称、拼音或拼音首字母"))

    class Meta:
        model = GasCompoundPlan
        fields = ["campaign", "compound", "street", "community", "ready", "q"]

    def filter_ready(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(ready_condition()) if value else queryset.exclude(ready_condition())

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        ids = name_search(Compound.objects.all(), value).values("pk")
        return queryset.filter(compound_id__in=ids)


class GasBuildingPlanFilter(filters.FilterSet):
    campaign = IdFilter(field_name="compound_plan__campaign_id", label=_("燃气开通攻坚ID"))
    compound_plan = IdFilter(field_name="compound_plan_id", label=_("小区燃气方案ID"))
    compound = IdFilter(field_name="building__compound_id", label=_("小区ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))
    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    stage = filters.TypedChoiceFilter(choices=GasStage.choices, coerce=int, label=_("阶段"))

    class Meta:
        model = GasBuildingPlan
        fields = ["campaign", "compound_plan", "compound", "street", "community", "stage"]


class GasStageEventFilter(filters.FilterSet):
    building_plan = IdFilter(field_name="building_plan_id", label=_("楼栋燃气计划ID"))
    campaign = IdFilter(field_name="building_plan__compound_plan__campaign_id", label=_("燃气开通攻坚ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))
    to_stage = filters.TypedChoiceFilter(choices=GasStage.choices, coerce=int, label=_("新阶段"))
    reached_after = filters.DateFilter(field_name="reached_on", lookup_expr="gte", label=_("到达日期不早于"))
    reached_before = filters.DateFilter(field_name="reached_on", lookup_expr="lte", label=_("到达日期不晚于"))

    class Meta:
        model = GasStageEvent
        fields = ["building_plan", "campaign", "street", "to_stage", "reached_after", "reached_before"]


class GasBlockerFilter(filters.FilterSet):
    campaign = IdFilter(field_name="compound_plan__campaign_id", label=_("燃气开通攻坚ID"))
    compound_plan = IdFilter(field_name="compound_plan_id", label=_("小区燃气方案ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))
    open = filters.BooleanFilter(field_name="resolved_on", lookup_expr="isnull", label=_("未解决"))

    class Meta:
        model = GasBlocker
        fields = ["campaign", "compound_plan", "street", "open"]
