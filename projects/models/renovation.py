"""Renovation of old compounds (老旧小区改造): models."""

__all__: list[str] = []
