# Zhifa — one image for the web (gunicorn), worker (celery) and beat roles.
# Build:  docker compose build        (see docs/deployment.md)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    DJANGO_SETTINGS_MODULE=enforcement.settings

# weasyprint's libraries and CJK fonts: without a CJK font every Chinese glyph in a
# PDF is drawn as a box (STACK.md). WenQuanYi Micro Hei for the UI-style sans text,
# Noto CJK for the Song-style serif faces of formal documents. Without
# libharfbuzz-subset0 renders are 2.5x slower. postgresql-client (15, as the postgres
# service) gives `manage.py backup`/`restore` their pg_dump and pg_restore.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        postgresql-client \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-wqy-microhei \
        fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

# The application never runs as root. Its home holds fontconfig's per-user cache.
RUN groupadd --system --gid 10001 zhifa \
    && useradd --system --uid 10001 --gid zhifa --create-home --home-dir /home/zhifa \
        --shell /usr/sbin/nologin zhifa

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. Runtime pins only:
# requirements-dev.txt (tests, linters) never enters the image.
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

# The code stays owned by root, read-only for the zhifa user.
COPY . .
RUN chmod 0755 docker/entrypoint.sh

# Static files are collected at build time into /app/var/static (STATIC_ROOT) and
# served by whitenoise. Production settings refuse to load without the secret keys and a
# database URL, so this step gets throwaway ones that exist only for this RUN (never an
# ENV; collectstatic connects to no database); the running containers get theirs from compose.
RUN DJANGO_ENV=production \
    SECRET_KEY=build-only-collectstatic-key-not-a-secret-never-used-at-runtime-0000 \
    AUDIT_CHECKPOINT_KEY=build-only-audit-checkpoint-key-never-used-at-runtime-0000 \
    PII_ENCRYPTION_KEY=YnVpbGQtb25seS1jb2xsZWN0c3RhdGljLWtleS0wMDA= \
    PII_INDEX_KEY=YnVpbGQtb25seS1jb2xsZWN0c3RhdGljLWlkeC0wMDA= \
    DATABASE_URL=postgres://build-only@unused.invalid:5432/unused \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /var/lib/zhifa/beat \
    && chown zhifa:zhifa /app/var/media /var/lib/zhifa /var/lib/zhifa/beat

USER zhifa:zhifa

EXPOSE 8000

# entrypoint.sh: for the web role (a `gunicorn` command) it migrates the database and
# creates the bucket, then execs the command; other commands are exec'ed unchanged.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "enforcement.wsgi:application", "--config", "docker/gunicorn.conf.py"]
