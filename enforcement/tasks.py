"""Infrastructure tasks: a smoke test proving the worker round trip."""

import os
import socket

from celery import shared_task


@shared_task(name="enforcement.ping")
def ping(payload: str = "ping") -> dict[str, object]:
    """Answer with the payload and the process that ran it, proving a worker is alive."""
    return {"echo": payload, "host": socket.gethostname(), "pid": os.getpid()}
