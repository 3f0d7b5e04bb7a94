"""Rules of single records, whichever way they arrive (action or API): an ID tail typed with a lowercase x is
stored with a capital X, and a month not yet reached cannot be reported (it would inflate completion)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from rest_framework.authtoken.models import Token

from employment.actions import achievement_save, placement_save
from employment.models import MonthlyAchievement, Placement, TargetCategory
from tests.employment.factories import JobStationFactory

pytestmark = pytest.mark.django_db

MID_JUNE_2025 = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)


@pytest.fixture
def official_client(api_client, street_official):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=street_official).key}")
    return api_client


def test_an_id_tail_with_a_lowercase_x_is_stored_with_a_capital_x(street_official, community):
    placement = Placement(
        station=JobStationFactory(community=community),
        person_name="赵秀英",
        id_tail="123x",
        employer="朝阳家政服务有限公司",
        placed_on=dt.date(2025, 3, 20),
    )

    placement_save(user=street_official, placement=placement)

    assert Placement.objects.get().id_tail == "123X"


def test_the_api_takes_an_id_tail_with_a_lowercase_x(official_client, community):
    station = JobStationFactory(community=community)

    response = official_client.post(
        "/api/v1/placements/",
        {
            "station": station.pk,
            "person_name": "赵秀英",
            "id_tail": "123x",
            "employer": "朝阳家政服务有限公司",
            "placed_on": "2025-03-20",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["id_tail"] == "123X"


def test_an_id_tail_that_is_not_four_digits_is_still_refused_naming_the_field(official_client, community):
    station = JobStationFactory(community=community)

    response = official_client.post(
        "/api/v1/placements/",
        {
            "station": station.pk,
            "person_name": "赵秀英",
            "id_tail": "12xx",
            "employer": "朝阳家政服务有限公司",
            "placed_on": "2025-03-20",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "id_tail" in response.json()
    assert not Placement.objects.exists()


@time_machine.travel(MID_JUNE_2025)
def test_the_current_month_may_be_reported_but_not_a_later_one(street_official, community):
    june = MonthlyAchievement(
        community=community, category=TargetCategory.NEW_URBAN_JOBS, month=dt.date(2025, 6, 30), achieved=100
    )
    achievement_save(user=street_official, achievement=june)

    july = MonthlyAchievement(
        community=community, category=TargetCategory.NEW_URBAN_JOBS, month=dt.date(2025, 7, 1), achieved=100
    )
    with pytest.raises(ValidationError) as refused:
        achievement_save(user=street_official, achievement=july)

    assert "2025年7月还没有到" in " ".join(refused.value.message_dict["month"])
    assert list(MonthlyAchievement.objects.values_list("month", flat=True)) == [dt.date(2025, 6, 1)]


@time_machine.travel(MID_JUNE_2025)
def test_reporting_a_month_not_yet_reached_through_the_api_is_a_400_naming_the_month(official_client, community):
    response = official_client.post(
        "/api/v1/employment-achievements/",
        {"community": community.pk, "category": TargetCategory.NEW_URBAN_JOBS, "month": "2025-12-01", "achieved": 900},
        format="json",
    )

    assert response.status_code == 400
    assert "month" in response.json()
    assert not MonthlyAchievement.objects.exists()
