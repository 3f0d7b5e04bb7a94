"""Progress reports are history and are never deleted: a project with reports cannot be deleted either, and the
official is told why (a 400 in the API, a message in the admin), nothing removed. A project without reports goes."""

# ruff: noqa: F811 (pytest fixtures imported from factories_renovation are requested by name)

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from rest_framework.authtoken.models import Token

from projects.actions.renovation import EntryInput, renovation_project_delete, renovation_report_submit
from projects.models import RenovationEntry, RenovationProject, RenovationReport
from tests.projects.factories_renovation import compound, items, project, today  # noqa: F401

pytestmark = pytest.mark.django_db

REFUSAL = "项目“老城小区改造项目”已有 1 次进度填报，不能删除：进度填报是历史记录，不随项目删除。"


@pytest.fixture
def reported(today, street_official, project, items):
    renovation_report_submit(
        user=street_official, project=project, reported_on=dt.date(2025, 9, 1), entries=[EntryInput(items[0], 30)]
    )
    return project


def still_there(project) -> bool:
    return (
        RenovationProject.objects.filter(pk=project.pk).exists()
        and RenovationReport.objects.filter(project_id=project.pk).count() == 1
        and RenovationEntry.objects.filter(project_id=project.pk).count() == 1
    )


def test_the_action_refuses_to_delete_a_project_with_reports_saying_why(street_official, reported):
    with pytest.raises(ValidationError) as refused:
        renovation_project_delete(user=street_official, project=reported)

    assert refused.value.messages == [REFUSAL]
    assert still_there(reported)


def test_the_database_keeps_the_reports_even_past_the_action(reported):
    with pytest.raises(ProtectedError):
        RenovationProject.objects.get(pk=reported.pk).delete()

    assert still_there(reported)


def test_the_api_answers_400_with_the_reason(api_client, street_official, reported):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=street_official).key}")

    response = api_client.delete(f"/api/v1/renovation-projects/{reported.pk}/")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [REFUSAL]}
    assert still_there(reported)


def test_the_admin_shows_the_reason_instead_of_deleting(client, street_official, reported):
    client.force_login(street_official)
    url = reverse("admin:projects_renovationproject_delete", args=[reported.pk])

    shown = client.get(url, follow=True)
    posted = client.post(url, {"post": "yes"})

    change = reverse("admin:projects_renovationproject_change", args=[reported.pk])
    assert shown.redirect_chain == [(change, 302)]
    assert REFUSAL in [str(m) for m in shown.context["messages"]]
    assert (posted.status_code, posted["Location"]) == (302, change)
    assert still_there(reported)


def test_a_project_without_reports_is_deleted(api_client, street_official, project, items):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=street_official).key}")

    response = api_client.delete(f"/api/v1/renovation-projects/{project.pk}/")

    assert response.status_code == 204
    assert not RenovationProject.objects.filter(pk=project.pk).exists()
