"""Query-string filters of the community services (API)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from grids.filters import IdFilter, YearFilter
from grids.models import ScopedQuerySet

from .models import (
    Canteen,
    CanteenKind,
    CanteenMonth,
    CanteenPrice,
    CanteenStatus,
    Facility,
    FacilityKind,
    PriceGroup,
    SmallWish,
    VolunteerHours,
    VolunteerTeam,
)


class InAreaFilterSet(filters.FilterSet):
    """Filters by place every list of this app offers."""

    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))
    district = IdFilter(field_name="district_id", label=_("区/县ID"))
    area = IdFilter(method="filter_area", label=_("任一层级区域ID（含下级）"))

    def filter_area(self, queryset: ScopedQuerySet, name: str, value: int) -> QuerySet:
        return queryset.in_area(value)


class CanteenFilter(InAreaFilterSet):
    kind = filters.ChoiceFilter(choices=CanteenKind.choices, label=_("类型"))
    status = filters.ChoiceFilter(choices=CanteenStatus.choices, label=_("状态"))
    delivers = filters.BooleanFilter(label=_("提供送餐"))
    q = filters.CharFilter(method="filter_q", label=_("名称或地址"))

    class Meta:
        model = Canteen
        fields = ["community", "street", "district", "area", "kind", "status", "delivers", "q"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value)) if value else queryset


class CanteenPriceFilter(InAreaFilterSet):
    canteen = IdFilter(field_name="canteen_id", label=_("食堂ID"))
    group = filters.ChoiceFilter(choices=PriceGroup.choices, label=_("人群"))

    class Meta:
        model = CanteenPrice
        fields = ["canteen", "group", "community", "street", "district", "area"]


# A date's year outside what the database's dates hold (e.g. 10000, -1) makes the __year lookup raise: bounded,
# it is a 400 naming `year` instead.
MIN_YEAR, MAX_YEAR = 1900, 2100


class MonthRangeFilterSet(InAreaFilterSet):
    month_from = filters.DateFilter(field_name="month", lookup_expr="gte", label=_("月份不早于（YYYY-MM-DD）"))
    month_to = filters.DateFilter(field_name="month", lookup_expr="lte", label=_("月份不晚于（YYYY-MM-DD）"))
    year = YearFilter(field_name="month__year", label=_("年份"), min_value=MIN_YEAR, max_value=MAX_YEAR)


class CanteenMonthFilter(MonthRangeFilterSet):
    canteen = IdFilter(field_name="canteen_id", label=_("食堂ID"))

    class Meta:
        model = CanteenMonth
        fields = ["canteen", "community", "street", "district", "area", "month_from", "month_to", "year"]


class FacilityFilter(InAreaFilterSet):
    kind = filters.ChoiceFilter(choices=FacilityKind.choices, label=_("类型"))

    class Meta:
        model = Facility
        fields = ["kind", "community", "street", "district", "area"]


class VolunteerTeamFilter(InAreaFilterSet):
    class Meta:
        model = VolunteerTeam
        fields = ["community", "street", "district", "area"]


class VolunteerHoursFilter(MonthRangeFilterSet):
    team = IdFilter(field_name="team_id", label=_("志愿服务队ID"))

    class Meta:
        model = VolunteerHours
        fields = ["team", "community", "street", "district", "area", "month_from", "month_to", "year"]


class SmallWishFilter(InAreaFilterSet):
    claimed = filters.BooleanFilter(field_name="claimed_on", lookup_expr="isnull", exclude=True, label=_("已认领"))
    fulfilled = filters.BooleanFilter(field_name="fulfilled_on", lookup_expr="isnull", exclude=True, label=_("已实现"))

    class Meta:
        model = SmallWish
        fields = ["community", "street", "district", "area", "claimed", "fulfilled"]
