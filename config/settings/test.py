"""`make test`: the whole suite on PostgreSQL and Redis (DATABASE_URL / REDIS_URL, local servers by default)."""

from .base import *  # noqa: F403
from .base import env

DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/livelihood")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
CELERY_BROKER_URL = REDIS_URL
# Tests call tasks in-process unless a test starts the real worker (tests/rollups/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
ROLLUP_COALESCE_SECONDS = 0.0

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
MEDIA_ROOT = BASE_DIR / "artifacts" / "media"  # noqa: F405
