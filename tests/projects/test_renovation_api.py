"""The renovation API: filters, the progress history, and reports filed through it (validated like everywhere
else: 400 naming the field, nothing half-saved)."""

# ruff: noqa: F811 (pytest fixtures imported from factories_renovation are requested by name)

import pytest
from rest_framework.authtoken.models import Token

from projects.models import RenovationReport, RenovationStatus
from tests.projects.factories_renovation import (  # noqa: F401
    RenovationProjectFactory,
    compound,
    items,
    project,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def official_client(api_client, street_official):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=street_official).key}")
    return api_client


def names(response):
    assert response.status_code == 200, response.content
    return sorted(p["name"] for p in response.json()["results"])


def test_projects_filter_by_area_year_status_category_and_compound(client, project, compound, street, other_community):
    RenovationProjectFactory(community=other_community, name="红旗2021", plan_year=2021, category="upgrade")
    RenovationProjectFactory(
        community=other_community,
        name="红旗完工",
        status=RenovationStatus.ACCEPTED,
        actual_completion="2025-08-01",
    )
    url = "/api/v1/renovation-projects/"

    assert names(client.get(url, {"area": street.pk})) == ["老城小区改造项目"]
    assert names(client.get(url, {"year": 2021})) == ["红旗2021"]
    assert names(client.get(url, {"status": "accepted"})) == ["红旗完工"]
    assert names(client.get(url, {"category": "upgrade"})) == ["红旗2021"]
    assert names(client.get(url, {"compound": compound.pk})) == ["老城小区改造项目"]
    assert names(client.get(url, {"q": "老城"})) == ["老城小区改造项目"]
    assert client.get(url, {"year": "2025.5"}).status_code == 400


def test_an_official_files_a_report_through_the_api(official_client, today, project, items):
    water, heating, _ = items

    response = official_client.post(
        "/api/v1/renovation-reports/",
        {
            "project": project.pk,
            "reported_on": "2025-09-30",
            "note": "供暖管网完成",
            "entries": [{"work_item": water.pk, "percent": 35}, {"work_item": heating.pk, "percent": 100}],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reported_by"] == "longshan"
    assert [(e["work_item_name"], e["previous_percent"], e["percent"]) for e in body["entries"]] == [
        ("供水", 0, 35),
        ("供暖", 0, 100),
    ]
    read = official_client.get(f"/api/v1/renovation-projects/{project.pk}/").json()
    assert read["progress"] == pytest.approx((2 * 35 + 6 * 100) / 10)
    assert read["status"] == "in_progress"
    assert {i["kind"]: i["percent"] for i in read["work_items"]} == {"water": 35, "heating": 100, "lighting": 0}


def test_a_bad_report_is_a_400_naming_the_field_and_nothing_is_saved(official_client, today, project, items):
    response = official_client.post(
        "/api/v1/renovation-reports/",
        {
            "project": project.pk,
            "reported_on": "2025-10-05",
            "entries": [{"work_item": items[0].pk, "percent": 120}],
        },
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["reported_on"] == ["填报日期不能晚于今天。"]
    assert body["entries"] == ["供水：确保该值小于或等于100。"]
    assert not RenovationReport.objects.exists()


def test_a_stale_copy_of_a_project_is_a_409(official_client, project):
    stale = project.version
    official_client.patch(
        f"/api/v1/renovation-projects/{project.pk}/", {"summary": "一", "version": stale}, format="json"
    )

    response = official_client.patch(
        f"/api/v1/renovation-projects/{project.pk}/", {"summary": "二", "version": stale}, format="json"
    )

    assert response.status_code == 409


def test_a_work_item_with_reported_progress_cannot_be_deleted(official_client, today, project, items):
    official_client.post(
        "/api/v1/renovation-reports/",
        {"project": project.pk, "reported_on": "2025-09-01", "entries": [{"work_item": items[0].pk, "percent": 10}]},
        format="json",
    )

    kept = official_client.delete(f"/api/v1/renovation-work-items/{items[0].pk}/")
    gone = official_client.delete(f"/api/v1/renovation-work-items/{items[2].pk}/")

    assert kept.status_code == 400 and "已有进度填报，不能删除" in kept.json()["kind"][0]
    assert gone.status_code == 204


def test_the_totals_accept_the_lists_ordering_by_progress(client, project, items, other_community):
    RenovationProjectFactory(community=other_community, name="红旗小区改造项目", households=100)

    response = client.get("/api/v1/renovation-projects/totals/", {"ordering": "progress"})
    ordered = client.get("/api/v1/renovation-projects/totals/", {"ordering": "-progress", "area": project.street_id})

    assert response.status_code == 200, response.content
    assert (response.json()["projects"], response.json()["households"]) == (2, 623)
    assert (ordered.status_code, ordered.json()["projects"]) == (200, 1)
