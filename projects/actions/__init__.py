"""Actions of the projects app: renovation.py and gas.py; import from the submodule. Importing the package
registers both modules' record actions with grids.actions (ProjectsConfig.ready does)."""

from . import gas, renovation  # noqa: F401
