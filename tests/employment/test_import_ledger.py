"""Monthly reports and postings from officials' Excel ledgers: a good file imports through the actions; a file
with bad rows names each row (Excel numbering) and its reason, and saves nothing."""

import datetime as dt

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from employment.models import JobPosting, MonthlyAchievement, TargetCategory
from employment.resources import JobPostingResource, MonthlyAchievementResource
from grids.resources import LEDGER_FORMATS, LedgerCSV
from tests.employment.factories import JobPostingFactory, JobStationFactory, MonthlyAchievementFactory

pytestmark = pytest.mark.django_db

HEADERS = ["社区编码", "月份", "目标类别", "完成数", "备注"]


def ledger(*rows, headers=HEADERS) -> tablib.Dataset:
    return tablib.Dataset(*rows, headers=headers)


def invalid_rows(result) -> dict[int, str]:
    return {
        row.number: " ".join(
            f"{column}: {m}" if column != "__all__" else str(m) for column, ms in row.error_dict.items() for m in ms
        )
        for row in result.invalid_rows
    }


def test_a_good_monthly_ledger_imports_and_months_may_be_written_as_excel_does(street_official, community):
    result = MonthlyAchievementResource().import_data(
        ledger(
            [community.code, "2025-03", "城镇新增就业", 120, ""],
            [community.code, "2025年4月", "失业人员再就业", 80, "含零就业家庭2户"],
            [community.code, dt.datetime(2025, 5, 31), "employment_trained", 60, ""],
        ),
        user=street_official,
    )

    assert not result.has_errors() and not result.has_validation_errors()
    assert sorted(MonthlyAchievement.objects.values_list("month", "category", "achieved")) == [
        (dt.date(2025, 3, 1), TargetCategory.NEW_URBAN_JOBS, 120),
        (dt.date(2025, 4, 1), TargetCategory.REEMPLOYED, 80),
        (dt.date(2025, 5, 1), TargetCategory.TRAINED, 60),
    ]
    assert MonthlyAchievement.objects.get(achieved=120).history.get().history_user == street_official


def test_a_row_for_a_month_already_reported_corrects_it(street_official, community):
    MonthlyAchievementFactory(community=community, month=dt.date(2025, 3, 1), achieved=100)

    MonthlyAchievementResource().import_data(
        ledger([community.code, "2025-03", "城镇新增就业", 130, ""]), user=street_official
    )

    assert MonthlyAchievement.objects.get().achieved == 130


def test_a_ledger_with_bad_rows_names_each_and_saves_nothing(street_official, community, other_community):
    result = MonthlyAchievementResource().import_data(
        ledger(
            [community.code, "2025-03", "城镇新增就业", 120, ""],
            [community.code, "2025-13", "城镇新增就业", 10, ""],
            [community.code, "2025-04", "创业带动就业", 10, ""],
            [community.code, "2025-05", "城镇新增就业", -3, ""],
            [other_community.code, "2025-03", "城镇新增就业", 50, ""],
        ),
        user=street_official,
    )

    errors = invalid_rows(result)
    assert set(errors) == {3, 4, 5, 6}
    assert "月份“2025-13”无效" in errors[3]
    assert "目标类别“创业带动就业”无效" in errors[4]
    assert errors[5].startswith("完成数:")
    assert "不在您负责的区域内" in errors[6]
    assert not MonthlyAchievement.objects.exists()


