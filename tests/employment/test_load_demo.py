"""After `load_demo` and `rollup` the API and the pages give the seeds' employment figures: 双辽市's targets
and achievements (3,411 new urban jobs = 162% of target …) and 双塔区's job stations, fairs and trainings."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from employment import demo
from employment.models import JobPosting, JobStation, MonthlyAchievement, Placement
from grids.models import Area, Level

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """load_demo and rollup once for the module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", "--no-official", stdout=out)
        connection.check_constraints()
        call_command("rollup", stdout=StringIO())
        yield out.getvalue()
        transaction.set_rollback(True)


def figures(client, code: str, period: str) -> dict[str, dict]:
    response = client.get("/api/v1/rollups/", {"area_code": code, "period": period, "page_size": 200})
    assert response.status_code == 200
    return {row["indicator"]: row for row in response.json()["results"] if row["indicator"].startswith("employment_")}


@pytest.mark.parametrize(
    ("indicator", "achieved", "percent"),
    [
        ("employment_new_urban_jobs", 3411, 162),
        ("employment_reemployed", 1246, 244),
        ("employment_difficulty_employed", 1133, 161),
        ("employment_trained", 3005, 103),
        ("employment_rural_transfer", 54751, 121),
    ],
)
def test_shuangliao_achieved_its_targets_as_the_seed_reports(demo_loaded, api_client, indicator, achieved, percent):
    assert Area.objects.get(code=demo.SHUANGLIAO).name == "双辽市"

    row = figures(api_client, demo.SHUANGLIAO, str(demo.SHUANGLIAO_YEAR))[indicator]

    assert row["value"] == achieved
    assert round(row["completion"] * 100) == percent
    assert row["completion"] == pytest.approx(row["value"] / row["target"])


def test_shuangliaos_year_is_the_sum_of_its_quarters(demo_loaded, api_client):
    quarters = [
        figures(api_client, demo.SHUANGLIAO, f"{demo.SHUANGLIAO_YEAR}-Q{q}").get("employment_new_urban_jobs")
        for q in (1, 2, 3, 4)
    ]

    assert sum(q["value"] for q in quarters if q) == 3411


def test_shuangta_has_20_demonstration_stations_in_35_percent_of_its_communities(demo_loaded, api_client):
    total = figures(api_client, demo.SHUANGTA, "total")

    assert total["employment_demonstration_stations"]["value"] == 20
    assert Area.objects.filter(district__code=demo.SHUANGTA, level=Level.COMMUNITY).count() == 57
    assert round(total["employment_demonstration_share"]["value"] * 100) == 35
    recognised = JobStation.objects.filter(provincially_recognised=True).values_list("community__name", flat=True)
    assert sorted(recognised) == sorted(["光明社区", "双兴社区", "光大社区"])


def test_shuangtas_year_in_the_seeds_figures(demo_loaded, api_client):
    year = figures(api_client, demo.SHUANGTA, str(demo.SHUANGTA_YEAR))

    assert year["employment_new_urban_jobs"]["value"] == 2699
    assert year["employment_reemployed"]["value"] == 2842
    assert (year["employment_fairs"]["value"], year["employment_fair_positions"]["value"]) == (9, 800)
    assert year["employment_fair_intents"]["value"] == 30
    assert year["employment_trainees"]["value"] == 428
    assert round(year["employment_training_stable_rate"]["value"] * 100) == 20
    assert (year["employment_startups"]["value"], year["employment_startup_jobs"]["value"]) == (15, 300)


def test_guangdas_station_published_1600_postings_in_the_year_and_placed_31(demo_loaded, api_client):
    guangda = Area.objects.get(name="光大社区", district__code=demo.SHUANGTA)
    year = figures(api_client, guangda.code, str(demo.SHUANGTA_YEAR))

    assert year["employment_postings"]["value"] == 1600
    assert year["employment_positions"]["value"] == 1600
    assert year["employment_placements"]["value"] == 31
    station = JobStation.objects.get(community=guangda)
    assert station.has_gig_corner and station.has_livestream


def test_every_generated_record_says_so_and_generated_people_have_no_id_digits(demo_loaded):
    assert not JobPosting.objects.filter(is_generated=False).exists()
    assert not MonthlyAchievement.objects.filter(is_generated=False).exists()
    assert not Placement.objects.exclude(id_tail="").exists()
    assert JobStation.objects.filter(is_generated=False).count() == 3


def test_a_second_load_changes_nothing(demo_loaded):
    out = StringIO()
    call_command("load_demo", "--no-official", stdout=out)

    assert "示例数据已是最新，未作任何更改" in out.getvalue()


def test_the_employment_page_of_shuangliao_shows_targets_against_achievement(demo_loaded, client):
    response = client.get(f"/employment/areas/{demo.SHUANGLIAO}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "162%" in html and "244%" in html and "161%" in html and "103%" in html and "121%" in html
    assert "江西街道" in html
    assert "<svg" in html
