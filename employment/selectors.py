"""Reads for the employment pages and API: public figures and records only, never a placed person.

Station lists count their open postings in SQL and prefetch a few of them (one query each, whatever the
number of stations); the employment page reads the stored roll-up figures (rollups.selectors), so it costs
a fixed handful of queries whatever the size of the district.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Max, Model, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from grids.models import Area, Compound, Level
from rollups.models import IndicatorValue, PeriodType, Target
from rollups.selectors import Figure, area_summary, league_table, progress_status

from .indicators import FLOW_CODES, STATION_CODES, TARGET_CODES
from .models import JobFair, JobPosting, JobStation, Placement, StartupProject, TargetCategory, Training

# The years the pages and the API accept (a date lookup outside them raises, so they never reach one).
YEAR_MIN, YEAR_MAX = 1900, 2100

# Open postings shown under each station in a list; the station's page shows them all.
POSTINGS_PER_STATION = 5
POSTINGS_ON_STATION_PAGE = 100


def open_postings(day: dt.date | None = None) -> QuerySet:
    return JobPosting.objects.open_on(day or timezone.localdate()).order_by("-published", "pk")


def stations(day: dt.date | None = None, postings: int = POSTINGS_PER_STATION) -> QuerySet:
    """Stations with their community and street, the number of open postings and the latest few (two queries)."""
    day = day or timezone.localdate()
    open_count = (
        JobPosting.objects.open_on(day)
        .filter(station_id=OuterRef("pk"))
        .order_by()
        .values("station_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = (
        JobStation.objects.select_related("community", "street", "district")
        .annotate(open_postings=Coalesce(Subquery(open_count, output_field=IntegerField()), Value(0)))
        .order_by("-provincially_recognised", "community__code", "name")
    )
    if postings:
        qs = qs.prefetch_related(Prefetch("postings", open_postings(day)[:postings], to_attr="latest_open"))
    return qs


def stations_in(area: Area, day: dt.date | None = None) -> QuerySet:
    return stations(day).filter(JobStation.objects.scope_q([area.pk]))


def nearest_first(queryset: QuerySet, compound: Compound) -> QuerySet:
    """Stations of the compound's own community first."""
    nearest = Case(When(community_id=compound.community_id, then=Value(0)), default=Value(1))
    return queryset.annotate(distance_rank=nearest).order_by(
        "distance_rank", "-provincially_recognised", "community__code", "name"
    )


def stations_near(compound: Compound, day: dt.date | None = None) -> QuerySet:
    """Job stations near a resident's compound: its own community's first, then the rest of its street."""
    return nearest_first(stations(day).filter(street_id=compound.street_id), compound)


def station_postings(station: JobStation, day: dt.date | None = None) -> list[JobPosting]:
    return list(open_postings(day).filter(station=station)[:POSTINGS_ON_STATION_PAGE])


