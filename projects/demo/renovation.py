"""Renovation of old compounds (老旧小区改造): demo."""

from grids.demo import LoadReport


def load_demo(report: LoadReport) -> None:
    """Arrives with its issue."""


def summary_lines() -> list[str]:
    return []
