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
from tests.documents.conftest import BANK, decide

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


def test_twenty_decisions_issued_at_once_get_twenty_distinct_consecutive_numbers(queued):
    team = build_team()
    AgencyDocumentSettings.objects.create(agency=team.agency, fine_bank=BANK)
    cases = [decide(team) for _ in range(N)]

    outcomes = _race(
        [lambda case=case: issue_document(case=case, kind="penalty_decision", actor=team.head.user) for case in cases]
    )

    assert all(isinstance(o, Document) for o in outcomes), outcomes
    year = timezone.localdate().year
    assert sorted(o.number_serial for o in outcomes) == list(range(1, N + 1))
    assert {o.number for o in outcomes} == {f"{team.agency.short_name}罚决〔{year}〕{n}号" for n in range(1, N + 1)}
    assert len({o.case_id for o in outcomes}) == N
    assert SerialCounter.objects.get(agency=team.agency, kind="罚决", year=year).last_value == N
    assert sorted(queued) == sorted(o.pk for o in outcomes)  # each rendering queued once, after its commit


def test_a_rolled_back_issue_gives_its_number_back_and_queues_nothing(queued):
    team = build_team()
    case = decide(team)

    def issue_then_fail():
        with transaction.atomic():
            issue_document(case=case, kind="penalty_decision", actor=team.head.user)
            raise RuntimeError("送达失败")

    with pytest.raises(RuntimeError, match="送达失败"):
        issue_then_fail()
    assert not Document.objects.exists()
    assert queued == []

    document = issue_document(case=case, kind="penalty_decision", actor=team.head.user)

    assert document.number_serial == 1
    assert queued == [document.pk]
    assert not case.events.filter(event_type="document_issued").exclude(payload__document=document.pk).exists()


def test_numbers_are_per_kind_and_internal_records_carry_the_case_number(queued):
    team = build_team()
    case = decide(team)
    year = timezone.localdate().year

    decision = issue_document(case=case, kind="penalty_decision", actor=team.head.user)
    approval = issue_document(case=case, kind="filing_approval", actor=team.head.user)
    receipt = issue_document(case=case, kind="service_receipt", actor=team.head.user, extra={"document": decision.pk})
    other = decide(team)
    second = issue_document(case=other, kind="penalty_decision", actor=team.head.user)

    assert decision.number == f"{team.agency.short_name}罚决〔{year}〕1号"
    assert second.number == f"{team.agency.short_name}罚决〔{year}〕2号"
    assert approval.number == receipt.number == case.number  # 立案审批表, 送达回证: the case number
    assert approval.number_serial is None and approval.number_code == ""
    assert not SerialCounter.objects.filter(agency=team.agency, kind="").exists()
