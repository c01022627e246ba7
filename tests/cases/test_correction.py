"""责令改正 / 责令限期改正 (行政处罚法 第二十八条第一款): the order with the period the officer sets, the
责令改正通知书 it issues, the period on the one clock from the notice's service, the re-inspection and the refusal —
and the fine a provision gives only to a party who does not correct (食品安全法 第一百二十六条: 拒不改正的，处……
罚款), refused until the file shows that failure."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.models import CorrectionOrder
from cases.services import correction as svc
from cases.services import lifecycle
from cases.services.runner import TransitionBlocked
from deadlines.models import Deadline
from deadlines.selectors import deadline_of
from documents.actions import serve_document
from documents.models import Document
from kernel.rules import ART_28, ActionRefused
from tests.matters.factories import LegalProvisionFactory

pytestmark = pytest.mark.django_db

SH = ZoneInfo("Asia/Shanghai")
D = datetime.date
FSL_126 = "第一百二十六条第一款第（六）项"
SEPT_1 = D(2026, 9, 1)


@pytest.fixture(autouse=True)
def _strict_deadlines(settings):
    settings.DEADLINES_STRICT = True


@pytest.fixture
def clock():
    """Frozen at 2026-09-01 (a Tuesday) 18:00 Shanghai time; ``clock.move_to(moment)`` moves it."""
    with time_machine.travel(datetime.datetime(2026, 9, 1, 18, tzinfo=SH), tick=False) as traveller:
        yield traveller


@pytest.fixture
def conditional(team):
    """The team's matter fines like 食品安全法 第一百二十六条: only 拒不改正的."""
    team.matter.penalty_provision = LegalProvisionFactory(
        law="中华人民共和国食品安全法",
        article=FSL_126,
        text="……责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；……",
    )
    team.matter.conditional_on_failure_to_correct = "拒不改正的，处五千元以上五万元以下罚款"
    team.matter.save()
    return team.matter


@pytest.fixture
def case(team, clock):
    return team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))


def order(team, case, *, count=5, unit="working_days", ordered_on=SEPT_1) -> CorrectionOrder:
    return svc.order_correction(
        case=case,
        actor=team.officer1.user,
        content="立即停止安排未取得健康证明的人员从事接触直接入口食品的工作，并为其办理健康证明。",
        period_count=count,
        period_unit=unit,
        ordered_on=ordered_on,
    )


def serve_notice(team, case, served_on=SEPT_1):
    notice = Document.objects.filter(case=case, kind="correction_notice").latest("pk")
    return serve_document(
        case=case, actor=team.officer1.user, document=notice, served_on=served_on, method="direct", recipient="张三"
    )


def reinspect(team, case, row, *, on, corrected=False, note="复查时该人员仍在操作间分装熟食，未取得健康证明。"):
    return svc.record_reinspection(
        case=case, actor=team.officer1.user, correction_order=row, inspected_on=on, corrected=corrected, note=note
    )


def refused(call, *args, **kwargs) -> list[tuple[str, str]]:
    with pytest.raises(ActionRefused) as blocked:
        call(*args, **kwargs)
    return [(r.code, r.article) for r in blocked.value.reasons]


FINE_REFUSED = ("fine_needs_failure_to_correct", f"{ART_28}；《中华人民共和国食品安全法》{FSL_126}")


def test_a_conditional_fine_is_refused_without_an_order_and_the_refusal_quotes_the_provision(team, conditional, case):
    with pytest.raises(ActionRefused) as blocked:
        team.conclude(case)

    (reason,) = blocked.value.reasons
    assert (reason.code, reason.article) == FINE_REFUSED
    assert "“拒不改正的，处五千元以上五万元以下罚款”" in reason.detail
    case.refresh_from_db()
    assert case.status == "investigating"


def test_a_warning_under_the_same_provision_needs_no_failure_to_correct(team, conditional, case):
    team.conclude(case, penalty_kinds=["warning"], fine_amount=None)

    case.refresh_from_db()
    assert case.status == "investigated"


