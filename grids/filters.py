"""Query-string filters of the hierarchy, shared by the API (and usable by HTML list pages)."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import Area, AreaKind, Building, Compound, GridRole, GridStaff, Level, ScopedQuerySet, Unit


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.NumberFilter):
    """A record id: a whole number, so '1.5' or 'abc' is a 400 naming the parameter, never a 500."""

    field_class = forms.IntegerField


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(filters.NumberFilter):
    field_class = forms.IntegerField


def name_search(queryset: QuerySet, value: str, *extra_fields: str) -> QuerySet:
    """Name, full pinyin or pinyin initials ('sjy' finds 盛景园), plus any `extra_fields`."""
    value = value.strip()
    if not value:
        return queryset
    lowered = value.lower()
    condition = Q(name__icontains=value) | Q(pinyin__icontains=lowered) | Q(initials__icontains=lowered)
    for field in extra_fields:
        condition |= Q(**{f"{field}__icontains": value})
    return queryset.filter(condition)


class AreaFilter(filters.FilterSet):
    level = filters.TypedChoiceFilter(choices=Level.choices, coerce=int, label=_("层级"))
    kind = filters.ChoiceFilter(choices=AreaKind.choices, label=_("类型"))
    parent = IdFilter(field_name="parent_id", label=_("上级区域ID"))
    district = IdFilter(field_name="district_id", label=_("区/县ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))
    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    q = filters.CharFilter(method="filter_q", label=_("名称、拼音或拼音首字母"))

    class Meta:
        model = Area
        fields = ["level", "kind", "parent", "district", "street", "community", "q"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return name_search(queryset, value)


class CompoundFilter(filters.FilterSet):
    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))
    district = IdFilter(field_name="district_id", label=_("区/县ID"))
    area = IdFilter(method="filter_area", label=_("任一层级区域ID（含下级）"))
    high_rise = filters.BooleanFilter(label=_("高层"))
    year_built_min = YearFilter(field_name="year_built", lookup_expr="gte", label=_("建成年份不早于"))
    year_built_max = YearFilter(field_name="year_built", lookup_expr="lte", label=_("建成年份不晚于"))
    q = filters.CharFilter(method="filter_q", label=_("名称、拼音、拼音首字母或地址"))

    class Meta:
        model = Compound
        fields = ["community", "street", "district", "area", "high_rise", "year_built_min", "year_built_max", "q"]

    def filter_area(self, queryset: ScopedQuerySet, name: str, value: int) -> QuerySet:
        return queryset.in_area(value)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return name_search(queryset, value, "address")


class BuildingFilter(filters.FilterSet):
    compound = IdFilter(field_name="compound_id", label=_("小区ID"))
    grid = IdFilter(field_name="grid_id", label=_("网格ID"))
    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))
    district = IdFilter(field_name="district_id", label=_("区/县ID"))

    class Meta:
        model = Building
        fields = ["compound", "grid", "community", "street", "district"]


class UnitFilter(filters.FilterSet):
    building = IdFilter(field_name="building_id", label=_("楼栋ID"))
    compound = IdFilter(field_name="building__compound_id", label=_("小区ID"))
    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))

    class Meta:
        model = Unit
        fields = ["building", "compound", "community", "street"]


class GridStaffFilter(filters.FilterSet):
    role = filters.ChoiceFilter(choices=GridRole.choices, label=_("角色"))
    grid = IdFilter(field_name="grid_id", label=_("网格ID"))
    building = IdFilter(field_name="building_id", label=_("楼栋ID"))
    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))

    class Meta:
        model = GridStaff
        fields = ["role", "grid", "building", "community", "street"]
