"""The renovation ledger (改造项目台账) in Excel: a good file imports with its compounds; a file with bad rows names
each by its Excel row number and saves nothing; the export reads back in."""

# ruff: noqa: F811 (pytest fixtures imported from factories_renovation are requested by name)

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import RenovationProject, RenovationStatus
from projects.resources.renovation import RenovationProjectResource
from tests.factories import CompoundFactory
from tests.projects.factories_renovation import compound, today  # noqa: F401

pytestmark = pytest.mark.django_db

HEADERS = [
    "社区编码",
    "项目名称",
    "计划年度",
    "改造类别",
    "改造小区",
    "改造面积（㎡）",
    "楼栋数",
    "受益户数",
    "计划投资（元）",
    "开工日期",
    "计划完工日期",
    "实际完工日期",
    "状态",
]


def ledger(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def invalid_rows(result) -> dict[int, str]:
    return {
        row.number: " ".join(
            f"{column}: {m}" if column != "__all__" else str(m) for column, ms in row.error_dict.items() for m in ms
        )
        for row in result.invalid_rows
    }


@pytest.fixture
def bonan(community):
    return CompoundFactory(community=community, name="博南小区", households=400, high_rise=False)


def row(community, name="老城小区改造项目", compounds="老城小区", **changes):
    values = {
        "社区编码": community.code,
        "项目名称": name,
        "计划年度": 2025,
        "改造类别": "基础类",
        "改造小区": compounds,
        "改造面积（㎡）": "36090",
        "楼栋数": 12,
        "受益户数": 523,
        "计划投资（元）": "11548800",
        "开工日期": "2025/4/15",
        "计划完工日期": "2025-11-30",
        "实际完工日期": "",
        "状态": "施工中",
    } | changes
    return [values[h] for h in HEADERS]


def test_a_good_ledger_imports_projects_with_their_compounds(today, street_official, community, compound, bonan):
    result = RenovationProjectResource().import_data(
        ledger(row(community), row(community, name="博南小区改造项目", compounds="博南小区、老城小区")),
        user=street_official,
    )

    assert not result.has_errors() and not result.has_validation_errors(), invalid_rows(result)
    laocheng = RenovationProject.objects.get(name="老城小区改造项目")
    assert (laocheng.status, laocheng.households, str(laocheng.start_date)) == (
        RenovationStatus.IN_PROGRESS,
        523,
        "2025-04-15",
    )
    assert sorted(RenovationProject.objects.get(name="博南小区改造项目").compounds.values_list("name", flat=True)) == [
        "博南小区",
        "老城小区",
    ]
    assert laocheng.history.first().history_user == street_official


def test_a_ledger_with_bad_rows_names_each_row_and_saves_nothing(
    today, street_official, community, other_community, compound
):
    result = RenovationProjectResource().import_data(
        ledger(
            row(community),
            row(community, name="无名项目", compounds="无名小区"),
            row(community, name="负面积项目", **{"改造面积（㎡）": "-5"}),
            row(community, name="未完先验", **{"状态": "已验收"}),
            row(other_community, name="红旗项目", compounds=""),
            row(community, name="错状态", **{"状态": "快完了"}),
        ),
        user=street_official,
    )

    errors = invalid_rows(result)
    assert set(errors) == {3, 4, 5, 6, 7}
    assert "改造小区: 社区编码“" in errors[3] and "没有名为“无名小区”的小区" in errors[3]
    assert errors[4] == "改造面积（㎡）: 确保该值大于或等于0。"
    assert "实际完工日期: 项目状态为“已验收”时，请填写实际完工日期。" in errors[5]
    assert errors[6] == "“红旗项目”不在您负责的区域内。"
    assert "状态“快完了”无效" in errors[7]
    assert not RenovationProject.objects.exists()


def test_a_project_cannot_be_imported_as_completed_while_a_work_item_is_open(
    today, street_official, community, compound
):
    from tests.projects.factories_renovation import RenovationProjectFactory, RenovationWorkItemFactory

    existing = RenovationProjectFactory(community=community, name="老城小区改造项目", compounds=[compound])
    RenovationWorkItemFactory(project=existing, kind="water", name="")

    result = RenovationProjectResource().import_data(
        ledger(row(community, **{"状态": "已完工", "实际完工日期": "2025-09-30"})), user=street_official
    )

    assert invalid_rows(result) == {2: "状态: 还有未完成的改造内容（供水），项目不能标为“已完工”。"}
    existing.refresh_from_db()
    assert existing.status == RenovationStatus.PLANNED


def test_the_admin_exports_the_ledger_and_the_file_imports_back_unchanged(
    client, superuser, today, community, compound
):
    from tests.projects.factories_renovation import RenovationProjectFactory

    RenovationProjectFactory(community=community, name="老城小区改造项目", compounds=[compound])
    client.force_login(superuser)

    response = client.post(
        reverse("admin:projects_renovationproject_export"),
        {
            "format": "0",
            "resource": "",
            **{f"renovationprojectresource_{f}": "on" for f in RenovationProjectResource._meta.fields},
        },
    )
    assert response.status_code == 200, response.content[:500]
    data = tablib.Dataset().load(io.BytesIO(response.content).read(), format="xlsx")
    assert "改造小区" in data.headers and data["改造小区"] == ["老城小区"]

    upload = SimpleUploadedFile("ledger.xlsx", response.content)
    preview = client.post(
        reverse("admin:projects_renovationproject_import"), {"format": "0", "resource": "", "import_file": upload}
    )
    assert preview.status_code == 200
    assert not preview.context["result"].has_validation_errors()
    assert RenovationProject.objects.count() == 1
