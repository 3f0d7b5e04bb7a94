import pytest
from django.core.exceptions import PermissionDenied

from grids.actions import compound_save, official_create
from grids.models import Area, Compound, user_can_manage
from tests.factories import CompoundFactory, UserFactory


def test_an_official_sees_only_records_inside_their_street(street_official, community, other_community):
    mine = CompoundFactory(community=community)
    CompoundFactory(community=other_community)

    assert list(Compound.objects.for_user(street_official)) == [mine]


def test_the_street_itself_and_its_communities_are_in_scope_but_not_the_district(
    street_official, street, community, other_street, district
):
    visible = set(Area.objects.for_user(street_official))

    assert {street, community} <= visible
    assert other_street not in visible
    assert district not in visible


def test_a_superuser_sees_everything(superuser, community, other_community):
    CompoundFactory(community=community)
    CompoundFactory(community=other_community)

    assert Compound.objects.for_user(superuser).count() == 2


def test_a_user_without_areas_sees_nothing(db, community):
    CompoundFactory(community=community)

    assert Compound.objects.for_user(UserFactory()).count() == 0


def test_an_official_cannot_move_a_compound_into_another_street(street_official, community, other_community):
    compound = CompoundFactory(community=community)
    compound.community = other_community

    with pytest.raises(PermissionDenied):
        compound_save(user=street_official, compound=compound)

    compound.refresh_from_db()
    assert compound.community == community


def test_path_columns_follow_the_parent(street, community, district, grid):
    assert (grid.community_id, grid.street_id, grid.district_id) == (community.pk, street.pk, district.pk)
    assert (community.street_id, community.district_id) == (street.pk, district.pk)


def test_an_officials_areas_are_read_once_however_many_checks_ask(
    street_official, community, django_assert_num_queries
):
    official = type(street_official).objects.get(pk=street_official.pk)  # as a request loads it

    with django_assert_num_queries(1):
        assert all(user_can_manage(official, community) for _ in range(5))


def test_an_official_given_another_area_may_manage_it_at_once(street_official, other_community):
    assert not user_can_manage(street_official, other_community)

    widened = official_create(username="longshan", password=None, areas=[other_community])

    assert user_can_manage(widened, other_community)
