"""A placed person's name and ID digits are personal data: officials of the area see them, nobody else —
not on a public page, not in an anonymous API response, not to an official of another street."""

import pytest
from rest_framework.authtoken.models import Token

from grids.actions import official_create
from tests.employment.factories import JobPostingFactory, JobStationFactory, PlacementFactory

pytestmark = pytest.mark.django_db

NAME, ID_TAIL = "赵秀英", "123X"

PUBLIC_API = [
    "/api/v1/job-stations/",
    "/api/v1/job-postings/",
    "/api/v1/job-fairs/",
    "/api/v1/trainings/",
    "/api/v1/startup-projects/",
    "/api/v1/employment-achievements/",
    "/api/v1/rollups/",
]


@pytest.fixture
def placement(community):
    station = JobStationFactory(community=community, name="光大社区“舒心就业”驿站")
    posting = JobPostingFactory(station=station, closed=None)
    return PlacementFactory(station=station, posting=posting, person_name=NAME, id_tail=ID_TAIL)


def authenticated(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api_client


def test_placements_are_not_served_to_anonymous_callers(api_client, placement):
    listing = api_client.get("/api/v1/placements/")
    detail = api_client.get(f"/api/v1/placements/{placement.pk}/")

    assert listing.status_code == 401
    assert detail.status_code == 401
    assert NAME not in listing.content.decode() + detail.content.decode()


@pytest.mark.parametrize("url", PUBLIC_API)
def test_no_public_endpoint_names_the_person(api_client, placement, url):
    response = api_client.get(url)

    assert response.status_code == 200
    body = response.content.decode()
    assert NAME not in body and ID_TAIL not in body


def test_no_public_page_names_the_person(client, placement, district, street, community):
    pages = [
        "/employment/",
        f"/employment/areas/{district.code}/",
        f"/employment/areas/{street.code}/",
        "/employment/stations/",
        f"/employment/stations/?area={community.code}",
        f"/employment/stations/{placement.station_id}/",
        f"/areas/{community.code}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert NAME not in body and ID_TAIL not in body, url
    # the station page still says how many were helped, as a number
    assert "帮助就业" in client.get(f"/employment/stations/{placement.station_id}/").content.decode()


def test_the_official_of_the_area_sees_the_person(api_client, placement, street_official):
    response = authenticated(api_client, street_official).get("/api/v1/placements/")

    [row] = response.json()["results"]
    assert (row["person_name"], row["id_tail"]) == (NAME, ID_TAIL)


def test_an_official_of_another_street_does_not(api_client, placement, other_street):
    other = official_create(username="hongqi", password="pass-1234", areas=[other_street])
    client = authenticated(api_client, other)

    assert client.get("/api/v1/placements/").json()["results"] == []
    assert client.get(f"/api/v1/placements/{placement.pk}/").status_code == 404


def test_only_the_last_four_id_characters_are_accepted(api_client, community, street_official):
    station = JobStationFactory(community=community)
    client = authenticated(api_client, street_official)

    response = client.post(
        "/api/v1/placements/",
        {
            "station": station.pk,
            "person_name": NAME,
            "id_tail": "211302199001011234",
            "employer": "朝阳家政服务有限公司",
            "placed_on": "2025-03-20",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "id_tail" in response.json()