def test_a_postings_ledger_finds_the_station_by_community_and_name(street_official, community):
    station = JobStationFactory(community=community, name="光大社区“舒心就业”驿站")
    headers = ["编号", "社区编码", "驿站名称", "用工单位", "岗位名称", "招聘人数", "月薪下限（元）", "月薪上限（元）"]
    headers += ["发布日期", "截止日期", "发布渠道"]

    result = JobPostingResource().import_data(
        ledger(
            ["", community.code, station.name, "朝阳家政公司", "育婴员", 3, 3000, 5000, "2025-06-01", "", "直播带岗"],
            ["", community.code, "无名驿站", "朝阳家政公司", "保洁员", 1, "", "", "2025-06-01", "", "服务窗口"],
            ["", community.code, station.name, "朝阳家政公司", "保安员", 1, 4000, 3000, "2025-06-01", "", "服务窗口"],
            headers=headers,
        ),
        user=street_official,
    )

    errors = invalid_rows(result)
    assert set(errors) == {3, 4}
    assert "没有名为“无名驿站”的驿站" in errors[3]
    assert errors[4].startswith("月薪上限（元）: 月薪上限不能低于下限")
    assert not JobPosting.objects.exists()


def test_the_admin_imports_a_monthly_csv_from_chinese_excel(client, street_official, community):
    client.force_login(street_official)
    csv = ",".join(HEADERS) + "\r\n" + f"{community.code},2025-03,城镇新增就业,120,\r\n"

    response = client.post(
        reverse("admin:employment_monthlyachievement_import"),
        {
            "resource": "0",
            "format": str(LEDGER_FORMATS.index(LedgerCSV)),
            "import_file": SimpleUploadedFile("月度就业台账.csv", csv.encode("gb18030")),
        },
    )
    assert not response.context["result"].has_validation_errors()
    form = response.context["confirm_form"]
    done = client.post(
        reverse("admin:employment_monthlyachievement_process_import"), {n: form[n].value() for n in form.fields}
    )

    assert done.status_code == 302
    assert MonthlyAchievement.objects.get().achieved == 120


def test_records_without_a_ledger_format_offer_no_import(client, street_official):
    client.force_login(street_official)

    assert client.get(reverse("admin:employment_jobstation_import")).status_code == 403


POSTING_HEADERS = [
    "编号",
    "社区编码",
    "驿站名称",
    "用工单位",
    "岗位名称",
    "招聘人数",
    "月薪下限（元）",
    "月薪上限（元）",
]
POSTING_HEADERS += ["发布日期", "截止日期", "发布渠道"]


def test_a_posting_number_that_does_not_exist_is_a_row_error_and_saves_nothing(street_official, community):
    station = JobStationFactory(community=community, name="光大社区“舒心就业”驿站")
    kept = JobPostingFactory(station=station, title="保洁员", positions=1)

    result = JobPostingResource().import_data(
        ledger(
            [kept.pk, community.code, station.name, "朝阳家政公司", "保洁员", 2, "", "", "2025-06-01", "", "服务窗口"],
            ["", community.code, station.name, "朝阳家政公司", "育婴员", 3, "", "", "2025-06-01", "", "服务窗口"],
            [
                kept.pk + 1000,
                community.code,
                station.name,
                "朝阳家政公司",
                "保安员",
                1,
                "",
                "",
                "2025-06-01",
                "",
                "服务窗口",
            ],
            headers=POSTING_HEADERS,
        ),
        user=street_official,
    )

    errors = invalid_rows(result)
    assert set(errors) == {4}
    assert errors[4].startswith("编号:") and str(kept.pk + 1000) in errors[4]
    assert list(JobPosting.objects.values_list("title", "positions")) == [("保洁员", 1)]


def test_a_posting_number_that_exists_corrects_that_posting(street_official, community):
    station = JobStationFactory(community=community, name="光大社区“舒心就业”驿站")
    posting = JobPostingFactory(station=station, title="保洁员", positions=1)

    result = JobPostingResource().import_data(
        ledger(
            [
                posting.pk,
                community.code,
                station.name,
                "朝阳家政公司",
                "保洁员",
                4,
                "",
                "",
                "2025-06-01",
                "",
                "服务窗口",
            ],
            headers=POSTING_HEADERS,
        ),
        user=street_official,
    )

    assert not result.has_errors() and not result.has_validation_errors()
    assert list(JobPosting.objects.values_list("pk", "positions")) == [(posting.pk, 4)]
