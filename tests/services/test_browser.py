"""A resident on a phone opens their community's page, finds the canteen, and works out what a meal costs them."""

import datetime as dt
from decimal import Decimal

import pytest

from services.models import FacilityKind, PriceGroup
from tests.browser import assert_only_local_requests
from tests.services.factories import (
    CanteenFactory,
    CanteenPriceFactory,
    FacilityFactory,
    VolunteerHoursFactory,
    VolunteerTeamFactory,
)

pytestmark = pytest.mark.browser


def _fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def test_a_resident_finds_the_canteen_on_the_community_page_and_their_price(
    phone_page, live_server, page_requests, community
):
    canteen = CanteenFactory(
        community=community,
        name="光大社区幸福餐厅",
        address="双塔区龙山街道光大社区党群服务中心一楼",
        opening_hours="午餐 11:00–12:30，晚餐 17:00–18:00",
        delivers=True,
        delivery_note="行动不便的老人可电话预约送餐上门",
    )
    for group, min_age, price in (
        (PriceGroup.STANDARD, None, "15"),
        (PriceGroup.SENIOR, 70, "10"),
        (PriceGroup.SENIOR, 80, "8"),
        (PriceGroup.SUBSISTENCE, None, "7"),
    ):
        CanteenPriceFactory(canteen=canteen, group=group, min_age=min_age, price=Decimal(price))
    FacilityFactory(community=community, name="光大社区城市书房", floor_area=Decimal("739"), books=11000)
    FacilityFactory(community=community, kind=FacilityKind.AFTER_SCHOOL, name="光大社区假期托管", books=None)
    team = VolunteerTeamFactory(community=community, name="跑得快", volunteers=63)
    VolunteerHoursFactory(team=team, month=dt.date(2025, 1, 1), hours=Decimal("25"))

    phone_page.goto(f"{live_server.url}/areas/{community.code}/")

    main = phone_page.locator("main")
    assert phone_page.locator("h1").inner_text() == "光大社区"
    for text in ("光大社区幸福餐厅", "午餐 11:00–12:30", "可送餐", "光大社区城市书房", "11000", "跑得快"):
        assert text in main.inner_text(), text
    _fits_the_phone(phone_page)

    phone_page.get_by_role("link", name="光大社区幸福餐厅").click()
    assert phone_page.locator("h1").inner_text() == "光大社区幸福餐厅"
    assert "行动不便的老人可电话预约送餐上门" in phone_page.locator("main").inner_text()
    _fits_the_phone(phone_page)

    phone_page.get_by_label("您的年龄（周岁）").fill("82")
    phone_page.get_by_label("低保户").check()
    phone_page.get_by_role("button", name="计算").click()

    assert "您每餐付 7.00 元" in phone_page.locator("#price-quote").inner_text()
    _fits_the_phone(phone_page)
    assert_only_local_requests(page_requests)
