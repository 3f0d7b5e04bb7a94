"""The officials' admin of the community services: scoped to their areas (grids.admin.ScopedAdmin), writes through
services.actions, the canteens' monthly ledger importable from Excel, corrections recorded with their reason."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from grids.admin import CommunityFilter, ScopedAdmin, ScopedForm, ScopedTabularInline, StreetFilter
from grids.models import Area, Level

from . import actions
from .models import (
    FIGURE_FIELDS,
    Canteen,
    CanteenMonth,
    CanteenMonthCorrection,
    CanteenPrice,
    Facility,
    SmallWish,
    VolunteerHours,
    VolunteerTeam,
)
from .resources import CanteenMonthResource


class ServiceAdmin(ScopedAdmin):
    """Only the monthly ledger is imported from Excel; the rest exports. (Writes go through services.actions,
    registered with grids.actions.)"""

    importable = False

    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.importable and super().has_import_permission(request)


class CanteenPriceInline(ScopedTabularInline):
    model = CanteenPrice
    fields = ("group", "min_age", "price", "note", "version")


@admin.register(Canteen)
class CanteenAdmin(ServiceAdmin):
    list_display = ("name", "kind", "community", "street", "seats", "delivers", "status", "opened_on")
    list_filter = (StreetFilter, CommunityFilter, "kind", "status", "delivers")
    search_fields = ("name", "address", "operator")
    list_select_related = ("community", "street")
    exclude = ("is_generated",)
    filter_horizontal = ("serves",)
    inlines = [CanteenPriceInline]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "serves":
            kwargs["queryset"] = Area.objects.for_user(request.user).filter(level=Level.COMMUNITY).order_by("code")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        assert isinstance(obj, Canteen)
        obj._history_user = request.user  # type: ignore[attr-defined]
        actions.canteen_save(user=request.user, canteen=obj, serves=form.cleaned_data.get("serves"))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The served communities were set by canteen_save; only the price rows are left.
        for formset in formsets:
            self.save_formset(request, form, formset, change)


class CorrectionInline(ScopedTabularInline):
    model = CanteenMonthCorrection
    fields = ("corrected_at", "changes_display", "reason", "corrected_by")
    readonly_fields = fields
    show_change_link = False
    verbose_name_plural = _("更正记录")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        # Who corrected, and the row's title (its figure and canteen), shown on every row: read with the rows,
        # not a query per row.
        return super().get_queryset(request).select_related("corrected_by", "figure__canteen")

    @admin.display(description=_("更正内容"))
    def changes_display(self, obj: CanteenMonthCorrection) -> str:
        return "；".join(f"{label}：{old} → {new}" for label, old, new in obj.changes_display())

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CanteenMonthForm(ScopedForm):
    correction_reason = forms.CharField(
        label=_("更正原因"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("修改已录入的数据时必填：原值、新值和原因都会保留在更正记录中。"),
    )

    class Meta:
        model = CanteenMonth
        exclude = ("is_generated", "community")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Shown on the form rather than refused at save: the same rule canteen_month_correct enforces.
        changed = self.instance.pk and any(f in self.changed_data for f in FIGURE_FIELDS)
        if changed and not (cleaned.get("correction_reason") or "").strip():
            self.add_error("correction_reason", actions.REASON_REQUIRED)
        return cleaned


@admin.register(CanteenMonth)
class CanteenMonthAdmin(ServiceAdmin):
    importable = True
    resource_classes = [CanteenMonthResource]
    form = CanteenMonthForm
    list_display = ("canteen", "month", "meals_served", "seniors_served", "deliveries", "subsidy_paid", "corrected")
    list_filter = (StreetFilter, CommunityFilter)
    date_hierarchy = "month"
    search_fields = ("canteen__name",)
    list_select_related = ("canteen",)
    inlines = [CorrectionInline]

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).annotate(n_corrections=models.Count("corrections"))

    @admin.display(description=_("更正次数"), ordering="n_corrections")
    def corrected(self, obj: CanteenMonth) -> int:
        return getattr(obj, "n_corrections", 0)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Entered figures are corrected, not moved to another canteen or month.
        return ("canteen", "month") if obj is not None else ()

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            form.base_fields = {k: v for k, v in form.base_fields.items() if k != "correction_reason"}
        return form

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        assert isinstance(obj, CanteenMonth)
        obj._history_user = request.user  # type: ignore[attr-defined]
        if not change:
            actions.canteen_month_record(user=request.user, figure=obj)
        elif any(f in form.changed_data for f in FIGURE_FIELDS):
            actions.canteen_month_correct(
                user=request.user, figure=obj, reason=form.cleaned_data.get("correction_reason", "")
            )


class VolunteerHoursInline(ScopedTabularInline):
    model = VolunteerHours
    fields = ("month", "hours", "version")


@admin.register(Facility)
class FacilityAdmin(ServiceAdmin):
    list_display = ("name", "kind", "community", "street", "floor_area", "books", "opening_hours")
    list_filter = (StreetFilter, CommunityFilter, "kind")
    search_fields = ("name", "address")
    list_select_related = ("community", "street")
    exclude = ("is_generated",)


@admin.register(VolunteerTeam)
class VolunteerTeamAdmin(ServiceAdmin):
    list_display = ("name", "community", "street", "volunteers")
    list_filter = (StreetFilter, CommunityFilter)
    search_fields = ("name",)
    list_select_related = ("community", "street")
    exclude = ("is_generated",)
    inlines = [VolunteerHoursInline]


@admin.register(SmallWish)
class SmallWishAdmin(ServiceAdmin):
    list_display = ("title", "community", "posted_on", "claimed_on", "claimed_by", "fulfilled_on")
    list_filter = (StreetFilter, CommunityFilter)
    search_fields = ("title", "claimed_by")
    list_select_related = ("community",)
    date_hierarchy = "posted_on"
    exclude = ("is_generated",)
