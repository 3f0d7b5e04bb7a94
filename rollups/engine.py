"""The roll-up computation: set-based SQL, no Python loop over records.

For one indicator:
1. `rollup_base`: the indicator's rows grouped by community and month, compiled from the
   declaration's ORM queryset (one GROUP BY over the domain table).
2. `rollup_map`: which months feed which periods. A flow's month feeds its own month, quarter,
   year and the to-date total; a stock's month feeds every period that ends after it (the state at
   the end of a period), so a quarter of a stock is its last month, not the sum of its months.
   A stock without a date is the state now and feeds only the current periods.
3. `rollup_new`: community figures (base joined to map), then street, district and city figures as
   sums of their communities' stored figures; rates are summed numerators over summed denominators.
4. The stored figures of those areas are replaced in the same transaction: changed and new values
   appended to the history, unchanged rows left alone (a rerun writes nothing), vanished values
   deleted (an area with no data has no value), annual targets applied to the year figures.

Temporary tables are per connection, so two runs at once cannot see each other's scratch rows;
a row lock per indicator serialises the replacement itself.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import DateField, F, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone

from grids.models import Area, Level

from . import registry
from .models import TOTAL_START, IndicatorValue, PeriodType, RollupLock, RollupRun, period_bounds, period_containing
from .registry import Indicator, Kind, Over

TEMP_TABLES = {
    "rollup_base": "community_id bigint, month date, v double precision, n double precision, d double precision",
    "rollup_map": "month date, period_type varchar(8), period_start date, period_end date, year integer",
    "rollup_new": (
        "area_id bigint, level smallint, period_type varchar(8), period_start date, period_end date, "
        "year integer, value double precision, numerator double precision, denominator double precision"
    ),
}
VALUES = IndicatorValue._meta.db_table
HISTORY = "rollups_indicatorvaluehistory"
TARGETS = "rollups_target"
AREAS = Area._meta.db_table
ANALYZE_AFTER_CHANGES = 10_000
PARENT_LEVELS = ((Level.STREET, "street_id"), (Level.DISTRICT, "district_id"), (Level.CITY, "city_id"))


@dataclass
class RunStats:
    indicators: int = 0
    changed: int = 0
    seconds: float = 0.0
    per_indicator: dict[str, float] = field(default_factory=dict)


def _to_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def _empty(cursor: Any, table: str) -> None:
    # PostgreSQL never vacuums temporary tables: DELETE would leave every dead row behind for the
    # next scan, TRUNCATE gives the space back. SQLite has no TRUNCATE; its bare DELETE truncates.
    cursor.execute(f"TRUNCATE {table}" if connection.vendor == "postgresql" else f"DELETE FROM {table}")


def _prepare_scratch(cursor: Any) -> None:
    for name, columns in TEMP_TABLES.items():
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns})")
        _empty(cursor, name)


def _analyze(cursor: Any, *tables: str) -> None:
    # Temporary tables have no statistics until analysed; without them PostgreSQL guesses join plans.
    if connection.vendor == "postgresql":
        for table in tables:
            cursor.execute(f"ANALYZE {table}")


def _in(column: str, ids: Iterable[int] | None) -> tuple[str, list[Any]]:
    if ids is None:
        return "", []
    ids = list(ids)
    if not ids:
        return " AND 1 = 0", []
    return f" AND {column} IN ({', '.join(['%s'] * len(ids))})", ids


def base_querysets(indicator: Indicator, today: dt.date) -> list[tuple[Any, str]]:
    """The grouped queries feeding `rollup_base`: (queryset, the aggregate columns it fills)."""
    rows = indicator.rows().order_by().filter(**{f"{indicator.community_field}__isnull": False})
    if indicator.date_field:
        rows = rows.filter(**{f"{indicator.date_field}__isnull": False})
        month: Any = TruncMonth(indicator.date_field, output_field=DateField())
    else:
        month = Value(period_containing(PeriodType.MONTH, today), output_field=DateField())
    grouped = rows.annotate(_cid=F(indicator.community_field), _m=month).values("_cid", "_m")
    if indicator.kind == Kind.RATE:
        queries = [(grouped.annotate(_n=indicator.numerator, _d=indicator.denominator), "n, d")]
    else:
        queries = [(grouped.annotate(_v=indicator.value_aggregate), "v")]
    if indicator.end_field and indicator.kind != Kind.RATE:
        # A row stops counting from the month it ended: a negative contribution from then on.
        ended = (
            indicator.rows()
            .order_by()
            .filter(**{f"{indicator.end_field}__isnull": False, f"{indicator.community_field}__isnull": False})
            .annotate(_cid=F(indicator.community_field), _m=TruncMonth(indicator.end_field, output_field=DateField()))
            .values("_cid", "_m")
            .annotate(_v=indicator.value_aggregate * Value(-1))
        )
        queries.append((ended, "v"))
    return queries


def _fill_base(cursor: Any, indicator: Indicator, community_ids: list[int] | None, today: dt.date) -> None:
    if community_ids is not None and not community_ids:
        # A run for a street or district alone (a target set there): no community's records to read, and
        # Django refuses to compile `__in=[]` into SQL.
        return
    for queryset, columns in base_querysets(indicator, today):
        if community_ids is not None:
            queryset = queryset.filter(**{f"{indicator.community_field}__in": community_ids})
        sql, params = queryset.query.sql_with_params()
        selected = ", ".join(f"q._{c.strip()}" for c in columns.split(","))
        cursor.execute(
            f"INSERT INTO rollup_base (community_id, month, {columns}) SELECT q._cid, q._m, {selected} FROM ({sql}) q",
            params,
        )


def _period_rows(period_type: str, month: dt.date, today: dt.date) -> tuple[str, dt.date, dt.date, int | None]:
    start = period_containing(period_type, month)
    _, end = period_bounds(period_type, start, today)
    return period_type, start, end, (start.year if period_type != PeriodType.TOTAL else None)


def _fill_map(cursor: Any, indicator: Indicator, today: dt.date) -> None:
    current = period_containing(PeriodType.MONTH, today)
    types = (PeriodType.MONTH, PeriodType.QUARTER, PeriodType.YEAR, PeriodType.TOTAL)
    rows: list[tuple[Any, ...]] = []
    if indicator.over_time == Over.FLOW or not indicator.date_field:
        if indicator.date_field:
            cursor.execute("SELECT MIN(month), MAX(month) FROM rollup_base")
            first, last = (_to_date(v) for v in cursor.fetchone())
            months = _months(first, last) if first and last else []
        else:
            months = [current]
        rows = [(m, *_period_rows(t, m, today)) for m in months for t in types]
    else:
        cursor.execute("SELECT MIN(month) FROM rollup_base")
        first = _to_date(cursor.fetchone()[0])
        if first and first <= current:
            months = _months(first, current)
            periods = {_period_rows(t, m, today) for m in months for t in types}
            rows = [(m, *p) for p in periods for m in months if m <= p[2]]
    if rows:
        cursor.executemany(
            "INSERT INTO rollup_map (month, period_type, period_start, period_end, year) VALUES (%s, %s, %s, %s, %s)",
            rows,
        )


def _value_sql(indicator: Indicator, v: str, n: str, d: str) -> str:
    if indicator.kind == Kind.RATE:
        return f"CASE WHEN SUM({d}) > 0 THEN SUM({n}) * 1.0 / SUM({d}) END, SUM({n}), SUM({d})"
    return f"SUM({v}), NULL, NULL"


def _same(a: str, b: str) -> str:
    return " AND ".join(
        f"({a}.{c} = {b}.{c} OR ({a}.{c} IS NULL AND {b}.{c} IS NULL))" for c in ("value", "numerator", "denominator")
    )


def _replace(
    cursor: Any,
    indicator: Indicator,
    level: int | None,
    area_ids: list[int] | None,
    only_mapped_periods: bool,
    now: dt.datetime,
    today: dt.date,
) -> int:
    """Make the stored figures of `level` (every level when None; optionally only `area_ids`) equal `rollup_new`."""
    code = indicator.code
    area_filter, area_params = _in("c.area_id", area_ids)
    level_filter, level_params = _in("c.level", None if level is None else [level])
    period_filter = (
        " AND EXISTS (SELECT 1 FROM rollup_map p WHERE p.period_type = c.period_type"
        " AND p.period_start = c.period_start)"
        if only_mapped_periods
        else ""
    )
    vanished = (
        f"FROM {VALUES} c WHERE c.indicator = %s{level_filter}{area_filter}{period_filter}"
        " AND NOT EXISTS (SELECT 1 FROM rollup_new n WHERE n.area_id = c.area_id"
        " AND n.period_type = c.period_type AND n.period_start = c.period_start)"
    )
    cursor.execute(
        f"INSERT INTO {HISTORY} (indicator, area_id, period_type, period_start, value, numerator, denominator,"
        " computed_at, after_close)"
        " SELECT n.indicator, n.area_id, n.period_type, n.period_start, n.value, n.numerator, n.denominator, %s,"
        " CASE WHEN n.existed AND n.period_end < %s THEN TRUE ELSE FALSE END FROM ("
        "  SELECT %s AS indicator, n.area_id, n.period_type, n.period_start, n.period_end, n.value, n.numerator,"
        "   n.denominator, c.area_id IS NOT NULL AS existed"
        f"  FROM rollup_new n LEFT JOIN {VALUES} c ON c.indicator = %s AND c.area_id = n.area_id"
        "   AND c.period_type = n.period_type AND c.period_start = n.period_start"
        f"  WHERE c.area_id IS NULL OR NOT ({_same('c', 'n')})"
        " ) n"
        f" UNION ALL SELECT c.indicator, c.area_id, c.period_type, c.period_start, NULL, NULL, NULL, %s,"
        f" CASE WHEN c.period_end < %s THEN TRUE ELSE FALSE END {vanished}",
        [now, today, code, code, now, today, code, *level_params, *area_params],
    )
    changed = max(cursor.rowcount, 0)
    if not changed:
        return 0
    cursor.execute(
        f"DELETE FROM {VALUES} WHERE id IN (SELECT c.id {vanished})",
        [code, *level_params, *area_params],
    )
    cursor.execute(
        f"INSERT INTO {VALUES} (indicator, area_id, level, period_type, period_start, period_end, year, value,"
        " numerator, denominator, computed_at, revised_after_close)"
        " SELECT %s, n.area_id, n.level, n.period_type, n.period_start, n.period_end, n.year, n.value,"
        " n.numerator, n.denominator, %s, FALSE FROM rollup_new n WHERE TRUE"
        " ON CONFLICT (indicator, area_id, period_type, period_start) DO UPDATE SET"
        " value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,"
        " period_end = excluded.period_end, year = excluded.year, computed_at = excluded.computed_at,"
        f" revised_after_close = ({VALUES}.revised_after_close OR {VALUES}.period_end < %s)"
        f" WHERE NOT ({_same(VALUES, 'excluded')})",
        [code, now, today],
    )
    return changed


def _apply_targets(cursor: Any, indicator: Indicator, level: int | None, area_ids: list[int] | None) -> None:
    """Copy annual targets onto the year figures and derive completion, touching only rows that have
    a target or had one (most areas have none, and rewriting them would cost a write each)."""
    area_filter, area_params = _in("area_id", area_ids)
    level_filter, level_params = _in("level", None if level is None else [level])
    target = (
        f"(SELECT t.value FROM {TARGETS} t WHERE t.area_id = {VALUES}.area_id"
        f" AND t.indicator = {VALUES}.indicator AND t.year = {VALUES}.year)"
    )
    cursor.execute(
        f"UPDATE {VALUES} SET target = {target},"
        f" completion = CASE WHEN value IS NOT NULL AND {target} > 0 THEN value / {target} END"
        f" WHERE indicator = %s AND period_type = %s{level_filter}{area_filter}"
        f" AND (target IS NOT NULL OR EXISTS (SELECT 1 FROM {TARGETS} t WHERE t.area_id = {VALUES}.area_id"
        f" AND t.indicator = {VALUES}.indicator AND t.year = {VALUES}.year))",
        [indicator.code, PeriodType.YEAR, *level_params, *area_params],
    )


def _parent_rows_sql(indicator: Indicator, level: int, column: str, source: str) -> str:
    """Figures of one parent level as sums of the community figures in `source` (alias c)."""
    return (
        "INSERT INTO rollup_new (area_id, level, period_type, period_start, period_end, year, value,"
        f" numerator, denominator) SELECT a.{column}, {int(level)}, c.period_type, c.period_start,"
        f" MAX(c.period_end), MAX(c.year), {_value_sql(indicator, 'c.value', 'c.numerator', 'c.denominator')}"
        f" FROM {source} c JOIN {AREAS} a ON a.id = c.area_id"
        f" WHERE c.level = {int(Level.COMMUNITY)} AND a.{column} IS NOT NULL"
    )


def _replace_everywhere(cursor: Any, indicator: Indicator, only_current: bool, now: dt.datetime, today: dt.date) -> int:
    """A full run: every level from the new community figures, then one replacement for all levels."""
    for level, column in PARENT_LEVELS:
        cursor.execute(
            _parent_rows_sql(indicator, level, column, "rollup_new")
            + f" GROUP BY a.{column}, c.period_type, c.period_start"
        )
    _analyze(cursor, "rollup_new")
    changed = _replace(cursor, indicator, None, None, only_current, now, today)
    _apply_targets(cursor, indicator, None, None)
    return changed


def _replace_some(
    cursor: Any,
    indicator: Indicator,
    community_ids: list[int] | None,
    parent_ids: list[int] | None,
    only_current: bool,
    now: dt.datetime,
    today: dt.date,
) -> int:
    """An incremental run: the given communities from their records, then each parent level from the
    stored figures of all its communities (siblings included)."""
    _analyze(cursor, "rollup_new")
    changed = _replace(cursor, indicator, Level.COMMUNITY, community_ids, only_current, now, today)
    _apply_targets(cursor, indicator, Level.COMMUNITY, community_ids)
    period_filter = (
        " AND EXISTS (SELECT 1 FROM rollup_map p"
        " WHERE p.period_type = c.period_type AND p.period_start = c.period_start)"
        if only_current
        else ""
    )
    for level, column in PARENT_LEVELS:
        _empty(cursor, "rollup_new")
        area_filter, area_params = _in(f"a.{column}", parent_ids)
        cursor.execute(
            _parent_rows_sql(indicator, level, column, VALUES)
            + f" AND c.indicator = %s{area_filter}{period_filter} GROUP BY a.{column}, c.period_type, c.period_start",
            [indicator.code, *area_params],
        )
        _analyze(cursor, "rollup_new")
        changed += _replace(cursor, indicator, level, parent_ids, only_current, now, today)
        _apply_targets(cursor, indicator, level, parent_ids)
    return changed


def compute_indicator(
    indicator: Indicator,
    *,
    community_ids: list[int] | None = None,
    parent_ids: list[int] | None = None,
    today: dt.date | None = None,
) -> int:
    """Recompute one indicator for the given communities and parent areas (all when None).

    Runs in one transaction; returns how many stored figures changed."""
    today = today or timezone.localdate()
    now = timezone.now()
    only_current = not indicator.date_field  # an undated stock knows only the present
    changed = 0
    with transaction.atomic(), connection.cursor() as cursor:
        RollupLock.objects.select_for_update().get(indicator=indicator.code)
        _prepare_scratch(cursor)
        _fill_base(cursor, indicator, community_ids, today)
        _fill_map(cursor, indicator, today)
        _analyze(cursor, "rollup_base", "rollup_map")
        cursor.execute(
            "INSERT INTO rollup_new (area_id, level, period_type, period_start, period_end, year, value, numerator,"
            f" denominator) SELECT b.community_id, {int(Level.COMMUNITY)}, p.period_type, p.period_start,"
            f" MAX(p.period_end), MAX(p.year), {_value_sql(indicator, 'b.v', 'b.n', 'b.d')}"
            " FROM rollup_base b JOIN rollup_map p ON p.month = b.month"
            " GROUP BY b.community_id, p.period_type, p.period_start"
        )
        if community_ids is None and parent_ids is None:
            changed += _replace_everywhere(cursor, indicator, only_current, now, today)
        else:
            changed += _replace_some(cursor, indicator, community_ids, parent_ids, only_current, now, today)
    return changed


def _ensure_locks(codes: Iterable[str]) -> None:
    RollupLock.objects.bulk_create([RollupLock(indicator=c) for c in codes], ignore_conflicts=True)


def affected_areas(area_ids: Iterable[int]) -> tuple[list[int], list[int]]:
    """Communities to recompute from their records, and parent areas to recompute from communities."""
    communities: set[int] = set()
    parents: set[int] = set()
    for area in Area.objects.filter(pk__in=list(area_ids)).values(
        "id", "level", "parent_id", "city_id", "district_id", "street_id"
    ):
        if area["level"] == Level.COMMUNITY:
            communities.add(area["id"])
        elif area["level"] == Level.GRID:
            communities.add(area["parent_id"])
        else:
            parents.add(area["id"])
        parents.update(v for k in ("city_id", "district_id", "street_id") if (v := area[k]))
    return sorted(communities), sorted(parents)


def run_rollup(
    *, area_ids: Iterable[int] | None = None, codes: Iterable[str] | None = None, today: dt.date | None = None
) -> RunStats:
    """A full run (area_ids None) or an incremental run for the areas touched by a change."""
    indicators = [registry.get(c) for c in codes] if codes else list(registry.catalogue().values())
    _ensure_locks(i.code for i in indicators)
    community_ids = parent_ids = None
    if area_ids is not None:
        community_ids, parent_ids = affected_areas(area_ids)
    run = RollupRun.objects.create(
        started_at=timezone.now(), full=area_ids is None, areas=len(community_ids or []) + len(parent_ids or [])
    )
    stats = RunStats()
    started = time.perf_counter()
    for indicator in indicators:
        t0 = time.perf_counter()
        stats.changed += compute_indicator(indicator, community_ids=community_ids, parent_ids=parent_ids, today=today)
        stats.per_indicator[indicator.code] = time.perf_counter() - t0
        stats.indicators += 1
    if area_ids is None and stats.changed > ANALYZE_AFTER_CHANGES and connection.vendor == "postgresql":
        # Fresh statistics after a large rewrite, so the next incremental runs get good plans at once
        # instead of waiting for autovacuum.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {VALUES}")
    stats.seconds = time.perf_counter() - started
    RollupRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), changed=stats.changed)
    return stats


__all__ = ["TOTAL_START", "RunStats", "affected_areas", "compute_indicator", "run_rollup"]
