"""Small helpers for the residents' pages."""

from __future__ import annotations

from django import template

from grids.models import Area, Level

register = template.Library()


@register.inclusion_tag("grids/includes/crumbs.html")
def area_crumbs(trail: list[Area]) -> dict:
    """Breadcrumb items: the home page, then each area of `trail` linked to its page."""
    return {"trail": trail}


@register.simple_tag
def children_label(area: Area) -> str:
    """What the children of `area` are called: 区/县 under a city, 网格 under a community."""
    if area.level >= Level.GRID:
        return ""
    return str(Level(area.level + 1).label)
