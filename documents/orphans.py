"""Housekeeping of the object storage: what a failure left behind that no record names.

Two kinds of leftovers (issue 11, "nothing half-done survives a failure"):

- **multipart uploads never completed** — a tablet or a process that died mid-upload of a large video. Their parts
  take space and no listing of objects shows them; S3 keeps them until they are aborted.
- **objects no committed row names** — stored by an upload or a rendering whose transaction then rolled back, when
  the immediate clean-up could not run (the process died, the storage was away at that moment).

Conservative by construction, because losing an object a record names would destroy evidence (行政处罚法 第四十七条,
全过程记录): only keys of the exact shapes this project writes under its own prefixes are considered
(``cases/<agency>/<case>/evidence|service/<uuid>``, ``documents/<agency>/<case>/<id>-v<version>[-<policy>].pdf``); only
objects older than ``STORAGE_ORPHAN_GRACE_HOURS`` (an upload whose row is about to commit is minutes old); and an
object is removed only when the database, asked just before, has no row naming it. Anything else in the bucket
(audit checkpoints, backups, a key of another shape) is never touched.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils import timezone

from cases.models import Evidence
from media_storage.storage import ObjectStorage, get_storage

from .choices import RedactionPolicy
from .models import Document, DocumentRendition

logger = logging.getLogger(__name__)

BATCH = 500


def _evidence_named(keys: Iterable[str]) -> set[str]:
    return set(Evidence.objects.filter(storage_key__in=list(keys)).values_list("storage_key", flat=True))


def _documents_named(keys: Iterable[str]) -> set[str]:
    """Keys named by a document (the original PDF) or by one of its renditions (``-masked``/``-public``)."""
    keys = list(keys)
    originals = Document.objects.filter(storage_key__in=keys).values_list("storage_key", flat=True)
    renditions = DocumentRendition.objects.filter(storage_key__in=keys).values_list("storage_key", flat=True)
    return {*originals, *renditions}


# prefix -> (the shape of a key this project writes there, the keys of a batch some row names). The optional
# ``_xxxxxxx`` is the suffix ``get_available_name`` adds when a name is taken.
SUFFIX = r"(?:_[A-Za-z0-9]{7})?"
# A rendition (documents.renditions) is stored beside its original as ``<id>-v<version>-<policy>.pdf``.
RENDITION = rf"(?:-(?:{'|'.join(RedactionPolicy.values)}))?"
OWNED: dict[str, tuple[re.Pattern[str], Callable[[Iterable[str]], set[str]]]] = {
    "cases/": (re.compile(rf"^cases/\d+/\d+/(?:evidence|service)/[0-9a-f]{{32}}{SUFFIX}$"), _evidence_named),
    "documents/": (re.compile(rf"^documents/\d+/\d+/\d+-v\d+{RENDITION}{SUFFIX}\.pdf$"), _documents_named),
}


@dataclass
class CleanupReport:
    aborted_uploads: int = 0
    removed: list[str] = field(default_factory=list)
    kept_recent: int = 0
    named: int = 0
    foreign: int = 0  # keys of another shape: never touched

    def as_dict(self) -> dict[str, int]:
        data = asdict(self)
        data["removed"] = len(self.removed)
        return data


def clean_storage(
    *, grace: datetime.timedelta | None = None, dry_run: bool = False, storage: ObjectStorage | None = None
) -> CleanupReport:
    """Abort stale multipart uploads and remove unnamed objects, both older than ``grace`` (default
    ``STORAGE_ORPHAN_GRACE_HOURS``). ``dry_run``: report what would go, touch nothing."""
    storage = storage or get_storage()
    if grace is None:
        grace = datetime.timedelta(hours=settings.STORAGE_ORPHAN_GRACE_HOURS)
    cutoff = timezone.now() - grace
    report = CleanupReport()
    if not dry_run:
        report.aborted_uploads = storage.abort_incomplete_uploads(older_than=cutoff)
    for prefix, (shape, named) in OWNED.items():
        batch: list[str] = []
        for key, modified in storage.iter_objects(prefix):
            if not shape.match(key):
                report.foreign += 1
            elif modified >= cutoff:
                report.kept_recent += 1
            else:
                batch.append(key)
            if len(batch) >= BATCH:
                _remove_unnamed(storage, batch, named, report, dry_run)
                batch = []
        _remove_unnamed(storage, batch, named, report, dry_run)
    return report


def _remove_unnamed(storage: ObjectStorage, keys: list[str], named, report: CleanupReport, dry_run: bool) -> None:
    if not keys:
        return
    referenced = named(keys)  # asked now, after the listing: a row committed meanwhile keeps its object
    report.named += len(referenced)
    for key in keys:
        if key in referenced:
            continue
        report.removed.append(key)
        if not dry_run:
            storage.delete(key)
            logger.warning("Removed %s: stored more than the grace period ago and named by no record", key)
