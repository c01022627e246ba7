"""Records nested in several payloads."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ..payloads import record


@record
class OfficerRef:
    """An officer as the event names them (their id and name at the time)."""

    id: int
    name: str = ""


@record
class ReasonRecord:
    """A reason a rule gave (kernel.rules.Reason)."""

    code: str
    detail: str = ""
    article: str = ""


@record
class LedgerSnapshot:
    """What the case owed and had paid at the end of ``on`` (cases.guards.execution.Ledger)."""

    on: datetime.date | None = None
    fine: Decimal | None = None
    illegal_gains: Decimal | None = None
    surcharge: Decimal | None = None
    owed: Decimal | None = None
    paid: Decimal | None = None
    outstanding: Decimal | None = None
    payment_due_on: datetime.date | None = None


@record
class Instalment:
    due_on: datetime.date
    amount: Decimal
