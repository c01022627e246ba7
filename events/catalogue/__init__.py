"""Every case event's payload, by the step that appends it. Importing this package declares them all."""

from . import correction, deadlines, deciding, execution, jurisdiction, people, records, referral, seizure  # noqa: F401
from .common import LedgerSnapshot, OfficerRef, ReasonRecord

__all__ = ["LedgerSnapshot", "OfficerRef", "ReasonRecord"]
