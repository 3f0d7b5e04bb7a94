"""Writes of gas-connection campaigns. The admin, the API and the ledger import call these; each checks the
caller's scope before and after the change (grids' scoped save), validates with full_clean() and saves in one
transaction. A stage change is always a new GasStageEvent, never an edit of an old one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from grids.actions import register_record_actions, scoped_delete, scoped_save
from grids.models import ensure_can_manage

from ..models.gas import (
    LAST_STAGE,
    GasBlocker,
    GasBuildingPlan,
    GasCampaign,
    GasCompoundPlan,
    GasStage,
    GasStageEvent,
)


@transaction.atomic
def gas_campaign_save(*, user: Any, campaign: GasCampaign) -> GasCampaign:
    """Create or change a campaign; only officials of its district (or above) may."""
    return scoped_save(user=user, instance=campaign)


@transaction.atomic
def gas_compound_plan_save(*, user: Any, plan: GasCompoundPlan) -> GasCompoundPlan:
    """Create or change a compound's plan (一小区一方案); scoped to the compound's areas."""
    return scoped_save(user=user, instance=plan)


@transaction.atomic
def gas_blocker_save(*, user: Any, blocker: GasBlocker) -> GasBlocker:
    return scoped_save(user=user, instance=blocker)


def _connected_at(plan: GasBuildingPlan) -> None:
    """A building at "gas on" counts all its households as connected."""
    if plan.stage == GasStage.GAS_ON and plan.building_id:
        plan.households_connected = plan.building.households


@transaction.atomic
def gas_building_plan_save(*, user: Any, plan: GasBuildingPlan, reason: str = "", note: str = "") -> GasBuildingPlan:
    """Create or change a building's plan (一栋楼一计划).

    A new plan records the stage it enters at; a changed `stage` records the change (from the stored stage to
    the new one, reached on `stage_reached_on`). A changed stage whose date was left as stored (the admin form,
    a ledger row changing only the stage) is reached today: the stored date belongs to the previous stage.
    Skipping a stage or going back needs `reason`. The date of a stage is part of its event: it cannot be
    changed without a new stage."""
    return _building_plan_save(user=user, plan=plan, reason=reason, note=note, date_given=False)


def _building_plan_save(
    *, user: Any, plan: GasBuildingPlan, reason: str, note: str, date_given: bool
) -> GasBuildingPlan:
    stored = None
    if plan.pk:
        stored = GasBuildingPlan.objects.select_for_update().filter(pk=plan.pk).first()
        if stored is not None:
            ensure_can_manage(user, stored)
    changed_stage = stored is None or stored.stage != plan.stage
    if stored is not None and changed_stage and not date_given and plan.stage_reached_on == stored.stage_reached_on:
        plan.stage_reached_on = timezone.localdate()
    if changed_stage:
        _connected_at(plan)
    plan.full_clean()
    event = None
    if changed_stage:
        event = plan.stage_event(previous=stored.stage if stored else None, reason=reason, note=note, by=user)
    plan._history_user = user  # type: ignore[attr-defined]
    scoped_save(user=user, instance=plan)
    if event is not None:
        event.building_plan = plan
        event.community_id = plan.community_id
        event.save()
    return plan


@transaction.atomic
def gas_building_stage_change(
    *,
    user: Any,
    plan: GasBuildingPlan,
    stage: int,
    reached_on: dt.date | None = None,
    reason: str = "",
    note: str = "",
    version: int | None = None,
) -> GasBuildingPlan:
    """Move a building to `stage`, reached on `reached_on` (today when not given), recording the event."""
    fresh = GasBuildingPlan.objects.select_related("building", "compound_plan").get(pk=plan.pk)
    if stage == fresh.stage:
        fresh.stage_event(previous=fresh.stage)  # refused by the event's own rule: a change must change the stage
    if version is not None:
        fresh.version = version  # a stale copy is a conflict (409), not a silent overwrite
    fresh.stage = stage
    fresh.stage_reached_on = reached_on or timezone.localdate()
    # A date given here is meant, even the previous stage's (two stages reached the same day).
    return _building_plan_save(user=user, plan=fresh, reason=reason, note=note, date_given=True)


@transaction.atomic
def gas_building_advance(
    *, user: Any, plan: GasBuildingPlan, reached_on: dt.date | None = None, note: str = ""
) -> GasBuildingPlan:
    """One stage forward, with the same checks as any stage change."""
    if plan.stage >= LAST_STAGE:
        raise ValidationError({"stage": _("“%(building)s”已通气，没有下一阶段。") % {"building": plan}})
    return gas_building_stage_change(user=user, plan=plan, stage=plan.stage + 1, reached_on=reached_on, note=note)


@dataclass
class BulkAdvanceResult:
    advanced: list[GasBuildingPlan]
    refused: dict[str, list[str]]  # building → reasons

    @property
    def ok(self) -> bool:
        return not self.refused


def gas_buildings_advance(
    *, user: Any, plans: list[GasBuildingPlan], reached_on: dt.date | None = None, note: str = ""
) -> BulkAdvanceResult:
    """Advance every selected building one stage, all or nothing: if any is refused (out of scope, already on
    gas, a rule broken) none moves, and the reasons are returned per building."""
    advanced: list[GasBuildingPlan] = []
    refused: dict[str, list[str]] = {}
    try:
        with transaction.atomic():
            for plan in plans:
                try:
                    with transaction.atomic():
                        advanced.append(gas_building_advance(user=user, plan=plan, reached_on=reached_on, note=note))
                except ValidationError as e:
                    refused[str(plan)] = e.messages
                except PermissionDenied as e:
                    refused[str(plan)] = [str(e)]
            if refused:
                raise _Refused
    except _Refused:
        advanced = []
    return BulkAdvanceResult(advanced, refused)


class _Refused(Exception):
    """Rolls the bulk advance back when any building was refused."""


@transaction.atomic
def gas_record_delete(*, user: Any, instance: Any) -> None:
    """Delete a campaign, plan or blocker (scope checked). Stage events are never deleted, so neither is a
    building plan with events, nor the compound plan or campaign holding it (the database refuses: PROTECT)."""
    if isinstance(instance, GasStageEvent):
        raise ValidationError(_("阶段记录不能删除。"))
    try:
        scoped_delete(user=user, instance=instance)
    except ProtectedError as e:
        if not any(isinstance(obj, GasStageEvent) for obj in e.protected_objects):
            raise
        raise ValidationError(_("“%(obj)s”已有阶段记录，不能删除：阶段记录永久保留。") % {"obj": instance}) from e


# The generic admin, API and ledger import write these models through grids.actions.record_save / record_delete.
register_record_actions(
    save={
        GasCampaign: lambda user, obj: gas_campaign_save(user=user, campaign=obj),
        GasCompoundPlan: lambda user, obj: gas_compound_plan_save(user=user, plan=obj),
        GasBuildingPlan: lambda user, obj: gas_building_plan_save(user=user, plan=obj),
        GasBlocker: lambda user, obj: gas_blocker_save(user=user, blocker=obj),
    },
    delete=dict.fromkeys([GasCampaign, GasCompoundPlan, GasBuildingPlan, GasBlocker, GasStageEvent], gas_record_delete),
)
