"""The agency correcting its own decision (行政处罚法 第七十五条第二款), the withdrawal of what was published within
3 working days (第四十八条第二款、第八十五条), a lawful decision not to publish (第五十条; 政府信息公开条例 第十四条至
第十六条) and a decision revoked, confirmed unlawful or void never published again.

The clock is frozen from Monday 2026-06-01 09:00 (Asia/Shanghai), as in ``test_publication``; the decisions are made
that day, so their 7 working days to publish end on Wednesday 2026-06-10.
"""

from decimal import Decimal

from cases.guards.execution import ledger_of
from cases.models import CaseEvent, DecisionCorrection
from cases.services import execution as svc
from deadlines.choices import Outcome
from deadlines.models import Deadline
from tests.cases.test_execution import at, clock, codes, d, refused, team
from tests.cases.test_publication import decided, publish, revoke, serve, withdraw

ART_48_2 = "《中华人民共和国行政处罚法》第四十八条第二款"
ART_75_2 = "《中华人民共和国行政处罚法》第七十五条第二款"
__all__ = ["clock", "team"]  # fixtures shared with test_execution


def correct(team, case, *, outcome="revoked", on=None, by=None, reasons="处罚决定适用法律错误。", **fields):
    return svc.correct_decision(
        case=case,
        actor=(by or team.head).user,
        outcome=outcome,
        decided_on=on or d(6, 1),
        reasons=reasons,
        **fields,
    )


def withhold(team, case, *, by=None, reason="trade_secret_or_privacy", detail="决定书载有当事人的配方工艺。", on=None):
    return svc.decide_not_to_publish(
        case=case, actor=(by or team.head).user, decided_on=on or d(6, 1), reason=reason, detail=detail
    )


def last_event(case, name):
    return CaseEvent.objects.filter(case=case, name=name).order_by("-seq").first()


# --- 自行纠正 (第七十五条第二款) ---------------------------------------------------------------------------------


def test_a_revocation_of_the_published_decision_opens_the_three_working_day_withdrawal(team, clock):
    case = serve(team, decided(team))
    item = publish(team, case)
    clock.move_to(at(2026, 9, 1))

    correction = correct(team, case, on=d(8, 28))  # Friday

    assert (correction.outcome, correction.decided_by, correction.reasons) == (
        "revoked",
        team.head.user,
        "处罚决定适用法律错误。",
    )
    payload = last_event(case, "correct_decision").payload
    assert (payload["correction"], payload["outcome"], payload["withdraws_publication"]) == (
        correction.pk,
        "revoked",
        True,
    )
    deadline = Deadline.objects.get(case=case, kind="publication_withdrawal")
    assert (deadline.due_on, deadline.outcome) == (d(9, 2), Outcome.OPEN)  # 3 working days after Friday 28 August

    withdraw(team, item, on=d(9, 1), reason="本机关已自行撤销该处罚决定。")

    deadline.refresh_from_db()
    assert (deadline.outcome, deadline.met_on, deadline.met_late) == (Outcome.MET, d(9, 1), False)


def test_a_revocation_leaves_nothing_to_pay_and_ends_the_payment_clock(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 5))

    correct(team, case, on=d(6, 5))

    led = ledger_of(case, on=d(6, 30))
    assert (led.revoked, led.nothing_to_pay, led.outstanding) == (True, True, Decimal("0"))
    payment = Deadline.objects.get(case=case, kind="payment")
    assert (payment.outcome, payment.end_note) == (Outcome.ENDED, "本机关已自行撤销决定")


def test_a_change_sets_the_fine_owed_and_withdraws_what_was_published(team, clock):
    case = serve(team, decided(team))
    first = publish(team, case)
    clock.move_to(at(2026, 6, 3))

    correct(team, case, outcome="changed", on=d(6, 3), changed_fine_amount=Decimal("5000"))

    assert ledger_of(case, on=d(6, 3)).fine == Decimal("5000")
    assert Deadline.objects.get(case=case, kind="publication_withdrawal").due_on == d(6, 8)
    withdraw(team, first, on=d(6, 3), reason="本机关变更了处罚决定。")
    assert publish(team, case, on=d(6, 3)).live  # the changed decision may be published as changed


def test_a_correction_without_a_live_publication_opens_no_withdrawal(team):
    case = serve(team, decided(team))

    correct(team, case, outcome="changed", changed_fine_amount=Decimal("5000"))

    assert last_event(case, "correct_decision").payload["withdraws_publication"] is False
    assert not Deadline.objects.filter(case=case, kind="publication_withdrawal").exists()


def test_a_change_never_burdens_the_party_more(team):
    case = serve(team, decided(team))

    heavier = refused(correct, team=team, case=case, outcome="changed", changed_fine_amount=Decimal("9000"))
    missing = refused(correct, team=team, case=case, outcome="changed")

    assert codes(heavier) == ["changed_heavier"] and heavier[0].article == ART_75_2
    assert codes(missing) == ["changed_amount_missing"]
    assert not DecisionCorrection.objects.filter(case=case).exists()


