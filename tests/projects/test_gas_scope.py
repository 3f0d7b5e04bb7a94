"""An official changes only the campaign records of their own areas: elsewhere it is 403 and nothing changes."""

import pytest
from rest_framework.authtoken.models import Token

from projects.models import GasBuildingPlan, GasCompoundPlan, GasStage, GasStageEvent
from tests.factories import BuildingFactory, CompoundFactory
from tests.grids.test_admin_helpers import admin_form_data, change_url
from tests.projects.factories_gas import GasBuildingPlanFactory, GasCampaignFactory, GasCompoundPlanFactory


@pytest.fixture
def campaign(district):
    return GasCampaignFactory(district=district)


@pytest.fixture
def theirs(campaign, other_community):
    """A building plan in another street (红旗街道), at construction."""
    plan = GasCompoundPlanFactory(campaign=campaign, compound__community=other_community, compound__name="红旗小区")
    return GasBuildingPlanFactory(compound_plan=plan, stage=GasStage.CONSTRUCTION)


@pytest.fixture
def token_client(api_client, street_official):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=street_official).key}")
    return api_client


def test_advancing_another_streets_building_through_the_api_is_403_and_changes_nothing(token_client, theirs):
    response = token_client.post(
        f"/api/v1/gas-building-plans/{theirs.pk}/stage/", {"stage": GasStage.INSPECTION}, format="json"
    )

    assert response.status_code == 403
    assert "红旗小区" in response.json()["detail"]
    theirs.refresh_from_db()
    assert theirs.stage == GasStage.CONSTRUCTION
    assert not GasStageEvent.objects.exists()


def test_changing_another_streets_compound_plan_is_403(token_client, theirs):
    plan = theirs.compound_plan
    response = token_client.patch(
        f"/api/v1/gas-compound-plans/{plan.pk}/", {"gas_company": "改名", "version": plan.version}, format="json"
    )

    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.gas_company == "朝阳燃气"


def test_adding_another_streets_compound_to_the_campaign_is_403(token_client, campaign, other_community):
    compound = CompoundFactory(community=other_community)

    response = token_client.post(
        "/api/v1/gas-compound-plans/", {"campaign": campaign.pk, "compound": compound.pk}, format="json"
    )

    assert response.status_code == 403
    assert not GasCompoundPlan.objects.filter(compound=compound).exists()


def test_a_street_official_adds_a_compound_of_their_street_and_advances_its_building(token_client, campaign, community):
    compound = CompoundFactory(community=community, households=100)
    building = BuildingFactory(compound=compound, households=50)

    plan = token_client.post(
        "/api/v1/gas-compound-plans/",
        {"campaign": campaign.pk, "compound": compound.pk, "cause_unclear_property": True},
        format="json",
    )
    assert plan.status_code == 201, plan.content
    bp = token_client.post(
        "/api/v1/gas-building-plans/",
        {"compound_plan": plan.json()["id"], "building": building.pk, "stage_reached_on": "2025-03-01"},
        format="json",
    )
    assert bp.status_code == 201, bp.content
    moved = token_client.post(
        f"/api/v1/gas-building-plans/{bp.json()['id']}/stage/",
        {"stage": GasStage.DESIGN_APPROVED, "stage_reached_on": "2025-04-01", "version": bp.json()["version"]},
        format="json",
    )

    assert moved.status_code == 200, moved.content
    assert moved.json()["stage_key"] == "design_approved"
    assert GasStageEvent.objects.filter(building_plan_id=bp.json()["id"]).count() == 2


def test_a_stale_version_is_a_conflict_and_changes_nothing(token_client, campaign, community):
    bp = GasBuildingPlanFactory(compound_plan__campaign=campaign, compound_plan__compound__community=community)

    response = token_client.post(
        f"/api/v1/gas-building-plans/{bp.pk}/stage/",
        {"stage": GasStage.DESIGN_APPROVED, "stage_reached_on": "2025-04-01", "version": bp.version + 5},
        format="json",
    )

    assert response.status_code == 409
    assert GasBuildingPlan.objects.get(pk=bp.pk).stage == GasStage.SURVEYED
    assert not GasStageEvent.objects.exists()


def test_the_admin_refuses_another_streets_building_plan(client, superuser, street_official, theirs):
    client.force_login(superuser)
    data = admin_form_data(
        client.get(change_url(theirs)), stage=str(GasStage.INSPECTION), stage_reached_on="2025-05-01"
    )

    client.force_login(street_official)
    assert client.get(change_url(theirs)).status_code == 403
    assert client.post(change_url(theirs), data).status_code == 403

    theirs.refresh_from_db()
    assert theirs.stage == GasStage.CONSTRUCTION
    assert not GasStageEvent.objects.exists()


def test_the_admin_lists_only_the_officials_buildings(client, street_official, campaign, community, theirs):
    mine = GasBuildingPlanFactory(compound_plan__campaign=campaign, compound_plan__compound__community=community)
    client.force_login(street_official)

    response = client.get("/admin/projects/gasbuildingplan/")

    assert [p.pk for p in response.context["cl"].result_list] == [mine.pk]


def test_the_bulk_advance_cannot_reach_another_streets_building(client, street_official, theirs):
    client.force_login(street_official)

    client.post(
        "/admin/projects/gasbuildingplan/",
        {"action": "advance_one_stage", "_selected_action": [f"{theirs.pk},{theirs.version}"], "index": "0"},
    )

    theirs.refresh_from_db()
    assert theirs.stage == GasStage.CONSTRUCTION


def test_who_recorded_a_stage_is_shown_only_to_officials_of_its_area(api_client, theirs, street_official, superuser):
    from projects.actions.gas import gas_building_stage_change

    gas_building_stage_change(user=superuser, plan=theirs, stage=GasStage.INSPECTION)
    seen = {}
    for name, user in (("superuser", superuser), ("another street's official", street_official), ("anonymous", None)):
        api_client.force_authenticate(user)
        events = api_client.get("/api/v1/gas-stage-events/", {"building_plan": theirs.pk}).json()["results"]
        seen[name] = events[-1]["recorded_by"]

    assert seen == {"superuser": "admin", "another street's official": None, "anonymous": None}
