#!/bin/sh
# Entrypoint of the Zhifa image.
#
# The command decides the role:
#   migrate             the one-shot migrate role, as the database OWNER: with
#                       DATABASE_URL set to DATABASE_MIGRATE_URL, apply migrations, grant
#                       the application's least-privilege role (DATABASE_APP_ROLE), make
#                       sure the media bucket exists, and exit
#   gunicorn ...        the web role: exec gunicorn (PID 1 stays gunicorn, so signals work);
#                       it connects as the application role and never migrates
#   celery ... / other  exec'ed unchanged (worker, beat, manage.py one-offs)
# A command that starts with "-" is taken as extra gunicorn options.
set -eu

APP_DIR=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$APP_DIR"

if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
    set -- gunicorn enforcement.wsgi:application --config docker/gunicorn.conf.py "$@"
fi

if [ "$1" = "migrate" ]; then
    if [ -z "${DATABASE_MIGRATE_URL:-}" ]; then
        echo "entrypoint: DATABASE_MIGRATE_URL (the owner's URL) must be set to migrate" >&2
        exit 2
    fi
    DATABASE_URL="$DATABASE_MIGRATE_URL"
    export DATABASE_URL
    echo "entrypoint: applying database migrations (as the owner)" >&2
    python manage.py migrate --noinput
    echo "entrypoint: granting the application role" >&2
    python manage.py grant_app_role
    echo "entrypoint: ensuring the media bucket exists" >&2
    python manage.py create_buckets
    exit 0
fi

exec "$@"
