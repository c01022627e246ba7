"""Settings for Zhifa, read from the environment (see docs/configuration.md).

With no environment at all the project runs on its embedded defaults — a SQLite
file, a local media folder and eagerly executed tasks — which is what
``make run`` uses. ``DJANGO_ENV=production`` switches on the hardened mode that
passes ``manage.py check --deploy`` and refuses to start without a secret key.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
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
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI as vendored static files, never from a CDN
    "csp",
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
    "security",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the database: each request's SQL runs under statement_timeout (enforcement/timeouts.py).
    "enforcement.timeouts.StatementTimeoutMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "enforcement.middleware.SecurityHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # security/: who acts (for the security log), the idle limit, then the second factor before any page.
    "security.middleware.SecurityContextMiddleware",
    "security.middleware.IdleSessionMiddleware",
    "security.middleware.SecondFactorMiddleware",
    "media_storage.middleware.StorageUnavailableMiddleware",
    # Last, as django-axes requires: turns a lockout flagged during authentication into its answer.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files straight from the app server, compressed and cache-busted (collectstatic at build).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
    # Source maps (Swagger UI's are 2.5 MB) are fetched only by developer tools: not worth compressing at build.
    from whitenoise.compress import Compressor  # type: ignore[import-untyped]

    WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

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
# The longest a single SQL statement of a web request may run on PostgreSQL before the server cancels it and the
# request answers 503 query_timeout (issue 12, item 4). Celery tasks and management commands are not limited.
REQUEST_STATEMENT_TIMEOUT_MS = env_int("REQUEST_STATEMENT_TIMEOUT_MS", 5000 if PRODUCTION else 0)

# --- Authentication (security/; docs/configuration.md "Authentication") -------------------------------------
# Password policy — 等保 2.0 (GB/T 22239-2019) 8.1.4.1 a) 身份鉴别信息具有复杂度要求: at least 12 characters
# (PASSWORD_MIN_LENGTH) of three character classes, not like the username, not on the list of common passwords,
# not all digits, not the published demo password.
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 12)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "security.password_validation.CharacterClassesValidator"},
    {"NAME": "security.password_validation.NotDemoPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: refuses a locked-out username/address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout (django-axes) — 8.1.4.1 b) 限制非法登录次数: AXES_FAILURE_LIMIT failures in a row lock the pair of
# username and client address for AXES_COOLOFF_MINUTES. By the pair, not the username alone: anyone could
# otherwise lock a head out of approving on a deadline by typing ten wrong passwords for that name; guessing from
# many addresses is met by the password policy and, for every decisive role, the second factor.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# The client's address (lockout and security log, security/audit.py): behind TRUSTED_PROXY_COUNT reverse
# proxies, the X-Forwarded-For entry the nearest of them appended; 0: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if PRODUCTION else 0)
AXES_CLIENT_IP_CALLABLE = "security.audit.client_address"
AXES_VERBOSE = False
# Logins are recorded once, in the hash-chained security log (security/receivers.py), not again in axes' table.
AXES_DISABLE_ACCESS_LOG = True

# Second factor (django-otp TOTP) for heads, legal reviewers, hearing chairs, supervisors and staff —
# 8.1.4.1 d) 两种或两种以上组合的鉴别技术. On by default in production only.
OTP_REQUIRED = env_bool("OTP_REQUIRED", default=PRODUCTION)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "执法案件管理系统")

# API tokens (security/tokens.py): stored hashed, expiring this many hours after their last use.
API_TOKEN_IDLE_HOURS = env_int("API_TOKEN_IDLE_HOURS", 12)

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
    # The signed checkpoint of the audit tables, hourly (kernel/checkpoint.py, docs/deployment.md).
    "audit-checkpoint-hourly": {"task": "kernel.audit_checkpoint", "schedule": crontab(minute=5)},
    # Documents stuck before "已生成" (issued while the broker was down, a worker killed mid-render, a transient
    # failure) are queued again (documents/tasks.py); objects nobody committed and abandoned uploads are removed daily.
    "documents-render-sweep": {"task": "documents.requeue_stuck_documents", "schedule": crontab(minute="*/5")},
    "storage-orphan-sweep": {"task": "documents.clean_storage", "schedule": crontab(hour=3, minute=30)},
}

# --- Audit checkpoints (kernel/checkpoint.py) ------------------------------------------
# The HMAC key signing the checkpoints of the audit tables: held by the application, never by the database
# (等保 2.0 GB/T 22239-2019 8.1.4.3 c). Unset in development: derived from SECRET_KEY under its own label.
AUDIT_CHECKPOINT_KEY = env_str("AUDIT_CHECKPOINT_KEY")
if PRODUCTION and len(AUDIT_CHECKPOINT_KEY) < 32:
    raise ImproperlyConfigured(
        "AUDIT_CHECKPOINT_KEY (32+ random characters, not the SECRET_KEY) must be set in production"
    )
if PRODUCTION and AUDIT_CHECKPOINT_KEY == SECRET_KEY:
    raise ImproperlyConfigured("AUDIT_CHECKPOINT_KEY must differ from SECRET_KEY")
# The least-privilege role the application connects as (manage.py grant_app_role, run by the owner after migrate).
DATABASE_APP_ROLE = env_str("DATABASE_APP_ROLE", "zhifa_app")

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
        "security.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON bodies bounded in size, depth and numbers (kernel/parsers.py; issue 11).
    "DEFAULT_PARSER_CLASSES": [
        "kernel.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
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
    # The schema and its docs page are for signed-in users only (enforcement/api_docs.py); the page's
    # Swagger UI comes from drf-spectacular-sidecar's static files, so no third-party script runs here.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cases.api.schema.expand_actions",
        "kernel.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "cases.choices.CaseStatus",
        "CertificateStatusEnum": "officers.choices.CertificateStatus",
        "PartyKindEnum": "cases.choices.PartyKind",
        "EvidenceKindEnum": "cases.choices.EvidenceKind",
        "InterferenceMannerEnum": "supervision.choices.InterferenceManner",
    },
}

# --- Response headers (等保 2.0 GB/T 22239-2019 8.1.4 入侵防范; PIPL Art. 51 security measures) --------------
# Content-Security-Policy (django-csp 4): scripts and styles only from this origin or carrying the request's
# nonce — no inline script, no inline event handler, no style="" attribute in our templates
# (tests/enforcement/test_headers.py parses the main pages to hold that); never framed, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],  # Swagger UI's stylesheet embeds its icons as data: images
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Powerful features this application never uses are switched off for every page (enforcement/middleware.py).
# Evidence photos on the tablets come from <input type="file" capture>, which opens the system camera and needs no
# camera permission; no page calls getUserMedia or the Geolocation API. A page that does must add "self" here.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "display-capture": [],
}
SECURE_REFERRER_POLICY = "same-origin"  # case URLs and /verify/ tokens never leave in a Referer
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

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

# Personal information at rest (个人信息保护法 第五十一条; 等保 2.0 8.1.4.8): identity and phone numbers are
# sealed with AES-256-GCM under PII_ENCRYPTION_KEY and searched through an HMAC blind index under PII_INDEX_KEY
# (kernel/crypto.py; docs/deployment.md, "Keys for personal information"). Development derives both from SECRET_KEY.
PII_ENCRYPTION_KEY = env_str("PII_ENCRYPTION_KEY")
PII_ENCRYPTION_OLD_KEYS = env_list("PII_ENCRYPTION_OLD_KEYS", "")
PII_INDEX_KEY = env_str("PII_INDEX_KEY")
if PRODUCTION and not (PII_ENCRYPTION_KEY and PII_INDEX_KEY):
    raise ImproperlyConfigured(
        "PII_ENCRYPTION_KEY and PII_INDEX_KEY (or their _FILE variants) must be set in production: "
        "each base64 of 32 random bytes, different from each other"
    )

# Sessions on shared tablets end when the browser closes, after SESSION_IDLE_TIMEOUT seconds without a request
# (sliding, security/session.py) and at the latest SESSION_COOKIE_AGE seconds after the login (8 h: a working day).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
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

# Backup and restore (enforcement/backup.py, docs/deployment.md): where pg_dump/pg_restore live when not the
# server's version under /usr/lib/postgresql/<major>/bin or on PATH, and the release recorded in each manifest
# (default: the git commit of the checkout, when there is one).
PG_BIN_DIR = env_str("PG_BIN_DIR")
ZHIFA_RELEASE = env_str("ZHIFA_RELEASE")

# Warn officers this many days before a certificate expires (officers/selectors.py).
CERTIFICATE_EXPIRY_WARNING_DAYS = env_int("CERTIFICATE_EXPIRY_WARNING_DAYS", 30)
