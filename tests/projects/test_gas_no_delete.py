"""Stage events are never erased, not even by deleting what holds them: a building plan with stage events (or its
compound plan) cannot be deleted through the API (400 with the reason), the admin (the page lists the protected
events, the inline shows an error) or the database itself."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from rest_framework.authtoken.models import Token

from projects.models import GasBuildingPlan, GasStage, GasStageEvent
from tests.factories import BuildingFactory
from tests.grids.test_admin_helpers import admin_form_data, change_url
from tests.projects.factories_gas import GasBuildingPlanFactory, GasCompoundPlanFactory, building_plan_at


@pytest.fixture
def plan(community):
    return GasCompoundPlanFactory(campaign__district=community.district, compound__community=community)


@pytest.fixture
def bp(street_official, plan):
    building = BuildingFactory(compound=plan.compound, name="1号楼", households=60)
    return building_plan_at(street_official, plan, building, GasStage.CONSTRUCTION)


@pytest.fixture
def token_client(api_client, street_official):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=street_official).key}")
    return api_client


def still_there(bp):
    return GasBuildingPlan.objects.filter(pk=bp.pk).exists() and GasStageEvent.objects.filter(building_plan=bp).count()


def test_deleting_a_building_plan_with_events_through_the_api_is_a_400_and_deletes_nothing(token_client, bp):
    response = token_client.delete(f"/api/v1/gas-building-plans/{bp.pk}/")

    assert response.status_code == 400
    assert response.json()["non_field_errors"] == [f"“{bp}”已有阶段记录，不能删除：阶段记录永久保留。"]
    assert still_there(bp) == 3


def test_deleting_the_compound_plan_holding_it_is_refused_too(token_client, plan, bp):
    response = token_client.delete(f"/api/v1/gas-compound-plans/{plan.pk}/")

    assert response.status_code == 400
    assert "已有阶段记录" in response.json()["non_field_errors"][0]
    assert still_there(bp) == 3


def test_a_building_plan_without_events_may_still_be_deleted(token_client, plan):
    empty = GasBuildingPlanFactory(compound_plan=plan)

    assert token_client.delete(f"/api/v1/gas-building-plans/{empty.pk}/").status_code == 204
    assert not GasBuildingPlan.objects.filter(pk=empty.pk).exists()


def test_the_database_refuses_to_delete_a_building_plan_with_events(bp):
    with pytest.raises(ProtectedError):
        GasBuildingPlan.objects.filter(pk=bp.pk).delete()


def test_the_admin_delete_page_lists_the_protected_events_and_deletes_nothing(client, street_official, bp):
    client.force_login(street_official)
    url = reverse("admin:projects_gasbuildingplan_delete", args=[bp.pk])

    response = client.post(url, {"post": "yes"})

    assert response.status_code == 200
    assert "燃气阶段记录" in response.content.decode()
    assert still_there(bp) == 3


def test_deleting_a_building_inline_on_the_compound_plan_shows_why_and_deletes_nothing(
    client, street_official, plan, bp
):
    client.force_login(street_official)
    form = client.get(change_url(plan))

    response = client.post(change_url(plan), admin_form_data(form, **{"building_plans-0-DELETE": "on"}))

    assert response.status_code == 200
    (error,) = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert "需要删除以下受保护的相关对象: 燃气阶段记录" in error
    assert still_there(bp) == 3
