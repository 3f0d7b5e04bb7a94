"""The community services of the demo district, from the seeds.

What the seeds say, loaded as named records (`is_generated=False`):
- 光大社区 (双塔区龙山街道): a 739 m² city study room with 11,000 books (1.1万册), holiday care and health lectures
  for the old and the young there; 10 volunteer teams (跑得快, 百事帮 and eight more) with 631 volunteers serving
  over 3,000 hours a year (seed 000).
- 平城区: 文源社区's 幸福餐厅 (水泊寺街道), 60 seats, serving 800 seniors, with delivery and discounts for seniors,
  subsistence-allowance households and disabled residents; 路通苑小区's 幸福餐厅 in 新桥社区 (seed 004).

Where the seeds give only counts, generated records fill in and are marked `is_generated=True`; their names end
in （示例）:
- 双辽市: 24 canteens, 12 run by streets and 12 by townships (seed 001);
- 沁水县龙港镇: 3 幸福食堂 in trial operation that served about 110,000 meals in 2023 (seed 002);
- 双塔区: a street canteen (幸福餐厅 type: 60 seats, 800 seniors) in each of the nine streets serving two
  neighbouring communities, and a community canteen beside it;
- the volunteer teams' monthly hours (3,000 in 2025), the monthly canteen figures of 2025, prices (the seeds give
  none) and a few small wishes.

Synchronised by natural keys with `grids.demo.sync_rows`, so a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from grids.demo import PATH_ID_FIELDS, SHUANGLIAO_TOWNSHIPS, SHUANGTA, LoadReport, spread, sync_rows
from grids.models import Area, Level

from .models import (
    Canteen,
    CanteenKind,
    CanteenMonth,
    CanteenPrice,
    Facility,
    FacilityKind,
    OperatingModel,
    PriceGroup,
    SmallWish,
    VolunteerHours,
    VolunteerTeam,
)

SHUANGLIAO = "220382"
PINGCHENG = "140213"
QINSHUI = "140521"
GENERATED = "（示例）"
YEAR = 2025
MONTHS = [dt.date(YEAR, m, 1) for m in range(1, 13)]

# 光大社区 (seed 000)
GUANGDA = "光大社区"
STUDY_ROOM_AREA = Decimal("739")
STUDY_ROOM_BOOKS = 11000
VOLUNTEER_TEAMS = 10
VOLUNTEERS = 631
VOLUNTEER_HOURS_A_YEAR = 3000
NAMED_TEAMS = [("跑得快", "跑腿代办、上门理发"), ("百事帮", "小家电维修、陪聊")]

# 幸福餐厅 (seed 004): "可容纳60多人同时就餐，重点服务周边小区800余名老年人"
HAPPY_SEATS = 60
HAPPY_SENIORS = 800
# 龙港镇 (seed 002): "开始试运营的社区食堂已有3个，共服务约11万人次"
LONGGANG_CANTEENS = 3
LONGGANG_MEALS_2023 = 110000
# 双辽市 (seed 001): "全市共建设养老食堂24家，其中街道12家、乡镇12家"
SHUANGLIAO_STREET_CANTEENS = 12
SHUANGLIAO_TOWNSHIP_CANTEENS = 12

HOURS = "午餐 11:00–12:30，晚餐 17:00–18:00"
PRICES_NOTE = "价格为示例数据。"


@dataclass
class CanteenRow:
    district: str
    community: str
    name: str
    kind: str
    seats: int
    registered_seniors: int
    opened_on: dt.date
    delivers: bool
    generated: bool
    address: str = ""
    operator: str = ""
    operating_model: str = OperatingModel.SUBSIDY_COPAY
    delivery_note: str = ""
    serves: list[str] = field(default_factory=list)
    note: str = ""
    # (month, meals, seniors, deliveries, subsidy)
    months: list[tuple[dt.date, int, int, int, Decimal]] = field(default_factory=list)
    prices: list[tuple[str, int | None, Decimal]] = field(default_factory=list)


def standard_prices(base: int) -> list[tuple[str, int | None, Decimal]]:
    """Generated prices: the standard price, seniors 60+/70+/80+, and the other groups."""
    return [
        (PriceGroup.STANDARD, None, Decimal(base)),
        (PriceGroup.SENIOR, 60, Decimal(base - 3)),
        (PriceGroup.SENIOR, 70, Decimal(base - 5)),
        (PriceGroup.SENIOR, 80, Decimal(base - 7)),
        (PriceGroup.SUBSISTENCE, None, Decimal(base - 8)),
        (PriceGroup.DISABLED, None, Decimal(base - 8)),
        (PriceGroup.CONTRIBUTOR, None, Decimal(base - 10)),
    ]


def monthly(months: list[dt.date], meals: int, seniors: int, delivers: bool, seed: int) -> list[tuple[Any, ...]]:
    """Generated monthly figures: `meals` a year spread over `months`, a gentle seasonal wobble, 15% delivered,
    a subsidy of 3 yuan a meal."""
    rows = []
    for i, (month, value) in enumerate(zip(months, spread(meals, len(months)), strict=True)):
        value += ((i + seed) % 3 - 1) * 20
        deliveries = value * 15 // 100 if delivers else 0
        rows.append((month, value, min(seniors, value), deliveries, Decimal(value * 3)))
    return rows


def _shuangta_canteens(streets: list[Area], communities: dict[int, list[Area]]) -> list[CanteenRow]:
    rows = []
    for s, street in enumerate(streets):
        members = communities[street.pk]
        home, neighbours, beside = members[0], members[1:3], members[2]
        rows.append(
            CanteenRow(
                SHUANGTA,
                home.name,
                f"{street.name}幸福餐厅{GENERATED}",
                CanteenKind.STREET,
                HAPPY_SEATS,
                HAPPY_SENIORS,
                dt.date(2023, 3 + s % 9, 1),
                True,
                True,
                address=f"{street.name}{home.name}综合服务中心一楼",
                operator=f"{street.name}社区养老服务中心{GENERATED}",
                delivery_note="行动不便的老人可电话预约送餐上门",
                serves=[n.name for n in neighbours],
                note=PRICES_NOTE,
                months=monthly(MONTHS, 36000, HAPPY_SENIORS, True, s),
                prices=standard_prices(15),
            )
        )
        # The community next door has its own canteen too: it is served twice, and counted once.
        rows.append(
            CanteenRow(
                SHUANGTA,
                beside.name,
                f"{beside.name}爱心食堂{GENERATED}",
                CanteenKind.COMMUNITY,
                30,
                200,
                dt.date(2024, 1 + s % 12, 1),
                False,
                True,
                address=f"{beside.name}党群服务中心",
                operating_model=OperatingModel.COMMUNITY_RUN,
                note=PRICES_NOTE,
                months=monthly(MONTHS, 9000, 200, False, s + 1),
                prices=standard_prices(12)[:5],
            )
        )
    return rows


def _other_canteens(by_name: dict[tuple[str | None, str], Area]) -> list[CanteenRow]:
    rows = [
        CanteenRow(
            PINGCHENG,
            "文源社区",
            "文源社区幸福餐厅",
            CanteenKind.COMMUNITY,
            HAPPY_SEATS,
            HAPPY_SENIORS,
            dt.date(2023, 5, 1),
            True,
            False,
            address="平城区水泊寺街道文源社区",
            delivery_note="为独居、空巢老人送餐上门",
            note="针对70岁以上老人有“银发特色菜”；劳模、见义勇为伤残、因公伤残人员优先就餐、按需送餐。" + PRICES_NOTE,
            months=monthly(MONTHS, 36000, HAPPY_SENIORS, True, 0),
            prices=standard_prices(15)[:6],
        ),
        CanteenRow(
            PINGCHENG,
            "新桥社区",
            "路通苑小区幸福餐厅",
            CanteenKind.COMMUNITY,
            40,
            300,
            dt.date(2023, 9, 1),
            False,
            False,
            address="平城区新华街道新桥社区路通苑小区（原自行车棚改造）",
            note="座位数、开业日期和价格为示例数据。",
            months=monthly(MONTHS, 12000, 300, False, 1),
            prices=standard_prices(14)[:4],
        ),
    ]
    # 龙港镇: the three canteens opened in 2023; their meals add up to the seed's 110,000.
    longgang_months = [dt.date(2023, m, 1) for m in range(3, 13)]
    for n, meals in enumerate(spread(LONGGANG_MEALS_2023, LONGGANG_CANTEENS), start=1):
        figures = [
            (month, value, min(150, value), 0, Decimal(value * 2))
            for month, value in zip(longgang_months, spread(meals, len(longgang_months)), strict=True)
        ]
        rows.append(
            CanteenRow(
                QINSHUI,
                "杏园社区",
                f"龙港镇幸福食堂{n}号{GENERATED}",
                CanteenKind.COMMUNITY,
                50,
                150,
                dt.date(2023, 3, 1),
                False,
                True,
                address="沁水县龙港镇",
                operator="龙港镇人民政府、沁水县民政局",
                note="“政府补一点、个人出一点”的运营模式。" + PRICES_NOTE,
                months=figures,
                prices=standard_prices(12)[:3],
            )
        )
    # 双辽市: 12 street canteens, one in each community of its two streets; 12 township canteens, two a township.
    street_homes = sorted(
        name
        for (district, name) in by_name
        if district == SHUANGLIAO and (name == "西环社区" or name.startswith(("江西第", "双辽示例")))
    )
    township_homes = [f"{t[:-1]}第{n}社区" for t in SHUANGLIAO_TOWNSHIPS for n in (1, 2)]
    for i, home in enumerate(street_homes[:SHUANGLIAO_STREET_CANTEENS]):
        rows.append(_shuangliao_canteen(home, CanteenKind.STREET, i))
    for i, home in enumerate(township_homes[:SHUANGLIAO_TOWNSHIP_CANTEENS]):
        rows.append(_shuangliao_canteen(home, CanteenKind.TOWNSHIP, i))
    return rows


def _shuangliao_canteen(home: str, kind: str, i: int) -> CanteenRow:
    township = kind == CanteenKind.TOWNSHIP
    return CanteenRow(
        SHUANGLIAO,
        home,
        f"{home}养老食堂{GENERATED}",
        kind,
        30 if township else 40,
        120 if township else 200,
        dt.date(2024, 1 + i % 6, 1),
        not township,
        True,
        address=f"双辽市{home}",
        operating_model=OperatingModel.MUTUAL_AID if township else OperatingModel.SUBSIDY_COPAY,
        note="统一挂牌、统一运营。" + PRICES_NOTE,
        months=monthly(MONTHS, 6000 if township else 9000, 120 if township else 200, not township, i),
        prices=standard_prices(10 if township else 12)[:5],
    )


def _sync_canteens(rows: list[CanteenRow], by_name: dict[tuple[str | None, str], Area], report: LoadReport) -> None:
    wanted = []
    for row in rows:
        community = by_name[(row.district, row.community)]
        canteen = Canteen(
            community=community,
            name=row.name,
            kind=row.kind,
            address=row.address,
            operator=row.operator,
            operating_model=row.operating_model,
            seats=row.seats,
            registered_seniors=row.registered_seniors,
            opening_hours=HOURS,
            opened_on=row.opened_on,
            delivers=row.delivers,
            delivery_note=row.delivery_note,
            note=row.note,
            is_generated=row.generated,
            version=1,
        )
        canteen.copy_path_from(community, including_self=True)
        wanted.append(canteen)
    fields = [
        "kind",
        "address",
        "operator",
        "operating_model",
        "seats",
        "registered_seniors",
        "opening_hours",
        "opened_on",
        "delivers",
        "delivery_note",
        "note",
        "is_generated",
        *PATH_ID_FIELDS,
    ]
    community_ids = {c.community_id for c in wanted}
    existing = Canteen.objects.filter(community_id__in=community_ids)
    stored = sync_rows(Canteen, wanted, existing, lambda c: (c.community_id, c.name), fields, report)
    canteens = [stored[(c.community_id, c.name)] for c in wanted]

    # The other communities each canteen serves (the m2m rows; no history).
    through = Canteen.serves.through
    want_serves = {
        (canteen.pk, by_name[(row.district, name)].pk)
        for canteen, row in zip(canteens, rows, strict=True)
        for name in row.serves
    }
    have = set(through.objects.filter(canteen_id__in=[c.pk for c in canteens]).values_list("canteen_id", "area_id"))
    if want_serves - have:
        through.objects.bulk_create([through(canteen_id=c, area_id=a) for c, a in sorted(want_serves - have)])
        report.updated["Canteen"] += len({c for c, _a in want_serves - have})

    prices, figures = [], []
    for canteen, row in zip(canteens, rows, strict=True):
        for group, min_age, price in row.prices:
            p = CanteenPrice(canteen=canteen, group=group, min_age=min_age, price=price, version=1)
            _copy_path(p, canteen)
            prices.append(p)
        for month, meals, seniors, deliveries, subsidy in row.months:
            f = CanteenMonth(
                canteen=canteen,
                month=month,
                meals_served=meals,
                seniors_served=seniors,
                deliveries=deliveries,
                subsidy_paid=subsidy,
                is_generated=True,
                version=1,
            )
            _copy_path(f, canteen)
            figures.append(f)
    ids = [c.pk for c in canteens]
    sync_rows(
        CanteenPrice,
        prices,
        CanteenPrice.objects.filter(canteen_id__in=ids),
        lambda p: (p.canteen_id, p.group, p.min_age),
        ["price", *PATH_ID_FIELDS],
        report,
    )
    sync_rows(
        CanteenMonth,
        figures,
        CanteenMonth.objects.filter(canteen_id__in=ids),
        lambda f: (f.canteen_id, f.month),
        ["meals_served", "seniors_served", "deliveries", "subsidy_paid", "is_generated", *PATH_ID_FIELDS],
        report,
    )


def _copy_path(obj: Any, parent: Any) -> None:
    for f in PATH_ID_FIELDS:
        setattr(obj, f, getattr(parent, f))


def _sync_guangda(guangda: Area, report: LoadReport) -> None:
    def facility(kind: str, name: str, **values: Any) -> Facility:
        obj = Facility(community=guangda, kind=kind, name=name, version=1, **values)
        obj.copy_path_from(guangda, including_self=True)
        return obj

    facilities = [
        facility(
            FacilityKind.STUDY_ROOM,
            "光大社区城市书房",
            address="龙山街道光大社区",
            opening_hours="周二至周日 9:00–20:00（开放时间为示例）",
            floor_area=STUDY_ROOM_AREA,
            books=STUDY_ROOM_BOOKS,
            audience="辖区居民，特别是“一老一小”",
            description="20余家单位捐赠1.1万册图书及数字资源；“漂流书包”“15分钟阅读圈”。一楼设“舒心就业”驿站。",
        ),
        facility(
            FacilityKind.AFTER_SCHOOL,
            "光大社区假期托管",
            address="光大社区城市书房",
            opening_hours="寒暑假工作日 8:00–17:00（开放时间为示例）",
            audience="辖区儿童",
        ),
        facility(
            FacilityKind.LECTURES,
            "光大社区健康讲座",
            address="光大社区城市书房",
            opening_hours="每月安排，见社区通知",
            audience="辖区老人",
            description="健康讲座、免费体检。",
        ),
    ]
    sync_rows(
        Facility,
        facilities,
        Facility.objects.filter(community=guangda),
        lambda f: (f.community_id, f.kind, f.name),
        ["address", "opening_hours", "floor_area", "books", "fee", "audience", "description", *PATH_ID_FIELDS],
        report,
    )

    teams = []
    names = [*NAMED_TEAMS, *[(f"光大志愿服务队{n}{GENERATED}", "") for n in range(3, VOLUNTEER_TEAMS + 1)]]
    for (name, services), volunteers in zip(names, spread(VOLUNTEERS, VOLUNTEER_TEAMS), strict=True):
        team = VolunteerTeam(
            community=guangda,
            name=name,
            volunteers=volunteers,
            services=services,
            is_generated=name.endswith(GENERATED),
            version=1,
        )
        team.copy_path_from(guangda, including_self=True)
        teams.append(team)
    stored = sync_rows(
        VolunteerTeam,
        teams,
        VolunteerTeam.objects.filter(community=guangda),
        lambda t: (t.community_id, t.name),
        ["volunteers", "services", "is_generated", *PATH_ID_FIELDS],
        report,
    )
    hours = []
    for team, per_year in zip(teams, spread(VOLUNTEER_HOURS_A_YEAR, VOLUNTEER_TEAMS), strict=True):
        team = stored[(team.community_id, team.name)]
        for month, value in zip(MONTHS, spread(per_year, len(MONTHS)), strict=True):
            h = VolunteerHours(team=team, month=month, hours=Decimal(value), is_generated=True, version=1)
            _copy_path(h, team)
            hours.append(h)
    sync_rows(
        VolunteerHours,
        hours,
        VolunteerHours.objects.filter(team__community=guangda),
        lambda h: (h.team_id, h.month),
        ["hours", "is_generated", *PATH_ID_FIELDS],
        report,
    )

    wishes = []
    for n, (title, claimed, fulfilled) in enumerate(
        [
            ("独居老人需要一副老花镜", True, True),
            ("想给孩子借一套科普绘本", True, True),
            ("希望有人每周上门理发", True, True),
            ("楼道需要一盏感应灯", True, True),
            ("想学用智能手机挂号", True, False),
            ("需要一台助行器", False, False),
        ],
        start=1,
    ):
        posted = dt.date(YEAR, n, 5)
        wish = SmallWish(
            community=guangda,
            title=f"{title}{GENERATED}",
            posted_on=posted,
            claimed_on=posted + dt.timedelta(days=3) if claimed else None,
            claimed_by="光大社区党员志愿服务队" if claimed else "",
            fulfilled_on=posted + dt.timedelta(days=10) if fulfilled else None,
            is_generated=True,
            version=1,
        )
        wish.copy_path_from(guangda, including_self=True)
        wishes.append(wish)
    sync_rows(
        SmallWish,
        wishes,
        SmallWish.objects.filter(community=guangda),
        lambda w: (w.community_id, w.title),
        ["posted_on", "claimed_on", "claimed_by", "fulfilled_on", "is_generated", *PATH_ID_FIELDS],
        report,
    )


@transaction.atomic
def load_demo() -> LoadReport:
    """Bring the demo canteens, facilities, volunteer teams and small wishes to the planned state."""
    report = LoadReport()
    districts = [SHUANGTA, SHUANGLIAO, PINGCHENG, QINSHUI]
    areas = list(Area.objects.filter(district__code__in=districts, level__in=[Level.STREET, Level.COMMUNITY]))
    codes = dict(Area.objects.filter(code__in=districts).values_list("pk", "code"))
    by_name = {(codes.get(a.district_id or 0), a.name): a for a in areas if a.level == Level.COMMUNITY}
    streets = sorted(
        (a for a in areas if a.level == Level.STREET and codes.get(a.district_id or 0) == SHUANGTA), key=_code
    )
    communities: dict[int, list[Area]] = {}
    for a in sorted((a for a in areas if a.level == Level.COMMUNITY), key=_code):
        communities.setdefault(a.street_id or 0, []).append(a)
    rows = _shuangta_canteens(streets, communities) + _other_canteens(by_name)
    _sync_canteens(rows, by_name, report)
    _sync_guangda(by_name[(SHUANGTA, GUANGDA)], report)
    return report


def _code(area: Area) -> str:
    return area.code


def summary_lines() -> list[str]:
    """Canteens per district, what `load_demo` prints."""
    lines = []
    rows = (
        Canteen.objects.filter(district__code__in=[SHUANGTA, SHUANGLIAO, PINGCHENG, QINSHUI])
        .values("district__name")
        .annotate(n=Count("pk"), seats=Sum("seats"))
        .order_by("district__code")
    )
    for row in rows:
        lines.append(
            _("%(district)s：养老食堂 %(n)s 家，座位 %(seats)s 个")
            % {"district": row["district__name"], "n": row["n"], "seats": row["seats"]}
        )
    return lines
