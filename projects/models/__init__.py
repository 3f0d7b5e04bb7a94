"""Renovation of old compounds (renovation.py) and gas-connection campaigns (gas.py): the two domains of the
projects app, each past the size where one module stays readable, so every module of the app is a package."""

from .gas import *  # noqa: F403
from .renovation import *  # noqa: F403
