"""The demo data: Shuangta District (双塔区) of Chaoyang City as the seed reports describe it, and the other
places the seeds report on (双辽市, 平城区 of 大同市, 沁水县 with 龙港镇) with what the seeds name there.

What the seeds name (places, compounds, figures) is loaded as named records (`is_generated=False`). Where the
seeds give only counts (9 streets, 57 communities, 702 grids and grid workers, 3,843 building heads, 13,376
unit heads) generated records fill in; they are marked `is_generated=True`, their names say they are generated
("红旗第3社区", "网格员0001") and generated people have no phone number.

Everything is planned in memory first (`build_plan()`, deterministic: same input, same rows, same order) and
then synchronised with the database by natural keys: areas by code, compounds by (community, name), buildings
by (compound, name), units by (building, name), grid staff by their place (grid / building / unit). A second
run therefore finds every row as planned and writes nothing. Generated rows are written with bulk_create in
batches (and their history rows with simple_history's bulk helper); bulk_create skips Model.save(), so the
path columns, pinyin and version are filled here.

Area codes: real administrative division codes where they are known (211302 双塔区 …); below district level
`<district code>-<street no>[-<community no>[-<grid no>]]`, which never collides with the all-digit real codes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .actions import official_create
from .models import Area, AreaKind, Building, Compound, GridRole, GridStaff, Level, Unit, pinyin_of

BATCH_SIZE = 2000
CHANGE_REASON = "load_demo"

# ---------------------------------------------------------------------------------------------------------------
# What the seeds say
# ---------------------------------------------------------------------------------------------------------------

CITIES = [
    ("211300", "朝阳市"),  # Liaoning
    ("220300", "四平市"),  # Jilin
    ("140200", "大同市"),  # Shanxi
    ("140500", "晋城市"),  # Shanxi
]
DISTRICTS = [
    ("211302", "双塔区", "211300", AreaKind.DISTRICT),
    ("220382", "双辽市", "220300", AreaKind.COUNTY_CITY),
    ("140213", "平城区", "140200", AreaKind.DISTRICT),
    ("140521", "沁水县", "140500", AreaKind.COUNTY),
]

SHUANGTA = "211302"
# "全区9个街道科学划分为702个网格，选聘702名专职网格员，3843名楼栋长、13376名单元长" (seed 000);
# "全区9个街道、57个社区" (seed 003).
SHUANGTA_GRIDS = 702
SHUANGTA_BUILDING_HEADS = 3843
SHUANGTA_UNIT_HEADS = 13376

# The nine streets: the seeds name 龙山, 红旗, 前进, 光明 and 双塔. The other four are names from the published list
# of Shuangta's sub-districts that the seeds do not mention; since the seeds do not vouch for them they are
# marked generated, like everything in them. Communities the seeds name, with the figures they give.
SHUANGTA_STREETS: list[tuple[str, bool, list[tuple[str, int | None]]]] = [
    ("龙山街道", True, [("光大社区", 13000)]),  # 光大社区: 常住人口1.3万
    ("红旗街道", True, []),
    ("前进街道", True, []),
    ("光明街道", True, [("光明社区", None)]),  # a 舒心就业 station
    (
        "双塔街道",
        True,
        [("双塔社区", None), ("五一社区", None), ("双兴社区", None)],
    ),  # 银河小区 in 双塔社区; 五一社区 (seed 003)
    ("凌河街道", False, []),
    ("站南街道", False, []),
    ("凌凤街道", False, []),
    ("燕北街道", False, []),
]
COMMUNITIES_PER_STREET = (7, 7, 7, 6, 6, 6, 6, 6, 6)  # 57

# Compounds of Shuangta the seeds name. buildings: how many buildings to give it (the seeds give 27 only for
# 银河小区; elsewhere the buildings are generated); households None: the sum of its generated units.
SHUANGTA_NAMED_COMPOUNDS: list[dict[str, Any]] = [
    # "银河小区…由银河和双兴小区组成，始建于上世纪90年代，房屋总建筑面积12.8万平方米，有27栋楼1582户居民" (seed 003)
    {"name": "银河小区", "community": "双塔社区", "buildings": 27, "households": 1582, "floor_area": 128000},
    # 2021 renovation next to 银河小区 (seed 003); location in 双塔街道 assumed
    {"name": "西街小区", "community": "五一社区", "buildings": 8, "households": None, "floor_area": None},
]
# 2025 renovation: "红旗、前进、光明、双塔4个街道的11个小区…改造面积达39.7万平方米，惠及5753户居民" (seed 000).
# 老城小区, 博南小区 and 北市南小区 are named; eight more are generated. Households and floor area are split
# evenly so the eleven add up to the seeds' totals.
RENOVATION_2025_HOUSEHOLDS = 5753
RENOVATION_2025_FLOOR_AREA = 397000
RENOVATION_2025_NAMED = [("老城小区", "红旗第1社区"), ("北市南小区", "前进第1社区"), ("博南小区", "光明社区")]
RENOVATION_2025_GENERATED_IN = ["红旗第3社区", "红旗第4社区", "前进第2社区", "前进第3社区"]
RENOVATION_2025_GENERATED_IN += ["光明第1社区", "光明第2社区", "双塔第1社区", "双塔第2社区"]
RENOVATION_BUILDINGS = 12
# Gas: "高层建筑燃气开通共涉及15个小区10216户居民"; "整个鼎盛公寓362户居民" (seed 000); high-rise, built before 2005.
GAS_HOUSEHOLDS = 10216
GAS_NAMED = ("鼎盛公寓", "红旗第2社区", 362, 3)  # name, community, households, buildings
GAS_GENERATED = 14
GAS_BUILDINGS = 6

HIGH_RISE_FLOORS = 18
WALK_UP_FLOORS = 6


@dataclass(frozen=True)
class OtherPlace:
    """A district the seeds report on, with the streets, communities and compounds they name there."""

    code: str
    # street name, kind, is_generated, [(community name, kind, is_generated, [compound names])]
    streets: list[tuple[str, str, bool, list[tuple[str, str, bool, list[str]]]]]


SHUANGLIAO_TOWNSHIPS = ["双山镇", "茂林镇", "东明镇", "鸭场镇", "新立乡", "柳条乡"]

OTHER_PLACES = [
    # Seed 001. 江西街道西环社区 hosts a training school. The compounds whose heating was renovated and the
    # resettlement compounds are named without their street, so they sit in one generated placeholder community.
    OtherPlace(
        "220382",
        [
            (
                "江西街道",
                AreaKind.STREET,
                False,
                [
                    ("西环社区", AreaKind.COMMUNITY, False, []),
                    # Generated homes for the seed's 12 street canteens (services demo).
                    ("江西第1社区", AreaKind.COMMUNITY, True, []),
                    ("江西第2社区", AreaKind.COMMUNITY, True, []),
                    ("江西第3社区", AreaKind.COMMUNITY, True, []),
                    ("江西第4社区", AreaKind.COMMUNITY, True, []),
                    ("江西第5社区", AreaKind.COMMUNITY, True, []),
                ],
            ),
            (
                "双辽示例街道",
                AreaKind.STREET,
                True,
                [
                    (
                        "双辽示例社区",
                        AreaKind.COMMUNITY,
                        True,
                        [
                            "辽河第一城",
                            "辽河第一城北区",
                            "木器厂小区",
                            "枫桦钰城小区",
                            "理想城邦小区",
                            "北丰小区",
                            "站前医药小区",
                            "北兴小区",
                            "中泰小区",
                            "佳苑新居",
                            "如意雅居",
                            "西善小区",
                        ],
                    ),
                    ("双辽示例第1社区", AreaKind.COMMUNITY, True, []),
                    ("双辽示例第2社区", AreaKind.COMMUNITY, True, []),
                    ("双辽示例第3社区", AreaKind.COMMUNITY, True, []),
                    ("双辽示例第4社区", AreaKind.COMMUNITY, True, []),
                    ("双辽示例第5社区", AreaKind.COMMUNITY, True, []),
                ],
            ),
            # "全市共建设养老食堂24家，其中街道12家、乡镇12家" (seed 001): the township canteens need townships. The
            # seed names these six by their health centres (双山、茂林、东明、鸭场卫生院; 新立、柳条卫生院); 镇/乡 is
            # assumed. Their communities are generated.
            (
                "双山镇",
                AreaKind.TOWNSHIP,
                False,
                [("双山第1社区", AreaKind.COMMUNITY, True, []), ("双山第2社区", AreaKind.COMMUNITY, True, [])],
            ),
            (
                "茂林镇",
                AreaKind.TOWNSHIP,
                False,
                [("茂林第1社区", AreaKind.COMMUNITY, True, []), ("茂林第2社区", AreaKind.COMMUNITY, True, [])],
            ),
            (
                "东明镇",
                AreaKind.TOWNSHIP,
                False,
                [("东明第1社区", AreaKind.COMMUNITY, True, []), ("东明第2社区", AreaKind.COMMUNITY, True, [])],
            ),
            (
                "鸭场镇",
                AreaKind.TOWNSHIP,
                False,
                [("鸭场第1社区", AreaKind.COMMUNITY, True, []), ("鸭场第2社区", AreaKind.COMMUNITY, True, [])],
            ),
            (
                "新立乡",
                AreaKind.TOWNSHIP,
                False,
                [("新立第1社区", AreaKind.COMMUNITY, True, []), ("新立第2社区", AreaKind.COMMUNITY, True, [])],
            ),
            (
                "柳条乡",
                AreaKind.TOWNSHIP,
                False,
                [("柳条第1社区", AreaKind.COMMUNITY, True, []), ("柳条第2社区", AreaKind.COMMUNITY, True, [])],
            ),
        ],
    ),
    # Seed 004.
    OtherPlace(
        "140213",
        [
            (
                "新华街道",
                AreaKind.STREET,
                False,
                [
                    ("鸿浩嘉园社区", AreaKind.COMMUNITY, False, []),
                    ("新桥社区", AreaKind.COMMUNITY, False, ["路通苑小区"]),  # its 幸福餐厅
                ],
            ),
            ("鹿苑街道", AreaKind.STREET, False, [("站东社区", AreaKind.COMMUNITY, False, ["南官房小区"])]),
            (
                "新旺街道",
                AreaKind.STREET,
                False,
                [("馨泰花园社区", AreaKind.COMMUNITY, False, []), ("工农路社区", AreaKind.COMMUNITY, False, [])],
            ),
            # 文源社区's 幸福餐厅 serves 碧水云天河湾 (placed in 文源社区: the seed names no community for it)
            ("水泊寺街道", AreaKind.STREET, False, [("文源社区", AreaKind.COMMUNITY, False, ["碧水云天河湾"])]),
            ("马军营街道", AreaKind.STREET, False, []),
            ("大庆路街道", AreaKind.STREET, False, []),
            ("武定街道", AreaKind.STREET, False, []),
            ("御河街道", AreaKind.STREET, False, [("田村", AreaKind.VILLAGE, False, [])]),
        ],
    ),
    # Seed 002: 龙港镇's 幸福食堂; 山水和园小区 and 杏园社区 by the pocket parks (placed together in 龙港镇).
    OtherPlace(
        "140521",
        [("龙港镇", AreaKind.TOWNSHIP, False, [("杏园社区", AreaKind.COMMUNITY, False, ["山水和园小区"])])],
    ),
]

DEMO_OFFICIAL_USERNAME = "longshan"
DEMO_OFFICIAL_PASSWORD = "demo-pass-2025"
LONGSHAN_CODE = f"{SHUANGTA}-01"

# ---------------------------------------------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaRow:
    code: str
    name: str
    level: int
    kind: str
    parent: str | None
    population: int | None = None
    is_generated: bool = False


@dataclass
class UnitRow:
    name: str
    households: int


@dataclass
class BuildingRow:
    name: str
    grid: str | None
    floors: int
    units: list[UnitRow]

    @property
    def households(self) -> int:
        return sum(u.households for u in self.units)


@dataclass
class CompoundRow:
    community: str
    name: str
    is_generated: bool
    high_rise: bool = False
    year_built: int | None = None
    floor_area: Decimal | None = None
    buildings: list[BuildingRow] = field(default_factory=list)
    households: int = 0
    campaign: str = ""  # RENOVATION_2025 or GAS_CAMPAIGN: what the seeds count it in


@dataclass
class Plan:
    areas: list[AreaRow]
    compounds: list[CompoundRow]
    # (community code, compound name) of the 2025 renovation and the gas campaign, for the projects' demo
    renovation_2025: list[tuple[str, str]]
    gas_campaign: list[tuple[str, str]]


def spread(total: int, parts: int) -> list[int]:
    """`total` split into `parts` whole numbers differing by at most one, the larger ones interleaved."""
    return [(total * (i + 1)) // parts - (total * i) // parts for i in range(parts)]


def _shuangta_areas() -> list[AreaRow]:
    rows: list[AreaRow] = []
    for s, (street, in_seeds, named_communities) in enumerate(SHUANGTA_STREETS, start=1):
        street_code = f"{SHUANGTA}-{s:02d}"
        rows.append(AreaRow(street_code, street, Level.STREET, AreaKind.STREET, SHUANGTA, is_generated=not in_seeds))
        names = list(named_communities)
        short = street.removesuffix("街道")
        names += [(f"{short}第{n}社区", None) for n in range(1, COMMUNITIES_PER_STREET[s - 1] - len(names) + 1)]
        for c, (name, population) in enumerate(names, start=1):
            generated = not in_seeds or (name, population) not in named_communities
            rows.append(
                AreaRow(
                    f"{street_code}-{c:02d}",
                    name,
                    Level.COMMUNITY,
                    AreaKind.COMMUNITY,
                    street_code,
                    population=population,
                    is_generated=generated,
                )
            )
    communities = [r for r in rows if r.level == Level.COMMUNITY]
    for community, grids in zip(communities, spread(SHUANGTA_GRIDS, len(communities)), strict=True):
        for g in range(1, grids + 1):
            rows.append(
                AreaRow(
                    f"{community.code}-{g:02d}",
                    f"{community.name}第{g}网格",
                    Level.GRID,
                    AreaKind.GRID,
                    community.code,
                    is_generated=True,
                )
            )
    return rows


def _fill_households(compound: CompoundRow, households: int | None) -> None:
    """Units get `households` split evenly, or (None) two flats a floor; the compound holds their sum."""
    units = [u for b in compound.buildings for u in b.units]
    if households is None:
        for b in compound.buildings:
            for u in b.units:
                u.households = 2 * b.floors
    else:
        assert households >= len(units), f"{compound.name}: fewer households than units"
        for unit, value in zip(units, spread(households, len(units)), strict=True):
            unit.households = value
        if not compound.high_rise:
            for b in compound.buildings:
                b.floors = max(WALK_UP_FLOORS, -(-max(u.households for u in b.units) // 2))
    compound.households = sum(u.households for u in units)


@dataclass(frozen=True)
class _Wanted:
    """A compound a community must hold."""

    name: str | None  # None: generated, named after its community
    buildings: int
    households: int | None = None  # None: two flats a floor in every unit
    high_rise: bool = False
    year_built: int | None = None
    floor_area: int | None = None  # None for a generated compound: from its households
    campaign: str = ""


RENOVATION_2025 = "renovation_2025"
GAS_CAMPAIGN = "gas"


def _shuangta_compounds(areas: list[AreaRow]) -> list[CompoundRow]:
    communities = [a for a in areas if a.level == Level.COMMUNITY]
    code_of = {a.name: a.code for a in communities}
    grids_of: dict[str, list[str]] = {}
    for a in areas:
        if a.level == Level.GRID:
            grids_of.setdefault(a.parent or "", []).append(a.code)

    wanted: dict[str, list[_Wanted]] = {a.code: [] for a in communities}
    for c in SHUANGTA_NAMED_COMPOUNDS:
        wanted[code_of[c["community"]]].append(
            _Wanted(c["name"], c["buildings"], c["households"], floor_area=c["floor_area"])
        )
    renovation: list[tuple[str | None, str]] = [*RENOVATION_2025_NAMED]
    renovation += [(None, where) for where in RENOVATION_2025_GENERATED_IN]
    households = spread(RENOVATION_2025_HOUSEHOLDS, len(renovation))
    floor_areas = spread(RENOVATION_2025_FLOOR_AREA, len(renovation))
    for i, (name, where) in enumerate(renovation):
        year = None if name else 1985 + i
        wanted[code_of[where]].append(
            _Wanted(name, RENOVATION_BUILDINGS, households[i], False, year, floor_areas[i], RENOVATION_2025)
        )
    gas_name, gas_community, named_households, named_buildings = GAS_NAMED
    wanted[code_of[gas_community]].append(
        _Wanted(gas_name, named_buildings, named_households, high_rise=True, campaign=GAS_CAMPAIGN)
    )
    # The generated high-rise compounds go to the last generated communities of each street in turn.
    by_street: list[list[str]] = [[] for _ in SHUANGTA_STREETS]
    for a in communities:
        if a.is_generated:
            by_street[int(a.code.split("-")[1]) - 1].append(a.code)
    for g, value in enumerate(spread(GAS_HOUSEHOLDS - named_households, GAS_GENERATED)):
        code = by_street[g % len(by_street)][-1 - g // len(by_street)]
        wanted[code].append(_Wanted(None, GAS_BUILDINGS, value, True, 1998 + g % 7, value * 90, GAS_CAMPAIGN))

    buildings_per_grid = iter(spread(SHUANGTA_BUILDING_HEADS, SHUANGTA_GRIDS))
    units_per_building = iter(spread(SHUANGTA_UNIT_HEADS, SHUANGTA_BUILDING_HEADS))
    compounds: list[CompoundRow] = []
    ordinary = 0
    for community in communities:
        # Every grid's buildings, in grid order; the compounds take them in turn.
        slots = [grid for grid in grids_of[community.code] for _ in range(next(buildings_per_grid))]
        specs = wanted[community.code]
        free = len(slots) - sum(spec.buildings for spec in specs)
        assert free >= 0, f"{community.name}: more buildings wanted than its grids hold"
        for size in spread(free, -(-free // 10)) if free else []:
            specs.append(_Wanted(None, size, year_built=1980 + (ordinary * 7) % 40))
            ordinary += 1
        generated_no = 0
        for spec in specs:
            name = spec.name
            if name is None:
                generated_no += 1
                name = f"{community.name}{generated_no}号小区"
            compound = CompoundRow(community.code, name, spec.name is None, spec.high_rise, spec.year_built)
            compound.campaign = spec.campaign
            floors = HIGH_RISE_FLOORS if spec.high_rise else WALK_UP_FLOORS
            for b in range(1, spec.buildings + 1):
                units = [UnitRow(f"{u}单元", 0) for u in range(1, next(units_per_building) + 1)]
                compound.buildings.append(BuildingRow(f"{b}号楼", slots.pop(0), floors, units))
            _fill_households(compound, spec.households)
            area = spec.floor_area
            if area is None and spec.name is None:
                area = compound.households * (90 if spec.high_rise else 70)
            compound.floor_area = Decimal(area) if area is not None else None
            compounds.append(compound)
    assert next(buildings_per_grid, None) is None and next(units_per_building, None) is None
    return compounds


def build_plan() -> Plan:
    """Every area and compound of the demo, in a fixed order."""
    areas = [AreaRow(code, name, Level.CITY, AreaKind.CITY, None) for code, name in CITIES]
    areas += [AreaRow(code, name, Level.DISTRICT, kind, city) for code, name, city, kind in DISTRICTS]
    shuangta = _shuangta_areas()
    compounds = _shuangta_compounds(shuangta)
    areas += shuangta
    for place in OTHER_PLACES:
        for s, (street, street_kind, street_generated, communities) in enumerate(place.streets, start=1):
            street_code = f"{place.code}-{s:02d}"
            areas.append(AreaRow(street_code, street, Level.STREET, street_kind, place.code, None, street_generated))
            for c, (name, kind, generated, compound_names) in enumerate(communities, start=1):
                code = f"{street_code}-{c:02d}"
                areas.append(AreaRow(code, name, Level.COMMUNITY, kind, street_code, None, generated))
                compounds += [CompoundRow(code, compound, False) for compound in compound_names]
    areas.sort(key=lambda a: a.level)  # parents before children; stable within a level
    renovation = [(c.community, c.name) for c in compounds if c.campaign == RENOVATION_2025]
    gas = [(c.community, c.name) for c in compounds if c.campaign == GAS_CAMPAIGN]
    return Plan(areas, compounds, renovation, gas)


# ---------------------------------------------------------------------------------------------------------------
# Writing it
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def lines(self) -> list[str]:
        """What was written, per kind of record (keys are model class names, as `sync_rows` counts them)."""
        names = {m.__name__: str(m._meta.verbose_name) for m in django_apps.get_models()}
        return [
            _("%(model)s：新增 %(created)s，更新 %(updated)s")
            % {"model": names.get(model, model), "created": self.created[model], "updated": self.updated[model]}
            for model in dict.fromkeys([*self.created, *self.updated])
            if self.created[model] or self.updated[model]
        ]


PATH_ID_FIELDS = ["city_id", "district_id", "street_id", "community_id"]


def sync_rows(
    model: type[models.Model],
    wanted: list[Any],
    existing: Iterable[Any],
    key: Callable[[Any], Any],
    fields: list[str],
    report: LoadReport,
) -> dict[Any, Any]:
    """Create the wanted rows that are missing (in bulk, with history) and correct those that differ (saved one by
    one, so versions and history follow); returns every wanted row by key. Other apps' demo loaders use it too, so
    a second `load_demo` changes nothing anywhere."""
    stored = {key(obj): obj for obj in existing}
    result: dict[Any, Any] = {}
    new = []
    for obj in wanted:
        k = key(obj)
        old = stored.get(k)
        if old is None:
            new.append(obj)
            result[k] = obj
            continue
        diff = [f for f in fields if getattr(old, f) != getattr(obj, f)]
        if diff:
            for f in diff:
                setattr(old, f, getattr(obj, f))
            old._change_reason = CHANGE_REASON
            old.save()
            report.updated[model.__name__] += 1
        result[k] = old
    if new:
        bulk_create_with_history(new, model, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON)
        assert all(obj.pk for obj in new), "the database did not return the new primary keys"
        report.created[model.__name__] += len(new)
    return result


def _chunks(values: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _sync_areas(plan: Plan, report: LoadReport) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    fields = ["name", "level", "kind", "parent_id", "population", "is_generated", "pinyin", "initials", *PATH_ID_FIELDS]
    for level in Level.values:
        rows = [r for r in plan.areas if r.level == level]
        wanted = []
        for r in rows:
            parent = areas[r.parent] if r.parent else None
            area = Area(
                code=r.code,
                name=r.name,
                level=r.level,
                kind=r.kind,
                parent=parent,
                population=r.population,
                is_generated=r.is_generated,
                version=1,
            )
            area.copy_path_from(parent, including_self=True)
            area.pinyin, area.initials = pinyin_of(r.name)
            wanted.append(area)
        existing = [a for chunk in _chunks([r.code for r in rows]) for a in Area.objects.filter(code__in=chunk)]
        areas.update(sync_rows(Area, wanted, existing, lambda a: a.code, fields, report))
    return areas


def _sync_compounds(plan: Plan, areas: dict[str, Area], report: LoadReport) -> dict[tuple[int, str], Compound]:
    community_ids = list({areas[c.community].pk for c in plan.compounds})
    wanted = []
    for row in plan.compounds:
        community = areas[row.community]
        compound = Compound(
            community=community,
            name=row.name,
            year_built=row.year_built,
            households=row.households,
            floor_area=row.floor_area,
            high_rise=row.high_rise,
            is_generated=row.is_generated,
            version=1,
        )
        compound.copy_path_from(community, including_self=True)
        compound.pinyin, compound.initials = pinyin_of(row.name)
        wanted.append(compound)
    fields = ["year_built", "households", "floor_area", "high_rise", "is_generated", "pinyin", "initials"]
    existing = Compound.objects.filter(community_id__in=community_ids)
    return sync_rows(Compound, wanted, existing, lambda c: (c.community_id, c.name), fields + PATH_ID_FIELDS, report)


def _sync_buildings_and_units(
    plan: Plan, areas: dict[str, Area], compounds: dict[tuple[int, str], Compound], report: LoadReport
) -> tuple[list[tuple[Building, BuildingRow]], list[Unit]]:
    community_ids = list({areas[c.community].pk for c in plan.compounds})
    wanted_buildings: list[Building] = []
    rows: list[BuildingRow] = []
    for crow in plan.compounds:
        compound = compounds[(areas[crow.community].pk, crow.name)]
        for brow in crow.buildings:
            building = Building(
                compound=compound,
                grid=areas[brow.grid] if brow.grid else None,
                name=brow.name,
                floors=brow.floors,
                households=brow.households,
                is_generated=True,
                version=1,
            )
            building.copy_path_from(areas[crow.community], including_self=True)
            wanted_buildings.append(building)
            rows.append(brow)
    fields = ["grid_id", "floors", "households", "is_generated", *PATH_ID_FIELDS]
    existing = Building.objects.filter(community_id__in=community_ids)
    stored = sync_rows(Building, wanted_buildings, existing, lambda b: (b.compound_id, b.name), fields, report)
    buildings = [(stored[(b.compound_id, b.name)], row) for b, row in zip(wanted_buildings, rows, strict=True)]

    wanted_units: list[Unit] = []
    for building, brow in buildings:
        for urow in brow.units:
            unit = Unit(building=building, name=urow.name, households=urow.households, is_generated=True, version=1)
            for f in PATH_ID_FIELDS:
                setattr(unit, f, getattr(building, f))
            wanted_units.append(unit)
    fields = ["households", "is_generated", *PATH_ID_FIELDS]
    existing_units = Unit.objects.filter(community_id__in=community_ids)
    stored_units = sync_rows(Unit, wanted_units, existing_units, lambda u: (u.building_id, u.name), fields, report)
    units = [stored_units[(u.building_id, u.name)] for u in wanted_units]
    return buildings, units


def _staff_key(staff: GridStaff) -> tuple[str, int | None]:
    place = {GridRole.BUILDING_HEAD: staff.building_id, GridRole.UNIT_HEAD: staff.unit_id}
    return staff.role, place.get(staff.role, staff.grid_id)  # type: ignore[call-overload]


def _sync_staff(
    areas: dict[str, Area], buildings: list[tuple[Building, BuildingRow]], units: list[Unit], report: LoadReport
) -> None:
    grids = [a for a in areas.values() if a.level == Level.GRID]
    wanted: list[GridStaff] = []

    def person(role: str, name: str, grid: Area, building: Building | None = None, unit: Unit | None = None) -> None:
        staff = GridStaff(
            role=role, grid=grid, building=building, unit=unit, name=name, phone="", is_generated=True, version=1
        )
        for f in PATH_ID_FIELDS:  # a grid's community column is its parent
            setattr(staff, f, getattr(grid, f))
        wanted.append(staff)

    for n, grid in enumerate(grids, start=1):
        person(GridRole.GRID_WORKER, f"网格员{n:04d}", grid)
    grid_by_id = {g.pk: g for g in grids}
    placed: dict[int, tuple[Building, Area]] = {}  # buildings with a grid, whose heads work in that grid
    for n, (building, _row) in enumerate(buildings, start=1):
        if building.grid_id in grid_by_id:
            placed[building.pk] = (building, grid_by_id[building.grid_id])
            person(GridRole.BUILDING_HEAD, f"楼栋长{n:04d}", placed[building.pk][1], building)
    for n, unit in enumerate(units, start=1):
        if unit.building_id in placed:
            building, grid = placed[unit.building_id]
            person(GridRole.UNIT_HEAD, f"单元长{n:05d}", grid, building, unit)
    community_ids = list({g.parent_id for g in grids})
    fields = ["name", "phone", "grid_id", "building_id", "unit_id", "is_generated", *PATH_ID_FIELDS]
    existing = GridStaff.objects.filter(community_id__in=community_ids)
    sync_rows(GridStaff, wanted, existing, _staff_key, fields, report)


@transaction.atomic
def load_demo() -> LoadReport:
    """Bring the demo areas, compounds, buildings, units and grid staff to the planned state."""
    plan = build_plan()
    report = LoadReport()
    areas = _sync_areas(plan, report)
    compounds = _sync_compounds(plan, areas, report)
    buildings, units = _sync_buildings_and_units(plan, areas, compounds, report)
    _sync_staff(areas, buildings, units, report)
    return report


def ensure_demo_official(*, password: str) -> tuple[Any, bool]:
    """The demo official `longshan`, responsible for 龙山街道. The password is set only when the account is new,
    so a second run changes nothing."""
    created = not get_user_model().objects.filter(username=DEMO_OFFICIAL_USERNAME).exists()
    user = official_create(
        username=DEMO_OFFICIAL_USERNAME,
        password=password if created else None,
        areas=[Area.objects.get(code=LONGSHAN_CODE)],
    )
    return user, created


# ---------------------------------------------------------------------------------------------------------------
# Reading it back
# ---------------------------------------------------------------------------------------------------------------


def demo_compounds(keys: list[tuple[str, str]]) -> models.QuerySet[Compound]:
    """Compounds by (community code, name), e.g. `demo_compounds(build_plan().gas_campaign)`."""
    q = models.Q(pk__in=[])
    for code, name in keys:
        q |= models.Q(community__code=code, name=name)
    return Compound.objects.filter(q)


def summary_lines() -> list[str]:
    """Counts per district and level, and the grid staff per role: what `load_demo` prints."""
    codes = [code for code, *_ in DISTRICTS]
    districts = sorted(Area.objects.filter(code__in=codes), key=lambda d: codes.index(d.code))
    by_level: dict[tuple[int, int], int] = {}
    for district_id, level, n in (
        Area.objects.filter(district__code__in=codes)
        .values("district_id", "level")
        .annotate(n=models.Count("id"))
        .values_list("district_id", "level", "n")
    ):
        by_level[(district_id, level)] = n

    def per_district(model: type[models.Model]) -> dict[int, int]:
        rows = (
            model._default_manager.filter(district__code__in=codes).values("district_id").annotate(n=models.Count("id"))
        )
        return {r["district_id"]: r["n"] for r in rows}

    compounds, buildings, units = per_district(Compound), per_district(Building), per_district(Unit)
    lines = []
    for d in districts:
        lines.append(
            _(
                "%(district)s：街道/乡镇 %(streets)s，社区/村 %(communities)s，网格 %(grids)s，"
                "小区 %(compounds)s，楼栋 %(buildings)s，单元 %(units)s"
            )
            % {
                "district": d.name,
                "streets": by_level.get((d.pk, Level.STREET), 0),
                "communities": by_level.get((d.pk, Level.COMMUNITY), 0),
                "grids": by_level.get((d.pk, Level.GRID), 0),
                "compounds": compounds.get(d.pk, 0),
                "buildings": buildings.get(d.pk, 0),
                "units": units.get(d.pk, 0),
            }
        )
    roles = dict(
        GridStaff.objects.filter(district__code=SHUANGTA)
        .values("role")
        .annotate(n=models.Count("id"))
        .values_list("role", "n")
    )
    lines.append(
        _("双塔区网格人员：")
        + "，".join(f"{label} {roles.get(value, 0)}" for value, label in GridRole.choices if roles.get(value))
    )
    return lines
