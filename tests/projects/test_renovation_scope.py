"""Officials change only the renovation projects of their own areas, in the admin and the API; anyone may read;
who filed a report is never in an anonymous answer."""

# ruff: noqa: F811 (pytest fixtures imported from factories_renovation are requested by name)

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from grids.actions import official_create
from projects.actions.renovation import EntryInput, renovation_project_save, renovation_report_submit
from projects.models import RenovationProject, RenovationReport, RenovationWorkItem, WorkKind
from tests.factories import CompoundFactory, UserFactory
from tests.projects.factories_renovation import (  # noqa: F401
    RenovationProjectFactory,
    RenovationWorkItemFactory,
    compound,
    items,
    project,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_project(other_community):
    project = RenovationProjectFactory(community=other_community, name="红旗小区改造项目")
    RenovationWorkItemFactory(project=project, kind=WorkKind.ROOF)
    return project


@pytest.fixture
def token_client(api_client, street_official):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=street_official).key}")
    return api_client


def test_an_official_cannot_save_a_project_of_another_street(street_official, other_project):
    other_project.name = "改名"

    with pytest.raises(PermissionDenied):
        renovation_project_save(user=street_official, project=other_project)

    assert RenovationProject.objects.get(pk=other_project.pk).name == "红旗小区改造项目"


def test_an_official_cannot_move_a_project_into_another_street(street_official, project, other_community):
    project.community = other_community

    with pytest.raises(PermissionDenied):
        renovation_project_save(user=street_official, project=project)


def test_the_api_refuses_changes_outside_the_officials_areas_with_403(token_client, other_project):
    item = other_project.work_items.get()

    patch = token_client.patch(
        f"/api/v1/renovation-projects/{other_project.pk}/",
        {"name": "改名", "version": other_project.version},
        format="json",
    )
    post = token_client.post(
        "/api/v1/renovation-reports/",
        {"project": other_project.pk, "reported_on": "2025-09-01", "entries": [{"work_item": item.pk, "percent": 50}]},
        format="json",
    )
    delete = token_client.delete(f"/api/v1/renovation-work-items/{item.pk}/")

    assert (patch.status_code, post.status_code, delete.status_code) == (403, 403, 403)
    assert "不在您负责的区域内" in patch.json()["detail"]
    assert RenovationWorkItem.objects.filter(pk=item.pk, percent=0).exists()
    assert not RenovationReport.objects.exists()


def test_the_api_creates_a_project_in_the_officials_community_with_its_compounds(token_client, community, compound):
    response = token_client.post(
        "/api/v1/renovation-projects/",
        {
            "community": community.pk,
            "name": "老城小区改造项目",
            "plan_year": 2025,
            "category": "basic",
            "compounds": [compound.pk],
            "planned_completion": "2025-11-30",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert [c["name"] for c in body["compounds"]] == ["老城小区"]
    assert body["households"] == 523  # left at 0, taken from the compound
    assert RenovationProject.objects.get().history.first().history_user.username == "longshan"


def test_the_api_refuses_a_compound_of_another_community_naming_the_field(token_client, community, other_community):
    stranger = CompoundFactory(community=other_community, name="红旗小区")

    response = token_client.post(
        "/api/v1/renovation-projects/",
        {
            "community": community.pk,
            "name": "混合项目",
            "plan_year": 2025,
            "category": "basic",
            "compounds": [stranger.pk],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"compounds": ["小区“红旗小区”不在项目所在的社区内。"]}
    assert not RenovationProject.objects.exists()


def test_anonymous_readers_see_projects_but_may_not_write(api_client, project):
    assert api_client.get("/api/v1/renovation-projects/").status_code == 200
    response = api_client.patch(f"/api/v1/renovation-projects/{project.pk}/", {"name": "x"}, format="json")
    assert response.status_code == 401


def test_who_filed_a_report_is_shown_to_officials_only(token_client, today, street_official, project, items):
    renovation_report_submit(
        user=street_official, project=project, reported_on=dt.date(2025, 9, 1), entries=[EntryInput(items[0], 30)]
    )

    anonymous = APIClient().get("/api/v1/renovation-reports/", {"project": project.pk}).json()["results"][0]
    signed_in = token_client.get("/api/v1/renovation-reports/", {"project": project.pk}).json()["results"][0]

    assert anonymous["reported_by"] is None
    assert "longshan" not in str(anonymous)
    assert signed_in["reported_by"] == "longshan"
    assert anonymous["entries"][0]["percent"] == 30


def reports_as(user, project) -> list[dict]:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    response = client.get("/api/v1/renovation-reports/", {"project": project.pk})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_who_filed_a_report_is_shown_as_the_username_only_to_those_who_may_manage_it(
    today, street_official, superuser, other_street, project, items
):
    street_official.first_name = "龙珊"
    street_official.save()
    renovation_report_submit(
        user=street_official, project=project, reported_on=dt.date(2025, 9, 1), entries=[EntryInput(items[0], 30)]
    )
    stranger = official_create(username="hongqi", password="pass-1234", areas=[other_street])
    resident = UserFactory(username="jumin")

    seen = {
        who: reports_as(user, project)[0]["reported_by"]
        for who, user in {
            "official": street_official,
            "superuser": superuser,
            "another street's official": stranger,
            "signed-in resident": resident,
            "anonymous": None,
        }.items()
    }

    assert seen == {
        "official": "longshan",
        "superuser": "longshan",
        "another street's official": None,
        "signed-in resident": None,
        "anonymous": None,
    }


def test_a_page_of_reports_reads_the_officials_areas_once(
    today, street_official, project, items, django_assert_num_queries
):
    for day in (1, 2, 3):
        renovation_report_submit(
            user=street_official,
            project=project,
            reported_on=dt.date(2025, 9, day),
            entries=[EntryInput(items[0], 10 * day)],
        )
    client = APIClient()
    # As a request would: a user object read afresh, whose areas nobody has asked for yet.
    client.force_authenticate(type(street_official).objects.get(pk=street_official.pk))

    # savepoint and release (the request's transaction); count; the reports with who filed them; their entries with
    # the work items; their photos; the official's areas, once for the page
    with django_assert_num_queries(7):
        results = client.get("/api/v1/renovation-reports/", {"project": project.pk}).json()["results"]

    assert [r["reported_by"] for r in results] == ["longshan"] * 3


@pytest.fixture
def official_client(client, street_official):
    client.force_login(street_official)
    return client


def test_the_admin_lists_only_the_officials_projects(official_client, project, other_project):
    response = official_client.get(reverse("admin:projects_renovationproject_changelist"))

    names = [p.name for p in response.context["cl"].result_list]
    assert names == ["老城小区改造项目"]


def test_the_admin_refuses_another_streets_project_and_its_progress_page_with_403(official_client, other_project):
    change = official_client.get(reverse("admin:projects_renovationproject_change", args=[other_project.pk]))
    progress = official_client.post(
        reverse("admin:projects_renovationproject_progress", args=[other_project.pk]), {"reported_on": "2025-09-01"}
    )

    assert (change.status_code, progress.status_code) == (403, 403)
    assert not RenovationReport.objects.exists()
