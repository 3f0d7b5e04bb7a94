"""Excel/CSV ledgers of the employment app (django-import-export), Chinese headers as officials keep them.

Every row is written through employment.actions with the importing user's scope; a bad row is reported with
its Excel row number and reason, and a file with any bad row saves nothing (grids.resources.ScopedModelResource).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from import_export.fields import Field
from import_export.widgets import DateWidget, ForeignKeyWidget, IntegerWidget, Widget

from grids.models import Level
from grids.resources import (
    COMMUNITY_CODE,
    AreaCodeWidget,
    ChoiceLabelWidget,
    ScopedModelResource,
    TextWidget,
    cell_text,
)

from .models import Channel, JobPosting, JobStation, MonthlyAchievement, TargetCategory

MONTH = re.compile(r"^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?\s*$")


class MonthWidget(Widget):
    """A month as ledgers write it: 2025-03, 2025/3, 2025年3月, or an Excel date (any day of the month)."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date().replace(day=1)
        if isinstance(value, dt.date):
            return value.replace(day=1)
        text = cell_text(value)
        if not text:
            return None
        match = MONTH.match(text) or re.match(r"^\s*(\d{4})-(\d{1,2})-\d{1,2}\s*$", text)
        if match and 1 <= int(match.group(2)) <= 12:
            return dt.date(int(match.group(1)), int(match.group(2)), 1)
        raise ValidationError(_("月份“%(value)s”无效，请写成 2025-03。") % {"value": text})

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return f"{value:%Y-%m}" if value else ""


class StationWidget(ForeignKeyWidget):
    """A station by the community code in the same row and its name."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(JobStation, field="name", **kwargs)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> JobStation | None:
        name, code = cell_text(value), cell_text((row or {}).get(COMMUNITY_CODE))
        if not name:
            return None
        station = JobStation.objects.filter(community__code=code, name=name).first()
        if station is None:
            raise ValidationError(_("社区编码“%(code)s”下没有名为“%(name)s”的驿站。") % {"code": code, "name": name})
        return station


class MonthlyAchievementResource(ScopedModelResource):
    """The monthly report (月调度台账): one row per community, month and target category."""

    street_name = Field(attribute="street__name", column_name="街道", readonly=True)
    community_name = Field(attribute="community__name", column_name="社区", readonly=True)
    community = Field(
        attribute="community",
        column_name=COMMUNITY_CODE,
        widget=AreaCodeWidget(level=Level.COMMUNITY, column=COMMUNITY_CODE),
    )
    month = Field(attribute="month", column_name="月份", widget=MonthWidget())
    category = Field(attribute="category", column_name="目标类别", widget=ChoiceLabelWidget(TargetCategory, "目标类别"))
    achieved = Field(attribute="achieved", column_name="完成数", widget=IntegerWidget())
    note = Field(attribute="note", column_name="备注", widget=TextWidget())

    class Meta:
        model = MonthlyAchievement
        fields = ("street_name", "community_name", "community", "month", "category", "achieved", "note")
        import_id_fields = ("community", "category", "month")
        name = "月度就业台账"

    def get_queryset(self) -> models.QuerySet:
        return MonthlyAchievement.objects.select_related("street", "community")


class JobPostingResource(ScopedModelResource):
    """A station's postings ledger; a row without 编号 is a new posting, with one it corrects that posting."""

    id = Field(attribute="id", column_name="编号", widget=IntegerWidget())
    community_code = Field(attribute="community__code", column_name=COMMUNITY_CODE, readonly=True)
    station = Field(attribute="station", column_name="驿站名称", widget=StationWidget())
    employer = Field(attribute="employer", column_name="用工单位", widget=TextWidget())
    title = Field(attribute="title", column_name="岗位名称", widget=TextWidget())
    positions = Field(attribute="positions", column_name="招聘人数", widget=IntegerWidget())
    wage_min = Field(attribute="wage_min", column_name="月薪下限（元）", widget=IntegerWidget())
    wage_max = Field(attribute="wage_max", column_name="月薪上限（元）", widget=IntegerWidget())
    published = Field(attribute="published", column_name="发布日期", widget=DateWidget("%Y-%m-%d"))
    closed = Field(attribute="closed", column_name="截止日期", widget=DateWidget("%Y-%m-%d"))
    channel = Field(attribute="channel", column_name="发布渠道", widget=ChoiceLabelWidget(Channel, "发布渠道"))

    class Meta:
        model = JobPosting
        fields = (
            "id",
            "community_code",
            "station",
            "employer",
            "title",
            "positions",
            "wage_min",
            "wage_max",
            "published",
            "closed",
            "channel",
        )
        import_id_fields = ("id",)
        name = "招聘岗位台账"

    def get_queryset(self) -> models.QuerySet:
        return JobPosting.objects.select_related("station", "community")

    def import_instance(self, instance: models.Model, row: Any, **kwargs: Any) -> None:
        """A 编号 names an existing posting; one that names none is a row error, never a posting created with that
        number (which would put the id sequence behind the table's ids)."""
        errors: dict[str, Any] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        if instance._state.adding and instance.pk is not None:
            errors.setdefault("id", []).append(
                ValidationError(_("没有编号为“%(id)s”的招聘岗位。新增岗位请将编号留空。") % {"id": instance.pk})
            )
            instance.pk = None
        if errors:
            raise ValidationError(errors)
