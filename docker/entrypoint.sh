#!/bin/sh
# Entrypoint of the Zhifa image.
#
# The command decides the role:
#   gunicorn ...        the web role: apply migrations and make sure the media bucket
#                       exists, then exec gunicorn (PID 1 stays gunicorn, so signals work)
#   celery ... / other  exec'ed unchanged (worker, beat, manage.py one-offs)
# A command that starts with "-" is taken as extra gunicorn options.
set -eu

APP_DIR=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$APP_DIR"

if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
    set -- gunicorn enforcement.wsgi:application --config docker/gunicorn.conf.py "$@"
fi

if [ "$1" = "gunicorn" ]; then
    echo "entrypoint: applying database migrations" >&2
    python manage.py migrate --noinput
    echo "entrypoint: ensuring the media bucket exists" >&2
    python manage.py create_buckets
fi

exec "$@"
