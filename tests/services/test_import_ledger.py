"""The canteens' monthly ledger from Excel: new months are recorded, changed months need a reason and become
corrections, bad rows are reported with their Excel row numbers and nothing is saved from a bad file."""

import datetime as dt

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grids.resources import LEDGER_FORMATS
from services.models import CanteenMonth, CanteenMonthCorrection
from services.resources import CanteenMonthResource
from tests.grids.test_import_ledger import invalid_rows
from tests.services.factories import CanteenFactory, CanteenMonthFactory

pytestmark = pytest.mark.django_db

HEADERS = ["社区编码", "食堂名称", "月份", "就餐人次", "服务老人数", "送餐份数", "补贴金额（元）", "更正原因"]


def ledger(*rows) -> tablib.Dataset:
    return tablib.Dataset(*rows, headers=HEADERS)


@pytest.fixture
def canteen(community):
    return CanteenFactory(community=community, name="光大幸福餐厅", opened_on=dt.date(2024, 1, 1))


def test_a_good_ledger_records_each_month(street_official, canteen):
    code = canteen.community.code
    result = CanteenMonthResource().import_data(
        ledger(
            [code, "光大幸福餐厅", "2025-01", 3000, 800, 400, "9000", ""],
            [code, "光大幸福餐厅", "2025年2月", 2800, 790, 380, "8400.5", ""],
            [code, "光大幸福餐厅", dt.datetime(2025, 3, 1), 3100, 805, 410, 9300, ""],
        ),
        user=street_official,
    )

    assert not result.has_errors() and not result.has_validation_errors()
    assert list(CanteenMonth.objects.order_by("month").values_list("month", "meals_served")) == [
        (dt.date(2025, 1, 1), 3000),
        (dt.date(2025, 2, 1), 2800),
        (dt.date(2025, 3, 1), 3100),
    ]


def test_a_ledger_with_bad_rows_names_each_by_its_excel_row_and_saves_nothing(street_official, canteen):
    code = canteen.community.code
    result = CanteenMonthResource().import_data(
        ledger(
            [code, "光大幸福餐厅", "2025-01", 3000, 800, 400, "9000", ""],
            [code, "光大幸福餐厅", "2025-02", 100, 800, 0, "0", ""],
            [code, "无名食堂", "2025-02", 100, 10, 0, "0", ""],
            [code, "光大幸福餐厅", "二月", 100, 10, 0, "0", ""],
        ),
        user=street_official,
    )

    errors = invalid_rows(result)
    assert set(errors) == {3, 4, 5}
    assert errors[3].startswith("服务老人数: 服务老人数（800）不能多于就餐人次（100）")
    assert "没有名为“无名食堂”的食堂" in errors[4]
    assert "月份“二月”无法识别" in errors[5]
    assert not CanteenMonth.objects.exists()


def test_a_changed_month_without_a_reason_is_a_bad_row_and_nothing_changes(street_official, canteen):
    CanteenMonthFactory(canteen=canteen, month=dt.date(2025, 1, 1), meals_served=3000)

    result = CanteenMonthResource().import_data(
        ledger([canteen.community.code, "光大幸福餐厅", "2025-01", 3300, 800, 400, "9000", ""]),
        user=street_official,
    )

    assert invalid_rows(result) == {2: "更正原因: 更正已录入的月度数据，请说明更正原因。"}
    assert CanteenMonth.objects.get().meals_served == 3000


def test_a_changed_month_with_a_reason_is_recorded_as_a_correction(street_official, canteen):
    CanteenMonthFactory(canteen=canteen, month=dt.date(2025, 1, 1), meals_served=3000, subsidy_paid=9000)

    result = CanteenMonthResource().import_data(
        ledger(
            [canteen.community.code, "光大幸福餐厅", "2025-01", 3300, 800, 400, "9000", "月底补录"],
            [canteen.community.code, "光大幸福餐厅", "2025-02", 2900, 780, 350, "8700", ""],
        ),
        user=street_official,
    )

    assert not result.has_validation_errors()
    correction = CanteenMonthCorrection.objects.get()
    assert (correction.changes, correction.reason) == ({"meals_served": [3000, 3300]}, "月底补录")
    assert CanteenMonth.objects.count() == 2


def test_an_unchanged_month_changes_nothing_and_needs_no_reason(street_official, canteen):
    CanteenMonthFactory(canteen=canteen, month=dt.date(2025, 1, 1), meals_served=3000, subsidy_paid=9000)

    result = CanteenMonthResource().import_data(
        ledger([canteen.community.code, "光大幸福餐厅", "2025-01", 3000, 800, 400, "9000.00", ""]),
        user=street_official,
    )

    assert not result.has_validation_errors()
    assert not CanteenMonthCorrection.objects.exists()


def test_a_canteen_of_another_street_is_a_bad_row(street_official, canteen, other_community):
    CanteenFactory(community=other_community, name="红旗幸福餐厅")

    result = CanteenMonthResource().import_data(
        ledger(
            [canteen.community.code, "光大幸福餐厅", "2025-01", 3000, 800, 400, "9000", ""],
            [other_community.code, "红旗幸福餐厅", "2025-01", 10, 1, 0, "0", ""],
        ),
        user=street_official,
    )

    assert invalid_rows(result) == {3: "“红旗幸福餐厅 2025年1月”不在您负责的区域内。"}
    assert not CanteenMonth.objects.exists()


def test_an_xlsx_ledger_imports_through_the_admin(official_client, canteen):
    data = ledger([canteen.community.code, "光大幸福餐厅", "2025-01", 3000, 800, 400, 9000, ""])
    response = official_client.post(
        reverse("admin:services_canteenmonth_import"),
        {
            "resource": "0",
            "format": str(LEDGER_FORMATS.index(LEDGER_FORMATS[0])),
            "import_file": SimpleUploadedFile("食堂月度台账.xlsx", data.export("xlsx")),
        },
    )
    assert not response.context["result"].has_validation_errors()
    form = response.context["confirm_form"]
    done = official_client.post(
        reverse("admin:services_canteenmonth_process_import"), {name: form[name].value() for name in form.fields}
    )

    assert done.status_code == 302
    assert CanteenMonth.objects.get().meals_served == 3000


def test_only_the_monthly_ledger_is_importable(official_client):
    assert official_client.get(reverse("admin:services_canteenmonth_import")).status_code == 200
    assert official_client.get(reverse("admin:services_canteen_import")).status_code == 403
