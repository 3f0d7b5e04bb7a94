"""Renovation of old compounds (老旧小区改造): the Excel ledger of projects (改造项目台账).

One row per project, keyed by community code, plan year and project name, with the Chinese headers the street
offices use. Rows are written through projects.actions.renovation with the importing official's scope; a file with
any bad row saves nothing and names each bad row by its Excel row number (see grids.resources)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from import_export.fields import Field
from import_export.widgets import DateWidget, DecimalWidget, IntegerWidget, ManyToManyWidget

from grids.models import Compound, Level
from grids.resources import (
    COMMUNITY_CODE,
    AreaCodeWidget,
    ChoiceLabelWidget,
    ScopedModelResource,
    TextWidget,
    cell_text,
)

from ..actions.renovation import renovation_project_set_coverage
from ..models.renovation import RenovationCategory, RenovationProject, RenovationStatus

COMPOUNDS = "改造小区"
NAME_SEPARATORS = re.compile(r"[、，,；;\n]+")


class CompoundNamesWidget(ManyToManyWidget):
    """Compounds by name, separated by 、 (or commas), all in the row's community."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Compound, field="name", **kwargs)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> list[Compound]:
        names = [n.strip() for n in NAME_SEPARATORS.split(cell_text(value)) if n.strip()]
        code = cell_text((row or {}).get(COMMUNITY_CODE))
        found = {c.name: c for c in Compound.objects.filter(community__code=code, name__in=names)}
        missing = [n for n in names if n not in found]
        if missing:
            raise ValidationError(
                _("社区编码“%(code)s”下没有名为“%(names)s”的小区。") % {"code": code, "names": "、".join(missing)}
            )
        return [found[n] for n in dict.fromkeys(names)]

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "、".join(c.name for c in value.all()) if value is not None else ""


class LedgerDateWidget(DateWidget):
    """Dates as Excel cells (a date) or text (2025-06-26 or 2025/6/26)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace("/", "-").replace(".", "-")
            if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
                y, m, d = value.split("-")
                value = f"{y}-{int(m):02d}-{int(d):02d}"
        return super().clean(value, row, **kwargs)


class RenovationProjectResource(ScopedModelResource):
    street_name = Field(attribute="street__name", column_name="街道", readonly=True)
    community_name = Field(attribute="community__name", column_name="社区", readonly=True)
    community = Field(
        attribute="community",
        column_name=COMMUNITY_CODE,
        widget=AreaCodeWidget(level=Level.COMMUNITY, column=COMMUNITY_CODE),
    )
    name = Field(attribute="name", column_name="项目名称", widget=TextWidget())
    plan_year = Field(attribute="plan_year", column_name="计划年度", widget=IntegerWidget())
    category = Field(
        attribute="category", column_name="改造类别", widget=ChoiceLabelWidget(RenovationCategory, "改造类别")
    )
    compounds = Field(attribute="compounds", column_name=COMPOUNDS, widget=CompoundNamesWidget())
    floor_area = Field(attribute="floor_area", column_name="改造面积（㎡）", widget=DecimalWidget())
    building_count = Field(attribute="building_count", column_name="楼栋数", widget=IntegerWidget())
    households = Field(attribute="households", column_name="受益户数", widget=IntegerWidget())
    investment_planned = Field(attribute="investment_planned", column_name="计划投资（元）", widget=DecimalWidget())
    investment_spent = Field(attribute="investment_spent", column_name="已完成投资（元）", widget=DecimalWidget())
    builder = Field(attribute="builder", column_name="建设单位", widget=TextWidget())
    contractor = Field(attribute="contractor", column_name="施工单位", widget=TextWidget())
    start_date = Field(attribute="start_date", column_name="开工日期", widget=LedgerDateWidget())
    planned_completion = Field(attribute="planned_completion", column_name="计划完工日期", widget=LedgerDateWidget())
    actual_completion = Field(attribute="actual_completion", column_name="实际完工日期", widget=LedgerDateWidget())
    status = Field(attribute="status", column_name="状态", widget=ChoiceLabelWidget(RenovationStatus, "状态"))
    progress = Field(attribute="progress", column_name="总体进度（%）", readonly=True, widget=DecimalWidget())

    class Meta:
        model = RenovationProject
        fields = (
            "street_name",
            "community_name",
            "community",
            "name",
            "plan_year",
            "category",
            "compounds",
            "floor_area",
            "building_count",
            "households",
            "investment_planned",
            "investment_spent",
            "builder",
            "contractor",
            "start_date",
            "planned_completion",
            "actual_completion",
            "status",
            "progress",
        )
        import_id_fields = ("community", "plan_year", "name")
        name = "老旧小区改造项目台账"

    def get_queryset(self) -> models.QuerySet:
        return (
            RenovationProject.objects.select_related("street", "community")
            .with_progress()
            .prefetch_related("compounds")
            .order_by("-plan_year", "street_id", "community_id", "name")
        )

    def dehydrate_progress(self, project: RenovationProject) -> str:
        progress = getattr(project, "progress", None)
        return "" if progress is None else f"{progress:.0f}"

    def import_instance(self, instance: models.Model, row: Any, **kwargs: Any) -> None:
        """The compounds are read here, so an unknown name is reported with the row's other mistakes."""
        errors: dict[str, Any] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        field = self.fields["compounds"]
        if field.column_name in row:
            try:
                instance._ledger_compounds = field.clean(row, **kwargs)  # type: ignore[attr-defined]
            except ValidationError as e:
                errors[COMPOUNDS] = e.messages
        if errors:
            raise ValidationError(errors)

    def save_m2m(self, instance: models.Model, row: Any, **kwargs: Any) -> None:
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        compounds = getattr(instance, "_ledger_compounds", None)
        if compounds is None:
            return
        assert isinstance(instance, RenovationProject)
        try:
            renovation_project_set_coverage(
                user=kwargs.get("user"),
                project=instance,
                compounds=compounds,
                buildings=instance.buildings.all(),
            )
        except PermissionDenied as e:
            raise ValidationError({COMPOUNDS: [str(e)]}) from e
        except ValidationError as e:
            raise self.in_columns(e) from e
