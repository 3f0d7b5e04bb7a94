"""A compound is ready for gas only when all of its buildings have passed inspection: a building left out of the
compound's plan keeps it not ready, in the figures, the API, the board and the roll-ups. The households in a
campaign are its compounds' households, planned buildings or not."""

import datetime as dt

import pytest

from projects.models import GasCompoundPlan, GasStage
from projects.selectors.gas import board, campaign_households, campaigns
from rollups.engine import run_rollup
from rollups.models import IndicatorValue, PeriodType
from tests.factories import BuildingFactory, CompoundFactory
from tests.projects.factories_gas import GasBuildingPlanFactory, GasCampaignFactory, GasCompoundPlanFactory


@pytest.fixture
def campaign(district):
    return GasCampaignFactory(district=district, name="高层住宅燃气开通")


@pytest.fixture
def half_planned(campaign, community):
    """盛景园: two buildings of 60 households, only 1号楼 planned (and past inspection); 2号楼 has no plan."""
    compound = CompoundFactory(community=community, name="盛景园", households=120)
    plan = GasCompoundPlanFactory(campaign=campaign, compound=compound)
    planned = BuildingFactory(compound=compound, name="1号楼", households=60)
    BuildingFactory(compound=compound, name="2号楼", households=60)
    GasBuildingPlanFactory(compound_plan=plan, building=planned, stage=GasStage.GAS_ON)
    return plan


@pytest.fixture
def fully_planned(campaign, other_community):
    compound = CompoundFactory(community=other_community, name="鼎盛公寓", households=80)
    plan = GasCompoundPlanFactory(campaign=campaign, compound=compound)
    GasBuildingPlanFactory(
        compound_plan=plan, building=BuildingFactory(compound=compound, households=80), stage=GasStage.INSPECTION
    )
    return plan


def test_a_compound_with_a_building_left_out_of_its_plan_is_not_ready(half_planned, fully_planned):
    figures = {p.compound.name: p for p in GasCompoundPlan.objects.with_figures()}

    assert sorted(GasCompoundPlan.objects.ready().values_list("compound__name", flat=True)) == ["鼎盛公寓"]
    assert (figures["盛景园"].is_ready, figures["盛景园"].n_buildings, figures["盛景园"].n_compound_buildings) == (
        False,
        1,
        2,
    )
    assert figures["鼎盛公寓"].is_ready


def test_planning_the_last_building_makes_it_ready(half_planned):
    GasBuildingPlanFactory(
        compound_plan=half_planned,
        building=half_planned.compound.buildings.get(name="2号楼"),
        stage=GasStage.INSPECTION,
    )

    assert GasCompoundPlan.objects.with_figures().get(pk=half_planned.pk).is_ready


def test_the_campaign_counts_the_compounds_households_not_only_the_planned_buildings(
    client, campaign, half_planned, fully_planned
):
    (row,) = campaigns()
    data = client.get(f"/api/v1/gas-campaigns/{campaign.pk}/").json()
    totals = board(campaign, today=dt.date(2025, 6, 1)).totals

    assert (row.n_ready, row.n_households, row.n_connected) == (1, 200, 60)
    assert (data["compounds_ready"], data["households"], data["connection_rate"]) == (1, 200, 0.3)
    assert (totals.compounds_ready, totals.households) == (1, 200)
    assert campaign_households(campaign)["households"] == 200
    plan = client.get(f"/api/v1/gas-compound-plans/{half_planned.pk}/").json()
    assert (plan["is_ready"], plan["households"], plan["households_connected"]) == (False, 120, 60)


def test_the_roll_ups_count_the_compound_as_not_ready_and_all_its_households(district, half_planned, fully_planned):
    run_rollup()

    values = {
        v.indicator: v
        for v in IndicatorValue.objects.filter(
            area=district, period_type=PeriodType.TOTAL, indicator__startswith="gas_"
        )
    }
    assert values["gas_compounds_ready"].value == 1
    assert (values["gas_readiness_rate"].numerator, values["gas_readiness_rate"].denominator) == (1, 2)
    assert values["gas_households"].value == 200
    assert (values["gas_connection_rate"].numerator, values["gas_connection_rate"].denominator) == (60, 200)
