"""/healthz: is the database reachable, is the cache reachable, is the broker (Redis) reachable.

Built on django-health-check 4.8: a `HealthCheckView` with our own list of checks. Its DNS and mail
checks are left out (closed network). Answers JSON to `Accept: application/json` or `?format=json`,
plain text to `?format=text`, 500 when any check fails.
"""

from django.conf import settings
from health_check.checks import Cache, Database
from health_check.views import HealthCheckView


def _redis_client():
    # The check awaits ping() and aclose(): it needs the asyncio client, a fresh one per request.
    from redis.asyncio import Redis as AsyncRedis

    return AsyncRedis.from_url(settings.REDIS_URL, socket_connect_timeout=3, socket_timeout=3)


class HealthView(HealthCheckView):
    def get_checks(self):  # type: ignore[override]
        checks = [Database(), Cache()]
        if settings.REDIS_URL:
            from health_check.contrib.redis import Redis

            checks.append(Redis(client_factory=_redis_client))
        return checks
