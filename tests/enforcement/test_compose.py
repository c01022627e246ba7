"""The production topology in docker-compose.yml, the Dockerfile and their scripts.

Docker cannot run on the development machines, so these tests read the files and run
the shell scripts against stand-in commands. The list of variables the settings read
is derived from enforcement/settings.py, so a setting added there and forgotten here
(or in docs/configuration.md) fails a test.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERIGNORE = ROOT / ".dockerignore"
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"
MINIO_INIT = ROOT / "docker" / "minio-init.sh"
GUNICORN_CONF = ROOT / "docker" / "gunicorn.conf.py"
CONFIGURATION_DOC = ROOT / "docs" / "configuration.md"

APP_SERVICES = ("web", "worker", "beat")
LONG_RUNNING = ("postgres", "redis", "minio", *APP_SERVICES)
BOOTSTRAP = "minio-init"

# Must be set for every application container in production.
REQUIRED = {
    "DJANGO_ENV",
    "SECRET_KEY",
    "PII_ENCRYPTION_KEY",
    "PII_INDEX_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "S3_ENDPOINT",
    "S3_ACCESS_KEY",
    "S3_SECRET_KEY",
    "S3_BUCKET",
    "AUDIT_CHECKPOINT_KEY",
}
# Read by the settings, but their defaults are right in the production image, so
# compose may leave them out. A setting that is in neither list nor in compose fails
# test_every_setting_is_set_in_compose_or_known_optional: decide which it is.
OPTIONAL = {
    "ZHIFA_VAR_DIR",  # /app/var in the image
    "PG_BIN_DIR",  # the image's pg_dump/pg_restore are on PATH
    "ZHIFA_RELEASE",  # backup manifests record "unknown" without it (no .git in the image)
    "DEBUG",  # off in production
    "REQUEST_STATEMENT_TIMEOUT_MS",  # 5000 in production: a request's SQL is cancelled after 5 s
    "CSRF_TRUSTED_ORIGINS",  # same-origin forms pass without it behind the proxy
    "DATABASE_CONN_MAX_AGE",
    "STATIC_ROOT",  # collected into the image at build time
    "MEDIA_ROOT",  # only for the local-folder backend, unused with S3_ENDPOINT
    "MEDIA_PRESIGN_SECONDS",
    "S3_REGION",
    "S3_PUBLIC_ENDPOINT",  # links signed for S3_ENDPOINT when unset
    "PUBLIC_BASE_URL",  # set in .env for the QR codes; the default only suits development
    "EMAIL_HOST",  # reminders are in-app unless a mail server is configured
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL",
    "S3_CONNECT_TIMEOUT",
    "S3_READ_TIMEOUT",
    "CELERY_RESULT_BACKEND",  # defaults to the broker
    "CELERY_TASK_DEFAULT_QUEUE",
    "LOG_LEVEL",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_AGE",
    "CERTIFICATE_EXPIRY_WARNING_DAYS",
    "EVIDENCE_MAX_MB",
    "EVIDENCE_ACCEPTED_TYPES",
    "FILE_UPLOAD_TEMP_DIR",  # the system temporary directory in the container
    "CELERY_VISIBILITY_TIMEOUT",  # rendering and retries (docs/configuration.md, "Task queue")
    "CELERY_BROKER_CONNECT_TIMEOUT",
    "DOCUMENTS_RENDER_LOOP",  # off whenever a broker is set, as in compose
    "DOCUMENTS_RENDER_LOOP_SECONDS",
    "DOCUMENTS_RENDER_STALE_SECONDS",
    "DOCUMENTS_RENDER_RETRY_BACKOFF",
    "DOCUMENTS_RENDER_RETRY_BACKOFF_MAX",
    "DOCUMENTS_RENDER_MAX_ATTEMPTS",
    "DOCUMENTS_SWEEP_GRACE_SECONDS",
    "STORAGE_ORPHAN_GRACE_HOURS",
    "ZHIFA_TEST_DATABASE",  # read by the test suite only (bin/run-tests)
    "DATABASE_APP_ROLE",  # zhifa_app; read by grant_app_role in the migrate service
    # Authentication (security/): the defaults are the production policy.
    "OTP_REQUIRED",  # on in production by default
    "OTP_TOTP_ISSUER",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_MINUTES",
    "TRUSTED_PROXY_COUNT",  # 1 in production: the reverse proxy in front of gunicorn
    "API_TOKEN_IDLE_HOURS",
    "PASSWORD_MIN_LENGTH",
    "SESSION_IDLE_TIMEOUT",
}
SECRETS = {
    "SECRET_KEY",
    "PII_ENCRYPTION_KEY",
    "PII_INDEX_KEY",
    "POSTGRES_PASSWORD",
    "MINIO_ROOT_USER",
    "MINIO_ROOT_PASSWORD",
    "S3_ACCESS_KEY",
    "S3_SECRET_KEY",
    "AUDIT_CHECKPOINT_KEY",
    "DATABASE_APP_PASSWORD",
}
SECRET_NAME = re.compile(r"SECRET|PASSWORD|PASSWD|TOKEN|_KEY$|ROOT_USER")

# Values an operator would put in .env; only for resolving the file here.
DUMMY_ENV = {
    "SECRET_KEY": "dummy-" + "k" * 60,
    "PII_ENCRYPTION_KEY": "ZHVtbXktcGlpLWVuY3J5cHRpb24ta2V5LTAwMDAwMDA=",
    "PII_INDEX_KEY": "ZHVtbXktcGlpLWJsaW5kLWluZGV4LWtleS0wMDAwMDA=",
    "POSTGRES_PASSWORD": "0123456789abcdef0123456789abcdef",
    "MINIO_ROOT_USER": "zhifa-root",
    "MINIO_ROOT_PASSWORD": "root-password-dummy",
    "S3_ACCESS_KEY": "zhifa-app",
    "S3_SECRET_KEY": "app-secret-dummy",
    "ALLOWED_HOSTS": "zhifa.example.gov.cn",
    "CSRF_TRUSTED_ORIGINS": "https://zhifa.example.gov.cn",
    "AUDIT_CHECKPOINT_KEY": "dummy-audit-" + "a" * 40,
    "DATABASE_APP_PASSWORD": "fedcba9876543210fedcba9876543210",
}


# --- helpers ---------------------------------------------------------------------------


def settings_variables() -> set[str]:
    """Every environment variable enforcement/settings.py reads through env.py."""
    source = (ROOT / "enforcement" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r"\benv_(?:str|bool|int|list)\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']", source))


def gunicorn_variables() -> set[str]:
    """Variables docker/gunicorn.conf.py reads: the web container may set these too."""
    source = GUNICORN_CONF.read_text(encoding="utf-8")
    return set(re.findall(r"os\.environ\.get\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']", source))


class MissingVariableError(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name


_INTERPOLATION = re.compile(
    r"\$(?:\$|\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)


def interpolate(value: object, env: dict[str, str]) -> object:
    """Compose's variable substitution: $$, ${V}, ${V:-d}, ${V-d}, ${V:?e}, ${V?e}."""
    if isinstance(value, dict):
        return {key: interpolate(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env) for item in value]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group("name") or match.group("bare")
        op, arg = match.group("op"), match.group("arg") or ""
        current = env.get(name)
        missing = current is None or (op is not None and op.startswith(":") and current == "")
        if op is None:
            return current or ""
        if op.endswith("-"):
            return arg if missing else current
        if missing:
            raise MissingVariableError(name, arg)
        return current

    return _INTERPOLATION.sub(substitute, value)


def strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return [value] if isinstance(value, str) else []


def required_interpolations(compose: dict) -> set[str]:
    """Names written ${NAME:?...}: compose refuses to start without them."""
    return {name for text in strings(compose) for name in re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*):\?", text)}


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def command_text(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else str(command)


def healthcheck_text(service: dict) -> str:
    test = service["healthcheck"]["test"]
    return " ".join(test) if isinstance(test, list) else str(test)


def parse_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name.strip()] = value.strip()
    return values


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            pairs.append((keyword.upper(), " ".join(rest.split())))
    return pairs


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


@pytest.fixture(scope="module")
def resolved(compose) -> dict:
    return interpolate(compose, dict(DUMMY_ENV))


# --- topology ----------------------------------------------------------------------------


def test_it_declares_the_six_services_and_the_bucket_bootstrap(services):
    assert set(LONG_RUNNING) | {BOOTSTRAP} <= set(services)


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_each_long_running_service_has_a_healthcheck_and_restarts(services, name):
    service = services[name]
    test = service.get("healthcheck", {}).get("test")
    assert test, f"{name} has no healthcheck"
    assert test not in (["NONE"], "NONE")
    assert service.get("restart") in {"always", "unless-stopped"}


def test_the_bootstrap_runs_once(services):
    assert services[BOOTSTRAP].get("restart", "no") == "no"
    assert "healthcheck" not in services[BOOTSTRAP]


