"""Renovation of old compounds (老旧小区改造): API shapes. Read serializers present; write serializers only check the
input's shape and types; the rules live in the models and run in projects.actions.renovation."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from grids.models import Building, Compound, user_can_manage
from grids.serializers import AreaRefSerializer, CompoundRefSerializer, VersionedUpdateSerializer

from ..models.renovation import (
    RenovationConsultation,
    RenovationEntry,
    RenovationPhoto,
    RenovationProject,
    RenovationReport,
    RenovationWorkItem,
)

PROGRESS_HELP = _("由各项改造内容的进度加权得出（按计划投资加权；有一项未填计划投资时取算术平均），0–100")


# ---------------------------------------------------------------- reads


class RenovationWorkItemSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    category = serializers.CharField(read_only=True, help_text=_("所属改造类别：basic / improvement / upgrade"))
    is_late = serializers.SerializerMethodField(help_text=_("过了计划完成日期仍未完成"))

    class Meta:
        model = RenovationWorkItem
        fields = [
            "id",
            "project",
            "kind",
            "kind_display",
            "name",
            "category",
            "investment_planned",
            "planned_completion",
            "percent",
            "status",
            "status_display",
            "updated_on",
            "is_late",
            "order",
            "version",
        ]
        read_only_fields = fields

    def get_is_late(self, obj: RenovationWorkItem) -> bool:
        return obj.is_late()


class RenovationPhotoSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = RenovationPhoto
        fields = ["id", "kind", "kind_display", "image", "caption", "taken_on", "report"]
        read_only_fields = fields


class RenovationConsultationSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = RenovationConsultation
        fields = ["id", "kind", "kind_display", "held_on", "participants", "in_favour", "outcome"]
        read_only_fields = fields


class RenovationProjectSerializer(serializers.ModelSerializer):
    community = AreaRefSerializer(read_only=True)
    street = AreaRefSerializer(read_only=True, allow_null=True)
    district = AreaRefSerializer(read_only=True, allow_null=True)
    compounds = CompoundRefSerializer(many=True, read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    progress = serializers.FloatField(read_only=True, allow_null=True, help_text=PROGRESS_HELP)
    open_items = serializers.IntegerField(read_only=True, help_text=_("未完成的改造内容数"))
    is_late = serializers.SerializerMethodField(help_text=_("过了计划完工日期仍未完工（或验收）"))
    work_items = RenovationWorkItemSerializer(many=True, read_only=True)

    class Meta:
        model = RenovationProject
        fields = [
            "id",
            "name",
            "plan_year",
            "category",
            "category_display",
            "status",
            "status_display",
            "community",
            "street",
            "district",
            "compounds",
            "summary",
            "floor_area",
            "building_count",
            "households",
            "investment_planned",
            "investment_spent",
            "builder",
            "contractor",
            "start_date",
            "planned_completion",
            "actual_completion",
            "progress",
            "open_items",
            "is_late",
            "work_items",
            "version",
        ]
        read_only_fields = fields

    def get_is_late(self, obj: RenovationProject) -> bool:
        return obj.is_late()


class RenovationEntrySerializer(serializers.ModelSerializer):
    work_item_name = serializers.CharField(source="work_item.__str__", read_only=True)

    class Meta:
        model = RenovationEntry
        fields = ["id", "work_item", "work_item_name", "previous_percent", "percent", "reason"]
        read_only_fields = fields


class RenovationReportSerializer(serializers.ModelSerializer):
    """A dated progress report. Who filed it (a username: personal data) is shown only to those who may manage the
    report, i.e. officials of its areas and superusers; everyone else, signed in or not, gets null."""

    entries = RenovationEntrySerializer(many=True, read_only=True)
    photos = RenovationPhotoSerializer(many=True, read_only=True)
    reported_by = serializers.SerializerMethodField(
        help_text=_("填报人的用户名；仅对负责该记录所在区域的工作人员显示，其他人为 null")
    )

    class Meta:
        model = RenovationReport
        fields = ["id", "project", "reported_on", "note", "entries", "photos", "reported_by", "created_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_reported_by(self, obj: RenovationReport) -> str | None:
        request = self.context.get("request")
        if obj.reported_by is None or request is None or not user_can_manage(request.user, obj):
            return None
        return obj.reported_by.get_username()


# ---------------------------------------------------------------- writes

PROJECT_WRITE_FIELDS = [
    "name",
    "plan_year",
    "category",
    "compounds",
    "buildings",
    "summary",
    "floor_area",
    "building_count",
    "households",
    "investment_planned",
    "investment_spent",
    "builder",
    "contractor",
    "start_date",
    "planned_completion",
    "actual_completion",
    "status",
]


class RenovationProjectCreateSerializer(serializers.ModelSerializer):
    compounds = serializers.PrimaryKeyRelatedField(many=True, queryset=Compound.objects.all(), required=False)
    buildings = serializers.PrimaryKeyRelatedField(many=True, queryset=Building.objects.all(), required=False)

    class Meta:
        model = RenovationProject
        fields = ["community", *PROJECT_WRITE_FIELDS]


class RenovationProjectUpdateSerializer(VersionedUpdateSerializer):
    """The community is fixed once created (the project's items and reports carry it too)."""

    compounds = serializers.PrimaryKeyRelatedField(many=True, queryset=Compound.objects.all(), required=False)
    buildings = serializers.PrimaryKeyRelatedField(many=True, queryset=Building.objects.all(), required=False)

    class Meta:
        model = RenovationProject
        fields = [*PROJECT_WRITE_FIELDS, "version"]


WORK_ITEM_WRITE_FIELDS = ["kind", "name", "investment_planned", "planned_completion", "order"]


class RenovationWorkItemCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = RenovationWorkItem
        fields = ["project", *WORK_ITEM_WRITE_FIELDS]


class RenovationWorkItemUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = RenovationWorkItem
        fields = [*WORK_ITEM_WRITE_FIELDS, "version"]


class RenovationEntryInputSerializer(serializers.Serializer):
    work_item = serializers.PrimaryKeyRelatedField(queryset=RenovationWorkItem.objects.all())
    percent = serializers.IntegerField(help_text=_("本次填报的完成进度，0–100"))
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text=_("进度低于上次时必填"))


class RenovationReportCreateSerializer(serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=RenovationProject.objects.all())
    reported_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True)
    entries = RenovationEntryInputSerializer(many=True, required=False)

    def create(self, validated_data: dict[str, Any]) -> Any:  # pragma: no cover - the viewset calls the action
        raise NotImplementedError

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:  # pragma: no cover
        raise NotImplementedError


class RenovationTotalsSerializer(serializers.Serializer):
    """What the projects matching the filters add up to, computed from the records now."""

    projects = serializers.IntegerField()
    completed = serializers.IntegerField(help_text=_("已完工或已验收"))
    late = serializers.IntegerField(help_text=_("过了计划完工日期仍未完工"))
    floor_area = serializers.DecimalField(max_digits=16, decimal_places=2, help_text=_("改造面积（㎡）"))
    floor_area_completed = serializers.DecimalField(max_digits=16, decimal_places=2, help_text=_("已完工面积（㎡）"))
    households = serializers.IntegerField(help_text=_("受益户数"))
    buildings = serializers.IntegerField(help_text=_("楼栋数"))
    investment_planned = serializers.DecimalField(max_digits=18, decimal_places=2)
    investment_spent = serializers.DecimalField(max_digits=18, decimal_places=2)
