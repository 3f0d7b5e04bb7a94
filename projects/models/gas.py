"""Gas-connection campaigns (燃气开通): a district's campaign, one plan per compound (一小区一方案), one plan per
building (一栋楼一计划) moving through the stages, every stage change kept as an event, and the blockers.

What leaders ask about is derived, never typed: a compound is ready for gas (具备通气条件) when every one of its
buildings has a plan and has passed inspection; a campaign's households are its compounds' households; households
connected, readiness and connection rates come from the buildings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from grids.models import Area, Building, Compound, InCommunity, Level, PathMixin, ScopedQuerySet

__all__ = [
    "GasBlocker",
    "GasBuildingPlan",
    "GasCampaign",
    "GasCompoundPlan",
    "GasStage",
    "GasStageEvent",
]


class GasStage(models.IntegerChoices):
    """The milestones a building reaches, in order; the stored stage is the last one reached."""

    SURVEYED = 1, _("摸排")
    DESIGN_APPROVED = 2, _("方案论证")
    CONSTRUCTION = 3, _("施工")
    INSPECTION = 4, _("检测验收")
    INDOOR_INSTALLATION = 5, _("入户安装")
    PRESSURE_TEST = 6, _("打压")
    GAS_ON = 7, _("通气")


STAGE_KEYS = {
    GasStage.SURVEYED: "surveyed",
    GasStage.DESIGN_APPROVED: "design_approved",
    GasStage.CONSTRUCTION: "construction",
    GasStage.INSPECTION: "inspection",
    GasStage.INDOOR_INSTALLATION: "indoor_installation",
    GasStage.PRESSURE_TEST: "pressure_test",
    GasStage.GAS_ON: "gas_on",
}
FIRST_STAGE, LAST_STAGE = GasStage.SURVEYED, GasStage.GAS_ON
# A building that has reached this stage has passed inspection: its compound may be ready for gas.
READY_STAGE = GasStage.INSPECTION
# Households are connected only once indoor installation has begun.
CONNECTING_STAGE = GasStage.INDOOR_INSTALLATION


# --------------------------------------------------------------------------------------------------- campaign


class GasCampaign(PathMixin):
    """A district's campaign, e.g. high-rise compounds built before 2005 that never got piped gas."""

    district = models.ForeignKey(
        Area,
        models.PROTECT,
        related_name="gas_campaigns",
        limit_choices_to={"level": Level.DISTRICT},
        verbose_name=_("区/县"),
    )
    name = models.CharField(_("名称"), max_length=100)
    goal = models.TextField(_("目标"), blank=True)
    started_on = models.DateField(_("启动日期"), null=True, blank=True)
    deadline = models.DateField(_("完成时限"))
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("燃气开通攻坚")
        verbose_name_plural = _("燃气开通攻坚")
        ordering = ["-deadline", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="gas_campaign_name_unique_in_district"),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(started_on__lte=F("deadline")),
                name="gas_campaign_starts_before_deadline",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean_fields(self, exclude: Any = None) -> None:
        # The path (city) is known before the scope check of a new campaign.
        if self.district_id:
            self.copy_path_from(self.district, including_self=True)
        super().clean_fields(exclude)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.district_id and self.district.level != Level.DISTRICT:
            errors["district"] = _("所选区域“%(name)s”不是区/县。") % {"name": self.district.name}
        if self.started_on and self.deadline and self.started_on > self.deadline:
            errors["deadline"] = _("完成时限不能早于启动日期。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.copy_path_from(self.district, including_self=True)
        super().save(*args, **kwargs)


# --------------------------------------------------------------------------------------------------- compounds


def _building_plans_of(outer: str = "pk") -> models.QuerySet:
    return GasBuildingPlan.objects.filter(compound_plan=OuterRef(outer))


def _unplanned_buildings() -> models.QuerySet:
    """The buildings of the plan's compound that have no building plan in it."""
    planned = GasBuildingPlan.objects.filter(compound_plan=OuterRef(OuterRef("pk")), building=OuterRef("pk"))
    return Building.objects.filter(compound_id=OuterRef("compound_id")).filter(~Exists(planned))


def ready_condition() -> Q:
    """A compound plan is ready for gas (具备通气条件): the compound has buildings, every one of them has a plan,
    and none of them is short of inspection. A building left out of the plan keeps the compound not ready."""
    return (
        Q(Exists(_building_plans_of()))
        & ~Q(Exists(_building_plans_of().filter(stage__lt=READY_STAGE)))
        & ~Q(Exists(_unplanned_buildings()))
    )


def connected_households() -> Coalesce:
    """Per compound plan: the households connected, summed over its building plans (a correlated subquery)."""
    inner = _building_plans_of().order_by().values("compound_plan").annotate(v=Sum("households_connected"))
    return Coalesce(Subquery(inner.values("v"), output_field=models.IntegerField()), Value(0))


class GasCompoundPlanQuerySet(ScopedQuerySet):
    def ready(self) -> GasCompoundPlanQuerySet:
        return self.filter(ready_condition())

    def with_figures(self) -> GasCompoundPlanQuerySet:
        """Per compound plan, from its buildings (correlated subqueries, so rows stay one per plan):
        n_buildings (planned), n_compound_buildings (all of the compound's), n_passed (passed inspection), n_gas_on,
        plan_households (the compound's households), households_connected, is_ready."""

        def per_plan(qs: models.QuerySet, aggregate: Any, group: str = "compound_plan") -> Coalesce:
            inner = qs.order_by().values(group).annotate(v=aggregate).values("v")
            return Coalesce(Subquery(inner, output_field=models.IntegerField()), Value(0))

        plans = _building_plans_of()
        compound_buildings = Building.objects.filter(compound_id=OuterRef("compound_id"))
        return self.annotate(
            n_buildings=per_plan(plans, Count("pk")),
            n_compound_buildings=per_plan(compound_buildings, Count("pk"), group="compound_id"),
            n_passed=per_plan(plans.filter(stage__gte=READY_STAGE), Count("pk")),
            n_gas_on=per_plan(plans.filter(stage=GasStage.GAS_ON), Count("pk")),
            plan_households=F("compound__households"),
            households_connected=connected_households(),
            is_ready=models.ExpressionWrapper(ready_condition(), output_field=models.BooleanField()),
        )


class GasCompoundPlan(InCommunity):
    """One plan per compound (一小区一方案): why it never got gas, who is responsible, the designed route."""

    campaign = models.ForeignKey(
        GasCampaign, models.CASCADE, related_name="compound_plans", verbose_name=_("燃气开通攻坚")
    )
    compound = models.ForeignKey(Compound, models.PROTECT, related_name="gas_plans", verbose_name=_("小区"))
    # Why it was never connected (more than one may apply).
    cause_developer_arrears = models.BooleanField(_("开发商欠费"), default=False)
    cause_unclear_property = models.BooleanField(_("产权界定不清"), default=False)
    cause_no_initial_planning = models.BooleanField(_("初期规划缺失"), default=False)
    cause_other = models.CharField(_("其他原因"), max_length=200, blank=True)
    # The responsible units besides the street and community the compound lies in.
    gas_company = models.CharField(_("燃气企业"), max_length=100, blank=True)
    inspection_body = models.CharField(_("检测验收机构"), max_length=100, blank=True)
    route = models.TextField(_("管网设计路线"), blank=True)
    started_on = models.DateField(_("启动日期"), null=True, blank=True)
    planned_on = models.DateField(_("计划通气日期"), null=True, blank=True, help_text=_("留空则按攻坚的完成时限计。"))
    notes = models.TextField(_("备注"), blank=True)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    objects = GasCompoundPlanQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("小区燃气方案")
        verbose_name_plural = _("小区燃气方案")
        ordering = ["campaign_id", "street_id", "community_id", "compound_id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "compound"], name="gas_one_plan_per_compound_in_campaign"),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(planned_on__isnull=True) | Q(planned_on__gte=F("started_on")),
                name="gas_compound_plan_planned_after_start",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "street"])]

    def __str__(self) -> str:
        return self.compound.name if self.compound_id else str(_("小区燃气方案"))

    def fill_community(self) -> None:
        if self.compound_id:
            self.community_id = self.compound.community_id

    @property
    def causes(self) -> list[str | Promise]:
        names: list[str | Promise] = [
            label
            for name, label in (
                ("cause_developer_arrears", _("开发商欠费")),
                ("cause_unclear_property", _("产权界定不清")),
                ("cause_no_initial_planning", _("初期规划缺失")),
            )
            if getattr(self, name)
        ]
        if self.cause_other:
            names.append(self.cause_other)
        return names

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.campaign_id and self.compound_id and self.compound.district_id != self.campaign.district_id:
            errors["compound"] = _("小区“%(compound)s”不在攻坚所属的“%(district)s”。") % {
                "compound": self.compound.name,
                "district": self.campaign.district.name,
            }
        if self.started_on and self.planned_on and self.planned_on < self.started_on:
            errors["planned_on"] = _("计划通气日期不能早于启动日期。")
        if errors:
            raise ValidationError(errors)


