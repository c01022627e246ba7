"""Gunicorn settings for the web container (the image's default command).

Workers come from WEB_CONCURRENCY (gunicorn's own convention), default 3. Threaded
workers keep a slow upload or a PDF render from blocking a whole process; the
timeout is generous because evidence uploads and renders can take a while.
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = 4
timeout = 120
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak (weasyprint, pillow) cannot grow forever.
max_requests = 1000
max_requests_jitter = 100
# Heartbeat files on tmpfs: the container's overlay filesystem can stall them.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - a tmpfs path by design, no file of ours lives there
accesslog = "-"
errorlog = "-"
# TLS ends at the reverse proxy on the host, which reaches gunicorn through Docker's
# bridge from an address not known in advance; the port is published on 127.0.0.1 only.
forwarded_allow_ips = "*"
