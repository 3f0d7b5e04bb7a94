"""Public reads of the hierarchy: every level, compounds with filters, constant query counts, no personal data."""

import pytest

from grids.models import GridRole
from tests.factories import (
    BuildingFactory,
    CommunityFactory,
    CompoundFactory,
    GridFactory,
    GridStaffFactory,
    UnitFactory,
)


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def names(response):
    return [row["name"] for row in results(response)]


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("/api/v1/districts/", "双塔区"),
        ("/api/v1/streets/", "龙山街道"),
        ("/api/v1/communities/", "光大社区"),
        ("/api/v1/grids/", "光大第1网格"),
    ],
)
def test_anyone_can_list_each_level_of_the_hierarchy(api_client, grid, other_street, endpoint, expected):
    assert expected in names(api_client.get(endpoint))


def test_a_level_endpoint_lists_only_that_level(api_client, grid, other_street):
    rows = results(api_client.get("/api/v1/streets/"))

    assert {row["name"] for row in rows} == {"龙山街道", "红旗街道"}
    assert {row["level"] for row in rows} == {3}


def test_an_area_shows_its_level_kind_parent_path_and_number_of_children(api_client, district, street, community):
    CommunityFactory(parent=street, name="铁路社区")

    row = api_client.get(f"/api/v1/areas/{street.pk}/").json()

    assert row["name"] == "龙山街道"
    assert (row["level"], row["level_display"]) == (3, "街道/乡镇")
    assert (row["kind"], row["kind_display"]) == ("street", "街道")
    assert row["parent"] == district.pk
    assert row["path"] == [district.parent_id, district.pk]
    assert row["children_count"] == 2
    assert isinstance(row["version"], int)


def test_areas_filter_by_level_parent_and_name_pinyin_or_initials(api_client, street, other_street, community):
    CommunityFactory(parent=other_street, name="前进社区")

    assert names(api_client.get("/api/v1/areas/", {"level": 4})) == ["光大社区", "前进社区"]
    assert names(api_client.get("/api/v1/areas/", {"parent": street.pk})) == ["光大社区"]
    assert names(api_client.get("/api/v1/areas/", {"street": other_street.pk})) == ["前进社区"]
    assert names(api_client.get("/api/v1/areas/", {"kind": "community", "q": "qianjin"})) == ["前进社区"]
    assert names(api_client.get("/api/v1/areas/", {"q": "gdsq"})) == ["光大社区"]
    assert names(api_client.get("/api/v1/communities/", {"q": "光大"})) == ["光大社区"]


def test_compounds_filter_by_area_of_any_level_year_high_rise_and_name(
    api_client, district, street, community, other_community
):
    CompoundFactory(community=community, name="盛景园", year_built=2003, high_rise=True)
    CompoundFactory(community=community, name="铁西小区", year_built=1988, high_rise=False)
    CompoundFactory(community=other_community, name="红旗小区", year_built=1995, high_rise=False)

    assert names(api_client.get("/api/v1/compounds/", {"street": street.pk})) == ["盛景园", "铁西小区"]
    assert names(api_client.get("/api/v1/compounds/", {"community": other_community.pk})) == ["红旗小区"]
    assert len(names(api_client.get("/api/v1/compounds/", {"district": district.pk}))) == 3
    assert names(api_client.get("/api/v1/compounds/", {"area": street.pk})) == ["盛景园", "铁西小区"]
    assert names(api_client.get("/api/v1/compounds/", {"area": other_community.pk})) == ["红旗小区"]
    assert names(api_client.get("/api/v1/compounds/", {"high_rise": "true"})) == ["盛景园"]
    assert sorted(names(api_client.get("/api/v1/compounds/", {"year_built_min": 1990, "year_built_max": 2000}))) == [
        "红旗小区"
    ]
    assert names(api_client.get("/api/v1/compounds/", {"q": "sjy"})) == ["盛景园"]


def test_a_compound_shows_its_community_street_district_and_number_of_buildings(
    api_client, district, street, community
):
    compound = CompoundFactory(community=community, name="盛景园", households=500)
    BuildingFactory(compound=compound)
    BuildingFactory(compound=compound)

    row = api_client.get(f"/api/v1/compounds/{compound.pk}/").json()

    assert row["community"] == {"id": community.pk, "name": "光大社区"}
    assert row["street"] == {"id": street.pk, "name": "龙山街道"}
    assert row["district"] == {"id": district.pk, "name": "双塔区"}
    assert row["buildings_count"] == 2
    assert row["households"] == 500


def test_buildings_and_units_filter_by_compound_and_grid(api_client, community, grid):
    compound = CompoundFactory(community=community)
    in_grid = BuildingFactory(compound=compound, grid=grid, name="1号楼")
    BuildingFactory(compound=compound, name="2号楼")
    UnitFactory(building=in_grid, name="1单元")

    assert names(api_client.get("/api/v1/buildings/", {"compound": compound.pk})) == ["1号楼", "2号楼"]
    assert names(api_client.get("/api/v1/buildings/", {"grid": grid.pk})) == ["1号楼"]
    unit = results(api_client.get("/api/v1/units/", {"compound": compound.pk}))[0]
    assert (unit["name"], unit["building"]["name"], unit["compound"]["id"]) == ("1单元", "1号楼", compound.pk)


