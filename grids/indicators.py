"""The hierarchy's own figures, for the roll-ups: what each community holds, summed upwards."""

from django.db.models import Count, Q, Sum

from rollups.registry import Indicator, Kind, Over

from .models import Area, Building, Compound, GridRole, GridStaff, Level


def _staff(role: str):
    return lambda: GridStaff.objects.filter(role=role)


INDICATORS = [
    Indicator(
        code="grids",
        name_zh="网格数",
        name_en="Grids",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=lambda: Area.objects.filter(level=Level.GRID),
    ),
    Indicator(
        code="grid_workers",
        name_zh="网格员",
        name_en="Grid workers",
        unit="人",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=_staff(GridRole.GRID_WORKER),
    ),
    Indicator(
        code="building_heads",
        name_zh="楼栋长",
        name_en="Building heads",
        unit="人",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=_staff(GridRole.BUILDING_HEAD),
    ),
    Indicator(
        code="unit_heads",
        name_zh="单元长",
        name_en="Unit heads",
        unit="人",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=_staff(GridRole.UNIT_HEAD),
    ),
    Indicator(
        code="compounds",
        name_zh="小区数",
        name_en="Compounds",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=lambda: Compound.objects.all(),
    ),
    Indicator(
        code="households",
        name_zh="小区户数",
        name_en="Households in compounds",
        unit="户",
        kind=Kind.SUM,
        over_time=Over.STOCK,
        rows=lambda: Compound.objects.all(),
        value=Sum("households"),
    ),
    Indicator(
        code="buildings",
        name_zh="楼栋数",
        name_en="Buildings",
        unit="栋",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=lambda: Building.objects.all(),
    ),
    Indicator(
        code="buildings_with_grid",
        name_zh="楼栋入格率",
        name_en="Buildings assigned to a grid",
        unit="%",
        kind=Kind.RATE,
        over_time=Over.STOCK,
        rows=lambda: Building.objects.all(),
        numerator=Count("pk", filter=Q(grid__isnull=False)),
        denominator=Count("pk"),
    ),
]
