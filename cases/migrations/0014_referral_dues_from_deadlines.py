"""One clock for the referral of a suspected crime: the due dates ``PoliceReferral`` stored beside its deadlines
(``decision_due`` … ``items_due``, ``provisional_dues``) are dropped — each step's period is a stored deadline
(``deadlines``, the kinds of ``deadlines.kinds.referral``, ``ref`` = the referral's id). Before the columns go, a
step whose due date no deadline holds yet gets its row, with the date as stored (a later recount counts it again
from its start like any other row)."""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

REG = "《行政执法机关移送涉嫌犯罪案件的规定》"
SUPERSEDED = "由新的期限取代"

# step → (kind, column, label, article, bearer, optional) as ``deadlines.kinds.referral`` declared them.
STEPS = {
    "decide_referral": (
        "referral_decision",
        "decision_due",
        "正职负责人决定是否批准移送",
        f"{REG}第五条第二款",
        "agency",
        False,
    ),
    "refer_to_police": (
        "referral_handover",
        "handover_due",
        "向公安机关移送（批准后二十四小时内）",
        f"{REG}第五条第二款",
        "agency",
        False,
    ),
    "record_police_decision": (
        "police_filing_decision",
        "police_decision_due",
        "公安机关作出立案或者不予立案决定",
        f"{REG}第八条",
        "other_organ",
        False,
    ),
    "request_reconsideration": (
        "referral_reconsideration_request",
        "reconsideration_request_due",
        "提请公安机关复议或建议检察院立案监督",
        f"{REG}第九条",
        "agency",
        True,
    ),
    "record_reconsideration_result": (
        "police_reconsideration_answer",
        "reconsideration_answer_due",
        "公安机关作出复议决定",
        f"{REG}第九条",
        "other_organ",
        False,
    ),
    "request_procuratorate_supervision": (
        "procuratorate_request",
        "procuratorate_due",
        "对复议决定有异议的，建议检察院立案监督",
        f"{REG}第九条",
        "agency",
        True,
    ),
    "record_items_handover": (
        "items_handover",
        "items_due",
        "移交涉案物品及有关材料",
        f"{REG}第十二条",
        "agency",
        False,
    ),
}


def _day(moment):
    return timezone.localdate(moment) if moment is not None else None


def _start(r, step):
    """The day the step's three days ran from (``cases.services.referral.common.step_start`` at the time)."""
    if step == "record_items_handover":  # the latest of the answers that can bring the police's filing notice
        return r.procuratorate_result_on or r.reconsideration_answered_on or r.police_notice_received_on
    return {
        "decide_referral": _day(r.submitted_at),
        "refer_to_police": _day(r.decided_at),
        "record_police_decision": r.received_on,
        "request_reconsideration": r.police_notice_received_on,
        "record_reconsideration_result": r.reconsideration_requested_on,
        "request_procuratorate_supervision": r.reconsideration_answered_on,
    }[step]


def _done(r, step):
    """The day the step was taken (None: not taken)."""
    if step == "request_reconsideration":  # the decline's window serves both remedies (第九条)
        direct = r.procuratorate_requested_on if not r.reconsideration_result else None
        return r.reconsideration_requested_on or direct
    return {
        "decide_referral": _day(r.decided_at) if r.approved is not None else None,
        "refer_to_police": _day(r.handed_over_at),
        "record_police_decision": r.police_decided_on if r.police_decision else None,
        "record_reconsideration_result": r.reconsideration_answered_on if r.reconsideration_result else None,
        "request_procuratorate_supervision": r.procuratorate_requested_on,
        "record_items_handover": r.items_handed_over_on,
    }[step]


def _still_due(r, step):
    if step == "record_items_handover":
        return True  # 第十二条: due once the police opened a case, though the referral has ended
    if step == "decide_referral":
        return r.approved is None
    return r.approved is not False and not r.closed_by_police_acceptance and not r.finally_declined_at


def carry_over(apps, schema_editor):
    Deadline = apps.get_model("deadlines", "Deadline")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    PoliceReferral = apps.get_model("cases", "PoliceReferral")
    for r in PoliceReferral.objects.order_by("pk").iterator():
        ref = str(r.pk)
        for step, (kind, column, label, article, bearer, optional) in STEPS.items():
            due = getattr(r, column)
            if due is None or Deadline.objects.filter(case_id=r.case_id, kind=kind, ref=ref).exists():
                continue
            if step == "request_procuratorate_supervision" and r.reconsideration_result != "upheld":
                continue  # straight after the decline it was the decline's window (request_reconsideration)
            hours = step == "refer_to_police"
            starts_at = r.decided_at if hours else None
            starts_on = _start(r, step) or _day(r.submitted_at)
            done = _done(r, step)
            outcome = "met" if done else ("open" if _still_due(r, step) else "ended")
            opened_by = (
                CaseEvent.objects.filter(case_id=r.case_id, payload__referral=r.pk, payload__next__step=step)
                .order_by("-seq")
                .first()
            )
            Deadline.objects.create(
                case_id=r.case_id,
                kind=kind,
                label=label,
                legal_basis=article,
                bearer=bearer,
                watched=bearer != "party" and not optional,
                ref=ref,
                unit="hours" if hours else ("working_days" if r.working_days else "calendar_days"),
                count=24 if hours else 3,
                roll=True,
                starts_on=starts_on,
                starts_at=starts_at,
                due_on=_day(due) if hours else due,
                due_at=due if hours else None,
                provisional=step in (r.provisional_dues or []),
                outcome=outcome,
                met_on=done,
                opened_by=opened_by,
            )


def refill(apps, schema_editor):
    """Backwards: the columns come back filled from the stored deadlines (the decision's never empty)."""
    Deadline = apps.get_model("deadlines", "Deadline")
    PoliceReferral = apps.get_model("cases", "PoliceReferral")
    for r in PoliceReferral.objects.order_by("pk").iterator():
        rows = {}
        counting = Deadline.objects.filter(case_id=r.case_id, ref=str(r.pk)).exclude(end_note=SUPERSEDED)
        for row in counting.order_by("pk"):
            rows[row.kind] = row  # the latest of each kind counts
        provisional = []
        for step, (kind, column, *_rest) in STEPS.items():
            row = rows.get(kind)
            if row is None:
                continue
            setattr(r, column, row.due_at if step == "refer_to_police" else row.due_on)
            if row.provisional:
                provisional.append(step)
        if r.decision_due is None:
            r.decision_due = _day(r.submitted_at)
        if r.reconsideration_result != "upheld":
            r.procuratorate_due = r.reconsideration_request_due
        r.provisional_dues = provisional
        r.save()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_execution_clocks_from_deadlines"),
        ("deadlines", "0006_limitation_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        # Nullable first, so that going back re-adds it empty and ``refill`` fills it before it is required.
        migrations.AlterField(
            model_name="policereferral", name="decision_due", field=models.DateField("审批期限", null=True)
        ),
        migrations.RunPython(migrations.RunPython.noop, refill),
        migrations.RemoveField(model_name="policereferral", name="decision_due"),
        migrations.RemoveField(model_name="policereferral", name="handover_due"),
        migrations.RemoveField(model_name="policereferral", name="items_due"),
        migrations.RemoveField(model_name="policereferral", name="police_decision_due"),
        migrations.RemoveField(model_name="policereferral", name="procuratorate_due"),
        migrations.RemoveField(model_name="policereferral", name="provisional_dues"),
        migrations.RemoveField(model_name="policereferral", name="reconsideration_answer_due"),
        migrations.RemoveField(model_name="policereferral", name="reconsideration_request_due"),
    ]