# --------------------------------------------------------------------------------------------------- buildings


class GasBuildingPlanQuerySet(ScopedQuerySet):
    def with_expected(self) -> GasBuildingPlanQuerySet:
        """`expected` (预计通气日期): the building's own date, else its compound plan's, else the deadline."""
        return self.annotate(
            expected=Coalesce("expected_on", "compound_plan__planned_on", "compound_plan__campaign__deadline")
        )

    def late(self, today: dt.date) -> GasBuildingPlanQuerySet:
        return self.with_expected().filter(stage__lt=GasStage.GAS_ON, expected__lt=today)


class GasBuildingPlan(InCommunity):
    """One plan per building (一栋楼一计划): its stage, the date it was reached, the households connected."""

    compound_plan = models.ForeignKey(
        GasCompoundPlan, models.CASCADE, related_name="building_plans", verbose_name=_("小区燃气方案")
    )
    building = models.ForeignKey(Building, models.PROTECT, related_name="gas_plans", verbose_name=_("楼栋"))
    stage = models.PositiveSmallIntegerField(_("阶段"), choices=GasStage.choices, default=GasStage.SURVEYED)
    stage_reached_on = models.DateField(_("到达本阶段日期"), default=timezone.localdate)
    expected_on = models.DateField(
        _("预计通气日期"), null=True, blank=True, help_text=_("留空则按小区方案的计划通气日期或攻坚的完成时限计。")
    )
    households_connected = models.PositiveIntegerField(_("已通气户数"), default=0)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    objects = GasBuildingPlanQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("楼栋燃气计划")
        verbose_name_plural = _("楼栋燃气计划")
        ordering = ["compound_plan_id", "building__name"]
        constraints = [
            models.UniqueConstraint(fields=["compound_plan", "building"], name="gas_one_plan_per_building"),
            models.CheckConstraint(
                condition=Q(stage__gte=FIRST_STAGE, stage__lte=LAST_STAGE), name="gas_building_stage_valid"
            ),
            models.CheckConstraint(
                condition=Q(stage__gte=CONNECTING_STAGE) | Q(households_connected=0),
                name="gas_no_households_connected_before_indoor_installation",
            ),
        ]
        indexes = [
            models.Index(fields=["compound_plan", "stage"]),
            models.Index(fields=["street", "stage"]),
        ]

    def __str__(self) -> str:
        return str(self.building) if self.building_id else str(_("楼栋燃气计划"))

    def fill_community(self) -> None:
        if self.building_id:
            self.community_id = self.building.community_id

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        building = self.building if self.building_id else None
        if building is not None and self.compound_plan_id and building.compound_id != self.compound_plan.compound_id:
            errors["building"] = _("楼栋“%(building)s”不属于小区“%(compound)s”。") % {
                "building": building,
                "compound": self.compound_plan.compound.name,
            }
        connected = self.households_connected or 0
        if building is not None and connected > building.households:
            errors["households_connected"] = _("已通气户数不能超过楼栋户数（%(households)s 户）。") % {
                "households": building.households
            }
        elif building is not None and self.stage == GasStage.GAS_ON and connected != building.households:
            errors["households_connected"] = _("已通气的楼栋，全部 %(households)s 户都应计为已通气。") % {
                "households": building.households
            }
        elif self.stage and self.stage < CONNECTING_STAGE and connected:
            errors["households_connected"] = _("入户安装开始前，已通气户数应为 0。")
        if self.stage_reached_on and self.stage_reached_on > timezone.localdate():
            errors["stage_reached_on"] = _("到达阶段的日期不能晚于今天。")
        elif self.pk and self.stage_reached_on:
            stored = GasBuildingPlan.objects.filter(pk=self.pk).values("stage", "stage_reached_on").first()
            if stored and stored["stage"] == self.stage and stored["stage_reached_on"] != self.stage_reached_on:
                errors["stage_reached_on"] = _("阶段日期随阶段变更一并记录，不能单独修改；已记录的阶段不会被改写。")
            elif stored and self.stage_reached_on < stored["stage_reached_on"]:
                errors["stage_reached_on"] = _("到达日期不能早于上一阶段的日期（%(date)s）。") % {
                    "date": stored["stage_reached_on"]
                }
        if errors:
            raise ValidationError(errors)

    @property
    def is_ready(self) -> bool:
        return bool(self.stage and self.stage >= READY_STAGE)

    @property
    def stage_key(self) -> str:
        return STAGE_KEYS[GasStage(self.stage)]

    def stage_event(self, *, previous: int | None, reason: str = "", note: str = "", by: Any = None) -> GasStageEvent:
        """The event recording that this plan reached its (new) stage, validated; errors name the plan's fields
        (`stage`, `stage_reached_on`) and `reason`, as the admin form, the API and the ledger call them."""
        event = GasStageEvent(
            building_plan=self,
            community_id=self.community_id,
            from_stage=previous,
            to_stage=self.stage,
            reached_on=self.stage_reached_on,
            reason=(reason or "").strip(),
            note=(note or "").strip(),
            recorded_by=by if getattr(by, "is_authenticated", False) else None,
        )
        try:
            event.full_clean(exclude=["building_plan", "community"])
        except ValidationError as e:
            renamed = {"to_stage": "stage", "reached_on": "stage_reached_on", "from_stage": "stage"}
            raise ValidationError(
                {renamed.get(k, k): v for k, v in e.message_dict.items()} if hasattr(e, "error_dict") else e.messages
            ) from e
        return event


