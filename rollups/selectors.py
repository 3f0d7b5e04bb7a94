"""Reads of stored figures shared by the API and the pages: an area's summary for a period with its
children's values, league tables, and the time-progress status (时序进度)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone

from grids.models import Area

from . import registry
from .models import IndicatorValue, PeriodType, period_bounds

# Within this many percentage points behind the share of the year elapsed a figure is amber, not red.
AMBER_MARGIN = 0.10


def year_elapsed(year: int, today: dt.date | None = None) -> float:
    """Share of `year` gone by: 1 for past years, 0 for future ones."""
    today = today or timezone.localdate()
    if year < today.year:
        return 1.0
    if year > today.year:
        return 0.0
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return ((today - start).days + 1) / ((end - start).days + 1)


def progress_status(completion: float | None, year: int, today: dt.date | None = None) -> str | None:
    """green: on time or ahead; amber: slightly behind the calendar; red: well behind; None: no target."""
    if completion is None:
        return None
    elapsed = year_elapsed(year, today)
    if completion >= elapsed:
        return "green"
    if completion >= elapsed - AMBER_MARGIN:
        return "amber"
    return "red"


@dataclass
class Figure:
    code: str
    name: str
    unit: str
    kind: str
    over_time: str
    value: float | None
    numerator: float | None
    denominator: float | None
    target: float | None
    completion: float | None
    status: str | None
    computed_at: dt.datetime | None


def _figure(code: str, row: IndicatorValue | None, period_type: str, period_start: dt.date) -> Figure:
    indicator = registry.get(code)
    completion = row.completion if row else None
    return Figure(
        code=code,
        name=indicator.name,
        unit=indicator.unit,
        kind=indicator.kind,
        over_time=indicator.over_time,
        value=row.value if row else None,
        numerator=row.numerator if row else None,
        denominator=row.denominator if row else None,
        target=row.target if row else None,
        completion=completion,
        status=progress_status(completion, period_start.year) if period_type == PeriodType.YEAR else None,
        computed_at=row.computed_at if row else None,
    )


def values_for(period_type: str, period_start: dt.date) -> QuerySet[IndicatorValue]:
    return IndicatorValue.objects.filter(period_type=period_type, period_start=period_start)


def area_summary(area: Area, period_type: str, period_start: dt.date, codes: list[str] | None = None) -> dict[str, Any]:
    """Every indicator of `area` for one period, and its children's values: two queries."""
    codes = codes or list(registry.catalogue())
    rows = values_for(period_type, period_start).filter(indicator__in=codes)
    own = {r.indicator: r for r in rows.filter(area=area)}
    children: dict[int, dict[str, Any]] = {}
    for row in rows.filter(area__parent=area).select_related("area").order_by("area__code"):
        child = children.setdefault(
            row.area_id,
            {"id": row.area_id, "name": row.area.name, "code": row.area.code, "level": row.area.level, "values": {}},
        )
        child["values"][row.indicator] = _figure(row.indicator, row, period_type, period_start)
    _, end = period_bounds(period_type, period_start)
    return {
        "area": area,
        "period_type": period_type,
        "period_start": period_start,
        "period_end": end,
        "figures": [_figure(code, own.get(code), period_type, period_start) for code in codes],
        "children": list(children.values()),
    }


def league_table(parent: Area, indicator: str, year: int) -> list[dict[str, Any]]:
    """The children of `parent` ranked by completion of their annual target, best first."""
    rows = (
        values_for(PeriodType.YEAR, dt.date(year, 1, 1))
        .filter(area__parent=parent, indicator=indicator)
        .select_related("area")
        .order_by(F("completion").desc(nulls_last=True), "area__code")
    )
    return [
        {
            "rank": rank,
            "area": {"id": r.area_id, "name": r.area.name, "code": r.area.code},
            "value": r.value,
            "target": r.target,
            "completion": r.completion,
            "status": progress_status(r.completion, year),
        }
        for rank, r in enumerate(rows, start=1)
    ]


def indicator_catalogue() -> list[dict[str, Any]]:
    return [
        {
            "code": i.code,
            "name": i.name,
            "name_zh": i.name_zh,
            "name_en": i.name_en,
            "unit": i.unit,
            "kind": i.kind,
            "over_time": i.over_time,
            "app": i.rows().model._meta.app_label,
        }
        for i in registry.catalogue().values()
    ]
