"""Response headers (issue 11, item 7): the Content-Security-Policy and the pages that keep to it, the
Permissions-Policy, ``no-store`` on everything that carries personal data, and the API docs page served
from vendored files to signed-in users only."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
# Rendered to PDF by WeasyPrint, never served to a browser: the CSP does not apply to them.
PDF_TEMPLATES = ROOT / "templates" / "documents" / "kinds", ROOT / "templates" / "documents" / "partials"
PDF_BASE = ROOT / "templates" / "documents" / "base.html"
CDN = re.compile(r"cdn\.|jsdelivr|unpkg|cdnjs|googleapis", re.IGNORECASE)


def csp_of(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


def nonce_of(response) -> str | None:
    for source in csp_of(response).get("script-src", []):
        if source.startswith("'nonce-"):
            return source.removeprefix("'nonce-").rstrip("'")
    return None


class InlineCode(HTMLParser):
    """Every way a page can run code or style inline without a nonce: <script> without src, <style>,
    on*="" handlers, style="" attributes and javascript: URLs."""

    def __init__(self, nonce: str | None) -> None:
        super().__init__()
        self.nonce = nonce
        self.found: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        nonced = self.nonce is not None and values.get("nonce") == self.nonce
        if tag == "script":
            if values.get("src"):
                self.scripts.append(values["src"] or "")
            elif not nonced:
                self.found.append(f"<script> without src or nonce: {values}")
        if tag == "style" and not nonced:
            self.found.append("<style> without nonce")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}={value}>")


def inline_code(response) -> list[str]:
    parser = InlineCode(nonce_of(response))
    parser.feed(response.content.decode())
    return parser.found


def assert_page_headers(response) -> None:
    policy = csp_of(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def assert_not_stored(response) -> None:
    assert "no-store" in response.headers.get("Cache-Control", ""), response.headers.get("Cache-Control")


# --- the pages ------------------------------------------------------------------------------------------


@pytest.fixture
def concluded(team):
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("8000"))
    return case


def test_a_signed_in_page_carries_the_policy_and_is_not_stored(client, team, concluded):
    client.force_login(team.officer1.user)

    response = client.get(reverse("cases:detail", args=[concluded.pk]))

    assert response.status_code == 200
    assert_page_headers(response)
    assert_not_stored(response)
    assert "gauge-mark" in response.content.decode()  # the page drawing the gauge (once style="") is here


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("officer1", "home"),
        ("officer1", "cases:list"),
        ("officer1", "cases:new"),
        ("officer1", "case"),
        ("head", "case"),
        ("reviewer", "cases:review_queue"),
        ("officer1", "supervision:new"),
        ("supervisor", "supervision:list"),
        ("officer1", "deadlines:notifications"),
        ("head", "deadlines:overdue"),
        ("officer1", "security:password_change"),
        ("supervisor", "security:log"),
        (None, "login"),
    ],
)
def test_the_main_pages_run_no_inline_code(client, team, concluded, who, url):
    if who is not None:
        client.force_login(getattr(team, who).user)
    path = reverse("cases:detail", args=[concluded.pk]) if url == "case" else reverse(url)

    response = client.get(path)

    assert response.status_code == 200, path
    assert_page_headers(response)
    assert inline_code(response) == [], path
    parser = InlineCode(None)
    parser.feed(response.content.decode())
    for src in parser.scripts:  # every script is one of ours, served from /static/
        assert src.startswith("/static/"), src
        assert finders.find(src.removeprefix("/static/").split("?")[0]), src


def test_the_second_factor_enrolment_page_with_its_qr_code_runs_no_inline_code(client, team, settings):
    settings.OTP_REQUIRED = True
    client.force_login(team.head.user)

    response = client.get(reverse("security:otp_enrol"))

    assert response.status_code == 200
    assert 'class="segno"' in response.content.decode()  # the QR code, inline SVG with attributes only
    assert_page_headers(response)
    assert_not_stored(response)
    assert inline_code(response) == []


def test_the_admin_carries_the_policy_and_is_not_stored(admin_client):
    response = admin_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert_page_headers(response)
    assert_not_stored(response)
    assert inline_code(response) == []


def test_no_template_served_to_a_browser_holds_inline_code():
    """The rule in the source, for pages the tests above do not render: every template a browser receives
    (PDF templates aside) is free of inline scripts, handlers and style attributes."""
    offenders = []
    templates = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]
    for path in templates:
        if path == PDF_BASE or any(folder in path.parents for folder in PDF_TEMPLATES):
            continue
        source = path.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>",
            r"<style(?![^>]*\bnonce=)",
            r"\son[a-z]+=",
            r"\sstyle=",
        ):
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in re.finditer(pattern, source)]
    assert len(templates) > 50
    assert offenders == []


def test_an_api_answer_is_not_stored(team, api):
    response = api(team.officer1).get("/api/v1/matters/")

    assert response.status_code == 200
    assert_not_stored(response)
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "Content-Security-Policy" in response.headers


def test_even_a_refused_api_answer_is_not_stored(api):
    response = api().get("/api/v1/matters/")

    assert response.status_code in {401, 403}
    assert_not_stored(response)


def test_public_pages_keep_their_caching(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "Content-Security-Policy" in response.headers


def test_a_pdf_shown_by_the_browser_viewer_is_not_under_the_page_policy(client, settings, tmp_path):
    """Chrome's PDF viewer is a synthetic page the pages' policy would break (crbug.com/271452)."""
    from media_storage.storage import get_storage

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "media_storage.backends.LocalStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "presign_seconds": 300},
        },
    }
    storage = get_storage()
    stored = storage.save_stream("documents/x.pdf", io.BytesIO(b"%PDF-1.4 test"), content_type="application/pdf")
    svg = storage.save_stream("x/y.svg", io.BytesIO(b"<svg xmlns='http://www.w3.org/2000/svg'/>"))

    pdf = client.get(storage.presigned_url(stored.name, inline=True))
    image = client.get(storage.presigned_url(svg.name, inline=True))

    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in pdf.headers
    assert pdf.headers["X-Content-Type-Options"] == "nosniff"
    assert image.status_code == 200
    assert "Content-Security-Policy" in image.headers  # SVG can carry script: it keeps the policy


def test_the_storage_outage_page_keeps_to_the_policy(rf):
    from media_storage.middleware import storage_unavailable_response

    response = storage_unavailable_response(rf.get("/cases/1/", HTTP_ACCEPT="text/html"))

    assert response.status_code == 503
    html = response.content.decode()
    assert "<style" not in html
    assert "/static/css/unavailable.css" in html
    assert finders.find("css/unavailable.css")


# --- the API docs ---------------------------------------------------------------------------------------


def test_the_api_docs_and_schema_are_for_signed_in_users_only(client, db):
    docs = client.get("/api/v1/docs/")
    schema = client.get("/api/v1/schema/")

    assert docs.status_code == 302
    assert docs.headers["Location"].startswith(reverse("login") + "?next=/api/v1/docs/")
    assert schema.status_code in {401, 403}
    assert "paths" not in schema.content.decode()


def test_the_api_docs_come_from_vendored_files_without_inline_code(client, team):
    client.force_login(team.officer1.user)

    page = client.get("/api/v1/docs/")

    assert page.status_code == 200
    html = page.content.decode()
    assert not CDN.search(html), "the docs page loads something from a CDN"
    assert_page_headers(page)
    assert_not_stored(page)
    assert inline_code(page) == []
    parser = InlineCode(None)
    parser.feed(html)
    vendored = [src for src in parser.scripts if src.startswith("/static/")]
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in src for src in vendored)
    for src in vendored:
        assert finders.find(src.removeprefix("/static/")), src
    (start,) = [src for src in parser.scripts if not src.startswith("/static/")]
    assert start.startswith("/api/v1/docs/?")

    script = client.get(start)

    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
    assert "/api/v1/schema/" in script.content.decode()