def test_images_are_the_expected_families(services):
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")
    assert "minio/minio" in services["minio"]["image"]
    assert "minio/mc" in services[BOOTSTRAP]["image"]


def test_data_lives_in_named_volumes(compose, services):
    declared = set(compose.get("volumes") or {})
    mounts = {
        "postgres": "/var/lib/postgresql/data",
        "redis": "/data",
        "minio": "/data",
    }
    for name, target in mounts.items():
        volumes = [str(volume) for volume in services[name].get("volumes", [])]
        matching = [volume for volume in volumes if volume.split(":")[1] == target]
        assert matching, f"{name} keeps {target} in no volume"
        source = matching[0].split(":")[0]
        assert source in declared, f"{name}'s volume {source} is not a named volume"


def test_redis_persists_the_queue_with_appendonly(services):
    assert re.search(r"--appendonly\s+yes", command_text(services["redis"]))


def test_healthchecks_use_the_native_probes(services):
    assert "pg_isready" in healthcheck_text(services["postgres"])
    assert "redis-cli ping" in healthcheck_text(services["redis"])
    minio_probe = healthcheck_text(services["minio"])
    assert "mc ready local" in minio_probe or "/minio/health/live" in minio_probe


def test_minio_serves_its_console(services):
    assert "--console-address" in command_text(services["minio"])


def test_web_worker_and_beat_build_the_same_image_from_the_dockerfile(services):
    images = set()
    for name in APP_SERVICES:
        build = services[name]["build"]
        context = build if isinstance(build, str) else build.get("context", ".")
        dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
        assert (ROOT / context / dockerfile).resolve() == DOCKERFILE
        images.add(services[name]["image"])
    assert len(images) == 1


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_backends_and_the_bucket(services, name):
    depends_on = services[name]["depends_on"]
    assert isinstance(depends_on, dict), "depends_on needs conditions, not a plain list"
    for backend in ("postgres", "redis", "minio"):
        assert depends_on[backend]["condition"] == "service_healthy"
    assert depends_on[BOOTSTRAP]["condition"] == "service_completed_successfully"


def test_the_bootstrap_waits_for_a_healthy_minio(services):
    assert services[BOOTSTRAP]["depends_on"]["minio"]["condition"] == "service_healthy"


def test_web_runs_gunicorn_and_probes_healthz(services):
    web = services["web"]
    command = command_text(web)
    if command:
        assert command.startswith("gunicorn")
    else:  # the image's default command
        cmd = [json.loads(args) for keyword, args in dockerfile_instructions() if keyword == "CMD"][-1]
        assert cmd[:2] == ["gunicorn", "enforcement.wsgi:application"]
    probe = healthcheck_text(web)
    assert "docker/healthcheck.py" in probe
    script = (ROOT / "docker" / "healthcheck.py").read_text(encoding="utf-8")
    assert 'DEFAULT_URL = "http://127.0.0.1:8000/healthz/"' in script
    assert 'path("healthz/"' in (ROOT / "enforcement" / "urls.py").read_text(encoding="utf-8")


def test_worker_runs_celery_and_answers_ping(services):
    worker = services["worker"]
    assert re.search(r"celery -A enforcement worker\b", command_text(worker))
    assert "--concurrency" in command_text(worker)
    assert "celery -A enforcement inspect ping -d celery@$$HOSTNAME" in healthcheck_text(worker)


