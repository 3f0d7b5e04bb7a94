"""Writes through the API: scoped to the official's areas, validated with field-named errors, nothing partial,
and a stale copy is a conflict (409) rather than a silent overwrite."""

import pytest
from rest_framework.authtoken.models import Token

from grids.models import Area, Building, Compound, GridRole, GridStaff
from tests.factories import BuildingFactory, CompoundFactory, GridFactory, GridStaffFactory


@pytest.fixture
def official_client(api_client, street_official):
    """The street official signed in with a real API token."""
    token = Token.objects.create(user=street_official)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api_client


@pytest.fixture
def compound(community):
    return CompoundFactory(community=community, name="盛景园", households=500)


@pytest.fixture
def other_compound(other_community):
    return CompoundFactory(community=other_community, name="红旗小区", households=300)


def patch(client, url, data):
    return client.patch(url, data, format="json")


def test_a_street_official_can_change_a_compound_of_their_street(official_client, compound):
    response = patch(
        official_client, f"/api/v1/compounds/{compound.pk}/", {"households": 520, "version": compound.version}
    )

    assert response.status_code == 200, response.content
    assert response.json()["households"] == 520
    compound.refresh_from_db()
    assert compound.households == 520
    assert response.json()["version"] == compound.version


def test_a_street_official_gets_403_on_another_streets_compound_and_nothing_changes(official_client, other_compound):
    response = patch(
        official_client,
        f"/api/v1/compounds/{other_compound.pk}/",
        {"households": 1, "name": "改名", "version": other_compound.version},
    )

    assert response.status_code == 403
    assert "红旗小区" in response.json()["detail"]
    other_compound.refresh_from_db()
    assert (other_compound.households, other_compound.name) == (300, "红旗小区")


def test_a_street_official_cannot_delete_another_streets_compound(official_client, other_compound):
    assert official_client.delete(f"/api/v1/compounds/{other_compound.pk}/").status_code == 403
    assert Compound.objects.filter(pk=other_compound.pk).exists()


def test_a_street_official_can_delete_a_compound_of_their_street(official_client, compound):
    assert official_client.delete(f"/api/v1/compounds/{compound.pk}/").status_code == 204
    assert not Compound.objects.filter(pk=compound.pk).exists()


def test_creating_a_compound_in_another_street_is_403_and_creates_nothing(official_client, other_community):
    response = official_client.post(
        "/api/v1/compounds/", {"name": "新小区", "households": 10, "community": other_community.pk}, format="json"
    )

    assert response.status_code == 403
    assert not Compound.objects.filter(name="新小区").exists()


def test_a_street_official_creates_a_compound_in_their_community(official_client, street, community):
    response = official_client.post(
        "/api/v1/compounds/",
        {"name": "新小区", "households": 10, "year_built": 2010, "community": community.pk},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["street"] == {"id": street.pk, "name": "龙山街道"}
    assert response.json()["buildings_count"] == 0


def test_a_street_official_can_add_a_community_to_their_street_but_not_a_street_to_the_district(
    official_client, street, district
):
    community = {"name": "新华社区", "code": "NEW-C-1", "level": 4, "kind": "community", "parent": street.pk}
    new_street = {"name": "新华街道", "code": "NEW-S-1", "level": 3, "kind": "street", "parent": district.pk}

    assert official_client.post("/api/v1/areas/", community, format="json").status_code == 201
    assert official_client.post("/api/v1/areas/", new_street, format="json").status_code == 403
    assert not Area.objects.filter(code="NEW-S-1").exists()


def test_an_area_of_the_wrong_kind_for_its_level_is_refused_naming_the_kind(official_client, street):
    data = {"name": "新华社区", "code": "NEW-C-2", "level": 4, "kind": "street", "parent": street.pk}

    response = official_client.post("/api/v1/areas/", data, format="json")

    assert response.status_code == 400
    assert "kind" in response.json()


IMPOSSIBLE_COMPOUND_VALUES = [
    ("households", -5),
    ("households", 10**12),
    ("households", "many"),
    ("year_built", 1800),
    ("floor_area", -1),
    ("name", ""),
    ("name", "x" * 101),
]


@pytest.mark.parametrize(("field", "value"), IMPOSSIBLE_COMPOUND_VALUES)
def test_impossible_compound_values_are_refused_and_nothing_changes(official_client, compound, field, value):
    url = f"/api/v1/compounds/{compound.pk}/"

    response = patch(official_client, url, {field: value, "address": "新地址", "version": compound.version})

    assert response.status_code == 400, response.content
    compound.refresh_from_db()
    assert compound.address == ""


@pytest.mark.parametrize(
    ("field", "value"),
    IMPOSSIBLE_COMPOUND_VALUES,
)
def test_an_impossible_compound_value_is_refused_naming_the_field(official_client, compound, field, value):
    url = f"/api/v1/compounds/{compound.pk}/"

    response = patch(official_client, url, {field: value, "version": compound.version})

    assert field in response.json()


def test_negative_households_are_refused_naming_households(official_client, compound):
    response = patch(official_client, f"/api/v1/compounds/{compound.pk}/", {"households": -1, "version": 1})

    assert response.status_code == 400
    assert list(response.json()) == ["households"]


def test_a_building_with_more_households_than_its_compound_is_refused(official_client, compound):
    BuildingFactory(compound=compound, name="1号楼", households=450)

    response = official_client.post(
        "/api/v1/buildings/", {"compound": compound.pk, "name": "2号楼", "households": 60}, format="json"
    )

    assert response.status_code == 400, response.content
    assert "households" in response.json()
    assert "50" in response.json()["households"][0]  # how many are left
    assert not Building.objects.filter(name="2号楼").exists()


def test_a_building_fitting_its_compound_is_created_in_the_compounds_community(official_client, compound, grid):
    response = official_client.post(
        "/api/v1/buildings/",
        {"compound": compound.pk, "grid": grid.pk, "name": "2号楼", "households": 60, "floors": 6},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["community"]["id"] == compound.community_id


def test_raising_a_buildings_households_beyond_its_compound_is_refused(official_client, compound):
    building = BuildingFactory(compound=compound, households=100)

    response = patch(
        official_client, f"/api/v1/buildings/{building.pk}/", {"households": 501, "version": building.version}
    )

    assert response.status_code == 400
    assert "households" in response.json()
    building.refresh_from_db()
    assert building.households == 100


def test_lowering_a_compounds_households_below_its_buildings_is_refused(official_client, compound):
    BuildingFactory(compound=compound, households=400)

    response = patch(
        official_client, f"/api/v1/compounds/{compound.pk}/", {"households": 100, "version": compound.version}
    )

    assert response.status_code == 400
    assert "households" in response.json()


def test_a_building_cannot_be_put_in_a_grid_of_another_community(official_client, compound, street, other_community):
    foreign_grid = GridFactory(parent=other_community)

    response = official_client.post(
        "/api/v1/buildings/", {"compound": compound.pk, "grid": foreign_grid.pk, "name": "3号楼"}, format="json"
    )

    assert response.status_code == 400
    assert "grid" in response.json()
    assert not Building.objects.filter(name="3号楼").exists()


def test_malformed_json_is_a_400_not_a_server_error(official_client, compound):
    response = official_client.generic(
        "PATCH", f"/api/v1/compounds/{compound.pk}/", '{"households": 5,', content_type="application/json"
    )

    assert response.status_code == 400
    assert "detail" in response.json()


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "null", '{"households": null}'])
def test_json_of_the_wrong_shape_is_a_400(official_client, compound, body):
    response = official_client.generic(
        "PATCH", f"/api/v1/compounds/{compound.pk}/", body, content_type="application/json"
    )

    assert response.status_code == 400


