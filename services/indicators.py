"""Figures of the community services for the roll-ups: canteens, meals, study rooms, volunteers, small wishes.

Monthly figures are flows dated by their month (a quarter is the sum of its months). Canteens and seats are
stocks counted from the opening date until the closing date. Communities covered counts each community once,
however many canteens are in it or serve it.
"""

from django.db.models import Count, Exists, OuterRef, Q, Sum

from grids.models import Area, Level
from rollups.registry import Indicator, Kind, Over

from .models import (
    Canteen,
    CanteenMonth,
    CanteenStatus,
    Facility,
    FacilityKind,
    SmallWish,
    VolunteerHours,
    VolunteerTeam,
)


def communities_covered():
    """Communities with an open canteen in them or an open canteen serving them: one row per community."""
    open_canteens = Canteen.objects.filter(status=CanteenStatus.OPEN)
    return Area.objects.filter(level=Level.COMMUNITY).filter(
        Exists(open_canteens.filter(community_id=OuterRef("pk"))) | Exists(open_canteens.filter(serves=OuterRef("pk")))
    )


def _study_rooms():
    return Facility.objects.filter(kind=FacilityKind.STUDY_ROOM)


INDICATORS = [
    Indicator(
        code="canteens_open",
        name_zh="养老食堂（营业中）",
        name_en="Elderly canteens open",
        unit="家",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=lambda: Canteen.objects.all(),
        date_field="opened_on",
        end_field="closed_on",
    ),
    Indicator(
        code="canteen_communities_covered",
        name_zh="有养老食堂服务的社区",
        name_en="Communities served by a canteen",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=communities_covered,
        community_field="id",
        description="每个社区只计一次，无论有几家食堂",
    ),
    Indicator(
        code="canteen_seats",
        name_zh="养老食堂座位",
        name_en="Canteen seats",
        unit="个",
        kind=Kind.SUM,
        over_time=Over.STOCK,
        rows=lambda: Canteen.objects.all(),
        value=Sum("seats"),
        date_field="opened_on",
        end_field="closed_on",
    ),
    Indicator(
        code="canteen_registered_seniors",
        name_zh="养老食堂登记服务老人",
        name_en="Seniors registered at canteens",
        unit="人",
        kind=Kind.SUM,
        over_time=Over.STOCK,
        rows=lambda: Canteen.objects.all(),
        value=Sum("registered_seniors"),
        date_field="opened_on",
        end_field="closed_on",
    ),
    Indicator(
        code="canteen_meals",
        name_zh="养老食堂就餐人次",
        name_en="Meals served at canteens",
        unit="人次",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=lambda: CanteenMonth.objects.all(),
        value=Sum("meals_served"),
        date_field="month",
    ),
    Indicator(
        code="canteen_seniors_served",
        name_zh="养老食堂服务老人（各月合计）",
        name_en="Seniors served at canteens (sum of months)",
        unit="人·月",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=lambda: CanteenMonth.objects.all(),
        value=Sum("seniors_served"),
        date_field="month",
        description="一个月内为当月服务的老人数；季度、年度为各月之和",
    ),
    Indicator(
        code="canteen_deliveries",
        name_zh="养老食堂送餐份数",
        name_en="Meals delivered by canteens",
        unit="份",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=lambda: CanteenMonth.objects.all(),
        value=Sum("deliveries"),
        date_field="month",
    ),
    Indicator(
        code="canteen_subsidy",
        name_zh="养老食堂补贴金额",
        name_en="Canteen subsidies paid",
        unit="元",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=lambda: CanteenMonth.objects.all(),
        value=Sum("subsidy_paid"),
        date_field="month",
    ),
    Indicator(
        code="study_rooms",
        name_zh="城市书房",
        name_en="City study rooms",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=_study_rooms,
    ),
    Indicator(
        code="study_room_books",
        name_zh="城市书房藏书",
        name_en="Books in city study rooms",
        unit="册",
        kind=Kind.SUM,
        over_time=Over.STOCK,
        rows=_study_rooms,
        value=Sum("books"),
    ),
    Indicator(
        code="volunteer_teams",
        name_zh="志愿服务队",
        name_en="Volunteer teams",
        unit="支",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=lambda: VolunteerTeam.objects.all(),
    ),
    Indicator(
        code="volunteers",
        name_zh="志愿者",
        name_en="Volunteers",
        unit="人",
        kind=Kind.SUM,
        over_time=Over.STOCK,
        rows=lambda: VolunteerTeam.objects.all(),
        value=Sum("volunteers"),
    ),
    Indicator(
        code="volunteer_hours",
        name_zh="志愿服务时长",
        name_en="Volunteer hours served",
        unit="小时",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=lambda: VolunteerHours.objects.all(),
        value=Sum("hours"),
        date_field="month",
    ),
    Indicator(
        code="wishes_claimed",
        name_zh="微心愿认领",
        name_en="Small wishes claimed",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.FLOW,
        rows=lambda: SmallWish.objects.all(),
        date_field="claimed_on",
    ),
    Indicator(
        code="wishes_fulfilled",
        name_zh="微心愿实现",
        name_en="Small wishes fulfilled",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.FLOW,
        rows=lambda: SmallWish.objects.all(),
        date_field="fulfilled_on",
    ),
    Indicator(
        code="wishes_fulfilment_rate",
        name_zh="微心愿实现率",
        name_en="Small wishes fulfilled of those claimed",
        unit="%",
        kind=Kind.RATE,
        over_time=Over.FLOW,
        rows=lambda: SmallWish.objects.all(),
        numerator=Count("pk", filter=Q(fulfilled_on__isnull=False)),
        denominator=Count("pk"),
        date_field="claimed_on",
        description="按认领月份：当期认领的心愿中已实现的比例",
    ),
]
