"""Browser-test harness: Debian's chromium driven by Playwright against Django's live_server.

Loaded as a pytest plugin from tests/conftest.py. Never downloads a browser: chromium comes from apt
(`bash scripts/ensure_browser.sh`, which `make test` runs), together with a CJK font.

Fixtures:
- `phone_page`: 390×844, mobile, touch, zh-CN; `desktop_page`: 1280×900, zh-CN. Both start on a blank
  page; `live_server.url` is the site's address.
- `page_requests`: every URL the test's pages asked for. Requests to any host but the live server's
  loopback are aborted (the portal must load nothing from outside) and still listed, so a test can
  assert on them with `assert_only_local_requests`.

At teardown each page's screenshot is saved to artifacts/screenshots/<test name>-<viewport>.png.
Mark browser tests with `@pytest.mark.browser`.

Playwright's sync API leaves an asyncio loop running in the main thread once the browser has started,
and Django's test client cannot call an async view (such as /healthz) under a running loop. So the
browser starts once per session and the browser tests run after all the others (see
`pytest_collection_modifyitems`); inside a browser test, reach async views through the page, not `client`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test's thread; Django's ORM would refuse to run there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}
DESKTOP = {
    "viewport": {"width": 1280, "height": 900},
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}
TIMEOUT_MS = 15_000


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.hostname in LOCAL_HOSTS


def assert_only_local_requests(urls: list[str]) -> None:
    outside = [url for url in urls if not is_local(url)]
    assert not outside, f"requests left the machine: {outside}"


def pytest_collection_modifyitems(session, config, items: list[pytest.Item]) -> None:
    """Run the browser tests last, keeping the order within each group."""
    items[:] = [i for i in items if not i.get_closest_marker("browser")] + [
        i for i in items if i.get_closest_marker("browser")
    ]


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing: run `bash scripts/ensure_browser.sh` (apt installs chromium and a CJK font)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page_requests() -> list[str]:
    return []


def _screenshot_path(request: pytest.FixtureRequest, viewport: str) -> Path:
    name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    return SCREENSHOTS / f"{name}-{viewport}.png"


def _open_page(chromium_browser, live_server, request, page_requests, options: dict, viewport: str) -> Iterator:
    context = chromium_browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)

    def guard(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("request", lambda req: page_requests.append(req.url))
    try:
        yield page
    finally:
        try:
            if page.url and page.url != "about:blank":
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(_screenshot_path(request, viewport)), full_page=True)
        finally:
            context.close()


@pytest.fixture
def phone_page(chromium_browser, live_server, request, page_requests) -> Iterator:
    """A phone-sized page (390×844, mobile, zh-CN) in a fresh browser context."""
    yield from _open_page(chromium_browser, live_server, request, page_requests, PHONE, "phone")


@pytest.fixture
def desktop_page(chromium_browser, live_server, request, page_requests) -> Iterator:
    """A desktop-sized page (1280×900, zh-CN) in a fresh browser context."""
    yield from _open_page(chromium_browser, live_server, request, page_requests, DESKTOP, "desktop")
