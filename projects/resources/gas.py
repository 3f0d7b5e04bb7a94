"""The campaign ledgers (台账) of gas-connection campaigns: compound plans and building plans, Chinese column
headers, Excel row numbers in errors, nothing saved from a file with a bad row (grids.resources.ScopedModelResource).

Rows are written through projects.actions.gas, so a ledger row changing a building's stage records a stage event
with the same checks as the admin and the API (a skipped stage needs the reason column)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from import_export.fields import Field
from import_export.widgets import DateWidget, ForeignKeyWidget, IntegerWidget

from grids.resources import (
    BUILDING_NAME,
    COMMUNITY_CODE,
    COMPOUND_NAME,
    BuildingWidget,
    ChoiceLabelWidget,
    ScopedModelResource,
    TextWidget,
    YesNoWidget,
    cell_text,
    compound_widget,
)

from ..actions.gas import gas_building_plan_save
from ..models.gas import GasBuildingPlan, GasCampaign, GasCompoundPlan, GasStage

CAMPAIGN_NAME = "攻坚名称"
REASON = "跳过或回退原因"
DATE = DateWidget(format="%Y-%m-%d")


class CampaignWidget(ForeignKeyWidget):
    """A campaign by its name."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(GasCampaign, field="name", **kwargs)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> GasCampaign | None:
        name = cell_text(value)
        if not name:
            return None
        found = list(GasCampaign.objects.filter(name=name)[:2])
        if len(found) != 1:
            raise ValidationError(
                _("没有名为“%(name)s”的燃气开通攻坚。") % {"name": name}
                if not found
                else _("有多个名为“%(name)s”的燃气开通攻坚，请先改名区分。") % {"name": name}
            )
        return found[0]


class CompoundPlanWidget(ForeignKeyWidget):
    """A compound's plan by the campaign name, community code and compound name of the same row."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(GasCompoundPlan, field="pk", **kwargs)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> GasCompoundPlan | None:
        row = row or {}
        campaign = CampaignWidget().clean(value, row)
        if campaign is None:
            return None
        code, compound = cell_text(row.get(COMMUNITY_CODE)), cell_text(row.get(COMPOUND_NAME))
        plan = GasCompoundPlan.objects.filter(
            campaign=campaign, compound__community__code=code, compound__name=compound
        ).first()
        if plan is None:
            raise ValidationError(
                _("攻坚“%(campaign)s”中没有社区编码“%(code)s”的小区“%(compound)s”的方案。")
                % {"campaign": campaign.name, "code": code, "compound": compound}
            )
        return plan

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.campaign.name if value is not None else ""


class GasCompoundPlanResource(ScopedModelResource):
    campaign = Field(attribute="campaign", column_name=CAMPAIGN_NAME, widget=CampaignWidget())
    street_name = Field(attribute="street__name", column_name="街道", readonly=True)
    community_code = Field(attribute="compound__community__code", column_name=COMMUNITY_CODE, readonly=True)
    compound = Field(attribute="compound", column_name=COMPOUND_NAME, widget=compound_widget())
    cause_developer_arrears = Field(attribute="cause_developer_arrears", column_name="开发商欠费", widget=YesNoWidget())
    cause_unclear_property = Field(attribute="cause_unclear_property", column_name="产权界定不清", widget=YesNoWidget())
    cause_no_initial_planning = Field(
        attribute="cause_no_initial_planning", column_name="初期规划缺失", widget=YesNoWidget()
    )
    cause_other = Field(attribute="cause_other", column_name="其他原因", widget=TextWidget())
    gas_company = Field(attribute="gas_company", column_name="燃气企业", widget=TextWidget())
    inspection_body = Field(attribute="inspection_body", column_name="检测验收机构", widget=TextWidget())
    route = Field(attribute="route", column_name="管网设计路线", widget=TextWidget())
    started_on = Field(attribute="started_on", column_name="启动日期", widget=DATE)
    planned_on = Field(attribute="planned_on", column_name="计划通气日期", widget=DATE)
    notes = Field(attribute="notes", column_name="备注", widget=TextWidget())

    class Meta:
        model = GasCompoundPlan
        fields = (
            "campaign",
            "street_name",
            "community_code",
            "compound",
            "cause_developer_arrears",
            "cause_unclear_property",
            "cause_no_initial_planning",
            "cause_other",
            "gas_company",
            "inspection_body",
            "route",
            "started_on",
            "planned_on",
            "notes",
        )
        import_id_fields = ("campaign", "compound")
        name = "小区燃气方案台账"

    def get_queryset(self) -> models.QuerySet:
        return GasCompoundPlan.objects.select_related("campaign", "street", "compound__community")


class GasBuildingPlanResource(ScopedModelResource):
    """The campaign ledger: one row per building, its stage and dates."""

    compound_plan = Field(attribute="compound_plan", column_name=CAMPAIGN_NAME, widget=CompoundPlanWidget())
    street_name = Field(attribute="street__name", column_name="街道", readonly=True)
    community_code = Field(attribute="building__compound__community__code", column_name=COMMUNITY_CODE, readonly=True)
    compound_name = Field(attribute="building__compound__name", column_name=COMPOUND_NAME, readonly=True)
    building = Field(attribute="building", column_name=BUILDING_NAME, widget=BuildingWidget())
    households = Field(attribute="building__households", column_name="楼栋户数", readonly=True)
    stage = Field(attribute="stage", column_name="阶段", widget=ChoiceLabelWidget(GasStage, "阶段"))
    stage_reached_on = Field(attribute="stage_reached_on", column_name="阶段日期", widget=DATE)
    expected_on = Field(attribute="expected_on", column_name="预计通气日期", widget=DATE)
    households_connected = Field(attribute="households_connected", column_name="已通气户数", widget=IntegerWidget())
    reason = Field(column_name=REASON, readonly=True)

    class Meta:
        model = GasBuildingPlan
        fields = (
            "compound_plan",
            "street_name",
            "community_code",
            "compound_name",
            "building",
            "households",
            "stage",
            "stage_reached_on",
            "expected_on",
            "households_connected",
            "reason",
        )
        import_id_fields = ("compound_plan", "building")
        name = "楼栋燃气台账"

    def get_queryset(self) -> models.QuerySet:
        return GasBuildingPlan.objects.select_related(
            "compound_plan__campaign", "street", "building__compound__community"
        )

    def dehydrate_reason(self, obj: GasBuildingPlan) -> str:
        return ""

    def in_columns(self, error: ValidationError) -> ValidationError:
        error = super().in_columns(error)
        if not hasattr(error, "error_dict"):
            return error
        return ValidationError({REASON if k == "reason" else k: v for k, v in error.error_dict.items()})

    def import_instance(self, instance: models.Model, row: Any, **kwargs: Any) -> None:
        super().import_instance(instance, row, **kwargs)
        assert isinstance(instance, GasBuildingPlan)
        if instance.households_connected is None:  # an empty cell: all on gas, none before
            at_gas_on = instance.stage == GasStage.GAS_ON and instance.building_id
            instance.households_connected = instance.building.households if at_gas_on else 0

    def write_row(self, *, user: Any, instance: models.Model, row: Any, is_create: bool) -> None:
        assert isinstance(instance, GasBuildingPlan)
        gas_building_plan_save(user=user, plan=instance, reason=cell_text(row.get(REASON)))
