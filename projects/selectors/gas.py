"""Reads of gas-connection campaigns for the board (挂图作战), its JSON, the compound page and the campaign list.

Every figure is aggregated in SQL from the buildings; a board costs the same few queries for 15 compounds or 1,500.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from grids.models import Area, Compound, Level

from ..models.gas import (
    READY_STAGE,
    STAGE_KEYS,
    GasBlocker,
    GasBuildingPlan,
    GasCampaign,
    GasCompoundPlan,
    GasStage,
)


def rate(numerator: int | None, denominator: int | None) -> float | None:
    """A share from sums (never an average of percentages); None when there is nothing to divide by."""
    return (numerator or 0) / denominator if denominator else None


@dataclass
class StageCount:
    stage: int
    key: str
    label: str
    buildings: int
    households: int


@dataclass
class Totals:
    compounds: int = 0
    compounds_ready: int = 0
    buildings: int = 0
    buildings_ready: int = 0
    buildings_gas_on: int = 0
    buildings_late: int = 0
    households: int = 0
    households_connected: int = 0
    open_blockers: int = 0

    @property
    def readiness_rate(self) -> float | None:
        return rate(self.compounds_ready, self.compounds)

    @property
    def connection_rate(self) -> float | None:
        return rate(self.households_connected, self.households)


@dataclass
class Board:
    campaign: GasCampaign
    today: dt.date
    street: Area | None
    streets: list[Area]
    stages: list[StageCount]
    totals: Totals
    rows: list[GasCompoundPlan] = field(default_factory=list)


def campaigns() -> QuerySet[GasCampaign]:
    """Campaigns with their compounds, compounds ready for gas, buildings planned, the compounds' households and
    households connected (one query)."""
    ready = (
        GasCompoundPlan.objects.filter(campaign=OuterRef("pk"))
        .ready()
        .order_by()
        .values("campaign")
        .annotate(n=Count("pk"))
        .values("n")
    )
    households = (
        GasCompoundPlan.objects.filter(campaign=OuterRef("pk"))
        .order_by()
        .values("campaign")
        .annotate(n=Sum("compound__households"))
        .values("n")
    )
    return (
        GasCampaign.objects.select_related("district")
        .annotate(
            n_compounds=Count("compound_plans", distinct=True),
            n_ready=Coalesce(Subquery(ready, output_field=IntegerField()), Value(0)),
            n_buildings=Count("compound_plans__building_plans"),
            # The compounds' households (a building left out of the plan still counts), not the planned buildings'.
            n_households=Coalesce(Subquery(households, output_field=IntegerField()), Value(0)),
            n_connected=Coalesce(Sum("compound_plans__building_plans__households_connected"), Value(0)),
        )
        .order_by("-deadline", "name")
    )


def board(
    campaign: GasCampaign, *, street_id: int | None = None, today: dt.date | None = None, user: Any = None
) -> Board:
    """The campaign board: a row per compound plan with its buildings (stage, expected date, late) and open
    blockers, counts per stage, totals. Five queries: the streets, the counts per stage, the compound rows with
    their figures, their buildings, their open blockers (the campaign itself is the caller's). With `user`,
    only what that official is responsible for (the admin's board)."""
    today = today or timezone.localdate()
    compounds: Any = GasCompoundPlan.objects.filter(campaign=campaign)
    plans: Any = GasBuildingPlan.objects.filter(compound_plan__campaign=campaign)
    if user is not None:
        compounds, plans = compounds.for_user(user), plans.for_user(user)
    street = None
    streets = list(Area.objects.filter(level=Level.STREET, pk__in=compounds.values("street_id")).order_by("code"))
    if street_id:
        street = next((s for s in streets if s.pk == street_id), None)
        compounds, plans = compounds.filter(street_id=street_id), plans.filter(street_id=street_id)

    per_stage: dict[int, dict[str, Any]] = {
        row["stage"]: row
        for row in plans.order_by().values("stage").annotate(n=Count("pk"), h=Sum("building__households"))
    }
    stages = [
        StageCount(
            stage=stage.value,
            key=STAGE_KEYS[stage],
            label=str(stage.label),
            buildings=per_stage.get(stage.value, {}).get("n", 0),
            households=per_stage.get(stage.value, {}).get("h") or 0,
        )
        for stage in GasStage
    ]

    open_blockers = GasBlocker.objects.filter(resolved_on__isnull=True).select_related("building_plan__building")
    buildings = GasBuildingPlan.objects.with_expected().select_related("building").order_by("building__name")
    rows = list(
        compounds.with_figures()
        .select_related("compound", "community", "street")
        .prefetch_related(
            Prefetch("building_plans", queryset=buildings, to_attr="buildings"),
            Prefetch("blockers", queryset=open_blockers.order_by("raised_on", "pk"), to_attr="open_blockers"),
        )
        .order_by("street__code", "community__code", "compound__name")
    )
    totals = Totals()
    for row in rows:
        row.late = []
        for plan in row.buildings:
            plan.is_late = plan.stage < GasStage.GAS_ON and plan.expected is not None and plan.expected < today
            if plan.is_late:
                row.late.append(plan)
            plan.blocked = any(b.building_plan_id == plan.pk for b in row.open_blockers)
        row.compound_blockers = [b for b in row.open_blockers if b.building_plan_id is None]
        totals.compounds += 1
        totals.compounds_ready += int(row.is_ready)
        totals.buildings += row.n_buildings
        totals.buildings_ready += row.n_passed
        totals.buildings_gas_on += row.n_gas_on
        totals.buildings_late += len(row.late)
        totals.households += row.plan_households
        totals.households_connected += row.households_connected
        totals.open_blockers += len(row.open_blockers)
    return Board(campaign, today, street, streets, stages, totals, rows)


def compound_gas(compound: Compound, today: dt.date | None = None) -> dict[str, Any] | None:
    """The compound page's gas section: each plan of the compound with its buildings' stage and expected date.
    None when the compound is in no campaign. Two queries."""
    today = today or timezone.localdate()
    buildings = GasBuildingPlan.objects.with_expected().select_related("building").order_by("building__name")
    plans = list(
        GasCompoundPlan.objects.filter(compound=compound)
        .with_figures()
        .select_related("campaign")
        .prefetch_related(Prefetch("building_plans", queryset=buildings, to_attr="buildings"))
        .order_by("-campaign__deadline")
    )
    if not plans:
        return None
    for plan in plans:
        for b in plan.buildings:
            b.is_late = b.stage < GasStage.GAS_ON and b.expected is not None and b.expected < today
    return {"plans": plans, "gas_on": GasStage.GAS_ON}


def campaign_households(campaign: GasCampaign) -> dict[str, int]:
    """Buildings planned in a campaign, its compounds' households, and how many are ready or connected (two
    queries)."""
    plans = GasBuildingPlan.objects.filter(compound_plan__campaign=campaign)
    figures = plans.aggregate(
        buildings=Count("pk"),
        buildings_ready=Count("pk", filter=Q(stage__gte=READY_STAGE)),
        households_connected=Sum("households_connected", default=0),
    )
    compounds = GasCompoundPlan.objects.filter(campaign=campaign)
    return {**figures, **compounds.aggregate(households=Sum("compound__households", default=0))}