def test_saving_from_a_stale_copy_is_a_conflict_and_keeps_the_other_officials_change(official_client, compound):
    stale_version = compound.version
    first = patch(official_client, f"/api/v1/compounds/{compound.pk}/", {"households": 510, "version": stale_version})
    assert first.status_code == 200

    second = patch(official_client, f"/api/v1/compounds/{compound.pk}/", {"households": 490, "version": stale_version})

    assert second.status_code == 409
    compound.refresh_from_db()
    assert compound.households == 510


def test_a_change_without_the_version_it_was_read_at_is_refused(official_client, compound):
    response = patch(official_client, f"/api/v1/compounds/{compound.pk}/", {"households": 510})

    assert response.status_code == 400
    assert "version" in response.json()


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("post", "/api/v1/compounds/", {"name": "x", "households": 1}),
        ("patch", "/api/v1/compounds/{compound}/", {"households": 1, "version": 1}),
        ("put", "/api/v1/compounds/{compound}/", {"name": "x", "households": 1, "version": 1}),
        ("delete", "/api/v1/compounds/{compound}/", None),
        ("post", "/api/v1/areas/", {"name": "x"}),
        ("post", "/api/v1/buildings/", {"name": "x"}),
        ("post", "/api/v1/units/", {"name": "x"}),
        ("post", "/api/v1/grid-staff/", {"name": "x"}),
    ],
)
def test_anonymous_writes_are_refused(api_client, compound, method, url, data):
    response = getattr(api_client, method)(url.format(compound=compound.pk), data, format="json")

    assert response.status_code in (401, 403)
    compound.refresh_from_db()
    assert (compound.name, compound.households) == ("盛景园", 500)


def test_level_endpoints_are_read_only(official_client, street):
    response = patch(official_client, f"/api/v1/streets/{street.pk}/", {"name": "x", "version": street.version})

    assert response.status_code == 405


def test_an_area_with_children_cannot_be_deleted_and_says_why(api_client, superuser, street, community):
    api_client.force_authenticate(superuser)

    response = api_client.delete(f"/api/v1/areas/{street.pk}/")

    assert response.status_code == 400
    assert Area.objects.filter(pk=street.pk).exists()


def test_an_official_adds_a_grid_worker_to_a_grid_of_their_street(official_client, grid):
    response = official_client.post(
        "/api/v1/grid-staff/",
        {"role": GridRole.GRID_WORKER, "grid": grid.pk, "name": "张淑琴", "phone": "13912345678"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["community"]["id"] == grid.parent_id
    assert GridStaff.objects.get().name == "张淑琴"


def test_a_building_head_without_a_building_is_refused_naming_the_building(official_client, grid):
    response = official_client.post(
        "/api/v1/grid-staff/", {"role": GridRole.BUILDING_HEAD, "grid": grid.pk, "name": "李建国"}, format="json"
    )

    assert response.status_code == 400
    assert "building" in response.json()


def test_staff_outside_the_officials_areas_are_not_found_and_stay_unchanged(official_client, other_community):
    staff = GridStaffFactory(grid=GridFactory(parent=other_community), name="王红")

    response = patch(official_client, f"/api/v1/grid-staff/{staff.pk}/", {"name": "x", "version": staff.version})

    assert response.status_code == 404
    staff.refresh_from_db()
    assert staff.name == "王红"
