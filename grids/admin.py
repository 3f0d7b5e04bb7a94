"""The officials' admin.

`ScopedAdmin` is the base every app's admin uses for records in the area hierarchy:

- an official sees and changes only records inside their areas (`Model.objects.for_user`), a superuser
  everything; opening or posting to a record outside them is refused with 403, nothing changed;
- foreign-key choices are limited to what the user may see;
- writes go through grids.actions (`record_save` / `record_delete`: scope check and full_clean());
- change history (django-simple-history) with who, when and what changed;
- a save from a stale copy is refused with a conflict message (django-concurrency), nothing overwritten;
- Excel/CSV import and export (django-import-export) through the same actions, all-or-nothing per file.

Other apps subclass it; a model without an entry in grids.actions.SAVE_ACTIONS overrides `save_record`
(and `delete_record` if deleting needs more than the scope check).
"""

from __future__ import annotations

from typing import Any

from concurrency.admin import ConcurrentModelAdmin
from concurrency.exceptions import RecordModifiedError
from concurrency.forms import ConcurrentForm
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.resources import modelresource_factory
from simple_history.admin import SimpleHistoryAdmin

from .actions import record_delete, record_save
from .models import Area, Building, Compound, GridStaff, Level, OfficialArea, Unit, user_can_manage
from .resources import (
    LEDGER_FORMATS,
    AreaResource,
    BuildingResource,
    CompoundResource,
    ScopedModelResource,
    UnitResource,
)


def conflict_message(instance: models.Model) -> str:
    """What the second of two officials editing the same record is told."""
    latest = None
    if instance.pk and hasattr(instance, "history"):
        latest = instance.history.select_related("history_user").order_by("-history_date").first()
    if latest is not None and latest.history_user is not None:
        return gettext(
            "“%(obj)s”在您打开之后已被 %(user)s 于 %(when)s 修改。您的修改没有保存；"
            "请重新打开该记录，核对最新内容后再修改。"
        ) % {
            "obj": instance,
            "user": latest.history_user,
            "when": timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M"),
        }
    return gettext("“%(obj)s”在您打开之后已被他人修改。您的修改没有保存；请重新打开该记录，核对最新内容后再修改。") % {
        "obj": instance
    }


class ScopedForm(ConcurrentForm):
    """A model form refusing a save from a stale copy (the version posted is not the stored one)."""

    def clean(self) -> dict[str, Any]:
        meta = getattr(self.instance, "_concurrencymeta", None)
        name = meta.field.name if meta else None
        if self.instance.pk and name in self.fields and name in self.cleaned_data:
            stored = type(self.instance)._base_manager.filter(pk=self.instance.pk).values_list(name, flat=True).first()
            if stored is not None and stored != self.cleaned_data[name]:
                self.add_error(None, conflict_message(self.instance))
        # ConcurrentForm.clean repeats the check with an untranslated message; skip it.
        return forms.ModelForm.clean(self) or self.cleaned_data


class ScopeMixin:
    """Scoping shared by ScopedAdmin and the scoped inlines."""

    model: type[models.Model]

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        qs = super().get_queryset(request)  # type: ignore[misc]
        if not hasattr(qs, "for_user"):
            raise ImproperlyConfigured(f"{self.model.__name__}'s manager has no for_user(); it cannot be scoped.")
        return qs.for_user(request.user)

    def in_scope(self, request: HttpRequest, obj: models.Model | None) -> bool:
        return obj is None or user_can_manage(request.user, obj)

    def has_view_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)  # type: ignore[misc]

    def scoped_choices(self, db_field: models.ForeignKey, request: HttpRequest) -> models.QuerySet | None:
        qs = db_field.remote_field.model._default_manager.all()
        return qs.for_user(request.user) if hasattr(qs, "for_user") else None

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any) -> Any:
        if "queryset" not in kwargs:
            qs = self.scoped_choices(db_field, request)
            if qs is not None:
                kwargs["queryset"] = qs
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


