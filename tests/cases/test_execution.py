"""送达、缴款、复议诉讼、催告、申请强制执行、结案 (issue 5, items 6–8): 行政处罚法 第六十一条、第六十六条至第七十三条;
行政强制法 第三十五条、第三十八条、第四十五条、第五十三条、第五十四条; 行政复议法 第二十条、第二十三条、第二十九条;
行政诉讼法 第四十五条、第四十六条.

Every test runs on a frozen clock from Monday 2026-06-01 09:00 (Asia/Shanghai); the Dragon Boat break is
19–21 June 2026. The general-procedure decisions fine 8,000 yuan (the factory matter's range is 5,000–50,000):
3 % of it is 240 yuan a day.
"""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cases.choices import CaseStatus
from cases.guards import execution as rules
from cases.models import CaseEvent, Payment
from cases.models.execution import ServedDocument
from cases.services import deciding, lifecycle
from cases.services import execution as svc
from cases.services.runner import TransitionBlocked, reasons_for
from cases.views.execution import execution_section
from deadlines.models import Deadline
from deadlines.selectors import deadline_of
from documents.actions import serve_document
from kernel.rules import ActionRefused

SH = ZoneInfo("Asia/Shanghai")
APL = "《中华人民共和国行政处罚法》"
CL = "《中华人民共和国行政强制法》"
ART_52, ART_61, ART_66, ART_68, ART_69, ART_71, ART_72 = (
    f"{APL}第{n}条" for n in ("五十二", "六十一", "六十六", "六十八", "六十九", "七十一", "七十二")
)
CL_53, CL_54, CL_55 = (f"{CL}第{n}条" for n in ("五十三", "五十四", "五十五"))
RL_20, RL_29 = "《中华人民共和国行政复议法》第二十条", "《中华人民共和国行政复议法》第二十九条"
BANK = "中国工商银行包头分行"
PDF = b"%PDF-1.4\n% signed receipt\n" + b"0" * 200


def at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=SH)


def d(month: int, day: int, year: int = 2026) -> datetime.date:
    return datetime.date(year, month, day)


# 电子送达 with the party's signed consent (第六十一条第二款): no 送达回证 to scan before closing.
E_SERVICE = {"method": "electronic", "address": "zhangsan@example.cn", "consent_signed_on": d(5, 20)}


