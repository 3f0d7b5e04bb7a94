"""The campaign board renders in a real headless browser (Debian's chromium) with a cell per building, on a big
screen and on a phone; a resident on a phone finds their compound by pinyin initials and sees their building's stage."""

import datetime as dt

import pytest

from projects.models import GasBuildingPlan, GasStage
from tests.browser import assert_only_local_requests
from tests.factories import BuildingFactory, CompoundFactory
from tests.projects.factories_gas import (
    GasBlockerFactory,
    GasBuildingPlanFactory,
    GasCampaignFactory,
    GasCompoundPlanFactory,
)

pytestmark = pytest.mark.browser

DEADLINE = dt.date.today() + dt.timedelta(days=365)  # nothing is late but what is meant to be


@pytest.fixture
def campaign(district, community, other_community):
    campaign = GasCampaignFactory(district=district, name="高层住宅燃气开通攻坚", deadline=DEADLINE)
    spread = [GasStage.INSPECTION, GasStage.INDOOR_INSTALLATION, GasStage.PRESSURE_TEST, GasStage.GAS_ON]
    for c, (where, name) in enumerate([(community, "鼎盛公寓"), (other_community, "红旗小区"), (community, "盛景园")]):
        compound = CompoundFactory(community=where, name=name, households=600)
        plan = GasCompoundPlanFactory(campaign=campaign, compound=compound)
        for n in range(1, 7):
            GasBuildingPlanFactory(
                compound_plan=plan,
                building=BuildingFactory(compound=compound, name=f"{n}号楼", households=60),
                stage=GasStage.GAS_ON if name == "鼎盛公寓" else spread[(c + n) % 4],
                expected_on=dt.date(2025, 4, 1) if name == "红旗小区" else None,
            )
        if name == "盛景园":
            GasBlockerFactory(compound_plan=plan, description="楼前调压箱选址待定")
    return campaign


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def test_the_board_shows_a_cell_per_building_on_a_big_screen(desktop_page, live_server, page_requests, campaign):
    desktop_page.goto(f"{live_server.url}/gas/{campaign.pk}/")

    rows = desktop_page.locator("[data-compound-plan]")
    assert rows.count() == 3
    cells = desktop_page.locator(".gas-cell")
    assert cells.count() == 18
    for i in range(cells.count()):
        box = cells.nth(i).bounding_box()
        assert box and box["width"] > 20 and box["height"] > 20  # laid out, visible
    gas_on = desktop_page.locator('.gas-cell[data-stage="gas_on"]').first
    colour = gas_on.evaluate("el => getComputedStyle(el).backgroundColor")
    inspection = desktop_page.locator('.gas-cell[data-stage="inspection"]').first
    assert colour != inspection.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(25, 135, 84)"
    late = GasBuildingPlan.objects.filter(building__compound__name="红旗小区", stage__lt=GasStage.GAS_ON)
    assert desktop_page.locator("[data-late]").count() == late.count() == 4  # 红旗小区 was expected on 2025-04-01
    assert "楼前调压箱选址待定" in desktop_page.locator("[data-blockers]").inner_text()
    on_gas = GasBuildingPlan.objects.filter(stage=GasStage.GAS_ON).count()
    assert desktop_page.locator('[data-stage-count="gas_on"] [data-count]').inner_text() == str(on_gas) == "10"
    fits(desktop_page, 1280)
    assert_only_local_requests(page_requests)


def test_the_board_on_a_phone_filters_by_street(phone_page, live_server, page_requests, campaign, other_street):
    phone_page.goto(f"{live_server.url}/gas/{campaign.pk}/")
    assert phone_page.locator(".gas-cell").count() == 18
    fits(phone_page, 390)

    phone_page.select_option("#gas-street", label=other_street.name)
    phone_page.get_by_role("button", name="筛选").click()

    assert phone_page.locator("[data-compound-plan]").count() == 1
    assert phone_page.locator(".gas-cell").count() == 6
    assert "红旗小区" in phone_page.locator("main").inner_text()
    fits(phone_page, 390)
    assert_only_local_requests(page_requests)


def test_a_resident_searches_by_initials_and_sees_each_buildings_stage(phone_page, live_server, campaign):
    phone_page.goto(live_server.url + "/")
    phone_page.locator("input[name=q]").first.fill("sjy")
    phone_page.locator("input[name=q]").first.press("Enter")
    phone_page.get_by_role("link", name="盛景园").first.click()

    section = phone_page.locator("[data-gas-plan]")
    assert section.locator("tbody tr").count() == 6
    text = section.inner_text()
    assert "燃气开通" in text and "具备通气条件" in text and DEADLINE.isoformat() in text
    assert (
        section.locator('tr[data-stage="gas_on"]').count() + section.locator("tr").filter(has_text="打压").count() >= 1
    )
    fits(phone_page, 390)
