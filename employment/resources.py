"""Excel/CSV ledgers of the employment app (django-import-export), Chinese headers as officials keep them.

Every row is written through employment.actions with the importing user's scope; a bad row is reported with
its Excel row number and reason, and a file with any bad row saves nothing (grids.resources.ScopedModelResource).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from import_export.fields import Field
from import_export.widgets import DateWidget, IntegerWidget

from grids.models import Level
from grids.resources import (
    COMMUNITY_CODE,
    AreaCodeWidget,
    ChoiceLabelWidget,
    MonthWidget,
    NamedInCommunityWidget,
    ScopedModelResource,
    TextWidget,
)

from .models import Channel, JobPosting, JobStation, MonthlyAchievement, TargetCategory


def station_widget() -> NamedInCommunityWidget:
    return NamedInCommunityWidget(JobStation, pgettext_lazy("in a sentence", "驿站"))


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
    station = Field(attribute="station", column_name="驿站名称", widget=station_widget())
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
