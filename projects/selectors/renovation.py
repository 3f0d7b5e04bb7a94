"""Renovation of old compounds (老旧小区改造): reads for the pages and the API, each a fixed number of queries.

Public reads carry no person: who filed a report is shown only to officials who may manage it (the API decides)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.db.models import Count, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from grids.models import Area, Compound
from rollups.models import IndicatorValue, PeriodType

from ..models.renovation import (
    RENOVATION_DONE,
    RenovationEntry,
    RenovationPhoto,
    RenovationProject,
    RenovationProjectQuerySet,
    RenovationReport,
    RenovationWorkItem,
)

# How many of the latest reports a project page lists under "what changed lately".
RECENT_REPORTS = 5
# The plan years an area page shows figures of, newest first.
AREA_YEARS = 3


def projects() -> RenovationProjectQuerySet:
    """Projects with their places and derived progress: one query for a page of them."""
    return (
        RenovationProject.objects.select_related("community", "street", "district")
        .with_progress()
        .order_by("-plan_year", "street_id", "community_id", "name")
    )


def projects_in_area(area: Area | int, year: int | None = None) -> RenovationProjectQuerySet:
    qs = cast(RenovationProjectQuerySet, projects().in_area(area))
    return qs.filter(plan_year=year) if year else qs


def totals(queryset: RenovationProjectQuerySet) -> dict[str, Any]:
    """What a filtered list of projects adds up to, straight from the records (one query)."""
    today = dt.date.today()
    done = Q(status__in=RENOVATION_DONE)
    late = Q(planned_completion__lt=today) & ~done
    row = queryset.order_by().aggregate(
        projects=Count("pk"),
        completed=Count("pk", filter=done),
        late=Count("pk", filter=late),
        m2=Coalesce(Sum("floor_area"), Value(Decimal(0))),
        m2_completed=Coalesce(Sum("floor_area", filter=done), Value(Decimal(0))),
        households_benefited=Coalesce(Sum("households"), Value(0)),
        buildings=Coalesce(Sum("building_count"), Value(0)),
        investment_planned_total=Coalesce(Sum("investment_planned"), Value(Decimal(0))),
        investment_spent_total=Coalesce(Sum("investment_spent"), Value(Decimal(0))),
    )
    # Aliases may not repeat a field's name inside the query; the answer uses the plain names.
    return {
        "projects": row["projects"],
        "completed": row["completed"],
        "late": row["late"],
        "floor_area": row["m2"],
        "floor_area_completed": row["m2_completed"],
        "households": row["households_benefited"],
        "buildings": row["buildings"],
        "investment_planned": row["investment_planned_total"],
        "investment_spent": row["investment_spent_total"],
    }


def plan_years(area: Area | None = None) -> list[int]:
    qs: QuerySet = RenovationProject.objects.all()
    if area is not None:
        qs = RenovationProject.objects.in_area(area)
    return list(qs.order_by("-plan_year").values_list("plan_year", flat=True).distinct())


def project_detail_queryset() -> RenovationProjectQuerySet:
    """What a project page shows, in seven queries: the project with its places and progress, then its compounds,
    work items, latest reports (a window query: only the newest few), their entries, photos and consultation."""
    recent = RenovationReport.objects.order_by("-reported_on", "-pk").prefetch_related(
        Prefetch("entries", queryset=RenovationEntry.objects.select_related("work_item").order_by("work_item__order"))
    )
    return projects().prefetch_related(
        Prefetch("compounds", queryset=Compound.objects.order_by("name")),
        Prefetch("work_items", queryset=RenovationWorkItem.objects.order_by("order", "pk")),
        Prefetch("reports", queryset=recent[:RECENT_REPORTS], to_attr="recent_reports"),
        Prefetch("photos", queryset=RenovationPhoto.objects.order_by("kind", "taken_on", "pk")),
        "consultations",
    )


def compound_projects(compound: Compound) -> list[RenovationProject]:
    """The renovation projects covering a compound, newest plan first (one query)."""
    return list(projects().filter(compounds=compound))


@dataclass
class YearFigures:
    year: int
    values: dict[str, float | None] = field(default_factory=dict)


def area_figures(area: Area, years: int = AREA_YEARS) -> list[YearFigures]:
    """The rolled-up renovation figures of an area for its latest plan years (one query)."""
    rows = (
        IndicatorValue.objects.filter(
            area=area, period_type=PeriodType.YEAR, indicator__startswith="renovation_", year__isnull=False
        )
        .order_by("-period_start")
        .values_list("year", "indicator", "value", "numerator")
    )
    by_year: dict[int, YearFigures] = defaultdict(lambda: YearFigures(0))
    for year, code, value, numerator in rows:
        if year is None:  # excluded by the filter; narrows the type
            continue
        figures = by_year[year]
        figures.year = year
        figures.values[code] = value
        if code == "renovation_completion_rate":
            # Projects of this plan year completed (whenever), beside the rate itself.
            figures.values["renovation_projects_done"] = numerator
    return sorted(by_year.values(), key=lambda f: -f.year)[:years]


def area_section(area: Area) -> dict[str, Any] | None:
    """The renovation part of an area page: the rolled-up figures per plan year and the projects late now (one
    query: the late count is this year's `renovation_late` figure). Nothing before the first roll-up."""
    figures = area_figures(area, years=AREA_YEARS + 1)
    this_year = timezone.localdate().year
    late = next((f.values.get("renovation_late") for f in figures if f.year == this_year), None)
    planned = [f for f in figures if f.values.get("renovation_projects_planned")][:AREA_YEARS]
    if not planned:
        return None
    return {"area": area, "years": planned, "late": int(late or 0)}


def compound_section(compound: Compound) -> dict[str, Any] | None:
    found = compound_projects(compound)
    return {"compound": compound, "projects": found} if found else None
