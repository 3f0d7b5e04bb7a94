"""Fixtures of the renovation tests: a project of the street official's community with three work items, and a
fixed 'today' (1 October 2025) so dates such as 'late' and 'not in the future' do not depend on the clock."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from grids.models import Compound
from projects.models import WorkKind
from tests.factories import CompoundFactory
from tests.projects.factories_renovation import RenovationProjectFactory, RenovationWorkItemFactory

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
