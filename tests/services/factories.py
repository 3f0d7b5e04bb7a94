"""factory_boy factories of the community services, on top of tests/factories.py."""

import datetime as dt
from decimal import Decimal

import factory

from services.models import (
    Canteen,
    CanteenKind,
    CanteenMonth,
    CanteenPrice,
    Facility,
    FacilityKind,
    PriceGroup,
    SmallWish,
    VolunteerHours,
    VolunteerTeam,
)
from tests.factories import CommunityFactory


class CanteenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Canteen

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"幸福餐厅{n}")
    kind = CanteenKind.COMMUNITY
    address = "龙山街道光大社区党群服务中心一楼"
    seats = 60
    registered_seniors = 800
    opening_hours = "午餐 11:00–12:30，晚餐 17:00–18:00"
    opened_on = dt.date(2024, 1, 1)
    delivers = True


class CanteenPriceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CanteenPrice

    canteen = factory.SubFactory(CanteenFactory)
    group = PriceGroup.STANDARD
    price = Decimal("15.00")


class CanteenMonthFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CanteenMonth

    canteen = factory.SubFactory(CanteenFactory)
    month = dt.date(2025, 1, 1)
    meals_served = 3000
    seniors_served = 800
    deliveries = 400
    subsidy_paid = Decimal("9000.00")


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    community = factory.SubFactory(CommunityFactory)
    kind = FacilityKind.STUDY_ROOM
    name = factory.Sequence(lambda n: f"城市书房{n}")
    floor_area = Decimal("739")
    books = 11000
    opening_hours = "周二至周日 9:00–20:00"


class VolunteerTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerTeam

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"志愿服务队{n}")
    volunteers = 63


class VolunteerHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerHours

    team = factory.SubFactory(VolunteerTeamFactory)
    month = dt.date(2025, 1, 1)
    hours = Decimal("25")


class SmallWishFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SmallWish

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"一副老花镜{n}")
    posted_on = dt.date(2025, 3, 1)