# --------------------------------------------------------------------------------------------------- events


class GasStageEvent(InCommunity):
    """A building reaching a stage: who recorded it, when, from which stage. Appended, never changed."""

    # Events are never erased: a building plan (or its compound plan, or campaign) with events cannot be deleted.
    building_plan = models.ForeignKey(
        GasBuildingPlan, models.PROTECT, related_name="events", verbose_name=_("楼栋燃气计划")
    )
    from_stage = models.PositiveSmallIntegerField(_("原阶段"), choices=GasStage.choices, null=True, blank=True)
    to_stage = models.PositiveSmallIntegerField(_("新阶段"), choices=GasStage.choices)
    reached_on = models.DateField(_("到达日期"))
    reason = models.CharField(
        _("跳过或回退原因"), max_length=300, blank=True, help_text=_("跳过阶段或退回前一阶段时必须说明原因。")
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("记录人")
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("燃气阶段记录")
        verbose_name_plural = _("燃气阶段记录")
        ordering = ["building_plan_id", "reached_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_stage__gte=FIRST_STAGE, to_stage__lte=LAST_STAGE), name="gas_event_stage_valid"
            ),
            models.CheckConstraint(
                condition=Q(from_stage__isnull=True) | ~Q(from_stage=F("to_stage")), name="gas_event_changes_stage"
            ),
            # One stage forward (or a building entering at the first stage) needs no reason; anything else does.
            models.CheckConstraint(
                condition=Q(to_stage=F("from_stage") + 1)
                | Q(from_stage__isnull=True, to_stage=FIRST_STAGE)
                | ~Q(reason=""),
                name="gas_event_skip_needs_reason",
            ),
        ]
        indexes = [models.Index(fields=["to_stage", "reached_on"])]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display() or '—'} → {self.get_to_stage_display()} {self.reached_on}"

    def fill_community(self) -> None:
        if self.building_plan_id:
            self.community_id = self.building_plan.community_id

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.to_stage and self.from_stage == self.to_stage:
            errors["to_stage"] = _("新阶段与原阶段相同，无需记录。")
        elif self.to_stage:
            expected = (self.from_stage or 0) + 1
            if self.to_stage != expected and not self.reason.strip():
                labels = {"from": GasStage(self.from_stage).label if self.from_stage else "—"}
                labels["to"] = GasStage(self.to_stage).label
                if self.to_stage > expected:
                    message = _("从“%(from)s”直接到“%(to)s”跳过了中间阶段：请填写跳过原因。")
                else:
                    message = _("从“%(from)s”退回“%(to)s”：请填写退回原因。")
                errors["reason"] = message % labels
        if self.reached_on:
            if self.reached_on > timezone.localdate():
                errors["reached_on"] = _("到达日期不能晚于今天。")
            elif self.building_plan_id and self.building_plan.pk:
                last = (
                    GasStageEvent.objects.filter(building_plan_id=self.building_plan.pk)
                    .exclude(pk=self.pk)
                    .order_by("-reached_on")
                    .values_list("reached_on", flat=True)
                    .first()
                )
                if last and self.reached_on < last:
                    errors["reached_on"] = _("到达日期不能早于上一阶段的日期（%(date)s）。") % {"date": last}
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A gas stage event is never changed; record a new one.")
        super().save(*args, **kwargs)


