"""Admin of renovation projects and gas campaigns; importing the modules registers them."""

from . import gas, renovation  # noqa: F401
