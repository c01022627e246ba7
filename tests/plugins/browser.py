"""Playwright driving Debian's Chromium (``/usr/bin/chromium``; never a downloaded browser).

One browser for the browser tests (they live in one module, so it starts once per
session), a fresh context and page per test at a 10-inch tablet's viewport, and
``login(page, live_server, username)``. Tests that use these are marked
``browser`` and need pytest-django's ``live_server``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A 10-inch tablet held landscape; tests turn it to portrait (800×1280) with page.set_viewport_size.
TABLET = {
    "viewport": {"width": 1280, "height": 800},
    "device_scale_factor": 1,
    "has_touch": True,
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}
DEFAULT_TIMEOUT_MS = 15_000
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Module scope, not session: while Playwright's sync API is started, its asyncio loop counts as
    running on this thread, so Django refuses ORM calls (SynchronousOnlyOperation) unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set — and that variable must not outlive the browser tests
    (``check --deploy`` in later tests rejects it). Stopping Playwright ends the loop."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (make test does).")
    from playwright.sync_api import sync_playwright

    # The ORM is still called synchronously here; the check mistakes Playwright's loop for async code.
    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if saved is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(**TABLET)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def artifacts() -> Path:
    """``test-artifacts/`` at the top of the repository (git-ignored): screenshots worth keeping."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def watch_console(page) -> list[str]:
    """The page's console errors and uncaught exceptions from now on; a Content-Security-Policy violation is
    logged as a console error, so an empty list also means the policy refused nothing."""
    problems: list[str] = []

    def on_console(message) -> None:
        url = (message.location or {}).get("url", "")
        if message.type == "error" and not url.endswith("/favicon.ico"):  # the site has no icon: not our page
            problems.append(f"{message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def login(page, live_server, username: str, password: str | None = None) -> None:
    """Sign in through the login page as a person would, and wait until it lets us in."""
    if password is None:
        from tests.officers.factories import PASSWORD  # models load only once Django is set up

        password = PASSWORD
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.login button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)


def logout(page) -> None:
    page.click(".topbar .who button[type=submit]")
    page.wait_for_url(lambda url: "/login/" in url)
