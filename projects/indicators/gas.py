"""Gas-connection campaigns (燃气开通): indicators."""

from rollups.registry import Indicator

INDICATORS: list[Indicator] = []
