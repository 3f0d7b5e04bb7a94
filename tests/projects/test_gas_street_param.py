"""The board's `?street=` (and the admin's `?campaign=`): characters that are digits to str.isdigit() but no
number to int() (`²`, `①`) never cause a server error; the page and its JSON agree on a street the campaign has
no compound in (404 both)."""

import pytest
from django.urls import reverse

from tests.factories import StreetFactory
from tests.projects.factories_gas import GasBuildingPlanFactory, GasCampaignFactory, GasCompoundPlanFactory

ODD_DIGITS = ["²", "①", "٣x", "0", "-1", "99999999999999999999999"]


@pytest.fixture
def campaign(district, community):
    campaign = GasCampaignFactory(district=district, name="高层住宅燃气开通")
    GasBuildingPlanFactory(compound_plan=GasCompoundPlanFactory(campaign=campaign, compound__community=community))
    return campaign


@pytest.mark.parametrize("raw", ODD_DIGITS)
def test_an_odd_street_on_the_board_page_shows_the_whole_campaign(client, campaign, raw):
    response = client.get(f"/gas/{campaign.pk}/", {"street": raw})

    assert response.status_code == 200
    assert len(response.context["board"].rows) == 1


@pytest.mark.parametrize("raw", ODD_DIGITS)
def test_an_odd_street_on_the_board_json_is_a_400_naming_street(client, campaign, raw):
    response = client.get(f"/api/v1/gas-campaigns/{campaign.pk}/board/", {"street": raw})

    assert response.status_code == 400
    assert list(response.json()) == ["street"]


@pytest.mark.parametrize("raw", ["²", "①"])
def test_an_odd_campaign_or_street_in_the_admin_is_no_server_error(client, street_official, campaign, raw):
    client.force_login(street_official)

    changelist = client.get(reverse("admin:projects_gasbuildingplan_changelist"), {"campaign": raw})
    board = client.get(reverse("admin:projects_gasbuildingplan_board", args=[campaign.pk]), {"street": raw})

    assert changelist.status_code == 200
    assert board.status_code == 200


def test_the_board_page_and_its_json_both_answer_404_for_a_street_without_compounds(client, campaign, district):
    elsewhere = StreetFactory(parent=district, name="没有小区的街道")

    page = client.get(f"/gas/{campaign.pk}/", {"street": elsewhere.pk})
    json = client.get(f"/api/v1/gas-campaigns/{campaign.pk}/board/", {"street": elsewhere.pk})
    missing = client.get(f"/api/v1/gas-campaigns/{campaign.pk}/board/", {"street": 999999})

    assert (page.status_code, json.status_code, missing.status_code) == (404, 404, 404)
    assert json.json()["detail"] == "这个攻坚没有该街道的小区。"
