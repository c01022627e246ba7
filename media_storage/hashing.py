"""A read-only stream wrapper that hashes and counts bytes as a consumer pulls them."""

from __future__ import annotations

import contextlib
import hashlib
import io
from typing import IO

CHUNK_SIZE = 1024 * 1024


class HashingReader(io.RawIOBase):
    """Wraps a binary file object; SHA-256 and byte count grow as ``read`` is called.

    Not seekable on purpose: a consumer that rewinds would hash bytes twice.
    """

    def __init__(self, fileobj: IO[bytes]) -> None:
        super().__init__()
        self._source = fileobj
        self._sha256 = hashlib.sha256()
        self.bytes_read = 0
        self.at_eof = False

    @property
    def sha256(self) -> str:
        return self._sha256.hexdigest()

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        """Return up to ``size`` bytes (fewer only at end of stream), hashing them on the way."""
        if size is None or size < 0:
            # An unbounded read would hold a whole recording in memory.
            raise ValueError("HashingReader.read needs a size; read in chunks.")
        pieces: list[bytes] = []
        wanted = size
        while wanted > 0:
            piece = self._source.read(wanted)
            if not piece:
                self.at_eof = True
                break
            if not isinstance(piece, bytes):
                piece = bytes(piece)
            pieces.append(piece)
            wanted -= len(piece)
        # One piece (the usual case for files) is returned without a copy.
        data = pieces[0] if len(pieces) == 1 else b"".join(pieces)
        self._sha256.update(data)
        self.bytes_read += len(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def chunks(self, chunk_size: int = CHUNK_SIZE):
        """Django ``File.chunks`` compatible iteration, without the rewind."""
        return iter(lambda: self.read(chunk_size), b"")


def rewind(fileobj: IO[bytes]) -> None:
    """Seek to the start when possible: Django hands files over "ready to be read from the beginning"."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        fileobj.seek(0)