@pytest.fixture
def clock():
    with time_machine.travel(at(2026, 6, 1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team(db, clock):
    from tests.cases.factories import build_team

    return build_team()


def codes(reasons):
    return [r.code for r in reasons]


def refused(callable_, **kwargs):
    with pytest.raises(ActionRefused) as excinfo:  # TransitionBlocked is an ActionRefused
        callable_(**kwargs)
    return excinfo.value.reasons


def decided(team, *, fine="8000", kinds=("fine",)):
    """Filed, concluded, notified and waived today, decided today by the head."""
    case = team.open_and_file()
    team.conclude(case, penalty_kinds=list(kinds), fine_amount=Decimal(fine) if fine else None)
    team.notify(case)
    team.waive(case)
    return team.decide(case, fine=fine, kinds=tuple(kinds))


def on_the_spot(team, fine="100"):
    case = team.open_on_the_spot()
    return lifecycle.decide_on_spot(
        case=case,
        actor=team.officer1.user,
        penalty_kinds=["fine"],
        fine_amount=Decimal(fine),
        legal_basis="《食品安全法》第一百二十六条",
        place="包头市昆都仑区阿尔丁大街8号",
        correction="立即为从业人员办理健康证明。",
    )


def serve(team, case, *, on=None, method="direct", **fields):
    fields.setdefault("recipient", "张三")
    return svc.serve_decision(
        case=case, actor=team.officer1.user, served_on=on or timezone.localdate(), method=method, **fields
    )


def pay(team, case, amount, *, on=None, receipt="GS-0001", channel="bank", **fields):
    if channel == "bank":
        fields.setdefault("bank", BANK)
    return svc.record_payment(
        case=case,
        actor=team.officer1.user,
        paid_on=on or timezone.localdate(),
        amount=Decimal(amount),
        channel=channel,
        receipt_number=receipt,
        **fields,
    )


def attach_receipt(team, case):
    service = rules.decision_service(case)
    return svc.attach_service_receipt(
        service=service,
        actor=team.officer1.user,
        stream=io.BytesIO(PDF),
        original_filename="送达回证.pdf",
        head=PDF[:64],
        size=len(PDF),
    )


def close(team, case, **fields):
    return lifecycle.close_case(case=case, actor=team.head.user, report="执行完毕，结案。", **fields)


def remind(team, case, clock):
    """The party in default: a reminder issued and served on 22 June (行政强制法 第三十五条、第三十八条)."""
    clock.move_to(at(2026, 6, 22))
    reminder = svc.issue_reminder(
        case=case, actor=team.officer1.user, issued_on=d(6, 22), performance_deadline=d(7, 3), manner="缴入指定银行"
    )
    svc.serve_reminder(
        reminder=reminder, actor=team.officer1.user, served_on=d(6, 22), method="direct", recipient="张三"
    )
    return reminder


def last_event(case, name):
    return CaseEvent.objects.filter(case=case, name=name).order_by("-seq").first()


def due(case, kind, ref=None):
    """The stored deadline of ``kind`` (the one clock: every due date of execution is a deadline row)."""
    return deadline_of(case.pk, kind, ref=None if ref is None else str(ref))


# --- 送达 (第六十一条) ----------------------------------------------------------------------------------


def test_serving_the_decision_records_the_service_and_starts_the_clocks(team, clock):
    case = decided(team)
    clock.move_to(at(2026, 6, 3))
    served = serve(team, case, on=d(6, 3))

    assert served.status == CaseStatus.EXECUTING
    service = rules.decision_service(served)
    assert (service.document, service.method, service.recipient) == (ServedDocument.DECISION, "direct", "张三")
    assert due(case, "service").due_on == d(6, 10)  # 7 working days after the decision of 1 June
    assert not due(case, "service").met_late
    event = last_event(case, "serve")
    assert event.payload["served_on"] == "2026-06-03"
    assert event.payload["method"] == "direct"
    assert due(case, "payment").due_on == d(6, 18)  # 15 days after service (第六十七条第三款)
    assert due(case, "reconsideration").due_on == d(8, 3)  # 60 days end on Sunday 2 August: rolled
    assert due(case, "litigation").due_on == d(12, 3)  # 6 months (行政诉讼法 第四十六条)


def test_a_late_service_is_recorded_and_flagged_not_refused(team, clock):
    case = decided(team)
    clock.move_to(at(2026, 6, 12))

    served = serve(team, case, on=d(6, 11))

    assert served.status == CaseStatus.EXECUTING
    assert rules.decision_service(served).served_on == d(6, 11)
    assert (due(case, "service").due_on, due(case, "service").met_late) == (d(6, 10), True)


def test_service_lies_between_the_decision_and_today(team):
    case = decided(team)
    assert codes(refused(serve, team=team, case=case, on=d(5, 31))) == ["date_too_early"]
    assert codes(refused(serve, team=team, case=case, on=d(6, 2))) == ["date_in_future"]


def test_electronic_service_needs_the_partys_signed_consent(team):
    case = decided(team)

    reasons = refused(serve, team=team, case=case, method="electronic", address="zhangsan@example.cn")
    assert codes(reasons) == ["electronic_without_consent"]
    assert reasons[0].article == ART_61
    late_consent = refused(
        serve, team=team, case=case, method="electronic", address="x@example.cn", consent_signed_on=d(6, 2)
    )
    assert "consent_after_service" in codes(late_consent)

    served = serve(team, case, method="electronic", address="zhangsan@example.cn", consent_signed_on=d(5, 20))
    assert rules.decision_service(served).consent_signed_on == d(5, 20)


def test_each_method_keeps_what_the_civil_procedure_law_asks(team):
    case = decided(team)
    assert codes(refused(serve, team=team, case=case, method="left")) == ["left_without_witness"]
    assert codes(refused(serve, team=team, case=case, method="post")) == ["post_without_tracking"]
    assert codes(refused(serve, team=team, case=case, recipient="")) == ["recipient_missing"]
    assert codes(refused(serve, team=team, case=case, method="announcement")) == [
        "announcement_date_missing",
        "announcement_ground_missing",
        "announcement_attempts_missing",
    ]
    # on the spot means the day the decision is announced
    assert codes(refused(serve, team=team, case=case, method="on_spot", on=d(6, 1) - datetime.timedelta(1))) == [
        "date_too_early",
        "on_spot_not_same_day",
    ]


def test_announcement_is_judged_late_by_its_announcement_date(team, clock):
    case = decided(team)
    clock.move_to(at(2026, 7, 20))

    served = svc.serve_decision(
        case=case,
        actor=team.officer1.user,
        method="announcement",
        announced_on=d(6, 9),
        announcement_ground="whereabouts_unknown",
        announcement_attempts="经向户籍地、经营场所查找，下落不明。",
    )

    service = rules.decision_service(served)
    # announced within the 7 working days; served thirty days after the announcement (民事诉讼法 第九十五条)
    assert (service.served_on, due(case, "service").met_late) == (d(7, 9), False)


def test_an_on_the_spot_decision_is_handed_over_on_the_spot(team):
    case = on_the_spot(team)

    reasons = refused(serve, team=team, case=case, method="direct")
    assert codes(reasons) == ["summary_delivered_on_spot"]
    assert reasons[0].article == ART_52

    served = serve(team, case, method="on_spot")
    service = rules.decision_service(served)
    assert (service.document, due(case, "service")) == (ServedDocument.ON_SPOT_DECISION, None)
    payload = last_event(case, "serve").payload
    # 行政复议法 第二十三条: reconsideration first, so no direct suit period
    assert (due(case, "litigation"), payload["reconsideration_first"]) == (None, True)


def test_only_a_handler_serves(team):
    case = decided(team)
    with pytest.raises(TransitionBlocked) as excinfo:
        svc.serve_decision(case=case, actor=team.officer3.user, served_on=d(6, 1), method="direct", recipient="张三")
    assert codes(excinfo.value.reasons) == ["not_a_handler"]


# --- 缴款 (第六十七条至第七十一条) --------------------------------------------------------------------------


def test_a_payment_is_recorded_from_the_bank_receipt(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 10))

    pay(team, case, "8000", on=d(6, 9))

    payment = Payment.objects.get(case=case)
    assert (payment.channel, payment.bank, payment.receipt_number) == ("bank", BANK, "GS-0001")
    payload = last_event(case, "record_payment").payload
    assert (payload["paid_on"], payload["amount"], payload["paid_in_full"]) == ("2026-06-09", "8000.00", True)
    assert payload["ledger"]["outstanding"] == "0.00"
    assert codes(reasons_for(case, "record_payment", team.officer1.user)) == ["paid_in_full"]


def test_a_bank_payment_names_the_bank_and_a_receipt_counts_once(team):
    case = serve(team, decided(team))
    assert codes(refused(pay, team=team, case=case, amount="100", bank="")) == ["bank_missing"]
    pay(team, case, "100")
    assert codes(refused(pay, team=team, case=case, amount="100")) == ["receipt_already_recorded"]
    pay(team, case, "100", receipt="GS-0002", channel="electronic")  # 电子支付系统: no bank to name


def test_a_payment_never_exceeds_what_is_owed_surcharge_included(team, clock):
    case = serve(team, decided(team))  # served 1 June: pay by 16 June
    assert codes(refused(pay, team=team, case=case, amount="8000.01")) == ["amount_exceeds_owed"]

    clock.move_to(at(2026, 6, 26))  # 10 days late: 8,000 + 10 × 240
    led = rules.ledger_of(case, on=timezone.localdate())
    assert (led.surcharge, led.owed) == (Decimal("2400.00"), Decimal("10400.00"))
    reasons = refused(pay, team=team, case=case, amount="10400.01")
    assert codes(reasons) == ["amount_exceeds_owed"]
    assert "10,400.00元" in reasons[0].detail

    pay(team, case, "10400")
    assert rules.ledger_of(case, on=d(12, 31)).outstanding == 0  # paid: the surcharge stops


def test_a_backdated_payment_stops_the_surcharge_from_its_own_date(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 26))
    pay(team, case, "8000", on=d(6, 18))  # two days late: 480 yuan owed on top

    led = rules.ledger_of(case, on=timezone.localdate())
    assert (led.surcharge, led.outstanding) == (Decimal("480.00"), Decimal("480.00"))
    assert codes(refused(pay, team=team, case=case, amount="480.01", receipt="GS-0002")) == ["amount_exceeds_owed"]
    pay(team, case, "480", receipt="GS-0002")
    assert rules.ledger_of(case, on=timezone.localdate()).paid_in_full


