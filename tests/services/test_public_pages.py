"""The residents' pages: a community page lists its services with what a resident needs (where, when open, what
it costs, delivery), a street's or district's page counts them, the canteen finder starts from a compound name.
No personal data anywhere."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from services.models import CanteenStatus, FacilityKind, PriceGroup
from services.selectors import area_services
from tests.factories import CommunityFactory, CompoundFactory
from tests.services.factories import (
    CanteenFactory,
    CanteenMonthFactory,
    CanteenPriceFactory,
    FacilityFactory,
    SmallWishFactory,
    VolunteerHoursFactory,
    VolunteerTeamFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(community, street):
    neighbour = CommunityFactory(parent=street, name="龙华社区")
    canteen = CanteenFactory(
        community=community,
        name="光大幸福餐厅",
        address="光大路8号",
        opening_hours="午餐 11:00–12:30",
        delivers=True,
        delivery_note="电话预约送餐上门",
    )
    canteen.serves.add(neighbour)
    CanteenPriceFactory(canteen=canteen, group=PriceGroup.STANDARD, price=Decimal("15"))
    CanteenPriceFactory(canteen=canteen, group=PriceGroup.SENIOR, min_age=70, price=Decimal("10"))
    CanteenFactory(community=community, name="已停业食堂", status=CanteenStatus.CLOSED, closed_on=dt.date(2024, 6, 1))
    FacilityFactory(community=community, name="光大社区城市书房", floor_area=Decimal("739"), books=11000)
    FacilityFactory(community=community, kind=FacilityKind.AFTER_SCHOOL, name="假期托管", books=None, floor_area=None)
    team = VolunteerTeamFactory(community=community, name="跑得快", volunteers=70)
    VolunteerHoursFactory(team=team, month=dt.date(2025, 1, 1), hours=Decimal("25"))
    SmallWishFactory(
        community=community,
        title="张奶奶想要一副老花镜",
        claimed_on=dt.date(2025, 3, 2),
        claimed_by="王建国",
        fulfilled_on=dt.date(2025, 3, 9),
    )
    return {"canteen": canteen, "neighbour": neighbour}


def test_a_community_page_lists_its_canteens_facilities_and_volunteers(client, community, services):
    html = client.get(reverse("grids:area", args=[community.code])).content.decode()

    assert "光大幸福餐厅" in html and "光大路8号" in html and "午餐 11:00–12:30" in html
    assert "可送餐" in html
    assert "已停业食堂" not in html
    assert "光大社区城市书房" in html and "11000" in html and "739" in html
    assert "假期托管" in html
    assert "跑得快" in html
    assert reverse("services:canteen", args=[services["canteen"].pk]) in html


def test_a_community_served_by_a_canteen_elsewhere_lists_it(client, services):
    html = client.get(reverse("grids:area", args=[services["neighbour"].code])).content.decode()

    assert "光大幸福餐厅" in html
    assert "位于光大社区" in html


def test_public_pages_show_no_personal_data(client, community, services):
    pages = [
        reverse("grids:area", args=[community.code]),
        reverse("services:canteen", args=[services["canteen"].pk]),
        reverse("services:canteens") + f"?area={community.code}",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "王建国" not in html, url
        assert "张奶奶" not in html, url


def test_the_community_section_costs_a_fixed_number_of_queries(community, services, django_assert_num_queries):
    for n in range(3):
        VolunteerTeamFactory(community=community, name=f"志愿服务队{n}")
        CanteenFactory(community=community, name=f"食堂{n}")
    # wishes aggregate, teams, the latest year's hours, canteens, their prices, facilities
    with django_assert_num_queries(6):
        data = area_services(community)
        assert len(data["teams"]) == 4 and len(data["canteens"]) == 4


def test_a_street_page_counts_its_services(client, street, community, services):
    CanteenMonthFactory(canteen=services["canteen"], month=dt.date(2025, 1, 1), meals_served=3000)

    response = client.get(reverse("grids:area", args=[street.code]))

    data = next(s.data for s in response.context["sections"] if s.template == "services/includes/area_services.html")
    counts = data["counts"]
    assert (counts["canteens"], counts["seats"], counts["delivering"]) == (1, 60, 1)
    assert (counts["covered"], counts["communities"]) == (2, 2)
    assert (counts["study_rooms"], counts["books"], counts["teams"], counts["volunteers"]) == (1, 11000, 1, 70)
    assert dict(data["children"])[community] == 1
    assert "有食堂服务的社区" in response.content.decode()


def test_a_street_without_services_shows_no_section(client, other_street):
    response = client.get(reverse("grids:area", args=[other_street.code]))

    assert not [s for s in response.context["sections"] if s.template.startswith("services/")]


def test_a_resident_finds_the_canteens_near_their_compound(client, community, other_community, services):
    CompoundFactory(community=services["neighbour"], name="盛景园")
    CanteenFactory(community=other_community, name="红旗食堂")

    response = client.get(reverse("services:canteens"), {"q": "sjy"})

    html = response.content.decode()
    assert response.context["area"] == services["neighbour"]
    assert "盛景园 属于 龙华社区" in html
    names = [c.name for c, _prices in response.context["canteens"]]
    assert names == ["光大幸福餐厅"]
    assert "服务本社区" in html and "15" in html and "优惠最低" in html


def test_an_unknown_place_says_so(client):
    response = client.get(reverse("services:canteens"), {"q": "不存在的小区"})

    assert "没有找到" in response.content.decode()


def test_the_canteen_finder_lists_districts_then_their_streets(client, district, street, services):
    start = client.get(reverse("services:canteens"))
    assert [d.name for d in start.context["districts"]] == [district.name]

    response = client.get(reverse("services:canteens"), {"area": district.code})
    assert [c.name for c, _ in response.context["canteens"]] == ["光大幸福餐厅"]
    assert (street, 1) in response.context["children"]


def test_the_canteen_page_shows_where_when_prices_and_delivery(client, services):
    html = client.get(reverse("services:canteen", args=[services["canteen"].pk])).content.decode()

    for text in ("光大路8号", "午餐 11:00–12:30", "电话预约送餐上门", "70周岁以上老年人", "10.00", "15.00", "龙华社区"):
        assert text in html, text


def test_a_bad_age_on_the_canteen_page_is_shown_on_the_form(client, services):
    response = client.get(reverse("services:canteen", args=[services["canteen"].pk]), {"age": "200"})

    assert response.status_code == 200
    assert response.context["form"].errors["age"]
    assert "quote" not in response.context


def test_the_header_links_to_the_canteen_finder(client):
    html = client.get(reverse("grids:home")).content.decode()

    assert reverse("services:canteens") in html


@pytest.mark.parametrize("n", [1, 5])
def test_a_community_page_with_services_costs_the_same_queries_however_many(
    client, community, django_assert_num_queries, n, only_sections
):
    only_sections("services/")
    for i in range(n):
        canteen = CanteenFactory(community=community, name=f"食堂{i}")
        CanteenPriceFactory(canteen=canteen)
        FacilityFactory(community=community, name=f"书房{i}")
        VolunteerTeamFactory(community=community, name=f"服务队{i}")
    # grids: SAVEPOINT, the community, its ancestors, RELEASE, its grids, its compounds (4 + 2);
    # services: wishes, teams, the latest year's hours, canteens, their prices, facilities (6)
    with django_assert_num_queries(12):
        response = client.get(reverse("grids:area", args=[community.code]))

    html = response.content.decode()
    assert all(f"食堂{i}" in html and f"书房{i}" in html and f"服务队{i}" in html for i in range(n))


@pytest.mark.parametrize("n", [1, 6])
def test_a_street_page_with_services_costs_the_same_queries_however_many(
    client, street, community, django_assert_num_queries, n, only_sections
):
    only_sections("services/")
    for i in range(n):
        CanteenFactory(community=CommunityFactory(parent=street), name=f"食堂{i}")
    # grids: SAVEPOINT, the street, its ancestors, RELEASE, its communities with counts (5);
    # services: canteens, communities, covered, meals, facilities, teams, hours (7); children and their
    # canteen counts (2)
    with django_assert_num_queries(14):
        response = client.get(reverse("grids:area", args=[street.code]))

    assert "有食堂服务的社区" in response.content.decode()
