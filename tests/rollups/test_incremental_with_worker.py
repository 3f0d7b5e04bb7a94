"""A real Celery worker on Redis: a saved change reaches the community, street and district figures
within seconds, and saves close together share one incremental run."""

import datetime as dt
import time

import pytest

from grids.actions import compound_save
from rollups.engine import run_rollup
from rollups.models import IndicatorValue, PeriodType, RollupRun
from tests.factories import CompoundFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def households(area):
    row = IndicatorValue.objects.filter(
        area=area,
        indicator="households",
        period_type=PeriodType.YEAR,
        period_start=dt.date.today().replace(month=1, day=1),
    ).first()
    return row.value if row else None


def wait_for(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def rolled_up(tree, superuser):
    run_rollup()
    return tree


def test_a_saved_change_moves_the_community_street_and_district_figures(rolled_up, superuser, live_celery_worker):
    community = rolled_up["communities"][0]
    street, district = rolled_up["streets"][0], rolled_up["district"]
    before = (households(community), households(street), households(district))
    compound = CompoundFactory.build(community=community, name="鼎盛公寓", households=362)

    compound_save(user=superuser, compound=compound)

    assert wait_for(lambda: households(district) == before[2] + 362)
    assert households(community) == before[0] + 362
    assert households(street) == before[1] + 362


def test_saves_close_together_are_coalesced_into_one_run(rolled_up, superuser, live_celery_worker, settings):
    settings.ROLLUP_COALESCE_SECONDS = 1.5
    community = rolled_up["communities"][2]
    runs_before = RollupRun.objects.filter(full=False).count()
    district = rolled_up["district"]
    before = households(district)

    for n in range(5):
        compound_save(
            user=superuser, compound=CompoundFactory.build(community=community, households=10, name=f"新楼{n}")
        )

    assert wait_for(lambda: households(district) == before + 50)
    time.sleep(2)
    assert RollupRun.objects.filter(full=False).count() - runs_before == 1


def test_an_edit_in_the_admin_moves_the_figures_of_the_community_street_and_district(
    rolled_up, client, live_celery_worker
):
    from grids.actions import official_create
    from grids.models import Compound
    from tests.grids.test_admin_helpers import admin_form_data, change_url

    community = rolled_up["communities"][0]
    street, district = rolled_up["streets"][0], rolled_up["district"]
    official = official_create(username="longshan-admin", password="pass-1234", areas=[street])
    client.force_login(official)
    compound = Compound.objects.get(community=community, households=362)
    before = (households(community), households(street), households(district))

    response = client.post(change_url(compound), admin_form_data(client.get(change_url(compound)), households="400"))

    assert response.status_code == 302
    assert wait_for(lambda: households(district) == before[2] + 38)
    assert (households(community), households(street)) == (before[0] + 38, before[1] + 38)
