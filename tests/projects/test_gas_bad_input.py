"""Bad input: the API answers 400 naming the field; a ledger with bad rows names each row (Excel numbering)
and saves nothing."""

import datetime as dt

import pytest
import tablib
from rest_framework.authtoken.models import Token

from projects.models import GasBuildingPlan, GasCompoundPlan, GasStage, GasStageEvent
from projects.resources.gas import GasBuildingPlanResource, GasCompoundPlanResource
from tests.factories import BuildingFactory, CompoundFactory
from tests.grids.test_import_ledger import invalid_rows
from tests.projects.factories_gas import GasBuildingPlanFactory, GasCampaignFactory, GasCompoundPlanFactory


@pytest.fixture
def token_client(api_client, street_official):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=street_official).key}")
    return api_client


@pytest.fixture
def campaign(district):
    return GasCampaignFactory(district=district, name="高层住宅燃气开通")


@pytest.fixture
def bp(campaign, community):
    plan = GasCompoundPlanFactory(campaign=campaign, compound__community=community, compound__name="盛景园")
    return GasBuildingPlanFactory(
        compound_plan=plan, building__name="1号楼", building__households=60, stage=GasStage.INSPECTION
    )


def stage(client, bp, **data):
    return client.post(f"/api/v1/gas-building-plans/{bp.pk}/stage/", data, format="json")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"stage": 9}, "stage"),
        ({"stage": "通气"}, "stage"),
        ({"stage": GasStage.GAS_ON, "stage_reached_on": "2025-06-01"}, "reason"),
        ({"stage": GasStage.INDOOR_INSTALLATION, "stage_reached_on": "2025-02-01"}, "stage_reached_on"),
        ({"stage": GasStage.INDOOR_INSTALLATION, "stage_reached_on": "明天"}, "stage_reached_on"),
        ({"stage": GasStage.INSPECTION, "stage_reached_on": "2025-06-01"}, "stage"),
        ({"stage": GasStage.INDOOR_INSTALLATION, "version": -1}, "version"),
    ],
)
def test_a_bad_stage_change_is_a_400_naming_the_field_and_changes_nothing(token_client, bp, data, field):
    response = stage(token_client, bp, **data)

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert GasBuildingPlan.objects.get(pk=bp.pk).stage == GasStage.INSPECTION
    assert not GasStageEvent.objects.exists()


def test_a_stage_reached_in_the_future_is_a_400(token_client, bp):
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()

    response = stage(token_client, bp, stage=GasStage.INDOOR_INSTALLATION, stage_reached_on=tomorrow)

    assert response.status_code == 400
    assert "stage_reached_on" in response.json()


