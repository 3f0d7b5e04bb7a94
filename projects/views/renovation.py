"""Renovation of old compounds (老旧小区改造): the residents' pages, public and phone-first.

- /renovation/: every project, filtered by year, status and area (the API's FilterSet);
- /renovation/areas/<code>/: the projects of a district, street or community;
- /renovation/<id>/: one project: what is done in the compound, a progress bar per work item, photos,
  expected completion and what changed lately.

At import (ProjectsConfig.ready) this module adds a renovation section to the grids area pages (the figures
per plan year from the roll-ups) and compound pages (the projects covering it), and a menu link."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from grids import sections
from grids.models import Area
from grids.selectors import area_ancestors, public_areas

from ..filters.renovation import RenovationProjectFilter
from ..models.renovation import RenovationStatus
from ..selectors import renovation as selectors

PAGE_SIZE = 20


class ProjectListView(ListView):
    """Projects, newest plan first; `?year=2025&status=in_progress&late=true` as in the API."""

    template_name = "projects/renovation/project_list.html"
    context_object_name = "projects"
    paginate_by = PAGE_SIZE
    area: Area | None = None

    def base_queryset(self) -> QuerySet:
        return selectors.projects()

    def get_queryset(self) -> QuerySet:
        self.filterset = RenovationProjectFilter(self.request.GET, queryset=self.base_queryset())
        if self.filterset.is_valid():
            return self.filterset.qs
        return self.base_queryset().none()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["area"] = self.area
        context["trail"] = area_ancestors(self.area) if self.area else []
        context["years"] = selectors.plan_years(self.area)
        context["statuses"] = RenovationStatus.choices
        context["filter"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


class AreaProjectListView(ProjectListView):
    """The projects of one district, street or community."""

    def base_queryset(self) -> QuerySet:
        assert self.area is not None  # set in get()
        return selectors.projects_in_area(self.area)

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.area = get_object_or_404(public_areas(), code=kwargs["code"])
        return super().get(request, *args, **kwargs)


class ProjectDetailView(DetailView):
    template_name = "projects/renovation/project_detail.html"
    context_object_name = "project"

    def get_queryset(self) -> QuerySet:
        return selectors.project_detail_queryset()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        project = self.object
        context["trail"] = area_ancestors(project)
        context["work_items"] = list(project.work_items.all())
        context["recent_reports"] = project.recent_reports
        photos = list(project.photos.all())
        context["photos_before"] = [p for p in photos if p.kind == "before"]
        context["photos_after"] = [p for p in photos if p.kind == "after"]
        context["photos_during"] = [p for p in photos if p.kind == "during"]
        context["is_late"] = project.is_late()
        return context


sections.area_section(
    template="projects/renovation/includes/area_section.html", context=selectors.area_section, order=20
)
sections.compound_section(
    template="projects/renovation/includes/compound_section.html", context=selectors.compound_section, order=20
)
sections.menu_link(url_name="projects:renovation", label=_("小区改造"), icon="buildings", order=20)
