"""Renovation of old compounds (老旧小区改造): the officials' admin.

Projects with their work items, residents' consultation and photos inline, the progress history read-only, and a
"录入进度" page per project: one line per work item with its current percent, where an official enters the new
percents (and a reason where one goes down), a note and photos. Everything is scoped to the official's areas and
written through projects.actions.renovation. Late projects (past their planned completion, not done) show red and
have their own list filter; the project ledger imports and exports as Excel."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grids.admin import CommunityFilter, ScopedAdmin, ScopedForm, ScopedStackedInline, ScopedTabularInline, StreetFilter
from grids.models import Building, user_can_manage

from ..actions import renovation as actions
from ..models.renovation import (
    RenovationConsultation,
    RenovationEntry,
    RenovationPhoto,
    RenovationPhotoKind,
    RenovationProject,
    RenovationReport,
    RenovationWorkItem,
)
from ..resources.renovation import RenovationProjectResource


class LateFilter(admin.SimpleListFilter):
    title = _("是否逾期")
    parameter_name = "late"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, Any]]:
        return [("yes", _("逾期")), ("no", _("未逾期"))]

    def queryset(self, request: HttpRequest, queryset: models.QuerySet) -> models.QuerySet:
        if self.value() == "yes":
            return queryset.late()  # type: ignore[attr-defined]
        if self.value() == "no":
            return queryset.on_time()  # type: ignore[attr-defined]
        return queryset


class WorkItemInline(ScopedTabularInline):
    model = RenovationWorkItem
    fields = ("order", "kind", "name", "investment_planned", "planned_completion", "percent", "status", "updated_on")
    readonly_fields = ("percent", "status", "updated_on")
    show_change_link = False

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("project")


class ConsultationInline(ScopedStackedInline):
    model = RenovationConsultation
    fields = (("kind", "held_on"), ("participants", "in_favour"), "outcome")
    show_change_link = False


class PhotoInline(ScopedTabularInline):
    model = RenovationPhoto
    fields = ("kind", "image", "caption", "taken_on")
    show_change_link = False


class ReportInline(ScopedTabularInline):
    """The progress history, read only: reports are added on the project's 录入进度 page."""

    model = RenovationReport
    fields = ("reported_on", "reported_by", "summary", "note")
    readonly_fields = fields
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("进度填报记录（只读；在“录入进度”中新增）")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related("reported_by", "project")
            .prefetch_related(models.Prefetch("entries", queryset=RenovationEntry.objects.select_related("work_item")))
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("分项进度"))
    def summary(self, report: RenovationReport) -> str:
        return "；".join(
            f"{e.work_item} {e.previous_percent}%→{e.percent}%" + (f"（{e.reason}）" if e.reason else "")
            for e in report.entries.all()
        )


class RenovationProjectForm(ScopedForm):
    class Meta:
        model = RenovationProject
        exclude: list[str] = []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "compounds" in cleaned or "buildings" in cleaned:
            if cleaned.get("community"):
                self.instance.community = cleaned["community"]
            try:
                self.instance.clean_coverage(list(cleaned.get("compounds") or []), list(cleaned.get("buildings") or []))
            except ValidationError as e:
                self.add_error(None, e)
        return cleaned


