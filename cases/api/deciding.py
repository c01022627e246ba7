"""The records of deciding in the case file (API.md: fields may be added, none renamed)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from rest_framework import serializers

from kernel.money import plain

from ..analysis import analyse_report
from ..guards.execution import CaseClocks, ledger_of
from ..models import Case, ChairRecusal, CollectiveDiscussion, Hearing, InvestigationReport, LegalReview, Notice
from ..selectors import chair_recusals, current_notice, current_report, performances_of
from ..services.deciding import REPORT_FIELDS
from .publication import publication_records


class ProposalSerializer(serializers.ModelSerializer):
    fine_amount = serializers.SerializerMethodField()
    tier = serializers.SerializerMethodField()
    benchmark = serializers.SerializerMethodField()

    class Meta:
        model = InvestigationReport
        fields = ["version", *REPORT_FIELDS, "benchmark", "created_at"]

    def get_fine_amount(self, report: InvestigationReport) -> str | None:
        return plain(report.fine_amount)

    def get_tier(self, report: InvestigationReport) -> str | None:
        return report.tier.level if report.tier else None

    def get_benchmark(self, report: InvestigationReport) -> dict:
        """Where the proposal sits: the statutory range, the tier's range and the position (Art. 34)."""
        analysis = analyse_report(report, on=timezone.localdate())

        def bounds(fine_range):
            return None if fine_range is None else {"min": plain(fine_range.min), "max": plain(fine_range.max)}

        return {
            "title": analysis.benchmark.title if analysis.benchmark else None,
            "statutory_range": bounds(analysis.statutory),
            "tier_range": bounds(analysis.tier_range),
            "position": analysis.position,
            "outside_tier": analysis.outside_tier,
        }


class NoticeSerializer(serializers.ModelSerializer):
    fine_amount = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = [
            "id",
            "served_on",
            "penalty_kinds",
            "fine_amount",
            "hearing_right",
            "statement_due",
            "hearing_request_due",
            "provisional",
        ]

    def get_fine_amount(self, notice: Notice) -> str | None:
        return plain(notice.fine_amount)


def recorder_name(user) -> str | None:
    """Who recorded a row: the officer's name, else the account's (a user without an officer record)."""
    if user is None:
        return None
    officer = getattr(user, "officer", None)  # a missing reverse one-to-one raises an AttributeError
    return officer.name if officer is not None else user.get_username()


class ChairRecusalSerializer(serializers.ModelSerializer):
    """听证主持人回避 (第六十四条第四项): the party's application against the chair and the head's decision; a rejected
    one stays on file."""

    chair = serializers.SerializerMethodField()
    party = serializers.CharField(source="party.name", default=None)
    state = serializers.CharField(read_only=True)
    state_label = serializers.CharField(source="state.label", read_only=True)
    decided_by = serializers.CharField(source="decided_by.name", default=None)
    recorded_by = serializers.SerializerMethodField()

    class Meta:
        model = ChairRecusal
        fields = [
            "id",
            "chair",
            "party",
            "applied_on",
            "grounds",
            "state",
            "state_label",
            "decision",
            "decided_by",
            "decided_on",
            "recorded_by",
        ]

    def get_chair(self, row: ChairRecusal) -> dict:
        return {"id": row.chair_id, "name": row.chair.name}

    def get_recorded_by(self, row: ChairRecusal) -> str | None:
        return recorder_name(row.recorded_by)


class HearingSerializer(serializers.ModelSerializer):
    chair = serializers.CharField(source="chair.name", default=None)
    recusals = ChairRecusalSerializer(many=True, read_only=True)

    class Meta:
        model = Hearing
        fields = [
            "requested_on",
            "chair",
            "hearing_notice_served_on",
            "hearing_on",
            "place",
            "public",
            "outcome",
            "recusals",
        ]


class ReviewSerializer(serializers.ModelSerializer):
    reviewer = serializers.CharField(source="reviewer.name", default=None)

    class Meta:
        model = LegalReview
        fields = ["id", "submitted_at", "outcome", "reviewer", "decided_at", "opinions", "voided_at", "void_reason"]


class DiscussionSerializer(serializers.ModelSerializer):
    """集体讨论 (第五十七条第二款): its purpose, the heads present, who presided, each opinion, the conclusion."""

    attendees = serializers.SerializerMethodField()
    presided_by = serializers.SerializerMethodField()

    class Meta:
        model = CollectiveDiscussion
        fields = ["id", "purpose", "held_on", "attendees", "presided_by", "opinions", "conclusion"]

    def get_attendees(self, discussion: CollectiveDiscussion) -> list[str]:
        return [o.name for o in discussion.attendees.all()]

    def get_presided_by(self, discussion: CollectiveDiscussion) -> str:
        return discussion.presided_by.name if discussion.presided_by else ""


