import django_filters
from django.core.exceptions import ValidationError

from grids.models import Level

from .models import IndicatorValue, PeriodType, Target, parse_period


def validate_period(value: str) -> None:
    try:
        parse_period(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


class IndicatorValueFilter(django_filters.FilterSet):
    area = django_filters.NumberFilter(field_name="area_id", help_text="区域 id")
    area_code = django_filters.CharFilter(field_name="area__code", help_text="区域编码")
    parent = django_filters.NumberFilter(field_name="area__parent_id", help_text="上级区域 id：列出其下级的数值")
    level = django_filters.TypedChoiceFilter(choices=Level.choices, coerce=int)
    indicator = django_filters.BaseInFilter(field_name="indicator", help_text="指标编码，可用逗号分隔多个")
    period = django_filters.CharFilter(
        method="filter_period", validators=[validate_period], help_text="2025-03、2025-Q1、2025 或 total"
    )
    period_type = django_filters.ChoiceFilter(choices=PeriodType.choices)
    year = django_filters.NumberFilter(field_name="year")

    class Meta:
        model = IndicatorValue
        fields = ["area", "area_code", "parent", "level", "indicator", "period", "period_type", "year"]

    def filter_period(self, queryset, name, value):
        period_type, start = parse_period(value)  # validated by the form field
        return queryset.filter(period_type=period_type, period_start=start)


class TargetFilter(django_filters.FilterSet):
    area = django_filters.NumberFilter(field_name="area_id")
    parent = django_filters.NumberFilter(field_name="area__parent_id")
    indicator = django_filters.CharFilter()
    year = django_filters.NumberFilter()

    class Meta:
        model = Target
        fields = ["area", "parent", "indicator", "year"]
