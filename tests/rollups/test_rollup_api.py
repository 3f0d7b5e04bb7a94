"""/api/v1/rollups/: filters, the area summary in constant queries, conditional GETs."""

import datetime as dt

import pytest

from grids.actions import official_create
from rollups.engine import run_rollup
from tests.factories import CommunityFactory, CompoundFactory

pytestmark = pytest.mark.django_db

YEAR = str(dt.date.today().year)


@pytest.fixture
def rolled_up(tree):
    run_rollup()
    return tree


def test_figures_are_filtered_by_area_level_indicator_and_period(api_client, rolled_up):
    response = api_client.get(
        "/api/v1/rollups/", {"level": 3, "indicator": "grids", "period": YEAR, "parent": rolled_up["district"].pk}
    )

    assert response.status_code == 200
    rows = response.json()["results"]
    assert sorted((r["area"]["name"], r["value"]) for r in rows) == [("红旗街道", 4.0), ("龙山街道", 5.0)]
    assert {r["period"] for r in rows} == {YEAR}


def test_a_malformed_period_is_a_400_naming_the_period(api_client, rolled_up):
    response = api_client.get("/api/v1/rollups/summary/", {"area": rolled_up["district"].pk, "period": "2025-13"})

    assert response.status_code == 400
    assert "period" in response.json()


def test_a_malformed_period_in_the_list_is_a_400_naming_the_period(api_client, rolled_up):
    response = api_client.get("/api/v1/rollups/", {"period": "2025-Q7"})

    assert response.status_code == 400
    assert "period" in response.json()


def test_the_area_summary_gives_all_indicators_and_the_childrens_values(api_client, rolled_up):
    response = api_client.get("/api/v1/rollups/summary/", {"area": rolled_up["district"].pk, "period": YEAR})

    body = response.json()
    figures = {f["code"]: f["value"] for f in body["figures"]}
    assert figures["grids"] == 9
    assert figures["households"] == 362 + 100 + 1582 + 40
    children = {c["name"]: c["values"]["grids"]["value"] for c in body["children"]}
    assert children == {"龙山街道": 5, "红旗街道": 4}


def test_the_area_summary_runs_the_same_queries_however_many_children(api_client, rolled_up, django_assert_num_queries):
    district = rolled_up["district"]
    # savepoint (ATOMIC_REQUESTS), the area, the ETag aggregate, its own figures,
    # its children's figures with their areas, release savepoint
    with django_assert_num_queries(6):
        api_client.get("/api/v1/rollups/summary/", {"area": district.pk, "period": YEAR})

    street = rolled_up["streets"][0]
    for n in range(5):
        CompoundFactory(community=CommunityFactory(parent=street, name=f"新社区{n}"))
    run_rollup()
    with django_assert_num_queries(6):
        api_client.get("/api/v1/rollups/summary/", {"area": street.pk, "period": YEAR})


def test_a_conditional_get_is_answered_304_until_the_figures_change(api_client, rolled_up):
    params = {"area": rolled_up["district"].pk, "period": YEAR}
    first = api_client.get("/api/v1/rollups/summary/", params)
    assert first["ETag"] and first["Last-Modified"]

    again = api_client.get("/api/v1/rollups/summary/", params, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304

    since = api_client.get("/api/v1/rollups/summary/", params, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304

    CompoundFactory(community=rolled_up["communities"][0], households=5)
    run_rollup()
    changed = api_client.get("/api/v1/rollups/summary/", params, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_the_list_answers_conditional_gets_too(api_client, rolled_up):
    first = api_client.get("/api/v1/rollups/", {"indicator": "grids"})
    second = api_client.get("/api/v1/rollups/", {"indicator": "grids"}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 304


def test_the_catalogue_lists_the_hierarchy_indicators(api_client, db):
    codes = {i["code"] for i in api_client.get("/api/v1/indicators/").json()}

    assert {"grids", "grid_workers", "building_heads", "unit_heads", "compounds", "households"} <= codes


def test_a_district_official_sets_a_street_target_through_the_api(api_client, rolled_up):
    official = official_create(username="shuangta-api", password="pass-1234", areas=[rolled_up["district"]])
    api_client.force_authenticate(official)
    street = rolled_up["streets"][0]

    created = api_client.post(
        "/api/v1/targets/", {"area": street.pk, "indicator": "grids", "year": int(YEAR), "value": 10}, format="json"
    )
    refused = api_client.post(
        "/api/v1/targets/",
        {"area": rolled_up["district"].pk, "indicator": "grids", "year": int(YEAR), "value": 10},
        format="json",
    )
    bad = api_client.post(
        "/api/v1/targets/", {"area": street.pk, "indicator": "grids", "year": int(YEAR), "value": -1}, format="json"
    )

    assert created.status_code == 201
    assert refused.status_code == 403
    assert bad.status_code == 400 and "value" in bad.json()


def test_anonymous_users_cannot_set_targets(api_client, rolled_up):
    response = api_client.post(
        "/api/v1/targets/",
        {"area": rolled_up["streets"][0].pk, "indicator": "grids", "year": int(YEAR), "value": 10},
        format="json",
    )

    assert response.status_code in (401, 403)
