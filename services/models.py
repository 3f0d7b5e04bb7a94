"""Community services: elderly canteens (养老食堂、幸福餐厅) with their prices and monthly figures, community
facilities (城市书房、托管、老年课堂、日间照料), volunteer teams with their monthly hours, and small wishes (微心愿).

Every record lies in one community (`grids.models.InCommunity`), so the one scoping mechanism and the roll-ups
apply. Rules live here once: constraints in the database, `clean()` saying them in words on the field concerned.

Two rules residents and leaders rely on:

- **What a meal costs me** (`quote_price`): a canteen publishes a price per group — the standard price, seniors
  from an age on (age bands: 60+, 70+, 80+ …), subsistence-allowance households (低保), disabled residents and
  special contributors (劳模、见义勇为伤残、因公伤残). A resident pays the **lowest** of the prices of every group
  they belong to; the standard price applies to everyone. Belonging to two groups never adds two discounts.
- **A month's figures are entered once** (`CanteenMonth`, unique per canteen and month). Changing them afterwards
  is a correction (`CanteenMonthCorrection`): the old and new values and the reason are kept, never overwritten
  silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from grids.models import Area, InCommunity, Level

MIN_SENIOR_AGE = 60
MAX_AGE = 120


def month_start(value: dt.date) -> dt.date:
    return value.replace(day=1)


def month_label(value: dt.date) -> str:
    """ "2025年3月" in Chinese, "March 2025" in English: the active language's year-month format."""
    return date_format(value, "YEAR_MONTH_FORMAT")


# ---------------------------------------------------------------------------------------------------------------
# Canteens
# ---------------------------------------------------------------------------------------------------------------


class CanteenKind(models.TextChoices):
    STREET = "street", _("街道食堂")
    TOWNSHIP = "township", _("乡镇食堂")
    COMMUNITY = "community", _("社区食堂")


class OperatingModel(models.TextChoices):
    SUBSIDY_COPAY = "subsidy_copay", _("政府补贴、个人付费")
    PUBLIC_PRIVATE = "public_private", _("公建民营")
    COMMUNITY_RUN = "community_run", _("社区自办")
    MUTUAL_AID = "mutual_aid", _("村级主办、互助服务")


class CanteenStatus(models.TextChoices):
    OPEN = "open", _("营业中")
    CLOSED = "closed", _("已停业")


