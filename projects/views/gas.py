"""Gas-connection campaigns (燃气开通) on the residents' site: the campaigns, each campaign's board (挂图作战), and
a section on every compound page in a campaign showing each building's stage and expected gas date.

Importing this module (ProjectsConfig.ready) registers the compound-page section and the header menu link."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from grids import sections

from ..models.gas import GasCampaign, GasStage
from ..selectors import gas as selectors


class IdForm(forms.Form):
    """A record id in a query string (`?street=`, the admin's `?campaign=`): a positive whole number. `²` or `①`
    are digits to str.isdigit() but not numbers to int(); the form field refuses them."""

    id = forms.IntegerField(min_value=1, max_value=2**63 - 1, required=False)

    def __init__(self, raw: str | None) -> None:
        super().__init__({"id": (raw or "").strip()})


def id_param(raw: str | None) -> int | None:
    """An id from the query string, or None when empty or malformed."""
    form = IdForm(raw)
    return form.cleaned_data["id"] if form.is_valid() else None


def street_param(raw: str | None) -> int | None:
    """The board's `?street=`: an id, or nothing (a malformed value shows the whole campaign)."""
    return id_param(raw)


NO_SUCH_STREET = _("这个攻坚没有该街道的小区。")


class GasCampaignListView(ListView):
    """Every campaign with its compounds, readiness and households connected."""

    template_name = "projects/gas/campaign_list.html"
    context_object_name = "campaigns"

    def get_queryset(self):
        return selectors.campaigns()


class GasBoardView(DetailView):
    """The campaign board (挂图作战): a row per compound, a cell per building coloured by its stage."""

    template_name = "projects/gas/board.html"
    context_object_name = "campaign"

    def get_queryset(self):
        return GasCampaign.objects.select_related("district")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        street_id = street_param(self.request.GET.get("street"))
        context["board"] = selectors.board(self.object, street_id=street_id)
        if street_id and context["board"].street is None:
            raise Http404(NO_SUCH_STREET)
        context["stages"] = list(GasStage)
        return context


sections.compound_section(template="projects/gas/compound_section.html", context=selectors.compound_gas, order=50)
sections.menu_link(url_name="projects:gas_campaigns", label=_("燃气开通"), icon="fire", order=20)
