"""The residents' pages: a project page a resident understands on a phone, the lists per community and street, the
compound page linking to its projects; and the officials' progress page in the admin."""

# ruff: noqa: F811 (pytest fixtures imported from factories_renovation are requested by name)

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.actions.renovation import EntryInput, PhotoInput, renovation_report_submit
from projects.models import RenovationPhoto, RenovationReport
from tests.projects.factories_renovation import (  # noqa: F401
    RenovationProjectFactory,
    compound,
    items,
    project,
    tiny_png,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(today, street_official, project, items, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    water, heating, _lighting = items
    renovation_report_submit(
        user=street_official,
        project=project,
        reported_on=dt.date(2025, 9, 20),
        note="供暖管网铺设完成，正在铺设供水管网",
        entries=[EntryInput(water, 40), EntryInput(heating, 100)],
        photos=[PhotoInput(SimpleUploadedFile("heating.png", tiny_png(), "image/png"), "during", "供暖管网")],
    )
    return project


def test_the_project_page_shows_each_work_item_with_its_progress_and_what_changed(client, reported, items):
    response = client.get(reverse("projects:renovation-project", args=[reported.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="h3 fw-bold mb-2">老城小区改造项目</h1>' in html
    assert html.count('role="progressbar"') == 1 + 3  # the project and each work item
    assert 'aria-label="供暖" aria-valuenow="100"' in html and 'aria-label="供水" aria-valuenow="40"' in html
    assert 'aria-label="总体进度" aria-valuenow="68"' in html  # (2×40 + 6×100 + 2×0) / 10
    assert "预计 2025年11月30日 完工" in html
    assert "供暖管网铺设完成，正在铺设供水管网" in html and "供水：0% → 40%" in html
    assert "heating" in html and "<img" in html
    assert "longshan" not in html  # who reported is not public


def test_the_project_page_costs_a_fixed_number_of_queries(
    client, today, street_official, reported, items, django_assert_num_queries
):
    for day in range(21, 29):  # more reports than the page lists
        renovation_report_submit(
            user=street_official,
            project=reported,
            reported_on=dt.date(2025, 9, day),
            entries=[EntryInput(items[2], day)],
        )
    # savepoint and release (ATOMIC_REQUESTS), the project with its places and progress, its compounds, work items,
    # latest five reports, their entries, photos, consultation, and the breadcrumbs' areas
    with django_assert_num_queries(10):
        response = client.get(reverse("projects:renovation-project", args=[reported.pk]))
    assert response.content.decode().count("<time ") == 5


def test_the_compound_page_links_to_its_projects(client, reported, compound):
    html = client.get(reverse("grids:compound", args=[compound.pk])).content.decode()

    assert 'id="renovation"' in html
    assert reverse("projects:renovation-project", args=[reported.pk]) in html


def test_a_compound_without_a_project_has_no_renovation_section(client, community):
    from tests.factories import CompoundFactory

    html = client.get(reverse("grids:compound", args=[CompoundFactory(community=community).pk])).content.decode()

    assert 'id="renovation"' not in html


def test_the_lists_per_street_and_community_show_their_projects_only(client, project, other_community, street):
    RenovationProjectFactory(community=other_community, name="红旗小区改造项目")

    by_street = client.get(reverse("projects:renovation-area", args=[street.code])).content.decode()
    everywhere = client.get(reverse("projects:renovation"), {"year": 2025}).content.decode()

    assert "老城小区改造项目" in by_street and "红旗小区改造项目" not in by_street
    assert "老城小区改造项目" in everywhere and "红旗小区改造项目" in everywhere


def test_a_malformed_filter_shows_no_projects_rather_than_an_error(client, project):
    response = client.get(reverse("projects:renovation"), {"year": "二〇二五"})

    assert response.status_code == 200
    assert "没有符合条件的改造项目" in response.content.decode()


# --- the officials' progress page ------------------------------------------------------------------------------


def test_an_official_enters_progress_on_one_page_with_a_photo(
    client, today, street_official, project, items, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(street_official)
    url = reverse("admin:projects_renovationproject_progress", args=[project.pk])
    water, heating, lighting = items

    form = client.get(url)
    response = client.post(
        url,
        {
            "reported_on": "2025-09-30",
            "note": "供水主管完成",
            f"percent_{water.pk}": "60",
            f"percent_{heating.pk}": "0",  # unchanged: not reported
            f"percent_{lighting.pk}": "",
            "photo_kind": "after",
            "photo_1": SimpleUploadedFile("after.png", tiny_png(), "image/png"),
        },
    )

    assert form.status_code == 200 and "供暖" in form.content.decode()
    assert response.status_code == 302, response.content.decode()[:2000]
    report = RenovationReport.objects.get()
    assert (report.reported_by, report.note) == (street_official, "供水主管完成")
    assert [(e.work_item.kind, e.percent) for e in report.entries.all()] == [("water", 60)]
    assert RenovationPhoto.objects.get().report == report


def test_the_progress_page_explains_a_refusal_and_saves_nothing(client, today, street_official, project, items):
    client.force_login(street_official)
    url = reverse("admin:projects_renovationproject_progress", args=[project.pk])
    water = items[0]
    renovation_report_submit(
        user=street_official, project=project, reported_on=dt.date(2025, 9, 1), entries=[EntryInput(water, 60)]
    )

    response = client.post(
        url,
        {
            "reported_on": "2025-09-30",
            f"percent_{water.pk}": "20",
            "photo_kind": "during",
            "photo_1": SimpleUploadedFile("fake.png", b"MZ\x90\x00 not an image", "image/png"),
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "“供水”的进度从 60% 降到 20%，请填写下调原因。" in html
    assert "文件不是 JPEG、PNG 或 WebP 图片。" in html
    assert RenovationReport.objects.count() == 1
