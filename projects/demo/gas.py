"""Gas-connection campaigns (燃气开通): demo."""

from grids.demo import LoadReport


def load_demo(report: LoadReport) -> None:
    """Arrives with its issue."""


def summary_lines() -> list[str]:
    return []