def test_no_fine_is_added_to_a_decision_that_had_none(team):
    case = serve(team, decided(team, warning=True))

    reasons = refused(correct, team=team, case=case, outcome="changed", changed_fine_amount=Decimal("100"))

    assert codes(reasons) == ["changed_heavier"]


def test_only_the_head_corrects_with_the_reasons_stated(team):
    case = serve(team, decided(team))

    by_handler = refused(correct, team=team, case=case, by=team.officer1)
    no_reasons = refused(correct, team=team, case=case, reasons="  ")

    assert codes(by_handler) == ["not_agency_head"] and by_handler[0].article == ART_75_2
    assert codes(no_reasons) == ["correction_reasons_missing"]


def test_a_revoked_decision_is_not_corrected_again(team):
    case = serve(team, decided(team))
    correct(team, case)

    assert codes(refused(correct, team=team, case=case)) == ["decision_revoked"]


def test_nothing_is_corrected_before_the_decision(team):
    case = team.open_and_file()
    assert "wrong_state" in codes(refused(correct, team=team, case=case))


def test_the_api_corrects_a_decision(team, api):
    case = serve(team, decided(team))
    url = f"/api/v1/cases/{case.pk}/actions/correct_decision/"
    body = {"outcome": "changed", "decided_on": "2026-06-01", "changed_fine_amount": "9000", "reasons": "量罚错误。"}

    refused_ = api(team.head).post(url, body, format="json")
    done = api(team.head).post(url, {**body, "changed_fine_amount": "6000"}, format="json")

    assert refused_.status_code == 409
    assert [r["code"] for r in refused_.json()["reasons"]] == ["changed_heavier"]
    assert done.status_code in (200, 201)
    assert case.corrections.get().changed_fine_amount == Decimal("6000")


# --- 不予公开 (第五十条; 政府信息公开条例) --------------------------------------------------------------------------


def test_a_lawful_decision_not_to_publish_ends_the_publication_clock_so_it_is_never_overdue(team, clock):
    case = decided(team)

    withheld = withhold(team, case)

    assert (withheld.reason, withheld.detail, withheld.decided_by) == (
        "trade_secret_or_privacy",
        "决定书载有当事人的配方工艺。",
        team.head.user,
    )
    deadline = Deadline.objects.get(case=case, kind="publication")
    assert (deadline.outcome, deadline.end_note) == (Outcome.ENDED, "本机关依法决定不予公开")
    assert not Deadline.objects.overdue_on(d(6, 30)).filter(case=case, kind="publication").exists()
    assert last_event(case, "decide_not_to_publish").payload["reason"] == "trade_secret_or_privacy"


def test_a_withheld_decision_is_not_published(team):
    case = decided(team)
    withhold(team, case)

    assert codes(refused(publish, team=team, case=case)) == ["decided_not_to_publish"]
    assert codes(refused(withhold, team=team, case=case)) == ["decided_not_to_publish"]


def test_not_publishing_is_the_heads_with_its_reason(team):
    case = decided(team)

    assert codes(refused(withhold, team=team, case=case, by=team.officer1)) == ["not_agency_head"]
    assert codes(refused(withhold, team=team, case=case, detail="")) == ["non_publication_reason_missing"]


def test_what_was_published_is_withdrawn_before_it_is_withheld(team):
    case = decided(team)
    item = publish(team, case)

    assert codes(refused(withhold, team=team, case=case)) == ["published_not_withdrawn"]
    withdraw(team, item, reason="涉及个人隐私，依法不予公开。")
    assert withhold(team, case).pk


# --- never published again (第四十八条第二款) ---------------------------------------------------------------------


def test_a_decision_confirmed_unlawful_is_not_published_again(team, clock):
    case = serve(team, decided(team))
    item = publish(team, case)
    revoke(team, case, clock, outcome="confirmed_unlawful")
    withdraw(team, item, on=d(9, 1), reason="行政处罚决定已被确认违法。")

    reasons = refused(publish, team=team, case=case, on=d(9, 1))

    assert codes(reasons) == ["decision_confirmed_unlawful"] and reasons[0].article == ART_48_2


def test_a_decision_confirmed_unlawful_before_publication_is_not_due_for_it(team, clock):
    case = serve(team, decided(team))
    revoke(team, case, clock, outcome="confirmed_unlawful")

    deadline = Deadline.objects.get(case=case, kind="publication")
    assert (deadline.outcome, deadline.end_note) == (Outcome.ENDED, "决定已被撤销、确认违法或者确认无效")


def test_a_decision_the_agency_revoked_is_not_published_again(team, clock):
    case = serve(team, decided(team))
    item = publish(team, case)
    correct(team, case)
    withdraw(team, item, reason="本机关已自行撤销该处罚决定。")

    assert codes(refused(publish, team=team, case=case)) == ["decision_revoked"]
    assert Deadline.objects.get(case=case, kind="publication").outcome == Outcome.MET
