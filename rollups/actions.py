"""Writes of the roll-up app: queueing incremental runs, and setting targets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from grids.models import Area, Level, user_area_ids, user_can_manage, user_sees_everything

from .engine import run_rollup
from .models import PendingRollup, Target

COALESCE_KEY = "rollups:pending-scheduled"


def rollup_request(*, area_ids: Iterable[int]) -> None:
    """Queue the areas for an incremental run; saves close together share one run.

    Called after commit. The first request opens a short window (ROLLUP_COALESCE_SECONDS) and
    schedules one task at its end; requests inside the window only add their areas to the queue."""
    ids = sorted(set(area_ids))
    if not ids:
        return
    PendingRollup.objects.bulk_create([PendingRollup(area_id=i) for i in ids], ignore_conflicts=True)
    from .tasks import rollup_pending_task

    delay = settings.ROLLUP_COALESCE_SECONDS
    if settings.CELERY_TASK_ALWAYS_EAGER:
        rollup_pending_task.apply()
    elif cache.add(COALESCE_KEY, 1, timeout=max(delay, 0.5)):
        rollup_pending_task.apply_async(countdown=delay)


def rollup_pending() -> int:
    """Drain the queue and recompute those areas; returns how many figures changed."""
    with transaction.atomic():
        pending = list(PendingRollup.objects.select_for_update(skip_locked=True).values_list("area_id", flat=True))
        if not pending:
            return 0
        PendingRollup.objects.filter(area_id__in=pending).delete()
        # Recomputing inside the same transaction: if the worker dies, the queue rows come back.
        return run_rollup(area_ids=pending).changed


def ensure_can_set_target(user: Any, area: Area) -> None:
    if user_sees_everything(user):
        return
    if area.pk in user_area_ids(user):
        raise PermissionDenied(_("不能为本人负责的区域“%(area)s”设定目标，目标由上级设定。") % {"area": area.name})
    if area.parent is None or not user_can_manage(user, area.parent):
        raise PermissionDenied(_("只有上级区域“%(area)s”的负责人可以设定其目标。") % {"area": area.name})


@transaction.atomic
def target_set(*, user: Any, area: Area, indicator: str, year: int, value: float) -> Target:
    """Set (or change) an area's annual target; only the level above may do so."""
    ensure_can_set_target(user, area)
    target = Target.objects.filter(area=area, indicator=indicator, year=year).first() or Target(
        area=area, indicator=indicator, year=year
    )
    target.value = value
    target.set_by = user if getattr(user, "is_authenticated", False) else None
    target.full_clean()
    target.save()
    transaction.on_commit(lambda: rollup_request(area_ids=[area.pk]))
    return target


@transaction.atomic
def target_split(*, user: Any, parent: Area, indicator: str, year: int, values: dict[int, float]) -> list[Target]:
    """Split a parent's target down to its children (the district to its streets, a street to its
    communities) in one go: all are saved or none."""
    children = {a.pk: a for a in Area.objects.filter(parent=parent, pk__in=list(values))}
    unknown = sorted(set(values) - set(children))
    if unknown:
        raise ValidationError(
            {"values": _("区域 %(ids)s 不是“%(parent)s”的下级。") % {"ids": unknown, "parent": parent.name}}
        )
    if parent.level >= Level.GRID:
        raise ValidationError({"parent": _("网格没有下级区域。")})
    return [
        target_set(user=user, area=children[pk], indicator=indicator, year=year, value=value)
        for pk, value in values.items()
    ]
