"""Demo renovation projects and the gas campaign, from the seed reports (run by `load_demo` after grids)."""

from grids.demo import LoadReport

from . import gas, renovation


def load_demo() -> LoadReport:
    report = LoadReport()
    renovation.load_demo(report)
    gas.load_demo(report)
    return report


def summary_lines() -> list[str]:
    return [*renovation.summary_lines(), *gas.summary_lines()]
