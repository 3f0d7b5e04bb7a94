"""A campaign is its district's, but street officials add their compounds to it: in the admin they see the
campaigns they can plan in, read only; only the district's officials change them."""

import pytest
from django.urls import reverse

from grids.actions import official_create
from projects.models import GasCampaign
from tests.factories import DistrictFactory
from tests.grids.test_admin_helpers import admin_form_data
from tests.projects.factories_gas import GasCampaignFactory

CHANGELIST = reverse("admin:projects_gascampaign_changelist")


@pytest.fixture
def campaign(district):
    return GasCampaignFactory(district=district, name="高层住宅燃气开通")


@pytest.fixture
def elsewhere():
    return GasCampaignFactory(district=DistrictFactory(name="外区"), name="外区燃气开通")


def change(campaign):
    return reverse("admin:projects_gascampaign_change", args=[campaign.pk])


def test_a_street_official_sees_their_districts_campaign_and_no_other(client, street_official, campaign, elsewhere):
    client.force_login(street_official)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert [c.name for c in response.context["cl"].result_list] == ["高层住宅燃气开通"]
    assert client.get(change(elsewhere)).status_code == 403


def test_a_street_official_reads_the_campaign_but_cannot_change_it(client, superuser, street_official, campaign):
    client.force_login(superuser)
    data = admin_form_data(client.get(change(campaign)), name="改名")
    client.force_login(street_official)

    page = client.get(change(campaign))
    posted = client.post(change(campaign), data)

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert "高层住宅燃气开通" in page.content.decode()
    assert posted.status_code == 403
    assert GasCampaign.objects.get(pk=campaign.pk).name == "高层住宅燃气开通"


def test_the_districts_official_changes_the_campaign(client, district, campaign):
    official = official_create(username="shuangta", password="pass-1234", areas=[district])
    client.force_login(official)

    page = client.get(change(campaign))
    response = client.post(change(campaign), admin_form_data(page, goal="年底前全部通气"))

    assert page.context["has_change_permission"] is True
    assert response.status_code == 302
    assert GasCampaign.objects.get(pk=campaign.pk).goal == "年底前全部通气"
