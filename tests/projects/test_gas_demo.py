"""After `load_demo` and `rollup`, Shuangta's gas campaign shows what seed 000 reports: 15 compounds, 10,216
households, 100% ready for gas, 鼎盛公寓's 362 households connected; in the API, on the board and in the roll-ups.
A second run changes nothing."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from grids import demo
from projects.models import GasBuildingPlan, GasCampaign, GasCompoundPlan, GasStage, GasStageEvent
from rollups.models import IndicatorValue, PeriodType

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """load_demo and rollup once for the module, in a transaction rolled back at the end (as tests/grids does)."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", stdout=out)
        connection.check_constraints()
        call_command("rollup", stdout=StringIO())
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def campaign(demo_output):
    return GasCampaign.objects.get(district__code=demo.SHUANGTA)


def test_the_campaign_api_shows_15_compounds_10216_households_all_ready(client, campaign):
    data = client.get(f"/api/v1/gas-campaigns/{campaign.pk}/").json()

    assert (data["compounds"], data["households"], data["compounds_ready"], data["readiness_rate"]) == (
        15,
        10216,
        15,
        1.0,
    )
    assert data["deadline"] == "2025-12-31"
    assert data["district"]["name"] == "双塔区"


def test_the_campaign_holds_the_demo_plans_fifteen_compounds(campaign):
    planned = set(demo.demo_compounds(demo.build_plan().gas_campaign).values_list("pk", flat=True))

    assert set(GasCompoundPlan.objects.filter(campaign=campaign).values_list("compound_id", flat=True)) == planned


def test_the_board_shows_every_compound_ready_and_a_cell_per_building(client, campaign):
    response = client.get(f"/gas/{campaign.pk}/")

    board = response.context["board"]
    assert (board.totals.compounds, board.totals.households, board.totals.compounds_ready) == (15, 10216, 15)
    assert board.totals.readiness_rate == 1.0
    page = response.content.decode()
    assert re.search(r'data-figure="households">10,?216<', page)
    assert 'data-figure="readiness_rate">100%<' in page
    assert page.count("data-building-plan=") == GasBuildingPlan.objects.count() == board.totals.buildings
    json = client.get(f"/api/v1/gas-campaigns/{campaign.pk}/board/").json()
    assert (json["totals"]["compounds"], json["totals"]["households"], json["totals"]["readiness_rate"]) == (
        15,
        10216,
        1.0,
    )


def test_dingsheng_apartments_362_households_are_connected_and_the_rest_are_in_later_stages(campaign):
    dingsheng = GasCompoundPlan.objects.with_figures().get(campaign=campaign, compound__name="鼎盛公寓")
    assert (dingsheng.plan_households, dingsheng.households_connected, dingsheng.is_ready) == (362, 362, True)
    assert set(dingsheng.building_plans.values_list("stage", flat=True)) == {GasStage.GAS_ON}

    others = GasBuildingPlan.objects.filter(compound_plan__campaign=campaign).exclude(compound_plan=dingsheng)
    assert set(others.values_list("stage", flat=True)) == {
        GasStage.INSPECTION,
        GasStage.INDOOR_INSTALLATION,
        GasStage.PRESSURE_TEST,
        GasStage.GAS_ON,
    }
    assert not others.filter(stage=GasStage.GAS_ON, households_connected=0).exists()


def test_every_demo_building_has_its_way_through_the_stages_as_events(campaign):
    for plan in GasBuildingPlan.objects.filter(compound_plan__campaign=campaign)[:20]:
        events = list(plan.events.order_by("reached_on").values_list("to_stage", "reached_on"))
        assert [stage for stage, _ in events] == list(range(1, plan.stage + 1))
        assert events[-1][1] == plan.stage_reached_on
        assert all(day <= dt.date(2025, 11, 1) for _, day in events)


def test_the_roll_ups_show_the_district_figures(client, campaign):
    shuangta = campaign.district
    values = {
        v.indicator: v
        for v in IndicatorValue.objects.filter(
            area=shuangta, period_type=PeriodType.TOTAL, indicator__startswith="gas_"
        )
    }
    assert values["gas_compounds"].value == 15
    assert values["gas_compounds_ready"].value == 15
    assert values["gas_households"].value == 10216
    assert values["gas_readiness_rate"].value == 1.0

    api = client.get("/api/v1/rollups/", {"indicator": "gas_households", "area": shuangta.pk, "period": "total"})
    assert [row["value"] for row in api.json()["results"]] == [10216]


def test_the_command_reports_the_campaign(demo_output):
    assert "双塔区高层住宅燃气开通攻坚：小区 15 个（具备通气条件 15 个）" in demo_output
    assert "10216 户" in demo_output


def test_a_second_run_changes_nothing(campaign):
    before = (
        list(GasBuildingPlan.objects.order_by("pk").values_list("pk", "stage", "version", "households_connected")),
        GasStageEvent.objects.count(),
        GasCompoundPlan.history.count(),
    )
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert "未作任何更改" in out.getvalue()
    after = (
        list(GasBuildingPlan.objects.order_by("pk").values_list("pk", "stage", "version", "households_connected")),
        GasStageEvent.objects.count(),
        GasCompoundPlan.history.count(),
    )
    assert after == before
