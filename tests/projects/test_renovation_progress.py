"""Progress is entered as dated reports: who, when, the percent of each work item and a note. Nothing is
overwritten, percents stay within 0–100 and go down only with a reason."""

# ruff: noqa: F811 (pytest fixtures imported from factories_renovation are requested by name)

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.actions.renovation import EntryInput, renovation_report_submit
from projects.models import RenovationEntry, RenovationReport, RenovationStatus, WorkItemStatus
from tests.projects.factories_renovation import compound, items, project, today  # noqa: F401

pytestmark = pytest.mark.django_db


def submit(user, project, day, *entries, note=""):
    return renovation_report_submit(
        user=user, project=project, reported_on=day, note=note, entries=[EntryInput(*e) for e in entries]
    )


def test_a_report_records_who_when_and_each_items_percent_and_moves_the_items(today, street_official, project, items):
    water, heating, _lighting = items

    report = submit(
        street_official, project, dt.date(2025, 9, 30), (water, 40), (heating, 100), note="供暖管网铺设完成"
    )

    assert (report.reported_by, report.reported_on, report.note) == (
        street_official,
        dt.date(2025, 9, 30),
        "供暖管网铺设完成",
    )
    assert {(e.work_item.kind, e.previous_percent, e.percent) for e in report.entries.all()} == {
        ("water", 0, 40),
        ("heating", 0, 100),
    }
    water.refresh_from_db()
    heating.refresh_from_db()
    assert (water.percent, water.status, water.updated_on) == (40, WorkItemStatus.IN_PROGRESS, dt.date(2025, 9, 30))
    assert (heating.percent, heating.status) == (100, WorkItemStatus.DONE)
    project.refresh_from_db()
    assert project.status == RenovationStatus.IN_PROGRESS


def test_a_second_report_keeps_the_first_one_as_history(today, street_official, project, items):
    water = items[0]
    submit(street_official, project, dt.date(2025, 8, 1), (water, 30))
    submit(street_official, project, dt.date(2025, 9, 1), (water, 70))

    history = list(RenovationEntry.objects.filter(work_item=water).order_by("report__reported_on"))
    assert [(e.report.reported_on, e.previous_percent, e.percent) for e in history] == [
        (dt.date(2025, 8, 1), 0, 30),
        (dt.date(2025, 9, 1), 30, 70),
    ]
    water.refresh_from_db()
    assert water.percent == 70


@pytest.mark.parametrize("percent", [-5, 101, 250])
def test_a_percent_outside_0_to_100_is_refused_naming_the_item_and_nothing_is_saved(
    today, street_official, project, items, percent
):
    with pytest.raises(ValidationError) as error:
        submit(street_official, project, dt.date(2025, 9, 1), (items[1], 50), (items[0], percent))

    assert "entries" in error.value.message_dict
    assert any(m.startswith("供水") for m in error.value.message_dict["entries"])
    assert not RenovationReport.objects.exists()
    items[1].refresh_from_db()
    assert items[1].percent == 0


def test_a_percent_going_down_without_a_reason_is_refused(today, street_official, project, items):
    water = items[0]
    submit(street_official, project, dt.date(2025, 8, 1), (water, 60))

    with pytest.raises(ValidationError) as error:
        submit(street_official, project, dt.date(2025, 9, 1), (water, 40))

    assert error.value.message_dict["entries"] == ["“供水”的进度从 60% 降到 40%，请填写下调原因。"]
    water.refresh_from_db()
    assert water.percent == 60
    assert RenovationReport.objects.count() == 1


def test_a_percent_going_down_with_a_reason_is_recorded_with_it(today, street_official, project, items):
    water = items[0]
    submit(street_official, project, dt.date(2025, 8, 1), (water, 60))

    submit(street_official, project, dt.date(2025, 9, 1), (water, 40, "试压不合格，部分管段返工"))

    entry = RenovationEntry.objects.get(report__reported_on=dt.date(2025, 9, 1))
    assert (entry.previous_percent, entry.percent, entry.reason) == (60, 40, "试压不合格，部分管段返工")
    water.refresh_from_db()
    assert water.percent == 40


def test_the_database_itself_refuses_a_backwards_entry_without_reason(today, street_official, project, items):
    from django.db import IntegrityError, transaction

    report = submit(street_official, project, dt.date(2025, 8, 1), (items[0], 60))
    with pytest.raises(IntegrityError), transaction.atomic():
        RenovationEntry.objects.create(
            report=report, project=project, work_item=items[1], percent=10, previous_percent=50, reason=""
        )


def test_a_report_dated_before_the_latest_or_in_the_future_is_refused(today, street_official, project, items):
    submit(street_official, project, dt.date(2025, 9, 1), (items[0], 30))

    with pytest.raises(ValidationError) as earlier:
        submit(street_official, project, dt.date(2025, 8, 15), (items[0], 40))
    with pytest.raises(ValidationError) as future:
        submit(street_official, project, dt.date(2025, 10, 2), (items[0], 40))

    assert "reported_on" in earlier.value.message_dict
    assert future.value.message_dict["reported_on"] == ["填报日期不能晚于今天。"]


def test_an_item_of_another_project_cannot_be_reported_here(today, street_official, project, items, community):
    from tests.projects.factories_renovation import RenovationProjectFactory, RenovationWorkItemFactory

    stranger = RenovationWorkItemFactory(project=RenovationProjectFactory(community=community))

    with pytest.raises(ValidationError) as error:
        submit(street_official, project, dt.date(2025, 9, 1), (stranger, 30))

    assert "不是本项目的改造内容" in error.value.message_dict["entries"][0]


def test_an_official_of_another_street_cannot_report_progress(today, project, items, other_street):
    from grids.actions import official_create

    outsider = official_create(username="hongqi", password="pass-1234", areas=[other_street])

    with pytest.raises(PermissionDenied):
        submit(outsider, project, dt.date(2025, 9, 1), (items[0], 30))

    assert not RenovationReport.objects.exists()
