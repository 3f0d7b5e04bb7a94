"""Gas-connection campaigns in the officials' admin: campaigns, compound plans with their buildings inline (stage
changes recorded as events), the buildings with a bulk "advance one stage" action, blockers, the read-only stage
events, the campaign ledgers, and the campaign board scoped to the official's areas."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grids.admin import CommunityFilter, ScopedAdmin, ScopedForm, ScopedTabularInline, ScopeMixin, StreetFilter
from grids.models import Area, Building, Compound

from ..actions.gas import (
    gas_building_plan_save,
    gas_buildings_advance,
)
from ..models.gas import (
    GasBlocker,
    GasBuildingPlan,
    GasBuildingPlanQuerySet,
    GasCampaign,
    GasCompoundPlan,
    GasCompoundPlanQuerySet,
    GasStage,
    GasStageEvent,
)
from ..resources.gas import GasBuildingPlanResource, GasCompoundPlanResource
from ..selectors import gas as selectors
from ..views.gas import id_param, street_param


def campaigns_for(user: Any) -> models.QuerySet:
    """Campaigns an official works in: those of the districts their areas lie in (a street official adds the
    compounds of their street to the district's campaign)."""
    qs = GasCampaign.objects.all()
    if user.is_superuser:
        return qs
    areas = Area.objects.filter(officials__user=user)
    return qs.filter(
        models.Q(district_id__in=areas.values("district_id"))
        | models.Q(district_id__in=areas.values("pk"))
        | models.Q(city_id__in=areas.values("pk"))
    )


class CampaignFilter(admin.SimpleListFilter):
    title = _("燃气开通攻坚")
    parameter_name = "campaign"
    field = "campaign_id"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(str(pk), name) for pk, name in campaigns_for(request.user).values_list("pk", "name")]

    def queryset(self, request: HttpRequest, queryset: models.QuerySet) -> models.QuerySet:
        value = id_param(self.value())
        return queryset.filter(**{self.field: value}) if value else queryset


class BuildingCampaignFilter(CampaignFilter):
    field = "compound_plan__campaign_id"


# ---------------------------------------------------------------- the building plan form