def test_a_fine_given_together_with_the_order_is_not_held_back(team, case):
    """大气污染防治法 第一百一十八条第一款 (责令改正，处……罚款): not marked, the fine is proposed at once."""
    assert team.matter.conditional_on_failure_to_correct == ""

    team.conclude(case)

    case.refresh_from_db()
    assert case.status == "investigated"


def test_the_order_issues_its_notice_and_its_period_runs_from_service_in_working_days(team, case, clock):
    row = order(team, case, count=5, unit="working_days")

    notice = Document.objects.get(case=case, kind="correction_notice")
    assert notice.number == f"{team.agency.short_name}责改〔2026〕1号"
    assert notice.snapshot["data"]["period"] == "5个工作日"
    assert not Deadline.objects.filter(case=case, kind="correction").exists()  # nothing runs before service

    clock.move_to(datetime.datetime(2026, 9, 2, 18, tzinfo=SH))
    serve_notice(team, case, served_on=D(2026, 9, 2))

    row.refresh_from_db()
    assert row.served_on == D(2026, 9, 2)
    deadline = deadline_of(case.pk, "correction", ref=str(row.pk))
    # 5 working days from Wednesday 2026-09-02: Thu 3, Fri 4, Mon 7, Tue 8, Wed 9.
    assert (deadline.unit, deadline.count, deadline.starts_on, deadline.due_on) == (
        "working_days",
        5,
        D(2026, 9, 2),
        D(2026, 9, 9),
    )


def test_a_period_in_calendar_days_is_counted_as_such(team, case):
    row = order(team, case, count=10, unit="calendar_days")
    serve_notice(team, case)

    deadline = deadline_of(case.pk, "correction", ref=str(row.pk))
    assert (deadline.unit, deadline.due_on) == ("calendar_days", D(2026, 9, 11))


def test_no_reinspection_or_refusal_before_the_notice_is_served(team, case):
    row = order(team, case)

    assert refused(reinspect, team, case, row, on=D(2026, 9, 1)) == [("correction_notice_not_served", ART_28)]
    assert refused(
        svc.record_refusal_to_correct,
        case=case,
        actor=team.officer1.user,
        correction_order=row,
        refused_on=D(2026, 9, 1),
        note="当事人表示不改正。",
    ) == [("correction_notice_not_served", ART_28)]


def test_a_reinspection_rests_on_evidence(team, case):
    row = order(team, case)
    serve_notice(team, case)

    assert refused(reinspect, team, case, row, on=D(2026, 9, 1), note="") == [("reinspection_without_evidence", ART_28)]


def test_the_fine_waits_until_a_reinspection_after_the_period_finds_no_correction(team, conditional, case, clock):
    row = order(team, case, count=5, unit="working_days")
    serve_notice(team, case)  # Tuesday 2026-09-01: the period ends Tuesday 2026-09-08

    clock.move_to(datetime.datetime(2026, 9, 8, 18, tzinfo=SH))
    reinspect(team, case, row, on=D(2026, 9, 8))  # on the last day: the party still has it
    assert refused(team.conclude, case) == [FINE_REFUSED]
    assert deadline_of(case.pk, "correction", ref=str(row.pk)).outcome == "ended"

    second = order(team, case, count=5, unit="working_days", ordered_on=D(2026, 9, 8))
    serve_notice(team, case, served_on=D(2026, 9, 8))  # ends Tuesday 2026-09-15
    clock.move_to(datetime.datetime(2026, 9, 16, 18, tzinfo=SH))
    reinspect(team, case, second, on=D(2026, 9, 16))

    team.conclude(case, fine_amount=Decimal("8000"))
    case.refresh_from_db()
    assert case.status == "investigated"


def test_a_corrected_order_meets_its_period_and_leaves_the_fine_refused(team, conditional, case, clock):
    row = order(team, case)
    serve_notice(team, case)
    clock.move_to(datetime.datetime(2026, 9, 10, 18, tzinfo=SH))

    reinspect(team, case, row, on=D(2026, 9, 10), corrected=True, note="该人员已取得健康证明。")

    deadline = deadline_of(case.pk, "correction", ref=str(row.pk))
    assert (deadline.outcome, deadline.met_on) == ("met", D(2026, 9, 10))
    assert refused(team.conclude, case) == [FINE_REFUSED]


