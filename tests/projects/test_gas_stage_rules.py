"""Stage rules of a building's gas plan: every change is an event (who, when, from, to, note) and old events are
never overwritten; no stage is skipped (or gone back to) without a recorded reason; households connected never
exceed the building's, and a building on gas counts all of them as connected."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.actions.gas import gas_building_advance, gas_building_plan_save, gas_building_stage_change
from projects.models import GasBuildingPlan, GasStage, GasStageEvent
from tests.factories import BuildingFactory
from tests.projects.factories_gas import START, GasCompoundPlanFactory, building_plan_at

DAY = dt.timedelta(days=1)


@pytest.fixture
def plan(community):
    return GasCompoundPlanFactory(campaign__district=community.district, compound__community=community)


@pytest.fixture
def building(plan):
    return BuildingFactory(compound=plan.compound, name="1号楼", households=60)


def stages_recorded(building_plan):
    return list(building_plan.events.order_by("reached_on", "pk").values_list("from_stage", "to_stage", "reached_on"))


def test_a_new_building_plan_records_its_first_stage_as_an_event(street_official, plan, building):
    bp = gas_building_plan_save(
        user=street_official, plan=GasBuildingPlan(compound_plan=plan, building=building, stage_reached_on=START)
    )

    (event,) = bp.events.all()
    assert (event.from_stage, event.to_stage, event.reached_on) == (None, GasStage.SURVEYED, START)
    assert event.recorded_by == street_official
    assert (bp.community, bp.street_id) == (building.community, building.street_id)


def test_each_stage_change_is_a_new_event_and_earlier_events_stay_as_they_were(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.CONSTRUCTION)
    before = list(bp.events.values_list("pk", "from_stage", "to_stage", "reached_on", "recorded_at"))

    gas_building_advance(user=street_official, plan=bp, reached_on=START + 30 * DAY, note="管线已敷设")

    after = list(bp.events.values_list("pk", "from_stage", "to_stage", "reached_on", "recorded_at"))
    assert after[: len(before)] == before
    new = bp.events.order_by("-pk").first()
    assert (new.from_stage, new.to_stage, new.reached_on, new.note) == (
        GasStage.CONSTRUCTION,
        GasStage.INSPECTION,
        START + 30 * DAY,
        "管线已敷设",
    )
    bp.refresh_from_db()
    assert (bp.stage, bp.stage_reached_on) == (GasStage.INSPECTION, START + 30 * DAY)


def test_a_recorded_event_cannot_be_saved_again(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.DESIGN_APPROVED)
    event = bp.events.first()
    event.reached_on = START - 100 * DAY

    with pytest.raises(ValueError, match="never changed"):
        event.save()
    assert bp.events.first().reached_on == START


def test_the_date_of_a_stage_cannot_be_rewritten_without_a_new_stage(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.DESIGN_APPROVED)
    bp.stage_reached_on = START + 2 * DAY

    with pytest.raises(ValidationError) as error:
        gas_building_plan_save(user=street_official, plan=bp)

    assert "stage_reached_on" in error.value.message_dict
    assert GasBuildingPlan.objects.get(pk=bp.pk).stage_reached_on == START + 7 * DAY


def test_skipping_a_stage_without_a_reason_is_refused_and_changes_nothing(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.DESIGN_APPROVED)
    recorded = stages_recorded(bp)

    with pytest.raises(ValidationError) as error:
        gas_building_stage_change(user=street_official, plan=bp, stage=GasStage.INSPECTION, reached_on=START + 40 * DAY)

    assert "跳过了中间阶段" in error.value.message_dict["reason"][0]
    assert GasBuildingPlan.objects.get(pk=bp.pk).stage == GasStage.DESIGN_APPROVED
    assert stages_recorded(bp) == recorded


def test_skipping_a_stage_with_a_reason_records_the_reason(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.DESIGN_APPROVED)

    gas_building_stage_change(
        user=street_official,
        plan=bp,
        stage=GasStage.INSPECTION,
        reached_on=START + 40 * DAY,
        reason="施工由开发商完成，补录检测验收",
    )

    event = bp.events.order_by("-pk").first()
    assert (event.from_stage, event.to_stage, event.reason) == (
        GasStage.DESIGN_APPROVED,
        GasStage.INSPECTION,
        "施工由开发商完成，补录检测验收",
    )


def test_a_building_entering_past_the_first_stage_needs_a_reason(street_official, plan, building):
    with pytest.raises(ValidationError) as error:
        gas_building_plan_save(
            user=street_official,
            plan=GasBuildingPlan(
                compound_plan=plan, building=building, stage=GasStage.CONSTRUCTION, stage_reached_on=START
            ),
        )

    assert "reason" in error.value.message_dict
    assert not GasBuildingPlan.objects.exists()


def test_going_back_a_stage_needs_a_reason(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.PRESSURE_TEST)

    with pytest.raises(ValidationError) as error:
        gas_building_stage_change(
            user=street_official, plan=bp, stage=GasStage.INDOOR_INSTALLATION, reached_on=START + 60 * DAY
        )
    assert "退回" in error.value.message_dict["reason"][0]

    gas_building_stage_change(
        user=street_official,
        plan=bp,
        stage=GasStage.INDOOR_INSTALLATION,
        reached_on=START + 60 * DAY,
        reason="打压未通过，返工",
    )
    assert GasBuildingPlan.objects.get(pk=bp.pk).stage == GasStage.INDOOR_INSTALLATION


def test_the_database_itself_refuses_a_skip_without_a_reason(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.SURVEYED)

    with pytest.raises(IntegrityError), transaction.atomic():
        GasStageEvent.objects.create(
            building_plan=bp, community=bp.community, from_stage=1, to_stage=5, reached_on=START
        )


def test_a_stage_cannot_be_reached_before_the_previous_one_or_in_the_future(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.DESIGN_APPROVED)

    with pytest.raises(ValidationError) as error:
        gas_building_advance(user=street_official, plan=bp, reached_on=START)
    assert "stage_reached_on" in error.value.message_dict

    with pytest.raises(ValidationError) as error:
        gas_building_advance(user=street_official, plan=bp, reached_on=dt.date.today() + 5 * DAY)
    assert "stage_reached_on" in error.value.message_dict
    assert bp.events.count() == 2


def test_a_building_on_gas_has_all_its_households_connected(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.PRESSURE_TEST)
    bp.households_connected = 20
    gas_building_plan_save(user=street_official, plan=bp)

    bp = gas_building_advance(user=street_official, plan=bp, reached_on=START + 80 * DAY)

    assert GasBuildingPlan.objects.get(pk=bp.pk).households_connected == 60
    bp.households_connected = 59
    with pytest.raises(ValidationError) as error:
        gas_building_plan_save(user=street_official, plan=bp)
    assert "全部 60 户" in error.value.message_dict["households_connected"][0]


def test_households_connected_never_exceed_the_buildings(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.INDOOR_INSTALLATION)
    bp.households_connected = 61

    with pytest.raises(ValidationError) as error:
        gas_building_plan_save(user=street_official, plan=bp)

    assert error.value.message_dict["households_connected"] == ["已通气户数不能超过楼栋户数（60 户）。"]
    assert GasBuildingPlan.objects.get(pk=bp.pk).households_connected == 0


def test_no_household_is_connected_before_indoor_installation(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.INSPECTION)
    bp.households_connected = 1

    with pytest.raises(ValidationError) as error:
        gas_building_plan_save(user=street_official, plan=bp)
    assert "households_connected" in error.value.message_dict

    with pytest.raises(IntegrityError), transaction.atomic():
        GasBuildingPlan.objects.filter(pk=bp.pk).update(households_connected=1)


def test_there_is_no_stage_after_gas_on(street_official, plan, building):
    bp = building_plan_at(street_official, plan, building, GasStage.GAS_ON)

    with pytest.raises(ValidationError) as error:
        gas_building_advance(user=street_official, plan=bp)
    assert "没有下一阶段" in error.value.message_dict["stage"][0]


def test_a_building_of_another_compound_cannot_join_the_plan(street_official, plan, community):
    from tests.factories import CompoundFactory

    stranger = BuildingFactory(compound=CompoundFactory(community=community), name="9号楼")

    with pytest.raises(ValidationError) as error:
        gas_building_plan_save(
            user=street_official, plan=GasBuildingPlan(compound_plan=plan, building=stranger, stage_reached_on=START)
        )
    assert "building" in error.value.message_dict