class GasBuildingPlanForm(ScopedForm):
    """A building's plan; changing its stage records an event, checked here with the model's own rules so the
    official sees a missing reason or a bad date next to the field."""

    reason = forms.CharField(
        label=_("跳过或回退原因"), required=False, max_length=300, help_text=_("跳过阶段或退回时必填。")
    )
    note = forms.CharField(label=_("说明"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stored_stage = self.instance.stage if self.instance.pk else None

    @property
    def stage_changed(self) -> bool:
        return self.stored_stage is None or self.stored_stage != self.cleaned_data.get("stage", self.stored_stage)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        building = data.get("building") or (self.instance.building if self.instance.building_id else None)
        if self.stage_changed and data.get("stage") == GasStage.GAS_ON and building is not None:
            data["households_connected"] = building.households  # all households count as connected
        return data

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.errors or not self.stage_changed:
            return
        try:
            self.instance.stage_event(previous=self.stored_stage, reason=self.cleaned_data.get("reason", ""), note="")
        except ValidationError as e:
            self._update_errors(e)


def save_building_plan(request: HttpRequest, form: GasBuildingPlanForm) -> None:
    plan = form.instance
    plan._history_user = request.user  # type: ignore[attr-defined]
    gas_building_plan_save(
        user=request.user,
        plan=plan,
        reason=form.cleaned_data.get("reason", ""),
        note=form.cleaned_data.get("note", ""),
    )


# ---------------------------------------------------------------- inlines


class GasBuildingPlanInline(ScopedTabularInline):
    model = GasBuildingPlan
    form = GasBuildingPlanForm
    fields = ("building", "stage", "stage_reached_on", "reason", "expected_on", "households_connected", "version")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("building__compound")

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        request.gas_compound_plan = obj  # type: ignore[attr-defined]
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any) -> Any:
        plan = getattr(request, "gas_compound_plan", None)
        if db_field.name == "building":
            # Only the compound's own buildings (and none before the plan's compound is known).
            kwargs["queryset"] = (
                Building.objects.filter(compound_id=plan.compound_id) if plan else Building.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class GasBlockerInline(ScopedTabularInline):
    model = GasBlocker
    fields = ("building_plan", "description", "responsible_unit", "raised_on", "resolved_on", "version")

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        request.gas_compound_plan = obj  # type: ignore[attr-defined]
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any) -> Any:
        plan = getattr(request, "gas_compound_plan", None)
        if db_field.name == "building_plan":
            kwargs["queryset"] = GasBuildingPlan.objects.filter(compound_plan=plan).select_related("building__compound")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class GasStageEventInline(ScopedTabularInline):
    """The building's stage events, read only: they are never changed."""

    model = GasStageEvent
    fields = ("from_stage", "to_stage", "reached_on", "reason", "note", "recorded_by", "recorded_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = False
    ordering = ("reached_on", "pk")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("recorded_by")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class GasAdmin(ScopedAdmin):
    """Writes and deletes go through the gas actions (registered with grids.actions): a record holding stage
    events is refused with its reason. (Django's own delete page and the inlines already list the protected stage
    events and delete nothing.)"""


# ---------------------------------------------------------------- campaigns


def board_link(campaign_id: int) -> str:
    return format_html(
        '<a href="{}">{}</a>', reverse("admin:projects_gasbuildingplan_board", args=[campaign_id]), gettext("挂图作战")
    )


@admin.register(GasCampaign)
class GasCampaignAdmin(GasAdmin):
    list_display = ("name", "district", "started_on", "deadline", "board")
    search_fields = ("name",)
    list_select_related = ("district",)
    exclude = ("is_generated",)

    @admin.display(description=_("挂图作战"))
    def board(self, obj: GasCampaign) -> str:
        return board_link(obj.pk)

    # A campaign is the district's: a street official adds their compounds to it, so they see it (read only);
    # changing or deleting it stays with the district's officials (ScopeMixin's scope check).

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return campaigns_for(request.user).select_related("district")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request) and (
            obj is None or campaigns_for(request.user).filter(pk=obj.pk).exists()
        )


# ---------------------------------------------------------------- compound plans


@admin.register(GasCompoundPlan)
class GasCompoundPlanAdmin(GasAdmin):
    resource_classes = [GasCompoundPlanResource]
    list_display = ("compound", "campaign", "street", "community", "buildings", "ready", "planned_on", "board")
    list_filter = (CampaignFilter, StreetFilter, CommunityFilter)
    search_fields = ("compound__name", "compound__pinyin", "compound__initials")
    list_select_related = ("compound", "campaign", "street", "community")
    autocomplete_fields = ("compound",)
    exclude = ("is_generated",)
    inlines = [GasBuildingPlanInline, GasBlockerInline]

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return cast(GasCompoundPlanQuerySet, super().get_queryset(request)).with_figures()

    @admin.display(description=_("已验收/楼栋"))
    def buildings(self, obj: GasCompoundPlan) -> str:
        return f"{obj.n_passed}/{obj.n_buildings}"  # type: ignore[attr-defined]

    @admin.display(description=_("具备通气条件"), boolean=True)
    def ready(self, obj: GasCompoundPlan) -> bool:
        return bool(obj.is_ready)  # type: ignore[attr-defined]

    @admin.display(description=_("挂图作战"))
    def board(self, obj: GasCompoundPlan) -> str:
        return board_link(obj.campaign_id)

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "campaign":
            kwargs["queryset"] = campaigns_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not GasBuildingPlan:
            return super().save_formset(request, form, formset, change)
        changed = {id(obj) for obj in formset.save(commit=False)}
        for obj in formset.deleted_objects:
            self.delete_record(request, obj)
        for inline_form in formset.forms:
            if id(inline_form.instance) in changed:
                save_building_plan(request, inline_form)
        return None


# ---------------------------------------------------------------- building plans


@admin.action(description=_("推进选中楼栋到下一阶段"), permissions=["change"])
def advance_one_stage(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: models.QuerySet) -> None:
    plans = list(queryset.select_related("building__compound", "compound_plan"))
    result = gas_buildings_advance(user=request.user, plans=plans)
    if result.ok:
        modeladmin.message_user(
            request, gettext("已将 %(n)s 栋楼推进到下一阶段。") % {"n": len(result.advanced)}, messages.SUCCESS
        )
        return
    reasons = "；".join(f"{building}：{' '.join(why)}" for building, why in result.refused.items())
    modeladmin.message_user(
        request, gettext("没有推进任何楼栋（需全部符合条件）。%(reasons)s") % {"reasons": reasons}, messages.ERROR
    )


@admin.register(GasBuildingPlan)
class GasBuildingPlanAdmin(GasAdmin):
    resource_classes = [GasBuildingPlanResource]
    form = GasBuildingPlanForm
    list_display = (
        "building",
        "compound",
        "street",
        "stage",
        "stage_reached_on",
        "expected",
        "households_connected",
        "households",
    )
    list_filter = ("stage", BuildingCampaignFilter, StreetFilter, CommunityFilter)
    search_fields = ("building__name", "building__compound__name", "building__compound__initials")
    list_select_related = ("building__compound", "street")
    autocomplete_fields = ("building",)
    actions = [advance_one_stage]
    inlines = [GasStageEventInline]
    fields = (
        "compound_plan",
        "building",
        "stage",
        "stage_reached_on",
        "reason",
        "note",
        "expected_on",
        "households_connected",
        "version",
    )

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        queryset = cast(GasBuildingPlanQuerySet, super().get_queryset(request))
        return queryset.with_expected().select_related("building__compound")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The plan and the building are fixed once created (the stage events belong to them).
        return ("compound_plan", "building") if obj is not None else ()

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "compound_plan":
            kwargs["queryset"] = GasCompoundPlan.objects.for_user(request.user).select_related("compound")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("小区"), ordering="building__compound__name")
    def compound(self, obj: GasBuildingPlan) -> Compound:
        return obj.building.compound

    @admin.display(description=_("预计通气日期"), ordering="expected")
    def expected(self, obj: GasBuildingPlan) -> Any:
        return obj.expected  # type: ignore[attr-defined]

    @admin.display(description=_("楼栋户数"))
    def households(self, obj: GasBuildingPlan) -> int:
        return obj.building.households

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        save_building_plan(request, form)

    def get_urls(self) -> list:
        board = path(
            "board/<int:campaign_id>/",
            self.admin_site.admin_view(self.board_view),
            name="projects_gasbuildingplan_board",
        )
        return [board, *super().get_urls()]

    def board_view(self, request: HttpRequest, campaign_id: int) -> HttpResponse:
        """The campaign board with the compounds the official is responsible for, cells linking to the plans."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        campaign = get_object_or_404(campaigns_for(request.user).select_related("district"), pk=campaign_id)
        board = selectors.board(campaign, street_id=street_param(request.GET.get("street")), user=request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("%(campaign)s · 挂图作战") % {"campaign": campaign.name},
            "campaign": campaign,
            "board": board,
            "cell_url": "admin",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "projects/gas/admin_board.html", context)


@admin.register(GasBlocker)
class GasBlockerAdmin(GasAdmin):
    list_display = ("description", "compound_plan", "building_plan", "responsible_unit", "raised_on", "resolved_on")
    list_filter = (StreetFilter, CommunityFilter)
    search_fields = ("description", "compound_plan__compound__name")
    list_select_related = ("compound_plan__compound", "building_plan__building__compound")
    exclude = ("is_generated", "community")
    autocomplete_fields = ("compound_plan",)

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "building_plan":
            kwargs["queryset"] = GasBuildingPlan.objects.for_user(request.user).select_related("building__compound")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(GasStageEvent)
class GasStageEventAdmin(ScopeMixin, admin.ModelAdmin):
    """Every stage change, for looking up who recorded what; nothing here can be changed or deleted."""

    list_display = ("building_plan", "from_stage", "to_stage", "reached_on", "reason", "recorded_by", "recorded_at")
    list_filter = ("to_stage", StreetFilter, CommunityFilter)
    list_select_related = ("building_plan__building__compound", "recorded_by")
    search_fields = ("building_plan__building__compound__name", "reason", "note")
    date_hierarchy = "reached_on"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
