"""Actions of the projects app: renovation.py and gas.py; import from the submodule."""
