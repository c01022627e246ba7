"""文号 without gaps (DESIGN.md, "Numbers without gaps"): per agency, kind code and year, unique under
concurrent issuing on real PostgreSQL connections, and a rolled-back issue gives its number back."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from cases.models import SerialCounter
from documents import services
from documents.models import AgencyDocumentSettings, Document
from documents.services import issue_document
from tests.cases.factories import build_team
from tests.documents.conftest import BANK, decide, decide_now, ready_to_decide

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N = 20


@pytest.fixture
def queued(monkeypatch):
    """Renderings queued on commit, recorded instead of run (these tests are about numbers)."""
    ids: list[int] = []
    monkeypatch.setattr(services, "_queue_rendering", ids.append)
    return ids


def _race(targets):
    barrier = threading.Barrier(len(targets))
    outcomes: list[object] = []
    lock = threading.Lock()

    def worker(target):
        try:
            barrier.wait(timeout=30)
            result = target()
        except Exception as exc:  # collected and asserted below
            result = exc
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


def test_twenty_decisions_made_at_once_get_twenty_distinct_consecutive_numbers(queued):
    team = build_team()
    AgencyDocumentSettings.objects.filter(agency=team.agency).update(fine_bank=BANK)
    cases = [ready_to_decide(team) for _ in range(N)]

    # Each ``decide`` issues its 行政处罚决定书 in its own transaction, on its own connection.
    outcomes = _race([lambda case=case: decide_now(team, case) for case in cases])

    assert all(getattr(o, "status", None) == "decided" for o in outcomes), outcomes
    decisions = list(Document.objects.filter(kind="penalty_decision"))
    year = timezone.localdate().year
    assert len(decisions) == N and {d.case_id for d in decisions} == {c.pk for c in cases}
    assert sorted(d.number_serial for d in decisions) == list(range(1, N + 1))
    assert {d.number for d in decisions} == {f"{team.agency.short_name}罚决〔{year}〕{n}号" for n in range(1, N + 1)}
    assert SerialCounter.objects.get(agency=team.agency, kind="罚决", year=year).last_value == N
    decision_ids = {d.pk for d in decisions}
    # each rendering queued once, after its commit
    assert sorted(pk for pk in queued if pk in decision_ids) == sorted(decision_ids)


def test_a_rolled_back_decision_gives_its_number_back_and_queues_nothing(queued):
    team = build_team()
    case = ready_to_decide(team)
    before = list(queued)

    def decide_then_fail():
        with transaction.atomic():
            decide_now(team, case)
            raise RuntimeError("送达失败")

    with pytest.raises(RuntimeError, match="送达失败"):
        decide_then_fail()
    assert not Document.objects.filter(kind="penalty_decision").exists()
    assert queued == before

    decide_now(team, case)
    document = Document.objects.get(case=case, kind="penalty_decision")

    assert document.number_serial == 1
    assert queued == [*before, document.pk]
    assert case.events.filter(event_type="document_issued", payload__kind="penalty_decision").count() == 1


def test_numbers_are_per_kind_and_internal_records_carry_the_case_number(queued):
    team = build_team()
    case = decide(team)
    year = timezone.localdate().year

    decision = Document.objects.get(case=case, kind="penalty_decision")
    approval = Document.objects.get(case=case, kind="filing_approval")
    receipt = issue_document(case=case, kind="service_receipt", actor=team.head.user, extra={"document": decision.pk})
    other = decide(team)
    second = Document.objects.get(case=other, kind="penalty_decision")

    assert decision.number == f"{team.agency.short_name}罚决〔{year}〕1号"
    assert second.number == f"{team.agency.short_name}罚决〔{year}〕2号"
    assert approval.number == receipt.number == case.number  # 立案审批表, 送达回证: the case number
    assert approval.number_serial is None and approval.number_code == ""
    assert not SerialCounter.objects.filter(agency=team.agency, kind="").exists()
