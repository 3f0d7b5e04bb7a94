"""/healthz: is the database reachable, is the broker reachable."""

from django.conf import settings
from health_check.checks import Cache, Database
from health_check.views import HealthCheckView


class HealthView(HealthCheckView):
    def get_checks(self):  # type: ignore[override]
        checks = [Database(), Cache()]
        if settings.REDIS_URL:
            from health_check.contrib.redis import Redis
            from redis import Redis as RedisClient

            checks.append(Redis(client_factory=lambda: RedisClient.from_url(settings.REDIS_URL)))
        return checks
