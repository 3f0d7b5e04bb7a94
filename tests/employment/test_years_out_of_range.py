"""A year outside 1900–2100 in a query string (?year=10000, ?year=-1) never reaches a date lookup: the API
answers 400 naming `year`, the pages ignore it and show the year they show without one."""

import pytest

from tests.employment.factories import JobPostingFactory, JobStationFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "job-postings",
    "job-fairs",
    "trainings",
    "startup-projects",
    "placements",
    "employment-achievements",
]


@pytest.mark.parametrize("year", ["10000", "-1", "1899", "2101"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_year_out_of_range_is_a_400_naming_the_year(superuser, api_client, endpoint, year):
    api_client.force_authenticate(superuser)  # placements are for officials only

    response = api_client.get(f"/api/v1/{endpoint}/", {"year": year})

    assert response.status_code == 400
    assert "year" in response.json()


def test_a_year_in_range_still_filters(api_client, community):
    JobPostingFactory(station=JobStationFactory(community=community), title="育婴员")

    assert api_client.get("/api/v1/job-postings/", {"year": 2025}).json()["count"] == 1
    assert api_client.get("/api/v1/job-postings/", {"year": 2100}).json()["count"] == 0


@pytest.mark.parametrize("year", ["10000", "-1", "0", "1899"])
def test_a_station_page_ignores_a_year_out_of_range(client, community, year):
    station = JobStationFactory(community=community)
    JobPostingFactory(station=station)  # published in 2025

    response = client.get(f"/employment/stations/{station.pk}/", {"year": year})

    assert response.status_code == 200
    assert response.context["year"] == 2025


@pytest.mark.parametrize("year", ["10000", "-1"])
def test_the_employment_page_ignores_a_year_out_of_range(client, street, year):
    response = client.get(f"/employment/areas/{street.code}/", {"year": year})

    assert response.status_code == 200
    assert 1900 <= response.context["year"] <= 2100
