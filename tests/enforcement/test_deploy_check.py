"""Production mode, started as the container starts it: a fresh process whose only
configuration is the environment.

Each test runs manage.py (or gunicorn) in a subprocess with every variable the
settings read removed from the inherited environment, then set explicitly, so the
developer's own shell (DATABASE_URL, S3_ENDPOINT, ...) cannot leak in.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
HEALTHCHECK = ROOT / "docker" / "healthcheck.py"
HOST = "zhifa.example.gov.cn"


def settings_variables() -> set[str]:
    source = (ROOT / "enforcement" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r"\benv_(?:str|bool|int|list)\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']", source))


def clean_environment(var_dir: Path, **values: str) -> dict[str, str]:
    read_by_settings = settings_variables()
    env = {
        key: value
        for key, value in os.environ.items()
        if key.removesuffix("_FILE") not in read_by_settings and key != "DJANGO_SETTINGS_MODULE"
    }
    var_dir.mkdir(parents=True, exist_ok=True)
    return env | {"DJANGO_SETTINGS_MODULE": "enforcement.settings", "ZHIFA_VAR_DIR": str(var_dir)} | values


def production_environment(var_dir: Path, **values: str) -> dict[str, str]:
    defaults = {
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "AUDIT_CHECKPOINT_KEY": secrets.token_urlsafe(48),
        "PII_ENCRYPTION_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "PII_INDEX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": "postgres://zhifa@db.invalid:5432/zhifa",  # parsed, never connected to by check
    }
    return clean_environment(var_dir, **(defaults | values))


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = production_environment(tmp_path / "var")
    assert "DEBUG" not in env

    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_secret_key_may_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(64) + "\n", encoding="utf-8")
    env = production_environment(tmp_path / "var", SECRET_KEY_FILE=str(key_file))
    del env["SECRET_KEY"]

    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_environment(tmp_path / "var")
    del env["SECRET_KEY"]

    result = manage(env, "check")

    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured: SECRET_KEY (or SECRET_KEY_FILE) must be set" in result.stderr


@pytest.mark.parametrize("key", ["", "short", "same-as-the-secret-key"])
def test_production_refuses_to_start_without_its_own_audit_checkpoint_key(tmp_path, key):
    env = production_environment(tmp_path / "var")
    env["AUDIT_CHECKPOINT_KEY"] = env["SECRET_KEY"] if key == "same-as-the-secret-key" else key

    result = manage(env, "check")

    assert result.returncode != 0
    assert "ImproperlyConfigured: AUDIT_CHECKPOINT_KEY" in result.stderr


def test_production_refuses_to_start_without_a_database_url(tmp_path):
    env = production_environment(tmp_path / "var")
    del env["DATABASE_URL"]

    result = manage(env, "check")

    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL must be set in production" in result.stderr
    assert not (tmp_path / "var" / "zhifa.sqlite3").exists()


def test_production_refuses_an_empty_secret_key(tmp_path):
    result = manage(production_environment(tmp_path / "var", SECRET_KEY=""), "check")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


# The check above is only worth something if it can fail: each weakened setting must
# make the same command exit non-zero with Django's own warning.
@pytest.mark.parametrize(
    ("variable", "value", "warning"),
    [
        ("DEBUG", "1", "security.W018"),
        ("SECRET_KEY", "too-short", "security.W009"),
        ("SECURE_SSL_REDIRECT", "0", "security.W008"),
        ("SECURE_HSTS_SECONDS", "0", "security.W004"),
    ],
)
def test_the_deploy_check_fails_when_production_is_weakened(tmp_path, variable, value, warning):
    env = production_environment(tmp_path / "var", **{variable: value})

    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert warning in result.stderr + result.stdout


def test_static_files_collect_as_the_image_build_does(tmp_path):
    # The Dockerfile's RUN: production mode, a throwaway key, nothing else.
    static_root = tmp_path / "static"
    env = clean_environment(
        tmp_path / "var",
        DJANGO_ENV="production",
        SECRET_KEY="build-only-collectstatic-key-not-a-secret-never-used-at-runtime-0000",
        AUDIT_CHECKPOINT_KEY="build-only-audit-checkpoint-key-never-used-at-runtime-0000",
        PII_ENCRYPTION_KEY="YnVpbGQtb25seS1jb2xsZWN0c3RhdGljLWtleS0wMDA=",
        PII_INDEX_KEY="YnVpbGQtb25seS1jb2xsZWN0c3RhdGljLWlkeC0wMDA=",
        DATABASE_URL="postgres://build-only@unused.invalid:5432/unused",
        STATIC_ROOT=str(static_root),
    )

    result = manage(env, "collectstatic", "--noinput")

    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text(encoding="utf-8"))
    assert manifest["paths"], "the manifest whitenoise serves from is empty"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def image_command() -> list[str]:
    cmd = [line for line in DOCKERFILE.read_text(encoding="utf-8").splitlines() if line.startswith("CMD ")][-1]
    return json.loads(cmd.removeprefix("CMD "))


@pytest.fixture
def gunicorn_in_production(tmp_path):
    """The image's default command, on a loopback port, under production settings."""
    port = free_port()
    # The probe's SELECT 1 needs a database that answers; the engine is not what this test is about.
    env = production_environment(tmp_path / "var", DATABASE_URL=f"sqlite:///{tmp_path / 'healthz.sqlite3'}")
    command = image_command()
    assert command[0] == "gunicorn"
    with (tmp_path / "gunicorn.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *command[1:], "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            yield f"http://127.0.0.1:{port}/healthz/", env
        finally:
            process.terminate()
            process.wait(timeout=30)


def probe(url: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(HEALTHCHECK), url],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=30,
    )


def test_the_web_healthcheck_passes_against_gunicorn_in_production(gunicorn_in_production):
    url, env = gunicorn_in_production
    deadline = time.monotonic() + 30
    result = probe(url, env)
    while result.returncode != 0 and time.monotonic() < deadline:
        time.sleep(0.3)
        result = probe(url, env)

    assert result.returncode == 0, result.stderr

    # The probe's Host and X-Forwarded-Proto are what make it pass: a bare request
    # is refused (unknown host) before it reaches the view.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=5)
    refused.value.close()
    assert refused.value.code == 400


def test_the_web_healthcheck_fails_when_nothing_answers(tmp_path):
    env = production_environment(tmp_path / "var")

    result = probe(f"http://127.0.0.1:{free_port()}/healthz/", env)

    assert result.returncode == 1
    assert "healthcheck:" in result.stderr
