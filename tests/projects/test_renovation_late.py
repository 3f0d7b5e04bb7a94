"""A project is late when its planned completion has passed and it is neither completed nor accepted: flagged in the
API (field and filter), in the admin (highlighted, with a list filter), on its page and in the roll-ups."""

# ruff: noqa: F811 (pytest fixtures imported from factories_renovation are requested by name)

import datetime as dt

import pytest
from django.urls import reverse

from projects.models import RenovationProject, RenovationStatus
from rollups.engine import run_rollup
from rollups.models import IndicatorValue, PeriodType
from tests.projects.factories_renovation import RenovationProjectFactory, compound, today  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(today, community):
    """Today is 1 October 2025."""
    return {
        "late": RenovationProjectFactory(
            community=community, name="逾期项目", planned_completion=dt.date(2025, 9, 30), status="in_progress"
        ),
        "due_today": RenovationProjectFactory(
            community=community, name="今天到期", planned_completion=dt.date(2025, 10, 1)
        ),
        "done_late": RenovationProjectFactory(
            community=community,
            name="逾期后完工",
            planned_completion=dt.date(2025, 6, 30),
            status=RenovationStatus.COMPLETED,
            actual_completion=dt.date(2025, 8, 1),
        ),
        "undated": RenovationProjectFactory(community=community, name="未定完工日期", planned_completion=None),
    }


def test_only_an_unfinished_project_past_its_planned_completion_is_late(projects):
    assert {name for name, p in projects.items() if p.is_late()} == {"late"}
    assert list(RenovationProject.objects.late().values_list("name", flat=True)) == ["逾期项目"]
    assert RenovationProject.objects.on_time().count() == 3


def test_the_api_flags_late_projects_and_filters_by_it(client, projects):
    every = {p["name"]: p["is_late"] for p in client.get("/api/v1/renovation-projects/").json()["results"]}
    late = client.get("/api/v1/renovation-projects/", {"late": "true"}).json()["results"]
    on_time = client.get("/api/v1/renovation-projects/", {"late": "false"}).json()["results"]

    assert every == {"逾期项目": True, "今天到期": False, "逾期后完工": False, "未定完工日期": False}
    assert [p["name"] for p in late] == ["逾期项目"]
    assert len(on_time) == 3


def test_the_admin_highlights_late_projects_and_filters_them(client, street_official, projects):
    client.force_login(street_official)
    url = reverse("admin:projects_renovationproject_changelist")

    html = client.get(url).content.decode()
    filtered = client.get(url, {"late": "yes"})

    assert html.count("逾期 1 天") == 1
    assert [p.name for p in filtered.context["cl"].result_list] == ["逾期项目"]


def test_the_project_page_says_it_is_late(client, projects):
    late = client.get(reverse("projects:renovation-project", args=[projects["late"].pk])).content.decode()
    due = client.get(reverse("projects:renovation-project", args=[projects["due_today"].pk])).content.decode()

    assert 'data-late="true"' in late and "已过计划完工日期" in late
    assert 'data-late="true"' not in due


def test_the_rollups_count_late_projects_now_and_the_area_page_shows_them(client, projects, district):
    run_rollup(codes=["renovation_late", "renovation_projects_planned"])

    now = IndicatorValue.objects.get(
        indicator="renovation_late", area=district, period_type=PeriodType.YEAR, period_start=dt.date(2025, 1, 1)
    )
    assert now.value == 1
    html = client.get(reverse("grids:area", args=[district.code])).content.decode()
    assert 'data-late-count="1"' in html
