"""The canteens' monthly ledger (食堂月度台账) as officials keep it in Excel.

One row per canteen and month. A row for a month not yet entered records it; a row for a month already entered
with different figures is a correction and needs the 更正原因 column filled; a row equal to what is stored changes
nothing. Every row goes through services.actions with the importing user's scope; a bad row is reported with its
Excel row number and the whole file is refused (grids.resources.ScopedModelResource).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import pgettext_lazy
from import_export.fields import Field
from import_export.widgets import DecimalWidget, IntegerWidget

from grids.models import ensure_can_manage
from grids.resources import (
    COMMUNITY_CODE,
    MonthWidget,
    NamedInCommunityWidget,
    ScopedModelResource,
    TextWidget,
    cell_text,
)

from .actions import canteen_month_correct, canteen_month_record
from .models import FIGURE_FIELDS, Canteen, CanteenMonth

CANTEEN_NAME = "食堂名称"
MONTH = "月份"
REASON = "更正原因"


def canteen_widget() -> NamedInCommunityWidget:
    return NamedInCommunityWidget(Canteen, pgettext_lazy("in a sentence", "食堂"))


class CanteenMonthResource(ScopedModelResource):
    street_name = Field(attribute="street__name", column_name="街道", readonly=True)
    community_name = Field(attribute="community__name", column_name="社区", readonly=True)
    community_code = Field(attribute="community__code", column_name=COMMUNITY_CODE, readonly=True)
    canteen = Field(attribute="canteen", column_name=CANTEEN_NAME, widget=canteen_widget())
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