def test_beat_keeps_its_schedule_in_a_volume_and_answers_ping(services):
    beat = services["beat"]
    command = command_text(beat)
    assert re.search(r"celery -A enforcement beat\b", command)
    schedule = re.search(r"--schedule[= ](\S+)", command).group(1)
    targets = [str(volume).split(":")[1] for volume in beat.get("volumes", [])]
    assert schedule.startswith("/tmp/") or any(schedule.startswith(target + "/") for target in targets)
    # Beat answers `inspect ping` only with remote control on (celery >= 5.7).
    assert "--enable-remote-control" in command
    assert "celery -A enforcement inspect ping -d celerybeat@$$HOSTNAME" in healthcheck_text(beat)


def test_only_web_and_minio_publish_ports_and_only_on_loopback_by_default(resolved):
    published = {name for name, service in resolved["services"].items() if service.get("ports")}
    assert published == {"web", "minio"}
    for name in published:
        for port in resolved["services"][name]["ports"]:
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"


# --- the application's environment -------------------------------------------------------


def test_the_app_environment_is_one_shared_anchor(compose, services):
    shared = compose["x-app-env"]
    for name in APP_SERVICES:
        env = environment(services[name])
        assert {key: env.get(key) for key in shared} == {key: str(value) for key, value in shared.items()}


def test_the_settings_scan_finds_the_settings():
    # Guards the regex: if it silently matched nothing, the tests below would pass vacuously.
    assert settings_variables() >= REQUIRED


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_get_every_required_variable(services, name):
    env = environment(services[name])
    missing = {var for var in REQUIRED if var not in env and f"{var}_FILE" not in env}
    assert not missing, f"{name} lacks {sorted(missing)}"
    assert env["DJANGO_ENV"] == "production"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_every_variable_compose_sets_is_read_by_the_application(services, name):
    known = settings_variables() | {f"{var}_FILE" for var in settings_variables()}
    if name == "web":
        known |= gunicorn_variables()
    unknown = set(environment(services[name])) - known
    assert not unknown, f"{name} sets {sorted(unknown)}, which nothing reads (a typo?)"


def test_every_setting_is_set_in_compose_or_known_optional(compose):
    in_compose = {var.removesuffix("_FILE") for var in compose["x-app-env"]}
    unclassified = settings_variables() - in_compose - REQUIRED - OPTIONAL
    assert not unclassified, (
        f"settings.py reads {sorted(unclassified)}: set it in x-app-env of docker-compose.yml, "
        "or list it in OPTIONAL here if its default is right in production"
    )


def test_optional_list_names_only_real_settings():
    assert settings_variables() >= OPTIONAL


def test_urls_point_at_the_compose_services(resolved):
    env = resolved["x-app-env"]
    postgres = resolved["services"]["postgres"]["environment"]

    # The application connects as the least-privilege role; only the migrate service holds the owner's URL.
    database = urlsplit(env["DATABASE_URL"])
    assert database.scheme in {"postgres", "postgresql"}
    assert (database.hostname, database.port) == ("postgres", 5432)
    assert database.username == "zhifa_app" != postgres["POSTGRES_USER"]
    assert database.password == DUMMY_ENV["DATABASE_APP_PASSWORD"]
    assert database.path == "/" + postgres["POSTGRES_DB"]
    owner = urlsplit(resolved["services"]["migrate"]["environment"]["DATABASE_MIGRATE_URL"])
    assert (owner.hostname, owner.port, owner.path) == ("postgres", 5432, database.path)
    assert owner.username == postgres["POSTGRES_USER"]
    assert owner.password == postgres["POSTGRES_PASSWORD"] == DUMMY_ENV["POSTGRES_PASSWORD"]

    broker = urlsplit(env["CELERY_BROKER_URL"])
    assert (broker.scheme, broker.hostname, broker.port) == ("redis", "redis", 6379)

    storage = urlsplit(env["S3_ENDPOINT"])
    assert (storage.scheme, storage.hostname, storage.port) == ("http", "minio", 9000)


def test_the_bootstrap_prepares_the_bucket_the_application_uses(services, resolved):
    app_env = environment(services["web"])
    init_env = environment(services[BOOTSTRAP])
    for var in ("S3_BUCKET", "S3_ACCESS_KEY", "S3_SECRET_KEY"):
        assert init_env[var] == app_env[var]
    assert resolved["services"][BOOTSTRAP]["environment"]["S3_BUCKET"] == "zhifa"
    assert urlsplit(init_env["MINIO_URL"]).hostname == "minio"
    mounts = [str(volume) for volume in services[BOOTSTRAP]["volumes"]]
    assert any(mount.startswith("./docker/minio-init.sh:") for mount in mounts)