def referral_record(referral) -> dict | None:
    """The latest referral: its stage and the steps still due (两法衔接) — the referral's open deadline rows (the one
    clock), each with its due date (or hour, for the hand-over), as ``deadlines`` lists them too."""
    if referral is None:
        return None
    return {
        "id": referral.pk,
        "stage": referral.stage,
        "is_open": referral.is_open,
        "team": [o.name for o in referral.team.all()],
        "submitted_at": referral.submitted_at,
        "approved": referral.approved,
        "police_organ": referral.police_organ,
        "handed_over_at": referral.handed_over_at,
        "police_decision": referral.police_decision,
        "fines_already_imposed": plain(referral.fines_already_imposed),
        "due": [
            {
                "step": d.step,
                "label": d.label,
                "due": d.due.isoformat(),
                "overdue": d.overdue,
                "optional": d.optional,
                "provisional": d.provisional,
                "recomputing": d.recomputing,
                "article": d.article,
            }
            for d in referral.open_deadlines()
        ],
    }


def _due(row) -> dict | None:
    """A stored deadline as the case file shows it (the one clock: ``deadlines``)."""
    if row is None:
        return None
    return {
        "kind": row.kind,
        "starts_on": row.starts_on,
        "due_on": row.due_on,
        "provisional": row.provisional,
        "outcome": row.outcome,
        "met_on": row.met_on,
        "late": row.met_late,
        "article": row.legal_basis,
    }


def _services(case: Case, decision, clocks) -> list[dict]:
    service_clock = clocks.of("service")
    rows = []
    for x in case.services.order_by("served_on", "pk"):
        deadline = service_clock if decision is not None and x.pk == decision.pk else None
        rows.append(
            {
                "id": x.pk,
                "document": x.document_title,
                "kind": x.document,
                "document_number": x.document_number,
                "method": x.method,
                "served_on": x.served_on,
                "announced_on": x.announced_on,
                "announcement_ground": x.announcement_ground,
                "recipient": x.recipient,
                "receipt": x.receipt_id is not None,
                # 第六十一条: the decision's service is due within 7 working days (the deadline ``service``).
                "due_on": deadline.due_on if deadline else None,
                "late": bool(deadline and deadline.met_late),
                "provisional": bool(deadline and deadline.provisional),
            }
        )
    return rows


def _payments(case: Case, clocks) -> list[dict]:
    rows = []
    for x in case.payments.order_by("paid_on", "pk"):
        row = {
            "id": x.pk,
            "paid_on": x.paid_on,
            "amount": plain(x.amount),
            "channel": x.channel,
            "receipt_number": x.receipt_number,
            "bank": x.bank,
        }
        if x.on_spot:  # 第六十八条至第七十一条
            row.update(
                on_spot_ground=x.on_spot_ground,
                on_water=x.on_water,
                landed_on=x.landed_on,
                handed_to_agency_on=x.handed_to_agency_on,
                deposited_on=x.deposited_on,
                handover=_due(clocks.of("collection_handover", x.pk)),
                deposit=_due(clocks.of("collection_deposit", x.pk)),
            )
        rows.append(row)
    return rows


def _arrangement(arrangement) -> dict | None:
    """暂缓或者分期缴纳 (第六十六条第二款), with its schedule."""
    if arrangement is None:
        return None
    return {
        "kind": arrangement.kind,
        "applied_on": arrangement.applied_on,
        "approved_on": arrangement.approved_on,
        "approved_by": arrangement.approved_by.name,
        "reason": arrangement.reason,
        "amount": plain(arrangement.amount),
        "ends_on": arrangement.ends_on,
        "instalments": [{"due_on": i["due_on"], "amount": i["amount"]} for i in arrangement.instalments],
    }


def _remedies(remedies, clocks) -> list[dict]:
    return [
        {
            "id": r.pk,
            "kind": r.kind,
            "organ": r.organ,
            "reference": r.reference,
            "filed_on": r.filed_on,
            "posted_on": r.posted_on,
            "pending": r.pending,
            "outcome": r.outcome,
            "decided_on": r.decided_on,
            "received_on": r.received_on,
            "changed_fine_amount": plain(r.changed_fine_amount),
            # 第四十八条第二款: a published decision changed, revoked, unlawful or void is withdrawn in 3 working days.
            "publication_withdrawal": _due(clocks.of("publication_withdrawal", r.pk)),
            "publication_withdrawn_on": r.publication_withdrawn_on,
        }
        for r in remedies
    ]


