"""Residents' pages of renovation projects and gas campaigns. Importing this package (ProjectsConfig.ready)
registers their sections on the grids area and compound pages."""

from . import gas, renovation  # noqa: F401
