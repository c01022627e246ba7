"""Settings for Zhifa, read from the environment (see docs/configuration.md).

With no environment at all the project runs on its embedded defaults — a SQLite
file, a local media folder and eagerly executed tasks — which is what
``make run`` uses. ``DJANGO_ENV=production`` switches on the hardened mode that
passes ``manage.py check --deploy`` and refuses to start without a secret key.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ZHIFA_VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'")
PRODUCTION = DJANGO_ENV == "production"

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set in production")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"  # noqa: S105 (development only)

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_fsm",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "kernel",
    "enforcement",
    "officers",
    "matters",
    "clock",
    "supervision",
    "deadlines",
    "deadline_watch",
    "documents",
    "cases",
    "media_storage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "media_storage.middleware.StorageUnavailableMiddleware",
]

if PRODUCTION:
    # Static files straight from the app server, compressed and cache-busted (collectstatic at build).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "enforcement.urls"
WSGI_APPLICATION = "enforcement.wsgi.application"
ASGI_APPLICATION = "enforcement.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "officers.context_processors.current_officer",
                "deadlines.context_processors.deadline_notifications",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# DATABASE_URL, e.g. postgres://zhifa:secret@db:5432/zhifa. Default in development: a SQLite file.
# Production never falls back to it: a missing URL would silently keep the agency's records in a
# file inside the container.
if not env_str("DATABASE_URL"):
    if PRODUCTION:
        raise ImproperlyConfigured("DATABASE_URL must be set in production (postgres://user:password@host:5432/db)")
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded SQLite file lives here
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zhifa.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
# The test database's name (pytest-django appends ``_gw0``… per xdist worker): bin/run-tests gives each run
# its own, so that two checkouts on one server can test at once.
if env_str("ZHIFA_TEST_DATABASE"):
    DATABASES["default"]["TEST"] = {"NAME": env_str("ZHIFA_TEST_DATABASE")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Language and time ----------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]

# --- Object storage -----------------------------------------------------------------
# S3_ENDPOINT set (MinIO in production, a real S3 server in tests): the minio SDK
# backend. Unset: a local folder behind the same interface (make run).
S3_ENDPOINT = env_str("S3_ENDPOINT")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_PRESIGN_SECONDS = env_int("MEDIA_PRESIGN_SECONDS", 300)
if S3_ENDPOINT:
    _default_storage = {
        "BACKEND": "media_storage.backends.MinioStorage",
        "OPTIONS": {
            "endpoint": S3_ENDPOINT,
            "access_key": env_str("S3_ACCESS_KEY"),
            "secret_key": env_str("S3_SECRET_KEY"),
            "bucket": env_str("S3_BUCKET", "zhifa"),
            "region": env_str("S3_REGION", "us-east-1"),
            "presign_seconds": MEDIA_PRESIGN_SECONDS,
            "connect_timeout": env_int("S3_CONNECT_TIMEOUT", 3),
            "read_timeout": env_int("S3_READ_TIMEOUT", 30),
            "public_endpoint": env_str("S3_PUBLIC_ENDPOINT"),
        },
    }
else:
    _default_storage = {
        "BACKEND": "media_storage.backends.LocalStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "presign_seconds": MEDIA_PRESIGN_SECONDS},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Evidence uploads (cases/services/evidence.py): size limit and the types sniffed from the bytes.
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_MB", 4096) * 1024 * 1024
EVIDENCE_ACCEPTED_TYPES = env_list(
    "EVIDENCE_ACCEPTED_TYPES",
    "image/jpeg,image/png,image/webp,image/heic,image/heif,video/mp4,video/quicktime,video/webm,video/3gpp,"
    "audio/mpeg,audio/mp4,audio/wav,audio/ogg,audio/amr,application/pdf",
)
# Uploads above 2.5 MB are spooled to a temporary file, never held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_TEMP_DIR = env_str("FILE_UPLOAD_TEMP_DIR") or None

# --- Celery -----------------------------------------------------------------------
# CELERY_BROKER_URL unset: tasks run eagerly in the calling process (make run).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "zhifa")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers a task nobody acknowledged (a worker killed mid-render: acks_late + reject_on_worker_lost) after
# this many seconds. It must exceed the longest countdown of a retry (DOCUMENTS_RENDER_RETRY_BACKOFF_MAX) or the
# task is delivered twice while it waits; rendering is claimed atomically, so a second delivery renders nothing.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 900),
    "socket_connect_timeout": env_int("CELERY_BROKER_CONNECT_TIMEOUT", 3),
}
# A request that commits while Redis is down must not hang: publishing gives up after about a second, the act stays
# committed and its work recorded, and the sweeps below queue it again (issue 11).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.3, "interval_max": 0.5}
# celery beat: the daily deadline reminders at 07:00 Asia/Shanghai (CELERY_TIMEZONE), deadlines/tasks.py, and the
# evidence sweep every quarter hour.
CELERY_BEAT_SCHEDULE = {
    "deadlines-scan-daily": {"task": "deadlines.scan_deadlines", "schedule": crontab(hour=7, minute=0)},
    # Evidence whose check after the commit never ran (a broker outage) is checked later (cases/tasks.py).
    "evidence-verify-sweep": {"task": "cases.verify_unverified_evidence", "schedule": crontab(minute="*/15")},
    # Documents stuck before "已生成" (issued while the broker was down, a worker killed mid-render, a transient
    # failure) are queued again (documents/tasks.py); objects nobody committed and abandoned uploads are removed daily.
    "documents-render-sweep": {"task": "documents.requeue_stuck_documents", "schedule": crontab(minute="*/5")},
    "storage-orphan-sweep": {"task": "documents.clean_storage", "schedule": crontab(hour=3, minute=30)},
}

# --- Rendering documents and the sweeps (docs/configuration.md, "Documents") ----------------
# A rendering that started this long ago and never finished is taken over (its worker died).
DOCUMENTS_RENDER_STALE_SECONDS = env_int("DOCUMENTS_RENDER_STALE_SECONDS", 600)
# A transient failure (database or object storage unavailable) is retried with exponential backoff from this many
# seconds up to the maximum, and given up (a clear 生成失败原因, the admin's 重新生成) after this many attempts.
DOCUMENTS_RENDER_RETRY_BACKOFF = env_int("DOCUMENTS_RENDER_RETRY_BACKOFF", 30)
DOCUMENTS_RENDER_RETRY_BACKOFF_MAX = env_int("DOCUMENTS_RENDER_RETRY_BACKOFF_MAX", 300)
DOCUMENTS_RENDER_MAX_ATTEMPTS = env_int("DOCUMENTS_RENDER_MAX_ATTEMPTS", 5)
# An issued document younger than this may still wait in the queue: the sweep leaves it alone.
DOCUMENTS_SWEEP_GRACE_SECONDS = env_int("DOCUMENTS_SWEEP_GRACE_SECONDS", 120)
# Without a broker (make run) documents render in a background thread of the web process that polls the database
# (documents/background.py), never in the request; with a broker, Celery workers render them.
DOCUMENTS_RENDER_LOOP = env_bool("DOCUMENTS_RENDER_LOOP", default=not CELERY_BROKER_URL)
DOCUMENTS_RENDER_LOOP_SECONDS = env_int("DOCUMENTS_RENDER_LOOP_SECONDS", 5)
# Stored objects no committed row names, and multipart uploads never completed, are removed once this old.
STORAGE_ORPHAN_GRACE_HOURS = env_int("STORAGE_ORPHAN_GRACE_HOURS", 24)

# --- REST API -----------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "enforcement.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Zhifa API",
    "DESCRIPTION": "行政执法案件管理系统 v1",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cases.api.schema.expand_actions",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "cases.choices.CaseStatus",
        "CertificateStatusEnum": "officers.choices.CertificateStatus",
        "PartyKindEnum": "cases.choices.PartyKind",
        "EvidenceKindEnum": "cases.choices.EvidenceKind",
        "InterferenceMannerEnum": "supervision.choices.InterferenceManner",
    },
}

# --- Logging ------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- Production hardening (manage.py check --deploy) ---------------------------------
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    X_FRAME_OPTIONS = "DENY"

# Sessions on shared tablets end when the browser closes and after 8 idle hours.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# E-mail for deadline reminders: sent only when EMAIL_HOST is set (in-app notifications always).
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "zhifa@localhost")

# The address printed in the QR code of every document, for /verify/<token>/ (documents app).
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Warn officers this many days before a certificate expires (officers/selectors.py).
CERTIFICATE_EXPIRY_WARNING_DAYS = env_int("CERTIFICATE_EXPIRY_WARNING_DAYS", 30)
