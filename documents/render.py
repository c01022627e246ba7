"""HTML to PDF: one ``render_to_pdf(template_name, context) -> (html, pdf_bytes)`` (Open Forms' habit),
and the verification QR code every document carries.

weasyprint is imported lazily (0.5 s, STACK.md). It loads nothing but ``data:`` URIs: a document
is built from its snapshot and the templates alone, never from the network or the file system.
The CJK font must be installed (fonts-wqy-microhei) or weasyprint draws boxes — ``pdffonts`` on
the result lists "WenQuanYi Micro Hei" as embedded (STACK.md, "Chinese in PDFs: the trap").
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"


def public_base_url() -> str:
    """Where the public reaches this system: the QR codes point there (settings.PUBLIC_BASE_URL)."""
    return (getattr(settings, "PUBLIC_BASE_URL", "") or DEFAULT_PUBLIC_BASE_URL).rstrip("/")


def verify_url(token: str) -> str:
    return f"{public_base_url()}/verify/{token}/"


def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI (segno; error correction M survives a smudged print)."""
    import segno

    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2)


def _fetcher():
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def render_to_pdf(template_name: str, context: dict[str, Any]) -> tuple[str, bytes]:
    """The HTML of ``template_name`` with ``context`` and the PDF weasyprint makes of it."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    pdf = HTML(string=html, url_fetcher=_fetcher()).write_pdf()
    return html, pdf
