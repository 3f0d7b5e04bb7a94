"""Officials in the admin see and change only records of their own areas; a superuser sees everything."""

import pytest
from django.urls import reverse

from grids.models import Building, Compound
from tests.factories import BuildingFactory, CompoundFactory
from tests.grids.test_admin_helpers import admin_form_data, change_url

CHANGELIST = reverse("admin:grids_compound_changelist")
ADD = reverse("admin:grids_compound_add")


@pytest.fixture
def official_client(client, street_official):
    client.force_login(street_official)
    return client


def test_a_street_official_edits_a_compound_of_their_street_and_its_buildings(official_client, community):
    compound = CompoundFactory(community=community, name="盛景园", households=500)
    building = BuildingFactory(compound=compound, name="1号楼", households=60)

    form = official_client.get(change_url(compound))
    response = official_client.post(
        change_url(compound),
        admin_form_data(form, households="480", **{"buildings-0-households": "72"}),
    )

    assert response.status_code == 302
    compound.refresh_from_db()
    building.refresh_from_db()
    assert (compound.households, building.households) == (480, 72)


def test_a_building_added_inline_is_saved_in_the_compounds_community(official_client, street_official, community):
    compound = CompoundFactory(community=community, households=100)

    form = official_client.get(change_url(compound))
    data = admin_form_data(
        form,
        **{
            "buildings-TOTAL_FORMS": "1",
            "buildings-0-name": "1号楼",
            "buildings-0-households": "30",
            "buildings-0-compound": str(compound.pk),
        },
    )
    response = official_client.post(change_url(compound), data)

    assert response.status_code == 302
    building = Building.objects.get(compound=compound)
    assert (building.name, building.community, building.street_id) == ("1号楼", community, community.street_id)
    assert building.history.get().history_user == street_official


def test_a_building_added_inline_is_checked_like_any_other_building(official_client, community):
    compound = CompoundFactory(community=community, households=100)
    BuildingFactory(compound=compound, households=80)

    form = official_client.get(change_url(compound))
    data = admin_form_data(
        form,
        **{
            "buildings-TOTAL_FORMS": "2",
            "buildings-1-name": "2号楼",
            "buildings-1-households": "30",
            "buildings-1-compound": str(compound.pk),
        },
    )
    response = official_client.post(change_url(compound), data)

    assert response.status_code == 200
    assert "本楼栋最多 20 户" in response.content.decode()
    assert Building.objects.filter(compound=compound).count() == 1


def test_the_changelist_shows_only_the_officials_street(official_client, community, other_community):
    CompoundFactory(community=community, name="盛景园")
    CompoundFactory(community=other_community, name="红旗小区")

    response = official_client.get(CHANGELIST)

    assert [c.name for c in response.context["cl"].result_list] == ["盛景园"]
    assert "红旗小区" not in response.content.decode()


def test_the_street_filter_lists_only_streets_in_scope_and_filters_by_them(
    official_client, superuser, client, street, other_street, community, other_community
):
    CompoundFactory(community=community, name="盛景园")
    CompoundFactory(community=other_community, name="红旗小区")

    official_filter = next(f for f in official_client.get(CHANGELIST).context["cl"].filter_specs if f.title == "街道")
    assert official_filter.lookup_choices == [(str(street.pk), "龙山街道")]

    client.force_login(superuser)
    response = client.get(CHANGELIST, {"street": other_street.pk})
    assert [c.name for c in response.context["cl"].result_list] == ["红旗小区"]


def test_a_superuser_sees_every_street(client, superuser, community, other_community):
    CompoundFactory(community=community)
    CompoundFactory(community=other_community)
    client.force_login(superuser)

    response = client.get(CHANGELIST)

    assert response.context["cl"].result_count == 2


