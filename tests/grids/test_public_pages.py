"""What each residents' page costs in queries, whatever it lists, and what it leaves out."""

import pytest

from grids import sections
from tests.factories import BuildingFactory, CommunityFactory, CompoundFactory, GridFactory, StreetFactory, UnitFactory

# ATOMIC_REQUESTS wraps each view in a savepoint inside the test's transaction.
SAVEPOINT = 2  # SAVEPOINT + RELEASE SAVEPOINT
# The sections other apps add to the area and compound pages (grids.sections) cost one query each when they have
# nothing to show, as here.
AREA_SECTIONS = len(sections.AREA_SECTIONS)
COMPOUND_SECTIONS = len(sections.COMPOUND_SECTIONS)


def _fill_community(community, n):
    for _ in range(n):
        grid = GridFactory(parent=community)
        compound = CompoundFactory(community=community)
        building = BuildingFactory(compound=compound, grid=grid)
        UnitFactory(building=building)


@pytest.mark.parametrize("n", [1, 6])
def test_the_home_page_costs_one_query_for_all_districts(client, district, django_assert_num_queries, n):
    for _ in range(n):
        _fill_community(CommunityFactory(parent=StreetFactory(parent=district)), 1)
    # the districts with their parent city and their counts, in one query
    with django_assert_num_queries(1 + SAVEPOINT):
        response = client.get("/")

    (row,) = response.context["districts"]
    assert (row.n_streets, row.n_communities, row.n_grids, row.n_compounds) == (n, n, n, n)


@pytest.mark.parametrize("n", [1, 7])
def test_a_community_page_costs_the_same_queries_with_many_grids_and_compounds(
    client, community, django_assert_num_queries, n
):
    _fill_community(community, n)
    # the community by code, its ancestors, its grids with building and household counts,
    # its compounds with their building counts; the other apps' sections
    with django_assert_num_queries(4 + SAVEPOINT + AREA_SECTIONS):
        response = client.get(f"/areas/{community.code}/")

    assert len(response.context["children"]) == n
    assert len(response.context["compounds"]) == n


@pytest.mark.parametrize("n", [1, 9])
def test_a_compound_page_costs_the_same_queries_with_many_buildings(
    client, community, grid, django_assert_num_queries, n
):
    compound = CompoundFactory(community=community, households=1000)
    for _ in range(n):
        UnitFactory(building=BuildingFactory(compound=compound, grid=grid, households=10))
    # the compound, its areas for the breadcrumbs, its buildings with grid and unit count; the other apps' sections
    with django_assert_num_queries(3 + SAVEPOINT + COMPOUND_SECTIONS):
        response = client.get(f"/compounds/{compound.pk}/")

    buildings = list(response.context["buildings"])
    assert len(buildings) == n
    assert all(b.n_units == 1 and b.grid.name == grid.name for b in buildings)


@pytest.mark.parametrize("n", [1, 8])
def test_search_costs_two_queries_however_many_hits(client, community, street, django_assert_num_queries, n):
    for i in range(n):
        CompoundFactory(community=community, name=f"盛景园{i}期")
    # compounds with their community and street, areas with their parent
    with django_assert_num_queries(2 + SAVEPOINT):
        response = client.get("/search/", {"q": "sjy"})

    assert len(response.context["compounds"]) == n


def test_a_district_page_counts_everything_below_each_street(client, district, street, community, grid):
    compound = CompoundFactory(community=community, households=300)
    BuildingFactory(compound=compound, grid=grid, households=100)
    CommunityFactory(parent=street)

    response = client.get(f"/areas/{district.code}/")

    (row,) = response.context["children"]
    assert (row.n_communities, row.n_grids, row.n_compounds, row.n_households) == (2, 1, 1, 300)


def test_an_empty_search_lists_nothing_and_reads_nothing(client, db, django_assert_num_queries):
    with django_assert_num_queries(0 + SAVEPOINT):
        response = client.get("/search/", {"q": "   "})

    assert "compounds" not in response.context
