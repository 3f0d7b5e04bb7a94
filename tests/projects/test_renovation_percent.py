"""The project's overall percent derives from its work items, weighted by their planned investment (a plain
average when an item has none); a project cannot be completed while a work item is open."""

# ruff: noqa: F811 (pytest fixtures imported from factories_renovation are requested by name)

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.actions.renovation import (
    EntryInput,
    renovation_project_save,
    renovation_report_submit,
    renovation_work_item_save,
)
from projects.models import RenovationProject, RenovationStatus, RenovationWorkItem, WorkKind
from projects.selectors import renovation as selectors
from tests.projects.factories_renovation import (  # noqa: F401
    RenovationProjectFactory,
    RenovationWorkItemFactory,
    compound,
    items,
    project,
    today,
)

pytestmark = pytest.mark.django_db


def progress_of(project):
    return RenovationProject.objects.with_progress().get(pk=project.pk).progress


def report(user, project, *entries, day=dt.date(2025, 9, 1)):
    renovation_report_submit(user=user, project=project, reported_on=day, entries=[EntryInput(*e) for e in entries])


def test_the_overall_percent_weighs_each_item_by_its_planned_investment(today, street_official, project, items):
    water, heating, lighting = items  # 2, 6 and 2 million yuan
    report(street_official, project, (water, 100), (heating, 50), (lighting, 0))

    # (2 × 100 + 6 × 50 + 2 × 0) / 10 = 50, where a plain average would say 50 too; move lighting to tell them apart
    assert progress_of(project) == pytest.approx(50)
    report(street_official, project, (lighting, 100), day=dt.date(2025, 9, 2))
    assert progress_of(project) == pytest.approx((2 * 100 + 6 * 50 + 2 * 100) / 10)  # 70, not the average 83.3


def test_when_an_item_has_no_planned_investment_every_item_weighs_the_same(today, street_official, project, items):
    water, heating, lighting = items
    lighting.investment_planned = None
    lighting.save()
    report(street_official, project, (water, 100), (heating, 50), (lighting, 0))

    assert progress_of(project) == pytest.approx(50)
    report(street_official, project, (lighting, 30), day=dt.date(2025, 9, 2))
    assert progress_of(project) == pytest.approx((100 + 50 + 30) / 3)


def test_a_project_without_work_items_has_no_percent_yet(project):
    assert progress_of(project) is None


def test_a_page_of_projects_reads_their_percents_in_one_query(django_assert_num_queries, community):
    for n in range(5):
        p = RenovationProjectFactory(community=community)
        RenovationWorkItemFactory(project=p, kind=WorkKind.WATER)
        RenovationWorkItemFactory(project=p, kind=WorkKind.ROOF)

    # one query: the projects with their places (joins) and progress and open items (correlated subqueries)
    with django_assert_num_queries(1):
        rows = [(p.community.name, p.street.name, p.progress, p.open_items) for p in selectors.projects()]
    assert len(rows) == 5 and all(r[2] == 0 and r[3] == 2 for r in rows)


def test_a_project_cannot_be_completed_while_a_work_item_is_open(today, street_official, project, items):
    report(street_official, project, (items[0], 100), (items[1], 100), (items[2], 80))
    project.refresh_from_db()
    project.status = RenovationStatus.COMPLETED
    project.actual_completion = dt.date(2025, 9, 20)

    with pytest.raises(ValidationError) as error:
        renovation_project_save(user=street_official, project=project)

    assert error.value.message_dict["status"] == ["还有未完成的改造内容（照明），项目不能标为“已完工”。"]
    assert RenovationProject.objects.get(pk=project.pk).status == RenovationStatus.IN_PROGRESS


def test_a_project_whose_items_are_all_done_can_be_completed_and_then_takes_no_open_item(
    today, street_official, project, items
):
    report(street_official, project, *[(item, 100) for item in items])
    project.refresh_from_db()
    project.status = RenovationStatus.COMPLETED
    project.actual_completion = dt.date(2025, 9, 20)
    renovation_project_save(user=street_official, project=project)
    assert progress_of(project) == 100

    with pytest.raises(ValidationError) as error:
        renovation_work_item_save(
            user=street_official, item=RenovationWorkItem(project=project, kind=WorkKind.ELEVATOR)
        )
    assert "不能再增加或重开未完成的改造内容" in error.value.message_dict["kind"][0]
    with pytest.raises(ValidationError) as closed:
        report(street_official, project, (items[0], 90, "返工"), day=dt.date(2025, 9, 25))
    assert "不再填报进度" in closed.value.message_dict["project"][0]


def test_a_completed_project_needs_its_completion_date_in_the_database_too(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        RenovationProject.objects.filter(pk=project.pk).update(status=RenovationStatus.COMPLETED)


def test_a_work_items_percent_is_not_changed_by_editing_the_item(today, street_official, project, items):
    water = items[0]
    report(street_official, project, (water, 40))
    water.refresh_from_db()
    water.percent = 100
    water.name = "二次供水"

    renovation_work_item_save(user=street_official, item=water)

    water.refresh_from_db()
    assert (water.name, water.percent) == ("二次供水", 40)


def test_the_category_of_an_item_follows_the_national_classification(items):
    assert [i.category for i in items] == ["basic", "basic", "improvement"]
    assert Decimal(items[1].investment_planned) == 6_000_000
