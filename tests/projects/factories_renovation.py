"""factory_boy factories for renovation projects, on top of tests/factories.py."""

import datetime as dt
from decimal import Decimal

import factory

from projects.models import RenovationCategory, RenovationProject, RenovationStatus, RenovationWorkItem, WorkKind
from tests.factories import CommunityFactory

KINDS = [k.value for k in WorkKind]


class RenovationProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RenovationProject
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"老城小区{n}改造项目")
    plan_year = 2025
    category = RenovationCategory.BASIC
    floor_area = Decimal(36000)
    building_count = 12
    households = 523
    investment_planned = Decimal(10_000_000)
    start_date = dt.date(2025, 4, 15)
    planned_completion = dt.date(2025, 11, 30)
    status = RenovationStatus.PLANNED

    @factory.post_generation
    def compounds(self, create, extracted, **kwargs):
        if create and extracted:
            self.compounds.set(extracted)


class RenovationWorkItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RenovationWorkItem

    project = factory.SubFactory(RenovationProjectFactory)
    kind = factory.Sequence(lambda n: KINDS[n % len(KINDS)])
    name = factory.Sequence(lambda n: f"第{n}项")
    investment_planned = Decimal(1_000_000)
