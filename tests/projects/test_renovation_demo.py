"""After `load_demo` and `rollup`, Shuangta's 2025 renovation is what seed 000 says: 11 compounds, 397,000 m² and
5,753 households, in the roll-up API, the projects API and on the district page; a second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.utils import translation

from grids.models import Area
from projects.models import RenovationEntry, RenovationProject, RenovationStatus, RenovationWorkItem

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """load_demo and rollup once for the module, inside a transaction rolled back at the end (as
    tests/grids/test_load_demo.py does); each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", stdout=out)
        connection.check_constraints()
        call_command("rollup", stdout=StringIO())
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def shuangta(demo_loaded):
    return Area.objects.get(code="211302")


def test_the_rollup_api_gives_shuangtas_2025_figures_of_seed_000(client, shuangta):
    response = client.get(
        "/api/v1/rollups/",
        {
            "area_code": "211302",
            "period": "2025",
            "indicator": "renovation_area_planned,renovation_households,renovation_projects_planned",
        },
    )

    assert response.status_code == 200
    values = {row["indicator"]: row["value"] for row in response.json()["results"]}
    assert values == {
        "renovation_area_planned": 397000,
        "renovation_households": 5753,
        "renovation_projects_planned": 11,
    }


def test_the_four_streets_of_the_plan_add_up_to_the_district(client, shuangta):
    response = client.get(
        "/api/v1/rollups/",
        {"parent": shuangta.pk, "period": "2025", "indicator": "renovation_households", "page_size": 50},
    )

    by_street = {row["area"]["name"]: row["value"] for row in response.json()["results"]}
    assert set(by_street) == {"红旗街道", "前进街道", "光明街道", "双塔街道"}
    assert sum(by_street.values()) == 5753


def test_the_projects_api_adds_up_to_the_same_figures(client, shuangta):
    totals = client.get("/api/v1/renovation-projects/totals/", {"area": shuangta.pk, "year": 2025}).json()
    listed = client.get("/api/v1/renovation-projects/", {"area": shuangta.pk, "year": 2025}).json()

    assert (totals["projects"], float(totals["floor_area"]), totals["households"]) == (11, 397000, 5753)
    assert listed["count"] == 11
    assert sum(float(p["floor_area"]) for p in listed["results"]) == 397000
    assert sum(p["households"] for p in listed["results"]) == 5753


def test_the_district_page_shows_397000_m2_and_5753_households_for_2025(client, shuangta):
    html = client.get("/areas/211302/").content.decode()

    section = html[html.index('id="renovation"') :]
    year = section[section.index('data-year="2025"') :]
    assert 'data-indicator="renovation_area_planned" data-value="397000">397000<' in year
    assert 'data-indicator="renovation_households" data-value="5753">5753<' in year
    assert "5 / 11" in year  # completed of the plan year / planned


def test_in_english_the_district_page_groups_the_thousands(client, shuangta):
    with translation.override("zh-hans"):  # the requests switch this thread's language; put it back afterwards
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        html = client.get("/areas/211302/").content.decode()

    year = html[html.index('data-year="2025"') :]
    assert ">397,000<" in year and ">5,753<" in year


def test_the_seeds_compounds_have_their_projects_and_progress(shuangta):
    laocheng = RenovationProject.objects.with_progress().get(compounds__name="老城小区", plan_year=2025)
    items = {i.kind: i.percent for i in laocheng.work_items.all()}
    # "污水、供暖地下管网已铺设完成，现在正在铺设电力、通讯管网"
    assert items["drainage"] == items["heating"] == 100
    assert 0 < items["power"] < 100 and 0 < items["telecom"] < 100
    assert laocheng.status == RenovationStatus.IN_PROGRESS and 0 < laocheng.progress < 100

    bonan = RenovationProject.objects.get(compounds__name="博南小区", plan_year=2025)
    assert bonan.status == RenovationStatus.COMPLETED
    assert not bonan.work_items.exclude(percent=100).exists()

    yinhe = RenovationProject.objects.get(compounds__name="银河小区")
    assert (yinhe.plan_year, yinhe.building_count, yinhe.households, yinhe.floor_area) == (2021, 27, 1582, 128000)
    assert yinhe.builder == "双塔区住房和城乡建设局"
    assert str(yinhe.start_date) == "2021-06-26"


def test_every_demo_report_entry_follows_the_rules(shuangta):
    assert RenovationEntry.objects.exists()
    # Entries only rise (the demo never needs a reason) and each item shows its latest entry.
    assert not RenovationEntry.objects.filter(percent__lt=F("previous_percent")).exists()
    for item in RenovationWorkItem.objects.filter(entries__isnull=False).distinct()[:30]:
        latest = item.entries.order_by("-report__reported_on").first()
        assert item.percent == latest.percent


def test_a_second_load_demo_changes_nothing(shuangta):
    before = (RenovationProject.history.count(), RenovationWorkItem.history.count(), RenovationEntry.objects.count())
    out = StringIO()
    with translation.override("zh-hans"):
        call_command("load_demo", stdout=out)

    assert "示例数据已是最新，未作任何更改。" in out.getvalue()
    assert (RenovationProject.history.count(), RenovationWorkItem.history.count(), RenovationEntry.objects.count()) == (
        before
    )


def test_load_demo_says_what_it_loaded(demo_loaded):
    assert "双塔区 2025 年老旧小区改造：项目 11 个，改造面积 397000 ㎡，受益 5753 户" in demo_loaded
