"""make run's demo cases (cases/demo.py): made through the services by seed_demo, at the stages the README
promises, each with the documents its steps issued and the deadlines they opened."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.choices import CaseStatus, EventType, Procedure
from cases.demo import demo_cases, seed_demo_cases
from cases.models import Case, CaseEvent
from cases.services.events import verify_chain
from deadline_watch import approvals
from deadlines.choices import Outcome
from deadlines.models import Deadline
from documents.models import Document
from kernel.rules import ActionRefused, Reason
from officers.models import Officer

pytestmark = pytest.mark.django_db

# In the order seed_demo_cases makes them: (agency, status, procedure, documents, deadlines open at least).
EXPECTED = [
    ("包市监", CaseStatus.LEAD, Procedure.GENERAL, [], {"lead_verification"}),
    (
        "包市监",
        CaseStatus.INVESTIGATING,
        Procedure.GENERAL,
        ["filing_approval", "preservation_notice", "seizure_decision", "seizure_list"],
        {"case_time_limit", "evidence_preservation", "seizure"},
    ),
    (
        "包市监",
        CaseStatus.NOTIFIED,
        Procedure.GENERAL,
        # 食品安全法 第一百二十六条: the fine only after the served 责令改正通知书 was refused (行政处罚法 第二十八条)
        ["filing_approval", "correction_notice", "service_receipt", "penalty_notice"],
        {"case_time_limit", "statement", "hearing_request"},
    ),
    (
        "包市监",
        CaseStatus.EXECUTING,
        Procedure.GENERAL,
        ["filing_approval", "penalty_notice", "penalty_decision", "service_receipt"],
        {"payment", "reconsideration", "litigation"},
    ),
    ("包市监", CaseStatus.EXECUTING, Procedure.SUMMARY, ["on_spot_decision", "service_receipt"], {"payment"}),
    ("包市城管", CaseStatus.INVESTIGATING, Procedure.GENERAL, ["filing_approval"], {"case_time_limit"}),
]


@pytest.fixture
def output():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def cases(output):
    return demo_cases()


@pytest.fixture
def people(output):
    return {o.user.username: o for o in Officer.objects.select_related("user")}


def test_seeding_makes_the_cases_in_their_promised_states(cases):
    assert [(c.agency.short_name, c.status, c.procedure) for c in cases] == [e[:3] for e in EXPECTED]
    lead, _, notified, executing, on_the_spot, _ = cases
    assert lead.filing_requested_at is not None and lead.number == ""
    assert notified.is_major and notified.notices.get().hearing_right
    assert executing.decided_fine_amount == 8000 and not executing.payments.exists()
    assert on_the_spot.decided_fine_amount == 100 and on_the_spot.number.startswith("包市监立〔")


def test_every_case_has_a_natural_person_or_an_organisation_with_a_valid_identifier(cases):
    parties = [p for case in cases for p in case.parties.all()]
    for party in parties:
        party.full_clean()
    assert {p.kind for p in parties} == {"individual", "organization"}
    assert all(p.identifier and p.address for p in parties)
    assert all(p.phone for p in parties if p.kind == "individual")


def test_each_step_issued_its_own_document(cases):
    for case, (*_, kinds, _) in zip(cases, EXPECTED, strict=True):
        issued = Document.objects.filter(case=case).order_by("pk")
        assert [d.kind for d in issued] == kinds, case.title
        assert all(d.issued_by_id is not None for d in issued)


def test_the_steps_opened_their_deadlines_and_none_is_overdue_or_was_met_late(cases):
    today = timezone.localdate()
    for case, (*_, running) in zip(cases, EXPECTED, strict=True):
        deadlines = Deadline.objects.filter(case=case)
        assert running <= set(deadlines.open().values_list("kind", flat=True)), case.title
        assert not deadlines.overdue_on(today).exists(), case.title
        for met in deadlines.filter(outcome=Outcome.MET):
            assert met.met_on <= met.due_on, (case.title, met.kind)


def test_every_guard_held_and_every_chain_verifies(cases):
    for case in cases:
        assert verify_chain(case.pk) is None
    assert not CaseEvent.objects.filter(case__in=cases, event_type=EventType.ATTEMPT_REFUSED).exists()


def test_seeding_again_creates_nothing(cases):
    counts = (Case.objects.count(), CaseEvent.objects.count(), Document.objects.count(), Deadline.objects.count())

    assert seed_demo_cases() == []
    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    assert (Case.objects.count(), CaseEvent.objects.count(), Document.objects.count(), Deadline.objects.count()) == (
        counts
    )
    assert "已有（未重复创建）：6 件" in out.getvalue()


def test_seed_demo_lists_the_cases_with_number_and_status(output, cases):
    assert "演示案件新建：6 件" in output
    for case in cases:
        assert f"{case.display_number}  {case.get_status_display()}" in output


def test_the_handler_sees_the_demo_cases_and_an_officer_of_the_other_agency_gets_404(client, cases, people):
    market = [c for c in cases if c.agency.short_name == "包市监"]
    urban = [c for c in cases if c.agency.short_name == "包市城管"]

    client.force_login(people["officer1"].user)
    assert [client.get(f"/cases/{c.pk}/").status_code for c in market] == [200] * len(market)
    assert [client.get(f"/cases/{c.pk}/").status_code for c in urban] == [404] * len(urban)

    client.force_login(people["officer_b1"].user)
    assert [client.get(f"/cases/{c.pk}/").status_code for c in market] == [404] * len(market)
    assert [client.get(f"/cases/{c.pk}/").status_code for c in urban] == [200] * len(urban)


def test_a_refused_step_leaves_no_demo_case_behind_and_the_accounts_still_seeded(monkeypatch):
    def refuse(people, today):
        raise ActionRefused([Reason("wrong_state", "演示：某一步骤被拒绝。", "")])

    monkeypatch.setattr("cases.demo._urban_filed", refuse)
    out, err = io.StringIO(), io.StringIO()
    call_command("seed_demo", stdout=out, stderr=err)

    assert "演示案件未创建" in err.getvalue() and "演示：某一步骤被拒绝。" in err.getvalue()
    assert not Case.objects.exists() and not CaseEvent.objects.exists() and not Document.objects.exists()
    assert Officer.objects.filter(user__username="officer1").exists()


def test_the_demo_seizure_shows_its_thirty_day_clock_and_refuses_an_extension_past_thirty_days(cases, people, client):
    investigating = cases[1]
    row = Deadline.objects.get(case=investigating, kind="seizure")
    client.force_login(people["officer1"].user)
    page = client.get(f"/cases/{investigating.pk}/").content.decode()
    assert "查封、扣押期限" in page and f"至{row.due_on:%Y-%m-%d}" in page

    notified = {"party_notified_on": timezone.localdate()}
    approvals.extend_deadline(deadline=row, actor=people["head2"].user, days=15, reason="情况复杂", **notified)
    with pytest.raises(ActionRefused) as refused:
        approvals.extend_deadline(deadline=row, actor=people["head2"].user, days=20, reason="仍需调查", **notified)
    assert [r.code for r in refused.value.reasons] == ["extension_cap"]


def test_the_demo_food_fine_rests_on_a_served_order_the_party_refused(cases):
    """行政处罚法 第二十八条第一款; 食品安全法 第一百二十六条: 拒不改正的，处……罚款."""
    notified = cases[2]
    assert notified.matter.conditional_on_failure_to_correct
    (row,) = notified.correction_orders.all()
    assert row.served_on is not None and row.refused_on is not None
