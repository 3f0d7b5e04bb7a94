"""The employment pages in a real headless browser (Debian's chromium): a district's targets against
achievement on a phone, with the inline SVG trend chart, and nothing fetched from outside."""

import datetime as dt

import pytest
import time_machine

from employment.indicators import INDICATORS
from employment.models import TargetCategory
from rollups.actions import target_set
from rollups.engine import run_rollup
from tests.browser import assert_only_local_requests
from tests.employment.factories import JobPostingFactory, JobStationFactory, MonthlyAchievementFactory
from tests.factories import CompoundFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def shuangliao_like(district, street, other_street, community, other_community, superuser):
    """3,411 new urban jobs over ten months against a target of 2,106 (162%)."""
    for month, achieved in enumerate([341] * 9 + [342], start=1):
        MonthlyAchievementFactory(community=community, month=dt.date(2024, month, 1), achieved=achieved // 2)
        MonthlyAchievementFactory(
            community=other_community, month=dt.date(2024, month, 1), achieved=achieved - achieved // 2
        )
    # Set as the city would: under live_server each commit also runs the incremental roll-up of the area.
    for area, value in ((district, 2106), (street, 800), (other_street, 1306)):
        target_set(user=superuser, area=area, indicator=TargetCategory.NEW_URBAN_JOBS, year=2024, value=value)
    station = JobStationFactory(community=community, name="光大社区“舒心就业”驿站", provincially_recognised=True)
    JobPostingFactory(station=station, title="育婴员", published=dt.date(2024, 3, 1), closed=None)
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)):
        run_rollup(codes=[i.code for i in INDICATORS], today=dt.date(2025, 3, 1))
    return district


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], page.url


def test_the_district_employment_page_renders_on_a_phone(phone_page, live_server, page_requests, shuangliao_like):
    phone_page.goto(f"{live_server.url}/employment/areas/{shuangliao_like.code}/")

    card = phone_page.locator('[data-indicator="employment_new_urban_jobs"]')
    assert "3411" in card.inner_text().replace(",", "")
    assert "162%" in card.inner_text()
    league = phone_page.locator(".employment-league li")
    assert league.count() == 2
    chart = phone_page.locator("svg.employment-trend")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] > 300
    assert phone_page.locator("svg.employment-trend rect").count() == 10
    _fits(phone_page)
    assert_only_local_requests(page_requests)


def test_a_resident_finds_the_station_near_their_compound(
    phone_page, live_server, page_requests, shuangliao_like, community
):
    CompoundFactory(community=community, name="盛景园")

    phone_page.goto(f"{live_server.url}/employment/")
    phone_page.get_by_role("link", name="找附近的就业驿站").click()
    phone_page.get_by_role("searchbox").fill("盛景园")
    phone_page.get_by_role("button", name="查找").click()
    phone_page.get_by_role("link", name="盛景园").click()

    main = phone_page.locator("main").inner_text()
    assert "盛景园附近的就业驿站" in main
    assert "光大社区“舒心就业”驿站" in main and "育婴员" in main
    _fits(phone_page)
    assert_only_local_requests(page_requests)


def test_the_page_renders_on_a_desktop_with_the_chart_beside_the_figures(desktop_page, live_server, shuangliao_like):
    desktop_page.goto(f"{live_server.url}/employment/areas/{shuangliao_like.code}/?category=employment_new_urban_jobs")

    assert desktop_page.locator("h1").inner_text() == f"{shuangliao_like.name}就业工作"
    assert desktop_page.locator("svg.employment-trend polyline.cumulative").count() == 1
    assert desktop_page.locator("svg.employment-trend line.target").count() == 1
