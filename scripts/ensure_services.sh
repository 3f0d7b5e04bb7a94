#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer for `make test`: start them if installed but stopped,
# fail with a clear message if absent.
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/livelihood}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { redis-cli -u "$REDIS_URL" ping 2>/dev/null | grep -q PONG; }

if [[ "$DATABASE_URL" == *"127.0.0.1"* || "$DATABASE_URL" == *"localhost"* ]]; then
  if ! pg_up; then
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
      echo "PostgreSQL is stopped; starting it."
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
      for _ in $(seq 1 30); do pg_up && break; sleep 1; done
    else
      echo "PostgreSQL is not installed: install postgresql or set DATABASE_URL to a running server." >&2
      exit 1
    fi
  fi
  pg_up || { echo "PostgreSQL does not answer on 127.0.0.1:5432." >&2; exit 1; }
fi

if [[ "$REDIS_URL" == *"127.0.0.1"* || "$REDIS_URL" == *"localhost"* ]]; then
  if ! redis_up; then
    if command -v redis-server >/dev/null; then
      echo "Redis is stopped; starting it."
      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
      for _ in $(seq 1 30); do redis_up && break; sleep 1; done
    else
      echo "Redis is not installed: install redis-server or set REDIS_URL to a running server." >&2
      exit 1
    fi
  fi
  redis_up || { echo "Redis does not answer on 127.0.0.1:6379." >&2; exit 1; }
fi
echo "PostgreSQL and Redis are up."
