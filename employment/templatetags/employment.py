"""Formatting of completion rates on the employment pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATUS = {
    "green": ("success", _("达到时序进度")),
    "amber": ("warning", _("略慢于时序进度")),
    "red": ("danger", _("明显落后于时序进度")),
}


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
