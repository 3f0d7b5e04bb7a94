"""Employment figures for the roll-ups. Codes start with `employment_`.

The five target categories are flows summed from the monthly achievements (a quarter is the sum of its
months, a year of its quarters); their annual targets are `rollups.Target` rows for the same codes, so the
roll-up stores achieved, target and completion (which may pass 100%) on every year figure.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Count, Q, QuerySet, Sum

from grids.models import Area, Level
from rollups.registry import Indicator, Kind, Over

from .models import (
    CATEGORY_UNITS,
    JobFair,
    JobPosting,
    JobStation,
    MonthlyAchievement,
    Placement,
    StartupProject,
    TargetCategory,
    Training,
)

# Plain strings, not the lazy labels: the catalogue is built once at start-up, whatever the language then.
CHINESE_CATEGORY = {
    TargetCategory.NEW_URBAN_JOBS: "城镇新增就业",
    TargetCategory.REEMPLOYED: "失业人员再就业",
    TargetCategory.DIFFICULTY: "就业困难人员就业",
    TargetCategory.TRAINED: "职业技能培训",
    TargetCategory.RURAL_TRANSFER: "农村劳动力转移就业",
}
ENGLISH_CATEGORY = {
    TargetCategory.NEW_URBAN_JOBS: "New urban jobs",
    TargetCategory.REEMPLOYED: "Unemployed people re-employed",
    TargetCategory.DIFFICULTY: "People in difficulty employed",
    TargetCategory.TRAINED: "Vocational skills training",
    TargetCategory.RURAL_TRANSFER: "Rural labour transferred to work",
}


def _achieved(category: str) -> Callable[[], QuerySet]:
    return lambda: MonthlyAchievement.objects.filter(category=category)


def _communities_with_demonstration_station() -> Q:
    return Q(pk__in=JobStation.objects.filter(is_demonstration=True).values("community_id"))


TARGET_INDICATORS = [
    Indicator(
        code=category.value,
        name_zh=CHINESE_CATEGORY[category],
        name_en=ENGLISH_CATEGORY[category],
        unit=CATEGORY_UNITS[category],
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=_achieved(category.value),
        value=Sum("achieved"),
        date_field="month",
        description="按月上报的完成数；年度目标由上级设定，完成率 = 完成数 / 目标，可超过 100%。",
    )
    for category in TargetCategory
]

INDICATORS = [
    *TARGET_INDICATORS,
    Indicator(
        code="employment_stations",
        name_zh="就业驿站",
        name_en="Job stations",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=lambda: JobStation.objects.all(),
        date_field="opened",
    ),
    Indicator(
        code="employment_demonstration_stations",
        name_zh="就业创业指导服务示范点",
        name_en="Demonstration job stations",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=lambda: JobStation.objects.filter(is_demonstration=True),
        date_field="opened",
    ),
    Indicator(
        code="employment_demonstration_share",
        name_zh="建有示范点的社区占比",
        name_en="Communities with a demonstration job station",
        unit="%",
        kind=Kind.RATE,
        over_time=Over.STOCK,
        # Only where the stations programme runs: a district without any station has no figure, not 0%.
        rows=lambda: Area.objects.filter(
            level=Level.COMMUNITY, district_id__in=JobStation.objects.values("district_id")
        ),
        numerator=Count("pk", filter=_communities_with_demonstration_station()),
        denominator=Count("pk"),
        community_field="id",
    ),
    Indicator(
        code="employment_postings",
        name_zh="发布招聘信息",
        name_en="Job postings published",
        unit="条",
        kind=Kind.COUNT,
        over_time=Over.FLOW,
        rows=lambda: JobPosting.objects.all(),
        date_field="published",
    ),
    Indicator(
        code="employment_positions",
        name_zh="发布岗位",
        name_en="Positions posted",
        unit="个",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=lambda: JobPosting.objects.all(),
        value=Sum("positions"),
        date_field="published",
    ),
    Indicator(
        code="employment_placements",
        name_zh="驿站帮助就业",
        name_en="People placed through stations",
        unit="人",
        kind=Kind.COUNT,
        over_time=Over.FLOW,
        rows=lambda: Placement.objects.all(),
        date_field="placed_on",
    ),
    Indicator(
        code="employment_fairs",
        name_zh="招聘活动",
        name_en="Job fairs",
        unit="场",
        kind=Kind.COUNT,
        over_time=Over.FLOW,
        rows=lambda: JobFair.objects.all(),
        date_field="held_on",
    ),
    Indicator(
        code="employment_fair_positions",
        name_zh="招聘活动提供岗位",
        name_en="Positions offered at job fairs",
        unit="个",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=lambda: JobFair.objects.all(),
        value=Sum("positions"),
        date_field="held_on",
    ),
    Indicator(
        code="employment_fair_intents",
        name_zh="现场达成就业意向",
        name_en="Job intents reached at fairs",
        unit="人",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=lambda: JobFair.objects.all(),
        value=Sum("intents"),
        date_field="held_on",
    ),
    Indicator(
        code="employment_trainees",
        name_zh="订单式培训",
        name_en="Trainees in on-demand courses",
        unit="人次",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=lambda: Training.objects.all(),
        value=Sum("trainees"),
        date_field="starts_on",
    ),
    Indicator(
        code="employment_training_stable_rate",
        name_zh="培训后稳定就业率",
        name_en="Trainees in stable work afterwards",
        unit="%",
        kind=Kind.RATE,
        over_time=Over.FLOW,
        rows=lambda: Training.objects.all(),
        numerator=Sum("stable_employed"),
        denominator=Sum("trainees"),
        date_field="starts_on",
    ),
    Indicator(
        code="employment_startups",
        name_zh="扶持创业项目",
        name_en="Startups supported",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.FLOW,
        rows=lambda: StartupProject.objects.all(),
        date_field="supported_on",
    ),
    Indicator(
        code="employment_startup_jobs",
        name_zh="创业带动就业",
        name_en="Jobs created by supported startups",
        unit="人",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=lambda: StartupProject.objects.all(),
        value=Sum("jobs_created"),
        date_field="supported_on",
    ),
]

TARGET_CODES = [c.value for c in TargetCategory]
STATION_CODES = [i.code for i in INDICATORS if i.code not in TARGET_CODES]
# What happened in a year (stocks such as the number of stations carry on into every later year).
FLOW_CODES = [i.code for i in INDICATORS if i.over_time == Over.FLOW]