def test_a_warning_has_nothing_to_pay(team):
    case = serve(team, decided(team, fine=None, kinds=("warning",)), **E_SERVICE)
    reasons = refused(pay, team=team, case=case, amount="100")
    assert codes(reasons) == ["nothing_to_pay"]


def test_on_the_spot_collection_of_a_fine_up_to_100_yuan(team, clock):
    case = serve(team, on_the_spot(team, "100"), method="on_spot")

    pay(team, case, "100", channel="on_spot", receipt="财政票据-0001", on_spot_ground="small_fine")

    payment = Payment.objects.get(case=case)
    assert payment.collected_by == team.officer1
    assert due(case, "collection_handover", payment.pk).due_on == d(6, 3)  # 第七十一条: 2 working days


def test_on_the_spot_collection_limits(team):
    over = serve(team, on_the_spot(team, "150"), method="on_spot")
    reasons = refused(pay, team=team, case=over, amount="150", channel="on_spot", on_spot_ground="small_fine")
    assert codes(reasons) == ["on_spot_fine_over_100"]
    assert reasons[0].article == ART_68
    hard = {"on_spot_ground": "hard_later", "channel": "on_spot"}
    assert codes(refused(pay, team=team, case=over, amount="150", **hard)) == ["on_spot_reason_missing"]
    assert codes(refused(pay, team=team, case=over, amount="150", channel="on_spot")) == ["on_spot_ground_missing"]
    no_receipt = refused(pay, team=team, case=over, amount="150", receipt="", on_spot_reason="流动摊贩", **hard)
    assert [(r.code, r.article) for r in no_receipt] == [("receipt_missing", f"{APL}第七十条")]
    pay(team, over, "150", on_spot_reason="当事人系外地流动摊贩，无固定住所。", **hard)

    general = serve(team, decided(team))
    reasons = refused(pay, team=team, case=general, amount="8000", channel="on_spot", on_spot_ground="small_fine")
    assert codes(reasons) == ["on_spot_not_summary", "on_spot_fine_over_100"]
    remote = {"channel": "on_spot", "on_spot_ground": "remote", "on_spot_reason": "牧区，距最近的代收银行120公里。"}
    reasons = refused(pay, team=team, case=general, amount="8000", **remote)
    assert codes(reasons) == ["on_spot_not_requested"]
    assert reasons[0].article == ART_69
    pay(team, general, "8000", party_requested=True, **remote)


def test_on_the_spot_money_reaches_the_agency_and_the_bank_in_two_working_days_each(team, clock):
    case = serve(team, on_the_spot(team, "100"), method="on_spot")
    pay(team, case, "100", channel="on_spot", receipt="财政票据-0002", on_spot_ground="small_fine")
    payment = Payment.objects.get(case=case)
    clock.move_to(at(2026, 6, 8))

    svc.record_handover(payment=payment, actor=team.officer1.user, handed_to_agency_on=d(6, 4))
    item = svc.record_handover(payment=payment, actor=team.head.user, deposited_on=d(6, 8))

    handover, deposit = due(case, "collection_handover", payment.pk), due(case, "collection_deposit", payment.pk)
    assert (item.handed_to_agency_on, handover.met_late) == (d(6, 4), True)  # due 3 June
    assert (deposit.due_on, item.deposited_on, deposit.met_late) == (d(6, 8), d(6, 8), False)
    reasons = refused(svc.record_handover, payment=payment, actor=team.officer1.user, deposited_on=d(6, 8))
    assert codes(reasons) == ["already_deposited"]
    assert reasons[0].article == ART_71


# --- 暂缓、分期 (第六十六条第二款) ------------------------------------------------------------------------


def test_a_deferral_needs_a_heads_approval_and_pauses_the_surcharge(team, clock):
    case = serve(team, decided(team))
    deferral = {
        "kind": "deferral",
        "applied_on": d(6, 1),
        "reason": "经营困难，停业整顿中。",
        "deferred_until": d(8, 31),
    }

    reasons = refused(svc.approve_arrangement, case=case, actor=team.officer1.user, **deferral)
    assert codes(reasons) == ["not_agency_head"]
    assert reasons[0].article == ART_66

    arrangement = svc.approve_arrangement(case=case, actor=team.head.user, **deferral)
    assert (arrangement.ends_on, arrangement.amount, arrangement.approved_by) == (d(8, 31), Decimal("8000"), team.head)
    payload = last_event(case, "approve_arrangement").payload
    assert (payload["ends_on"], payload["instalments"]) == (
        "2026-08-31",
        [{"due_on": "2026-08-31", "amount": "8000.00"}],
    )
    assert rules.ledger_of(case, on=d(8, 31)).surcharge == 0
    assert rules.ledger_of(case, on=d(9, 2)).surcharge == Decimal("480.00")


def test_instalments_add_up_to_the_unpaid_fine(team):
    case = serve(team, decided(team))
    pay(team, case, "2000")
    plan = {"kind": "instalments", "applied_on": d(6, 1), "reason": "资金周转困难。"}

    wrong = [(d(7, 1), Decimal("3000")), (d(8, 1), Decimal("2000"))]
    reasons = refused(svc.approve_arrangement, case=case, actor=team.head.user, instalments=wrong, **plan)
    assert codes(reasons) == ["instalments_do_not_add_up"]
    assert codes(refused(svc.approve_arrangement, case=case, actor=team.head.user, instalments=wrong[:1], **plan)) == [
        "too_few_instalments",
        "instalments_do_not_add_up",
    ]

    right = [(d(7, 1), Decimal("3000")), (d(8, 1), Decimal("3000"))]
    arrangement = svc.approve_arrangement(case=case, actor=team.head.user, instalments=right, **plan)
    assert arrangement.ends_on == d(8, 1)
    assert rules.ledger_of(case, on=d(7, 3)).surcharge == Decimal("180.00")  # 3,000 late on 2–3 July


# --- 行政复议、行政诉讼 --------------------------------------------------------------------------------------


