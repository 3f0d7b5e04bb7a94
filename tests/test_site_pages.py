"""The residents' pages: they render without login, find compounds as residents type them, show no
person, and cost the same few queries however many rows they list."""

import pytest
from django.urls import reverse

from grids import sections
from grids.models import GridRole
from tests.factories import (
    BuildingFactory,
    CommunityFactory,
    CompoundFactory,
    GridFactory,
    GridStaffFactory,
    StreetFactory,
    UnitFactory,
)


@pytest.fixture
def shengjingyuan(community, grid):
    compound = CompoundFactory(
        community=community, name="盛景园", address="龙山街道光明路18号", year_built=2003, households=362
    )
    building = BuildingFactory(compound=compound, grid=grid, name="1号楼", households=120)
    UnitFactory(building=building, name="1单元")
    BuildingFactory(compound=compound, grid=grid, name="2号楼", households=96)
    return compound


@pytest.fixture
def staff(grid, shengjingyuan):
    building = shengjingyuan.buildings.get(name="1号楼")
    unit = building.units.get()
    return [
        GridStaffFactory(grid=grid, role=GridRole.GRID_WORKER, name="张淑琴", phone="13904211234"),
        GridStaffFactory(grid=grid, role=GridRole.GRID_LEADER, name="李国华", phone="13804215678"),
        GridStaffFactory(grid=grid, role=GridRole.BUILDING_HEAD, building=building, name="王秀兰", phone="13704219999"),
        GridStaffFactory(
            grid=grid, role=GridRole.UNIT_HEAD, building=building, unit=unit, name="赵德明", phone="13604210000"
        ),
    ]


def test_the_home_page_says_what_the_portal_is_and_lists_districts_with_counts(client, district, shengjingyuan):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "民生实事" in html
    assert 'name="q"' in html
    assert district.name in html
    (row,) = response.context["districts"]
    assert (row.n_streets, row.n_communities, row.n_grids, row.n_compounds, row.n_households) == (1, 1, 1, 1, 362)


def test_a_street_page_lists_its_communities_with_counts(client, street, community, shengjingyuan):
    response = client.get(f"/areas/{street.code}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "龙山街道" in html and "光大社区" in html and "双塔区" in html
    (row,) = response.context["children"]
    assert (row.n_grids, row.n_compounds, row.n_households) == (1, 1, 362)


def test_a_community_page_lists_its_grids_and_compounds(client, community, grid, shengjingyuan):
    response = client.get(f"/areas/{community.code}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert grid.name in html
    assert reverse("grids:compound", args=[shengjingyuan.pk]) in html
    (grid_row,) = response.context["children"]
    assert (grid_row.n_buildings, grid_row.n_households) == (2, 216)


def test_a_compound_page_shows_address_year_households_and_buildings_with_their_grid(
    client, shengjingyuan, grid, community, street
):
    response = client.get(f"/compounds/{shengjingyuan.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    for text in ("盛景园", "龙山街道光明路18号", "2003", "362", "1号楼", "2号楼", "120", grid.name):
        assert text in html
    assert [a.name for a in response.context["trail"]][-2:] == [street.name, community.name]


def test_search_by_pinyin_initials_finds_the_compound(client, shengjingyuan):
    response = client.get("/search/", {"q": "sjy"})

    assert response.status_code == 200
    assert list(response.context["compounds"]) == [shengjingyuan]
    assert reverse("grids:compound", args=[shengjingyuan.pk]) in response.content.decode()


@pytest.mark.parametrize("q", ["盛景", "shengjingyuan", "SJY", "sheng jing", "jingyuan"])
def test_search_finds_the_compound_by_name_or_pinyin(client, shengjingyuan, q):
    response = client.get("/search/", {"q": q})

    assert list(response.context["compounds"]) == [shengjingyuan]


def test_search_finds_areas_too(client, street, community):
    response = client.get("/search/", {"q": "gdsq"})

    assert list(response.context["areas"]) == [community]


def test_search_that_matches_nothing_says_so(client, shengjingyuan):
    response = client.get("/search/", {"q": "xyz"})

    assert list(response.context["compounds"]) == []
    assert "没有找到" in response.content.decode()


def test_no_public_page_shows_a_staff_name_or_phone(client, district, street, community, grid, shengjingyuan, staff):
    pages = [
        "/",
        f"/areas/{district.code}/",
        f"/areas/{street.code}/",
        f"/areas/{community.code}/",
        f"/compounds/{shengjingyuan.pk}/",
        "/search/?q=sjy",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        for person in staff:
            assert person.name not in html, (page, person.name)
            assert person.phone not in html, (page, person.phone)


def test_searching_for_a_staff_member_finds_nobody(client, shengjingyuan, staff):
    for q in ("张淑琴", "zsq", "zhangshuqin", "13904211234"):
        response = client.get("/search/", {"q": q})
        assert list(response.context["compounds"]) == [], q
        assert list(response.context["areas"]) == [], q


def _street_with(street, n_communities):
    for _ in range(n_communities):
        community = CommunityFactory(parent=street)
        grid = GridFactory(parent=community)
        compound = CompoundFactory(community=community)
        BuildingFactory(compound=compound, grid=grid)


def test_a_street_page_costs_the_same_queries_with_many_communities(
    client, street, django_assert_num_queries, django_assert_max_num_queries
):
    _street_with(street, 2)
    # SAVEPOINT (ATOMIC_REQUESTS inside the test's transaction), the street by code, its ancestors for the
    # breadcrumbs, RELEASE SAVEPOINT, its communities with their counts (evaluated while rendering), and one query
    # for each section other apps add to area pages (grids.sections)
    expected = 5 + len(sections.AREA_SECTIONS)
    with django_assert_num_queries(expected):
        few = client.get(f"/areas/{street.code}/")
    _street_with(street, 12)
    with django_assert_num_queries(expected):
        many = client.get(f"/areas/{street.code}/")

    assert len(few.context["children"]) == 2
    assert len(many.context["children"]) == 14


def test_an_unknown_area_or_compound_is_a_404(client, db):
    assert client.get("/areas/NOPE/").status_code == 404
    assert client.get("/compounds/999999/").status_code == 404


def test_a_grid_has_no_page_of_its_own(client, grid):
    assert client.get(f"/areas/{grid.code}/").status_code == 404


def test_pages_need_no_login_and_other_streets_show_too(client, other_street):
    StreetFactory(parent=other_street.parent)

    response = client.get(f"/areas/{other_street.parent.code}/")

    assert response.status_code == 200
    assert other_street.name in response.content.decode()
