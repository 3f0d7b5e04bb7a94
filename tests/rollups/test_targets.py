"""Annual targets: set by the level above, completion may pass 100%, time-progress colours, league table."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grids.actions import official_create
from rollups.actions import target_set, target_split
from rollups.engine import run_rollup
from rollups.models import IndicatorValue, PeriodType, Target
from rollups.selectors import league_table, progress_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_official(tree):
    return official_create(username="shuangta", password="pass-1234", areas=[tree["district"]])


@pytest.fixture
def street_official_of_tree(tree):
    return official_create(username="longshan-tree", password="pass-1234", areas=[tree["streets"][0]])


def year_row(area, code="households", year=None):
    year = year or dt.date.today().year
    return IndicatorValue.objects.get(
        area=area, indicator=code, period_type=PeriodType.YEAR, period_start=dt.date(year, 1, 1)
    )


def test_the_district_sets_a_streets_target_and_completion_may_pass_100_percent(tree, district_official):
    s1 = tree["streets"][0]
    target_set(user=district_official, area=s1, indicator="households", year=dt.date.today().year, value=1000)

    run_rollup()

    row = year_row(s1)
    assert row.target == 1000
    assert row.completion == pytest.approx(2044 / 1000)


def test_a_new_target_shows_on_the_streets_figures_once_committed(
    tree, district_official, django_capture_on_commit_callbacks
):
    run_rollup()
    s1 = tree["streets"][0]

    # The commit enqueues an incremental run for the street alone: no community of its own to recompute.
    with django_capture_on_commit_callbacks(execute=True):
        target_set(user=district_official, area=s1, indicator="households", year=dt.date.today().year, value=4088)

    row = year_row(s1)
    assert (row.target, row.completion) == (4088, pytest.approx(0.5))


def test_an_official_cannot_set_their_own_areas_target(tree, street_official_of_tree):
    with pytest.raises(PermissionDenied):
        target_set(user=street_official_of_tree, area=tree["streets"][0], indicator="households", year=2026, value=10)

    assert not Target.objects.exists()


def test_a_street_official_sets_targets_of_its_communities_but_not_of_another_streets(tree, street_official_of_tree):
    c1, _, c3 = tree["communities"]

    target_set(user=street_official_of_tree, area=c1, indicator="households", year=2026, value=500)
    with pytest.raises(PermissionDenied):
        target_set(user=street_official_of_tree, area=c3, indicator="households", year=2026, value=500)

    assert list(Target.objects.values_list("area", flat=True)) == [c1.pk]


def test_a_target_must_be_positive_and_name_a_known_indicator(tree, district_official):
    with pytest.raises(ValidationError) as negative:
        target_set(user=district_official, area=tree["streets"][0], indicator="households", year=2026, value=-5)
    with pytest.raises(ValidationError) as unknown:
        target_set(user=district_official, area=tree["streets"][0], indicator="nonsense", year=2026, value=5)

    assert "value" in negative.value.message_dict
    assert "indicator" in unknown.value.message_dict


def test_splitting_a_target_saves_all_children_or_none(tree, district_official):
    s1, s2 = tree["streets"]
    c1 = tree["communities"][0]

    with pytest.raises(ValidationError):
        target_split(
            user=district_official, parent=tree["district"], indicator="grids", year=2026, values={s1.pk: 3, c1.pk: 1}
        )
    assert not Target.objects.exists()

    target_split(
        user=district_official, parent=tree["district"], indicator="grids", year=2026, values={s1.pk: 4, s2.pk: 8}
    )
    assert dict(Target.objects.values_list("area", "value")) == {s1.pk: 4, s2.pk: 8}


def test_streets_are_ranked_by_completion(tree, district_official):
    s1, s2 = tree["streets"]
    year = dt.date.today().year
    target_set(user=district_official, area=s1, indicator="grids", year=year, value=10)  # 5 / 10
    target_set(user=district_official, area=s2, indicator="grids", year=year, value=2)  # 4 / 2
    run_rollup()

    table = league_table(tree["district"], "grids", year)

    assert [(r["rank"], r["area"]["name"]) for r in table] == [(1, "红旗街道"), (2, "龙山街道")]
    assert table[0]["completion"] == 2.0


@pytest.mark.parametrize(
    ("completion", "expected"),
    [(0.30, "red"), (0.45, "amber"), (0.50, "green"), (1.62, "green"), (None, None)],
)
def test_time_progress_status_compares_completion_with_the_share_of_the_year_elapsed(completion, expected):
    # 1 July 2026: 182 of 365 days, just under half the year, has gone by
    assert progress_status(completion, 2026, today=dt.date(2026, 7, 1)) == expected


def test_a_past_year_must_be_complete_to_be_green():
    assert progress_status(0.95, 2025, today=dt.date(2026, 3, 1)) == "amber"
    assert progress_status(1.0, 2025, today=dt.date(2026, 3, 1)) == "green"
