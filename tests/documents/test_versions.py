"""An issued document never changes: a correction is a new version, the old one is kept; the model
refuses edits and the database refuses them from anywhere else (migration 0002)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction
from django.db.models import ProtectedError

from documents.choices import DocumentStatus
from documents.models import Document, ImmutableDocument
from documents.services import DocumentRefused, issue_document


def codes(excinfo):
    return [r.code for r in excinfo.value.reasons]


def test_a_correction_is_version_two_and_the_first_version_is_kept(team, decided, decision, issue):
    corrected = issue(decided, "penalty_decision", team.officer1, correction_of=decision, reason="当事人地址笔误")

    decision.refresh_from_db()
    assert corrected.version == 2
    assert corrected.supersedes == decision
    assert corrected.number == decision.number  # the same 文号, a new version
    assert corrected.token != decision.token
    assert corrected.status == decision.status == DocumentStatus.RENDERED
    assert corrected.storage_key != decision.storage_key
    assert not decision.is_current and corrected.is_current
    assert Document.objects.filter(case=decided, kind="penalty_decision").count() == 2
    assert corrected.snapshot["meta"]["correction_reason"] == "当事人地址笔误"
    event = decided.events.get(event_type="document_issued", payload__document=corrected.pk)
    assert event.payload["supersedes"] == decision.pk and event.payload["version"] == 2


def test_only_the_latest_version_may_be_corrected_and_only_with_a_reason(team, decided, decision, issue):
    with pytest.raises(DocumentRefused) as no_reason:
        issue_document(case=decided, kind="penalty_decision", actor=team.officer1.user, correction_of=decision)
    issue(decided, "penalty_decision", team.officer1, correction_of=decision, reason="金额大写笔误")
    with pytest.raises(DocumentRefused) as old_version:
        issue_document(
            case=decided, kind="penalty_decision", actor=team.officer1.user, correction_of=decision, reason="再改"
        )

    assert codes(no_reason) == ["correction_reason_required"]
    assert codes(old_version) == ["already_corrected"]


def test_a_second_decision_document_is_refused_only_a_correction_may_follow(team, decided, decision):
    with pytest.raises(DocumentRefused) as excinfo:
        issue_document(case=decided, kind="penalty_decision", actor=team.officer1.user)

    assert codes(excinfo) == ["already_issued"]
    assert decision.number in excinfo.value.reasons[0].detail
    assert Document.objects.filter(case=decided, kind="penalty_decision").count() == 1


def test_a_correction_must_be_of_the_same_kind(team, decided, decision):
    with pytest.raises(DocumentRefused) as excinfo:
        issue_document(
            case=decided, kind="filing_approval", actor=team.officer1.user, correction_of=decision, reason="x"
        )

    assert codes(excinfo) == ["wrong_document"]


def test_the_model_refuses_to_change_an_issued_document(decision):
    decision.snapshot = {"meta": {}, "data": {}}
    with pytest.raises(ImmutableDocument):
        decision.save()
    with pytest.raises(ImmutableDocument):
        decision.save(update_fields=["snapshot"])
    with pytest.raises(ProtectedError):
        decision.delete()


@pytest.mark.postgres
@pytest.mark.parametrize(
    "change",
    [{"number": "伪造〔2026〕1号"}, {"snapshot": {}}, {"token": "x"}, {"sha256": "0" * 64}, {"status": "issued"}],
)
def test_the_database_refuses_any_change_to_a_rendered_document(decision, change):
    with pytest.raises(DatabaseError, match="never changes"), transaction.atomic():
        Document.objects.filter(pk=decision.pk).update(**change)


@pytest.mark.postgres
def test_the_database_refuses_to_delete_a_document(decision):
    with pytest.raises(DatabaseError, match="never changes"), transaction.atomic():
        Document.objects.filter(pk=decision.pk).delete()
    assert Document.objects.filter(pk=decision.pk).exists()


def test_the_file_index_lists_both_versions_and_marks_the_corrected_one(team, decided, decision, issue):
    from documents.contexts import BUILDERS, Source
    from documents.models import document_settings_for

    corrected = issue(decided, "penalty_decision", team.officer1, correction_of=decision, reason="笔误")
    source = Source(case=decided, settings=document_settings_for(team.agency), today=decided.decided_on,
                    issuer=team.officer1, extra={})  # fmt: skip

    rows = {(r["number"], r["version"]): r["current"] for r in BUILDERS["file_index"](source)["documents"]}

    assert rows[(decision.number, 1)] is False
    assert rows[(corrected.number, 2)] is True
