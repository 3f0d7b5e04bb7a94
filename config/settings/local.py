"""`make run`: the embedded default on one machine, DEBUG on unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)

# SQLite, the default here, cannot treat NULLs as equal in a unique constraint (a canteen's price per group without
# an age band). full_clean() in the actions still enforces the rule, and PostgreSQL (tests, production) does in the
# database too.
SILENCED_SYSTEM_CHECKS = ["models.W047"]
