"""factory_boy factories for the hierarchy; other apps' factories build on these."""

import factory
from django.contrib.auth import get_user_model

from grids.models import Area, AreaKind, Building, Compound, GridRole, GridStaff, Level, Unit


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    level = Level.CITY
    kind = AreaKind.CITY
    name = factory.Sequence(lambda n: f"朝阳市{n}")
    code = factory.Sequence(lambda n: f"T{n:08d}")
    parent = None


class CityFactory(AreaFactory):
    pass


class DistrictFactory(AreaFactory):
    level = Level.DISTRICT
    kind = AreaKind.DISTRICT
    name = factory.Sequence(lambda n: f"双塔区{n}")
    parent = factory.SubFactory(CityFactory)


class StreetFactory(AreaFactory):
    level = Level.STREET
    kind = AreaKind.STREET
    name = factory.Sequence(lambda n: f"龙山街道{n}")
    parent = factory.SubFactory(DistrictFactory)


class CommunityFactory(AreaFactory):
    level = Level.COMMUNITY
    kind = AreaKind.COMMUNITY
    name = factory.Sequence(lambda n: f"光大社区{n}")
    parent = factory.SubFactory(StreetFactory)


class GridFactory(AreaFactory):
    level = Level.GRID
    kind = AreaKind.GRID
    name = factory.Sequence(lambda n: f"第{n}网格")
    parent = factory.SubFactory(CommunityFactory)


class CompoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Compound

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"盛景园{n}")
    households = 500
    year_built = 2003
    high_rise = True


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    compound = factory.SubFactory(CompoundFactory)
    name = factory.Sequence(lambda n: f"{n}号楼")
    floors = 18
    households = 60


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    building = factory.SubFactory(BuildingFactory)
    name = factory.Sequence(lambda n: f"{n}单元")
    households = 20


class GridStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GridStaff

    role = GridRole.GRID_WORKER
    grid = factory.SubFactory(GridFactory)
    name = factory.Sequence(lambda n: f"张淑琴{n}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pass-1234")
