"""Flows sum over the months of a period; stocks take the state at the period's end."""

import datetime as dt

import pytest
import time_machine
from django.db.models import Sum

from grids.models import Compound
from rollups.engine import run_rollup
from rollups.models import IndicatorValue, PeriodType
from rollups.registry import Indicator, Kind, Over
from tests.factories import CompoundFactory

pytestmark = pytest.mark.django_db

# Ledger entries dated by when they were recorded: the compound's creation in its change history.
FLOW = Indicator(
    code="test_compounds_registered",
    name_zh="新登记小区",
    name_en="Compounds registered",
    unit="个",
    kind=Kind.COUNT,
    over_time=Over.FLOW,
    rows=lambda: Compound.history.filter(history_type="+"),
    date_field="history_date",
)
STOCK = Indicator(
    code="test_households_registered",
    name_zh="已登记户数",
    name_en="Households registered",
    unit="户",
    kind=Kind.SUM,
    over_time=Over.STOCK,
    rows=lambda: Compound.history.filter(history_type="+"),
    value=Sum("households"),
    date_field="history_date",
)


@pytest.fixture
def registered(community, temporary_indicators):
    temporary_indicators(FLOW, STOCK)
    for day, households in (
        (dt.date(2026, 1, 10), 100),
        (dt.date(2026, 2, 10), 200),
        (dt.date(2026, 2, 20), 50),
        (dt.date(2026, 3, 5), 400),
        (dt.date(2026, 4, 1), 1000),
    ):
        with time_machine.travel(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)):
            CompoundFactory(community=community, households=households)
    with time_machine.travel(dt.datetime(2026, 5, 15, 12, tzinfo=dt.UTC)):
        run_rollup(codes=[FLOW.code, STOCK.code], today=dt.date(2026, 5, 15))
    return community


def value(area, code, period_type, start):
    row = IndicatorValue.objects.filter(area=area, indicator=code, period_type=period_type, period_start=start).first()
    return row.value if row else None


def test_a_flow_for_a_quarter_is_the_sum_of_its_months(registered):
    months = [value(registered, FLOW.code, PeriodType.MONTH, dt.date(2026, m, 1)) for m in (1, 2, 3)]

    assert months == [1, 2, 1]
    assert value(registered, FLOW.code, PeriodType.QUARTER, dt.date(2026, 1, 1)) == 4
    assert value(registered, FLOW.code, PeriodType.QUARTER, dt.date(2026, 4, 1)) == 1
    assert value(registered, FLOW.code, PeriodType.YEAR, dt.date(2026, 1, 1)) == 5


def test_a_stock_for_a_quarter_is_its_last_month_not_the_sum(registered):
    months = [value(registered, STOCK.code, PeriodType.MONTH, dt.date(2026, m, 1)) for m in (1, 2, 3)]

    assert months == [100, 350, 750]
    assert value(registered, STOCK.code, PeriodType.QUARTER, dt.date(2026, 1, 1)) == 750
    assert value(registered, STOCK.code, PeriodType.QUARTER, dt.date(2026, 1, 1)) != sum(months)
    # a month without changes still has its state
    assert value(registered, STOCK.code, PeriodType.MONTH, dt.date(2026, 5, 1)) == 1750
    assert value(registered, STOCK.code, PeriodType.TOTAL, dt.date(1, 1, 1)) == 1750


def test_the_street_gets_the_same_periods_as_its_community(registered):
    street = registered.parent

    assert value(street, FLOW.code, PeriodType.QUARTER, dt.date(2026, 1, 1)) == 4
    assert value(street, STOCK.code, PeriodType.QUARTER, dt.date(2026, 1, 1)) == 750


def test_a_correction_to_a_closed_month_is_flagged_not_silent(registered):
    compound = Compound.objects.get(households=200)
    historical = Compound.history.get(id=compound.pk, history_type="+")
    historical.households = 250
    historical.save()

    with time_machine.travel(dt.datetime(2026, 5, 16, 12, tzinfo=dt.UTC)):
        run_rollup(codes=[STOCK.code], today=dt.date(2026, 5, 16))

    february = IndicatorValue.objects.get(
        area=registered, indicator=STOCK.code, period_type=PeriodType.MONTH, period_start=dt.date(2026, 2, 1)
    )
    assert february.value == 400
    assert february.revised_after_close
