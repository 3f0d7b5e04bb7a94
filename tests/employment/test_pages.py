"""The employment pages: a district's targets against achievement by street with a trend chart, job stations
near a resident's compound with their open postings, and the section on the area pages; each costs a fixed
number of queries."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from employment.actions import employment_target_set
from employment.indicators import INDICATORS
from employment.models import TargetCategory
from employment.selectors import area_section
from grids.actions import official_create
from rollups.engine import run_rollup
from rollups.models import IndicatorValue
from tests.employment.factories import (
    JobFairFactory,
    JobPostingFactory,
    JobStationFactory,
    MonthlyAchievementFactory,
    TrainingFactory,
)
from tests.factories import CommunityFactory, CompoundFactory, StreetFactory

pytestmark = pytest.mark.django_db

NEW_JOBS = TargetCategory.NEW_URBAN_JOBS.value


@pytest.fixture
def figures(district, street, other_street, community, other_community, superuser):
    """龙山街道 reports 300 new urban jobs a month January to June against 1,000 (180%); 红旗街道 100 a month
    against 1,200 (50%)."""
    for month in range(1, 7):
        MonthlyAchievementFactory(community=community, month=dt.date(2025, month, 1), achieved=300)
        MonthlyAchievementFactory(community=other_community, month=dt.date(2025, month, 1), achieved=100)
    official = official_create(username="shuangta", password="pass-1234", areas=[district])
    employment_target_set(user=official, area=street, category=NEW_JOBS, year=2025, value=1000)
    employment_target_set(user=official, area=other_street, category=NEW_JOBS, year=2025, value=1200)
    employment_target_set(user=superuser, area=district, category=NEW_JOBS, year=2025, value=2000)
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)):
        run_rollup(codes=[i.code for i in INDICATORS], today=dt.date(2026, 3, 1))
    return district


def test_the_district_page_shows_targets_against_achievement_ranked_by_street(client, figures):
    html = client.get(f"/employment/areas/{figures.code}/").content.decode()

    assert "2025年目标完成情况" in html
    assert "180%" in html and "50%" in html
    assert html.index("龙山街道") < html.index("红旗街道")  # ranked by completion, best first
    assert '<svg class="employment-trend' in html
    assert 'class="cumulative"' in html and 'class="target"' in html


def test_the_page_ranks_by_the_chosen_category_and_ignores_a_malformed_year(client, figures):
    response = client.get(f"/employment/areas/{figures.code}/", {"year": "20x5", "category": "nonsense"})

    assert response.status_code == 200
    assert response.context["year"] == 2025
    assert response.context["category"] == NEW_JOBS


def test_the_district_page_costs_a_fixed_number_of_queries(client, figures, django_assert_num_queries):
    # savepoint and release (ATOMIC_REQUESTS); area; years: figures, targets; summary: own figures,
    # children's figures; league; children; share; months; ancestors (breadcrumbs)
    with django_assert_num_queries(12):
        client.get(f"/employment/areas/{figures.code}/")


def test_stations_near_a_compound_list_its_own_community_first_with_open_postings(client, street, community):
    neighbour = CommunityFactory(parent=street, name="龙华社区")
    far = CommunityFactory(parent=StreetFactory(parent=street.parent, name="凌河街道"), name="凌河社区")
    own = JobStationFactory(community=community, name="光大社区“舒心就业”驿站", provincially_recognised=True)
    JobStationFactory(community=neighbour, name="龙华社区驿站")
    JobStationFactory(community=far, name="凌河社区驿站")
    JobPostingFactory(station=own, title="育婴员", closed=None)
    JobPostingFactory(station=own, title="保洁员", published=dt.date(2025, 1, 1), closed=dt.date(2025, 1, 31))
    compound = CompoundFactory(community=community, name="盛景园")

    html = client.get("/employment/stations/", {"compound": compound.pk}).content.decode()

    assert html.index("光大社区“舒心就业”驿站") < html.index("龙华社区驿站")
    assert "凌河社区驿站" not in html
    assert "育婴员" in html and "保洁员" not in html
    assert "省级认定" in html


def test_residents_find_their_compound_by_pinyin_initials(client, community):
    CompoundFactory(community=community, name="盛景园")

    html = client.get("/employment/stations/", {"q": "sjy"}).content.decode()

    assert "盛景园" in html and "?compound=" in html


def test_the_station_list_costs_a_fixed_number_of_queries(client, community, django_assert_num_queries):
    for n in range(5):
        station = JobStationFactory(community=community, name=f"驿站{n}")
        JobPostingFactory.create_batch(3, station=station, closed=None)
    # savepoint and release (ATOMIC_REQUESTS); count (paginator); stations with their open-posting counts;
    # their latest open postings
    with django_assert_num_queries(5):
        client.get("/employment/stations/")


def test_a_station_page_counts_what_it_did_this_year(client, community):
    station = JobStationFactory(community=community, has_gig_corner=True)
    today = dt.date.today()
    JobPostingFactory(station=station, published=today.replace(month=1, day=2), closed=None)
    JobFairFactory(station=station, held_on=today.replace(month=1, day=3))
    TrainingFactory(station=station, starts_on=today.replace(month=1, day=4), ends_on=None)

    response = client.get(f"/employment/stations/{station.pk}/")

    assert response.context["counts"] == {
        "n_postings": 1,
        "n_placements": 0,
        "n_fairs": 1,
        "n_trainings": 1,
        "n_startups": 0,
    }
    assert "零工洽谈区" in response.content.decode()


def test_the_area_pages_link_to_their_job_stations_at_no_extra_query(
    client, street, community, django_assert_num_queries
):
    JobStationFactory(community=community, name="光大社区“舒心就业”驿站")

    with django_assert_num_queries(0):
        section = area_section(community)
    community_page = client.get(f"/areas/{community.code}/").content.decode()
    street_page = client.get(f"/areas/{street.code}/").content.decode()

    assert section == {"area": community, "has_figures": False}
    assert f"/employment/stations/?area={community.code}" in community_page
    assert f"/employment/areas/{street.code}/" in street_page
    stations = client.get(f"/employment/stations/?area={community.code}").content.decode()
    assert "光大社区“舒心就业”驿站" in stations


def test_the_menu_links_to_the_employment_pages(client, figures):
    home = client.get("/").content.decode()
    index = client.get("/employment/").content.decode()

    assert 'href="/employment/"' in home
    assert f'href="/employment/areas/{figures.code}/"' in index


def test_the_demonstration_share_counts_communities_not_stations(community, other_community, street):
    CommunityFactory(parent=street, name="龙华社区")
    elsewhere = CommunityFactory(name="别区社区")  # in a district without any station: no figure at all
    JobStationFactory(community=community, name="甲", is_demonstration=True)
    JobStationFactory(community=community, name="乙", is_demonstration=True)
    JobStationFactory(community=other_community, name="丙", is_demonstration=False)
    run_rollup(codes=["employment_demonstration_share"])

    share = IndicatorValue.objects.get(
        area=street.parent, indicator="employment_demonstration_share", period_type="total"
    )
    assert (share.numerator, share.denominator) == (1, 3)
    assert not IndicatorValue.objects.filter(
        area=elsewhere.district, indicator="employment_demonstration_share"
    ).exists()


def test_the_english_employment_page_shows_its_units_in_english(client, figures, community):
    JobPostingFactory(station=JobStationFactory(community=community), positions=4)
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)):
        run_rollup(codes=[i.code for i in INDICATORS], today=dt.date(2026, 3, 1))

    with translation.override("zh-hans"):  # the requests switch this thread's language; put it back afterwards
        chinese = client.get(f"/employment/areas/{figures.code}/").content.decode()
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        english = client.get(f"/employment/areas/{figures.code}/").content.decode()

    def card(html: str, code: str) -> str:
        start = html.index(f'data-indicator="{code}"')
        return html[start : html.index("</a>", start)]

    def fact(html: str, code: str) -> str:
        start = html.index(f'data-indicator="{code}"')
        return html[start : html.index("</dd>", start)]

    assert "人</small>" in card(chinese, NEW_JOBS) and "人次</small>" in card(chinese, "employment_trained")
    assert "people</small>" in card(english, NEW_JOBS) and "attendances</small>" in card(english, "employment_trained")
    assert fact(chinese, "employment_positions").endswith("4 个")
    assert fact(english, "employment_positions").endswith("4 positions")
    assert "个" not in fact(english, "employment_stations")


def test_a_communitys_employment_page_opens_like_its_other_public_pages(client, community, grid):
    assert client.get(f"/employment/areas/{community.code}/").status_code == 200
    assert client.get(f"/employment/areas/{grid.code}/").status_code == 404
    assert client.get(f"/employment/stations/?area={grid.code}").status_code == 404
