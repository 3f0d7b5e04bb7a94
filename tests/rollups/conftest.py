import contextlib

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app as celery_app
from grids.models import GridRole
from rollups import registry
from tests.factories import (
    BuildingFactory,
    CommunityFactory,
    CompoundFactory,
    GridFactory,
    GridStaffFactory,
    StreetFactory,
)


@pytest.fixture
def tree(district):
    """Two streets; the first with two communities, the second with one; records in each."""
    s1 = StreetFactory(parent=district, name="龙山街道")
    s2 = StreetFactory(parent=district, name="红旗街道")
    c1 = CommunityFactory(parent=s1, name="光大社区")
    c2 = CommunityFactory(parent=s1, name="龙华社区")
    c3 = CommunityFactory(parent=s2, name="前进社区")
    empty = CommunityFactory(parent=s2, name="新建社区")
    grids = {c: [GridFactory(parent=c) for _ in range(n)] for c, n in ((c1, 3), (c2, 2), (c3, 4))}
    for community, community_grids in grids.items():
        for g in community_grids:
            GridStaffFactory(grid=g, role=GridRole.GRID_WORKER)
    compounds = {
        c1: [CompoundFactory(community=c1, households=362), CompoundFactory(community=c1, households=100)],
        c2: [CompoundFactory(community=c2, households=1582)],
        c3: [CompoundFactory(community=c3, households=40)],
    }
    # buildings: c1 has 2 of 3 in a grid, c2 1 of 1, c3 none of 1
    BuildingFactory(compound=compounds[c1][0], grid=grids[c1][0], households=60)
    BuildingFactory(compound=compounds[c1][0], grid=grids[c1][1], households=60)
    BuildingFactory(compound=compounds[c1][1], grid=None, households=50)
    BuildingFactory(compound=compounds[c2][0], grid=grids[c2][0], households=60)
    BuildingFactory(compound=compounds[c3][0], grid=None, households=40)
    return {"district": district, "streets": [s1, s2], "communities": [c1, c2, c3], "empty": empty}


@pytest.fixture
def temporary_indicators():
    """Register indicators for one test only."""
    added = []

    def add(*indicators):
        registry.register(*indicators)
        added.extend(indicators)

    yield add
    for indicator in added:
        registry._catalogue.pop(indicator.code, None)


@pytest.fixture
def live_celery_worker(transactional_db, settings):
    """A real Celery worker on the Redis broker, in a thread of this process."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = settings.CELERY_BROKER_URL
    celery_app.conf.result_backend = "django-db"
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker:
            yield worker
    finally:
        celery_app.conf.task_always_eager = True
        with contextlib.suppress(Exception):
            celery_app.control.purge()
