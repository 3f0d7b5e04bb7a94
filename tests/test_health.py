"""/healthz tells a load balancer or an operator whether the database and the broker answer."""

import pytest
from django.conf import settings
from django.test import override_settings

from config.health import HealthView


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_200_with_every_check_ok_as_json(client):
    response = client.get("/healthz", headers={"accept": "application/json"})

    assert response.status_code == 200
    body = response.json()
    assert body, "no check ran"
    assert set(body.values()) == {"OK"}
    assert any(name.startswith("Database") for name in body)
    assert any(name.startswith("Redis") for name in body)


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_plain_text_too(client):
    response = client.get("/healthz?format=text")

    assert response.status_code == 200
    assert response["content-type"].startswith("text/plain")
    lines = response.content.decode().strip().splitlines()
    assert lines and all(line.endswith(": OK") for line in lines)


def test_the_redis_check_uses_the_settings_redis_url():
    assert settings.REDIS_URL

    checks = list(HealthView().get_checks())

    redis_checks = [check for check in checks if type(check).__name__ == "Redis"]
    assert len(redis_checks) == 1
    from redis.asyncio import Redis as AsyncRedis

    client = redis_checks[0].client_factory()
    expected = AsyncRedis.from_url(settings.REDIS_URL).connection_pool.connection_kwargs
    kwargs = client.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs.get("db", 0)) == (
        expected["host"],
        expected["port"],
        expected.get("db", 0),
    )


def test_without_redis_there_is_no_broker_check():
    with override_settings(REDIS_URL=""):
        names = [type(check).__name__ for check in HealthView().get_checks()]

    assert names == ["Database", "Cache"]


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_500_when_redis_is_down(client):
    # Nothing listens on port 1: the broker check fails and the whole answer says so.
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz", headers={"accept": "application/json"})

    assert response.status_code == 500
    body = response.json()
    assert any(name.startswith("Redis") and value != "OK" for name, value in body.items())
