"""A project's figures left at 0 are filled from the compounds it covers: each compound counted once, whatever
number of buildings it has."""

from decimal import Decimal

import pytest

from projects.actions.renovation import renovation_project_set_coverage
from tests.factories import BuildingFactory, CompoundFactory
from tests.projects.factories_renovation import RenovationProjectFactory

pytestmark = pytest.mark.django_db


def test_the_figures_taken_from_the_compounds_are_not_multiplied_by_their_buildings(street_official, community):
    east = CompoundFactory(community=community, name="东苑", floor_area=Decimal(20000), households=300)
    west = CompoundFactory(community=community, name="西苑", floor_area=Decimal(10000), households=200)
    for _ in range(3):
        BuildingFactory(compound=east, households=50)
    for _ in range(2):
        BuildingFactory(compound=west, households=50)
    project = RenovationProjectFactory(community=community, floor_area=0, building_count=0, households=0)

    renovation_project_set_coverage(user=street_official, project=project, compounds=[east, west])

    project.refresh_from_db()
    assert (project.floor_area, project.households, project.building_count) == (Decimal(30000), 500, 5)
