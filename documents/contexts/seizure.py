"""The documents of a seizure (行政强制法): the 查封、扣押决定书 and 清单 made and handed over on the spot (第二十四条);
the written notice of an extension (第二十五条第二款) and of a testing period (第二十五条第三款); the release
(第十九条、第二十八条) and the disposal (第二十七条)."""

from __future__ import annotations

from typing import Any

from cases.models import Case
from cases.models.seizure import ReleaseGround, Seizure, SeizureTesting
from deadlines.models import DeadlineExtension
from deadlines.selectors import deadline_of
from documents.models import Document

from . import common as c


def seizure_for(case: Case, extra: dict[str, Any]) -> Seizure | None:
    """The seizure named in the issuing inputs (the ``seize`` step names it), else the case's latest."""
    rows = Seizure.objects.filter(case=case).select_related("approved_by")
    pk = extra.get("seizure")
    if pk is not None and pk != "":
        return rows.filter(pk=int(pk)).first()
    return rows.order_by("-pk").first()


def testing_for(case: Case, extra: dict[str, Any]) -> SeizureTesting | None:
    """The testing period named in the issuing inputs (``start_seizure_testing`` names it), else the latest."""
    rows = SeizureTesting.objects.filter(seizure__case=case).select_related("seizure")
    pk = extra.get("testing")
    if pk is not None and pk != "":
        return rows.filter(pk=int(pk)).first()
    return rows.order_by("-pk").first()


def extension_for(case: Case, extra: dict[str, Any]) -> DeadlineExtension | None:
    """The extension of a seizure's period named in the issuing inputs (``extend_deadline`` names it), else the
    latest extension of any seizure of the case."""
    rows = DeadlineExtension.objects.filter(deadline__case=case, deadline__kind="seizure").select_related("deadline")
    pk = extra.get("extension")
    if pk is not None and pk != "":
        return rows.filter(pk=int(pk)).first()
    return rows.order_by("-pk").first()


def _decision_number(src: c.Source, seizure: Seizure) -> str:
    """The 文号 of the 查封、扣押决定书 this document refers to, when the file holds it."""
    rows = Document.objects.filter(case=src.case, kind="seizure_decision", superseded_by__isnull=True).order_by("-pk")
    found = next((d for d in rows if d.snapshot.get("data", {}).get("seizure") == seizure.pk), None)
    return found.number if found else ""


def _seizure(src: c.Source) -> Seizure:
    seizure = seizure_for(src.case, src.extra)
    assert seizure is not None, "documents.rules issues it only for a seizure the case records"
    return seizure


def _common(src: c.Source, seizure: Seizure) -> dict[str, Any]:
    return {
        "seizure": seizure.pk,
        "parties": c.party_blocks(src.case),
        "title": src.case.title,
        "measure": seizure.get_measure_display(),
        "items": seizure.item_lines,
        "place": seizure.place,
        "seized_on": c.fmt_date(seizure.seized_on),
        "officers": c.officer_blocks(src.case, src.today),
        "issued_on": c.fmt_date(src.today),
    }


def seizure_decision(src: c.Source) -> dict[str, Any]:
    """第二十四条第二款: the party; the reason, basis and period; the items; the remedies; the agency, seal and
    date. The period's last day is the stored deadline's (the one clock), when it is already open."""
    seizure = _seizure(src)
    row = deadline_of(src.case.pk, "seizure", ref=str(seizure.pk))
    return {
        **_common(src, seizure),
        "reason": seizure.reason,
        "basis": seizure.basis,
        "emergency": seizure.emergency,
        "approved_by": seizure.approved_by.name if seizure.approved_by is not None else "",
        "due_on": c.fmt_date(row.due_on) if row is not None else "",
        "custody": seizure.get_custody_display(),
        "custodian": seizure.custodian,
        "remedies": c.remedies(src.settings),
    }


def seizure_list(src: c.Source) -> dict[str, Any]:
    """第二十四条第一款: the list of what was sealed or impounded, signed on the spot (第十八条第八项、第九项)."""
    seizure = _seizure(src)
    return {
        **_common(src, seizure),
        "party_present": seizure.party_present,
        "witness": seizure.witness,
        "signature": seizure.get_record_signature_display(),
        "party_informed": seizure.party_informed,
        "statement_heard": seizure.statement_heard,
        "party_statement": seizure.party_statement,
    }


def seizure_extension_notice(src: c.Source) -> dict[str, Any]:
    """第二十五条第一款、第二款: the head's extension (情况复杂, at most 30 days in all), its reason and the new last
    day, notified to the party in writing."""
    extension = extension_for(src.case, src.extra)
    assert extension is not None, "documents.rules issues it only for a recorded extension"
    seizure = Seizure.objects.filter(case=src.case, pk=int(extension.deadline.ref or 0)).first()
    assert seizure is not None, "a seizure's deadline names the seizure"
    return {
        **_common(src, seizure),
        "decision_number": _decision_number(src, seizure),
        "days": extension.days,
        "reason": extension.reason,
        "previous_due_on": c.fmt_date(extension.previous_due_on),
        "due_on": c.fmt_date(extension.new_due_on or extension.deadline.due_on),
        "approved_on": c.fmt_date(extension.approved_at.date()),
        "remedies": c.remedies(src.settings),
    }


def seizure_testing_notice(src: c.Source) -> dict[str, Any]:
    """第二十五条第三款: the testing period stated — from when until when — and that it is not counted in the
    seizure's period; its cost borne by the agency."""
    testing = testing_for(src.case, src.extra)
    assert testing is not None, "documents.rules issues it only for a recorded testing period"
    seizure = testing.seizure
    return {
        **_common(src, seizure),
        "testing": testing.pk,
        "decision_number": _decision_number(src, seizure),
        "purpose": testing.purpose,
        "started_on": c.fmt_date(testing.started_on),
        "until": c.fmt_date(testing.until),
    }


def seizure_release(src: c.Source) -> dict[str, Any]:
    """第二十八条: the ground of the release and the property returned at once; 第十九条: the head thought an
    emergency seizure should not have been taken."""
    seizure = _seizure(src)
    return {
        **_common(src, seizure),
        "decision_number": _decision_number(src, seizure),
        "ground": seizure.get_release_ground_display(),
        "disapproved": seizure.release_ground == ReleaseGround.HEAD_DISAPPROVED,
        "note": seizure.end_note,
        "decided_on": c.fmt_date(seizure.decided_on),
        "returned_on": c.fmt_date(seizure.returned_on),
    }


def seizure_disposal(src: c.Source) -> dict[str, Any]:
    """第二十七条: illegal property confiscated, or destroyed where a law or administrative regulation says — decided
    within the period, with the remedies (行政复议法、行政诉讼法)."""
    seizure = _seizure(src)
    return {
        **_common(src, seizure),
        "decision_number": _decision_number(src, seizure),
        "disposal": seizure.get_disposal_display(),
        "note": seizure.end_note,
        "decided_on": c.fmt_date(seizure.decided_on),
        "remedies": c.remedies(src.settings),
    }