def test_a_pending_reconsideration_stops_the_surcharge_and_excludes_a_suit(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 26))
    remedy = svc.file_remedy(
        case=case, actor=team.officer1.user, kind="reconsideration", filed_on=d(6, 20), organ="包头市人民政府"
    )
    assert rules.ledger_of(case, on=d(6, 26)).surcharge == Decimal("720.00")  # late 17–19 June, then paused
    payload = last_event(case, "file_remedy").payload
    assert (payload["kind"], payload["filed_on"], payload["within_period"]) == ("reconsideration", "2026-06-20", True)

    reasons = refused(
        svc.file_remedy,
        case=case,
        actor=team.officer1.user,
        kind="litigation",
        filed_on=d(6, 26),
        organ="昆都仑区人民法院",
    )
    assert codes(reasons) == ["remedy_pending"]
    assert reasons[0].article == RL_29

    clock.move_to(at(2026, 7, 10))
    svc.record_remedy_outcome(remedy=remedy, actor=team.officer1.user, outcome="upheld", decided_on=d(7, 6))
    led = rules.ledger_of(case, on=d(7, 10))
    assert led.surcharge == Decimal("1680.00")  # 17–19 June and 7–10 July: 7 days × 240
    assert led.pending_remedy is None


def test_a_changed_decision_lowers_the_fine_never_raises_it(team, clock):
    case = serve(team, decided(team))
    remedy = svc.file_remedy(
        case=case, actor=team.officer1.user, kind="reconsideration", filed_on=d(6, 1), organ="包头市人民政府"
    )
    clock.move_to(at(2026, 7, 1))
    outcome = {"remedy": remedy, "actor": team.officer1.user, "outcome": "changed", "decided_on": d(6, 30)}
    assert codes(refused(svc.record_remedy_outcome, changed_fine_amount=Decimal("9000"), **outcome)) == [
        "changed_heavier"
    ]
    item = svc.record_remedy_outcome(changed_fine_amount=Decimal("6000"), **outcome)

    assert rules.ledger_of(case, on=d(7, 1)).fine == Decimal("6000")
    # 第四十八条第二款: nothing was published, so nothing is to be withdrawn (tests/cases/test_publication.py).
    assert due(case, "publication_withdrawal", item.pk) is None
    assert last_event(case, "record_remedy_outcome").payload["withdraws_publication"] is False


def test_a_revoked_decision_has_nothing_left_to_execute_and_closes(team, clock, local_storage):
    case = serve(team, decided(team))
    attach_receipt(team, case)
    remedy = svc.file_remedy(
        case=case, actor=team.officer2.user, kind="litigation", filed_on=d(6, 1), organ="昆都仑区人民法院"
    )
    assert "remedy_pending" in codes(reasons_for(case, "close", team.head.user))
    clock.move_to(at(2026, 9, 1))
    svc.record_remedy_outcome(remedy=remedy, actor=team.officer2.user, outcome="revoked", decided_on=d(8, 28))

    assert rules.ledger_of(case, on=d(9, 1)).revoked
    closed = close(team, case)
    assert closed.status == CaseStatus.CLOSED
    assert last_event(case, "close").payload["executed_by"] == "revoked"


# --- 催告、申请强制执行 (行政强制法 第三十五条、第五十三条、第五十四条) ------------------------------------------


def test_reminder_then_court_application_within_its_window(team, clock):
    case = serve(team, decided(team))  # served 1 June 2026; pay by 16 June
    issue = {"case": case, "actor": team.officer1.user, "performance_deadline": d(7, 10), "manner": f"缴入{BANK}"}
    assert codes(refused(svc.issue_reminder, issued_on=d(6, 1), **issue)) == ["not_yet_overdue"]

    clock.move_to(at(2026, 6, 22))
    reminder = svc.issue_reminder(issued_on=d(6, 22), **issue)
    assert (reminder.fine_outstanding, reminder.surcharge, reminder.amount) == (
        Decimal("8000"),
        Decimal("1440.00"),  # 17–22 June: 6 days × 240, the holiday included
        Decimal("9440.00"),
    )
    svc.serve_reminder(
        reminder=reminder, actor=team.officer1.user, served_on=d(6, 22), method="direct", recipient="张三"
    )
    reminder.refresh_from_db()
    assert due(case, "reminder_wait", reminder.pk).due_on == d(7, 6)  # 10 working days after 22 June

    clock.move_to(at(2026, 7, 6))
    apply = {"case": case, "actor": team.head.user, "court": "包头市昆都仑区人民法院"}
    reasons = refused(svc.apply_to_court, filed_on=d(7, 6), **apply)
    assert codes(reasons) == ["remedy_periods_running", "reminder_too_recent"]
    assert [r.article for r in reasons] == [CL_53, CL_54]
    assert "2026-12-01" in reasons[0].detail  # 6 months after service (行政诉讼法 第四十六条)

    clock.move_to(at(2026, 12, 2))
    handler_tries = refused(svc.apply_to_court, filed_on=d(12, 2), **{**apply, "actor": team.officer1.user})
    assert codes(handler_tries) == ["not_agency_head"]
    assert handler_tries[0].article == CL_55
    application = svc.apply_to_court(filed_on=d(12, 2), **apply)
    assert application.amount == Decimal("16000.00")  # the fine and the surcharge capped at the fine
    window = due(case, "court_application")
    assert (window.starts_on, window.due_on, window.met_on) == (d(12, 1), d(3, 1, 2027), d(12, 2))
    assert window.provisional  # 2027's holidays are not entered yet


def test_no_application_after_the_window_or_without_a_reminder(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2027, 3, 2))
    application = {"filed_on": d(3, 2, 2027), "court": "包头市昆都仑区人民法院"}
    reasons = reasons_for(case, "apply_to_court", team.head.user, application)
    assert codes(reasons) == ["application_window_closed", "reminder_missing"]
    assert "2027-03-01" in reasons[0].detail


def test_the_window_runs_from_the_end_of_an_approved_deferral(team, clock):
    case = serve(team, on_the_spot(team, "150"), method="on_spot")  # summary: the remedy periods end after 60 days
    svc.approve_arrangement(
        case=case, actor=team.head.user, kind="deferral", applied_on=d(6, 1), reason="低保户。", deferred_until=d(9, 30)
    )
    assert due(case, "reconsideration").due_on == d(7, 31)
    assert due(case, "litigation") is None
    window = rules.court_window_of(case, rules.current_arrangement(case))
    assert (window.opens_after, window.closes_on, window.after_arrangement) == (d(9, 30), d(12, 30), True)


