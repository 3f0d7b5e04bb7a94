"""A resident opens their compound's renovation project on a phone: a progress bar per work item, what changed
lately, when it ends; nothing wider than the screen, nothing loaded from outside."""

# ruff: noqa: F811 (pytest fixtures imported from factories_renovation are requested by name)

import datetime as dt

import pytest
from django.utils import timezone

from projects.actions.renovation import EntryInput, renovation_report_submit
from tests.browser import assert_only_local_requests
from tests.projects.factories_renovation import compound, items, project  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def in_progress(street_official, project, items):
    """Reported twice within the last month, planned to end in two months (dates relative to the real clock)."""
    today = timezone.localdate()
    project.start_date = today - dt.timedelta(days=90)
    project.planned_completion = today + dt.timedelta(days=60)
    project.save()
    water, heating, lighting = items
    renovation_report_submit(
        user=street_official,
        project=project,
        reported_on=today - dt.timedelta(days=30),
        entries=[EntryInput(water, 30), EntryInput(heating, 50)],
    )
    renovation_report_submit(
        user=street_official,
        project=project,
        reported_on=today - dt.timedelta(days=3),
        note="供暖管网铺设完成",
        entries=[EntryInput(heating, 100), EntryInput(lighting, 20)],
    )
    return project


def test_a_resident_reads_the_project_of_their_compound_on_a_phone(phone_page, live_server, page_requests, in_progress):
    compound = in_progress.compounds.get()
    phone_page.goto(f"{live_server.url}/compounds/{compound.pk}/")
    phone_page.get_by_role("link", name="老城小区改造项目").click()

    assert phone_page.locator("h1").inner_text() == "老城小区改造项目"
    bars = phone_page.get_by_role("progressbar")
    assert bars.count() == 4  # the project and its three work items
    values = {bar.get_attribute("aria-label"): bar.get_attribute("aria-valuenow") for bar in bars.all()}
    assert values == {"总体进度": "70", "供水": "30", "供暖": "100", "照明": "20"}  # (2×30 + 6×100 + 2×20) / 10
    for bar in bars.all():
        box = bar.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 0  # drawn, across the phone's width
    heating_fill = phone_page.locator('[aria-label="供暖"] .progress-bar').bounding_box()
    lighting_fill = phone_page.locator('[aria-label="照明"] .progress-bar').bounding_box()
    assert heating_fill["width"] > 4 * lighting_fill["width"]  # the bars show the percents

    main = phone_page.locator("main").inner_text()
    assert "预计" in main and "完工" in main
    assert "供暖管网铺设完成" in main and "供暖：50% → 100%" in main
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_only_local_requests(page_requests)