# --- secrets -----------------------------------------------------------------------------


def test_secrets_come_only_from_required_interpolation(services):
    for name, service in services.items():
        for var, value in environment(service).items():
            if SECRET_NAME.search(var) and not var.endswith("_FILE"):
                assert re.fullmatch(r"\$\{" + var + r":\?[^}]+\}", value), f"{name}.{var} is not ${{{var}:?...}}"


def test_no_credentials_are_written_into_urls():
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    for password in re.findall(r"://[^/@\s:]+:([^@\s]+)@", text):
        assert re.fullmatch(r"\$\{[A-Z0-9_]+:\?[^}]+\}", password), f"literal password {password!r} in a URL"


def test_compose_refuses_to_start_without_each_secret(compose):
    required = required_interpolations(compose)
    assert SECRETS | {"ALLOWED_HOSTS"} <= required
    for name in required:
        for empty in ({}, {name: ""}):
            env = {key: value for key, value in DUMMY_ENV.items() if key != name} | empty
            with pytest.raises(MissingVariableError) as caught:
                interpolate(compose, env)
            assert caught.value.name == name


def test_env_example_lists_every_required_variable_and_holds_no_secret(compose):
    example = parse_env_file(ENV_EXAMPLE)
    required = required_interpolations(compose)
    assert required <= set(example)
    for name in SECRETS:
        assert example[name] == "", f".env.example must leave {name} blank"


def test_the_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    patterns = {line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()}
    assert {".env", ".git", ".venv", "var", "tests"} <= patterns
    for needed in ("docker", "requirements.txt", "enforcement", "manage.py"):
        assert needed not in patterns


# --- the Dockerfile ----------------------------------------------------------------------


def test_the_image_starts_from_python_311_slim_bookworm():
    assert dockerfile_instructions()[0] == ("FROM", "python:3.11-slim-bookworm")


def test_the_image_installs_weasyprint_libraries_and_cjk_fonts():
    installs = " ".join(args for keyword, args in dockerfile_instructions() if keyword == "RUN" and "apt-get" in args)
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert re.search(rf"(?<![\w.-]){re.escape(package)}(?![\w.-])", installs), package
    assert "fonts-wqy-microhei" in installs or "fonts-noto-cjk" in installs
    assert "poppler-utils" not in installs
    assert "--no-install-recommends" in installs
    assert "rm -rf /var/lib/apt/lists" in installs


def test_the_image_installs_the_runtime_requirements_only():
    instructions = dockerfile_instructions()
    assert ("COPY", "requirements.txt ./") in instructions
    assert any(
        keyword == "RUN" and "pip install" in args and "-r requirements.txt" in args for keyword, args in instructions
    )
    assert not any("requirements-dev" in args for _, args in instructions)


def test_the_image_runs_as_a_non_root_user():
    users = [args for keyword, args in dockerfile_instructions() if keyword == "USER"]
    assert users
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_the_image_bakes_in_no_secret_key():
    for keyword, args in dockerfile_instructions():
        if keyword in {"ENV", "ARG"}:
            assert "SECRET_KEY" not in args, f"{keyword} {args}"


def test_static_files_are_collected_at_build_time_in_production_mode():
    runs = [args for keyword, args in dockerfile_instructions() if keyword == "RUN" and "collectstatic" in args]
    assert len(runs) == 1
    assert "DJANGO_ENV=production" in runs[0]
    assert re.search(r"SECRET_KEY=\S{50,}", runs[0])
    assert re.search(r"DATABASE_URL=postgres://\S+\.invalid", runs[0])  # parsed only: no database at build
    assert "--noinput" in runs[0]


def test_the_image_exposes_8000_and_runs_gunicorn_through_the_entrypoint():
    instructions = dict(dockerfile_instructions())
    assert instructions["EXPOSE"] == "8000"
    assert json.loads(instructions["ENTRYPOINT"]) == ["/app/docker/entrypoint.sh"]
    cmd = json.loads(instructions["CMD"])
    assert cmd[:2] == ["gunicorn", "enforcement.wsgi:application"]
    assert cmd[cmd.index("--config") + 1] == "docker/gunicorn.conf.py"


