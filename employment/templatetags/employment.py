"""Formatting of completion rates on the employment pages."""

from __future__ import annotations

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rollups.selectors import Figure

register = template.Library()

STATUS = {
    "green": ("success", _("达到时序进度")),
    "amber": ("warning", _("略慢于时序进度")),
    "red": ("danger", _("明显落后于时序进度")),
}


# Units are stored in Chinese in the indicators (rollups.registry); they are translated here, when shown.
UNITS: dict[str, Promise] = {
    "人": _("人"),
    "人次": _("人次"),
    "条": pgettext_lazy("unit: job postings", "条"),
    "场": pgettext_lazy("unit: job fairs", "场"),
}
# 个 is a Chinese measure word: in English the unit is the noun of what the indicator counts.
COUNTED: dict[str, Promise] = {
    "employment_stations": pgettext_lazy("unit: job stations", "个"),
    "employment_demonstration_stations": pgettext_lazy("unit: job stations", "个"),
    "employment_positions": pgettext_lazy("unit: positions", "个"),
    "employment_fair_positions": pgettext_lazy("unit: positions", "个"),
    "employment_startups": pgettext_lazy("unit: startups", "个"),
}


@register.filter
def unit(figure: Figure) -> str:
    """The unit of a figure in the page's language (人 → people)."""
    label = COUNTED.get(figure.code) or UNITS.get(figure.unit)
    return str(label) if label is not None else figure.unit


@register.filter
def percent(rate: float | str | None) -> str:
    """1.6197 → '162%'; None (or a missing value, which templates give as '') → '—'."""
    if rate is None or rate == "":
        return "—"
    return f"{float(rate) * 100:.0f}%"


@register.filter
def bar_width(rate: float | str | None) -> int:
    """Width of a progress bar in percent: a completion over 100% fills the bar."""
    if rate is None or rate == "" or float(rate) < 0:
        return 0
    return min(round(float(rate) * 100), 100)


@register.filter
def status_colour(status: str | None) -> str:
    return STATUS[status][0] if status in STATUS else "secondary"


@register.filter
def status_label(status: str | None) -> str:
    return str(STATUS[status][1]) if status in STATUS else ""


@register.filter
def get_item(mapping: dict, key: str) -> object:
    return mapping.get(key) if mapping else None
