"""Readiness and rates are derived from the buildings, never typed: a compound is ready for gas when all its
buildings have passed inspection; a campaign's readiness and connection rates are sums over its buildings."""

import datetime as dt

import pytest

from projects.models import GasCompoundPlan, GasStage
from projects.selectors.gas import board, campaigns
from rollups.engine import run_rollup
from rollups.models import IndicatorValue, PeriodType
from tests.factories import BuildingFactory, CompoundFactory
from tests.projects.factories_gas import GasBuildingPlanFactory, GasCampaignFactory, GasCompoundPlanFactory


@pytest.fixture
def campaign(district):
    return GasCampaignFactory(district=district, name="高层住宅燃气开通")


def compound_with(campaign, community, stages, households=60, name=None):
    extra = {"name": name} if name else {}
    compound = CompoundFactory(community=community, households=households * max(len(stages), 1), **extra)
    plan = GasCompoundPlanFactory(campaign=campaign, compound=compound)
    for n, stage in enumerate(stages, start=1):
        building = BuildingFactory(compound=compound, name=f"{n}号楼", households=households)
        GasBuildingPlanFactory(compound_plan=plan, building=building, stage=stage)
    return plan


def ready_names():
    return sorted(GasCompoundPlan.objects.ready().values_list("compound__name", flat=True))


def test_a_compound_is_ready_when_all_its_buildings_passed_inspection(campaign, community):
    compound_with(campaign, community, [GasStage.INSPECTION, GasStage.GAS_ON], name="鼎盛公寓")
    compound_with(campaign, community, [GasStage.INSPECTION, GasStage.CONSTRUCTION], name="盛景园")
    compound_with(campaign, community, [], name="翠湖小区")

    assert ready_names() == ["鼎盛公寓"]
    figures = {p.compound.name: p.is_ready for p in GasCompoundPlan.objects.with_figures()}
    assert figures == {"鼎盛公寓": True, "盛景园": False, "翠湖小区": False}


def test_readiness_follows_the_last_building_through_inspection(campaign, community):
    plan = compound_with(campaign, community, [GasStage.INDOOR_INSTALLATION, GasStage.CONSTRUCTION])
    assert ready_names() == []

    plan.building_plans.filter(stage=GasStage.CONSTRUCTION).update(stage=GasStage.INSPECTION)

    assert ready_names() == [plan.compound.name]


def test_campaign_rates_are_sums_over_its_buildings(campaign, community, other_community):
    # 3 buildings of 60 on gas = 180 connected; a compound of 1 building of 300 at inspection.
    compound_with(campaign, community, [GasStage.GAS_ON] * 3)
    compound_with(campaign, other_community, [GasStage.INSPECTION], households=300)
    compound_with(campaign, other_community, [GasStage.SURVEYED], households=40)

    (row,) = campaigns()
    assert (row.n_compounds, row.n_ready, row.n_buildings, row.n_households, row.n_connected) == (3, 2, 5, 520, 180)

    totals = board(campaign, today=dt.date(2025, 6, 1)).totals
    assert totals.readiness_rate == pytest.approx(2 / 3)
    assert totals.connection_rate == pytest.approx(180 / 520)  # not the average of 100%, 0% and 0%


def test_the_campaign_api_shows_the_derived_figures(client, campaign, community):
    compound_with(campaign, community, [GasStage.GAS_ON, GasStage.PRESSURE_TEST])

    data = client.get(f"/api/v1/gas-campaigns/{campaign.pk}/").json()

    assert (data["compounds"], data["compounds_ready"], data["households"], data["households_connected"]) == (
        1,
        1,
        120,
        60,
    )
    assert (data["readiness_rate"], data["connection_rate"]) == (1.0, 0.5)


def test_the_roll_ups_add_readiness_and_connections_up_the_hierarchy(campaign, district, community, other_community):
    compound_with(campaign, community, [GasStage.GAS_ON, GasStage.INSPECTION])
    compound_with(campaign, other_community, [GasStage.CONSTRUCTION], households=100)

    run_rollup()

    values = {
        v.indicator: v
        for v in IndicatorValue.objects.filter(
            area=district, period_type=PeriodType.TOTAL, indicator__startswith="gas_"
        )
    }
    assert values["gas_compounds"].value == 2
    assert values["gas_compounds_ready"].value == 1
    assert (values["gas_readiness_rate"].numerator, values["gas_readiness_rate"].denominator) == (1, 2)
    assert values["gas_households"].value == 220
    assert values["gas_households_connected"].value == 60
    assert values["gas_connection_rate"].value == pytest.approx(60 / 220)
    assert values["gas_buildings_inspection"].value == 1
    assert values["gas_buildings_construction"].value == 1
    assert values["gas_buildings_ready"].value == 2
    street_values = IndicatorValue.objects.filter(
        indicator="gas_compounds", period_type=PeriodType.TOTAL, area__in=[community.parent, other_community.parent]
    )
    assert sorted(v.value for v in street_values) == [1, 1]
