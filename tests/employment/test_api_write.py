"""Writes through the employment API: scoped to the official's areas (403, nothing changed), validated with
errors naming the field (400, nothing saved), and the community follows the station."""

import datetime as dt

import pytest
from rest_framework.authtoken.models import Token

from employment.models import JobPosting, JobStation, MonthlyAchievement, TargetCategory
from tests.employment.factories import JobPostingFactory, JobStationFactory, MonthlyAchievementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def official_client(api_client, street_official):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=street_official).key}")
    return api_client


@pytest.fixture
def station(community):
    return JobStationFactory(community=community, name="光大社区“舒心就业”驿站")


def posting(at, **changes):
    data = {
        "station": at.pk,
        "employer": "朝阳家政服务有限公司",
        "title": "育婴员",
        "positions": 3,
        "wage_min": 3000,
        "wage_max": 5000,
        "published": "2025-06-01",
        "channel": "livestream",
    }
    return {**data, **changes}


def test_an_official_publishes_a_posting_at_a_station_of_their_street(official_client, station, community):
    response = official_client.post("/api/v1/job-postings/", posting(station), format="json")

    assert response.status_code == 201, response.content
    assert response.json()["community"]["name"] == community.name
    assert response.json()["channel_display"] == "直播带岗"
    assert JobPosting.objects.get().street_id == community.parent_id


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"wage_min": 5000, "wage_max": 3000}, "wage_max"),
        ({"positions": 0}, "positions"),
        ({"closed": "2025-05-01"}, "closed"),
        ({"channel": "carrier-pigeon"}, "channel"),
        ({"published": "2025-13-01"}, "published"),
        ({"station": 999999}, "station"),
    ],
)
def test_a_bad_posting_is_a_400_naming_the_field_and_nothing_is_saved(official_client, station, changes, field):
    response = official_client.post("/api/v1/job-postings/", posting(station, **changes), format="json")

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not JobPosting.objects.exists()


def test_a_posting_at_another_streets_station_is_403_and_nothing_is_saved(official_client, other_community):
    other = JobStationFactory(community=other_community)

    response = official_client.post("/api/v1/job-postings/", posting(other), format="json")

    assert response.status_code == 403
    assert not JobPosting.objects.exists()


def test_changing_another_streets_station_is_403_and_nothing_changes(official_client, other_community):
    other = JobStationFactory(community=other_community, name="前进社区驿站")

    response = official_client.patch(
        f"/api/v1/job-stations/{other.pk}/", {"name": "改名", "version": other.version}, format="json"
    )

    assert response.status_code == 403
    other.refresh_from_db()
    assert other.name == "前进社区驿站"


def test_provincial_recognition_needs_a_demonstration_station(official_client, community):
    response = official_client.post(
        "/api/v1/job-stations/",
        {
            "community": community.pk,
            "name": "新驿站",
            "opened": "2025-01-01",
            "is_demonstration": False,
            "provincially_recognised": True,
        },
        format="json",
    )

    assert response.status_code == 400
    assert "provincially_recognised" in response.json()
    assert not JobStation.objects.exists()


def test_stable_employment_cannot_exceed_the_trainees(official_client, station):
    response = official_client.post(
        "/api/v1/trainings/",
        {"station": station.pk, "course": "中式面点", "starts_on": "2025-05-06", "trainees": 20, "stable_employed": 21},
        format="json",
    )

    assert response.status_code == 400
    assert "stable_employed" in response.json()


def test_a_monthly_report_is_stored_as_its_month_and_a_bad_one_names_the_field(official_client, community):
    good = official_client.post(
        "/api/v1/employment-achievements/",
        {"community": community.pk, "category": TargetCategory.REEMPLOYED, "month": "2025-03-17", "achieved": 42},
        format="json",
    )
    negative = official_client.post(
        "/api/v1/employment-achievements/",
        {"community": community.pk, "category": TargetCategory.REEMPLOYED, "month": "2025-04-01", "achieved": -1},
        format="json",
    )
    unknown = official_client.post(
        "/api/v1/employment-achievements/",
        {"community": community.pk, "category": "employment_nonsense", "month": "2025-04-01", "achieved": 1},
        format="json",
    )

    assert good.status_code == 201, good.content
    assert good.json()["month"] == "2025-03"
    assert (negative.status_code, list(negative.json())) == (400, ["achieved"])
    assert (unknown.status_code, list(unknown.json())) == (400, ["category"])
    assert list(MonthlyAchievement.objects.values_list("month", "achieved")) == [(dt.date(2025, 3, 1), 42)]


def test_a_second_report_for_the_same_month_is_refused(official_client, community):
    MonthlyAchievementFactory(community=community, category=TargetCategory.REEMPLOYED, month=dt.date(2025, 3, 1))

    response = official_client.post(
        "/api/v1/employment-achievements/",
        {"community": community.pk, "category": TargetCategory.REEMPLOYED, "month": "2025-03-28", "achieved": 5},
        format="json",
    )

    assert response.status_code == 400
    assert MonthlyAchievement.objects.count() == 1


def test_a_stale_correction_is_a_conflict_not_an_overwrite(official_client, community):
    report = MonthlyAchievementFactory(community=community, achieved=100)
    stale = report.version
    MonthlyAchievement.objects.filter(pk=report.pk).update(version=stale + 1, achieved=120)

    response = official_client.patch(
        f"/api/v1/employment-achievements/{report.pk}/", {"achieved": 90, "version": stale}, format="json"
    )

    assert response.status_code == 409
    report.refresh_from_db()
    assert report.achieved == 120


def test_anonymous_callers_cannot_write(api_client, station):
    response = api_client.post("/api/v1/job-postings/", posting(station), format="json")

    assert response.status_code == 401
    assert not JobPosting.objects.exists()


def test_malformed_filters_are_a_400_naming_the_parameter(api_client):
    for url, param in (
        ("/api/v1/job-postings/?station=abc", "station"),
        ("/api/v1/employment-achievements/?year=20x5", "year"),
        ("/api/v1/job-stations/?area=1.5", "area"),
    ):
        response = api_client.get(url)
        assert response.status_code == 400, url
        assert param in response.json()


def test_open_postings_are_those_not_closed_by_today(api_client, station):
    JobPostingFactory(station=station, title="保洁员", published=dt.date(2025, 1, 1), closed=dt.date(2025, 2, 1))
    JobPostingFactory(station=station, title="育婴员", published=dt.date(2025, 1, 1), closed=None)

    rows = api_client.get("/api/v1/job-postings/?open=true").json()["results"]
    stations = api_client.get("/api/v1/job-stations/").json()["results"]

    assert [r["title"] for r in rows] == ["育婴员"]
    assert stations[0]["open_postings"] == 1
