"""The demo's services carry the seeds' figures, roll up to them, and a second load changes nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Sum

from grids.models import Area
from rollups.models import IndicatorValue, PeriodType
from services import demo
from services.models import Canteen, CanteenKind, CanteenMonth, Facility, FacilityKind, VolunteerHours, VolunteerTeam

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """load_demo and a roll-up once for the module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--no-official", stdout=StringIO())
        call_command("rollup", stdout=StringIO())
        connection.check_constraints()
        yield
        transaction.set_rollback(True)


def figure(area_name, code, period_type=PeriodType.YEAR, start=dt.date(2025, 1, 1), **area):
    row = IndicatorValue.objects.get(
        area=Area.objects.get(name=area_name, **area), indicator=code, period_type=period_type, period_start=start
    )
    return row.value


def now_figure(area_name, code, **area):
    row = IndicatorValue.objects.filter(
        area=Area.objects.get(name=area_name, **area), indicator=code, period_type=PeriodType.TOTAL
    ).get()
    return row.value


def test_guangda_has_a_739_m2_study_room_with_11000_books(loaded, api_client):
    guangda = Area.objects.get(name="光大社区")
    body = api_client.get("/api/v1/facilities/", {"community": guangda.pk, "kind": "study_room"}).json()

    [room] = body["results"]
    assert (room["name"], room["floor_area"], room["books"]) == ("光大社区城市书房", "739.0", 11000)
    assert now_figure("光大社区", "study_room_books") == 11000
    assert Facility.objects.filter(community=guangda, kind=FacilityKind.AFTER_SCHOOL).exists()


def test_guangda_has_10_volunteer_teams_with_631_volunteers_serving_3000_hours_a_year(loaded):
    teams = VolunteerTeam.objects.filter(community__name="光大社区")

    assert teams.count() == 10
    assert {"跑得快", "百事帮"} <= set(teams.values_list("name", flat=True))
    assert teams.aggregate(n=Sum("volunteers"))["n"] == 631
    assert VolunteerHours.objects.filter(team__in=teams, month__year=2025).aggregate(h=Sum("hours"))["h"] == 3000
    assert figure("光大社区", "volunteer_hours") == 3000
    assert figure("龙山街道", "volunteer_hours") == 3000
    assert now_figure("双塔区", "volunteers") == 631
    assert now_figure("双塔区", "volunteer_teams") == 10


def test_wenyuans_happy_canteen_seats_60_and_serves_800_seniors(loaded, api_client):
    canteen = Canteen.objects.get(name="文源社区幸福餐厅")

    assert (canteen.seats, canteen.registered_seniors, canteen.delivers) == (60, 800, True)
    assert canteen.street.name == "水泊寺街道"
    assert not canteen.is_generated
    body = api_client.get(f"/api/v1/canteens/{canteen.pk}/").json()
    assert body["seats"] == 60 and body["delivers"] is True
    assert {p["group"] for p in body["prices"]} >= {"standard", "senior", "subsistence", "disabled"}


def test_shuangliao_has_24_canteens_12_run_by_streets_and_12_by_townships(loaded):
    canteens = Canteen.objects.filter(district__name="双辽市")

    assert canteens.count() == 24
    assert canteens.filter(kind=CanteenKind.STREET).count() == 12
    assert canteens.filter(kind=CanteenKind.TOWNSHIP, street__kind="township").count() == 12
    assert now_figure("双辽市", "canteens_open") == 24


def test_longgangs_three_canteens_served_about_110000_meals_in_2023(loaded):
    assert Canteen.objects.filter(street__name="龙港镇").count() == 3
    assert figure("龙港镇", "canteen_meals", start=dt.date(2023, 1, 1)) == 110000
    assert figure("沁水县", "canteen_meals", start=dt.date(2023, 1, 1)) == 110000


def test_shuangta_has_canteens_in_every_street_and_counts_each_covered_community_once(loaded):
    canteens = Canteen.objects.filter(district__code="211302")

    assert set(canteens.values_list("street__name", flat=True)) == set(
        Area.objects.filter(parent__code="211302").values_list("name", flat=True)
    )
    assert canteens.filter(kind=CanteenKind.STREET, seats=60, registered_seniors=800).count() == 9
    homes = set(canteens.values_list("community_id", flat=True))
    served = set(canteens.values_list("serves", flat=True)) - {None}
    assert homes & served  # communities with a canteen of their own and a served one
    assert now_figure("双塔区", "canteen_communities_covered") == len(homes | served) == 27
    assert now_figure("双塔区", "canteens_open") == 18


def test_a_quarter_of_the_demos_meals_is_the_sum_of_its_months(loaded):
    months = [figure("双塔区", "canteen_meals", PeriodType.MONTH, dt.date(2025, m, 1)) for m in (1, 2, 3)]
    assert figure("双塔区", "canteen_meals", PeriodType.QUARTER, dt.date(2025, 1, 1)) == sum(months)
    stored = CanteenMonth.objects.filter(district__code="211302", month__year=2025, month__month__lte=3)
    assert sum(months) == stored.aggregate(m=Sum("meals_served"))["m"]


def test_generated_canteens_say_so(loaded):
    generated = Canteen.objects.filter(is_generated=True)

    assert generated.count() == 45
    assert all(name.endswith("（示例）") for name in generated.values_list("name", flat=True))
    assert set(Canteen.objects.filter(is_generated=False).values_list("name", flat=True)) == {
        "文源社区幸福餐厅",
        "路通苑小区幸福餐厅",
    }


def test_the_community_page_of_guangda_shows_its_services(loaded, client):
    html = client.get(f"/areas/{Area.objects.get(name='光大社区').code}/").content.decode()

    for text in ("光大社区城市书房", "11000", "跑得快", "631", "2025年服务", "3000", "龙山街道幸福餐厅（示例）"):
        assert text in html, text


def test_a_second_load_changes_nothing(loaded):
    assert demo.load_demo().changed == 0
