"""Officials' Excel/CSV ledgers: a good file imports; a file with bad rows names each row and saves nothing."""

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grids.models import Building, Compound
from grids.resources import LEDGER_FORMATS, BuildingResource, CompoundResource, LedgerCSV
from tests.factories import CompoundFactory

HEADERS = ["社区编码", "小区名称", "地址", "建成年份", "户数", "建筑面积（㎡）", "高层"]
IMPORT_URL = reverse("admin:grids_compound_import")
PROCESS_URL = reverse("admin:grids_compound_process_import")
EXPORT_URL = reverse("admin:grids_compound_export")


def ledger(*rows, headers=HEADERS) -> tablib.Dataset:
    return tablib.Dataset(*rows, headers=headers)


def invalid_rows(result) -> dict[int, str]:
    """Bad rows by their Excel row number (the header is row 1), with the reasons."""
    return {
        row.number: " ".join(
            f"{column}: {m}" if column != "__all__" else str(m) for column, ms in row.error_dict.items() for m in ms
        )
        for row in result.invalid_rows
    }


def test_a_good_ledger_imports(street_official, community):
    result = CompoundResource().import_data(
        ledger(
            [community.code, "盛景园", "龙山街道8号", 2003, 480, "35000.5", "是"],
            [community.code, "翠湖小区", "", "", 120, "", "否"],
        ),
        user=street_official,
    )

    assert not result.has_errors() and not result.has_validation_errors()
    assert dict(Compound.objects.values_list("name", "households")) == {"盛景园": 480, "翠湖小区": 120}
    assert Compound.objects.get(name="盛景园").high_rise is True
    assert Compound.objects.get(name="盛景园").history.first().history_user == street_official


def test_a_ledger_row_updates_the_compound_of_the_same_community_and_name(street_official, community):
    CompoundFactory(community=community, name="盛景园", households=500)

    CompoundResource().import_data(ledger([community.code, "盛景园", "", 2003, 520, "", "是"]), user=street_official)

    assert Compound.objects.get().households == 520


def test_a_ledger_with_two_bad_rows_reports_both_and_saves_nothing(street_official, community):
    result = CompoundResource().import_data(
        ledger(
            [community.code, "盛景园", "", 2003, 480, "", "是"],
            [community.code, "翠湖小区", "", 2003, -5, "", "否"],
            ["999999", "无名小区", "", 2003, 10, "", "否"],
        ),
        user=street_official,
    )

    errors = invalid_rows(result)
    assert set(errors) == {3, 4}
    assert errors[3] == "户数: 确保该值大于或等于0。"
    assert "社区编码“999999”不存在" in errors[4]
    assert not Compound.objects.exists()


def test_a_compound_outside_the_officials_areas_is_a_bad_row(street_official, community, other_community):
    result = CompoundResource().import_data(
        ledger(
            [community.code, "盛景园", "", 2003, 480, "", "是"],
            [other_community.code, "红旗小区", "", 2003, 10, "", "否"],
        ),
        user=street_official,
    )

    assert invalid_rows(result) == {3: "“红旗小区”不在您负责的区域内。"}
    assert not Compound.objects.exists()


def test_buildings_whose_households_exceed_the_compounds_are_bad_rows(street_official, community):
    CompoundFactory(community=community, name="盛景园", households=100)
    headers = ["社区编码", "小区名称", "楼栋", "层数", "户数", "网格编码"]

    result = BuildingResource().import_data(
        ledger(
            [community.code, "盛景园", "1号楼", 6, 60, ""],
            [community.code, "盛景园", "2号楼", 6, 50, ""],
            [community.code, "无名小区", "1号楼", 6, 5, ""],
            headers=headers,
        ),
        user=street_official,
    )

    errors = invalid_rows(result)
    assert set(errors) == {3, 4}
    assert errors[3].startswith("户数: 小区“盛景园”共 100 户，其他楼栋已有 60 户，本楼栋最多 40 户")
    assert "没有名为“无名小区”的小区" in errors[4]
    assert not Building.objects.exists()


def test_without_a_user_nothing_imports(community):
    result = CompoundResource().import_data(ledger([community.code, "盛景园", "", 2003, 480, "", "是"]))

    assert result.has_validation_errors()
    assert not Compound.objects.exists()


# --- through the admin, as officials upload their files ---------------------------------------------


@pytest.fixture
def official_client(client, street_official):
    client.force_login(street_official)
    return client


def upload(client, content: bytes, name: str, fmt=LedgerCSV):
    return client.post(
        IMPORT_URL,
        {
            "resource": "0",
            "format": str(LEDGER_FORMATS.index(fmt)),
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, response):
    form = response.context["confirm_form"]
    return client.post(PROCESS_URL, {name: form[name].value() for name in form.fields})


def test_a_csv_saved_by_chinese_excel_in_gb18030_imports_in_the_admin(official_client, community):
    csv = ",".join(HEADERS) + "\r\n" + f"{community.code},盛景园,龙山街道8号,2003,480,,是\r\n"

    response = upload(official_client, csv.encode("gb18030"), "小区台账.csv")
    assert not response.context["result"].has_validation_errors()
    assert not Compound.objects.exists()  # the first step only checks
    done = confirm(official_client, response)

    assert done.status_code == 302
    assert Compound.objects.get().address == "龙山街道8号"


def test_an_xlsx_ledger_imports_in_the_admin(official_client, community):
    data = ledger([community.code, "盛景园", "", 2003, 480, 1200.5, "是"])
    response = upload(official_client, data.export("xlsx"), "小区台账.xlsx", fmt=LEDGER_FORMATS[0])
    confirm(official_client, response)

    assert Compound.objects.get().households == 480


def test_the_admin_shows_every_bad_row_with_its_number_and_offers_no_confirmation(official_client, community):
    csv = (
        ",".join(HEADERS)
        + "\r\n"
        + f"{community.code},盛景园,,2003,480,,是\r\n"
        + f"{community.code},翠湖小区,,2003,-5,,否\r\n"
        + "999999,无名小区,,2003,10,,否\r\n"
    )

    response = upload(official_client, csv.encode("utf-8-sig"), "小区台账.csv")

    content = response.content.decode()
    assert [row.number for row in response.context["result"].invalid_rows] == [3, 4]
    assert "<td>3 </td>" in content and "<td>4 </td>" in content  # the Excel row numbers
    assert "确保该值大于或等于0" in content
    assert "社区编码“999999”不存在" in content
    assert "confirm_form" not in response.context
    assert not Compound.objects.exists()


def test_the_export_is_a_csv_excel_opens_with_only_the_officials_compounds(official_client, community, other_community):
    CompoundFactory(community=community, name="盛景园", households=480)
    CompoundFactory(community=other_community, name="红旗小区")
    form = official_client.get(EXPORT_URL).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v not in (False, None)}
    data["format"] = str(LEDGER_FORMATS.index(LedgerCSV))

    response = official_client.post(EXPORT_URL, data)

    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    rows = list(tablib.Dataset().load(io.StringIO(response.content.decode("utf-8-sig")), format="csv").dict)
    assert [(r["小区名称"], r["户数"], r["社区编码"], r["高层"]) for r in rows] == [
        ("盛景园", "480", community.code, "是")
    ]
