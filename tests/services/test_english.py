"""Readers who chose English see no Chinese the services app wrote: month names, prices and "free" are
translated; what officials typed (names, addresses) stays as typed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from services.models import Facility, FacilityKind, PriceGroup, month_label
from tests.services.factories import CanteenFactory, CanteenMonthFactory, CanteenPriceFactory, FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chinese_afterwards():
    with translation.override("zh-hans"):  # English requests switch this thread's language; put it back
        yield


def test_a_month_reads_as_the_readers_language():
    march = dt.date(2025, 3, 1)

    with translation.override("en"):
        english = month_label(march)

    assert (month_label(march), english) == ("2025年3月", "March 2025")


def test_monthly_figures_are_titled_in_english_for_english_readers(community):
    figure = CanteenMonthFactory(canteen=CanteenFactory(community=community, name="Guangda"), month=dt.date(2025, 3, 1))

    with translation.override("en"):
        assert str(figure) == "Guangda March 2025"


def test_a_price_reads_in_yuan_for_english_readers(community):
    price = CanteenPriceFactory(
        canteen=CanteenFactory(community=community), group=PriceGroup.STANDARD, price=Decimal("15.00")
    )

    with translation.override("en"):
        english = str(price)

    assert str(price) == "普通居民：15.00 元"
    assert english.endswith(": 15.00 yuan") and "元" not in english


def test_a_new_facility_is_free_unless_a_fee_is_entered(community):
    facility = Facility(community=community, kind=FacilityKind.STUDY_ROOM, name="城市书房")

    assert facility.fee == ""


def test_a_free_facility_says_free_in_the_readers_language(client, community):
    FacilityFactory(community=community, kind=FacilityKind.AFTER_SCHOOL, name="假期托管", books=None)
    url = reverse("grids:area", args=[community.code])

    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "免费" in chinese
    assert "Free" in english and "免费" not in english


def test_a_fee_entered_by_an_official_is_shown_as_entered(client, community):
    FacilityFactory(community=community, kind=FacilityKind.AFTER_SCHOOL, name="假期托管", books=None, fee="每月300元")

    html = client.get(reverse("grids:area", args=[community.code]), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "每月300元" in html
