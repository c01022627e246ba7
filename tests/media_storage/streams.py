"""Test data that is generated, never held: deterministic pseudo-random bytes from a generator."""

from __future__ import annotations

import hashlib
import io
import random
from collections.abc import Iterator

MiB = 1024 * 1024


def generated_chunks(total: int, *, seed: int = 20261125, chunk_size: int = MiB) -> Iterator[bytes]:
    rng = random.Random(seed)
    remaining = total
    while remaining > 0:
        size = min(chunk_size, remaining)
        yield rng.randbytes(size)
        remaining -= size


def expected_digest(total: int, *, seed: int = 20261125) -> str:
    """The SHA-256 of the stream, computed independently of any storage code."""
    digest = hashlib.sha256()
    for chunk in generated_chunks(total, seed=seed):
        digest.update(chunk)
    return digest.hexdigest()


class GeneratedStream(io.RawIOBase):
    """A read-only, non-seekable file object over ``generated_chunks``: at most one chunk in memory."""

    def __init__(self, total: int, *, seed: int = 20261125) -> None:
        super().__init__()
        self._chunks = generated_chunks(total, seed=seed)
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._pending:
            self._pending = memoryview(next(self._chunks, b""))
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("the storage must never ask for the whole stream at once")
        if not self._pending:
            self._pending = memoryview(next(self._chunks, b""))
        data = bytes(self._pending[:size])
        self._pending = self._pending[size:]
        return data