def test_more_households_connected_than_the_building_has_is_a_400(token_client, bp):
    GasBuildingPlan.objects.filter(pk=bp.pk).update(stage=GasStage.INDOOR_INSTALLATION)

    response = token_client.patch(
        f"/api/v1/gas-building-plans/{bp.pk}/", {"households_connected": 61, "version": bp.version}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["households_connected"] == ["已通气户数不能超过楼栋户数（60 户）。"]


def test_a_compound_of_another_district_is_a_400_naming_the_compound(token_client, campaign, street_official):
    from tests.factories import CommunityFactory

    elsewhere = CompoundFactory(community=CommunityFactory(name="外区社区"))
    street_official.official_areas.create(area=elsewhere.community)

    response = token_client.post(
        "/api/v1/gas-compound-plans/", {"campaign": campaign.pk, "compound": elsewhere.pk}, format="json"
    )

    assert response.status_code == 400
    assert "不在攻坚所属的" in response.json()["compound"][0]


def test_a_malformed_street_on_the_board_json_is_a_400(client, campaign):
    response = client.get(f"/api/v1/gas-campaigns/{campaign.pk}/board/", {"street": "abc"})

    assert response.status_code == 400
    assert "street" in response.json()


# --- the campaign ledgers ----------------------------------------------------------------------------------

HEADERS = [
    "攻坚名称",
    "社区编码",
    "小区名称",
    "楼栋",
    "阶段",
    "阶段日期",
    "预计通气日期",
    "已通气户数",
    "跳过或回退原因",
]


def ledger(*rows, headers=HEADERS):
    return tablib.Dataset(*rows, headers=headers)


def test_a_good_building_ledger_moves_the_stages_through_events(street_official, campaign, community, bp):
    other = BuildingFactory(compound=bp.building.compound, name="2号楼", households=40)
    result = GasBuildingPlanResource().import_data(
        ledger(
            [campaign.name, community.code, "盛景园", "1号楼", "入户安装", "2025-06-01", "2025-11-30", 12, ""],
            [campaign.name, community.code, "盛景园", "2号楼", "施工", "2025-05-01", "", "", "历史台账补录"],
        ),
        user=street_official,
    )

    assert not result.has_errors() and not result.has_validation_errors(), invalid_rows(result)
    bp.refresh_from_db()
    assert (bp.stage, bp.households_connected, bp.expected_on) == (
        GasStage.INDOOR_INSTALLATION,
        12,
        dt.date(2025, 11, 30),
    )
    new = GasBuildingPlan.objects.get(building=other)
    assert new.events.get().reason == "历史台账补录"


def test_a_building_ledger_with_bad_rows_names_each_and_saves_nothing(street_official, campaign, community, bp):
    BuildingFactory(compound=bp.building.compound, name="2号楼", households=40)
    BuildingFactory(compound=bp.building.compound, name="3号楼", households=40)
    result = GasBuildingPlanResource().import_data(
        ledger(
            [campaign.name, community.code, "盛景园", "1号楼", "入户安装", "2025-06-01", "", 0, ""],
            [campaign.name, community.code, "盛景园", "2号楼", "通气", "2025-06-01", "", "", ""],
            [campaign.name, community.code, "盛景园", "3号楼", "入户安装", "2025-06-01", "", 41, "补录"],
            [campaign.name, community.code, "盛景园", "9号楼", "摸排", "2025-06-01", "", 0, ""],
            ["没有的攻坚", community.code, "盛景园", "1号楼", "摸排", "2025-06-01", "", 0, ""],
        ),
        user=street_official,
    )

    errors = invalid_rows(result)
    assert set(errors) == {3, 4, 5, 6}
    assert errors[3].startswith("跳过或回退原因: 从“—”直接到“通气”跳过了中间阶段")
    assert errors[4] == "已通气户数: 已通气户数不能超过楼栋户数（40 户）。"
    assert "没有楼栋“9号楼”" in errors[5]
    assert "没有名为“没有的攻坚”的燃气开通攻坚" in errors[6]
    assert GasBuildingPlan.objects.get(pk=bp.pk).stage == GasStage.INSPECTION
    assert GasBuildingPlan.objects.count() == 1
    assert not GasStageEvent.objects.exists()


def test_a_compound_plan_ledger_outside_the_officials_streets_saves_nothing(
    street_official, campaign, community, other_community
):
    CompoundFactory(community=community, name="盛景园")
    CompoundFactory(community=other_community, name="红旗小区")
    headers = [
        "攻坚名称",
        "社区编码",
        "小区名称",
        "开发商欠费",
        "产权界定不清",
        "初期规划缺失",
        "燃气企业",
        "计划通气日期",
    ]

    result = GasCompoundPlanResource().import_data(
        ledger(
            [campaign.name, community.code, "盛景园", "是", "否", "否", "朝阳燃气", "2025-10-31"],
            [campaign.name, other_community.code, "红旗小区", "否", "是", "否", "朝阳燃气", "2025-10-31"],
            headers=headers,
        ),
        user=street_official,
    )

    assert invalid_rows(result) == {3: "“红旗小区”不在您负责的区域内。"}
    assert not GasCompoundPlan.objects.exclude(pk__in=[]).filter(compound__name__in=["盛景园", "红旗小区"]).exists()


def test_a_good_compound_plan_ledger_imports(street_official, campaign, community):
    CompoundFactory(community=community, name="盛景园")
    headers = [
        "攻坚名称",
        "社区编码",
        "小区名称",
        "开发商欠费",
        "产权界定不清",
        "初期规划缺失",
        "燃气企业",
        "计划通气日期",
    ]

    result = GasCompoundPlanResource().import_data(
        ledger([campaign.name, community.code, "盛景园", "是", "否", "是", "朝阳燃气", "2025-10-31"], headers=headers),
        user=street_official,
    )

    assert not result.has_validation_errors(), invalid_rows(result)
    plan = GasCompoundPlan.objects.get(compound__name="盛景园")
    assert [str(c) for c in plan.causes] == ["开发商欠费", "初期规划缺失"]
    assert plan.planned_on == dt.date(2025, 10, 31)


def test_an_exported_building_ledger_imports_again_without_a_change(street_official, campaign, community, bp):
    exported = GasBuildingPlanResource().export()
    assert exported.dict[0]["阶段"] == "检测验收" and exported.dict[0]["攻坚名称"] == campaign.name

    result = GasBuildingPlanResource().import_data(exported, user=street_official)

    assert not result.has_errors() and not result.has_validation_errors(), invalid_rows(result)
    assert GasBuildingPlan.objects.get(pk=bp.pk).stage == GasStage.INSPECTION
    assert not GasStageEvent.objects.exists()
