"""What a meal costs a resident: the lowest price of every group they belong to, the standard price for all."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from services.models import CanteenPrice, Diner, PriceGroup, quote_price
from tests.services.factories import CanteenFactory, CanteenPriceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def canteen(community):
    canteen = CanteenFactory(community=community, name="文源社区幸福餐厅")
    for group, min_age, price in (
        (PriceGroup.STANDARD, None, "15"),
        (PriceGroup.SENIOR, 60, "12"),
        (PriceGroup.SENIOR, 70, "10"),
        (PriceGroup.SENIOR, 80, "8"),
        (PriceGroup.SUBSISTENCE, None, "7"),
        (PriceGroup.DISABLED, None, "9"),
        (PriceGroup.CONTRIBUTOR, None, "5"),
    ):
        CanteenPriceFactory(canteen=canteen, group=group, min_age=min_age, price=Decimal(price))
    return canteen


def pays(canteen, **diner) -> tuple[Decimal, str] | None:
    quote = quote_price(list(canteen.prices.all()), Diner(**diner))
    return (quote.price, quote.group) if quote else None


def test_a_resident_in_no_group_pays_the_standard_price(canteen):
    assert pays(canteen) == (Decimal("15"), "普通居民")
    assert pays(canteen, age=45) == (Decimal("15"), "普通居民")


@pytest.mark.parametrize(
    ("age", "price", "group"),
    [
        (59, "15", "普通居民"),
        (60, "12", "60周岁以上老年人"),
        (69, "12", "60周岁以上老年人"),
        (70, "10", "70周岁以上老年人"),
        (79, "10", "70周岁以上老年人"),
        (80, "8", "80周岁以上老年人"),
        (96, "8", "80周岁以上老年人"),
    ],
)
def test_seniors_pay_the_price_of_the_highest_age_band_they_have_reached(canteen, age, price, group):
    assert pays(canteen, age=age) == (Decimal(price), group)


def test_a_resident_in_several_groups_pays_the_lowest_of_their_prices_and_discounts_do_not_stack(canteen):
    # 82 (8 yuan) and from a subsistence-allowance household (7 yuan): 7, not 15 - (15-8) - (15-7).
    assert pays(canteen, age=82, subsistence=True) == (Decimal("7"), "低保户")
    # 65 (12 yuan) and disabled (9 yuan): 9.
    assert pays(canteen, age=65, disabled=True) == (Decimal("9"), "残疾人")
    # 85 (8 yuan) and disabled (9 yuan): the age band is cheaper.
    assert pays(canteen, age=85, disabled=True) == (Decimal("8"), "80周岁以上老年人")
    assert pays(canteen, age=75, subsistence=True, disabled=True, contributor=True)[0] == Decimal("5")


def test_the_quote_lists_every_price_the_resident_qualifies_for_cheapest_first(canteen):
    quote = quote_price(list(canteen.prices.all()), Diner(age=72, disabled=True))

    assert [(p.group_label, p.price) for p in quote.applicable] == [
        ("残疾人", Decimal("9")),
        ("70周岁以上老年人", Decimal("10")),
        ("60周岁以上老年人", Decimal("12")),
        ("普通居民", Decimal("15")),
    ]


def test_a_canteen_with_only_seniors_prices_has_no_price_for_a_younger_resident(community):
    canteen = CanteenFactory(community=community)
    CanteenPriceFactory(canteen=canteen, group=PriceGroup.SENIOR, min_age=60, price=Decimal("10"))

    assert pays(canteen, age=40) is None
    assert pays(canteen, age=61) == (Decimal("10"), "60周岁以上老年人")


def test_a_seniors_price_needs_the_age_it_applies_from(community):
    price = CanteenPrice(canteen=CanteenFactory(community=community), group=PriceGroup.SENIOR, price=Decimal("10"))

    with pytest.raises(ValidationError) as error:
        price.full_clean()

    assert "min_age" in error.value.message_dict
    assert "从多少周岁起" in error.value.message_dict["min_age"][0]


def test_only_seniors_prices_have_an_age_band(community):
    price = CanteenPrice(
        canteen=CanteenFactory(community=community), group=PriceGroup.DISABLED, min_age=70, price=Decimal("10")
    )

    with pytest.raises(ValidationError) as error:
        price.full_clean()

    assert "只有老年人价格按年龄段区分" in error.value.message_dict["min_age"][0]


def test_a_group_has_one_price_per_canteen(canteen):
    twin = CanteenPrice(canteen=canteen, group=PriceGroup.SENIOR, min_age=70, price=Decimal("9"))

    with pytest.raises(ValidationError) as error:
        twin.full_clean()

    assert "已经有了" in error.value.message_dict["min_age"][0]


def test_the_price_question_through_the_api_answers_with_the_rule(api_client, canteen):
    response = api_client.get(f"/api/v1/canteens/{canteen.pk}/price/", {"age": 82, "subsistence": "true"})

    assert response.status_code == 200
    body = response.json()
    assert (body["price"], body["group"]) == ("7.00", "低保户")
    assert "最低" in body["rule"]
    assert [p["price"] for p in body["applicable"]] == ["7.00", "8.00", "10.00", "12.00", "15.00"]


def test_a_bad_age_in_the_price_question_is_a_400_naming_the_parameter(api_client, canteen):
    for age in ("abc", "-1", "130"):
        response = api_client.get(f"/api/v1/canteens/{canteen.pk}/price/", {"age": age})

        assert response.status_code == 400
        assert "age" in response.json()


def test_the_canteen_page_tells_a_resident_what_they_pay(client, canteen):
    response = client.get(f"/canteens/{canteen.pk}/", {"age": "85", "disabled": "on"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "您每餐付 <strong>8.00 元</strong>" in html
    assert "80周岁以上老年人" in html
    assert "优惠不叠加" in html
