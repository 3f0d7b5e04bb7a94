"""The site shell in a real browser: Chinese on a phone and a desktop, nothing loaded from outside,
and a working switch to English."""

import pytest

from tests.browser import assert_only_local_requests

pytestmark = pytest.mark.browser


@pytest.fixture
def shengjingyuan(community):
    from tests.factories import CompoundFactory

    return CompoundFactory(community=community, name="盛景园", households=362)


def _assert_styled(page):
    # Bootstrap and the icon font are served from static/vendor/: the header is red, the icons have a glyph font.
    header_bg = page.eval_on_selector("header", "el => getComputedStyle(el).backgroundColor")
    assert header_bg != "rgba(0, 0, 0, 0)", "the stylesheet did not load"
    icon_font = page.eval_on_selector(".bi", "el => getComputedStyle(el, '::before').fontFamily")
    assert "bootstrap-icons" in icon_font


def test_the_home_page_shows_chinese_at_phone_width(phone_page, live_server, page_requests, district, shengjingyuan):
    response = phone_page.goto(live_server.url + "/")

    assert response.status == 200
    assert phone_page.locator("html").get_attribute("lang") == "zh-hans"
    assert "民生实事" in phone_page.locator("header").inner_text()
    assert district.name in phone_page.locator("main").inner_text()
    _assert_styled(phone_page)
    # Nothing wider than the phone: no sideways scrolling.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_only_local_requests(page_requests)
    assert any("/static/vendor/bootstrap/" in url for url in page_requests)


def test_the_home_page_shows_chinese_at_desktop_width(desktop_page, live_server, page_requests, district):
    desktop_page.goto(live_server.url + "/")

    assert desktop_page.title() == "民生实事"
    assert "民生实事" in desktop_page.locator("header").inner_text()
    assert "查小区" in desktop_page.locator("header").inner_text()
    _assert_styled(desktop_page)
    assert_only_local_requests(page_requests)


def test_a_resident_finds_a_compound_by_initials_on_a_phone(phone_page, live_server, page_requests, shengjingyuan):
    phone_page.goto(live_server.url + "/")

    phone_page.get_by_role("searchbox").fill("sjy")
    phone_page.get_by_role("searchbox").press("Enter")
    phone_page.get_by_role("link", name="盛景园").click()

    assert phone_page.locator("h1").inner_text() == "盛景园"
    assert "362" in phone_page.locator("main").inner_text()
    assert_only_local_requests(page_requests)


def test_the_admin_login_page_is_in_chinese(phone_page, live_server, page_requests):
    response = phone_page.goto(live_server.url + "/admin/login/")

    assert response.status == 200
    assert "用户名" in phone_page.locator("body").inner_text()
    assert_only_local_requests(page_requests)


def test_the_language_switch_turns_the_site_to_english(phone_page, live_server, page_requests):
    phone_page.goto(live_server.url + "/search/?q=sjy")

    with phone_page.expect_navigation():
        phone_page.get_by_role("button", name="EN").click()

    # Back on the same page, now in English; Django's own English shows on the admin login.
    assert phone_page.url == live_server.url + "/search/?q=sjy"
    assert phone_page.locator("html").get_attribute("lang") == "en"
    assert phone_page.get_by_role("button", name="EN").get_attribute("aria-pressed") == "true"
    phone_page.goto(live_server.url + "/admin/login/")
    assert "Username" in phone_page.locator("body").inner_text()

    phone_page.goto(live_server.url + "/")
    with phone_page.expect_navigation():
        phone_page.get_by_role("button", name="中文").click()
    assert phone_page.locator("html").get_attribute("lang") == "zh-hans"
    assert_only_local_requests(page_requests)
