"""factory_boy factories for renovation projects, on top of tests/factories.py, and the renovation tests' fixtures
(import them into a test module by name): a project of the street official's community with three work items, and a
fixed 'today' (1 October 2025) so that dates such as 'late' or 'not in the future' do not depend on the clock."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
import pytest
import time_machine

from grids.models import Compound
from projects.models import RenovationCategory, RenovationProject, RenovationStatus, RenovationWorkItem, WorkKind
from tests.factories import CommunityFactory, CompoundFactory

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


TODAY = dt.date(2025, 10, 1)


@pytest.fixture
def today():
    with time_machine.travel(dt.datetime(2025, 10, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield TODAY


@pytest.fixture
def compound(community) -> Compound:
    return CompoundFactory(community=community, name="老城小区", households=523, high_rise=False, year_built=1988)


@pytest.fixture
def project(community, compound):
    return RenovationProjectFactory(community=community, name="老城小区改造项目", compounds=[compound])


@pytest.fixture
def items(project):
    """Water 2,000,000 yuan, heating 6,000,000, lighting 2,000,000: the weights of the overall percent."""
    return [
        RenovationWorkItemFactory(
            project=project, kind=WorkKind.WATER, name="", investment_planned=Decimal(2_000_000), order=1
        ),
        RenovationWorkItemFactory(
            project=project, kind=WorkKind.HEATING, name="", investment_planned=Decimal(6_000_000), order=2
        ),
        RenovationWorkItemFactory(
            project=project, kind=WorkKind.LIGHTING, name="", investment_planned=Decimal(2_000_000), order=3
        ),
    ]


def tiny_png(rgb: tuple[int, int, int] = (200, 16, 46), size: int = 8) -> bytes:
    """A real PNG of one colour (no Pillow needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
