"""A streaming upload handler for evidence: spools to a temporary file, never to memory,
keeps the first bytes for sniffing and stops as soon as the size limit is passed."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler

from .sniffing import SNIFF_BYTES


class EvidenceUploadHandler(TemporaryFileUploadHandler):
    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.head = b""
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if len(self.head) < SNIFF_BYTES:
            self.head += raw_data[: SNIFF_BYTES - len(self.head)]
        self.received += len(raw_data)
        if self.received > settings.EVIDENCE_MAX_BYTES:
            self.too_large = True
            self.file.close()
            raise SkipFile("too large")
        return super().receive_data_chunk(raw_data, start)
