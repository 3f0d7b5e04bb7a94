from rest_framework import serializers

from grids.models import Area

from . import registry
from .models import IndicatorValue, Target, period_key


class AreaBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.CharField()
    level = serializers.IntegerField()


class IndicatorValueSerializer(serializers.ModelSerializer):
    area = AreaBriefSerializer(read_only=True)
    period = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "area",
            "level",
            "period",
            "period_type",
            "period_start",
            "period_end",
            "value",
            "numerator",
            "denominator",
            "target",
            "completion",
            "computed_at",
            "revised_after_close",
        ]

    def get_period(self, obj: IndicatorValue) -> str:
        return period_key(obj.period_type, obj.period_start)


class FigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    kind = serializers.CharField()
    over_time = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    target = serializers.FloatField(allow_null=True)
    completion = serializers.FloatField(allow_null=True)
    status = serializers.ChoiceField(choices=["green", "amber", "red"], allow_null=True)
    computed_at = serializers.DateTimeField(allow_null=True)


class ChildFiguresSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.CharField()
    level = serializers.IntegerField()
    values = serializers.DictField(child=FigureSerializer())


class AreaSummarySerializer(serializers.Serializer):
    area = AreaBriefSerializer()
    period = serializers.CharField()
    period_type = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    figures = FigureSerializer(many=True)
    children = ChildFiguresSerializer(many=True)


class LeagueRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    area = serializers.DictField()
    value = serializers.FloatField(allow_null=True)
    target = serializers.FloatField(allow_null=True)
    completion = serializers.FloatField(allow_null=True)
    status = serializers.CharField(allow_null=True)


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    kind = serializers.CharField()
    over_time = serializers.CharField()
    app = serializers.CharField()


class TargetSerializer(serializers.ModelSerializer):
    area = AreaBriefSerializer(read_only=True)

    class Meta:
        model = Target
        fields = ["id", "area", "indicator", "year", "value", "set_at"]


class TargetWriteSerializer(serializers.Serializer):
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all())
    indicator = serializers.ChoiceField(choices=[])
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    value = serializers.FloatField(min_value=0, help_text="目标值，大于 0")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = sorted(registry.catalogue())


class TargetSplitSerializer(serializers.Serializer):
    # The metaclass moves declared fields into `_declared_fields`, so this never shadows Field.parent at
    # runtime; the stubs can't see that.
    parent = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all())  # type: ignore[assignment]
    indicator = serializers.ChoiceField(choices=[])
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    values = serializers.DictField(child=serializers.FloatField(min_value=0), help_text="下级区域 id → 目标值")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = sorted(registry.catalogue())

    def validate_values(self, values):
        try:
            return {int(k): v for k, v in values.items()}
        except ValueError:
            raise serializers.ValidationError("键必须是区域 id（整数）。") from None
