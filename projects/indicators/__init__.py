"""Roll-up indicators of renovation projects and gas campaigns (collected by rollups.registry)."""

from . import gas, renovation

INDICATORS = [*renovation.INDICATORS, *gas.INDICATORS]
