"""The officials' admin of the employment app: scoped to their areas (grids.admin.ScopedAdmin), writes through
employment.actions, monthly reports and postings importable from Excel ledgers, and the annual employment
targets, which only the level above may set."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from grids.admin import CommunityFilter, ScopedAdmin, StreetFilter
from grids.models import Area, Level
from rollups.actions import ensure_can_set_target

from .actions import employment_target_set
from .models import (
    EmploymentTarget,
    JobFair,
    JobPosting,
    JobStation,
    MonthlyAchievement,
    Placement,
    StartupProject,
    TargetCategory,
    Training,
)
from .resources import JobPostingResource, MonthlyAchievementResource


class EmploymentAdmin(ScopedAdmin):
    """ScopedAdmin writing through employment.actions; import only where a ledger format is defined."""

    def has_import_permission(self, request: HttpRequest) -> bool:
        return bool(self.resource_classes) and super().has_import_permission(request)


class StationRecordAdmin(EmploymentAdmin):
    """Records of a station's work: the community follows the station."""

    list_filter: Any = (StreetFilter, CommunityFilter)
    list_select_related = ("station", "community")
    autocomplete_fields: tuple[str, ...] = ("station",)
    exclude = ("is_generated", "community")


@admin.register(JobStation)
class JobStationAdmin(EmploymentAdmin):
    list_display = ("name", "community", "street", "opened", "is_demonstration", "provincially_recognised")
    list_filter = (StreetFilter, CommunityFilter, "is_demonstration", "provincially_recognised")
    search_fields = ("name", "community__name", "address")
    list_select_related = ("community", "street")
    exclude = ("is_generated",)


@admin.register(JobPosting)
class JobPostingAdmin(StationRecordAdmin):
    resource_classes = [JobPostingResource]
    list_display = ("title", "employer", "station", "positions", "published", "closed", "channel")
    list_filter = (StreetFilter, CommunityFilter, "channel")
    search_fields = ("title", "employer", "station__name")
    date_hierarchy = "published"


@admin.register(JobFair)
class JobFairAdmin(StationRecordAdmin):
    list_display = ("name", "station", "held_on", "employers", "positions", "intents")
    search_fields = ("name", "station__name")
    date_hierarchy = "held_on"


@admin.register(Training)
class TrainingAdmin(StationRecordAdmin):
    list_display = ("course", "station", "starts_on", "ends_on", "trainees", "stable_employed")
    search_fields = ("course", "station__name")
    date_hierarchy = "starts_on"


@admin.register(StartupProject)
class StartupProjectAdmin(StationRecordAdmin):
    list_display = ("name", "station", "supported_on", "jobs_created")
    search_fields = ("name", "station__name")
    date_hierarchy = "supported_on"


@admin.register(Placement)
class PlacementAdmin(StationRecordAdmin):
    list_display = ("person_name", "id_tail", "employer", "job_title", "station", "placed_on")
    search_fields = ("person_name", "employer", "station__name")
    autocomplete_fields = ("station", "posting")
    date_hierarchy = "placed_on"


@admin.register(MonthlyAchievement)
class MonthlyAchievementAdmin(EmploymentAdmin):
    resource_classes = [MonthlyAchievementResource]
    list_display = ("community", "street", "category", "month", "achieved")
    list_filter = ("category", StreetFilter, CommunityFilter)
    list_select_related = ("community", "street")
    search_fields = ("community__name", "note")
    date_hierarchy = "month"
    exclude = ("is_generated",)


# ---------------------------------------------------------------- annual targets (set by the level above)


def can_set_target(user: Any, area: Area) -> bool:
    try:
        ensure_can_set_target(user, area)
    except PermissionDenied:
        return False
    return True


class EmploymentTargetForm(forms.ModelForm):
    indicator = forms.ChoiceField(label=_("目标类别"), choices=TargetCategory.choices)
    user: Any = None  # who sets the target (EmploymentTargetAdmin.get_form)

    class Meta:
        model = EmploymentTarget
        fields = ["area", "indicator", "year", "value"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        area = cleaned.get("area")
        if area is not None:  # a new target (an existing one's area is read-only)
            try:
                ensure_can_set_target(self.user, area)
            except PermissionDenied as e:
                self.add_error("area", str(e))
        return cleaned


class CategoryFilter(admin.SimpleListFilter):
    """The target categories by name, not by indicator code."""

    title = _("目标类别")
    parameter_name = "indicator"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(TargetCategory.choices)

    def queryset(self, request: HttpRequest, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.filter(indicator=self.value()) if self.value() else queryset


@admin.register(EmploymentTarget)
class EmploymentTargetAdmin(SimpleHistoryAdmin):
    """The five employment targets of the areas below the official's own; their own areas' targets are
    shown but cannot be changed (the level above sets them)."""

    form = EmploymentTargetForm
    list_display = ("area", "category", "year", "value", "set_by", "set_at")
    list_filter = ("year", CategoryFilter)
    search_fields = ("area__name", "area__code")
    list_select_related = ("area", "set_by")
    readonly_fields = ("set_by", "set_at")
    # Which target it is stays fixed once set: a change changes its value, never moves it to another area or year.
    identity = ("area", "indicator", "category", "year")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return (*self.identity, *self.readonly_fields) if obj is not None else self.readonly_fields

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:  # the category by name in place of the indicator code
            return ["area", "category", "year", "value", *self.readonly_fields]
        return super().get_fields(request, obj)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user  # a class made for this request (modelform_factory)
        return form

    @admin.display(description=_("目标类别"), ordering="indicator")
    def category(self, obj: EmploymentTarget) -> str:
        return str(dict(TargetCategory.choices).get(obj.indicator, obj.indicator))

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        scoped = Area.objects.for_user(request.user).values("pk")
        return super().get_queryset(request).filter(area__in=scoped)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "area":
            kwargs["queryset"] = Area.objects.for_user(request.user).filter(level__lte=Level.COMMUNITY)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_set_target(request.user, obj.area))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Targets are only ever set (target_set); a wrong one is corrected by setting it again.
        return False

    def save_model(self, request: HttpRequest, obj: EmploymentTarget, form: Any, change: bool) -> None:
        saved = employment_target_set(
            user=request.user, area=obj.area, category=obj.indicator, year=obj.year, value=obj.value
        )
        obj.pk = saved.pk