# --------------------------------------------------------------------------------------------------- blockers


class GasBlocker(InCommunity):
    """What holds a compound (or one of its buildings) up, until it is resolved."""

    compound_plan = models.ForeignKey(
        GasCompoundPlan, models.CASCADE, related_name="blockers", verbose_name=_("小区燃气方案")
    )
    building_plan = models.ForeignKey(
        GasBuildingPlan,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="blockers",
        verbose_name=_("楼栋"),
        help_text=_("留空表示整个小区。"),
    )
    description = models.CharField(_("问题"), max_length=300)
    responsible_unit = models.CharField(_("责任单位"), max_length=100, blank=True)
    raised_on = models.DateField(_("发现日期"))
    resolved_on = models.DateField(_("解决日期"), null=True, blank=True)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("堵点")
        verbose_name_plural = _("堵点")
        ordering = ["compound_plan_id", "raised_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("raised_on")),
                name="gas_blocker_resolved_after_raised",
            ),
        ]
        indexes = [models.Index(fields=["compound_plan", "resolved_on"])]

    def __str__(self) -> str:
        return self.description

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None

    def fill_community(self) -> None:
        if self.compound_plan_id:
            self.community_id = self.compound_plan.community_id

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        building_plan = self.building_plan if self.building_plan_id else None
        if (
            building_plan is not None
            and self.compound_plan_id
            and building_plan.compound_plan_id != self.compound_plan_id
        ):
            errors["building_plan"] = _("所选楼栋不属于这个小区方案。")
        if self.raised_on and self.resolved_on and self.resolved_on < self.raised_on:
            errors["resolved_on"] = _("解决日期不能早于发现日期。")
        if errors:
            raise ValidationError(errors)