@pytest.mark.parametrize(
    "query",
    [
        {"parent": "abc"},
        {"parent": "1.5"},
        {"level": "9"},
        {"kind": "planet"},
        {"q": "a\x00b"},
        {"page": "999"},
        {"page_size": "-1", "parent": "99999999999999999999999"},
    ],
)
def test_bad_query_parameters_are_answered_without_a_server_error(api_client, community, query):
    for endpoint in ("/api/v1/areas/", "/api/v1/compounds/"):
        response = api_client.get(endpoint, query)
        assert response.status_code in (200, 400, 404), (endpoint, query, response.content)


def test_bad_filter_values_name_the_parameter(api_client, db):
    response = api_client.get("/api/v1/compounds/", {"year_built_min": "soon"})

    assert response.status_code == 400
    assert "year_built_min" in response.json()


def make_compounds(community, grid, count):
    for _ in range(count):
        compound = CompoundFactory(community=community)
        BuildingFactory(compound=compound, grid=grid, households=10)


@pytest.mark.parametrize(
    ("endpoint", "build"),
    [
        ("/api/v1/compounds/", make_compounds),
        ("/api/v1/buildings/", make_compounds),
        ("/api/v1/areas/", lambda community, grid, n: [GridFactory(parent=community) for _ in range(n)]),
        ("/api/v1/grids/", lambda community, grid, n: [GridFactory(parent=community) for _ in range(n)]),
        (
            "/api/v1/units/",
            lambda community, grid, n: [UnitFactory(building__compound__community=community) for _ in range(n)],
        ),
    ],
)
def test_a_list_runs_the_same_queries_whatever_the_page_size(
    api_client, community, grid, django_assert_num_queries, endpoint, build
):
    build(community, grid, 60)
    # The whole request is one transaction (ATOMIC_REQUESTS), then:
    #   1. SAVEPOINT            (ATOMIC_REQUESTS inside the test's transaction)
    #   2. SELECT COUNT(*)      (the paginator's total)
    #   3. SELECT ... page      (related areas/compound/building joined, child counts by GROUP BY)
    #   4. RELEASE SAVEPOINT
    for page_size in (5, 50):
        with django_assert_num_queries(4):
            assert len(results(api_client.get(endpoint, {"page_size": page_size}))) == page_size


def test_the_grid_staff_list_runs_the_same_queries_whatever_the_page_size(
    api_client, superuser, community, django_assert_num_queries
):
    for _ in range(60):
        GridStaffFactory(grid=GridFactory(parent=community))
    api_client.force_authenticate(superuser)
    # SAVEPOINT, COUNT(*), SELECT page (grid, community, building, unit joined), RELEASE SAVEPOINT.
    for page_size in (5, 50):
        with django_assert_num_queries(4):
            assert len(results(api_client.get("/api/v1/grid-staff/", {"page_size": page_size}))) == page_size


def test_anonymous_responses_never_contain_a_staff_name_or_phone(api_client, district, street, community, grid):
    compound = CompoundFactory(community=community)
    building = BuildingFactory(compound=compound, grid=grid)
    unit = UnitFactory(building=building)
    GridStaffFactory(grid=grid, role=GridRole.GRID_WORKER, name="张淑琴", phone="13912345678")
    GridStaffFactory(
        grid=grid, role=GridRole.UNIT_HEAD, building=building, unit=unit, name="李建国", phone="13800001111"
    )
    endpoints = [
        "/api/v1/",
        "/api/v1/areas/",
        f"/api/v1/areas/{grid.pk}/",
        "/api/v1/districts/",
        "/api/v1/streets/",
        "/api/v1/communities/",
        "/api/v1/grids/",
        f"/api/v1/grids/{grid.pk}/",
        "/api/v1/compounds/",
        f"/api/v1/compounds/{compound.pk}/",
        "/api/v1/buildings/",
        f"/api/v1/buildings/{building.pk}/",
        "/api/v1/units/",
        f"/api/v1/units/{unit.pk}/",
        "/api/v1/grid-staff/",
    ]
    for endpoint in endpoints:
        body = api_client.get(endpoint).content.decode()
        for secret in ("张淑琴", "13912345678", "李建国", "13800001111"):
            assert secret not in body, (endpoint, secret)


def test_anonymous_users_cannot_read_the_grid_staff(api_client, grid):
    GridStaffFactory(grid=grid)

    assert api_client.get("/api/v1/grid-staff/").status_code in (401, 403)


def test_an_official_sees_names_and_phones_of_the_staff_in_their_own_street_only(
    api_client, street_official, community, other_community
):
    GridStaffFactory(grid=GridFactory(parent=community), name="张淑琴", phone="13912345678")
    GridStaffFactory(grid=GridFactory(parent=other_community), name="王红", phone="13700000000")
    api_client.force_authenticate(street_official)

    rows = results(api_client.get("/api/v1/grid-staff/"))

    assert [(row["name"], row["phone"]) for row in rows] == [("张淑琴", "13912345678")]
