"""The employment pages: job stations near residents with their open postings (no login, no people), and the
employment page of a district or street: targets against achievement, by street, with a trend chart."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView, ListView

from grids import selectors as grid_selectors
from grids.models import Area, Compound, Level

from . import selectors
from .charts import trend_chart
from .models import JobStation, TargetCategory


class EmploymentIndexView(ListView):
    """Districts with employment figures, each linking to its employment page."""

    template_name = "employment/index.html"
    context_object_name = "districts"

    def get_queryset(self) -> QuerySet:
        return selectors.employment_districts()


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _year(value: str | None) -> int | None:
    """The year asked for, or None for a malformed one or one outside the years the pages show (ignored)."""
    year = _int(value)
    return year if year is not None and selectors.YEAR_MIN <= year <= selectors.YEAR_MAX else None


class AreaEmploymentView(DetailView):
    """An area's annual targets against achievement, its children ranked by completion, the trend (any public area)."""

    template_name = "employment/area.html"
    context_object_name = "area"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self) -> QuerySet:
        return grid_selectors.public_areas()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        area = self.object
        years = selectors.employment_years(area)
        year = _year(self.request.GET.get("year"))
        if year not in years:  # an unknown or malformed year shows the latest one
            year = years[0] if years else timezone.localdate().year
        category = self.request.GET.get("category") or TargetCategory.NEW_URBAN_JOBS
        if category not in TargetCategory.values:
            category = TargetCategory.NEW_URBAN_JOBS
        overview = selectors.employment_overview(area, year, category)
        chosen = next(f for f in overview["targets"] if f.code == category)
        context.update(
            trail=grid_selectors.area_ancestors(area),
            years=years,
            year=year,
            category=category,
            categories=TargetCategory.choices,
            overview=overview,
            chosen=chosen,
            chart=trend_chart(overview["months"][category], chosen.target),
            children_noun=Level(area.level + 1).label,
        )
        return context


class StationListView(ListView):
    """Find work at your doorstep: stations of an area, or near the resident's compound, with open postings."""

    template_name = "employment/stations.html"
    context_object_name = "stations"
    paginate_by = 20

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.area: Area | None = None
        self.compound: Compound | None = None
        code = request.GET.get("area")
        if code:
            self.area = grid_selectors.public_areas().filter(code=code).first()
            if self.area is None:
                raise Http404
        compound_id = _int(request.GET.get("compound"))
        if compound_id:
            self.compound = Compound.objects.select_related("community", "street").filter(pk=compound_id).first()
            if self.compound is None:
                raise Http404
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet:
        if self.compound is not None:
            return selectors.stations_near(self.compound)
        if self.area is not None:
            return selectors.stations_in(self.area)
        return selectors.stations()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        q = grid_selectors.normalize_query(self.request.GET.get("q", ""))
        context.update(
            area=self.area,
            compound=self.compound,
            q=q,
            compounds=grid_selectors.search_compounds(q) if q else [],
            trail=[*grid_selectors.area_ancestors(self.area), self.area] if self.area else [],
        )
        return context


class StationDetailView(DetailView):
    """One station: what it offers, its open postings and what it did this year (counts only, no people)."""

    template_name = "employment/station_detail.html"
    context_object_name = "station"

    def get_queryset(self) -> QuerySet:
        return JobStation.objects.select_related("community", "street", "district")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        station = self.object
        year = _year(self.request.GET.get("year")) or selectors.station_latest_year(station)
        context.update(
            trail=[*grid_selectors.area_ancestors(station.community), station.community],
            postings=selectors.station_postings(station),
            year=year,
            counts=selectors.station_year_counts(station, year),
        )
        return context