# --- the scripts -------------------------------------------------------------------------


def write_stub(directory: Path, name: str, body: str = "") -> None:
    """A stand-in command that appends its name and arguments to $STUB_LOG."""
    path = directory / name
    path.write_text(f'#!/bin/sh\necho "{name} $*" >>"$STUB_LOG"\n{body}\n', encoding="utf-8")
    path.chmod(0o755)


def run_script(script: Path, args: list[str], stubs: Path, log: Path, env: dict[str, str] | None = None):
    full_env = {"PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}", "STUB_LOG": str(log), "TMPDIR": str(log.parent)}
    result = subprocess.run(
        ["sh", str(script), *args], capture_output=True, text=True, check=False, env=full_env | (env or {})
    )
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return result, calls


@pytest.fixture
def stubs(tmp_path) -> Path:
    directory = tmp_path / "bin"
    directory.mkdir()
    return directory


@pytest.mark.parametrize("script", [ENTRYPOINT, MINIO_INIT])
def test_the_scripts_are_valid_posix_shell(script):
    result = subprocess.run(["sh", "-n", str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_the_entrypoint_starts_gunicorn_without_migrating(stubs, tmp_path):
    # The web role connects as the application's role, which cannot migrate: the migrate service does.
    write_stub(stubs, "python")
    write_stub(stubs, "gunicorn")
    result, calls = run_script(ENTRYPOINT, ["gunicorn", "enforcement.wsgi:application"], stubs, tmp_path / "log")
    assert result.returncode == 0, result.stderr
    assert calls == ["gunicorn enforcement.wsgi:application"]


def test_the_entrypoint_defaults_to_gunicorn(stubs, tmp_path):
    write_stub(stubs, "python")
    write_stub(stubs, "gunicorn")
    result, calls = run_script(ENTRYPOINT, [], stubs, tmp_path / "log")
    assert result.returncode == 0, result.stderr
    assert calls[-1] == "gunicorn enforcement.wsgi:application --config docker/gunicorn.conf.py"


def test_the_migrate_role_migrates_as_the_owner_grants_the_app_role_and_creates_the_bucket(stubs, tmp_path):
    write_stub(stubs, "python", 'echo "DATABASE_URL=$DATABASE_URL" >>"$STUB_LOG.env"')
    owner = "postgres://zhifa:owner@postgres:5432/zhifa"
    env = {"DATABASE_URL": "postgres://zhifa_app:app@postgres:5432/zhifa", "DATABASE_MIGRATE_URL": owner}
    result, calls = run_script(ENTRYPOINT, ["migrate"], stubs, tmp_path / "log", env)
    assert result.returncode == 0, result.stderr
    assert calls == [
        "python manage.py migrate --noinput",
        "python manage.py grant_app_role",
        "python manage.py create_buckets",
    ]
    assert set((tmp_path / "log.env").read_text(encoding="utf-8").split()) == {f"DATABASE_URL={owner}"}


def test_the_migrate_role_needs_the_owners_url(stubs, tmp_path):
    write_stub(stubs, "python")
    result, calls = run_script(ENTRYPOINT, ["migrate"], stubs, tmp_path / "log")
    assert result.returncode != 0 and "DATABASE_MIGRATE_URL" in result.stderr
    assert calls == []


def test_the_migrate_role_stops_when_migrations_fail(stubs, tmp_path):
    write_stub(stubs, "python", 'case "$*" in *migrate*) exit 1;; esac')
    result, calls = run_script(
        ENTRYPOINT, ["migrate"], stubs, tmp_path / "log", {"DATABASE_MIGRATE_URL": "postgres://o:p@postgres/zhifa"}
    )
    assert result.returncode != 0
    assert calls == ["python manage.py migrate --noinput"]


def test_only_the_one_shot_migrate_service_holds_the_owners_password(services):
    migrate = services["migrate"]
    assert migrate.get("restart") == "no" and command_text(migrate) == "migrate"
    assert "POSTGRES_PASSWORD" in environment(migrate)["DATABASE_MIGRATE_URL"]
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert not any("POSTGRES_PASSWORD" in str(value) for value in environment(services[name]).values())
        assert "DATABASE_MIGRATE_URL" not in environment(services[name])


def test_the_entrypoint_runs_worker_and_beat_commands_unchanged(stubs, tmp_path):
    write_stub(stubs, "python")
    write_stub(stubs, "celery")
    result, calls = run_script(ENTRYPOINT, ["celery", "-A", "enforcement", "beat"], stubs, tmp_path / "log")
    assert result.returncode == 0, result.stderr
    assert calls == ["celery -A enforcement beat"]


@pytest.fixture
def init_env(resolved) -> dict[str, str]:
    return {key: str(value) for key, value in resolved["services"][BOOTSTRAP]["environment"].items()}


def test_minio_init_creates_a_private_bucket_and_a_bucket_scoped_user(stubs, tmp_path, init_env):
    write_stub(stubs, "mc", 'case "$*" in "admin policy create"*) cat "$6" >"$STUB_LOG.policy";; esac')
    result, calls = run_script(MINIO_INIT, [], stubs, tmp_path / "log", init_env)
    assert result.returncode == 0, result.stderr
    bucket = init_env["S3_BUCKET"]
    assert calls[0].startswith("mc alias set local http://minio:9000 ")
    assert f"mc mb --ignore-existing local/{bucket}" in calls
    assert f"mc anonymous set none local/{bucket}" in calls
    assert calls.index(f"mc mb --ignore-existing local/{bucket}") < calls.index(f"mc anonymous set none local/{bucket}")
    assert f"mc admin user add local {init_env['S3_ACCESS_KEY']} {init_env['S3_SECRET_KEY']}" in calls
    assert f"mc admin policy attach local zhifa-app --user {init_env['S3_ACCESS_KEY']}" in calls

    policy = json.loads((tmp_path / "log.policy").read_text(encoding="utf-8"))
    allowed = [s for s in policy["Statement"] if s["Effect"] == "Allow" and s["Action"] == ["s3:*"]]
    assert allowed[0]["Resource"] == [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]
    denied = next(s for s in policy["Statement"] if s["Effect"] == "Deny")
    assert {"s3:PutBucketPolicy", "s3:DeleteBucket"} <= set(denied["Action"])


def test_minio_init_can_run_again_when_the_policy_is_already_attached(stubs, tmp_path, init_env):
    message = "The specified policy change is already in effect."
    write_stub(stubs, "mc", f'case "$*" in "admin policy attach"*) echo "{message}" >&2; exit 1;; esac')
    result, _ = run_script(MINIO_INIT, [], stubs, tmp_path / "log", init_env)
    assert result.returncode == 0, result.stderr


def test_minio_init_fails_on_a_real_error(stubs, tmp_path, init_env):
    write_stub(stubs, "mc", 'case "$*" in "admin policy attach"*) echo "connection refused" >&2; exit 1;; esac')
    result, _ = run_script(MINIO_INIT, [], stubs, tmp_path / "log", init_env)
    assert result.returncode != 0
    assert "connection refused" in result.stderr


def test_minio_init_refuses_to_hand_the_root_user_to_the_application(stubs, tmp_path, init_env):
    write_stub(stubs, "mc")
    env = init_env | {"S3_ACCESS_KEY": init_env["MINIO_ROOT_USER"]}
    result, calls = run_script(MINIO_INIT, [], stubs, tmp_path / "log", env)
    assert result.returncode != 0
    assert calls == []


# --- the compose environment in the settings ----------------------------------------------


def test_the_compose_environment_passes_the_deploy_check(resolved, tmp_path):
    """The exact environment compose gives the web container, read by the real settings."""
    app_env = {key: str(value) for key, value in resolved["services"]["web"]["environment"].items()}
    read_by_settings = settings_variables()
    base = {
        key: value
        for key, value in os.environ.items()
        if key.removesuffix("_FILE") not in read_by_settings and key != "DJANGO_SETTINGS_MODULE"
    }
    env = base | app_env | {"DJANGO_SETTINGS_MODULE": "enforcement.settings", "ZHIFA_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_configuration_doc_covers_every_setting():
    doc = CONFIGURATION_DOC.read_text(encoding="utf-8")
    undocumented = {var for var in settings_variables() if f"`{var}`" not in doc}
    assert not undocumented, f"docs/configuration.md does not describe {sorted(undocumented)}"