def _per_station(model: type[Model], date_field: str, year: int) -> Coalesce:
    rows = (
        model._default_manager.filter(station_id=OuterRef("pk"), **{f"{date_field}__year": year})
        .order_by()
        .values("station_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def station_latest_year(station: JobStation) -> int:
    """The year of the station's latest posting (one query), or this year: what its page reports on."""
    latest = JobPosting.objects.filter(station=station).aggregate(last=Max("published"))["last"]
    return latest.year if latest else timezone.localdate().year


def station_year_counts(station: JobStation, year: int) -> dict[str, Any]:
    """What a station did in a year, counted in SQL (one query); placements only as a number."""
    return dict(
        JobStation.objects.filter(pk=station.pk)
        .annotate(
            n_postings=_per_station(JobPosting, "published", year),
            n_placements=_per_station(Placement, "placed_on", year),
            n_fairs=_per_station(JobFair, "held_on", year),
            n_trainings=_per_station(Training, "starts_on", year),
            n_startups=_per_station(StartupProject, "supported_on", year),
        )
        .values("n_postings", "n_placements", "n_fairs", "n_trainings", "n_startups")
        .get()
    )


# ------------------------------------------------------------------ the employment page


def employment_years(area: Area) -> list[int]:
    """Years in which `area` reported employment figures or was given targets, newest first (two queries)."""
    years = set(
        IndicatorValue.objects.filter(area=area, period_type=PeriodType.YEAR, indicator__in=FLOW_CODES).values_list(
            "year", flat=True
        )
    )
    years |= set(Target.objects.filter(area=area, indicator__in=TARGET_CODES).values_list("year", flat=True))
    return sorted((y for y in years if y), reverse=True)


@dataclass
class ChildRow:
    area: Area
    rank: int | None
    figures: dict[str, Figure | None]
    ranked: Figure | None


def employment_overview(area: Area, year: int, category: str = TargetCategory.NEW_URBAN_JOBS) -> dict[str, Any]:
    """Targets against achievement for `area` and its children in `year`, the children ranked by completion of
    `category` with their time-progress status, and the monthly series of every category."""
    start = dt.date(year, 1, 1)
    summary = area_summary(area, PeriodType.YEAR, start, TARGET_CODES + STATION_CODES)
    figures = {f.code: f for f in summary["figures"]}
    values_of = {c["id"]: c["values"] for c in summary["children"]}
    ranking = {row["area"]["id"]: row["rank"] for row in league_table(area, category, year) if row["target"]}
    # The reporting areas below: a community's grids report nothing of their own.
    children = list(Area.objects.filter(parent=area, level__lte=Level.COMMUNITY).order_by("code"))
    rows = [
        ChildRow(
            area=child,
            rank=ranking.get(child.pk),
            figures={code: values_of.get(child.pk, {}).get(code) for code in TARGET_CODES},
            ranked=values_of.get(child.pk, {}).get(category),
        )
        for child in children
    ]
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, -(r.ranked.value or 0) if r.ranked else 0, r.area.code))
    # The share of communities with a demonstration station is the state now: the to-date figure.
    share = IndicatorValue.objects.filter(
        area=area, indicator="employment_demonstration_share", period_type=PeriodType.TOTAL
    ).first()
    return {
        "area": area,
        "year": year,
        "category": category,
        "targets": [figures[code] for code in TARGET_CODES],
        "stations": {code: figures[code] for code in STATION_CODES},
        "demonstration_share": share,
        "children": rows,
        "months": monthly_series(area, year),
        "elapsed_status": {code: progress_status(figures[code].completion, year) for code in TARGET_CODES},
    }


def monthly_series(area: Area, year: int) -> dict[str, list[float | None]]:
    """Each category's achievement per month of `year` (None for a month with no report): one query."""
    series: dict[str, list[float | None]] = {code: [None] * 12 for code in TARGET_CODES}
    rows = IndicatorValue.objects.filter(
        area=area, period_type=PeriodType.MONTH, year=year, indicator__in=TARGET_CODES
    ).values_list("indicator", "period_start", "value")
    for code, start, value in rows:
        series[code][start.month - 1] = value
    return series


def employment_districts() -> QuerySet:
    """Districts with any employment figure, for the employment index page (one query)."""
    with_figures = IndicatorValue.objects.filter(
        indicator__in=TARGET_CODES + STATION_CODES, level=Level.DISTRICT
    ).values("area_id")
    return Area.objects.filter(level=Level.DISTRICT, pk__in=with_figures).select_related("parent").order_by("code")


# ------------------------------------------------------------------ the section on the area pages


def area_section(area: Area) -> dict[str, Any] | None:
    """Links from an area's page to its job stations and, above community level, its employment page.

    Costs no query: the residents' area pages have a fixed query budget, and the stations page says so when an
    area has none."""
    if area.level > Level.COMMUNITY:
        return None
    return {"area": area, "has_figures": area.level < Level.COMMUNITY}
