"""API shapes of gas-connection campaigns. Read serializers only present; write serializers only check the
input's shape and types; the rules live in the models and run in projects.actions.gas (full_clean)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from grids.models import user_can_manage
from grids.serializers import AreaRefSerializer, BuildingRefSerializer, CompoundRefSerializer, VersionedUpdateSerializer

from ..models.gas import GasBlocker, GasBuildingPlan, GasCampaign, GasCompoundPlan, GasStage, GasStageEvent

RATE_HELP = _("0 到 1 之间的比率；没有分母时为 null")


class CampaignRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = GasCampaign
        fields = ["id", "name"]
        read_only_fields = fields


# ---------------------------------------------------------------- reads


class GasCampaignSerializer(serializers.ModelSerializer):
    district = AreaRefSerializer(read_only=True)
    compounds = serializers.IntegerField(source="n_compounds", read_only=True, help_text=_("小区数"))
    compounds_ready = serializers.IntegerField(source="n_ready", read_only=True, help_text=_("具备通气条件的小区数"))
    buildings = serializers.IntegerField(source="n_buildings", read_only=True, help_text=_("楼栋数"))
    households = serializers.IntegerField(source="n_households", read_only=True, help_text=_("户数（各小区合计）"))
    households_connected = serializers.IntegerField(source="n_connected", read_only=True, help_text=_("已通气户数"))
    readiness_rate = serializers.SerializerMethodField(help_text=RATE_HELP)
    connection_rate = serializers.SerializerMethodField(help_text=RATE_HELP)

    class Meta:
        model = GasCampaign
        fields = [
            "id",
            "name",
            "district",
            "goal",
            "started_on",
            "deadline",
            "compounds",
            "compounds_ready",
            "buildings",
            "households",
            "households_connected",
            "readiness_rate",
            "connection_rate",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_readiness_rate(self, obj: GasCampaign) -> float | None:
        return obj.n_ready / obj.n_compounds if obj.n_compounds else None  # type: ignore[attr-defined]

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_connection_rate(self, obj: GasCampaign) -> float | None:
        return obj.n_connected / obj.n_households if obj.n_households else None  # type: ignore[attr-defined]


class GasCompoundPlanSerializer(serializers.ModelSerializer):
    campaign = CampaignRefSerializer(read_only=True)
    compound = CompoundRefSerializer(read_only=True)
    community = AreaRefSerializer(read_only=True)
    street = AreaRefSerializer(read_only=True, allow_null=True)
    causes = serializers.ListField(child=serializers.CharField(), read_only=True, help_text=_("未通气原因"))
    buildings = serializers.IntegerField(source="n_buildings", read_only=True, help_text=_("楼栋数"))
    buildings_ready = serializers.IntegerField(source="n_passed", read_only=True, help_text=_("已通过检测验收的楼栋数"))
    buildings_gas_on = serializers.IntegerField(source="n_gas_on", read_only=True, help_text=_("已通气楼栋数"))
    households = serializers.IntegerField(source="plan_households", read_only=True, help_text=_("小区户数"))
    households_connected = serializers.IntegerField(read_only=True, help_text=_("已通气户数"))
    is_ready = serializers.BooleanField(
        read_only=True, help_text=_("具备通气条件：小区全部楼栋均有计划且已通过检测验收")
    )

    class Meta:
        model = GasCompoundPlan
        fields = [
            "id",
            "campaign",
            "compound",
            "community",
            "street",
            "cause_developer_arrears",
            "cause_unclear_property",
            "cause_no_initial_planning",
            "cause_other",
            "causes",
            "gas_company",
            "inspection_body",
            "route",
            "started_on",
            "planned_on",
            "notes",
            "buildings",
            "buildings_ready",
            "buildings_gas_on",
            "households",
            "households_connected",
            "is_ready",
            "version",
        ]
        read_only_fields = fields


class GasBuildingPlanSerializer(serializers.ModelSerializer):
    building = BuildingRefSerializer(read_only=True)
    compound = CompoundRefSerializer(source="building.compound", read_only=True)
    community = AreaRefSerializer(read_only=True)
    street = AreaRefSerializer(read_only=True, allow_null=True)
    stage_key = serializers.CharField(read_only=True)
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    households = serializers.IntegerField(source="building.households", read_only=True, help_text=_("楼栋户数"))
    expected = serializers.DateField(read_only=True, help_text=_("预计通气日期（本楼栋、小区方案或攻坚时限）"))
    is_ready = serializers.BooleanField(read_only=True, help_text=_("已通过检测验收"))

    class Meta:
        model = GasBuildingPlan
        fields = [
            "id",
            "compound_plan",
            "building",
            "compound",
            "community",
            "street",
            "stage",
            "stage_key",
            "stage_display",
            "stage_reached_on",
            "expected_on",
            "expected",
            "households",
            "households_connected",
            "is_ready",
            "version",
        ]
        read_only_fields = fields


class GasStageEventSerializer(serializers.ModelSerializer):
    building_plan = serializers.IntegerField(source="building_plan_id", read_only=True)
    from_stage_display = serializers.CharField(source="get_from_stage_display", read_only=True, allow_null=True)
    to_stage_display = serializers.CharField(source="get_to_stage_display", read_only=True)
    recorded_by = serializers.SerializerMethodField(help_text=_("记录人（仅对负责该区域的工作人员显示）"))

    class Meta:
        model = GasStageEvent
        fields = [
            "id",
            "building_plan",
            "from_stage",
            "from_stage_display",
            "to_stage",
            "to_stage_display",
            "reached_on",
            "reason",
            "note",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_recorded_by(self, obj: GasStageEvent) -> str | None:
        request = self.context.get("request")
        if obj.recorded_by is None or request is None or not user_can_manage(request.user, obj):
            return None
        return obj.recorded_by.get_username()


class GasBlockerSerializer(serializers.ModelSerializer):
    building = BuildingRefSerializer(source="building_plan.building", read_only=True, allow_null=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = GasBlocker
        fields = [
            "id",
            "compound_plan",
            "building_plan",
            "building",
            "description",
            "responsible_unit",
            "raised_on",
            "resolved_on",
            "is_open",
            "version",
        ]
        read_only_fields = fields


# ---------------------------------------------------------------- writes


class GasCampaignCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = GasCampaign
        fields = ["district", "name", "goal", "started_on", "deadline"]


class GasCampaignUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = GasCampaign
        fields = ["name", "goal", "started_on", "deadline", "version"]


PLAN_FIELDS = [
    "cause_developer_arrears",
    "cause_unclear_property",
    "cause_no_initial_planning",
    "cause_other",
    "gas_company",
    "inspection_body",
    "route",
    "started_on",
    "planned_on",
    "notes",
]


class GasCompoundPlanCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = GasCompoundPlan
        fields = ["campaign", "compound", *PLAN_FIELDS]


class GasCompoundPlanUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = GasCompoundPlan
        fields = [*PLAN_FIELDS, "version"]


REASON_HELP = _("跳过阶段或退回时必填：原因")


class GasBuildingPlanCreateSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300, help_text=REASON_HELP)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)

    class Meta:
        model = GasBuildingPlan
        fields = ["compound_plan", "building", "stage", "stage_reached_on", "expected_on", "reason", "note"]


class GasBuildingPlanUpdateSerializer(VersionedUpdateSerializer):
    """The stage changes only through …/stage/ (each change is an event); here the expected date and the
    households connected so far."""

    class Meta:
        model = GasBuildingPlan
        fields = ["expected_on", "households_connected", "version"]


class GasStageChangeSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=GasStage.choices, help_text=_("新阶段"))
    stage_reached_on = serializers.DateField(required=False, help_text=_("到达日期，默认今天"))
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300, help_text=REASON_HELP)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    version = serializers.IntegerField(required=False, min_value=0, max_value=2**63 - 1)


class GasBlockerCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = GasBlocker
        fields = ["compound_plan", "building_plan", "description", "responsible_unit", "raised_on", "resolved_on"]


class GasBlockerUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = GasBlocker
        fields = ["description", "responsible_unit", "raised_on", "resolved_on", "version"]


# ---------------------------------------------------------------- the board (big screens)


class StageCountSerializer(serializers.Serializer):
    stage = serializers.IntegerField()
    key = serializers.CharField()
    name = serializers.CharField(source="label")
    buildings = serializers.IntegerField()
    households = serializers.IntegerField()


class TotalsSerializer(serializers.Serializer):
    compounds = serializers.IntegerField()
    compounds_ready = serializers.IntegerField()
    buildings = serializers.IntegerField()
    buildings_ready = serializers.IntegerField()
    buildings_gas_on = serializers.IntegerField()
    buildings_late = serializers.IntegerField()
    households = serializers.IntegerField()
    households_connected = serializers.IntegerField()
    open_blockers = serializers.IntegerField()
    readiness_rate = serializers.FloatField(allow_null=True, help_text=RATE_HELP)
    connection_rate = serializers.FloatField(allow_null=True, help_text=RATE_HELP)


class BoardBlockerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()
    responsible_unit = serializers.CharField()
    raised_on = serializers.DateField()
    building_plan = serializers.IntegerField(source="building_plan_id", allow_null=True)


class BoardBuildingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    building = serializers.IntegerField(source="building_id")
    name = serializers.CharField(source="building.name")
    households = serializers.IntegerField(source="building.households")
    stage = serializers.IntegerField()
    stage_key = serializers.CharField()
    stage_display = serializers.CharField(source="get_stage_display")
    stage_reached_on = serializers.DateField()
    expected = serializers.DateField(allow_null=True)
    households_connected = serializers.IntegerField()
    is_late = serializers.BooleanField()
    blocked = serializers.BooleanField(help_text=_("有未解决的堵点"))


class BoardRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    compound = CompoundRefSerializer()
    community = AreaRefSerializer()
    street = AreaRefSerializer(allow_null=True)
    causes = serializers.ListField(child=serializers.CharField())
    planned_on = serializers.DateField(allow_null=True)
    households = serializers.IntegerField(source="plan_households")
    households_connected = serializers.IntegerField()
    is_ready = serializers.BooleanField()
    buildings = BoardBuildingSerializer(many=True)
    blockers = BoardBlockerSerializer(many=True, source="open_blockers")


class BoardSerializer(serializers.Serializer):
    campaign = CampaignRefSerializer()
    deadline = serializers.DateField(source="campaign.deadline")
    today = serializers.DateField()
    street = AreaRefSerializer(allow_null=True)
    streets = AreaRefSerializer(many=True)
    stages = StageCountSerializer(many=True)
    totals = TotalsSerializer()
    rows = BoardRowSerializer(many=True)
