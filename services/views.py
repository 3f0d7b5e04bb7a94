"""The residents' pages of the community services: find a canteen near you, and one canteen's page with what a
meal costs you. Public, no login, no personal data; reads come from services/selectors.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from grids import selectors as grid_selectors
from grids.models import Level

from . import selectors
from .models import MAX_AGE, Diner, quote_price

PAGE_SIZE = 30


class PriceQuestionForm(forms.Form):
    """What the discounts depend on; nothing is stored."""

    age = forms.IntegerField(label=_("您的年龄（周岁）"), required=False, min_value=0, max_value=MAX_AGE)
    subsistence = forms.BooleanField(label=_("低保户"), required=False)
    disabled = forms.BooleanField(label=_("残疾人"), required=False)
    contributor = forms.BooleanField(label=_("劳模、见义勇为伤残、因公伤残等"), required=False)


class CanteenListView(TemplateView):
    """Canteens near me: by compound or community name, or by area; without either, the districts that have some."""

    template_name = "services/canteen_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        q = grid_selectors.normalize_query(self.request.GET.get("q", ""))
        code = self.request.GET.get("area", "").strip()
        context["q"] = q
        area = compound = None
        if code:
            area = get_object_or_404(grid_selectors.public_areas(), code=code)
        elif q:
            area, compound = selectors.find_community(q)
            context["not_found"] = area is None
        context["area"], context["compound"] = area, compound
        if area is None:
            if not q:
                context["districts"] = selectors.districts_with_canteens()
            return context
        context["trail"] = grid_selectors.area_ancestors(area)
        if area.level == Level.COMMUNITY:
            canteens = selectors.canteens_for_community(area)
        else:
            canteens = selectors.canteens_in_area(area)
            context["children"] = selectors.children_canteen_counts(area)
        page = Paginator(canteens, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["page"] = page
        context["canteens"] = [(c, selectors.price_summary(c)) for c in page.object_list]
        return context


class CanteenDetailView(DetailView):
    """One canteen: where, when open, what a meal costs me, whether it delivers, and its monthly figures."""

    template_name = "services/canteen_detail.html"
    context_object_name = "canteen"

    def get_queryset(self):
        return selectors.canteens().prefetch_related("serves")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        canteen = self.object
        context["trail"] = grid_selectors.area_ancestors(canteen.community)
        context["prices"] = selectors.price_summary(canteen)
        form = PriceQuestionForm(self.request.GET or None)
        context["form"] = form
        if form.is_bound and form.is_valid():
            context["quote"] = quote_price(list(canteen.prices.all()), Diner(**form.cleaned_data))
            context["asked"] = True
        context["months"] = selectors.canteen_months(canteen)
        return context
