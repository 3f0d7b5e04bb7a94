"""Roll-up indicators of gas-connection campaigns: compounds and households in campaigns, ready for gas,
connected, buildings per stage, connection and readiness rates. All are the state now (stocks), summed from the
compound and building plans of each community (households are the compounds')."""

from django.db.models import Count, Sum

from rollups.registry import Indicator, Kind, Over

from ..models.gas import STAGE_KEYS, GasBuildingPlan, GasCompoundPlan, GasStage, connected_households, ready_condition

# Indicator names are stored in both languages (not gettext at import time).
STAGE_NAMES = {
    GasStage.SURVEYED: ("摸排", "surveyed"),
    GasStage.DESIGN_APPROVED: ("方案论证", "design approved"),
    GasStage.CONSTRUCTION: ("施工", "construction"),
    GasStage.INSPECTION: ("检测验收", "inspection"),
    GasStage.INDOOR_INSTALLATION: ("入户安装", "indoor installation"),
    GasStage.PRESSURE_TEST: ("打压", "pressure test"),
    GasStage.GAS_ON: ("通气", "gas on"),
}


def _compound_plans():
    return GasCompoundPlan.objects.all()


def _building_plans():
    return GasBuildingPlan.objects.all()


def _at_stage(stage: GasStage):
    return lambda: GasBuildingPlan.objects.filter(stage=stage)


INDICATORS = [
    Indicator(
        code="gas_compounds",
        name_zh="燃气开通小区数",
        name_en="Compounds in gas campaigns",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=_compound_plans,
    ),
    Indicator(
        code="gas_compounds_ready",
        name_zh="具备通气条件小区数",
        name_en="Compounds ready for gas",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=lambda: GasCompoundPlan.objects.ready(),
    ),
    Indicator(
        code="gas_readiness_rate",
        name_zh="具备通气条件比例",
        name_en="Share of compounds ready for gas",
        unit="%",
        kind=Kind.RATE,
        over_time=Over.STOCK,
        rows=_compound_plans,
        numerator=Count("pk", filter=ready_condition()),
        denominator=Count("pk"),
    ),
    Indicator(
        code="gas_households",
        name_zh="燃气开通涉及户数",
        name_en="Households in gas campaigns",
        unit="户",
        kind=Kind.SUM,
        over_time=Over.STOCK,
        rows=_compound_plans,
        value=Sum("compound__households"),  # the compounds' households, planned buildings or not
    ),
    Indicator(
        code="gas_households_connected",
        name_zh="已通气户数",
        name_en="Households connected to gas",
        unit="户",
        kind=Kind.SUM,
        over_time=Over.STOCK,
        rows=_building_plans,
        value=Sum("households_connected"),
    ),
    Indicator(
        code="gas_connection_rate",
        name_zh="燃气开通率",
        name_en="Share of households connected",
        unit="%",
        kind=Kind.RATE,
        over_time=Over.STOCK,
        rows=lambda: GasCompoundPlan.objects.annotate(connected=connected_households()),
        numerator=Sum("connected"),
        denominator=Sum("compound__households"),
    ),
    Indicator(
        code="gas_buildings",
        name_zh="燃气开通楼栋数",
        name_en="Buildings in gas campaigns",
        unit="栋",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=_building_plans,
    ),
    Indicator(
        code="gas_buildings_ready",
        name_zh="已通过检测验收楼栋数",
        name_en="Buildings past inspection",
        unit="栋",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=lambda: GasBuildingPlan.objects.filter(stage__gte=GasStage.INSPECTION),
    ),
    *[
        Indicator(
            code=f"gas_buildings_{STAGE_KEYS[stage]}",
            name_zh=f"处于“{zh}”阶段的楼栋数",
            name_en=f"Buildings at stage: {en}",
            unit="栋",
            kind=Kind.COUNT,
            over_time=Over.STOCK,
            rows=_at_stage(stage),
        )
        for stage, (zh, en) in STAGE_NAMES.items()
    ],
]
