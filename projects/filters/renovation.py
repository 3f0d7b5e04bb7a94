"""Renovation of old compounds (老旧小区改造): query-string filters for the API and the residents' list pages."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from grids.filters import IdFilter, YearFilter

from ..models.renovation import (
    RenovationCategory,
    RenovationEntry,
    RenovationProject,
    RenovationProjectQuerySet,
    RenovationReport,
    RenovationStatus,
    RenovationWorkItem,
    WorkItemStatus,
    WorkKind,
)


class RenovationProjectFilter(filters.FilterSet):
    area = IdFilter(method="filter_area", label=_("任一层级区域ID（含下级）"))
    district = IdFilter(field_name="district_id", label=_("区/县ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))
    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    compound = IdFilter(field_name="compounds", label=_("小区ID"))
    year = YearFilter(field_name="plan_year", label=_("计划年度"))
    status = filters.ChoiceFilter(choices=RenovationStatus.choices, label=_("状态"))
    category = filters.ChoiceFilter(choices=RenovationCategory.choices, label=_("改造类别"))
    late = filters.BooleanFilter(method="filter_late", label=_("逾期（过了计划完工日期仍未完工）"))
    q = filters.CharFilter(method="filter_q", label=_("项目或小区名称"))

    class Meta:
        model = RenovationProject
        fields = ["area", "district", "street", "community", "compound", "year", "status", "category", "late", "q"]

    def filter_area(self, queryset: RenovationProjectQuerySet, name: str, value: int) -> QuerySet:
        return queryset.in_area(value)

    def filter_late(self, queryset: RenovationProjectQuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.late() if value else queryset.on_time()

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()[:50]
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(compounds__name__icontains=value)).distinct()


class RenovationWorkItemFilter(filters.FilterSet):
    project = IdFilter(field_name="project_id", label=_("改造项目ID"))
    kind = filters.ChoiceFilter(choices=WorkKind.choices, label=_("改造内容"))
    status = filters.ChoiceFilter(choices=WorkItemStatus.choices, label=_("状态"))
    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))

    class Meta:
        model = RenovationWorkItem
        fields = ["project", "kind", "status", "community", "street"]


class RenovationReportFilter(filters.FilterSet):
    project = IdFilter(field_name="project_id", label=_("改造项目ID"))
    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))
    since = filters.DateFilter(field_name="reported_on", lookup_expr="gte", label=_("填报日期不早于"))
    until = filters.DateFilter(field_name="reported_on", lookup_expr="lte", label=_("填报日期不晚于"))

    class Meta:
        model = RenovationReport
        fields = ["project", "community", "street", "since", "until"]


class RenovationEntryFilter(filters.FilterSet):
    work_item = IdFilter(field_name="work_item_id", label=_("改造内容ID"))
    project = IdFilter(field_name="project_id", label=_("改造项目ID"))

    class Meta:
        model = RenovationEntry
        fields = ["work_item", "project"]