def _reminders(case: Case, clocks) -> list[dict]:
    return [
        {
            "id": m.pk,
            "issued_on": m.issued_on,
            "performance_deadline": m.performance_deadline,
            "amount": plain(m.amount),
            "fine_outstanding": plain(m.fine_outstanding),
            "surcharge": plain(m.surcharge),
            "manner": m.manner,
            "served_on": m.served_on,
            # 行政强制法 第五十四条、第六十九条: the court application only after this (the deadline ``reminder_wait``).
            "wait": _due(clocks.of("reminder_wait", m.pk)),
        }
        for m in case.reminders.select_related("service").order_by("pk")
    ]


def _performances(case: Case) -> list[dict]:
    """履行 of the kinds performed, not paid (行政处罚法 第九条: a warning, production stopped, a permit revoked …)."""
    return [
        {
            "id": p.pk,
            "kind": p.kind,
            "kind_label": p.get_kind_display(),
            "performed_on": p.performed_on,
            "note": p.note,
            "recorded_by": recorder_name(p.recorded_by),
            "recorded_at": p.recorded_at,
        }
        for p in performances_of(case)
    ]


def _applications(case: Case) -> list[dict]:
    return [
        {
            "id": a.pk,
            "filed_on": a.filed_on,
            "court": a.court,
            "amount": plain(a.amount),
            "signed_by": a.signed_by.name,
            "outcome": a.outcome,
            "outcome_on": a.outcome_on,
        }
        for a in case.court_applications.select_related("signed_by").order_by("pk")
    ]


def execution_record(case: Case) -> dict | None:
    """Service, payments, the arrangement, remedies, reminders, court applications, the performance of the kinds
    not paid, and what is owed today (行政处罚法 第九条、第六十一条、第六十六条至第七十三条; 行政强制法 第三十五条、
    第五十三条、第五十四条). Every due date is a
    stored deadline (``guards.execution.clocks``), the same the guards, the page and the documents read."""
    if case.decided_on is None:
        return None
    led = ledger_of(case, on=timezone.localdate())
    clocks = CaseClocks(case)
    arrangement = led.arrangement
    court = clocks.of("court_application")
    return {
        "services": _services(case, led.service, clocks),
        "payments": _payments(case, clocks),
        "arrangement": _arrangement(arrangement),
        "remedies": _remedies(led.remedies, clocks),
        "reminders": _reminders(case, clocks),
        "court_applications": _applications(case),
        "performances": _performances(case),
        # 行政强制法 第五十三条; 行政处罚法 第七十二条第二款 (the deadline ``court_application``).
        "court_application_window": _due(court),
        # 行政处罚法 第六十七条第三款: the last day to pay as the decision set it (before any deferral).
        "payment_due_on": led.payment_due.date if led.payment_due else None,
        "payment_due_provisional": bool(led.payment_due and led.payment_due.provisional),
        "fine": plain(led.fine),
        "gains": plain(led.gains),
        "surcharge": plain(led.surcharge),
        "owed": plain(led.owed),
        "paid": plain(led.paid),
        "outstanding": plain(led.outstanding),
        "nothing_to_pay": led.nothing_to_pay,
    }


def decision_records(case: Case) -> dict:
    """The current proposal, notice and hearing, every review and discussion: a fixed number of queries."""
    report = current_report(case, "tier__benchmark__matter", "case__matter")
    notice = current_notice(case)
    hearings = Hearing.objects.select_related("chair").prefetch_related(Prefetch("recusals", queryset=chair_recusals()))
    hearing = hearings.filter(notice=notice).first() if notice else None
    reviews = case.reviews.select_related("reviewer").order_by("submitted_at", "pk")
    discussions = case.discussions.select_related("presided_by").prefetch_related("attendees").order_by("held_on", "pk")
    return {
        "proposal": ProposalSerializer(report).data if report else None,
        "notice": NoticeSerializer(notice).data if notice else None,
        "hearing": HearingSerializer(hearing).data if hearing else None,
        "reviews": ReviewSerializer(reviews, many=True).data,
        "discussions": DiscussionSerializer(discussions, many=True).data,
        "execution": execution_record(case),
        "publications": publication_records(case),
        "referral": referral_record(case.referrals.prefetch_related("team").order_by("-pk").first()),
    }
