"""A stage changed with its date left as it was (the admin form, the compound plan's inline, a ledger row changing
only the stage) is reached today: the stored date is the previous stage's, not the new one's. A date given with the
change is kept, even the previous stage's."""

import datetime as dt

import pytest
import tablib
from django.utils import timezone

from projects.actions.gas import gas_building_stage_change
from projects.models import GasStage
from projects.resources.gas import GasBuildingPlanResource
from tests.factories import BuildingFactory
from tests.grids.test_admin_helpers import admin_form_data, change_url
from tests.grids.test_import_ledger import invalid_rows
from tests.projects.factories_gas import START, GasCompoundPlanFactory, building_plan_at

DESIGN_DAY = START + dt.timedelta(days=7)  # building_plan_at: a stage a week after the previous one


@pytest.fixture
def plan(community):
    return GasCompoundPlanFactory(campaign__district=community.district, compound__community=community)


@pytest.fixture
def bp(street_official, plan):
    building = BuildingFactory(compound=plan.compound, name="1号楼", households=60)
    return building_plan_at(street_official, plan, building, GasStage.DESIGN_APPROVED)


def last_event(bp):
    return bp.events.order_by("-pk").values_list("from_stage", "to_stage", "reached_on").first()


def test_changing_only_the_stage_on_the_building_plan_page_records_it_as_reached_today(client, street_official, bp):
    client.force_login(street_official)
    form = client.get(change_url(bp))

    response = client.post(change_url(bp), admin_form_data(form, stage=str(GasStage.CONSTRUCTION)))

    assert response.status_code == 302
    today = timezone.localdate()
    assert last_event(bp) == (GasStage.DESIGN_APPROVED, GasStage.CONSTRUCTION, today)
    bp.refresh_from_db()
    assert bp.stage_reached_on == today
    assert bp.events.get(to_stage=GasStage.DESIGN_APPROVED).reached_on == DESIGN_DAY


def test_changing_only_the_stage_inline_on_the_compound_plan_records_it_as_reached_today(
    client, street_official, plan, bp
):
    client.force_login(street_official)
    form = client.get(change_url(plan))

    response = client.post(
        change_url(plan), admin_form_data(form, **{"building_plans-0-stage": str(GasStage.CONSTRUCTION)})
    )

    assert response.status_code == 302
    assert last_event(bp) == (GasStage.DESIGN_APPROVED, GasStage.CONSTRUCTION, timezone.localdate())


def test_a_ledger_row_changing_only_the_stage_records_it_as_reached_today(street_official, bp):
    (row,) = GasBuildingPlanResource().export().dict
    assert row["阶段日期"] == DESIGN_DAY.isoformat()
    row["阶段"] = "施工"
    ledger = tablib.Dataset(list(row.values()), headers=list(row))

    result = GasBuildingPlanResource().import_data(ledger, user=street_official)

    assert not result.has_errors() and not result.has_validation_errors(), invalid_rows(result)
    assert last_event(bp) == (GasStage.DESIGN_APPROVED, GasStage.CONSTRUCTION, timezone.localdate())


def test_a_stage_change_given_the_previous_stages_date_keeps_it(street_official, bp):
    gas_building_stage_change(user=street_official, plan=bp, stage=GasStage.CONSTRUCTION, reached_on=DESIGN_DAY)

    assert last_event(bp) == (GasStage.DESIGN_APPROVED, GasStage.CONSTRUCTION, DESIGN_DAY)