# --- 结案 -------------------------------------------------------------------------------------------------


def test_an_unpaid_fine_cannot_close_a_paid_one_can(team, clock, local_storage):
    case = serve(team, decided(team))

    reasons = reasons_for(case, "close", team.head.user)
    assert codes(reasons) == ["not_executed", "service_receipt_missing"]
    assert reasons[0].article == ART_72
    assert "尚欠8,000.00元" in reasons[0].detail

    pay(team, case, "8000")
    attach_receipt(team, case)
    closed = close(team, case)
    assert (closed.status, closed.closed_on) == (CaseStatus.CLOSED, d(6, 1))
    payload = last_event(case, "close").payload
    assert (payload["executed_by"], payload["ledger"]["paid"]) == ("paid_in_full", "8000.00")


def test_the_surcharge_must_be_paid_too(team, clock):
    case = serve(team, decided(team), method="electronic", address="x@example.cn", consent_signed_on=d(5, 30))
    clock.move_to(at(2026, 6, 18))
    pay(team, case, "8000")
    reasons = reasons_for(case, "close", team.head.user)
    assert codes(reasons) == ["not_executed"]
    assert "加处罚款480.00元" in reasons[0].detail
    pay(team, case, "480", receipt="GS-0002")
    assert reasons_for(case, "close", team.head.user) == []


def test_a_warning_only_decision_closes_once_served(team):
    case = serve(team, decided(team, fine=None, kinds=("warning",)), **E_SERVICE)
    assert reasons_for(case, "close", team.head.user) == []
    assert codes(reasons_for(case, "close", team.officer1.user)) == ["not_agency_head"]
    assert close(team, case).status == CaseStatus.CLOSED
    assert last_event(case, "close").payload["executed_by"] == "nothing_to_pay"


def test_on_the_spot_money_must_be_in_the_bank_before_closing(team, clock):
    case = serve(team, on_the_spot(team, "50"), method="on_spot")
    pay(team, case, "50", channel="on_spot", receipt="财政票据-0003", on_spot_ground="small_fine")
    assert codes(reasons_for(case, "close", team.head.user)) == ["on_spot_not_deposited"]
    payment = Payment.objects.get(case=case)
    svc.record_handover(payment=payment, actor=team.officer1.user, handed_to_agency_on=d(6, 1), deposited_on=d(6, 1))
    assert close(team, case).status == CaseStatus.CLOSED


def test_a_closing_report_is_required(team):
    case = serve(team, decided(team, fine=None, kinds=("warning",)), **E_SERVICE)
    with pytest.raises(TransitionBlocked) as excinfo:
        lifecycle.close_case(case=case, actor=team.head.user, report=" ")
    assert codes(excinfo.value.reasons) == ["closing_report_missing"]


def test_a_court_ruling_lets_an_unpaid_case_close(team, clock, local_storage):
    case = serve(team, decided(team))
    attach_receipt(team, case)
    remind(team, case, clock)
    clock.move_to(at(2026, 12, 2))
    application = svc.apply_to_court(case=case, actor=team.head.user, filed_on=d(12, 2), court="昆都仑区人民法院")
    assert codes(reasons_for(case, "close", team.head.user)) == ["not_executed"]
    clock.move_to(at(2026, 12, 10))
    svc.record_court_outcome(application=application, actor=team.officer1.user, outcome="granted", decided_on=d(12, 9))
    assert close(team, case).status == CaseStatus.CLOSED
    assert last_event(case, "close").payload["executed_by"] == "court_ruled"


# --- the receipt scan -----------------------------------------------------------------------------------------


def test_the_signed_receipt_is_stored_with_its_sha256(team, local_storage):
    import hashlib

    case = serve(team, decided(team))
    service = attach_receipt(team, case)

    evidence = service.receipt
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (evidence.content_type, evidence.size, evidence.case_id) == ("application/pdf", len(PDF), case.pk)
    event = last_event(case, "attach_service_receipt")
    assert (event.payload["sha256"], event.payload["service"]) == (evidence.sha256, service.pk)
    assert codes(refused(attach_receipt, team=team, case=case)) == ["receipt_already_filed"]


# --- the page section and its actions ------------------------------------------------------------------------


def login(client, officer):
    client.force_login(officer.user)
    return client


def action_url(case, action):
    return reverse("cases:execution_action", args=[case.pk, action])


def test_an_outsider_gets_404_on_every_execution_action(team, client, local_storage):
    case = serve(team, decided(team))
    service = rules.decision_service(case)
    login(client, team.outsider)

    posted = {"file_remedy-kind": "reconsideration", "file_remedy-filed_on": "2026-06-01", "file_remedy-organ": "X"}
    assert client.post(action_url(case, "file_remedy"), posted).status_code == 404
    assert client.post(action_url(case, "apply_to_court"), {}).status_code == 404
    receipt_url = reverse("cases:execution_receipt", args=[case.pk, service.pk])
    upload = io.BytesIO(PDF)
    upload.name = "r.pdf"
    assert client.post(receipt_url, {f"receipt-{service.pk}-file": upload}).status_code == 404
    assert not case.remedies.exists()


def test_the_page_actions_call_the_services(team, client, local_storage):
    case = serve(team, decided(team))
    login(client, team.officer1)

    posted = {
        "file_remedy-kind": "reconsideration",
        "file_remedy-filed_on": "2026-06-01",
        "file_remedy-organ": "包头市人民政府",
    }
    response = client.post(action_url(case, "file_remedy"), posted)
    assert response.status_code == 302
    assert case.remedies.get().organ == "包头市人民政府"

    again = client.post(action_url(case, "file_remedy"), posted)
    assert again.status_code == 409  # 行政复议法 第二十九条: one remedy at a time
    assert "尚未结束" in again.content.decode()

    head_only = client.post(
        action_url(case, "approve_arrangement"),
        {
            "approve_arrangement-kind": "deferral",
            "approve_arrangement-applied_on": "2026-06-01",
            "approve_arrangement-reason": "困难",
            "approve_arrangement-deferred_until": "2026-08-31",
        },
    )
    assert head_only.status_code == 409
    assert not case.arrangements.exists()
    assert client.post(action_url(case, "approve_arrangement"), {}).status_code == 400
    assert client.post(action_url(case, "no_such_step"), {}).status_code == 404

    service = rules.decision_service(case)
    upload = io.BytesIO(PDF)
    upload.name = "送达回证.pdf"
    receipt_url = reverse("cases:execution_receipt", args=[case.pk, service.pk])
    assert client.post(receipt_url, {f"receipt-{service.pk}-file": upload}).status_code == 302
    service.refresh_from_db()
    assert service.receipt is not None
    text = io.BytesIO(b"just some text, not a scan")
    text.name = "r.txt"
    other = serve_document(
        case=case,
        actor=team.officer1.user,
        document=case.documents.get(kind="penalty_notice"),
        served_on=d(6, 1),
        method="direct",
        recipient="张三",
    )
    other_url = reverse("cases:execution_receipt", args=[case.pk, other.pk])
    assert client.post(other_url, {f"receipt-{other.pk}-file": text}).status_code == 400


