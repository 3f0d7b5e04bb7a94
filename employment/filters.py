"""Query-string filters of the employment API (django-filter): a malformed value is a 400 naming it."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from grids.filters import IdFilter, YearFilter
from grids.models import Compound, ScopedQuerySet

from .models import Channel, JobFair, JobPosting, JobStation, MonthlyAchievement, Placement, StartupProject, Training
from .selectors import YEAR_MAX, YEAR_MIN, nearest_first


def year_filter(**kwargs: object) -> YearFilter:
    """A year within YEAR_MIN..YEAR_MAX: ?year=10000 or ?year=-1 is a 400 naming it, never a date lookup's 500."""
    return YearFilter(label=_("年度"), min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


class AreaScopedFilterSet(filters.FilterSet):
    """Filters shared by every record that lies in a community."""

    area = IdFilter(method="filter_area", label=_("任一层级区域ID（含下级）"))
    community = IdFilter(field_name="community_id", label=_("社区/村ID"))
    street = IdFilter(field_name="street_id", label=_("街道/乡镇ID"))
    district = IdFilter(field_name="district_id", label=_("区/县ID"))

    def filter_area(self, queryset: ScopedQuerySet, name: str, value: int) -> QuerySet:
        return queryset.in_area(value)


class JobStationFilter(AreaScopedFilterSet):
    is_demonstration = filters.BooleanFilter(label=_("示范点"))
    provincially_recognised = filters.BooleanFilter(label=_("省级认定"))
    near_compound = IdFilter(method="filter_near", label=_("小区ID：该小区所在街道的驿站，本社区的排在前面"))

    class Meta:
        model = JobStation
        fields = ["area", "community", "street", "district", "is_demonstration", "provincially_recognised"]

    def filter_near(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        compound = get_object_or_404(Compound, pk=value)
        return nearest_first(queryset.filter(street_id=compound.street_id), compound)


class StationRecordFilter(AreaScopedFilterSet):
    station = IdFilter(field_name="station_id", label=_("驿站ID"))
    year = year_filter(method="filter_year")
    date_field = ""

    def filter_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(**{f"{self.date_field}__year": value})


class JobPostingFilter(StationRecordFilter):
    date_field = "published"
    channel = filters.ChoiceFilter(choices=Channel.choices, label=_("发布渠道"))
    open = filters.BooleanFilter(method="filter_open", label=_("仍在招聘（今天）"))
    published_from = filters.DateFilter(field_name="published", lookup_expr="gte", label=_("发布日期不早于"))
    published_to = filters.DateFilter(field_name="published", lookup_expr="lte", label=_("发布日期不晚于"))

    class Meta:
        model = JobPosting
        fields = ["area", "community", "street", "district", "station", "channel", "open", "year"]

    def filter_open(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        today: dt.date = timezone.localdate()
        still_open = JobPosting.objects.open_on(today).values("pk")
        return queryset.filter(pk__in=still_open) if value else queryset.exclude(pk__in=still_open)


class JobFairFilter(StationRecordFilter):
    date_field = "held_on"

    class Meta:
        model = JobFair
        fields = ["area", "community", "street", "district", "station", "year"]


class TrainingFilter(StationRecordFilter):
    date_field = "starts_on"

    class Meta:
        model = Training
        fields = ["area", "community", "street", "district", "station", "year"]


class StartupProjectFilter(StationRecordFilter):
    date_field = "supported_on"

    class Meta:
        model = StartupProject
        fields = ["area", "community", "street", "district", "station", "year"]


class PlacementFilter(StationRecordFilter):
    date_field = "placed_on"

    class Meta:
        model = Placement
        fields = ["area", "community", "street", "district", "station", "year"]


class MonthlyAchievementFilter(AreaScopedFilterSet):
    category = filters.ChoiceFilter(choices=MonthlyAchievement._meta.get_field("category").choices)
    year = year_filter(field_name="month", lookup_expr="year")
    month_from = filters.DateFilter(field_name="month", lookup_expr="gte", label=_("月份不早于"))
    month_to = filters.DateFilter(field_name="month", lookup_expr="lte", label=_("月份不晚于"))

    class Meta:
        model = MonthlyAchievement
        fields = ["area", "community", "street", "district", "category", "year", "month_from", "month_to"]
