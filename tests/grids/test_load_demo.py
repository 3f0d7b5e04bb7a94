"""`load_demo` loads Shuangta District as the seed reports describe it, and a second run changes nothing."""

import hashlib
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, F, Sum

from grids import demo
from grids.models import Area, AreaKind, Building, Compound, GridRole, GridStaff, Level, OfficialArea, Unit
from grids.roles import OFFICIALS_GROUP

pytestmark = pytest.mark.django_db

DEMO_MODELS = (Area, Compound, Building, Unit, GridStaff, OfficialArea)


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """load_demo once for the module (it writes ~36,000 rows): inside a transaction rolled back at the end, so
    the other test modules still start from an empty database. Each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", stdout=out)
        # Fire PostgreSQL's deferred checks (buildings' households within the compound's) once, here, rather than
        # at a commit that never comes; otherwise every test's teardown would fire them again.
        connection.check_constraints()
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def shuangta(demo_output):
    return Area.objects.get(code="211302")


def rows_digest() -> str:
    digest = hashlib.sha256()
    for model in DEMO_MODELS:
        names = [f.attname for f in model._meta.concrete_fields]
        for row in model.objects.order_by("pk").values_list(*names):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def counts() -> dict[str, int]:
    result = {m.__name__: m.objects.count() for m in DEMO_MODELS}
    result |= {f"history of {m.__name__}": m.history.count() for m in DEMO_MODELS}
    result["users"] = get_user_model().objects.count()
    return result


def test_shuangta_district_of_chaoyang_has_nine_streets_and_fifty_seven_communities(shuangta):
    assert shuangta.name == "双塔区"
    assert shuangta.parent.name == "朝阳市"
    assert shuangta.parent.code == "211300"
    assert Area.objects.filter(parent=shuangta, level=Level.STREET).count() == 9
    assert Area.objects.filter(district=shuangta, level=Level.COMMUNITY).count() == 57
    streets = set(Area.objects.filter(parent=shuangta).values_list("name", flat=True))
    assert {"龙山街道", "红旗街道", "前进街道", "光明街道", "双塔街道"} <= streets


def test_the_district_is_divided_into_702_grids_each_with_exactly_one_grid_worker(shuangta):
    grids = Area.objects.filter(district=shuangta, level=Level.GRID)
    workers = GridStaff.objects.filter(district=shuangta, role=GridRole.GRID_WORKER)

    assert grids.count() == 702
    assert workers.count() == 702
    assert set(workers.values_list("grid_id", flat=True)) == set(grids.values_list("pk", flat=True))
    assert not grids.annotate(n=Count("children")).filter(n__gt=0).exists()


def test_every_building_and_unit_has_one_head_as_many_as_the_seeds_count(shuangta):
    heads = GridStaff.objects.filter(district=shuangta)

    assert heads.filter(role=GridRole.BUILDING_HEAD).count() == 3843
    assert heads.filter(role=GridRole.UNIT_HEAD).count() == 13376
    assert Building.objects.filter(district=shuangta).count() == 3843
    assert Unit.objects.filter(district=shuangta).count() == 13376
    assert not Building.objects.filter(district=shuangta, staff__isnull=True).exists()
    assert not Unit.objects.filter(district=shuangta, staff__isnull=True).exists()
    # A head works in the grid of their building, which lies in the compound's community.
    assert not heads.exclude(building__isnull=True).exclude(grid_id=F("building__grid_id")).exists()
    assert not Building.objects.filter(district=shuangta).exclude(grid__parent_id=F("community_id")).exists()


def test_the_compounds_the_seeds_name_carry_the_seeds_figures(shuangta):
    yinhe = Compound.objects.get(name="银河小区", district=shuangta)
    assert (yinhe.community.name, yinhe.street.name) == ("双塔社区", "双塔街道")
    assert yinhe.buildings.count() == 27
    assert yinhe.households == 1582
    assert yinhe.buildings.aggregate(total=Sum("households"))["total"] == 1582
    assert yinhe.floor_area == 128000
    assert not yinhe.is_generated

    dingsheng = Compound.objects.get(name="鼎盛公寓", district=shuangta)
    assert dingsheng.households == 362
    assert dingsheng.high_rise

    for name in ("老城小区", "博南小区", "北市南小区", "西街小区"):
        compound = Compound.objects.get(name=name, district=shuangta)
        assert not compound.is_generated
        assert compound.street.name in {"红旗街道", "前进街道", "光明街道", "双塔街道"}

    guangda = Area.objects.get(name="光大社区", district=shuangta)
    assert guangda.parent.name == "龙山街道"
    assert guangda.population == 13000
    assert not guangda.is_generated


def test_the_2025_renovation_and_the_gas_campaign_add_up_to_the_seeds_totals(demo_output):
    plan = demo.build_plan()
    renovation = demo.demo_compounds(plan.renovation_2025)
    gas = demo.demo_compounds(plan.gas_campaign)

    assert renovation.count() == 11
    assert renovation.aggregate(h=Sum("households"), a=Sum("floor_area")) == {"h": 5753, "a": 397000}
    assert set(renovation.values_list("street__name", flat=True)) == {"红旗街道", "前进街道", "光明街道", "双塔街道"}
    assert gas.count() == 15
    assert gas.aggregate(h=Sum("households"))["h"] == 10216
    assert all(gas.values_list("high_rise", flat=True))
    assert {"老城小区", "博南小区", "北市南小区"} <= set(renovation.values_list("name", flat=True))
    assert "鼎盛公寓" in set(gas.values_list("name", flat=True))


def test_no_building_holds_more_households_than_its_compound_allows(shuangta):
    over = (
        Compound.objects.filter(district=shuangta)
        .annotate(in_buildings=Sum("buildings__households"))
        .filter(in_buildings__gt=F("households"))
    )
    assert not over.exists()
    units = Building.objects.filter(district=shuangta).annotate(in_units=Sum("units__households"))
    assert not units.exclude(in_units=F("households")).exists()
    # The database's own check (a deferred trigger on PostgreSQL) agrees.
    connection.check_constraints()


def test_generated_records_are_marked_and_their_people_are_obviously_not_real(shuangta):
    assert not Area.objects.filter(district=shuangta, level=Level.GRID, is_generated=False).exists()
    assert not Building.objects.filter(district=shuangta, is_generated=False).exists()
    assert not Unit.objects.filter(district=shuangta, is_generated=False).exists()
    staff = GridStaff.objects.filter(district=shuangta)
    assert not staff.filter(is_generated=False).exists()
    assert not staff.exclude(phone="").exists()
    pattern = re.compile(r"^(网格员|楼栋长|单元长)\d{4,5}$")
    assert all(pattern.match(name) for name in staff.values_list("name", flat=True))
    assert Area.objects.filter(district=shuangta, level=Level.COMMUNITY, is_generated=True).count() == 57 - 5
    assert not Area.objects.get(code="211302-01").is_generated  # 龙山街道


def test_path_columns_pinyin_and_version_are_filled_on_bulk_created_rows(shuangta):
    unit = Unit.objects.select_related("building__compound__community").filter(district=shuangta).first()
    community = unit.building.compound.community
    assert (unit.community_id, unit.street_id, unit.district_id) == (
        community.pk,
        community.parent_id,
        shuangta.pk,
    )
    assert unit.city_id == shuangta.parent_id
    assert unit.version > 0
    guangda = Area.objects.get(name="光大社区", district=shuangta)
    assert (guangda.pinyin, guangda.initials) == ("guangdashequ", "gdsq")
    assert Compound.objects.get(name="银河小区").initials == "yhxq"


def test_the_other_places_the_seeds_report_on_are_further_districts(demo_output):
    shuangliao = Area.objects.get(name="双辽市")
    assert (shuangliao.kind, shuangliao.parent.name) == (AreaKind.COUNTY_CITY, "四平市")
    pingcheng = Area.objects.get(name="平城区")
    assert (pingcheng.kind, pingcheng.parent.name) == (AreaKind.DISTRICT, "大同市")
    qinshui = Area.objects.get(name="沁水县")
    assert (qinshui.kind, qinshui.parent.name) == (AreaKind.COUNTY, "晋城市")
    longgang = Area.objects.get(name="龙港镇")
    assert (longgang.kind, longgang.parent) == (AreaKind.TOWNSHIP, qinshui)

    assert Area.objects.get(name="文源社区").street.name == "水泊寺街道"
    assert Area.objects.get(name="西环社区").street.name == "江西街道"
    assert Compound.objects.get(name="路通苑小区").community.name == "新桥社区"
    assert Compound.objects.get(name="南官房小区").street.name == "鹿苑街道"
    assert Compound.objects.get(name="山水和园小区").district == qinshui
    assert Compound.objects.filter(district=shuangliao, name="辽河第一城").exists()


def test_the_demo_official_longshan_manages_longshan_street_only(demo_output):
    user = get_user_model().objects.get(username="longshan")

    assert user.is_staff and not user.is_superuser
    assert user.check_password("demo-pass-2025")
    assert user.groups.filter(name=OFFICIALS_GROUP).exists()
    assert [a.name for a in Area.objects.filter(officials__user=user)] == ["龙山街道"]
    visible = Compound.objects.for_user(user)
    assert visible.exists()
    assert set(visible.values_list("street__name", flat=True)) == {"龙山街道"}
    assert not get_user_model().objects.filter(is_superuser=True).exists()
    assert "longshan" in demo_output
    assert "demo-pass-2025" in demo_output


def test_the_command_prints_counts_per_level_and_per_role(demo_output):
    assert "街道/乡镇 9，社区/村 57，网格 702" in demo_output
    assert "楼栋 3843，单元 13376" in demo_output
    assert "网格员 702，楼栋长 3843，单元长 13376" in demo_output


def test_a_second_run_changes_nothing(demo_output):
    before_counts, before_digest = counts(), rows_digest()
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert "未作任何更改" in out.getvalue()
    assert counts() == before_counts
    assert rows_digest() == before_digest


def test_a_run_repairs_what_was_changed_or_removed(demo_output):
    compound = Compound.objects.get(name="鼎盛公寓")
    Compound.objects.filter(pk=compound.pk).update(households=999)
    GridStaff.objects.filter(role=GridRole.GRID_WORKER, name="网格员0001").delete()

    report = demo.load_demo()

    assert report.updated == {"Compound": 1}
    assert report.created == {"GridStaff": 1}
    assert Compound.objects.get(pk=compound.pk).households == 362
    assert GridStaff.objects.filter(role=GridRole.GRID_WORKER).count() == 702


def test_no_demo_official_is_created_under_production_settings(demo_output, settings, monkeypatch):
    get_user_model().objects.filter(username="longshan").delete()
    settings.SETTINGS_MODULE = "config.settings.production"
    monkeypatch.setattr(demo, "load_demo", demo.LoadReport)  # the data is there already; only the account matters

    call_command("load_demo", stdout=StringIO())

    assert not get_user_model().objects.filter(username="longshan").exists()
