"""Infrastructure tasks: a smoke test proving the worker round trip."""

import socket

from celery import shared_task


@shared_task(name="enforcement.ping")
def ping(payload: str = "ping") -> dict[str, str]:
    """Answer with the payload and the host that ran it, proving a worker is alive."""
    return {"echo": payload, "host": socket.gethostname()}
