"""Annual employment targets against monthly achievements: months roll up into quarters and the year,
completion may pass 100%, streets are ranked with their time-progress status, and only the level above
sets a target (an official's own area's target is refused with 403 and nothing changes)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.authtoken.models import Token

from employment.actions import employment_target_set
from employment.indicators import TARGET_CODES
from employment.models import EmploymentTarget, TargetCategory
from grids.actions import official_create
from rollups.engine import run_rollup
from rollups.models import IndicatorValue, PeriodType, Target
from rollups.selectors import league_table
from tests.employment.factories import MonthlyAchievementFactory

pytestmark = pytest.mark.django_db

NEW_JOBS = TargetCategory.NEW_URBAN_JOBS.value
TODAY = dt.date(2026, 3, 1)  # 2025 is over: a target not met is behind the calendar


@pytest.fixture
def district_official(district):
    return official_create(username="shuangta", password="pass-1234", areas=[district])


@pytest.fixture
def reported(community, other_community):
    """光大社区 reports 100, 200, 300 and 400 new urban jobs in January to April; 前进社区 50 in February."""
    for month, achieved in ((1, 100), (2, 200), (3, 300), (4, 400)):
        MonthlyAchievementFactory(community=community, month=dt.date(2025, month, 17), achieved=achieved)
    MonthlyAchievementFactory(community=other_community, month=dt.date(2025, 2, 1), achieved=50)
    return community


def rollup() -> None:
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)):
        run_rollup(codes=TARGET_CODES, today=TODAY)


def figure(area, period_type, start, code=NEW_JOBS):
    return IndicatorValue.objects.get(area=area, indicator=code, period_type=period_type, period_start=start)


def test_months_roll_up_into_quarters_and_the_year_in_every_level(reported, street, district):
    rollup()

    months = [figure(reported, PeriodType.MONTH, dt.date(2025, m, 1)).value for m in (1, 2, 3, 4)]
    assert months == [100, 200, 300, 400]
    assert figure(reported, PeriodType.QUARTER, dt.date(2025, 1, 1)).value == 600
    assert figure(reported, PeriodType.QUARTER, dt.date(2025, 4, 1)).value == 400
    assert figure(reported, PeriodType.YEAR, dt.date(2025, 1, 1)).value == 1000
    assert figure(street, PeriodType.YEAR, dt.date(2025, 1, 1)).value == 1000
    assert figure(district, PeriodType.QUARTER, dt.date(2025, 1, 1)).value == 650
    assert figure(district, PeriodType.YEAR, dt.date(2025, 1, 1)).value == 1050


def test_a_report_dated_any_day_of_a_month_is_stored_as_that_month(community):
    report = MonthlyAchievementFactory(community=community, month=dt.date(2025, 3, 17))

    report.refresh_from_db()
    assert report.month == dt.date(2025, 3, 1)


def test_completion_is_achieved_over_target_and_may_pass_100_percent(reported, street, other_street, district_official):
    employment_target_set(user=district_official, area=street, category=NEW_JOBS, year=2025, value=800)
    employment_target_set(user=district_official, area=other_street, category=NEW_JOBS, year=2025, value=100)
    rollup()

    year = figure(street, PeriodType.YEAR, dt.date(2025, 1, 1))
    assert (year.value, year.target) == (1000, 800)
    assert year.completion == pytest.approx(1.25)
    assert figure(other_street, PeriodType.YEAR, dt.date(2025, 1, 1)).completion == pytest.approx(0.5)


def test_streets_are_ranked_by_completion_with_their_time_progress_status(
    reported, street, other_street, district, district_official
):
    employment_target_set(user=district_official, area=street, category=NEW_JOBS, year=2025, value=800)
    employment_target_set(user=district_official, area=other_street, category=NEW_JOBS, year=2025, value=100)
    rollup()

    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)):
        table = league_table(district, NEW_JOBS, 2025)

    ranked = [(r["rank"], r["area"]["name"], r["status"]) for r in table]
    assert ranked == [(1, "龙山街道", "green"), (2, "红旗街道", "red")]


def test_the_rollup_api_gives_achieved_target_and_completion(api_client, reported, street, district_official):
    employment_target_set(user=district_official, area=street, category=NEW_JOBS, year=2025, value=800)
    rollup()

    response = api_client.get("/api/v1/rollups/", {"area": street.pk, "indicator": NEW_JOBS, "period": "2025"})

    [row] = response.json()["results"]
    assert (row["value"], row["target"], row["completion"]) == (1000, 800, 1.25)


def test_an_official_cannot_set_their_own_streets_target(street, street_official):
    with pytest.raises(PermissionDenied):
        employment_target_set(user=street_official, area=street, category=NEW_JOBS, year=2025, value=10)

    assert not Target.objects.exists()


def test_a_street_official_sets_their_communities_targets(community, street_official):
    employment_target_set(user=street_official, area=community, category=NEW_JOBS, year=2025, value=300)

    assert Target.objects.get().value == 300


def test_raising_ones_own_target_through_the_api_is_403_and_changes_nothing(
    api_client, street, street_official, district_official
):
    employment_target_set(user=district_official, area=street, category=NEW_JOBS, year=2025, value=800)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=street_official).key}")

    response = api_client.post(
        "/api/v1/targets/", {"area": street.pk, "indicator": NEW_JOBS, "year": 2025, "value": 100}, format="json"
    )

    assert response.status_code == 403
    assert "不能为本人负责的区域" in response.json()["detail"]
    assert list(Target.objects.values_list("value", flat=True)) == [800]


def test_raising_ones_own_target_in_the_admin_is_refused_and_changes_nothing(
    client, street, street_official, district_official
):
    employment_target_set(user=district_official, area=street, category=NEW_JOBS, year=2025, value=800)
    target = EmploymentTarget.objects.get()
    client.force_login(street_official)
    url = reverse("admin:employment_employmenttarget_change", args=[target.pk])

    response = client.post(url, {"area": street.pk, "indicator": NEW_JOBS, "year": 2025, "value": 100})

    assert response.status_code == 403
    assert list(Target.objects.values_list("indicator", "value")) == [(NEW_JOBS, 800)]


def test_choosing_ones_own_area_for_a_new_target_is_an_error_on_the_area_field(client, street, street_official):
    client.force_login(street_official)

    response = client.post(
        reverse("admin:employment_employmenttarget_add"),
        {"area": street.pk, "indicator": TargetCategory.REEMPLOYED.value, "year": 2025, "value": 5},
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["area"]
    assert "不能为本人负责的区域“龙山街道”设定目标" in errors["area"][0]
    assert not Target.objects.exists()


def test_changing_a_target_in_the_admin_changes_its_value_never_which_target_it_is(
    client, street, other_street, district_official
):
    employment_target_set(user=district_official, area=street, category=NEW_JOBS, year=2025, value=800)
    target = EmploymentTarget.objects.get()
    client.force_login(district_official)
    url = reverse("admin:employment_employmenttarget_change", args=[target.pk])

    form = client.get(url).context["adminform"].form
    response = client.post(
        url,
        {"area": other_street.pk, "indicator": TargetCategory.REEMPLOYED.value, "year": 2026, "value": 900},
    )

    assert list(form.fields) == ["value"]  # area, category and year are shown, not editable
    assert response.status_code == 302
    assert list(Target.objects.values_list("area", "indicator", "year", "value")) == [(street.pk, NEW_JOBS, 2025, 900)]


def test_the_target_admin_filters_by_category_under_its_name(client, street, other_street, district_official):
    employment_target_set(user=district_official, area=street, category=NEW_JOBS, year=2025, value=800)
    employment_target_set(
        user=district_official, area=other_street, category="employment_reemployed", year=2025, value=90
    )
    client.force_login(district_official)
    url = reverse("admin:employment_employmenttarget_changelist")

    html = client.get(url).content.decode()
    reemployed = client.get(url, {"indicator": "employment_reemployed"})

    assert ">城镇新增就业</a>" in html and ">失业人员再就业</a>" in html
    assert ">employment_new_urban_jobs</a>" not in html
    assert [t.area for t in reemployed.context["cl"].result_list] == [other_street]


def test_the_district_sets_a_streets_target_in_the_employment_admin(client, street, district_official):
    client.force_login(district_official)

    response = client.post(
        reverse("admin:employment_employmenttarget_add"),
        {"area": street.pk, "indicator": NEW_JOBS, "year": 2025, "value": 800},
    )

    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.area, target.indicator, target.value, target.set_by) == (street, NEW_JOBS, 800, district_official)


def test_an_unknown_category_or_a_non_positive_target_names_the_field(street, district_official):
    with pytest.raises(ValidationError) as unknown:
        employment_target_set(user=district_official, area=street, category="employment_nonsense", year=2025, value=5)
    with pytest.raises(ValidationError) as negative:
        employment_target_set(user=district_official, area=street, category=NEW_JOBS, year=2025, value=0)

    assert "category" in unknown.value.message_dict
    assert "value" in negative.value.message_dict
    assert not Target.objects.exists()
