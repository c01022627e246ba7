"""Stream a multi-GB recording through the evidence API to a real S3 server and report memory.

Usage: .venv/bin/python bench/evidence_upload.py --gigabytes 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MiB = 1024 * 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigabytes", type=float, default=2.0)
    args = parser.parse_args()
    size = int(args.gigabytes * 1024 * MiB)

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres").rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base}/zhifa_bench"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", "zhifa_bench"], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "zhifa_bench"], check=True)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests.cases import live
    from tests.plugins.s3_server import start_seaweedfs

    s3 = start_seaweedfs()
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"zhifa-bench-{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        with live.running_server(s3, tmp) as info:  # the same server process the suite uses
            run(info, size)
    finally:
        s3.stop()
        from django.db import connections

        connections.close_all()
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", "zhifa_bench"], check=False)


def run(info: dict, size: int) -> None:
    from security.tokens import issue_token
    from tests.cases import live
    from tests.cases.factories import build_team

    team = build_team()
    case = team.open_and_file()
    token = issue_token(user=team.officer1.user).raw
    live.upload(info["port"], token, case.pk, live.mp4_chunks(MiB), MiB, filename="warm.mp4", title="warm")
    before = live.peak_rss(info["pid"])
    started = time.monotonic()
    body = live.upload(info["port"], token, case.pk, live.mp4_chunks(size), size, filename="big.mp4", title="bench")
    elapsed = time.monotonic() - started
    growth = live.peak_rss(info["pid"]) - before
    result = {
        "bytes": body["size"],
        "seconds": round(elapsed, 1),
        "mib_per_second": round(size / MiB / elapsed, 1),
        "server_peak_rss_growth_mib": round(growth / MiB, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
