"""Officials in the admin: a bulk action advances the selected buildings one stage with the same checks as any
stage change (all or none); the compound plan's inline buildings record stage changes as events; events are
read only."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from projects.models import GasBuildingPlan, GasStage, GasStageEvent
from tests.factories import BuildingFactory
from tests.grids.test_admin_helpers import admin_form_data, change_url
from tests.projects.factories_gas import GasCompoundPlanFactory, building_plan_at

CHANGELIST = reverse("admin:projects_gasbuildingplan_changelist")


@pytest.fixture
def official_client(client, street_official):
    client.force_login(street_official)
    return client


@pytest.fixture
def plan(community):
    return GasCompoundPlanFactory(
        campaign__district=community.district, compound__community=community, compound__households=600
    )


def buildings_at(user, plan, *stages):
    return [
        building_plan_at(user, plan, BuildingFactory(compound=plan.compound, name=f"{n}号楼", households=60), stage)
        for n, stage in enumerate(stages, start=1)
    ]


def advance(client, *plans):
    return client.post(
        CHANGELIST,
        {"action": "advance_one_stage", "_selected_action": [f"{p.pk},{p.version}" for p in plans], "index": "0"},
        follow=True,
    )


def stages(*plans):
    return [GasBuildingPlan.objects.get(pk=p.pk).stage for p in plans]


def test_the_bulk_action_advances_each_selected_building_one_stage(official_client, street_official, plan):
    a, b, c = buildings_at(street_official, plan, GasStage.SURVEYED, GasStage.CONSTRUCTION, GasStage.PRESSURE_TEST)

    response = advance(official_client, a, b, c)

    assert stages(a, b, c) == [GasStage.DESIGN_APPROVED, GasStage.INSPECTION, GasStage.GAS_ON]
    assert GasBuildingPlan.objects.get(pk=c.pk).households_connected == 60
    assert "已将 3 栋楼推进到下一阶段" in next(str(m) for m in get_messages(response.wsgi_request))
    last = GasStageEvent.objects.filter(building_plan=b).order_by("-pk").first()
    assert (last.from_stage, last.to_stage, last.recorded_by) == (
        GasStage.CONSTRUCTION,
        GasStage.INSPECTION,
        street_official,
    )


def test_the_bulk_action_moves_none_when_one_building_is_refused(official_client, street_official, plan):
    a, done = buildings_at(street_official, plan, GasStage.SURVEYED, GasStage.GAS_ON)
    events = GasStageEvent.objects.count()

    response = advance(official_client, a, done)

    assert stages(a, done) == [GasStage.SURVEYED, GasStage.GAS_ON]
    assert GasStageEvent.objects.count() == events
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "没有推进任何楼栋" in message and "2号楼" in message and "已通气，没有下一阶段" in message


def test_a_stage_changed_inline_on_the_compound_plan_is_recorded_as_an_event(official_client, street_official, plan):
    (bp,) = buildings_at(street_official, plan, GasStage.CONSTRUCTION)
    form = official_client.get(change_url(plan))

    response = official_client.post(
        change_url(plan),
        admin_form_data(
            form,
            **{"building_plans-0-stage": str(GasStage.INSPECTION), "building_plans-0-stage_reached_on": "2025-05-20"},
        ),
    )

    assert response.status_code == 302
    event = GasStageEvent.objects.filter(building_plan=bp).order_by("-pk").first()
    assert (event.from_stage, event.to_stage, event.reached_on) == (
        GasStage.CONSTRUCTION,
        GasStage.INSPECTION,
        dt.date(2025, 5, 20),
    )
    assert event.recorded_by == street_official


def test_an_inline_skip_without_a_reason_is_shown_next_to_the_field_and_nothing_is_saved(
    official_client, street_official, plan
):
    (bp,) = buildings_at(street_official, plan, GasStage.SURVEYED)
    form = official_client.get(change_url(plan))
    events = GasStageEvent.objects.count()

    response = official_client.post(
        change_url(plan),
        admin_form_data(
            form, **{"building_plans-0-stage": str(GasStage.GAS_ON), "building_plans-0-stage_reached_on": "2025-05-20"}
        ),
    )

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.forms[0].errors
    assert "跳过了中间阶段" in errors["reason"][0]
    assert GasBuildingPlan.objects.get(pk=bp.pk).stage == GasStage.SURVEYED
    assert GasStageEvent.objects.count() == events


def test_a_building_added_inline_starts_with_its_first_event(official_client, street_official, plan):
    building = BuildingFactory(compound=plan.compound, name="1号楼", households=60)
    form = official_client.get(change_url(plan))

    response = official_client.post(
        change_url(plan),
        admin_form_data(
            form,
            **{
                "building_plans-TOTAL_FORMS": "1",
                "building_plans-0-building": str(building.pk),
                "building_plans-0-stage": str(GasStage.SURVEYED),
                "building_plans-0-stage_reached_on": "2025-03-05",
                "building_plans-0-households_connected": "0",
                "building_plans-0-compound_plan": str(plan.pk),
            },
        ),
    )

    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    bp = GasBuildingPlan.objects.get(building=building)
    assert list(bp.events.values_list("from_stage", "to_stage")) == [(None, GasStage.SURVEYED)]


def test_stage_events_are_read_only_in_the_admin(official_client, street_official, plan):
    (bp,) = buildings_at(street_official, plan, GasStage.DESIGN_APPROVED)
    event = bp.events.first()

    assert official_client.get(reverse("admin:projects_gasstageevent_changelist")).status_code == 200
    response = official_client.post(
        reverse("admin:projects_gasstageevent_change", args=[event.pk]), {"reached_on": "2024-01-01"}
    )
    assert response.status_code == 403
    assert (
        official_client.post(
            reverse("admin:projects_gasstageevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert GasStageEvent.objects.get(pk=event.pk).reached_on == event.reached_on


def test_the_building_plan_page_shows_its_events_and_changes_the_stage_with_a_reason(
    official_client, street_official, plan
):
    (bp,) = buildings_at(street_official, plan, GasStage.DESIGN_APPROVED)
    form = official_client.get(change_url(bp))
    assert "方案论证" in form.content.decode()

    response = official_client.post(
        change_url(bp),
        admin_form_data(form, stage=str(GasStage.INSPECTION), stage_reached_on="2025-06-01", reason="开发商已完成施工"),
    )

    assert response.status_code == 302
    assert bp.events.order_by("-pk").first().reason == "开发商已完成施工"


def test_the_admin_board_shows_only_the_officials_compounds(official_client, street_official, plan, other_community):
    buildings_at(street_official, plan, GasStage.INSPECTION)
    GasCompoundPlanFactory(campaign=plan.campaign, compound__community=other_community, compound__name="红旗小区")

    response = official_client.get(reverse("admin:projects_gasbuildingplan_board", args=[plan.campaign_id]))

    assert response.status_code == 200
    assert [row.compound.name for row in response.context["board"].rows] == [plan.compound.name]
    assert (
        reverse("admin:projects_gasbuildingplan_change", args=[plan.building_plans.get().pk])
        in response.content.decode()
    )
