"""What must hold is guarded by the database too, for writes that skip full_clean() (update(), bulk)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from grids.models import Area, AreaKind, Building, Compound, GridRole, GridStaff, Level
from tests.factories import BuildingFactory, CompoundFactory, GridFactory

pytestmark = pytest.mark.django_db


def check_deferred_constraints():
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_buildings_cannot_hold_more_households_than_their_compound_even_by_update(community):
    compound = CompoundFactory(community=community, households=100)
    building = BuildingFactory(compound=compound, households=60)
    BuildingFactory(compound=compound, households=40)

    with pytest.raises(IntegrityError, match="more than its 100"), transaction.atomic():
        Building.objects.filter(pk=building.pk).update(households=61)
        check_deferred_constraints()


def test_a_compound_cannot_shrink_below_its_buildings_even_by_update(community):
    compound = CompoundFactory(community=community, households=100)
    BuildingFactory(compound=compound, households=60)

    with pytest.raises(IntegrityError), transaction.atomic():
        Compound.objects.filter(pk=compound.pk).update(households=59)
        check_deferred_constraints()


def test_the_model_explains_the_same_rule_in_words(community):
    compound = CompoundFactory(community=community, households=100)
    BuildingFactory(compound=compound, households=60)

    with pytest.raises(ValidationError) as error:
        Building(compound=compound, name="2号楼", households=41).full_clean()

    assert "households" in error.value.message_dict
    assert "最多 40 户" in error.value.message_dict["households"][0]


def test_names_are_unique_within_their_parent(street):
    Area.objects.create(level=Level.COMMUNITY, kind=AreaKind.COMMUNITY, name="光大社区", code="X1", parent=street)

    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.bulk_create(
            [Area(level=Level.COMMUNITY, kind=AreaKind.COMMUNITY, name="光大社区", code="X2", parent=street)]
        )


def test_counts_cannot_be_negative(community):
    compound = CompoundFactory(community=community)

    with pytest.raises(IntegrityError), transaction.atomic():
        Compound.objects.filter(pk=compound.pk).update(households=-1)


def test_a_kind_must_match_its_level(street):
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.bulk_create(
            [Area(level=Level.COMMUNITY, kind=AreaKind.TOWNSHIP, name="错社区", code="X3", parent=street)]
        )


def test_a_grid_has_one_grid_worker(community):
    grid = GridFactory(parent=community)
    GridStaff.objects.create(role=GridRole.GRID_WORKER, grid=grid, name="网格员甲", community=community)

    with pytest.raises(IntegrityError), transaction.atomic():
        GridStaff.objects.bulk_create(
            [GridStaff(role=GridRole.GRID_WORKER, grid=grid, name="网格员乙", community=community)]
        )


def test_a_building_head_needs_a_building(community):
    grid = GridFactory(parent=community)

    with pytest.raises(IntegrityError), transaction.atomic():
        GridStaff.objects.bulk_create(
            [GridStaff(role=GridRole.BUILDING_HEAD, grid=grid, name="楼栋长甲", community=community)]
        )
