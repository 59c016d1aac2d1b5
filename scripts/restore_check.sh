#!/usr/bin/env bash
# Prove a backup restores: build the demo in PostgreSQL, pg_dump it, restore the dump
# into a new database, and smoke-test the app against the restored copy.
#   PGURL=postgres://postgres@127.0.0.1:5432 bash scripts/restore_check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PGURL=${PGURL:-postgres://postgres@127.0.0.1:5432}
SOURCE=${RESTORE_SOURCE_DB:-involve_backup_source}
TARGET=${RESTORE_TARGET_DB:-involve_backup_restored}
DUMP=$(mktemp --suffix=.dump)
trap 'rm -f "$DUMP"' EXIT
export DJANGO_SETTINGS_MODULE=config.settings.dev TASKS_BACKEND=immediate
# The demo sends (fake) emails: keep them in memory, not on the CI log.
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export -n REDIS_URL 2>/dev/null || true
unset REDIS_URL

for db in "$SOURCE" "$TARGET"; do
  psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
done
psql "$PGURL/postgres" -qc "CREATE DATABASE $SOURCE"
DATABASE_URL="$PGURL/$SOURCE" .venv/bin/python manage.py migrate --no-input -v 0
DATABASE_URL="$PGURL/$SOURCE" .venv/bin/python manage.py load_demo_data

pg_dump --format=custom --no-owner --dbname="$PGURL/$SOURCE" --file="$DUMP"
echo "Dump: $(du -h "$DUMP" | cut -f1)"
psql "$PGURL/postgres" -qc "CREATE DATABASE $TARGET"
pg_restore --no-owner --exit-on-error --dbname="$PGURL/$TARGET" "$DUMP"

export DATABASE_URL="$PGURL/$TARGET"
.venv/bin/python manage.py check --fail-level WARNING
.venv/bin/python manage.py migrate --check
INVOLVE_VAR_DIR=$(mktemp -d) bash -c 'mkdir -p "$INVOLVE_VAR_DIR/media" "$INVOLVE_VAR_DIR/private" && .venv/bin/python scripts/smoke.py'

for db in "$SOURCE" "$TARGET"; do
  psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
done
