"""The campaign board (挂图作战) and the residents' pages: a row per compound, a cell per building coloured by its
stage, counts per stage, blockers, late buildings, a street filter, the same as JSON; the compound page shows each
building's stage and expected date. Pages cost the same queries whatever the number of rows."""

import datetime as dt
import re

import pytest

from projects.models import GasStage
from tests.factories import BuildingFactory, CompoundFactory
from tests.projects.factories_gas import (
    GasBlockerFactory,
    GasBuildingPlanFactory,
    GasCampaignFactory,
    GasCompoundPlanFactory,
)

SAVEPOINT = 2  # ATOMIC_REQUESTS: SAVEPOINT + RELEASE


@pytest.fixture
def campaign(district):
    return GasCampaignFactory(district=district, name="高层住宅燃气开通", deadline=dt.date(2025, 12, 31))


def compound_with(campaign, community, name, stages, expected_on=None):
    compound = CompoundFactory(community=community, name=name, households=60 * len(stages))
    plan = GasCompoundPlanFactory(campaign=campaign, compound=compound)
    for n, stage in enumerate(stages, start=1):
        GasBuildingPlanFactory(
            compound_plan=plan,
            building=BuildingFactory(compound=compound, name=f"{n}号楼", households=60),
            stage=stage,
            expected_on=expected_on,
        )
    return plan


@pytest.fixture
def two_streets(campaign, community, other_community):
    dingsheng = compound_with(campaign, community, "鼎盛公寓", [GasStage.GAS_ON] * 3)
    late = compound_with(
        campaign, other_community, "红旗小区", [GasStage.INSPECTION, GasStage.CONSTRUCTION], dt.date(2025, 4, 1)
    )
    GasBlockerFactory(
        compound_plan=late, building_plan=late.building_plans.get(stage=GasStage.CONSTRUCTION), description="调压箱选址"
    )
    return dingsheng, late


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def cells(page: str) -> list[tuple[str, str]]:
    """(building plan id, stage key) of every cell, in page order."""
    return re.findall(r'class="gas-cell [^"]*"\s+data-building-plan="(\d+)" data-stage="(\w+)"', page)


def figure(page: str, name: str) -> str:
    return re.search(rf'data-figure="{name}">([^<]*)<', page).group(1).strip()


def test_the_board_has_a_row_per_compound_and_a_cell_per_building_coloured_by_stage(client, campaign, two_streets):
    dingsheng, late = two_streets
    response = client.get(f"/gas/{campaign.pk}/")
    page = html(response)

    rows = response.context["board"].rows
    assert [r.compound.name for r in rows] == ["鼎盛公寓", "红旗小区"]
    assert page.count("data-compound-plan=") == 2
    expected = [
        (str(b.pk), b.stage_key) for row in (dingsheng, late) for b in row.building_plans.order_by("building__name")
    ]
    assert cells(page) == expected
    assert [key for _, key in cells(page)] == ["gas_on"] * 3 + ["inspection", "construction"]
    assert page.count('class="gas-cell gas-stage-7') == 3 and page.count('class="gas-cell gas-stage-3') == 1
    assert page.count("data-ready>") == 1  # only 鼎盛公寓 is ready for gas


def test_the_board_counts_buildings_per_stage_and_marks_blockers_and_late_buildings(client, campaign, two_streets):
    page = html(client.get(f"/gas/{campaign.pk}/"))

    counts = dict(re.findall(r'data-stage-count="(\w+)">.*?data-count>(\d+)<', page, re.S))
    assert counts == {
        "surveyed": "0",
        "design_approved": "0",
        "construction": "1",
        "inspection": "1",
        "indoor_installation": "0",
        "pressure_test": "0",
        "gas_on": "3",
    }
    assert page.count(" data-late") == 2  # 红旗小区's two buildings were expected on 2025-04-01
    assert figure(page, "buildings_late") == "2"
    assert "调压箱选址" in page and page.count('class="bi bi-cone-striped gas-flag gas-flag-blocked"') == 1
    assert figure(page, "households") == "300"
    assert figure(page, "readiness_rate") == "50%"
    assert figure(page, "compounds_ready") == "1"


def test_the_board_filters_by_street(client, campaign, two_streets, other_street):
    response = client.get(f"/gas/{campaign.pk}/", {"street": other_street.pk})

    assert [r.compound.name for r in response.context["board"].rows] == ["红旗小区"]
    assert figure(html(response), "compounds") == "1"
    assert client.get(f"/gas/{campaign.pk}/", {"street": 999999}).status_code == 404


