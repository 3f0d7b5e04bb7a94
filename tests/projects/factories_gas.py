"""factory_boy factories of gas-connection campaigns. Rows are written directly (no stage events): tests of the
stage rules go through projects.actions.gas; `building_plan_at` records a plan's way to a stage as events."""

import datetime as dt

import factory

from projects.actions.gas import gas_building_plan_save, gas_building_stage_change
from projects.models import GasBlocker, GasBuildingPlan, GasCampaign, GasCompoundPlan, GasStage
from tests.factories import BuildingFactory, CompoundFactory, DistrictFactory

START = dt.date(2025, 3, 1)


class GasCampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GasCampaign

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"高层住宅燃气开通攻坚{n}")
    started_on = START
    deadline = dt.date(2025, 12, 31)


class GasCompoundPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GasCompoundPlan

    campaign = factory.SubFactory(GasCampaignFactory)
    compound = factory.SubFactory(
        CompoundFactory, community__parent__parent=factory.SelfAttribute("...campaign.district")
    )
    cause_developer_arrears = True
    gas_company = "朝阳燃气"
    inspection_body = "市特检院"


class GasBuildingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GasBuildingPlan

    compound_plan = factory.SubFactory(GasCompoundPlanFactory)
    building = factory.SubFactory(BuildingFactory, compound=factory.SelfAttribute("..compound_plan.compound"))
    stage = GasStage.SURVEYED
    stage_reached_on = START
    households_connected = factory.LazyAttribute(lambda o: o.building.households if o.stage == GasStage.GAS_ON else 0)


class GasBlockerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GasBlocker

    compound_plan = factory.SubFactory(GasCompoundPlanFactory)
    description = factory.Sequence(lambda n: f"住户未同意入户安装{n}")
    responsible_unit = "社区"
    raised_on = dt.date(2025, 9, 1)


def building_plan_at(user, compound_plan, building, stage: int, start: dt.date = START) -> GasBuildingPlan:
    """A building's plan brought to `stage` one step at a time through the actions (an event per stage, a week
    apart)."""
    plan = gas_building_plan_save(
        user=user,
        plan=GasBuildingPlan(compound_plan=compound_plan, building=building, stage_reached_on=start),
    )
    for step in range(GasStage.SURVEYED + 1, stage + 1):
        plan = gas_building_stage_change(
            user=user, plan=plan, stage=step, reached_on=start + dt.timedelta(days=7 * (step - 1))
        )
    return plan
