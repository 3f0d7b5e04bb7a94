"""The canteens' monthly ledger (食堂月度台账) as officials keep it in Excel.

One row per canteen and month. A row for a month not yet entered records it; a row for a month already entered
with different figures is a correction and needs the 更正原因 column filled; a row equal to what is stored changes
nothing. Every row goes through services.actions with the importing user's scope; a bad row is reported with its
Excel row number and the whole file is refused (grids.resources.ScopedModelResource).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from import_export.fields import Field
from import_export.widgets import DecimalWidget, ForeignKeyWidget, IntegerWidget, Widget

from grids.models import ensure_can_manage
from grids.resources import COMMUNITY_CODE, ScopedModelResource, TextWidget, cell_text

from .actions import canteen_month_correct, canteen_month_record
from .models import FIGURE_FIELDS, Canteen, CanteenMonth

CANTEEN_NAME = "食堂名称"
MONTH = "月份"
REASON = "更正原因"
MONTH_PATTERN = re.compile(r"^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:月|[-/.]\s*\d{1,2}\s*日?)?\s*$")


class MonthWidget(Widget):
    """A month as officials type it: 2025-03, 2025/3, 2025年3月, 2025-03-01, or an Excel date cell."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date().replace(day=1)
        if isinstance(value, dt.date):
            return value.replace(day=1)
        text = cell_text(value)
        match = MONTH_PATTERN.match(text)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if 1 <= month <= 12:
                return dt.date(year, month, 1)
        raise ValidationError(_("月份“%(value)s”无法识别，请写成 2025-03 这样的格式。") % {"value": text})

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.strftime("%Y-%m") if value else ""


class CanteenWidget(ForeignKeyWidget):
    """A canteen by its community code (from the same row) and its name."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Canteen, field="name", **kwargs)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Canteen | None:
        name = cell_text(value)
        code = cell_text((row or {}).get(COMMUNITY_CODE))
        if not name:
            return None
        canteen = Canteen.objects.filter(community__code=code, name=name).first()
        if canteen is None:
            raise ValidationError(_("社区编码“%(code)s”下没有名为“%(name)s”的食堂。") % {"code": code, "name": name})
        return canteen


class CanteenMonthResource(ScopedModelResource):
    street_name = Field(attribute="street__name", column_name="街道", readonly=True)
    community_name = Field(attribute="community__name", column_name="社区", readonly=True)
    community_code = Field(attribute="community__code", column_name=COMMUNITY_CODE, readonly=True)
    canteen = Field(attribute="canteen", column_name=CANTEEN_NAME, widget=CanteenWidget())
    month = Field(attribute="month", column_name=MONTH, widget=MonthWidget())
    meals_served = Field(attribute="meals_served", column_name="就餐人次", widget=IntegerWidget())
    seniors_served = Field(attribute="seniors_served", column_name="服务老人数", widget=IntegerWidget())
    deliveries = Field(attribute="deliveries", column_name="送餐份数", widget=IntegerWidget())
    subsidy_paid = Field(attribute="subsidy_paid", column_name="补贴金额（元）", widget=DecimalWidget())
    reason = Field(column_name=REASON, widget=TextWidget(), readonly=True)

    class Meta:
        model = CanteenMonth
        fields = (
            "street_name",
            "community_name",
            "community_code",
            "canteen",
            "month",
            "meals_served",
            "seniors_served",
            "deliveries",
            "subsidy_paid",
            "reason",
        )
        import_id_fields = ("canteen", "month")
        name = "食堂月度台账"

    def get_queryset(self) -> models.QuerySet:
        return CanteenMonth.objects.select_related("street", "community", "canteen").order_by("canteen_id", "month")

    def dehydrate_reason(self, obj: CanteenMonth) -> str:
        return ""  # a column to fill in when correcting, empty on export

    def in_columns(self, error: ValidationError) -> ValidationError:
        error = super().in_columns(error)
        if hasattr(error, "error_dict") and "reason" in error.error_dict:
            error.error_dict[REASON] = error.error_dict.pop("reason")
        return error

    def write_row(self, *, user: Any, instance: models.Model, row: Any, is_create: bool) -> None:
        assert isinstance(instance, CanteenMonth)
        if is_create:
            canteen_month_record(user=user, figure=instance)
            return
        stored = CanteenMonth.objects.filter(pk=instance.pk).values(*FIGURE_FIELDS).first() or {}
        if any(stored.get(f) != getattr(instance, f) for f in FIGURE_FIELDS):
            canteen_month_correct(user=user, figure=instance, reason=cell_text(row.get(REASON)))
        else:
            ensure_can_manage(user, instance)  # unchanged: nothing to write, but not a way to probe