def _area_id(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError as e:
        raise IncorrectLookupParameters(e) from e


class AreaListFilter(admin.SimpleListFilter):
    """Filter any model with the path columns (or Area itself) by an area of one level in the user's scope."""

    level: Level
    # The filter of the level above: when it is chosen, only its children are listed here.
    parent_parameter: str | None = None

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        areas = Area.objects.for_user(request.user).filter(level=self.level)
        parent_id = _area_id(request.GET.get(self.parent_parameter)) if self.parent_parameter else None
        if parent_id:
            areas = areas.in_area(parent_id)
        return [(str(pk), name) for pk, name in areas.order_by("code").values_list("pk", "name")]

    def queryset(self, request: HttpRequest, queryset: models.QuerySet) -> models.QuerySet:
        area_id = _area_id(self.value())
        return queryset.in_area(area_id) if area_id else queryset  # type: ignore[attr-defined]


class DistrictFilter(AreaListFilter):
    title = _("区/县")
    parameter_name = "district"
    level = Level.DISTRICT


class StreetFilter(AreaListFilter):
    title = _("街道")
    parameter_name = "street"
    level = Level.STREET
    parent_parameter = "district"


class CommunityFilter(AreaListFilter):
    title = _("社区")
    parameter_name = "community"
    level = Level.COMMUNITY
    parent_parameter = "street"


class ScopedAdmin(ScopeMixin, SimpleHistoryAdmin, ImportExportModelAdmin, ConcurrentModelAdmin):
    """Admin base for every record in the area hierarchy (see the module docstring)."""

    form = ScopedForm
    formats = LEDGER_FORMATS
    # Not worth showing in "what changed": the version counter and the derived pinyin.
    history_excluded_fields = ("version", "pinyin", "initials")

    # --- writes -----------------------------------------------------------------------------------

    def save_record(self, request: HttpRequest, obj: models.Model) -> None:
        """The one write of a record; subclasses for models of other apps point it at their action."""
        obj._history_user = request.user  # type: ignore[attr-defined]
        record_save(user=request.user, instance=obj)

    def delete_record(self, request: HttpRequest, obj: models.Model) -> None:
        obj._history_user = request.user  # type: ignore[attr-defined]
        record_delete(user=request.user, instance=obj)

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        self.save_record(request, obj)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        self.delete_record(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        for obj in queryset:
            self.delete_record(request, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows (buildings of a compound…) are written through their actions too."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            self.delete_record(request, obj)
        for obj in instances:
            self.save_record(request, obj)
        formset.save_m2m()

    # --- reads and scope --------------------------------------------------------------------------

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Out of scope is refused (403), not passed off as "perhaps deleted".
            field = self.model._meta.pk if from_field is None else self.model._meta.get_field(from_field)
            try:
                exists = self.model._base_manager.filter(**{field.name: field.to_python(object_id)}).exists()  # type: ignore[union-attr]
            except (ValidationError, ValueError):
                exists = False
            if exists:
                raise PermissionDenied(gettext("该记录不在您负责的区域内。"))
        return obj

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RecordModifiedError as e:
            # Changed between the form check and the save: the save was rolled back; say so.
            self.message_user(request, conflict_message(e.target), messages.ERROR)
            return HttpResponseRedirect(request.path)
        except ValidationError as e:
            # A rule an inline row's action enforces (a work item with reported progress stays, a building plan
            # with stage events stays): the whole save was rolled back; say why instead of a server error.
            self.message_user(request, " ".join(e.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)

    # --- history ----------------------------------------------------------------------------------

    def set_history_delta_changes(
        self, request: HttpRequest, historical_records: Any, foreign_keys_are_objs: bool = True
    ) -> None:
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=self.history_excluded_fields, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    # --- import / export --------------------------------------------------------------------------

    def get_resource_classes(self, request: HttpRequest) -> list[Any]:
        if not self.resource_classes:
            return [modelresource_factory(self.model, resource_class=ScopedModelResource)]
        return super().get_resource_classes(request)

    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)


class ScopedInlineMixin(ScopeMixin):
    """Inline rows: scoped, stale copies refused, foreign-key choices read once per page."""

    form: type[forms.ModelForm] = ScopedForm
    extra = 0
    show_change_link = True

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if isinstance(field, forms.ModelChoiceField) and not getattr(field.widget, "is_hidden", False):
            # Every inline row renders the same select: materialise it once, not one query per row.
            field.choices = list(field.choices)  # type: ignore[arg-type]
        return field


class ScopedTabularInline(ScopedInlineMixin, admin.TabularInline):
    pass


class ScopedStackedInline(ScopedInlineMixin, admin.StackedInline):
    pass


# --- the grids models -----------------------------------------------------------------------------


@admin.register(Area)
class AreaAdmin(ScopedAdmin):
    resource_classes = [AreaResource]
    list_display = ("name", "code", "level", "kind", "parent", "population", "households")
    list_filter = ("level", "kind", DistrictFilter, StreetFilter)
    search_fields = ("name", "code", "pinyin", "initials")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    exclude = ("is_generated",)


class BuildingInline(ScopedTabularInline):
    model = Building
    fields = ("name", "floors", "households", "grid", "version")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("compound")


@admin.register(Compound)
class CompoundAdmin(ScopedAdmin):
    resource_classes = [CompoundResource]
    list_display = ("name", "community", "street", "households", "high_rise", "year_built")
    list_filter = (StreetFilter, CommunityFilter, "high_rise")
    search_fields = ("name", "pinyin", "initials", "address")
    # The changelist reads the community and street names with the rows: no query per row.
    list_select_related = ("community", "street")
    exclude = ("is_generated",)
    inlines = [BuildingInline]


class UnitInline(ScopedTabularInline):
    model = Unit
    fields = ("name", "households", "version")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("building__compound")


@admin.register(Building)
class BuildingAdmin(ScopedAdmin):
    resource_classes = [BuildingResource]
    list_display = ("name", "compound", "community", "floors", "households", "grid")
    list_filter = (StreetFilter, CommunityFilter)
    search_fields = ("name", "compound__name", "compound__pinyin", "compound__initials")
    list_select_related = ("compound", "community", "grid")
    autocomplete_fields = ("compound",)
    exclude = ("is_generated", "community")  # the community follows the compound
    inlines = [UnitInline]

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        # str(building) names its compound (autocomplete, history, messages).
        return super().get_queryset(request).select_related("compound")


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    resource_classes = [UnitResource]
    list_display = ("name", "building", "community", "households")
    list_filter = (StreetFilter, CommunityFilter)
    search_fields = ("name", "building__name", "building__compound__name", "building__compound__pinyin")
    list_select_related = ("building__compound", "community")
    autocomplete_fields = ("building",)
    exclude = ("is_generated", "community")  # the community follows the building

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("building__compound")


@admin.register(GridStaff)
class GridStaffAdmin(ScopedAdmin):
    list_display = ("name", "role", "grid", "community", "phone")
    list_filter = ("role", StreetFilter, CommunityFilter)
    search_fields = ("name", "phone")
    list_select_related = ("grid", "community")
    autocomplete_fields = ("building", "unit")
    exclude = ("is_generated", "community")  # the community follows the grid


# --- who is responsible for what: set by administrators on the user --------------------------------


class OfficialAreaInline(admin.TabularInline):
    model = OfficialArea
    extra = 0
    autocomplete_fields = ("area",)
    verbose_name = _("负责区域")
    verbose_name_plural = _("负责区域（该账号可查看和修改这些区域内的记录）")


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class OfficialUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, OfficialAreaInline]

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        # The add form is UserAdmin's two-step one; areas are assigned once the account exists.
        return super().get_inline_instances(request, obj) if obj is not None else []