@admin.register(RenovationProject)
class RenovationProjectAdmin(ScopedAdmin):
    form = RenovationProjectForm
    resource_classes = [RenovationProjectResource]
    list_display = (
        "name",
        "plan_year",
        "street",
        "community",
        "category",
        "status",
        "progress_bar",
        "planned_completion",
        "late_flag",
    )
    list_filter = (StreetFilter, CommunityFilter, "status", "plan_year", "category", LateFilter)
    search_fields = ("name", "compounds__name", "builder", "contractor")
    list_select_related = ("street", "community")
    autocomplete_fields = ("compounds", "buildings")
    exclude = ("is_generated",)
    inlines = [WorkItemInline, ConsultationInline, PhotoInline, ReportInline]
    fieldsets = (
        (None, {"fields": ("name", "plan_year", "category", "status", "community", "compounds", "buildings")}),
        (_("给居民看的说明"), {"fields": ("summary",)}),
        (_("规模与投资"), {"fields": (("floor_area", "building_count", "households"),)}),
        (None, {"fields": (("investment_planned", "investment_spent"), ("builder", "contractor"))}),
        (_("工期"), {"fields": (("start_date", "planned_completion", "actual_completion"), "version")}),
    )

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).with_progress()  # type: ignore[attr-defined]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "buildings" and "queryset" not in kwargs:
            # A building's label names its compound: read them with the buildings, not one query per building.
            kwargs["queryset"] = Building.objects.select_related("compound")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        """A project with progress reports cannot be deleted: say why instead of Django's list of protected rows."""
        project = self.get_object(request, unquote(object_id))
        if project is not None and self.has_delete_permission(request, project):
            try:
                actions.renovation_project_check_deletable(project)
            except ValidationError as e:
                for message in e.messages:
                    self.message_user(request, message, messages.ERROR)
                return HttpResponseRedirect(reverse("admin:projects_renovationproject_change", args=[project.pk]))
        return super().delete_view(request, object_id, extra_context)

    @admin.display(description=_("总体进度"), ordering="progress")
    def progress_bar(self, project: RenovationProject) -> str:
        progress = getattr(project, "progress", None)
        if progress is None:
            return "—"
        return format_html(
            '<progress max="100" value="{}" style="width:6em"></progress> {}%', f"{progress:.0f}", f"{progress:.0f}"
        )

    @admin.display(description=_("逾期"), boolean=False)
    def late_flag(self, project: RenovationProject) -> str:
        if project.is_late():
            days = (timezone.localdate() - project.planned_completion).days if project.planned_completion else 0
            return format_html(
                '<strong style="color:#c8102e">{}</strong>', gettext("逾期 %(days)s 天") % {"days": days}
            )
        return ""

    # --- writes: the project, its coverage, then the inline rows --------------------------------------

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        project = form.instance
        actions.renovation_project_set_coverage(
            user=request.user,
            project=project,
            compounds=form.cleaned_data.get("compounds", project.compounds.all()),
            buildings=form.cleaned_data.get("buildings", project.buildings.all()),
        )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    # --- the progress page ----------------------------------------------------------------------------

    def get_urls(self) -> list[Any]:
        urls = super().get_urls()
        own = [
            path(
                "<int:object_id>/progress/",
                self.admin_site.admin_view(self.progress_view),
                name="projects_renovationproject_progress",
            )
        ]
        return own + urls

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "progress_url": reverse("admin:projects_renovationproject_progress", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    change_form_template = "projects/renovation/admin/project_change_form.html"

    def progress_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        project = get_object_or_404(RenovationProject.objects.all(), pk=object_id)
        if not user_can_manage(request.user, project) or not self.has_change_permission(request, project):
            raise PermissionDenied(gettext("该记录不在您负责的区域内。"))
        items = list(project.work_items.order_by("order", "pk"))
        form = ProgressForm(request.POST or None, request.FILES or None, items=items)
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    actions.renovation_report_submit(
                        user=request.user,
                        project=project,
                        reported_on=form.cleaned_data["reported_on"],
                        note=form.cleaned_data["note"],
                        entries=form.entries(),
                        photos=form.photos(),
                    )
            except ValidationError as e:
                for message in e.messages:
                    form.add_error(None, message)
            else:
                self.message_user(request, gettext("进度已记录。"), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:projects_renovationproject_change", args=[project.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": project,
            "title": gettext("录入进度：%(project)s") % {"project": project.name},
            "form": form,
            "rows": form.rows(),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "projects/renovation/admin/progress_form.html", context)


class ProgressForm(forms.Form):
    """One line per work item: the new percent (prefilled with the current one) and a reason if it goes down."""

    reported_on = forms.DateField(
        label=_("填报日期"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("进展说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    photo_kind = forms.ChoiceField(label=_("照片类型"), choices=RenovationPhotoKind.choices, initial="during")
    photo_1 = forms.FileField(label=_("照片"), required=False)
    photo_2 = forms.FileField(label=_("照片"), required=False)
    photo_3 = forms.FileField(label=_("照片"), required=False)

    def __init__(self, *args: Any, items: list[RenovationWorkItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"percent_{item.pk}"] = forms.IntegerField(
                label=str(item), initial=item.percent, required=False, widget=forms.NumberInput(attrs={"step": 5})
            )
            self.fields[f"reason_{item.pk}"] = forms.CharField(label=_("下调原因"), required=False, max_length=200)

    def rows(self) -> list[tuple[RenovationWorkItem, Any, Any]]:
        return [(item, self[f"percent_{item.pk}"], self[f"reason_{item.pk}"]) for item in self.items]

    def entries(self) -> list[actions.EntryInput]:
        """Only the items whose percent was changed (or given a reason) are reported."""
        result = []
        for item in self.items:
            percent = self.cleaned_data.get(f"percent_{item.pk}")
            reason = self.cleaned_data.get(f"reason_{item.pk}") or ""
            if percent is None or (percent == item.percent and not reason):
                continue
            result.append(actions.EntryInput(item, percent, reason))
        return result

    def photos(self) -> list[actions.PhotoInput]:
        kind = self.cleaned_data["photo_kind"]
        return [
            actions.PhotoInput(self.cleaned_data[name], kind)
            for name in ("photo_1", "photo_2", "photo_3")
            if self.cleaned_data.get(name)
        ]


class EntryInline(ScopedTabularInline):
    model = RenovationEntry
    fields = ("work_item", "previous_percent", "percent", "reason")
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("work_item")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RenovationReport)
class RenovationReportAdmin(ScopedAdmin):
    """The progress history: read only (a report is never edited; a correction is a new report with a reason)."""

    list_display = ("project", "reported_on", "reported_by", "street", "community", "created_at")
    list_filter = (StreetFilter, CommunityFilter, "project__plan_year")
    search_fields = ("project__name", "note")
    list_select_related = ("project", "reported_by", "street", "community")
    date_hierarchy = "reported_on"
    fields = ("project", "reported_on", "reported_by", "note", "created_at", "version")
    readonly_fields = fields
    inlines = [EntryInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False
