"""API shapes of the hierarchy. Read serializers only present; write serializers only check the input's
shape and types; the rules themselves live in the models and run in grids.actions (full_clean)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Area, Building, Compound, GridStaff, Unit

VERSION_HELP = _("读取时得到的版本号；记录已被他人修改时返回 409，请刷新后重试。")


class AreaRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "name"]
        read_only_fields = fields


# ---------------------------------------------------------------- reads


class AreaSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    path = serializers.SerializerMethodField(help_text=_("上级区域ID，从城市到社区/村"))
    children_count = serializers.IntegerField(read_only=True, help_text=_("下级区域数"))

    class Meta:
        model = Area
        fields = [
            "id",
            "name",
            "code",
            "level",
            "level_display",
            "kind",
            "kind_display",
            "parent",
            "path",
            "population",
            "households",
            "children_count",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_path(self, obj: Area) -> list[int]:
        return obj.ancestors()


class CompoundSerializer(serializers.ModelSerializer):
    community = AreaRefSerializer(read_only=True)
    street = AreaRefSerializer(read_only=True, allow_null=True)
    district = AreaRefSerializer(read_only=True, allow_null=True)
    buildings_count = serializers.IntegerField(read_only=True, help_text=_("楼栋数"))

    class Meta:
        model = Compound
        fields = [
            "id",
            "name",
            "address",
            "year_built",
            "households",
            "floor_area",
            "high_rise",
            "community",
            "street",
            "district",
            "buildings_count",
            "version",
        ]
        read_only_fields = fields


class CompoundRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Compound
        fields = ["id", "name"]
        read_only_fields = fields


class BuildingRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Building
        fields = ["id", "name"]
        read_only_fields = fields


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name"]
        read_only_fields = fields


class BuildingSerializer(serializers.ModelSerializer):
    compound = CompoundRefSerializer(read_only=True)
    grid = AreaRefSerializer(read_only=True, allow_null=True)
    community = AreaRefSerializer(read_only=True)
    street = AreaRefSerializer(read_only=True, allow_null=True)
    units_count = serializers.IntegerField(read_only=True, help_text=_("单元数"))

    class Meta:
        model = Building
        fields = [
            "id",
            "name",
            "floors",
            "households",
            "compound",
            "grid",
            "community",
            "street",
            "units_count",
            "version",
        ]
        read_only_fields = fields


class UnitSerializer(serializers.ModelSerializer):
    building = BuildingRefSerializer(read_only=True)
    compound = CompoundRefSerializer(source="building.compound", read_only=True)
    community = AreaRefSerializer(read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "name", "households", "building", "compound", "community", "version"]
        read_only_fields = fields


class GridStaffSerializer(serializers.ModelSerializer):
    """Personal data: only ever served to authenticated officials, scoped to their areas."""

    role_display = serializers.CharField(source="get_role_display", read_only=True)
    grid = AreaRefSerializer(read_only=True)
    community = AreaRefSerializer(read_only=True)
    building = BuildingRefSerializer(read_only=True, allow_null=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = GridStaff
        fields = ["id", "role", "role_display", "name", "phone", "grid", "community", "building", "unit", "version"]
        read_only_fields = fields


# ---------------------------------------------------------------- writes


class VersionedUpdateSerializer(serializers.ModelSerializer):
    """Changing a record needs the version it was read at, so a stale copy never overwrites silently."""

    version = serializers.IntegerField(min_value=0, max_value=2**63 - 1, help_text=VERSION_HELP)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "version" not in attrs:  # PATCH makes every field optional; this one stays required.
            raise serializers.ValidationError({"version": [_("请提供读取记录时得到的版本号（version）。")]})
        return attrs


class AreaCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["name", "code", "level", "kind", "parent", "population", "households"]


class AreaUpdateSerializer(VersionedUpdateSerializer):
    """Level and parent are fixed once created: moving an area would move its whole subtree."""

    class Meta:
        model = Area
        fields = ["name", "code", "kind", "population", "households", "version"]


class CompoundCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Compound
        fields = ["name", "address", "year_built", "households", "floor_area", "high_rise", "community"]


class CompoundUpdateSerializer(VersionedUpdateSerializer):
    """The community is fixed once created (its buildings carry it too)."""

    class Meta:
        model = Compound
        fields = ["name", "address", "year_built", "households", "floor_area", "high_rise", "version"]


class BuildingCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Building
        fields = ["compound", "grid", "name", "floors", "households"]


class BuildingUpdateSerializer(VersionedUpdateSerializer):
    """The compound is fixed once created (its units carry its community)."""

    class Meta:
        model = Building
        fields = ["grid", "name", "floors", "households", "version"]


class UnitCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["building", "name", "households"]


class UnitUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = Unit
        fields = ["name", "households", "version"]


class GridStaffCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = GridStaff
        fields = ["role", "grid", "building", "unit", "name", "phone"]


class GridStaffUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = GridStaff
        fields = ["role", "grid", "building", "unit", "name", "phone", "version"]
