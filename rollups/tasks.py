"""Celery entry points: thin, idempotent (a rerun leaves the same rows), acknowledged late so a
killed worker's task runs again; each indicator's figures are replaced in one transaction."""

from celery import shared_task

from .actions import rollup_pending
from .engine import run_rollup


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(Exception,), max_retries=5, retry_backoff=True)
def rollup_pending_task() -> int:
    """Incremental run: the areas saves have queued since the last run."""
    return rollup_pending()


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(Exception,), max_retries=3, retry_backoff=True)
def rollup_all_task() -> int:
    """The nightly full run (celery beat)."""
    return run_rollup().changed