def test_the_section_shows_the_money_the_clocks_and_the_actions(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 26))
    case.refresh_from_db()

    section = execution_section(case, officer=team.officer1)
    assert section.ledger.surcharge == Decimal("2400.00")
    clocks = {c.key: c for c in section.clocks}
    assert clocks["payment"].overdue and clocks["payment"].due == d(6, 16)
    # 行政强制法 第三十九条、第四十条: the agency's own execution may be suspended or terminated before any application.
    assert [p.key for p in section.panels] == [
        "serve_document",
        "file_remedy",
        "issue_reminder",
        "suspend_execution",
        "terminate_execution",
    ]
    head_keys = [p.key for p in execution_section(case, officer=team.head).panels]
    assert "approve_arrangement" in head_keys
    assert execution_section(case, officer=team.outsider).panels == []

    html = render_to_string("cases/partials/execution.html", {"execution_section": section})
    assert "送达与执行" in html
    assert "2,400.00" in html
    assert 'data-clock="payment"' in html
    assert "送达回证未归档" in html


def test_no_section_before_the_decision(team):
    assert execution_section(team.open_and_file(), officer=team.officer1) is None


def test_serve_and_pay_through_the_transition_endpoints(team, api, client):
    case = decided(team)
    login(client, team.officer1)
    response = client.post(
        reverse("cases:transition", args=[case.pk, "serve"]),
        {"serve-served_on": "2026-06-01", "serve-method": "direct", "serve-recipient": "张三"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.EXECUTING

    payment = {"paid_on": "2026-06-01", "amount": "9000", "channel": "bank", "bank": BANK, "receipt_number": "GS-9"}
    refused_ = api(team.officer1).post(f"/api/v1/cases/{case.pk}/transitions/record_payment/", payment, format="json")
    assert refused_.status_code == 409
    assert refused_.json()["reasons"][0]["code"] == "amount_exceeds_owed"
    paid = api(team.officer1).post(
        f"/api/v1/cases/{case.pk}/transitions/record_payment/", {**payment, "amount": "8000"}, format="json"
    )
    assert paid.status_code == 200
    assert last_event(case, "record_payment").payload["paid_in_full"] is True


def test_the_instalment_plan_is_typed_one_line_a_part(team):
    from cases.forms.execution import ArrangementForm

    form = ArrangementForm(
        {
            "kind": "instalments",
            "applied_on": "2026-06-01",
            "reason": "资金周转困难",
            "instalments": "2026-07-01 3000\n2026-08-01，3000.5",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["instalments"] == [(d(7, 1), Decimal("3000.00")), (d(8, 1), Decimal("3000.50"))]
    bad = ArrangementForm(
        {"kind": "instalments", "applied_on": "2026-06-01", "reason": "x", "instalments": "七月 3000"}
    )
    assert not bad.is_valid()
    assert "第1行" in bad.errors["instalments"][0]


def test_the_case_file_in_the_api_shows_service_payments_and_what_is_owed(team, api):
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("8000"))
    team.notify(case)
    team.waive(case)
    deciding.decide_case(
        case=case, actor=team.head.user, outcome="penalty", decided_on=timezone.localdate(),
        decided_penalty_kinds=["fine"], decided_fine_amount=Decimal("8000"),
    )  # fmt: skip

    body = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()

    assert body["execution"]["fine"] == "8000.00"
    assert body["execution"]["outstanding"] == "8000.00"
    assert body["execution"]["services"] == []
    assert body["execution"]["payment_due_on"] is None  # the 15 days run from service


# --- one registry: every reason, with its article; the refused attempt recorded -----------------------------------


def test_a_refused_execution_action_reports_every_reason_and_records_the_attempt(team):
    case = serve(team, decided(team))  # served 1 June: the fine is not due before 16 June

    reasons = refused(
        svc.issue_reminder,
        case=case,
        actor=team.officer3.user,  # an officer of the agency, not a handler of the case
        issued_on=d(6, 2),
        performance_deadline=d(6, 1),
        manner=" ",
    )

    assert [(r.code, r.article) for r in reasons] == [
        ("not_handler_or_head", ""),
        ("date_in_future", f"{CL}第三十五条"),
        ("not_yet_overdue", ART_72),
        ("deadline_before_issue", f"{CL}第三十五条"),
        ("manner_missing", f"{CL}第三十五条"),
    ]
    attempt = CaseEvent.objects.filter(case=case, event_type="attempt_refused").order_by("-seq").first()
    assert attempt.name == "issue_reminder"
    assert [r["code"] for r in attempt.payload["reasons"]] == codes(reasons)
    assert not case.reminders.exists()


def test_each_execution_action_is_declared_once_in_the_registry():
    from cases import registry

    names = {
        "record_handover": "execution",
        "approve_arrangement": "execution",
        "file_remedy": "execution",
        "record_remedy_outcome": "execution",
        "issue_reminder": "execution",
        "serve_reminder": "execution",
        "apply_to_court": "execution",
        "record_court_outcome": "execution",
        "attach_service_receipt": "execution",
        "publish_decision": "publication",
        "withdraw_publication": "publication",
        "serve_document": "documents",
    }
    for name, section in names.items():
        action = registry.action_named(name)
        assert (action.section, action.transition) == (section, False), name
    assert registry.action_named("attach_service_receipt").multipart


def test_the_api_runs_the_execution_actions_of_the_registry(team, api):
    case = serve(team, decided(team))

    filed = api(team.officer1).post(
        f"/api/v1/cases/{case.pk}/actions/file_remedy/",
        {"kind": "reconsideration", "filed_on": "2026-06-01", "organ": "包头市人民政府"},
        format="json",
    )
    again = api(team.officer1).post(
        f"/api/v1/cases/{case.pk}/actions/file_remedy/",
        {"kind": "reconsideration", "filed_on": "2026-06-01", "organ": "包头市人民政府"},
        format="json",
    )

    assert filed.status_code == 200
    assert (again.status_code, again.json()["reasons"][0]["code"]) == (409, "remedy_pending")
    steps = {a["name"]: a for a in api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json().get("actions", [])}
    if steps:  # the case file lists the actions beside the transitions
        assert steps["record_remedy_outcome"]["allowed"] and not steps["file_remedy"]["allowed"]


# --- the dates each step is checked against (each a named guard with its article) ---------------------------------


def test_a_payment_lies_between_the_decision_and_today(team):
    case = serve(team, decided(team))
    early = refused(pay, team=team, case=case, amount="100", on=d(5, 31))
    late = refused(pay, team=team, case=case, amount="100", on=d(6, 2))
    assert [(r.code, r.article) for r in early + late] == [
        ("date_too_early", f"{APL}第六十七条"),
        ("date_in_future", f"{APL}第六十七条"),
    ]


def test_the_service_date_carries_its_article(team):
    case = decided(team)
    assert [r.article for r in refused(serve, team=team, case=case, on=d(5, 31))] == [ART_61]


def test_an_arrangement_is_applied_for_after_the_decision(team):
    case = serve(team, decided(team))
    deferral = {"kind": "deferral", "reason": "经营困难。", "deferred_until": d(8, 31)}
    early = refused(svc.approve_arrangement, case=case, actor=team.head.user, applied_on=d(5, 31), **deferral)
    future = refused(svc.approve_arrangement, case=case, actor=team.head.user, applied_on=d(6, 2), **deferral)
    assert [(r.code, r.article) for r in early + future] == [("date_too_early", ART_66), ("date_in_future", ART_66)]


def test_a_remedy_is_filed_after_the_decision_and_posted_before_it_arrives(team):
    case = serve(team, decided(team))
    filing = {"case": case, "actor": team.officer1.user, "kind": "reconsideration", "organ": "包头市人民政府"}

    assert [(r.code, r.article) for r in refused(svc.file_remedy, filed_on=d(5, 31), **filing)] == [
        ("date_too_early", RL_20)
    ]
    assert codes(refused(svc.file_remedy, filed_on=d(6, 2), **filing)) == ["date_in_future"]
    assert codes(refused(svc.file_remedy, filed_on=d(6, 1), posted_on=d(5, 31), **filing)) == ["date_too_early"]
    posted_late = refused(svc.file_remedy, filed_on=d(6, 1), posted_on=d(6, 2), **filing)
    assert codes(posted_late) == ["date_in_future"]


def test_an_outcome_comes_after_its_filing_and_is_received_after_it_was_made(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 10))
    remedy = svc.file_remedy(
        case=case, actor=team.officer1.user, kind="reconsideration", filed_on=d(6, 5), organ="包头市人民政府"
    )
    outcome = {"remedy": remedy, "actor": team.officer1.user, "outcome": "upheld"}

    assert [(r.code, r.article) for r in refused(svc.record_remedy_outcome, decided_on=d(6, 4), **outcome)] == [
        ("date_too_early", RL_20)
    ]
    assert codes(refused(svc.record_remedy_outcome, decided_on=d(6, 8), received_on=d(6, 7), **outcome)) == [
        "date_too_early"
    ]
    assert codes(refused(svc.record_remedy_outcome, decided_on=d(6, 11), **outcome)) == ["date_in_future"]


def test_a_reminder_follows_the_decision_and_its_service_follows_the_reminder(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 22))
    issue = {"case": case, "actor": team.officer1.user, "performance_deadline": d(7, 10), "manner": f"缴入{BANK}"}
    assert [(r.code, r.article) for r in refused(svc.issue_reminder, issued_on=d(5, 31), **issue)] == [
        ("date_too_early", f"{CL}第三十五条"),
        ("not_yet_overdue", ART_72),
    ]
    reminder = svc.issue_reminder(issued_on=d(6, 22), **issue)
    served_before = refused(
        svc.serve_reminder, reminder=reminder, actor=team.officer1.user, served_on=d(6, 21), method="direct",
        recipient="张三",
    )  # fmt: skip
    assert [(r.code, r.article) for r in served_before] == [("date_too_early", f"{CL}第三十八条")]


def test_a_court_ruling_follows_the_application(team, clock):
    case = serve(team, decided(team))
    remind(team, case, clock)
    clock.move_to(at(2026, 12, 3))
    application = svc.apply_to_court(case=case, actor=team.head.user, filed_on=d(12, 2), court="昆都仑区人民法院")

    reasons = refused(
        svc.record_court_outcome, application=application, actor=team.officer1.user, outcome="granted",
        decided_on=d(12, 1),
    )  # fmt: skip
    assert [(r.code, r.article) for r in reasons] == [("date_too_early", f"{CL}第五十六条")]


# --- the postmark (期间不包括在途时间) -------------------------------------------------------------------------


def test_a_filing_posted_within_its_period_is_within_it(team, clock):
    case = serve(team, decided(team))  # served 1 June: reconsideration within 60 days, to Friday 31 July
    clock.move_to(at(2026, 8, 5))

    remedy = svc.file_remedy(
        case=case, actor=team.officer1.user, kind="reconsideration", filed_on=d(8, 4), posted_on=d(7, 31),
        organ="包头市人民政府",
    )  # fmt: skip

    assert remedy.posted_on == d(7, 31)
    assert last_event(case, "file_remedy").payload["within_period"] is True
    window = due(case, "reconsideration")
    assert (window.due_on, window.met_on, window.met_late) == (d(7, 31), d(7, 31), False)


def test_a_filing_received_after_its_period_without_a_postmark_is_late(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 8, 5))

    svc.file_remedy(
        case=case, actor=team.officer1.user, kind="reconsideration", filed_on=d(8, 4), organ="包头市人民政府"
    )

    assert last_event(case, "file_remedy").payload["within_period"] is False
    assert due(case, "reconsideration").met_late