def test_the_board_as_json_for_big_screens(client, campaign, two_streets, street):
    data = client.get(f"/api/v1/gas-campaigns/{campaign.pk}/board/").json()

    assert data["totals"]["compounds"] == 2 and data["totals"]["buildings"] == 5
    assert data["totals"]["readiness_rate"] == 0.5
    assert [s["buildings"] for s in data["stages"]] == [0, 0, 1, 1, 0, 0, 3]
    assert [[b["stage_key"] for b in row["buildings"]] for row in data["rows"]] == [
        ["gas_on"] * 3,
        ["inspection", "construction"],
    ]
    assert data["rows"][1]["blockers"][0]["description"] == "调压箱选址"
    assert [b["blocked"] for b in data["rows"][1]["buildings"]] == [False, True]
    assert [b["is_late"] for b in data["rows"][1]["buildings"]] == [True, True]
    one_street = client.get(f"/api/v1/gas-campaigns/{campaign.pk}/board/", {"street": street.pk}).json()
    assert [row["compound"]["name"] for row in one_street["rows"]] == ["鼎盛公寓"]


@pytest.mark.parametrize("n", [1, 6])
def test_the_board_costs_the_same_queries_for_few_and_many_compounds(
    client, campaign, community, django_assert_num_queries, n
):
    for i in range(n):
        plan = compound_with(campaign, community, f"小区{i}", [GasStage.SURVEYED, GasStage.GAS_ON])
        GasBlockerFactory(compound_plan=plan)
    # the campaign, the streets of its compounds, the counts per stage, the compound rows with their figures,
    # their buildings, their open blockers
    with django_assert_num_queries(6 + SAVEPOINT):
        response = client.get(f"/gas/{campaign.pk}/")
    assert len(response.context["board"].rows) == n


def test_the_campaign_list_and_the_menu_link(client, campaign, two_streets):
    page = html(client.get("/gas/"))

    assert "高层住宅燃气开通" in page and f'href="/gas/{campaign.pk}/"' in page
    header = page.split("</header>")[0]
    assert 'href="/gas/"' in header and "燃气开通" in header


def gas_rows(page: str) -> list[tuple[str, str, str]]:
    """(stage key, building, the rest of the row's text) of the compound page's gas section."""
    rows = re.findall(r'<tr data-building-plan="\d+" data-stage="(\w+)">(.*?)</tr>', page, re.S)
    return [
        (key, re.search(r"<th[^>]*>(.*?)</th>", row).group(1), re.sub(r"<[^>]+>|\s+", " ", row)) for key, row in rows
    ]


def test_a_resident_finds_their_compound_by_initials_and_sees_each_buildings_stage(client, campaign, two_streets):
    _dingsheng, late = two_streets
    found = client.get("/search/", {"q": "hqxq"})
    assert [c.pk for c in found.context["compounds"]] == [late.compound_id]

    page = html(client.get(f"/compounds/{late.compound_id}/"))

    rows = gas_rows(page)
    assert [(key, name) for key, name, _ in rows] == [("inspection", "1号楼"), ("construction", "2号楼")]
    assert "检测验收" in rows[0][2] and "施工" in rows[1][2]
    assert "2025-04-01" in rows[1][2] and "已逾期" in rows[1][2]
    assert "text-bg-success" not in page.split("data-gas-plan")[1]  # no "ready for gas" badge


def test_a_compound_on_gas_says_so_and_a_compound_in_no_campaign_has_no_gas_section(client, campaign, two_streets):
    dingsheng, _ = two_streets

    page = html(client.get(f"/compounds/{dingsheng.compound_id}/"))
    section = page.split("data-gas-plan")[1]
    assert "text-bg-success" in section and "3/3 栋已通气" in section
    assert [rest.count("已通气") for _, _, rest in gas_rows(page)] == [1, 1, 1]

    other = CompoundFactory(community=dingsheng.compound.community, name="翠湖小区")
    assert "data-gas-plan" not in html(client.get(f"/compounds/{other.pk}/"))


@pytest.mark.parametrize("n", [1, 7])
def test_the_compound_page_section_costs_two_queries(
    client, campaign, community, django_assert_num_queries, n, only_sections
):
    only_sections("projects/gas/")
    plan = compound_with(campaign, community, "盛景园", [GasStage.INSPECTION] * n)
    # grids' three (the compound, its areas, its buildings) and the gas section's two (plans with figures and
    # campaign, their buildings)
    with django_assert_num_queries(3 + 2 + SAVEPOINT):
        response = client.get(f"/compounds/{plan.compound_id}/")
    assert response.content.decode().count("data-stage=") == n