class Canteen(InCommunity):
    """An elderly canteen: where it is (its community), who runs it, when it is open and whom it serves."""

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=16, choices=CanteenKind.choices, default=CanteenKind.COMMUNITY)
    address = models.CharField(_("地址"), max_length=200)
    operator = models.CharField(_("运营单位"), max_length=100, blank=True)
    operating_model = models.CharField(
        _("运营模式"), max_length=20, choices=OperatingModel.choices, default=OperatingModel.SUBSIDY_COPAY
    )
    seats = models.PositiveIntegerField(_("座位数"), validators=[MaxValueValidator(5000)])
    registered_seniors = models.PositiveIntegerField(
        _("登记服务老人数"), default=0, help_text=_("在本食堂登记就餐的老年人")
    )
    opening_hours = models.CharField(
        _("开放时间"), max_length=200, help_text=_("例如：午餐 11:00–13:00，晚餐 17:00–18:30")
    )
    opened_on = models.DateField(_("开业日期"))
    delivers = models.BooleanField(_("提供送餐"), default=False)
    delivery_note = models.CharField(
        _("送餐说明"), max_length=200, blank=True, help_text=_("例如：本社区内免费送餐上门")
    )
    status = models.CharField(_("状态"), max_length=8, choices=CanteenStatus.choices, default=CanteenStatus.OPEN)
    closed_on = models.DateField(_("停业日期"), null=True, blank=True)
    serves = models.ManyToManyField(
        Area,
        blank=True,
        related_name="served_by_canteens",
        limit_choices_to={"level": Level.COMMUNITY},
        verbose_name=_("另服务的社区"),
        help_text=_("除所在社区外，本食堂还服务的社区/村"),
    )
    note = models.TextField(_("说明"), blank=True)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()  # the served communities (m2m) are not versioned

    class Meta:
        verbose_name = _("养老食堂")
        verbose_name_plural = _("养老食堂")
        ordering = ["community_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="canteen_name_unique_in_community"),
            models.CheckConstraint(
                condition=Q(status=CanteenStatus.OPEN, closed_on__isnull=True)
                | Q(status=CanteenStatus.CLOSED, closed_on__isnull=False),
                name="canteen_closed_on_iff_closed",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="canteen_closes_after_opening",
            ),
        ]
        indexes = [models.Index(fields=["status", "community"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.status == CanteenStatus.CLOSED and not self.closed_on:
            errors["closed_on"] = _("已停业的食堂请填写停业日期。")
        if self.status == CanteenStatus.OPEN and self.closed_on:
            errors["closed_on"] = _("营业中的食堂不填停业日期；停业请把状态改为“已停业”。")
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("停业日期不能早于开业日期（%(date)s）。") % {"date": self.opened_on}
        if not self.delivers and self.delivery_note:
            errors["delivery_note"] = _("不提供送餐的食堂不填送餐说明。")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status == CanteenStatus.OPEN


class PriceGroup(models.TextChoices):
    STANDARD = "standard", _("普通居民")
    SENIOR = "senior", _("老年人")
    SUBSISTENCE = "subsistence", _("低保户")
    DISABLED = "disabled", _("残疾人")
    CONTRIBUTOR = "contributor", _("特殊贡献人员（劳模、见义勇为伤残、因公伤残等）")


class CanteenPrice(InCommunity):
    """The price of a meal for one group; seniors' prices are per age band ("from 70 years on")."""

    canteen = models.ForeignKey(Canteen, models.CASCADE, related_name="prices", verbose_name=_("食堂"))
    group = models.CharField(_("人群"), max_length=16, choices=PriceGroup.choices)
    min_age = models.PositiveSmallIntegerField(
        _("起始年龄"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_SENIOR_AGE), MaxValueValidator(MAX_AGE)],
        help_text=_("仅老年人价格：多少周岁起适用"),
    )
    price = models.DecimalField(
        _("每餐价格（元）"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    note = models.CharField(_("说明"), max_length=100, blank=True, help_text=_("例如：午餐一荤两素"))
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("就餐价格")
        verbose_name_plural = _("就餐价格")
        ordering = ["canteen_id", "group", "min_age"]
        constraints = [
            models.UniqueConstraint(
                fields=["canteen", "group", "min_age"], nulls_distinct=False, name="canteen_price_once_per_group"
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="canteen_price_not_negative"),
            models.CheckConstraint(
                condition=Q(group=PriceGroup.SENIOR, min_age__gte=MIN_SENIOR_AGE, min_age__lte=MAX_AGE)
                | (~Q(group=PriceGroup.SENIOR) & Q(min_age__isnull=True)),
                name="canteen_price_age_band_for_seniors_only",
            ),
        ]

    def __str__(self) -> str:
        return str(_("%(group)s：%(price)s 元") % {"group": self.group_label, "price": self.price})

    @property
    def group_label(self) -> str:
        if self.group == PriceGroup.SENIOR and self.min_age:
            return str(_("%(age)s周岁以上老年人") % {"age": self.min_age})
        return str(self.get_group_display())

    def fill_community(self) -> None:
        if self.canteen_id:
            self.community_id = self.canteen.community_id

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.group == PriceGroup.SENIOR and self.min_age is None:
            errors["min_age"] = _("老年人价格请填写从多少周岁起适用（%(min)s–%(max)s）。") % {
                "min": MIN_SENIOR_AGE,
                "max": MAX_AGE,
            }
        if self.group and self.group != PriceGroup.SENIOR and self.min_age is not None:
            errors["min_age"] = _("只有老年人价格按年龄段区分；“%(group)s”不填起始年龄。") % {
                "group": self.get_group_display()
            }
        if not errors and self.canteen_id and self.group:
            twin = CanteenPrice.objects.filter(canteen_id=self.canteen_id, group=self.group, min_age=self.min_age)
            if twin.exclude(pk=self.pk).exists():
                errors["min_age" if self.group == PriceGroup.SENIOR else "group"] = _(
                    "“%(group)s”的价格已经有了，请修改那一条。"
                ) % {"group": self.group_label}
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True)
class Diner:
    """Who is asking what a meal costs: what the canteens' discounts depend on, nothing more."""

    age: int | None = None
    subsistence: bool = False
    disabled: bool = False
    contributor: bool = False

    def belongs_to(self, price: CanteenPrice) -> bool:
        if price.group == PriceGroup.STANDARD:
            return True
        if price.group == PriceGroup.SENIOR:
            return self.age is not None and price.min_age is not None and self.age >= price.min_age
        return bool(
            {
                PriceGroup.SUBSISTENCE: self.subsistence,
                PriceGroup.DISABLED: self.disabled,
                PriceGroup.CONTRIBUTOR: self.contributor,
            }.get(PriceGroup(price.group))
        )


@dataclass(frozen=True)
class PriceQuote:
    price: Decimal
    group: str  # the group whose price applies, as residents read it
    applicable: list[CanteenPrice]  # every price the diner qualifies for, cheapest first


def quote_price(prices: list[CanteenPrice], diner: Diner) -> PriceQuote | None:
    """What `diner` pays per meal: the lowest price among the groups they belong to (the standard price
    applies to everyone). None when the canteen publishes no price that applies to them."""
    applicable = sorted((p for p in prices if diner.belongs_to(p)), key=lambda p: (p.price, p.group != "standard"))
    if not applicable:
        return None
    return PriceQuote(applicable[0].price, applicable[0].group_label, applicable)


# ---------------------------------------------------------------------------------------------------------------
# A canteen's monthly figures, entered once; corrections kept
# ---------------------------------------------------------------------------------------------------------------

FIGURE_FIELDS = ("meals_served", "seniors_served", "deliveries", "subsidy_paid")


class CanteenMonth(InCommunity):
    """A canteen's figures for one month, entered once (unique per canteen and month)."""

    canteen = models.ForeignKey(Canteen, models.PROTECT, related_name="months", verbose_name=_("食堂"))
    month = models.DateField(_("月份"), help_text=_("该月的任一日期，按该月1日保存"))
    meals_served = models.PositiveIntegerField(_("就餐人次"))
    seniors_served = models.PositiveIntegerField(_("服务老人数"), help_text=_("本月来就餐或送餐的老年人（人）"))
    deliveries = models.PositiveIntegerField(_("送餐份数"), default=0)
    subsidy_paid = models.DecimalField(
        _("补贴金额（元）"), max_digits=12, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("食堂月度数据")
        verbose_name_plural = _("食堂月度数据")
        ordering = ["canteen_id", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["canteen", "month"], name="canteen_month_entered_once"),
            models.CheckConstraint(condition=Q(month__day=1), name="canteen_month_is_first_day"),
            models.CheckConstraint(
                condition=Q(seniors_served__lte=models.F("meals_served")), name="canteen_month_seniors_within_meals"
            ),
            models.CheckConstraint(
                condition=Q(deliveries__lte=models.F("meals_served")), name="canteen_month_deliveries_within_meals"
            ),
            models.CheckConstraint(condition=Q(subsidy_paid__gte=0), name="canteen_month_subsidy_not_negative"),
        ]
        indexes = [models.Index(fields=["month", "community"]), models.Index(fields=["street", "month"])]

    def __str__(self) -> str:
        name = self.canteen.name if self.canteen_id else ""
        return f"{name} {month_label(self.month)}" if self.month else name

    def fill_community(self) -> None:
        if self.canteen_id:
            self.community_id = self.canteen.community_id

    def clean_fields(self, exclude: Any = None) -> None:
        if isinstance(self.month, dt.date):
            self.month = month_start(self.month)
        super().clean_fields(exclude)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        canteen = self.canteen if self.canteen_id else None
        if self.month:
            if self.month > month_start(timezone.localdate()):
                errors["month"] = _("%(month)s还没有到，不能录入。") % {"month": month_label(self.month)}
            elif canteen is not None and canteen.opened_on and self.month < month_start(canteen.opened_on):
                errors["month"] = _("食堂“%(canteen)s”%(opened)s才开业，不能录入%(month)s的数据。") % {
                    "canteen": canteen.name,
                    "opened": canteen.opened_on,
                    "month": month_label(self.month),
                }
            elif canteen is not None:
                twin = CanteenMonth.objects.filter(canteen=canteen, month=self.month).exclude(pk=self.pk)
                if twin.exists():
                    errors["month"] = _(
                        "食堂“%(canteen)s”%(month)s的数据已经录入过。每月只录入一次；如需修改，请提交更正并说明原因。"
                    ) % {"canteen": canteen.name, "month": month_label(self.month)}
        both = self.meals_served is not None and self.seniors_served is not None
        if both and self.seniors_served > self.meals_served:
            errors["seniors_served"] = _("服务老人数（%(seniors)s）不能多于就餐人次（%(meals)s）。") % {
                "seniors": self.seniors_served,
                "meals": self.meals_served,
            }
        if self.meals_served is not None and self.deliveries:
            if self.deliveries > self.meals_served:
                errors["deliveries"] = _("送餐份数（%(deliveries)s）不能多于就餐人次（%(meals)s）。") % {
                    "deliveries": self.deliveries,
                    "meals": self.meals_served,
                }
            elif canteen is not None and not canteen.delivers:
                errors["deliveries"] = _("食堂“%(canteen)s”不提供送餐，送餐份数应为 0。") % {"canteen": canteen.name}
        if errors:
            raise ValidationError(errors)


class CanteenMonthCorrection(InCommunity):
    """A correction of a month's figures: what changed (old and new values), why, who and when."""

    # PROTECT: a month's corrections are its history; deleting the month must not erase them.
    figure = models.ForeignKey(CanteenMonth, models.PROTECT, related_name="corrections", verbose_name=_("月度数据"))
    changes = models.JSONField(_("更正内容"), help_text=_("字段：[原值, 新值]"))
    reason = models.CharField(_("更正原因"), max_length=500)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("更正人")
    )
    corrected_at = models.DateTimeField(_("更正时间"), default=timezone.now)

    class Meta:
        verbose_name = _("月度数据更正")
        verbose_name_plural = _("月度数据更正")
        ordering = ["figure_id", "corrected_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="canteen_correction_has_reason")]

    def __str__(self) -> str:
        return f"{self.figure} · {self.reason}"

    def fill_community(self) -> None:
        if self.figure_id:
            self.community_id = self.figure.community_id

    def changes_display(self) -> list[tuple[str, Any, Any]]:
        """(field label, old, new) in the figure's field order."""
        labels = {f: str(getattr(CanteenMonth._meta.get_field(f), "verbose_name", f)) for f in FIGURE_FIELDS}
        return [(labels[f], *self.changes[f]) for f in FIGURE_FIELDS if f in self.changes]


# ---------------------------------------------------------------------------------------------------------------
# Community facilities
# ---------------------------------------------------------------------------------------------------------------


class FacilityKind(models.TextChoices):
    STUDY_ROOM = "study_room", _("城市书房")
    CHILDCARE = "childcare", _("托育托管")
    AFTER_SCHOOL = "after_school", _("课后及假期托管")
    LECTURES = "lectures", _("讲座与老年课堂")
    DAY_CARE = "day_care", _("老年日间照料")


class Facility(InCommunity):
    """A community facility residents can walk into: a city study room, childcare, classes, elderly day-care."""

    kind = models.CharField(_("类型"), max_length=16, choices=FacilityKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    opening_hours = models.CharField(_("开放时间"), max_length=200, blank=True)
    floor_area = models.DecimalField(
        _("面积（㎡）"), max_digits=9, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    books = models.PositiveIntegerField(_("藏书（册）"), null=True, blank=True, help_text=_("仅城市书房"))
    places = models.PositiveIntegerField(_("可容纳人数"), null=True, blank=True)
    fee = models.CharField(
        _("收费"), max_length=100, blank=True, help_text=_("留空表示免费；收费的请写明标准，例如：每月300元")
    )
    audience = models.CharField(_("服务对象"), max_length=100, blank=True, help_text=_("例如：辖区老人和儿童"))
    description = models.TextField(_("介绍"), blank=True)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("社区服务设施")
        verbose_name_plural = _("社区服务设施")
        ordering = ["community_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "kind", "name"], name="facility_name_unique_in_community"),
            models.CheckConstraint(
                condition=Q(books__isnull=True) | Q(kind=FacilityKind.STUDY_ROOM), name="facility_books_study_rooms"
            ),
            models.CheckConstraint(condition=Q(floor_area__gte=0), name="facility_floor_area_not_negative"),
        ]
        indexes = [models.Index(fields=["kind", "community"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.books is not None and self.kind and self.kind != FacilityKind.STUDY_ROOM:
            raise ValidationError(
                {"books": _("只有城市书房登记藏书；“%(kind)s”不填。") % {"kind": self.get_kind_display()}}
            )


# ---------------------------------------------------------------------------------------------------------------
# Volunteers and small wishes
# ---------------------------------------------------------------------------------------------------------------


class VolunteerTeam(InCommunity):
    """A community volunteer team (志愿服务队): how many volunteers; hours are reported per month."""

    name = models.CharField(_("队名"), max_length=100)
    volunteers = models.PositiveIntegerField(_("志愿者人数"))
    services = models.CharField(_("服务内容"), max_length=200, blank=True, help_text=_("例如：理发、陪聊、政策宣传"))
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("志愿服务队")
        verbose_name_plural = _("志愿服务队")
        ordering = ["community_id", "name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="volunteer_team_unique_in_community")]

    def __str__(self) -> str:
        return self.name


class VolunteerHours(InCommunity):
    """Hours a team served in one month, once per team and month."""

    team = models.ForeignKey(VolunteerTeam, models.CASCADE, related_name="months", verbose_name=_("志愿服务队"))
    month = models.DateField(_("月份"), help_text=_("该月的任一日期，按该月1日保存"))
    hours = models.DecimalField(
        _("服务时长（小时）"), max_digits=8, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("志愿服务时长")
        verbose_name_plural = _("志愿服务时长")
        ordering = ["team_id", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["team", "month"], name="volunteer_hours_once_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="volunteer_hours_month_first_day"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="volunteer_hours_not_negative"),
        ]
        indexes = [models.Index(fields=["month", "community"])]

    def __str__(self) -> str:
        return f"{self.team} {month_label(self.month)}" if self.team_id and self.month else ""

    def fill_community(self) -> None:
        if self.team_id:
            self.community_id = self.team.community_id

    def clean_fields(self, exclude: Any = None) -> None:
        if isinstance(self.month, dt.date):
            self.month = month_start(self.month)
        super().clean_fields(exclude)

    def clean(self) -> None:
        super().clean()
        if self.team_id and self.month:
            if self.month > month_start(timezone.localdate()):
                raise ValidationError(
                    {"month": _("%(month)s还没有到，不能录入。") % {"month": month_label(self.month)}}
                )
            if VolunteerHours.objects.filter(team_id=self.team_id, month=self.month).exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"month": _("%(month)s的服务时长已经录入过，请修改那一条。") % {"month": month_label(self.month)}}
                )


class SmallWish(InCommunity):
    """A resident's small wish (微心愿), claimed by a party member or unit and then fulfilled.

    Who wished it is not recorded; who claimed it (`claimed_by`) is shown to officials only."""

    title = models.CharField(_("心愿内容"), max_length=200)
    posted_on = models.DateField(_("发布日期"))
    claimed_on = models.DateField(_("认领日期"), null=True, blank=True)
    claimed_by = models.CharField(_("认领人/单位"), max_length=100, blank=True)
    fulfilled_on = models.DateField(_("实现日期"), null=True, blank=True)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("微心愿")
        verbose_name_plural = _("微心愿")
        ordering = ["community_id", "-posted_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claimed_on__isnull=True) | Q(claimed_on__gte=models.F("posted_on")),
                name="wish_claimed_after_posted",
            ),
            models.CheckConstraint(
                condition=Q(fulfilled_on__isnull=True)
                | Q(claimed_on__isnull=False, fulfilled_on__gte=models.F("claimed_on")),
                name="wish_fulfilled_after_claimed",
            ),
        ]
        indexes = [models.Index(fields=["claimed_on", "community"]), models.Index(fields=["fulfilled_on", "community"])]

    def __str__(self) -> str:
        return self.title

    @property
    def status(self) -> str:
        if self.fulfilled_on:
            return str(_("已实现"))
        if self.claimed_on:
            return str(_("已认领"))
        return str(_("待认领"))

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.claimed_on and self.posted_on and self.claimed_on < self.posted_on:
            errors["claimed_on"] = _("认领日期不能早于发布日期（%(date)s）。") % {"date": self.posted_on}
        if self.claimed_by and not self.claimed_on:
            errors["claimed_on"] = _("填写了认领人/单位，请同时填写认领日期。")
        if self.fulfilled_on:
            if not self.claimed_on:
                errors["fulfilled_on"] = _("心愿要先被认领，才能实现。")
            elif self.fulfilled_on < self.claimed_on:
                errors["fulfilled_on"] = _("实现日期不能早于认领日期（%(date)s）。") % {"date": self.claimed_on}
        if errors:
            raise ValidationError(errors)