# --- a missing deadline is a reason, never a cue to count ---------------------------------------------------------


def _forget(case, kind):
    Deadline.objects.filter(case=case, kind=kind).delete()


def test_without_its_stored_deadline_a_guard_refuses(team, clock):
    case = serve(team, decided(team))
    remind(team, case, clock)
    clock.move_to(at(2026, 12, 2))
    _forget(case, "reminder_wait")
    _forget(case, "enforcement_reminder")
    _forget(case, "court_application")

    reasons = refused(svc.apply_to_court, case=case, actor=team.head.user, filed_on=d(12, 2), court="昆都仑区人民法院")

    assert [(r.code, r.article) for r in reasons] == [("deadline_missing", CL_53), ("deadline_missing", CL_54)]
    assert not case.court_applications.exists()


def test_without_the_payment_deadline_nothing_that_counts_the_surcharge_proceeds(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 22))
    _forget(case, "payment")

    issue = {"case": case, "actor": team.officer1.user, "issued_on": d(6, 22), "performance_deadline": d(7, 3)}
    assert codes(refused(svc.issue_reminder, manner="缴入指定银行", **issue)) == ["deadline_missing"]
    assert codes(refused(pay, team=team, case=case, amount="100")) == ["deadline_missing"]


# --- the case file (API) ----------------------------------------------------------------------------------------


