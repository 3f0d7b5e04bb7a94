"""A run that dies half-way leaves the previous figures and the queue as they were."""

import pytest

from rollups import engine
from rollups.actions import rollup_pending, rollup_request
from rollups.engine import run_rollup
from rollups.models import IndicatorValue, PendingRollup
from rollups.tasks import rollup_all_task, rollup_pending_task
from tests.factories import CompoundFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("incremental", [False, True])
def test_a_run_killed_after_writing_figures_leaves_no_half_written_figures(tree, monkeypatch, incremental):
    run_rollup()
    before = list(IndicatorValue.objects.order_by("pk").values("pk", "value"))
    community = tree["communities"][0]
    CompoundFactory(community=community, households=7)

    def dies_after_the_new_figures_are_written(*args, **kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(engine, "_apply_targets", dies_after_the_new_figures_are_written)

    with pytest.raises(RuntimeError):
        run_rollup(codes=["households"], area_ids=[community.pk] if incremental else None)

    assert list(IndicatorValue.objects.order_by("pk").values("pk", "value")) == before


def test_a_failed_incremental_run_keeps_its_areas_queued_for_the_retry(tree, monkeypatch, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # queue only; run by hand below
    community = tree["communities"][0]
    PendingRollup.objects.create(area=community)
    monkeypatch.setattr(engine, "compute_indicator", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("killed")))

    with pytest.raises(RuntimeError):
        rollup_pending()

    assert PendingRollup.objects.filter(area=community).exists()


def test_requests_queue_each_area_once(tree, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(rollup_pending_task, "apply_async", lambda **kwargs: None)
    community = tree["communities"][0]

    rollup_request(area_ids=[community.pk, community.pk])
    rollup_request(area_ids=[community.pk])

    assert PendingRollup.objects.filter(area=community).count() == 1


def test_the_tasks_are_acknowledged_late_and_requeued_when_a_worker_dies():
    for task in (rollup_all_task, rollup_pending_task):
        assert task.acks_late is True
        assert task.reject_on_worker_lost is True
