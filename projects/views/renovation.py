"""Renovation of old compounds (老旧小区改造): views."""