def test_the_case_file_shows_every_record_of_execution_with_its_clocks(team, api, client, clock, local_storage):
    case = serve(team, decided(team))  # served 1 June
    attach_receipt(team, case)
    pay(team, case, "2000")
    svc.approve_arrangement(
        case=case, actor=team.head.user, kind="instalments", applied_on=d(6, 1), reason="资金周转困难。",
        instalments=[(d(7, 1), Decimal("3000")), (d(8, 1), Decimal("3000"))],
    )  # fmt: skip
    remedy = svc.file_remedy(
        case=case, actor=team.officer1.user, kind="reconsideration", filed_on=d(6, 1), posted_on=d(6, 1),
        organ="包头市人民政府",
    )  # fmt: skip
    clock.move_to(at(2026, 6, 30))
    svc.record_remedy_outcome(remedy=remedy, actor=team.officer1.user, outcome="upheld", decided_on=d(6, 29))
    clock.move_to(at(2026, 7, 3))
    reminder = svc.issue_reminder(
        case=case, actor=team.officer1.user, issued_on=d(7, 3), performance_deadline=d(7, 17), manner="缴入指定银行"
    )
    svc.serve_reminder(
        reminder=reminder, actor=team.officer1.user, served_on=d(7, 3), method="direct", recipient="张三"
    )

    record = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()["execution"]

    decision = case.documents.get(kind="penalty_decision")
    (served,) = record["services"][:1]
    assert {k: served[k] for k in ("document", "document_number", "method", "served_on", "recipient")} == {
        "document": "行政处罚决定书",
        "document_number": decision.number,
        "method": "direct",
        "served_on": "2026-06-01",
        "recipient": "张三",
    }
    assert (served["due_on"], served["late"], served["receipt"]) == ("2026-06-10", False, True)
    assert [(p["paid_on"], p["amount"], p["bank"]) for p in record["payments"]] == [("2026-06-01", "2000.00", BANK)]
    assert record["arrangement"]["kind"] == "instalments"
    assert record["arrangement"]["instalments"] == [
        {"due_on": "2026-07-01", "amount": "3000.00"},
        {"due_on": "2026-08-01", "amount": "3000.00"},
    ]
    assert [(r["kind"], r["posted_on"], r["outcome"], r["decided_on"]) for r in record["remedies"]] == [
        ("reconsideration", "2026-06-01", "upheld", "2026-06-29")
    ]
    (letter,) = record["reminders"]
    assert (letter["issued_on"], letter["served_on"]) == ("2026-07-03", "2026-07-03")
    assert letter["wait"]["due_on"] == due(case, "reminder_wait", reminder.pk).due_on.isoformat()
    assert record["court_applications"] == []
    assert record["court_application_window"]["due_on"] == due(case, "court_application").due_on.isoformat()
    assert (record["fine"], record["gains"], record["paid"]) == ("8000.00", "0.00", "2000.00")
    assert record["payment_due_on"] == "2026-06-16"  # the day the decision set, before the instalments
    assert Decimal(record["owed"]) == Decimal(record["fine"]) + Decimal(record["surcharge"])
    assert Decimal(record["outstanding"]) == Decimal(record["owed"]) - Decimal(record["paid"])

    # The page shows the same records and the same days.
    page = login(client, team.officer1).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'data-reminder="{reminder.pk}"' in page and f'data-remedy="{remedy.pk}"' in page
    assert f"{due(case, 'reminder_wait', reminder.pk).due_on:%Y-%m-%d}后可申请强制执行" in page
    # The reminder is served; the application is the head's to sign.
    assert 'data-step="serve_reminder"' not in page and 'data-step="apply_to_court"' not in page


def test_money_collected_on_water_is_due_at_the_agency_two_working_days_after_landing(team, clock):
    case = serve(team, decided(team))
    remote = {"channel": "on_spot", "on_spot_ground": "remote", "on_spot_reason": "黄河水面，渡船上。"}
    pay(team, case, "8000", receipt="财政票据-0009", party_requested=True, on_water=True, **remote)
    payment = Payment.objects.get(case=case)
    assert due(case, "collection_handover", payment.pk) is None  # on water: not before landing (第七十一条)
    clock.move_to(at(2026, 6, 5))

    refused_ = refused(svc.record_handover, payment=payment, actor=team.officer1.user, handed_to_agency_on=d(6, 5))
    assert codes(refused_) == ["landing_missing"]
    svc.record_handover(payment=payment, actor=team.officer1.user, landed_on=d(6, 3))
    assert codes(refused(svc.record_handover, payment=payment, actor=team.officer1.user, landed_on=d(6, 4))) == [
        "already_landed"
    ]

    handover = due(case, "collection_handover", payment.pk)
    assert (handover.starts_on, handover.due_on, handover.outcome) == (d(6, 3), d(6, 5), "open")
    html = render_to_string(
        "cases/partials/execution.html", {"execution_section": execution_section(case, officer=team.officer1)}
    )
    assert "应于2026-06-05前交至机关" in html
    svc.record_handover(payment=payment, actor=team.officer1.user, handed_to_agency_on=d(6, 5))
    handover.refresh_from_db()
    assert (handover.met_on, handover.met_late) == (d(6, 5), False)
