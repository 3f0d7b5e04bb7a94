"""The services' figures roll up: a quarter's meals are the sum of its months, a street's the sum of its
communities', and a community served by two canteens is counted once."""

import datetime as dt

import pytest
import time_machine

from rollups.engine import run_rollup
from rollups.models import IndicatorValue, PeriodType
from services.actions import canteen_month_correct
from services.models import CanteenStatus
from tests.factories import CommunityFactory
from tests.services.factories import (
    CanteenFactory,
    CanteenMonthFactory,
    VolunteerHoursFactory,
    VolunteerTeamFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 5, 15)


def value(area, code, period_type, start):
    row = IndicatorValue.objects.filter(area=area, indicator=code, period_type=period_type, period_start=start).first()
    return row.value if row else None


def rollup(*codes):
    with time_machine.travel(dt.datetime(2025, 5, 15, 12, tzinfo=dt.UTC)):
        run_rollup(codes=list(codes), today=TODAY)


@pytest.fixture
def meals(community, other_community):
    first = CanteenFactory(community=community, opened_on=dt.date(2024, 1, 1))
    second = CanteenFactory(community=other_community, opened_on=dt.date(2024, 1, 1))
    for month, served in ((1, 3000), (2, 2800), (3, 3100), (4, 2950)):
        CanteenMonthFactory(canteen=first, month=dt.date(2025, month, 1), meals_served=served, seniors_served=800)
    for month, served in ((1, 1000), (3, 1200)):
        CanteenMonthFactory(canteen=second, month=dt.date(2025, month, 1), meals_served=served, seniors_served=300)
    rollup("canteen_meals")
    return first, second


def test_meals_served_in_a_quarter_are_the_sum_of_its_months(meals, community):
    months = [value(community, "canteen_meals", PeriodType.MONTH, dt.date(2025, m, 1)) for m in (1, 2, 3)]

    assert months == [3000, 2800, 3100]
    assert value(community, "canteen_meals", PeriodType.QUARTER, dt.date(2025, 1, 1)) == 8900 == sum(months)
    assert value(community, "canteen_meals", PeriodType.QUARTER, dt.date(2025, 4, 1)) == 2950
    assert value(community, "canteen_meals", PeriodType.YEAR, dt.date(2025, 1, 1)) == 11850


def test_a_districts_meals_are_the_sum_of_its_streets(meals, district, street, other_street):
    q1 = dt.date(2025, 1, 1)

    assert value(street, "canteen_meals", PeriodType.QUARTER, q1) == 8900
    assert value(other_street, "canteen_meals", PeriodType.QUARTER, q1) == 2200
    assert value(district, "canteen_meals", PeriodType.QUARTER, q1) == 11100


def test_a_correction_changes_the_quarter_by_the_corrected_amount(meals, community, superuser):
    first, _ = meals
    february = first.months.get(month=dt.date(2025, 2, 1))
    february.meals_served = 2900

    canteen_month_correct(user=superuser, figure=february, reason="漏记两天")
    rollup("canteen_meals")

    assert value(community, "canteen_meals", PeriodType.QUARTER, dt.date(2025, 1, 1)) == 9000


def test_a_community_with_two_canteens_is_covered_once(district, street, community, other_community):
    neighbour = CommunityFactory(parent=street, name="龙华社区")
    CommunityFactory(parent=street, name="新建社区")  # no canteen, not served
    CanteenFactory(community=community, name="光大幸福餐厅").serves.add(neighbour)
    CanteenFactory(community=community, name="光大爱心食堂")
    CanteenFactory(community=neighbour, name="龙华食堂")  # neighbour: its own canteen and a served one
    CanteenFactory(
        community=other_community, status=CanteenStatus.CLOSED, opened_on=dt.date(2024, 1, 1), closed_on=TODAY
    )

    rollup("canteen_communities_covered", "canteens_open")

    now = dt.date(2025, 5, 1)
    assert value(community, "canteen_communities_covered", PeriodType.MONTH, now) == 1
    assert value(neighbour, "canteen_communities_covered", PeriodType.MONTH, now) == 1
    assert value(street, "canteen_communities_covered", PeriodType.MONTH, now) == 2
    # a closed canteen covers nobody
    assert value(district, "canteen_communities_covered", PeriodType.MONTH, now) == 2
    assert value(street, "canteens_open", PeriodType.MONTH, now) == 3
    assert value(district, "canteens_open", PeriodType.MONTH, now) == 3


def test_a_canteen_counts_from_its_opening_month_until_it_closes(community):
    CanteenFactory(
        community=community,
        opened_on=dt.date(2025, 1, 10),
        status=CanteenStatus.CLOSED,
        closed_on=dt.date(2025, 3, 20),
        seats=60,
    )
    CanteenFactory(community=community, opened_on=dt.date(2025, 2, 1), seats=40)

    rollup("canteens_open", "canteen_seats")

    open_by_month = [value(community, "canteens_open", PeriodType.MONTH, dt.date(2025, m, 1)) for m in (1, 2, 3, 4)]
    assert open_by_month == [1, 2, 1, 1]
    assert value(community, "canteen_seats", PeriodType.MONTH, dt.date(2025, 2, 1)) == 100
    # a stock's quarter is its last month, not the sum
    assert value(community, "canteens_open", PeriodType.QUARTER, dt.date(2025, 1, 1)) == 1


def test_volunteer_hours_of_a_year_are_the_sum_of_its_months(community):
    team = VolunteerTeamFactory(community=community, volunteers=63)
    for month in range(1, 5):
        VolunteerHoursFactory(team=team, month=dt.date(2025, month, 1), hours=25)

    rollup("volunteer_hours", "volunteers")

    assert value(community, "volunteer_hours", PeriodType.QUARTER, dt.date(2025, 1, 1)) == 75
    assert value(community, "volunteer_hours", PeriodType.YEAR, dt.date(2025, 1, 1)) == 100
    assert value(community, "volunteers", PeriodType.MONTH, dt.date(2025, 5, 1)) == 63
