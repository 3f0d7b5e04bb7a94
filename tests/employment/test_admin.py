"""The employment admin: every page opens, an official sees only their own street's records, saves go through
the actions (the community follows the station), and another street's record is refused with 403."""

import datetime as dt

import pytest
from django.urls import reverse

from employment.models import JobPosting
from tests.employment.factories import (
    JobFairFactory,
    JobPostingFactory,
    JobStationFactory,
    MonthlyAchievementFactory,
    PlacementFactory,
    StartupProjectFactory,
    TrainingFactory,
)
from tests.grids.test_admin_helpers import admin_form_data

pytestmark = pytest.mark.django_db

MODELS = [
    "jobstation",
    "jobposting",
    "jobfair",
    "training",
    "startupproject",
    "placement",
    "monthlyachievement",
    "employmenttarget",
]


@pytest.fixture
def records(community):
    station = JobStationFactory(community=community)
    JobPostingFactory(station=station)
    JobFairFactory(station=station)
    TrainingFactory(station=station)
    StartupProjectFactory(station=station)
    PlacementFactory(station=station)
    MonthlyAchievementFactory(community=community)
    return station


@pytest.mark.parametrize("model", MODELS)
def test_every_employment_admin_page_opens(client, superuser, records, model):
    client.force_login(superuser)

    assert client.get(reverse(f"admin:employment_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:employment_{model}_add")).status_code == 200


def test_an_official_lists_only_their_streets_postings(client, street_official, community, other_community):
    JobPostingFactory(station=JobStationFactory(community=community), title="育婴员")
    JobPostingFactory(station=JobStationFactory(community=other_community), title="保安员")
    client.force_login(street_official)

    html = client.get(reverse("admin:employment_jobposting_changelist")).content.decode()

    assert "育婴员" in html and "保安员" not in html


def test_a_posting_saved_in_the_admin_takes_the_stations_community(client, street_official, community):
    station = JobStationFactory(community=community)
    client.force_login(street_official)
    url = reverse("admin:employment_jobposting_add")
    form = client.get(url)

    response = client.post(
        url,
        admin_form_data(
            form,
            station=str(station.pk),
            employer="朝阳家政公司",
            title="育婴员",
            positions="2",
            published="2025-06-01",
            channel="wechat",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    posting = JobPosting.objects.get()
    assert (posting.community, posting.street_id) == (community, community.parent_id)
    assert posting.history.get().history_user == street_official


def test_another_streets_station_is_refused(client, street_official, other_community):
    other = JobStationFactory(community=other_community)
    client.force_login(street_official)

    response = client.get(reverse("admin:employment_jobstation_change", args=[other.pk]))

    assert response.status_code == 403


def test_an_official_sees_placed_peoples_names_only_in_their_own_street(
    client, street_official, community, other_community
):
    PlacementFactory(station=JobStationFactory(community=community), person_name="赵秀英")
    PlacementFactory(station=JobStationFactory(community=other_community), person_name="钱桂兰")
    client.force_login(street_official)

    html = client.get(reverse("admin:employment_placement_changelist")).content.decode()

    assert "赵秀英" in html and "钱桂兰" not in html


def test_a_monthly_report_changed_in_the_admin_is_stored_as_its_month(client, street_official, community):
    report = MonthlyAchievementFactory(community=community, month=dt.date(2025, 3, 1), achieved=100)
    client.force_login(street_official)
    url = reverse("admin:employment_monthlyachievement_change", args=[report.pk])

    response = client.post(url, admin_form_data(client.get(url), achieved="130", month="2025-03-31"))

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.month, report.achieved) == (dt.date(2025, 3, 1), 130)