def test_another_streets_compound_is_refused_and_left_unchanged(client, superuser, street_official, other_community):
    theirs = CompoundFactory(community=other_community, name="红旗小区", households=300)
    client.force_login(superuser)
    data = admin_form_data(client.get(change_url(theirs)), households="1")

    client.force_login(street_official)
    assert client.get(change_url(theirs)).status_code == 403
    assert client.post(change_url(theirs), data).status_code == 403
    delete_url = reverse("admin:grids_compound_delete", args=[theirs.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403

    theirs.refresh_from_db()
    assert theirs.households == 300


def test_a_compound_cannot_be_added_in_another_street(official_client, community, other_community):
    form = official_client.get(ADD)
    offered = list(form.context["adminform"].form.fields["community"].queryset)

    response = official_client.post(
        ADD, admin_form_data(form, name="越界小区", community=str(other_community.pk), households="10")
    )

    assert offered == [community]
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["community"]
    assert not Compound.objects.filter(name="越界小区").exists()


def test_an_area_outside_scope_cannot_be_added_under_an_in_scope_choice(
    official_client, street, other_street, district
):
    """The Area form offers only areas in scope as parents; posting a parent outside it is refused."""
    add = reverse("admin:grids_area_add")
    form = official_client.get(add)
    data = admin_form_data(
        form, level="4", kind="community", name="越界社区", code="X0001", parent=str(other_street.pk)
    )

    response = official_client.post(add, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"]


def test_the_admin_login_page_is_in_chinese_by_default(client):
    response = client.get(reverse("admin:login"))

    content = response.content.decode()
    assert 'lang="zh-hans"' in content
    assert "用户名" in content
    assert "登录" in content
    assert "民生实事管理后台" in content


def test_the_compound_changelist_costs_the_same_queries_for_few_and_many_rows(
    official_client, community, django_assert_num_queries
):
    CompoundFactory.create_batch(2, community=community)
    official_client.get(CHANGELIST)  # warm the content-type / permission caches
    with django_assert_num_queries(QUERIES_OF_CHANGELIST):
        official_client.get(CHANGELIST)

    CompoundFactory.create_batch(8, community=community)
    with django_assert_num_queries(QUERIES_OF_CHANGELIST):
        response = official_client.get(CHANGELIST)
    assert response.context["cl"].result_count == 10


# The compound changelist of an official costs these queries whatever the number of rows:
#   1. SAVEPOINT (ATOMIC_REQUESTS)        7. the communities in scope (社区 filter)
#   2. the session                        8. COUNT(*) of the compounds in scope (the page's count)
#   3. the user                           9. COUNT(*) again (the full count next to the search box)
#   4. the user's own permissions        10. the page of compounds JOIN community, street
#   5. the user's group permissions      11. RELEASE SAVEPOINT
#   6. the streets in scope (街道 filter)
# Scoping is a subquery inside each statement, never a query of its own.
QUERIES_OF_CHANGELIST = 11


@pytest.mark.parametrize("model", ["area", "compound", "building", "unit", "gridstaff"])
def test_every_grids_page_opens_for_an_official(official_client, model, grid):
    from tests.factories import GridStaffFactory, UnitFactory

    unit = UnitFactory(building=BuildingFactory(compound=CompoundFactory(community=grid.parent)))
    staff = GridStaffFactory(grid=grid)
    obj = {
        "area": grid,
        "compound": unit.building.compound,
        "building": unit.building,
        "unit": unit,
        "gridstaff": staff,
    }

    for url in (
        reverse(f"admin:grids_{model}_changelist"),
        reverse(f"admin:grids_{model}_add"),
        change_url(obj[model]),
        reverse(f"admin:grids_{model}_history", args=[obj[model].pk]),
        reverse(f"admin:grids_{model}_import"),
        reverse(f"admin:grids_{model}_export"),
    ):
        assert official_client.get(url).status_code == 200, url


def test_an_administrator_assigns_areas_to_an_official_on_the_user_page(client, superuser, street_official, street):
    client.force_login(superuser)

    response = client.get(reverse("admin:auth_user_change", args=[street_official.pk]))

    formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.opts.model.__name__ == "OfficialArea"
    )
    assert [form.instance.area for form in formset.forms] == [street]
