"""Settings come from the environment: an embedded default without any, a production mode that passes
`check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    # The browser harness sets DJANGO_ALLOW_ASYNC_UNSAFE for the live server; a deployment never would.
    unset = ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-long-random-production-secret-key-for-the-deployment-check-0123456789",
        ALLOWED_HOSTS="portal.example.cn",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_database_or_broker_the_portal_uses_sqlite_and_runs_tasks_in_process():
    script = (
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER, settings.LANGUAGE_CODE)"
    )
    result = run_manage("shell", "-c", script, DJANGO_SETTINGS_MODULE="config.settings.local")

    assert result.stdout.split()[-3:] == ["django.db.backends.sqlite3", "True", "zh-hans"], result.stderr


def test_database_and_broker_come_from_the_environment():
    script = "from django.conf import settings;print(settings.DATABASES['default']['NAME'], settings.CELERY_BROKER_URL)"
    result = run_manage(
        "shell",
        "-c",
        script,
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL="postgres://u@db.example:5432/portal",
        REDIS_URL="redis://cache.example:6379/3",
    )

    assert result.stdout.split()[-2:] == ["portal", "redis://cache.example:6379/3"], result.stderr
