"""Writes of the employment app. The admin, the API and the ledger imports call these; each checks the
caller's scope before and after the change and validates with full_clean() (grids' scoped save), so a
record never moves into an area the caller is not responsible for.

Annual targets are not written here: `employment_target_set` hands them to `rollups.actions.target_set`,
which lets only the level above set an area's target.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from grids.actions import register_record_actions, scoped_save
from grids.models import Area
from rollups.actions import target_set
from rollups.models import Target

from .models import (
    JobFair,
    JobPosting,
    JobStation,
    MonthlyAchievement,
    Placement,
    StartupProject,
    TargetCategory,
    Training,
)

M = TypeVar("M", bound=models.Model)


@transaction.atomic
def station_save(*, user: Any, station: JobStation) -> JobStation:
    return scoped_save(user=user, instance=station)


@transaction.atomic
def posting_save(*, user: Any, posting: JobPosting) -> JobPosting:
    return scoped_save(user=user, instance=posting)


@transaction.atomic
def fair_save(*, user: Any, fair: JobFair) -> JobFair:
    return scoped_save(user=user, instance=fair)


@transaction.atomic
def training_save(*, user: Any, training: Training) -> Training:
    return scoped_save(user=user, instance=training)


@transaction.atomic
def startup_save(*, user: Any, startup: StartupProject) -> StartupProject:
    return scoped_save(user=user, instance=startup)


@transaction.atomic
def placement_save(*, user: Any, placement: Placement) -> Placement:
    return scoped_save(user=user, instance=placement)


@transaction.atomic
def achievement_save(*, user: Any, achievement: MonthlyAchievement) -> MonthlyAchievement:
    """A community's figure for one month and category; the month is stored as its first day."""
    return scoped_save(user=user, instance=achievement)


# The generic admin, API and ledger imports write these models through grids.actions.record_save; deleting them
# has no rules beyond the scope check (grids.actions.scoped_delete).
register_record_actions(
    save={
        JobStation: lambda user, obj: station_save(user=user, station=obj),
        JobPosting: lambda user, obj: posting_save(user=user, posting=obj),
        JobFair: lambda user, obj: fair_save(user=user, fair=obj),
        Training: lambda user, obj: training_save(user=user, training=obj),
        StartupProject: lambda user, obj: startup_save(user=user, startup=obj),
        Placement: lambda user, obj: placement_save(user=user, placement=obj),
        MonthlyAchievement: lambda user, obj: achievement_save(user=user, achievement=obj),
    }
)


def employment_target_set(*, user: Any, area: Area, category: str, year: int, value: float) -> Target:
    """An area's annual target for one category, through the roll-ups' target mechanism (set by the level
    above, never by the area's own officials)."""
    if category not in TargetCategory.values:
        raise ValidationError({"category": _("没有名为“%(code)s”的就业目标类别。") % {"code": category}})
    return target_set(user=user, area=area, indicator=category, year=year, value=value)
