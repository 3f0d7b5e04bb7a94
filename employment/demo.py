"""Employment demo data from the seeds (`load_demo` runs it after grids' demo; a second run changes nothing).

双塔区, 2025 (seed 000: “目前，全区已创建‘舒心就业’就业创业指导服务示范点20个，占社区总数的35%，其中光明社区、双兴社区、
光大社区获评全省首批…城镇新增就业2699人，失业人员再就业2842人”; “上半年…开展9场活动，提供岗位800余个，30余人现场
达成就业意向”; “开展‘订单式’培训428人次，20%实现稳定就业。针对电商直播需求，为35人开设3期专项课程”):

- 20 demonstration stations: 光大社区, 光明社区 and 双兴社区 (provincially recognised) and 17 generated ones in
  generated communities, spread over the streets (20 of 57 communities = 35%);
- 光大社区's station (“年均发布岗位1600余个，零工洽谈区、直播带岗专区已帮助31人”): 1,600 generated postings of one
  position each in 2025, 31 generated placements; its 15 supported startups bringing 300 jobs (“成功扶持15个创业
  项目，带动300余人灵活就业”);
- 9 job fairs (芝麻招聘) in the first half of 2025 offering 800 positions with 30 intents reached;
- 428 trainees in 母婴护理, 中式面点 and 3 电商直播 courses for 35 people (counted within the 428), 86 of them (20%)
  in stable work afterwards;
- monthly achievements January–October 2025 adding up to 2,699 new urban jobs and 2,842 re-employed, spread
  evenly over the 57 communities. The seeds give Shuangta no targets, so none are set.

双辽市, 2024 (seed 001: “全市共完成城镇新增就业3411人，完成全年任务指标的162%…”): monthly achievements
January–October 2024 adding up to the seed's five figures, and annual targets chosen so each completion rounds
to the seed's percentage (3,411 / 2,106 = 162%, 1,246 / 511 = 244%, 1,133 / 704 = 161%, 3,005 / 2,918 = 103%,
54,751 / 45,249 = 121%). The seed gives only the city's totals; the split between its two demo streets (江西街道
and the generated 双辽示例街道) and their street targets are generated.

Named people are personal data: placements name generated residents ("示例居民01") without ID digits. Every
generated record is marked `is_generated`. Opening dates of stations are not in the seeds: 1 January 2025.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from grids.demo import LoadReport, build_plan, spread, sync_rows
from grids.models import Area, AreaKind, Level
from rollups.models import Target

from .models import (
    Channel,
    JobFair,
    JobPosting,
    JobStation,
    MonthlyAchievement,
    Placement,
    StartupProject,
    TargetCategory,
    Training,
)

SHUANGTA = "211302"
SHUANGLIAO = "220382"
SHUANGTA_YEAR = 2025
SHUANGLIAO_YEAR = 2024
REPORTED_MONTHS = 10  # January to October: the seeds were published in the autumn

DEMONSTRATION_STATIONS = 20
RECOGNISED = ("光大社区", "光明社区", "双兴社区")  # 获评全省首批“舒心就业”就业创业指导服务站
RECOGNITION = "全省首批“舒心就业”就业创业指导服务站"
STATIONS_OPENED = dt.date(SHUANGTA_YEAR, 1, 1)
GUANGDA = "光大社区"
GUANGDA_POSTINGS = 1600
GUANGDA_OPEN_POSTINGS = 12  # the latest ones are still open
GUANGDA_PLACED = 31
GUANGDA_STARTUPS = 15
GUANGDA_STARTUP_JOBS = 300
FAIRS = 9
FAIR_POSITIONS = 800
FAIR_INTENTS = 30
# (course, sessions, trainees): 428 in all; 35 people in the 3 e-commerce live-streaming sessions.
TRAININGS = [("母婴护理", 3, 200), ("中式面点", 3, 193), ("电商直播", 3, 35)]
TRAINED_STABLE = 86  # 20% of 428
SHUANGTA_ACHIEVED = {TargetCategory.NEW_URBAN_JOBS: 2699, TargetCategory.REEMPLOYED: 2842}

# 双辽市: category → (achieved, target); completion = achieved / target as the seed states it.
SHUANGLIAO_FIGURES = {
    TargetCategory.NEW_URBAN_JOBS: (3411, 2106),  # 162%
    TargetCategory.REEMPLOYED: (1246, 511),  # 244%
    TargetCategory.DIFFICULTY: (1133, 704),  # 161%
    TargetCategory.TRAINED: (3005, 2918),  # 103%
    TargetCategory.RURAL_TRANSFER: (54751, 45249),  # 121%
}
# The generated split between 双辽's two streets: share of the achievement, share of the target.
SHUANGLIAO_SPLIT = [(0.45, 0.40), (0.55, 0.60)]

JOB_TITLES = ["保洁员", "保安员", "营业员", "家政服务员", "快递分拣员"]
JOB_TITLES += ["餐厅服务员", "仓库管理员", "育婴员", "护工", "主播助理"]
CHANNELS = [Channel.WINDOW, Channel.WECHAT, Channel.LIVESTREAM]


def _in_community(obj: Any, community: Area) -> Any:
    """bulk_create skips save(): fill the path columns and version as save() would."""
    obj.community = community
    obj.copy_path_from(community, including_self=True)
    obj.version = 1
    return obj


def _day_of_year(year: int, i: int, n: int, months: int = 12) -> dt.date:
    """The i-th of n dates spread over the first `months` months of `year`."""
    first = dt.date(year, 1, 1)
    days = (dt.date(year, months, 28) - first).days if months < 12 else 365
    return first + dt.timedelta(days=(i * days) // n)


def _areas() -> dict[str, Area]:
    codes = [a.code for a in build_plan().areas if a.code.startswith((SHUANGTA, SHUANGLIAO))]
    return {a.code: a for a in Area.objects.filter(code__in=codes)}


def _stations(areas: dict[str, Area], report: LoadReport) -> list[JobStation]:
    communities = sorted(
        (a for a in areas.values() if a.level == Level.COMMUNITY and a.code.startswith(SHUANGTA)), key=lambda a: a.code
    )
    named = [a for a in communities if a.name in RECOGNISED]
    others = [a for a in communities if a.is_generated]
    extra = DEMONSTRATION_STATIONS - len(named)
    chosen = named + [others[(i * len(others)) // extra] for i in range(extra)]
    wanted = []
    for community in sorted(chosen, key=lambda a: a.code):
        recognised = community.name in RECOGNISED
        station = JobStation(
            name=f"{community.name}“舒心就业”驿站",
            address=f"{community.name}城市书房一楼" if community.name == GUANGDA else "",
            opened=STATIONS_OPENED,
            has_window=True,
            has_job_board=True,
            has_startup_class=True,
            has_gig_corner=community.name == GUANGDA,
            has_livestream=community.name == GUANGDA,
            is_demonstration=True,
            provincially_recognised=recognised,
            recognition=RECOGNITION if recognised else "",
            is_generated=not recognised,
        )
        wanted.append(_in_community(station, community))
    fields = [
        "address",
        "opened",
        "has_window",
        "has_job_board",
        "has_startup_class",
        "has_gig_corner",
        "has_livestream",
        "is_demonstration",
        "provincially_recognised",
        "recognition",
        "is_generated",
    ]
    existing = JobStation.objects.filter(district__code=SHUANGTA)
    stored = sync_rows(JobStation, wanted, existing, lambda s: (s.community_id, s.name), fields, report)
    return [stored[(s.community_id, s.name)] for s in wanted]


def _guangda(station: JobStation, report: LoadReport) -> None:
    community = station.community
    postings = []
    for i in range(GUANGDA_POSTINGS):
        published = _day_of_year(SHUANGTA_YEAR, i, GUANGDA_POSTINGS, months=REPORTED_MONTHS)
        still_open = i >= GUANGDA_POSTINGS - GUANGDA_OPEN_POSTINGS
        posting = JobPosting(
            station=station,
            employer=f"示例用工单位{i + 1:04d}",
            title=JOB_TITLES[i % len(JOB_TITLES)],
            positions=1,
            wage_min=2000 + (i % 5) * 300,
            wage_max=3000 + (i % 5) * 500,
            published=published,
            closed=None if still_open else published + dt.timedelta(days=30),
            channel=CHANNELS[i % len(CHANNELS)],
            is_generated=True,
        )
        postings.append(_in_community(posting, community))
    fields = ["positions", "wage_min", "wage_max", "published", "closed", "channel", "is_generated"]
    stored = sync_rows(
        JobPosting,
        postings,
        JobPosting.objects.filter(station=station),
        lambda p: (p.station_id, p.employer, p.title),
        fields,
        report,
    )
    by_key = {k[1]: v for k, v in stored.items()}

    placements = []
    for i in range(GUANGDA_PLACED):
        posting = by_key[f"示例用工单位{(i * GUANGDA_POSTINGS) // GUANGDA_PLACED + 1:04d}"]
        placement = Placement(
            station=station,
            posting=posting,
            person_name=f"示例居民{i + 1:02d}",
            id_tail="",
            employer=posting.employer,
            job_title=posting.title,
            placed_on=posting.published + dt.timedelta(days=14),
            is_generated=True,
        )
        placements.append(_in_community(placement, community))
    fields = ["posting_id", "id_tail", "employer", "job_title", "placed_on", "is_generated"]
    existing = Placement.objects.filter(station=station)
    sync_rows(Placement, placements, existing, lambda p: (p.station_id, p.person_name), fields, report)

    startups = []
    for i, jobs in enumerate(spread(GUANGDA_STARTUP_JOBS, GUANGDA_STARTUPS)):
        startup = StartupProject(
            station=station,
            name=f"光大社区扶持创业项目{i + 1:02d}",
            supported_on=_day_of_year(SHUANGTA_YEAR, i, GUANGDA_STARTUPS, months=REPORTED_MONTHS),
            jobs_created=jobs,
            is_generated=True,
        )
        startups.append(_in_community(startup, community))
    existing_startups = StartupProject.objects.filter(station=station)
    fields = ["supported_on", "jobs_created", "is_generated"]
    sync_rows(StartupProject, startups, existing_startups, lambda s: (s.station_id, s.name), fields, report)


def _fairs_and_trainings(stations: list[JobStation], report: LoadReport) -> None:
    fairs = []
    per_fair = zip(spread(FAIR_POSITIONS, FAIRS), spread(FAIR_INTENTS, FAIRS), strict=True)
    for i, (positions, intents) in enumerate(per_fair):
        station = stations[(i * len(stations)) // FAIRS]
        fair = JobFair(
            station=station,
            name=f"“芝麻招聘”社区微型招聘会第{i + 1}场",
            held_on=_day_of_year(SHUANGTA_YEAR, i, FAIRS, months=6),  # 上半年
            employers=None,
            positions=positions,
            intents=intents,
            is_generated=True,
        )
        fairs.append(_in_community(fair, station.community))
    existing = JobFair.objects.filter(district__code=SHUANGTA)
    fields = ["held_on", "employers", "positions", "intents", "is_generated"]
    sync_rows(JobFair, fairs, existing, lambda f: (f.station_id, f.name), fields, report)

    sessions = [(course, n) for course, count, total in TRAININGS for n in spread(total, count)]
    stable = spread(TRAINED_STABLE, len(sessions))
    trainings = []
    for i, ((course, trainees), employed) in enumerate(zip(sessions, stable, strict=True)):
        station = stations[(i * 7) % len(stations)]
        starts = _day_of_year(SHUANGTA_YEAR, i, len(sessions), months=REPORTED_MONTHS)
        training = Training(
            station=station,
            course=course,
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=14),
            trainees=trainees,
            stable_employed=employed,
            is_generated=True,
        )
        trainings.append(_in_community(training, station.community))
    existing_trainings = Training.objects.filter(district__code=SHUANGTA)
    fields = ["ends_on", "trainees", "stable_employed", "is_generated"]
    sync_rows(Training, trainings, existing_trainings, lambda t: (t.station_id, t.course, t.starts_on), fields, report)


def _monthly(community: Area, category: str, year: int, total: int) -> list[MonthlyAchievement]:
    return [
        _in_community(
            MonthlyAchievement(category=category, month=dt.date(year, m, 1), achieved=n, is_generated=True), community
        )
        for m, n in enumerate(spread(total, REPORTED_MONTHS), start=1)
    ]


def _achievements_and_targets(areas: dict[str, Area], report: LoadReport) -> None:
    wanted: list[MonthlyAchievement] = []
    shuangta = sorted(
        (a for a in areas.values() if a.level == Level.COMMUNITY and a.code.startswith(SHUANGTA)), key=lambda a: a.code
    )
    for category, total in SHUANGTA_ACHIEVED.items():
        for community, n in zip(shuangta, spread(total, len(shuangta)), strict=True):
            wanted += _monthly(community, category, SHUANGTA_YEAR, n)

    district = areas[SHUANGLIAO]
    # The seed's city figures are split over its two urban streets; the townships (services' canteens) carry none.
    streets = sorted(
        (a for a in areas.values() if a.parent_id == district.pk and a.kind == AreaKind.STREET), key=lambda a: a.code
    )
    # One community per demo street carries its figures (西环社区; the generated 双辽示例社区).
    community_of = {
        s.pk: min((a for a in areas.values() if a.parent_id == s.pk), key=lambda a: a.code) for s in streets
    }
    targets = []
    for category, (achieved, target) in SHUANGLIAO_FIGURES.items():
        targets.append(Target(area=district, indicator=category.value, year=SHUANGLIAO_YEAR, value=target))
        achieved_left, target_left = achieved, target
        for i, (street, (share, target_share)) in enumerate(zip(streets, SHUANGLIAO_SPLIT, strict=True)):
            last = i == len(streets) - 1
            street_achieved = achieved_left if last else round(achieved * share)
            street_target = target_left if last else round(target * target_share)
            achieved_left -= street_achieved
            target_left -= street_target
            wanted += _monthly(community_of[street.pk], category, SHUANGLIAO_YEAR, street_achieved)
            targets.append(Target(area=street, indicator=category.value, year=SHUANGLIAO_YEAR, value=street_target))

    existing = MonthlyAchievement.objects.filter(district__code__in=[SHUANGTA, SHUANGLIAO])
    sync_rows(
        MonthlyAchievement,
        wanted,
        existing,
        lambda a: (a.community_id, a.category, a.month),
        ["achieved", "is_generated"],
        report,
    )
    existing_targets = Target.objects.filter(
        area__in=[district, *streets], indicator__in=TargetCategory.values, year=SHUANGLIAO_YEAR
    )
    sync_rows(Target, targets, existing_targets, lambda t: (t.area_id, t.indicator, t.year), ["value"], report)


@transaction.atomic
def load_demo() -> LoadReport:
    """Bring the employment demo records to the planned state."""
    report = LoadReport()
    areas = _areas()
    stations = _stations(areas, report)
    guangda = next(s for s in stations if s.community.name == GUANGDA)
    _guangda(guangda, report)
    _fairs_and_trainings(stations, report)
    _achievements_and_targets(areas, report)
    return report
