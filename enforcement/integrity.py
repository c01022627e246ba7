"""``verify_integrity``: is the record whole? Run after every restore (``restore`` runs it) and at will.

Three checks, each reported on its own, all run even when one fails:

1. the audit chains — ``manage.py verify_audit`` (each case's hash-chained events, and whatever else that command
   checks: the checkpoints signed outside the database once they exist);
2. the evidence — ``manage.py verify_evidence``: every object present, its SHA-256 and size as registered;
3. every other stored file a row vouches for — a rendered document's PDF (``Document.sha256``, the fingerprint the
   public ``/verify/<token>/`` page shows), and any model with ``storage_key`` and ``sha256`` alike.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models

from media_storage.storage import get_storage

CHUNK = 1024 * 1024
# verify_evidence covers these rows itself (and records when each was last verified).
CHECKED_BY_COMMAND = {"cases.evidence"}


@dataclass
class Check:
    name: str
    ok: bool
    report: str
    problems: list[str] = field(default_factory=list)


def run_command(name: str) -> Check:
    """A verification command, called in-process: a CommandError or a non-zero exit is a failure."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, stdout=out, stderr=err)
    except CommandError as exc:
        return Check(name, False, str(exc), problems=[line for line in err.getvalue().splitlines() if line.strip()])
    except SystemExit as exc:
        if exc.code not in (0, None):
            return Check(name, False, f"exit {exc.code}", problems=err.getvalue().splitlines())
    return Check(name, True, out.getvalue().strip())


def stored_file_models() -> Iterator[type[models.Model]]:
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        if {"storage_key", "sha256"} <= names and model._meta.label_lower not in CHECKED_BY_COMMAND:
            yield model


def check_stored_files() -> Check:
    storage = get_storage()
    problems: list[str] = []
    checked = 0
    for model in stored_file_models():
        has_size = any(f.name == "size" for f in model._meta.get_fields())
        rows = model._default_manager.exclude(storage_key="").order_by("pk")
        fields = ["pk", "storage_key", "sha256", *(["size"] if has_size else [])]
        for pk, key, sha256, *size_field in rows.values_list(*fields).iterator():
            checked += 1
            label = f"{model._meta.verbose_name} {pk}"
            digest, size = hashlib.sha256(), 0
            try:
                with storage.open(key, "rb") as handle:
                    while chunk := handle.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
            except Exception as exc:  # one missing file must not hide the others
                problems.append(f"{label}：文件 {key} 无法读取（{exc}）")
                continue
            if digest.hexdigest() != sha256:
                problems.append(f"{label}：文件 {key} 的 SHA-256 与登记不符，可能被篡改")
            elif size_field and size_field[0] is not None and size != size_field[0]:
                problems.append(f"{label}：文件 {key} 的大小与登记不符")
    report = (
        f"{checked} 个已登记文件（文书等）校验一致。" if not problems else f"{len(problems)} 个已登记文件校验失败。"
    )
    return Check("stored_files", not problems, report, problems)


def verify_integrity() -> list[Check]:
    return [run_command("verify_audit"), run_command("verify_evidence"), check_stored_files()]
