"""Stored roll-up figures: the current value per (indicator, area, period), the history of every
change, annual targets, and the queue of areas waiting for an incremental run."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from grids.models import Area


class PeriodType(models.TextChoices):
    MONTH = "month", _("月")
    QUARTER = "quarter", _("季度")
    YEAR = "year", _("年")
    TOTAL = "total", _("累计")


# The to-date period has no start of its own; one fixed date keys it.
TOTAL_START = dt.date(1, 1, 1)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def period_bounds(period_type: str, start: dt.date, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of a period; to-date ends today."""
    if period_type == PeriodType.TOTAL:
        return TOTAL_START, today or dt.date.today()
    months = {PeriodType.MONTH: 1, PeriodType.QUARTER: 3, PeriodType.YEAR: 12}[PeriodType(period_type)]
    year, month = divmod(start.month - 1 + months, 12)
    return start, dt.date(start.year + year, month + 1, 1) - dt.timedelta(days=1)


def period_containing(period_type: str, day: dt.date) -> dt.date:
    if period_type == PeriodType.MONTH:
        return day.replace(day=1)
    if period_type == PeriodType.QUARTER:
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if period_type == PeriodType.YEAR:
        return dt.date(day.year, 1, 1)
    return TOTAL_START


def period_key(period_type: str, start: dt.date) -> str:
    """'2025-03', '2025-Q1', '2025', 'total': how periods are named in the API."""
    if period_type == PeriodType.MONTH:
        return f"{start:%Y-%m}"
    if period_type == PeriodType.QUARTER:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if period_type == PeriodType.YEAR:
        return str(start.year)
    return "total"


def parse_period(key: str) -> tuple[str, dt.date]:
    """The inverse of period_key; ValueError names what is wrong."""
    key = key.strip()
    try:
        if key == "total":
            return PeriodType.TOTAL, TOTAL_START
        if "-Q" in key:
            year, quarter = key.split("-Q")
            if not 1 <= int(quarter) <= 4:
                raise ValueError
            return PeriodType.QUARTER, dt.date(int(year), (int(quarter) - 1) * 3 + 1, 1)
        if "-" in key:
            year, month = key.split("-")
            return PeriodType.MONTH, dt.date(int(year), int(month), 1)
        return PeriodType.YEAR, dt.date(int(key), 1, 1)
    except ValueError:
        raise ValueError(f"'{key}' is not a period: use 2025-03, 2025-Q1, 2025 or total") from None


class IndicatorValue(models.Model):
    """The current figure of one indicator for one area and period."""

    indicator = models.CharField(_("指标"), max_length=64)
    area = models.ForeignKey(Area, models.CASCADE, related_name="indicator_values", verbose_name=_("区域"))
    level = models.PositiveSmallIntegerField(_("层级"))
    period_type = models.CharField(_("周期类型"), max_length=8, choices=PeriodType.choices)
    period_start = models.DateField(_("周期开始"))
    period_end = models.DateField(_("周期结束"))
    year = models.PositiveSmallIntegerField(_("年度"), null=True)
    value = models.FloatField(_("数值"), null=True)
    numerator = models.FloatField(_("分子"), null=True)
    denominator = models.FloatField(_("分母"), null=True)
    target = models.FloatField(_("目标"), null=True)
    completion = models.FloatField(_("目标完成率"), null=True)
    computed_at = models.DateTimeField(_("计算时间"))
    revised_after_close = models.BooleanField(_("期末后修正"), default=False)

    class Meta:
        verbose_name = _("汇总数值")
        verbose_name_plural = _("汇总数值")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_type", "period_start"], name="indicator_value_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "level", "period_type", "period_start"]),
            models.Index(fields=["area", "period_type", "period_start"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area_id} {self.period_key}"

    @property
    def period_key(self) -> str:
        return period_key(self.period_type, self.period_start)


class IndicatorValueHistory(models.Model):
    """Every value an indicator took, appended when it changed: charts over time, late corrections."""

    indicator = models.CharField(_("指标"), max_length=64)
    area = models.ForeignKey(Area, models.CASCADE, related_name="+", verbose_name=_("区域"))
    period_type = models.CharField(_("周期类型"), max_length=8, choices=PeriodType.choices)
    period_start = models.DateField(_("周期开始"))
    value = models.FloatField(_("数值"), null=True)
    numerator = models.FloatField(_("分子"), null=True)
    denominator = models.FloatField(_("分母"), null=True)
    computed_at = models.DateTimeField(_("计算时间"))
    after_close = models.BooleanField(_("期末后修正"), default=False)

    class Meta:
        verbose_name = _("汇总历史")
        verbose_name_plural = _("汇总历史")
        indexes = [models.Index(fields=["indicator", "area", "period_type", "period_start", "computed_at"])]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area_id} {self.period_start} @ {self.computed_at:%Y-%m-%d %H:%M}"


class Target(models.Model):
    """An annual target for one indicator in one area, set by the level above."""

    area = models.ForeignKey(Area, models.CASCADE, related_name="targets", verbose_name=_("区域"))
    indicator = models.CharField(_("指标"), max_length=64)
    year = models.PositiveSmallIntegerField(_("年度"))
    value = models.FloatField(_("目标值"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("设定人")
    )
    set_at = models.DateTimeField(_("设定时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")
        constraints = [
            models.UniqueConstraint(fields=["area", "indicator", "year"], name="target_unique_per_year"),
            models.CheckConstraint(condition=Q(value__gt=0), name="target_positive"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="target_year_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.indicator} {self.year}: {self.value:g}"

    def clean(self) -> None:
        from .registry import catalogue

        errors: dict[str, str | Promise] = {}
        if self.indicator and self.indicator not in catalogue():
            errors["indicator"] = _("没有名为“%(code)s”的指标。") % {"code": self.indicator}
        if self.value is not None and self.value <= 0:
            errors["value"] = _("目标值必须大于 0。")
        if errors:
            raise ValidationError(errors)


class PendingRollup(models.Model):
    """An area whose figures must be recomputed; saves add rows, the incremental task drains them."""

    area = models.OneToOneField(Area, models.CASCADE, primary_key=True, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("待汇总区域")
        verbose_name_plural = _("待汇总区域")

    def __str__(self) -> str:
        return str(self.area_id)


class RollupLock(models.Model):
    """One row per indicator, locked while its figures are replaced: two runs never interleave."""

    indicator = models.CharField(max_length=64, primary_key=True)

    def __str__(self) -> str:
        return self.indicator


class RollupRun(models.Model):
    """A log of runs: what was recomputed, when, how long it took."""

    started_at = models.DateTimeField(_("开始"))
    finished_at = models.DateTimeField(_("结束"), null=True)
    full = models.BooleanField(_("全量"), default=True)
    areas = models.PositiveIntegerField(_("区域数"), default=0)
    changed = models.PositiveIntegerField(_("变化的数值"), default=0)

    class Meta:
        verbose_name = _("汇总运行")
        verbose_name_plural = _("汇总运行")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"
