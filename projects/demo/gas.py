"""The demo gas campaign from seed 000: Shuangta's high-rise compounds built before 2005 that never got piped gas.

What the seed says: 15 compounds, 10,216 households, all 15 ready for gas (具备通气条件), 鼎盛公寓's 362 households
connected, the rest to be connected by the end of 2025. What it does not say is generated and marked so
(`is_generated`): each compound's causes, the responsible units' names, and how far each of the other buildings
has got (spread over the stages after inspection, so every compound is ready), with dated stage events.
A second run changes nothing (grids.demo.sync_rows)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from grids.demo import PATH_ID_FIELDS, SHUANGTA, LoadReport, build_plan, demo_compounds, sync_rows
from grids.models import Area, Building

from ..models.gas import (
    READY_STAGE,
    GasBlocker,
    GasBuildingPlan,
    GasCampaign,
    GasCompoundPlan,
    GasStage,
    GasStageEvent,
)

CAMPAIGN_NAME = "双塔区高层住宅燃气开通攻坚"
CAMPAIGN_GOAL = (
    "破解高层住宅燃气历史遗留问题：2005年以前建成、周边管网早已到位却始终未通管道燃气的15个小区10216户居民，"
    "年底前用上安全、便捷的管道天然气。一小区一方案、一栋楼一计划，挂图作战。"
)
STARTED = dt.date(2025, 3, 1)
DEADLINE = dt.date(2025, 12, 31)
CONNECTED = "鼎盛公寓"  # "整个鼎盛公寓362户居民的用气烦恼彻底成为历史"
GAS_COMPANY = "燃气企业（示例）"
INSPECTION_BODY = "检测验收机构（示例）"
# The seed's three causes, assigned in turn (which compound had which is not reported).
CAUSES = ("cause_developer_arrears", "cause_unclear_property", "cause_no_initial_planning")
DAYS_PER_STAGE = 28
NOTE = "示例数据"


def stage_of(compound_no: int, building_no: int, name: str) -> GasStage:
    """Where a demo building stands: 鼎盛公寓 on gas; the others spread over the stages after inspection."""
    if name == CONNECTED:
        return GasStage.GAS_ON
    return GasStage(READY_STAGE + (compound_no + building_no // 2) % (GasStage.GAS_ON - READY_STAGE + 1))


def reached_on(compound_no: int, stage: int) -> dt.date:
    return dt.date(2025, 3, 10) + dt.timedelta(days=(stage - 1) * DAYS_PER_STAGE + compound_no * 3)


def _path(obj: object, source: object) -> None:
    for f in PATH_ID_FIELDS:
        setattr(obj, f, getattr(source, f))


def load_demo(report: LoadReport) -> None:
    district = Area.objects.get(code=SHUANGTA)
    campaign = GasCampaign(
        district=district,
        name=CAMPAIGN_NAME,
        goal=CAMPAIGN_GOAL,
        started_on=STARTED,
        deadline=DEADLINE,
        is_generated=False,
        version=1,
    )
    campaign.copy_path_from(district, including_self=True)
    fields = ["goal", "started_on", "deadline", "is_generated", "city_id"]
    existing = GasCampaign.objects.filter(district=district, name=CAMPAIGN_NAME)
    campaign = sync_rows(GasCampaign, [campaign], existing, lambda c: (c.district_id, c.name), fields, report)[
        (district.pk, CAMPAIGN_NAME)
    ]

    keys = build_plan().gas_campaign
    by_key = {(c.community.code, c.name): c for c in demo_compounds(keys).select_related("community")}
    compounds = [by_key[k] for k in keys]
    wanted_plans = []
    for no, compound in enumerate(compounds):
        plan = GasCompoundPlan(
            campaign=campaign,
            compound=compound,
            community_id=compound.community_id,
            gas_company=GAS_COMPANY,
            inspection_body=INSPECTION_BODY,
            route=_("沿小区主路敷设中压管线，楼前设调压箱，立管沿外墙引入各户（示例）"),
            started_on=STARTED,
            planned_on=DEADLINE,
            notes=NOTE,
            is_generated=True,
            version=1,
        )
        setattr(plan, CAUSES[no % len(CAUSES)], True)
        if no % 4 == 3:
            setattr(plan, CAUSES[(no + 1) % len(CAUSES)], True)
        _path(plan, compound)
        wanted_plans.append(plan)
    fields = [*CAUSES, "gas_company", "inspection_body", "route", "started_on", "planned_on", "notes"]
    fields += ["is_generated", *PATH_ID_FIELDS]
    plans = sync_rows(
        GasCompoundPlan,
        wanted_plans,
        GasCompoundPlan.objects.filter(campaign=campaign),
        lambda p: p.compound_id,
        fields,
        report,
    )

    buildings = Building.objects.filter(compound__in=compounds).order_by("compound_id", "name")
    per_compound: dict[int, list[Building]] = {}
    for b in buildings:
        per_compound.setdefault(b.compound_id, []).append(b)
    wanted_buildings = []
    numbers: dict[int, int] = {}
    for no, compound in enumerate(compounds):
        for b_no, building in enumerate(sorted(per_compound.get(compound.pk, []), key=lambda b: (len(b.name), b.name))):
            stage = stage_of(no, b_no, compound.name)
            building_plan = GasBuildingPlan(
                compound_plan=plans[compound.pk],
                building=building,
                stage=stage,
                stage_reached_on=reached_on(no, stage),
                households_connected=building.households if stage == GasStage.GAS_ON else 0,
                is_generated=True,
                version=1,
            )
            _path(building_plan, building)
            wanted_buildings.append(building_plan)
            numbers[building.pk] = no
    fields = ["stage", "stage_reached_on", "expected_on", "households_connected", "is_generated", *PATH_ID_FIELDS]
    building_plans = sync_rows(
        GasBuildingPlan,
        wanted_buildings,
        GasBuildingPlan.objects.filter(compound_plan__campaign=campaign),
        lambda p: (p.compound_plan_id, p.building_id),
        fields,
        report,
    )
    _sync_events(list(building_plans.values()), numbers, report)
    connected = next(plans[c.pk].pk for c in compounds if c.name == CONNECTED)
    _sync_blockers(campaign, connected, list(building_plans.values()), report)


def _sync_events(plans: list[GasBuildingPlan], numbers: dict[int, int], report: LoadReport) -> None:
    """Each demo building's way from the survey to its stage, one event per stage. Events are never changed, so
    only missing ones are added."""
    stored = set(GasStageEvent.objects.filter(building_plan__in=plans).values_list("building_plan_id", "to_stage"))
    new = []
    for plan in plans:
        for stage in range(GasStage.SURVEYED, plan.stage + 1):
            if (plan.pk, stage) in stored:
                continue
            event = GasStageEvent(
                building_plan=plan,
                from_stage=stage - 1 or None,
                to_stage=stage,
                reached_on=reached_on(numbers[plan.building_id], stage),
                note=NOTE,
            )
            _path(event, plan)
            new.append(event)
    if new:
        GasStageEvent.objects.bulk_create(new, batch_size=2000)
        report.created["GasStageEvent"] += len(new)


def _sync_blockers(
    campaign: GasCampaign, connected_plan_id: int, building_plans: list[GasBuildingPlan], report: LoadReport
) -> None:
    """Two open blockers and a resolved one, at buildings still installing (generated)."""
    wanted = []
    installing = [
        p for p in building_plans if p.stage == GasStage.INDOOR_INSTALLATION and p.compound_plan_id != connected_plan_id
    ]
    specs = [
        (0, "部分住户尚未同意入户安装，社区正逐户做工作（示例）", "社区", None),
        (1, "楼前调压箱位置与绿地冲突，待重新选址（示例）", "燃气企业（示例）", None),
        (2, "一单元立管穿墙位置有争议（示例）", "街道", dt.date(2025, 9, 20)),
    ]
    for index, description, unit, resolved in specs:
        if index >= len(installing):
            break
        bp = installing[index * 5 % len(installing)]
        blocker = GasBlocker(
            compound_plan_id=bp.compound_plan_id,
            building_plan=bp,
            description=description,
            responsible_unit=unit,
            raised_on=dt.date(2025, 9, 1),
            resolved_on=resolved,
            is_generated=True,
            version=1,
        )
        _path(blocker, bp)
        wanted.append(blocker)
    sync_rows(
        GasBlocker,
        wanted,
        GasBlocker.objects.filter(compound_plan__campaign=campaign),
        lambda b: (b.compound_plan_id, b.description),
        ["building_plan_id", "responsible_unit", "raised_on", "resolved_on", "is_generated", *PATH_ID_FIELDS],
        report,
    )


def summary_lines() -> list[str]:
    lines = []
    for campaign in GasCampaign.objects.filter(district__code=SHUANGTA):
        plans = GasCompoundPlan.objects.filter(campaign=campaign)
        figures = GasBuildingPlan.objects.filter(compound_plan__campaign=campaign).aggregate(
            connected=Sum("households_connected", default=0),
            buildings=Count("pk"),
            gas_on=Count("pk", filter=Q(stage=GasStage.GAS_ON)),
        )
        lines.append(
            _(
                "%(campaign)s：小区 %(compounds)s 个（具备通气条件 %(ready)s 个），楼栋 %(buildings)s 栋"
                "（已通气 %(gas_on)s 栋），%(households)s 户，已通气 %(connected)s 户"
            )
            % {
                "campaign": campaign.name,
                "compounds": plans.count(),
                "households": plans.aggregate(n=Sum("compound__households", default=0))["n"],
                "ready": plans.ready().count(),
                **figures,
            }
        )
    return lines
