"""Renovation of old compounds (老旧小区改造): the demo projects from the seed reports.

- Shuangta's 2025 plan (seed 000): "红旗、前进、光明、双塔4个街道的11个小区…改造面积达39.7万平方米，惠及5753户居民". One
  project per compound of `grids.demo.build_plan().renovation_2025`, with the compound's households and floor area,
  so the eleven add up to 397,000 m² and 5,753 households. What the seed says of three of them is their progress:
  老城小区's sewage and heating networks are laid and power and telecom are being laid; 北市南小区's exterior
  insulation is under way; 博南小区 is finished ("改造后的博南小区焕然一新").
- 银河小区 (seed 003, 2021): 27 buildings, 1,582 households, 128,000 m², built by 双塔区住房和城乡建设局, started on
  26 June, basic works finished by the year's end; 西街小区 renovated beside it the same year.

Stored texts (names, notes) are data, not interface: they stay Chinese whatever the language. The seeds give no
investment, no work-item percents and no report dates: those are generated (plausible, fixed), and projects of
generated compounds are marked `is_generated`. Rows are synchronised by natural keys with
`grids.demo.sync_rows`, so a second run writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from grids.demo import PATH_ID_FIELDS, SHUANGTA, LoadReport, build_plan, demo_compounds, sync_rows
from grids.models import Compound

from ..models.renovation import (
    RenovationCategory,
    RenovationConsultation,
    RenovationEntry,
    RenovationProject,
    RenovationReport,
    RenovationStatus,
    RenovationWorkItem,
    WorkKind,
    status_of_percent,
)

BUILDER = "双塔区住房和城乡建设局"
YUAN_PER_M2 = 320  # generated: the seeds give no investment for these projects
REPORT_DATES_2025 = [dt.date(2025, 5, 20), dt.date(2025, 7, 15), dt.date(2025, 9, 10), dt.date(2025, 10, 25)]
REPORT_DATES_2021 = [dt.date(2021, 8, 20), dt.date(2021, 10, 15), dt.date(2021, 12, 20)]

# The work items of a 2025 project, in the order the seed lists them, with each one's share of the investment.
ITEMS_2025: list[tuple[str, str, int]] = [
    (WorkKind.WATER, "", 12),
    (WorkKind.DRAINAGE, "污水管网", 12),
    (WorkKind.HEATING, "供暖管网", 14),
    (WorkKind.POWER, "电力管网", 10),
    (WorkKind.TELECOM, "", 5),
    (WorkKind.ROOF, "", 10),
    (WorkKind.INSULATION, "", 20),
    (WorkKind.LIGHTING, "楼道照明", 3),
    (WorkKind.GREENING, "", 4),
    (WorkKind.ELDERLY, "扶手、坡道", 3),
    (WorkKind.EV_CHARGING, "电动自行车充电桩", 4),
    (WorkKind.FITNESS, "", 3),
]
# Final percent of each item (same order) for the projects the seeds describe, and patterns for the others.
NAMED_2025: dict[str, dict[str, Any]] = {
    # "这个小区污水、供暖地下管网已铺设完成，现在正在铺设电力、通讯管网……"
    "老城小区": {"percents": [90, 100, 100, 60, 40, 70, 45, 20, 0, 10, 0, 0], "status": RenovationStatus.IN_PROGRESS},
    # "施工人员正在为北市南小区做外墙保暖"
    "北市南小区": {
        "percents": [100, 100, 100, 90, 80, 100, 65, 50, 20, 40, 30, 10],
        "status": RenovationStatus.IN_PROGRESS,
    },
    # "改造后的博南小区焕然一新"
    "博南小区": {"percents": [100] * 12, "status": RenovationStatus.COMPLETED, "completed": dt.date(2025, 10, 25)},
}
GENERATED_PATTERNS: list[dict[str, Any]] = [
    {"percents": [100] * 12, "status": RenovationStatus.ACCEPTED, "completed": dt.date(2025, 10, 20)},
    {"percents": [100, 100, 100, 100, 100, 100, 80, 60, 40, 50, 30, 20], "status": RenovationStatus.IN_PROGRESS},
    {"percents": [60, 60, 70, 40, 20, 30, 10, 0, 0, 0, 0, 0], "status": RenovationStatus.IN_PROGRESS},
    {"percents": [100] * 12, "status": RenovationStatus.COMPLETED, "completed": dt.date(2025, 10, 25)},
]

# 银河小区 2021: basic works only ("年底前完成基础类工程").
ITEMS_2021: list[tuple[str, str, int]] = [
    (WorkKind.WATER, "", 15),
    (WorkKind.DRAINAGE, "", 15),
    (WorkKind.HEATING, "", 15),
    (WorkKind.POWER, "", 10),
    (WorkKind.ROOF, "", 15),
    (WorkKind.INSULATION, "外墙保温板", 25),
    (WorkKind.STAIRWELL, "单元门、扶手、墙面", 5),
]


def _project(compound: Compound, **fields: Any) -> RenovationProject:
    project = RenovationProject(community_id=compound.community_id, version=1, **fields)
    project.copy_path_from(compound.community, including_self=True)
    project.fill_plan_start()
    return project


def _percents_at(final: int, dates: list[dt.date]) -> list[int]:
    """The percent reported at each date, rising to `final` by the last (multiples of 5)."""
    steps = len(dates)
    return [min(final, round(final * (k + 1) / steps / 5) * 5) if k + 1 < steps else final for k in range(steps)]


def _plans() -> list[dict[str, Any]]:
    """Every demo project with its work items, in a fixed order."""
    plan = build_plan()
    compounds = {
        (c.community.code, c.name): c
        for c in demo_compounds(plan.renovation_2025)
        .select_related("community")
        .annotate(n_buildings=Count("buildings"))
    }
    plans: list[dict[str, Any]] = []
    generated = 0
    for key in plan.renovation_2025:
        compound = compounds[key]
        spec = NAMED_2025.get(compound.name)
        if spec is None:
            spec = GENERATED_PATTERNS[generated % len(GENERATED_PATTERNS)]
            generated += 1
        area = compound.floor_area or Decimal(0)
        plans.append(
            {
                "compound": compound,
                "year": 2025,
                "category": RenovationCategory.IMPROVEMENT,  # "从'保基本'到'提品质'": basic and improvement works
                "floor_area": area,
                "households": compound.households,
                "buildings": compound.n_buildings,
                "investment": area * YUAN_PER_M2,
                "start": dt.date(2025, 4, 15),
                "planned": dt.date(2025, 11, 30),
                "items": ITEMS_2025,
                "dates": REPORT_DATES_2025,
                "generated": compound.is_generated,
                "summary": (
                    "供水、排水、供暖、供电、通讯管网全面更新，维修屋面和外墙保温，完善楼道照明和绿化，"
                    "新增适老设施、充电桩和健身场地。"
                ),
                **spec,
            }
        )
    yinhe = (
        Compound.objects.select_related("community")
        .annotate(n_buildings=Count("buildings"))
        .get(district__code=SHUANGTA, name="银河小区")
    )
    plans.append(
        {
            "compound": yinhe,
            "year": 2021,
            "category": RenovationCategory.BASIC,
            "floor_area": yinhe.floor_area or Decimal(0),
            "households": yinhe.households,
            "buildings": yinhe.n_buildings,
            "investment": (yinhe.floor_area or Decimal(0)) * 300,
            "start": dt.date(2021, 6, 26),  # "6月26日开工建设"
            "planned": dt.date(2021, 12, 31),  # "年底前完成基础类工程"
            "items": ITEMS_2021,
            "dates": REPORT_DATES_2021,
            "generated": False,
            "percents": [100] * len(ITEMS_2021),
            "status": RenovationStatus.ACCEPTED,
            "completed": dt.date(2021, 12, 20),
            "summary": "建设全省示范小区：水、电、气、暖管网改造，楼体外墙保温、屋面防水，楼梯间修缮。",
        }
    )
    xijie = (
        Compound.objects.select_related("community")
        .annotate(n_buildings=Count("buildings"))
        .get(district__code=SHUANGTA, name="西街小区")
    )
    xijie_area = Decimal(xijie.households * 70)  # generated: the seeds give no floor area
    plans.append(
        {
            "compound": xijie,
            "year": 2021,
            "category": RenovationCategory.BASIC,
            "floor_area": xijie_area,
            "households": xijie.households,
            "buildings": xijie.n_buildings,
            "investment": xijie_area * 300,
            "start": dt.date(2021, 7, 10),
            "planned": dt.date(2021, 12, 31),
            "items": ITEMS_2021,
            "dates": REPORT_DATES_2021,
            "generated": True,
            "percents": [100] * len(ITEMS_2021),
            "status": RenovationStatus.ACCEPTED,
            "completed": dt.date(2021, 12, 20),
            "summary": "",
        }
    )
    return plans


def load_demo(report: LoadReport) -> None:
    plans = _plans()
    wanted = []
    for p in plans:
        done = p["status"] in (RenovationStatus.COMPLETED, RenovationStatus.ACCEPTED)
        share_done = Decimal(sum(pc * w for pc, (_k, _n, w) in zip(p["percents"], p["items"], strict=True))) / 10000
        wanted.append(
            _project(
                p["compound"],
                name=f"{p['compound'].name}改造项目",
                plan_year=p["year"],
                category=p["category"],
                summary=p["summary"],
                floor_area=Decimal(p["floor_area"]).quantize(Decimal("0.01")),
                building_count=p["buildings"],
                households=p["households"],
                investment_planned=Decimal(p["investment"]).quantize(Decimal("0.01")),
                investment_spent=(Decimal(p["investment"]) * share_done).quantize(Decimal("0.01")),
                builder=BUILDER,
                start_date=p["start"],
                planned_completion=p["planned"],
                actual_completion=p.get("completed") if done else None,
                status=p["status"],
                is_generated=p["generated"],
            )
        )
    fields = [
        "plan_start",
        "category",
        "summary",
        "floor_area",
        "building_count",
        "households",
        "investment_planned",
        "investment_spent",
        "builder",
        "start_date",
        "planned_completion",
        "actual_completion",
        "status",
        "is_generated",
        *PATH_ID_FIELDS,
    ]
    community_ids = {p["compound"].community_id for p in plans}
    existing = list(RenovationProject.objects.filter(community_id__in=community_ids))
    key = lambda r: (r.community_id, r.plan_year, r.name)  # noqa: E731
    before = {key(r) for r in existing}
    projects = sync_rows(RenovationProject, wanted, existing, key, fields, report)
    stored = [projects[key(w)] for w in wanted]
    for project, p in zip(stored, plans, strict=True):
        if set(project.compounds.values_list("pk", flat=True)) != {p["compound"].pk}:
            project.compounds.set([p["compound"]])
            if key(project) in before:  # a new project is counted as created already
                report.updated[RenovationProject.__name__] += 1
    _load_items_and_reports(stored, plans, report)
    _load_consultations(stored, plans, report)


def _path(row: Any, project: RenovationProject) -> Any:
    for f in PATH_ID_FIELDS:
        setattr(row, f, getattr(project, f))
    return row


def _load_items_and_reports(projects: list[RenovationProject], plans: list[dict[str, Any]], report: LoadReport) -> None:
    ids = [p.pk for p in projects]
    items_wanted, reports_wanted = [], []
    for project, p in zip(projects, plans, strict=True):
        for order, ((kind, name, weight), final) in enumerate(zip(p["items"], p["percents"], strict=True), start=1):
            history = _percents_at(final, p["dates"])
            changed = [d for d, pc, before in zip(p["dates"], history, [0, *history], strict=False) if pc != before]
            item = RenovationWorkItem(
                project=project,
                kind=kind,
                name=name,
                investment_planned=(Decimal(p["investment"]) * weight / 100).quantize(Decimal("0.01")),
                planned_completion=p["planned"],
                percent=final,
                status=status_of_percent(final),
                updated_on=changed[-1] if changed else None,
                order=order,
                version=1,
            )
            items_wanted.append(_path(item, project))
        for date in p["dates"]:
            note = "示例数据：施工单位按月报送进度。" if p["generated"] else "按月报送进度。"
            reports_wanted.append(_path(RenovationReport(project=project, reported_on=date, note=note), project))
    item_fields = ["investment_planned", "planned_completion", "percent", "status", "updated_on", "order"]
    items = sync_rows(
        RenovationWorkItem,
        items_wanted,
        RenovationWorkItem.objects.filter(project_id__in=ids),
        lambda i: (i.project_id, i.kind, i.name),
        item_fields + PATH_ID_FIELDS,
        report,
    )
    reports = sync_rows(
        RenovationReport,
        reports_wanted,
        RenovationReport.objects.filter(project_id__in=ids),
        lambda r: (r.project_id, r.reported_on),
        ["note", *PATH_ID_FIELDS],
        report,
    )
    entries_wanted = []
    for project, p in zip(projects, plans, strict=True):
        for (kind, name, _w), final in zip(p["items"], p["percents"], strict=True):
            item = items[(project.pk, kind, name)]
            before = 0
            for date, percent in zip(p["dates"], _percents_at(final, p["dates"]), strict=True):
                if percent == before:
                    continue
                entry = RenovationEntry(
                    report=reports[(project.pk, date)],
                    project=project,
                    work_item=item,
                    percent=percent,
                    previous_percent=before,
                )
                entries_wanted.append(_path(entry, project))
                before = percent
    sync_rows(
        RenovationEntry,
        entries_wanted,
        RenovationEntry.objects.filter(project_id__in=ids),
        lambda e: (e.report_id, e.work_item_id),
        ["percent", "previous_percent", "project_id", *PATH_ID_FIELDS],
        report,
    )


def _load_consultations(projects: list[RenovationProject], plans: list[dict[str, Any]], report: LoadReport) -> None:
    wanted = []
    for project, p in zip(projects, plans, strict=True):
        households = p["households"]
        year = p["year"]
        # Before the works: a questionnaire, then a residents' meeting on the plan (seed 002 describes the practice).
        wanted.append(
            RenovationConsultation(
                project=project,
                kind="questionnaire",
                held_on=dt.date(year, 3, 10),
                participants=households * 9 // 10,
                in_favour=households * 87 // 100,
                outcome="多数居民希望优先解决管网老化、屋面漏雨和楼道照明。",
                version=1,
            )
        )
        wanted.append(
            RenovationConsultation(
                project=project,
                kind="meeting",
                held_on=dt.date(year, 3, 28),
                participants=60,
                in_favour=57,
                outcome="居民议事会通过改造方案和施工期间临时供水、停车安排。",
                version=1,
            )
        )
    for row in wanted:
        _path(row, row.project)
    sync_rows(
        RenovationConsultation,
        wanted,
        RenovationConsultation.objects.filter(project_id__in=[p.pk for p in projects]),
        lambda c: (c.project_id, c.kind, c.held_on),
        ["participants", "in_favour", "outcome", *PATH_ID_FIELDS],
        report,
    )


def summary_lines() -> list[str]:
    rows = (
        RenovationProject.objects.filter(district__code=SHUANGTA)
        .values("plan_year")
        .annotate(n=Count("pk"), area=Sum("floor_area"), households=Sum("households"))
        .order_by("-plan_year")
    )
    return [
        _("双塔区 %(year)s 年老旧小区改造：项目 %(n)s 个，改造面积 %(area)s ㎡，受益 %(households)s 户")
        % {"year": r["plan_year"], "n": r["n"], "area": f"{r['area']:.0f}", "households": r["households"]}
        for r in rows
    ]
