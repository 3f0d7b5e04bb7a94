"""Renovation of old compounds (老旧小区改造): indicators for the roll-ups.

What a plan promises (projects, m², households, buildings, investment) is dated by its plan year: the 2025 figure
of `renovation_households` is the households the 2025 plan benefits (5,753 in Shuangta). What is done is dated by
the day it was done: `renovation_area_renovated` counts a completed project's m² in the month of its actual
completion. Late projects are the state now (past their planned completion and not completed)."""

from django.db.models import Count, Q, Sum

from rollups.registry import Indicator, Kind, Over

from ..models.renovation import RENOVATION_DONE, RenovationProject

PLAN_DATE = "plan_start"
DONE_DATE = "actual_completion"


def _projects():
    return RenovationProject.objects.all()


def _completed():
    return RenovationProject.objects.filter(status__in=RENOVATION_DONE)


INDICATORS: list[Indicator] = [
    Indicator(
        code="renovation_projects_planned",
        name_zh="改造项目（计划）",
        name_en="Renovation projects planned",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.FLOW,
        rows=_projects,
        date_field=PLAN_DATE,
    ),
    Indicator(
        code="renovation_projects_completed",
        name_zh="改造项目（完工）",
        name_en="Renovation projects completed",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.FLOW,
        rows=_completed,
        date_field=DONE_DATE,
    ),
    Indicator(
        code="renovation_completion_rate",
        name_zh="改造项目完工率",
        name_en="Renovation projects completed / planned",
        unit="%",
        kind=Kind.RATE,
        over_time=Over.FLOW,
        rows=_projects,
        numerator=Count("pk", filter=Q(status__in=RENOVATION_DONE)),
        denominator=Count("pk"),
        date_field=PLAN_DATE,
        description="Projects of the plan year completed or accepted, over the projects of that plan year.",
    ),
    Indicator(
        code="renovation_area_planned",
        name_zh="改造面积（计划）",
        name_en="Floor area to renovate",
        unit="㎡",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=_projects,
        value=Sum("floor_area"),
        date_field=PLAN_DATE,
    ),
    Indicator(
        code="renovation_area_renovated",
        name_zh="已改造面积",
        name_en="Floor area renovated",
        unit="㎡",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=_completed,
        value=Sum("floor_area"),
        date_field=DONE_DATE,
    ),
    Indicator(
        code="renovation_households",
        name_zh="改造受益户数",
        name_en="Households benefiting from renovation",
        unit="户",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=_projects,
        value=Sum("households"),
        date_field=PLAN_DATE,
    ),
    Indicator(
        code="renovation_buildings",
        name_zh="改造楼栋",
        name_en="Buildings renovated (planned)",
        unit="栋",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=_projects,
        value=Sum("building_count"),
        date_field=PLAN_DATE,
    ),
    Indicator(
        code="renovation_investment_planned",
        name_zh="改造计划投资",
        name_en="Renovation investment planned",
        unit="元",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=_projects,
        value=Sum("investment_planned"),
        date_field=PLAN_DATE,
    ),
    Indicator(
        code="renovation_investment_spent",
        name_zh="改造已完成投资",
        name_en="Renovation investment spent",
        unit="元",
        kind=Kind.SUM,
        over_time=Over.FLOW,
        rows=_projects,
        value=Sum("investment_spent"),
        date_field=PLAN_DATE,
        description="Investment spent so far on the projects of each plan year.",
    ),
    Indicator(
        code="renovation_late",
        name_zh="逾期改造项目",
        name_en="Late renovation projects",
        unit="个",
        kind=Kind.COUNT,
        over_time=Over.STOCK,
        rows=lambda: RenovationProject.objects.late(),
        description="Now: past the planned completion and neither completed nor accepted.",
    ),
]