def test_a_recorded_refusal_lets_the_fine_be_proposed(team, conditional, case):
    row = order(team, case)
    serve_notice(team, case)

    svc.record_refusal_to_correct(
        case=case,
        actor=team.officer1.user,
        correction_order=row,
        refused_on=D(2026, 9, 1),
        note="当事人当场表示拒不改正，执法人员在笔录中注明，当事人拒绝签名。",
    )

    row.refresh_from_db()
    assert row.refused_on == D(2026, 9, 1)
    assert deadline_of(case.pk, "correction", ref=str(row.pk)).outcome == "ended"
    team.conclude(case)
    case.refresh_from_db()
    assert case.status == "investigated"


def test_the_actions_are_on_the_api(team, case, api):
    client = api(team.officer1)
    url = f"/api/v1/cases/{case.pk}/actions/order_correction/"

    response = client.post(
        url,
        {"content": "停止违法行为", "period_count": 3, "period_unit": "working_days", "ordered_on": "2026-09-01"},
        format="json",
    )

    assert response.status_code in (200, 201), response.content
    assert CorrectionOrder.objects.filter(case=case, period_count=3).exists()
    assert api(team.outsider).post(url, {}, format="json").status_code == 404


def test_the_order_is_given_once_the_case_is_filed_its_notice_carrying_a_number(team, clock):
    """The 责令改正通知书 is numbered like every document of the case, which needs the case filed (第五十四条)."""
    case = team.open(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))

    assert refused(order, team, case) == [("wrong_state", "")]
    assert not CorrectionOrder.objects.exists()


def test_the_case_page_shows_the_order_its_stored_last_day_and_the_steps_this_officer_may_take(team, case, client):
    client.force_login(team.officer1.user)
    assert 'id="correction-order_correction"' in client.get(f"/cases/{case.pk}/").content.decode()

    row = order(team, case, count=5, unit="working_days")
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'data-correction="{row.pk}"' in page
    assert 'id="correction-record_reinspection"' not in page  # the notice is not served yet

    serve_notice(team, case)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "至2026-09-08" in page  # the stored deadline, not a count of the page's own
    assert 'id="correction-record_reinspection"' in page
    assert 'id="correction-record_refusal_to_correct"' in page


def test_an_order_posted_from_the_page_runs_the_same_action(team, case, client):
    client.force_login(team.officer1.user)
    data = {
        "order_correction-content": "停止违法行为",
        "order_correction-period_count": "10",
        "order_correction-period_unit": "calendar_days",
        "order_correction-ordered_on": "2026-09-01",
    }

    response = client.post(f"/cases/{case.pk}/actions/order_correction/", data)

    assert response.status_code in (302, 303), response.content.decode()[:2000]
    assert CorrectionOrder.objects.get(case=case).period_text == "10日"


def test_the_reinspection_is_recorded_through_the_api_with_its_result(team, case, api, clock):
    row = order(team, case)
    serve_notice(team, case)
    clock.move_to(datetime.datetime(2026, 9, 9, 18, tzinfo=SH))
    url = f"/api/v1/cases/{case.pk}/actions/record_reinspection/"
    data = {"correction_order": row.pk, "inspected_on": "2026-09-09", "corrected": "no", "note": "仍未改正"}

    response = api(team.officer1).post(url, data, format="json")

    assert response.status_code in (200, 201), response.content
    row.refresh_from_db()
    assert (row.inspected_on, row.corrected) == (D(2026, 9, 9), False)
    assert api(team.officer1).post(url, data, format="json").status_code == 400  # settled: no longer offered
    # The case file shows the order with the stored last day and the re-inspection (an API-only client reads it).
    [shown] = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()["correction_orders"]
    assert (shown["id"], shown["due_on"], shown["inspected_on"], shown["corrected"]) == (
        row.pk,
        "2026-09-08",
        "2026-09-09",
        False,
    )


# --- every penalty decision carries the order to correct (第二十八条第一款) -----------------------------------------


def _decide_fine(team, case):
    team.notify(case)
    team.waive(case)
    return team.decide(case)


