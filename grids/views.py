"""The residents' pages: public, no login, no personal data. Reads come from grids/selectors.py."""

from __future__ import annotations

from typing import Any

from django.views.generic import DetailView, ListView, TemplateView

from . import sections, selectors
from .models import Level


class HomeView(ListView):
    """What the portal is, a compound search box and the districts with their counts."""

    template_name = "grids/home.html"
    context_object_name = "districts"

    def get_queryset(self):
        return selectors.district_list()


class AreaDetailView(DetailView):
    """A city, district, street or community: its children with counts, and at community level its compounds."""

    template_name = "grids/area_detail.html"
    context_object_name = "area"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self):
        return selectors.public_areas()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        area = self.object
        context = super().get_context_data(**kwargs)
        context["trail"] = selectors.area_ancestors(area)
        context["children"] = selectors.area_children(area)
        context["is_community"] = area.level == Level.COMMUNITY
        if context["is_community"]:
            context["compounds"] = selectors.community_compounds(area)
        context["sections"] = sections.sections_for(sections.AREA_SECTIONS, area)
        return context


class CompoundDetailView(DetailView):
    """A compound: address, year built, households and its buildings with their grids. No staff."""

    template_name = "grids/compound_detail.html"
    context_object_name = "compound"

    def get_queryset(self):
        return selectors.public_compounds()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["trail"] = selectors.area_ancestors(self.object)
        context["buildings"] = selectors.compound_buildings(self.object)
        context["sections"] = sections.sections_for(sections.COMPOUND_SECTIONS, self.object)
        return context


class SearchView(TemplateView):
    """Compounds and areas by name, full pinyin or pinyin initials (`?q=sjy` finds 盛景园)."""

    template_name = "grids/search.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        q = selectors.normalize_query(self.request.GET.get("q", ""))
        context["q"] = q
        if q:
            context["compounds"] = selectors.search_compounds(q)
            context["areas"] = selectors.search_areas(q)
        return context
