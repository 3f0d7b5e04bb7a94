"""The officials' admin: a project with its work items inline, written through the renovation actions."""

# ruff: noqa: F811 (pytest fixtures imported from factories_renovation are requested by name)

import pytest
from django.urls import reverse

from projects.models import RenovationProject, RenovationWorkItem
from tests.factories import CompoundFactory
from tests.grids.test_admin_helpers import admin_form_data, change_url
from tests.projects.factories_renovation import compound, items, project, today  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def official_client(client, street_official):
    client.force_login(street_official)
    return client


def test_an_official_adds_a_work_item_inline_and_it_lands_in_the_projects_community(
    official_client, street_official, project, community
):
    form = official_client.get(change_url(project))
    prefix = form.context["inline_admin_formsets"][0].formset.prefix
    data = admin_form_data(
        form,
        **{
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-kind": "elevator",
            f"{prefix}-0-name": "3号楼",
            f"{prefix}-0-order": "1",
            f"{prefix}-0-project": str(project.pk),
        },
    )

    response = official_client.post(change_url(project), data)

    assert response.status_code == 302, response.context["errors"] if response.context else response
    item = RenovationWorkItem.objects.get(project=project)
    assert (str(item), item.percent, item.community, item.street_id) == (
        "加装电梯（3号楼）",
        0,
        community,
        community.street_id,
    )
    assert item.history.get().history_user == street_official


def test_the_admin_refuses_a_compound_of_another_community(official_client, project, other_community):
    stranger = CompoundFactory(community=other_community, name="红旗小区")
    form = official_client.get(change_url(project))

    response = official_client.post(change_url(project), admin_form_data(form, compounds=[str(stranger.pk)]))

    assert response.status_code == 200
    assert "小区“红旗小区”不在项目所在的社区内。" in response.content.decode()
    assert list(RenovationProject.objects.get(pk=project.pk).compounds.values_list("name", flat=True)) == ["老城小区"]


def test_the_change_page_links_to_the_progress_page(official_client, project):
    html = official_client.get(change_url(project)).content.decode()

    assert reverse("admin:projects_renovationproject_progress", args=[project.pk]) in html
