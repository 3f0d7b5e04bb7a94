"""Figures add up: parents are sums of their children, rates are summed parts, no data is no value."""

import pytest

from grids.models import Area, Level
from rollups import registry
from rollups.engine import run_rollup
from rollups.models import IndicatorValue, IndicatorValueHistory, PeriodType

pytestmark = pytest.mark.django_db


def current_year(code):
    from django.utils import timezone

    year = timezone.localdate().year
    return {
        v.area_id: v
        for v in IndicatorValue.objects.filter(indicator=code, period_type=PeriodType.YEAR, period_start__year=year)
    }


def test_every_parent_equals_the_sum_of_its_children_for_every_indicator(tree):
    run_rollup()

    for code, indicator in registry.catalogue().items():
        values = current_year(code)
        for parent in Area.objects.filter(level__lte=Level.STREET):
            children = [values[c.pk] for c in parent.children.all() if c.pk in values]
            if parent.pk not in values or not children:
                continue
            if indicator.kind == "rate":
                assert values[parent.pk].numerator == sum(c.numerator for c in children), code
                assert values[parent.pk].denominator == sum(c.denominator for c in children), code
            else:
                assert values[parent.pk].value == sum(c.value for c in children), (code, parent.name)


def test_hierarchy_counts_for_a_street_and_the_district(tree):
    run_rollup()
    s1, s2 = tree["streets"]

    assert current_year("grids")[s1.pk].value == 5
    assert current_year("grids")[s2.pk].value == 4
    assert current_year("grid_workers")[tree["district"].pk].value == 9
    assert current_year("households")[s1.pk].value == 362 + 100 + 1582
    assert current_year("compounds")[tree["district"].pk].value == 4


def test_a_rate_is_summed_numerators_over_summed_denominators_not_an_average(tree):
    run_rollup()
    c1, c2, c3 = tree["communities"]
    rates = current_year("buildings_with_grid")

    assert rates[c1.pk].value == pytest.approx(2 / 3)
    assert rates[c2.pk].value == 1.0
    assert rates[c3.pk].value == 0.0
    # (2 + 1 + 0) / (3 + 1 + 1), not the mean of 67%, 100% and 0%
    assert rates[tree["district"].pk].value == pytest.approx(3 / 5)
    assert rates[tree["district"].pk].value != pytest.approx((2 / 3 + 1 + 0) / 3)


def test_an_area_with_no_data_has_no_value_rather_than_zero(tree):
    run_rollup()

    assert not IndicatorValue.objects.filter(area=tree["empty"]).exists()


def test_a_rate_with_a_zero_denominator_has_no_value_and_no_error(tree, temporary_indicators):
    from django.db.models import Count, Q

    from grids.models import Compound
    from rollups.registry import Indicator, Kind, Over

    temporary_indicators(
        Indicator(
            code="test_zero_denominator",
            name_zh="测试",
            name_en="Test",
            unit="%",
            kind=Kind.RATE,
            over_time=Over.STOCK,
            rows=lambda: Compound.objects.all(),
            numerator=Count("pk", filter=Q(high_rise=True)),
            denominator=Count("pk", filter=Q(households__gt=10**9)),
        )
    )
    run_rollup(codes=["test_zero_denominator"])

    row = IndicatorValue.objects.filter(indicator="test_zero_denominator", area=tree["district"]).first()
    assert row.denominator == 0
    assert row.value is None


def test_running_twice_changes_nothing(tree):
    run_rollup()
    before = list(IndicatorValue.objects.order_by("pk").values())
    history = IndicatorValueHistory.objects.count()

    stats = run_rollup()

    assert stats.changed == 0
    assert list(IndicatorValue.objects.order_by("pk").values()) == before
    assert IndicatorValueHistory.objects.count() == history


def test_a_change_is_recorded_in_the_history(tree):
    from tests.factories import CompoundFactory

    run_rollup()
    CompoundFactory(community=tree["communities"][2], households=10)

    run_rollup()

    district_history = IndicatorValueHistory.objects.filter(
        indicator="compounds", area=tree["district"], period_type=PeriodType.YEAR
    ).order_by("computed_at")
    assert [h.value for h in district_history] == [4, 5]


def test_an_incremental_run_recomputes_the_community_and_its_ancestors_only(tree):
    from tests.factories import CompoundFactory

    run_rollup()
    c3 = tree["communities"][2]
    CompoundFactory(community=c3, households=10)

    run_rollup(area_ids=[c3.pk])

    values = current_year("compounds")
    assert values[c3.pk].value == 2
    assert values[tree["streets"][1].pk].value == 2
    assert values[tree["district"].pk].value == 5
    assert values[tree["streets"][0].pk].value == 3  # untouched street still right
