"""Health probe of the web container: GET /healthz/ and expect {"status": "ok"}.

Usage: python docker/healthcheck.py [URL]   (default http://127.0.0.1:8000/healthz/)

Production settings redirect plain HTTP to HTTPS and answer 400 to an unknown Host,
so the probe speaks as the reverse proxy does: the first ALLOWED_HOSTS name as Host
and ``X-Forwarded-Proto: https``. Exit status 0 when healthy, 1 otherwise.
Standard library only, so it costs no extra package in the image.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

DEFAULT_URL = "http://127.0.0.1:8000/healthz/"


def allowed_hosts() -> list[str]:
    file_path = os.environ.get("ALLOWED_HOSTS_FILE")
    raw = Path(file_path).read_text(encoding="utf-8") if file_path else os.environ.get("ALLOWED_HOSTS", "")
    return [host.strip() for host in raw.split(",") if host.strip()]


def probe_host() -> str:
    for host in allowed_hosts():
        if host == "*":
            return "localhost"
        # ".example.gov.cn" allows every subdomain; any one of them will do.
        return f"healthz{host}" if host.startswith(".") else host
    return "localhost"


def main(argv: list[str]) -> int:
    url = argv[1] if len(argv) > 1 else DEFAULT_URL
    if not url.startswith(("http://", "https://")):
        print(f"healthcheck: not an http URL: {url}", file=sys.stderr)
        return 1
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        headers={"Host": probe_host(), "X-Forwarded-Proto": "https", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            body = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        print(f"healthcheck: {url}: {exc}", file=sys.stderr)
        return 1
    if not isinstance(body, dict) or body.get("status") != "ok":
        print(f"healthcheck: unexpected answer {body!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
