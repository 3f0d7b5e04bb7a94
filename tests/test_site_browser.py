"""A resident on a phone walks from the home page down to their compound."""

import pytest

from tests.browser import assert_only_local_requests
from tests.factories import BuildingFactory, CompoundFactory, UnitFactory

pytestmark = pytest.mark.browser


def _fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def test_a_resident_taps_down_from_the_district_to_their_compound(
    phone_page, live_server, page_requests, district, street, community, grid
):
    compound = CompoundFactory(
        community=community, name="鼎盛公寓", address="双塔区龙山街道光明路18号", year_built=2004, households=362
    )
    for number in range(1, 7):
        building = BuildingFactory(compound=compound, grid=grid, name=f"{number}号楼", floors=18, households=60)
        UnitFactory(building=building, name="1单元")

    phone_page.goto(live_server.url + "/")
    for name in (district.name, street.name, community.name):
        phone_page.get_by_role("link", name=name).first.click()
        assert phone_page.locator("h1").inner_text() == name
        _fits_the_phone(phone_page)
    phone_page.get_by_role("link", name="鼎盛公寓").click()

    main = phone_page.locator("main").inner_text()
    assert "双塔区龙山街道光明路18号" in main
    assert "6号楼" in main and grid.name in main
    _fits_the_phone(phone_page)
    assert_only_local_requests(page_requests)
