"""Other apps add their part to the residents' area and compound pages and to the site's menu, without grids
importing them: renovation projects on a compound page, canteens on a community page, and so on.

An app registers in its `AppConfig.ready()`:

    sections.area_section(template="services/includes/area_services.html", context=selectors.area_services)

`context(obj)` gets the Area or Compound the page shows and returns the template's context, or None when the
section has nothing to show there (the page then leaves it out). It should cost a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class PageSection:
    template: str
    context: Callable[[Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class MenuLink:
    url_name: str
    label: str | Promise
    icon: str  # a Bootstrap Icons name, e.g. "fire"
    order: int = 100


AREA_SECTIONS: list[PageSection] = []
COMPOUND_SECTIONS: list[PageSection] = []
MENU_LINKS: list[MenuLink] = []


def _add(registry: list, item: Any) -> None:
    # ready() can run twice in a test process; a section is registered once.
    if item not in registry:
        registry.append(item)
        registry.sort(key=lambda s: s.order)


def area_section(*, template: str, context: Callable[[Any], dict[str, Any] | None], order: int = 100) -> None:
    _add(AREA_SECTIONS, PageSection(template, context, order))


def compound_section(*, template: str, context: Callable[[Any], dict[str, Any] | None], order: int = 100) -> None:
    _add(COMPOUND_SECTIONS, PageSection(template, context, order))


def menu_link(*, url_name: str, label: str | Promise, icon: str, order: int = 100) -> None:
    _add(MENU_LINKS, MenuLink(url_name, label, icon, order))


@dataclass(frozen=True)
class RenderedSection:
    template: str
    data: dict[str, Any]


def sections_for(registry: list[PageSection], obj: Any) -> list[RenderedSection]:
    """The sections that have something to show for `obj`, in order; each template gets its dict as `data`."""
    rendered = []
    for section in registry:
        data = section.context(obj)
        if data is not None:
            rendered.append(RenderedSection(section.template, data))
    return rendered


def menu(request: Any) -> dict[str, Any]:
    """Context processor: the menu links other apps registered."""
    return {"portal_menu": MENU_LINKS}
