"""Renovation of old compounds (老旧小区改造): indicators."""

from rollups.registry import Indicator

INDICATORS: list[Indicator] = []