def test_a_penalty_decision_without_an_order_to_correct_or_an_ended_violation_is_refused(team, case):
    team.conclude(case, correction="")

    with pytest.raises(TransitionBlocked) as refused:
        _decide_fine(team, case)

    assert [(r.code, r.article) for r in refused.value.reasons] == [("correction_not_ordered", ART_28)]
    case.refresh_from_db()
    assert case.status == "notified"


def test_the_decision_carries_the_order_the_report_states(team, case):
    team.conclude(case, correction="立即停止销售超过保质期的食品")

    decided = _decide_fine(team, case)

    context = decided.documents.get(kind="penalty_decision").snapshot["data"]
    assert decided.status == "decided" and context["correction"] == "立即停止销售超过保质期的食品"


def test_an_order_given_by_notice_or_a_violation_that_ended_needs_no_order_in_the_decision(team, case, clock):
    order(team, case)
    team.conclude(case, correction="")
    assert _decide_fine(team, case).status == "decided"

    other = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))
    team.conclude(other, correction="", violation_ended="当事人已于2026年8月20日停止经营并注销营业执照。")
    assert _decide_fine(team, other).status == "decided"


def test_an_on_the_spot_decision_carries_the_order_or_the_end_of_the_violation(team):
    spot = {
        "actor": team.officer1.user,
        "penalty_kinds": ["warning"],
        "fine_amount": None,
        "legal_basis": "《中华人民共和国价格法》第四十二条",
        "place": "包头市九原区赛罕路农贸市场12号摊位",
    }
    case = team.open_on_the_spot()
    with pytest.raises(TransitionBlocked) as refused:
        lifecycle.decide_on_spot(case=case, **spot)
    assert [(r.code, r.article) for r in refused.value.reasons] == [("correction_not_ordered", ART_28)]

    decided = lifecycle.decide_on_spot(case=case, correction="立即对所售商品明码标价", **spot)
    printed = decided.documents.get(kind="on_spot_decision").snapshot["data"]["correction"]
    assert printed == "立即对所售商品明码标价"
    ended = lifecycle.decide_on_spot(case=team.open_on_the_spot(), violation_ended="摊位已于当日撤除。", **spot)
    assert ended.status == "decided"


@pytest.mark.parametrize(("sent", "stored"), [(True, True), (False, False)])
def test_the_api_takes_the_reinspection_result_as_a_json_boolean(team, case, api, clock, sent, stored):
    row = order(team, case)
    serve_notice(team, case)
    clock.move_to(datetime.datetime(2026, 9, 9, 18, tzinfo=SH))
    url = f"/api/v1/cases/{case.pk}/actions/record_reinspection/"
    data = {"correction_order": row.pk, "inspected_on": "2026-09-09", "corrected": sent, "note": "复查情况"}

    response = api(team.officer1).post(url, data, format="json")

    assert response.status_code in (200, 201), response.content
    row.refresh_from_db()
    assert row.corrected is stored


@pytest.mark.parametrize("sent", ["true", "false", 1, 0, "maybe", ["yes"]])
def test_the_api_refuses_a_reinspection_result_that_is_not_a_boolean(team, case, api, clock, sent):
    row = order(team, case)
    serve_notice(team, case)
    clock.move_to(datetime.datetime(2026, 9, 9, 18, tzinfo=SH))
    url = f"/api/v1/cases/{case.pk}/actions/record_reinspection/"
    data = {"correction_order": row.pk, "inspected_on": "2026-09-09", "corrected": sent, "note": "复查情况"}

    response = api(team.officer1).post(url, data, format="json")

    assert response.status_code == 400
    assert "corrected_not_boolean" in [e["code"] for e in response.json()["errors"]["corrected"]]
    row.refresh_from_db()
    assert row.inspected_on is None


def test_the_api_schema_says_the_reinspection_result_is_a_boolean():
    from cases.api.schema import form_schema
    from cases.forms.correction import ReinspectionForm

    assert form_schema(ReinspectionForm)["properties"]["corrected"]["type"] == "boolean"


def test_the_page_form_still_reads_its_choice():
    from cases.forms.correction import ReinspectionForm

    field = ReinspectionForm().fields["corrected"]

    assert (field.clean("yes"), field.clean("no")) == (True, False)
    assert [value for value, _ in field.choices] == ["yes", "no"]
