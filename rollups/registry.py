"""The indicator catalogue. Each domain app declares `INDICATORS` in its own `indicators.py`;
the roll-up machinery knows no domain beyond what a declaration says."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.db.models import Aggregate, Count, QuerySet
from django.utils.translation import get_language


class Kind:
    COUNT = "count"
    SUM = "sum"
    RATE = "rate"
    CHOICES = [(COUNT, "计数"), (SUM, "合计"), (RATE, "比率")]


class Over:
    """How an indicator aggregates across time (across areas every kind sums its parts)."""

    FLOW = "flow"  # events in the period: a quarter is the sum of its months
    STOCK = "stock"  # state at the end of the period: a quarter is its last month


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str
    unit: str
    kind: str
    over_time: str
    rows: Callable[[], QuerySet]
    value: Aggregate | None = None  # COUNT/SUM: what each community aggregates; defaults to Count("pk")
    numerator: Aggregate | None = None  # RATE
    denominator: Aggregate | None = None  # RATE
    date_field: str | None = None  # FLOW: when the event happened; STOCK: from when a row counts
    end_field: str | None = None  # STOCK: from when a row no longer counts (closed canteen)
    community_field: str = "community_id"
    app_label: str = ""
    description: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.kind == Kind.RATE and (self.numerator is None or self.denominator is None):
            raise ValueError(f"{self.code}: a rate needs a numerator and a denominator")
        if self.over_time == Over.FLOW and not self.date_field:
            raise ValueError(f"{self.code}: a flow needs the date its events happened")

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh

    @property
    def value_aggregate(self) -> Aggregate:
        return self.value if self.value is not None else Count("pk")


_catalogue: dict[str, Indicator] = {}


def register(*indicators: Indicator) -> None:
    for indicator in indicators:
        if indicator.code in _catalogue and _catalogue[indicator.code] != indicator:
            raise ValueError(f"indicator {indicator.code} declared twice")
        _catalogue[indicator.code] = indicator


def autodiscover() -> None:
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.indicators")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.indicators":
                raise
            continue
        register(*getattr(module, "INDICATORS", []))


def catalogue() -> dict[str, Indicator]:
    return dict(_catalogue)


def get(code: str) -> Indicator:
    return _catalogue[code]
