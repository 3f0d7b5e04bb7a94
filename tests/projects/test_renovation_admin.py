"""The officials' admin: a project with its work items inline, written through the renovation actions."""

# ruff: noqa: F811 (pytest fixtures imported from factories_renovation are requested by name)

import pytest
from django.urls import reverse

from projects.models import RenovationProject, RenovationWorkItem
from tests.factories import BuildingFactory, CompoundFactory
from tests.grids.test_admin_helpers import admin_form_data, change_url
from tests.projects.factories_renovation import compound, items, project, today  # noqa: F401

pytestmark = pytest.mark.django_db

# The project's change page, for the street official (content types cached): savepoint and release; session;
# user; the project with its progress; the user's and the group's permissions (2); the chosen compounds and
# buildings (the form's initial values, 2); the inlines' rows: reports, work items, consultation, photos (4); the
# community select (a cursor); the selected options of the two autocomplete widgets: compounds, and buildings
# joined to their compounds (2); and the official's areas, read once for the request (grids.models.user_area_ids
# keeps them on the user) though every permission check of ScopedAdmin and its inlines asks.
CHANGE_PAGE_QUERIES = 17


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


def test_the_change_page_reads_the_chosen_buildings_with_their_compounds(
    official_client, project, compound, django_assert_num_queries
):
    """The building field labels each chosen building "<compound> <building>": the compounds are read with the
    buildings, so the page costs the same however many buildings the project covers."""
    project.buildings.set([BuildingFactory(compound=compound, name="1号楼")])
    official_client.get(change_url(project))  # warms the content-type cache
    with django_assert_num_queries(CHANGE_PAGE_QUERIES):
        official_client.get(change_url(project))
    project.buildings.add(*[BuildingFactory(compound=compound, name=f"{n}号楼") for n in range(2, 6)])

    with django_assert_num_queries(CHANGE_PAGE_QUERIES) as captured:
        html = official_client.get(change_url(project)).content.decode()

    assert "老城小区 1号楼" in html and "老城小区 5号楼" in html
    labels = [q["sql"] for q in captured.captured_queries if 'INNER JOIN "grids_compound"' in q["sql"]]
    assert len(labels) == 1 and 'FROM "grids_building"' in labels[0]


def test_deleting_a_work_item_with_reported_progress_inline_is_refused_and_nothing_is_saved(
    official_client, street_official, project, items
):
    from projects.actions.renovation import EntryInput, renovation_report_submit

    water = items[0]
    renovation_report_submit(
        user=street_official, project=project, reported_on=project.start_date, entries=[EntryInput(water, 40)]
    )
    form = official_client.get(change_url(project))
    formset = next(f.formset for f in form.context["inline_admin_formsets"] if f.formset.model is RenovationWorkItem)
    row = next(i for i, f in enumerate(formset.forms) if f.instance.pk == water.pk)
    data = admin_form_data(form, **{f"{formset.prefix}-{row}-DELETE": "on", "name": "改名了"})

    response = official_client.post(change_url(project), data, follow=True)

    assert response.status_code == 200
    assert "已有进度填报，不能删除" in response.content.decode()
    assert RenovationWorkItem.objects.filter(pk=water.pk).exists()
    assert RenovationProject.objects.get(pk=project.pk).name == "老城小区改造项目"
