"""The trend chart of the employment page, drawn on the server as inline SVG (no script, nothing fetched).

`trend_chart` turns a year's monthly figures into coordinates; `templates/employment/includes/trend_chart.html`
draws them: monthly bars, the cumulative line, the annual target and the time-progress line (where the
cumulative figure should be if the target were met evenly over the year).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 14, 30


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    month: int
    value: float


@dataclass
class TrendChart:
    width: int
    height: int
    bars: list[Bar]
    cumulative: str  # polyline points
    cumulative_last: tuple[float, float] | None
    target_y: float | None
    pace: str  # polyline points of the time-progress line
    y_ticks: list[tuple[float, str]]
    x_labels: list[tuple[float, int]]
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM
    total: float = 0
    target: float | None = None
    months_reported: int = 0


def nice_step(top: float, ticks: int = 4) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) dividing 0..top into about `ticks` intervals."""
    raw = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


# Large numbers on the axis are counted in the language's own unit: 万 (ten thousand) in Chinese, k (a thousand)
# in English. Both the unit and its size are translated.
LARGE_UNIT = pgettext_lazy("chart axis: the unit large numbers are counted in", "万")
LARGE_UNIT_SIZE = pgettext_lazy("chart axis: the size of that unit, in digits", "10000")


def _label(value: float) -> str:
    size = int(str(LARGE_UNIT_SIZE))
    return f"{value / size:g}{LARGE_UNIT}" if value >= size else f"{value:,.0f}"


def trend_chart(monthly: list[float | None], target: float | None) -> TrendChart | None:
    """Coordinates for twelve months of figures; None when no month has any."""
    if all(v is None for v in monthly):
        return None
    last = max(i for i, v in enumerate(monthly) if v is not None)
    cumulative: list[float] = []
    running = 0.0
    for value in monthly[: last + 1]:
        running += value or 0
        cumulative.append(running)
    step = nice_step(max(running, target or 0) * 1.05)
    top = step * math.ceil(max(running, target or 0, 1) * 1.05 / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / 12

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - value / top), 1)

    def x(month: int) -> float:  # centre of month `month` (0-based)
        return round(LEFT + slot * (month + 0.5), 1)

    def month_end(month: int) -> float:  # a cumulative figure stands at the end of its month
        return round(LEFT + slot * (month + 1), 1)

    bars = [
        Bar(round(x(m) - slot * 0.3, 1), y(v), round(slot * 0.6, 1), round(TOP + plot_h - y(v), 1), m + 1, v)
        for m, v in enumerate(monthly)
        if v is not None
    ]
    points = " ".join(f"{LEFT},{y(0)}".split() + [f"{month_end(m)},{y(v)}" for m, v in enumerate(cumulative)])
    pace = ""
    if target:
        pace = f"{LEFT},{y(0)} {LEFT + plot_w},{y(target)}"
    n_ticks = round(top / step)
    return TrendChart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        cumulative=points,
        cumulative_last=(month_end(last), y(running)),
        target_y=y(target) if target else None,
        pace=pace,
        y_ticks=[(y(step * i), _label(step * i)) for i in range(n_ticks + 1)],
        x_labels=[(x(m), m + 1) for m in range(12)],
        total=running,
        target=target,
        months_reported=sum(1 for v in monthly if v is not None),
    )
