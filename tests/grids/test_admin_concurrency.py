"""Two officials saving the same record from stale copies: the second is told, nothing is overwritten."""

import pytest

from grids.actions import official_create
from tests.factories import BuildingFactory, CompoundFactory
from tests.grids.test_admin_helpers import admin_form_data, change_url


@pytest.fixture
def colleague(street):
    return official_create(username="longshan2", password="pass-1234", areas=[street])


def test_a_save_from_a_stale_copy_is_refused_with_a_conflict_message(client, street_official, colleague, community):
    compound = CompoundFactory(community=community, name="盛景园", households=500)
    client.force_login(street_official)
    first = admin_form_data(client.get(change_url(compound)), households="480")
    client.force_login(colleague)
    second = admin_form_data(client.get(change_url(compound)), households="999")

    client.force_login(street_official)
    assert client.post(change_url(compound), first).status_code == 302
    client.force_login(colleague)
    response = client.post(change_url(compound), second)

    assert response.status_code == 200
    content = response.content.decode()
    assert "在您打开之后已被 longshan" in content
    assert "您的修改没有保存" in content
    compound.refresh_from_db()
    assert compound.households == 480


def test_a_stale_building_row_in_the_compound_form_is_refused(client, street_official, colleague, community):
    compound = CompoundFactory(community=community, households=500)
    building = BuildingFactory(compound=compound, households=60)
    client.force_login(colleague)
    stale = admin_form_data(client.get(change_url(compound)), **{"buildings-0-households": "70"})

    client.force_login(street_official)
    fresh = admin_form_data(client.get(change_url(building)), households="65")
    assert client.post(change_url(building), fresh).status_code == 302
    client.force_login(colleague)
    response = client.post(change_url(compound), stale)

    assert response.status_code == 200
    assert "在您打开之后已被 longshan" in response.content.decode()
    building.refresh_from_db()
    assert building.households == 65


def test_the_same_official_can_save_twice_in_a_row(client, street_official, community):
    compound = CompoundFactory(community=community, households=500)
    client.force_login(street_official)

    for households in ("480", "470"):
        data = admin_form_data(client.get(change_url(compound)), households=households)
        assert client.post(change_url(compound), data).status_code == 302

    compound.refresh_from_db()
    assert compound.households == 470
