"""The records of deciding in the case file (API.md: fields may be added, none renamed)."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from kernel.money import plain

from ..analysis import analyse_report
from ..models import Case, CollectiveDiscussion, Hearing, InvestigationReport, LegalReview, Notice
from ..selectors import current_notice, current_report
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


class HearingSerializer(serializers.ModelSerializer):
    chair = serializers.CharField(source="chair.name", default=None)

    class Meta:
        model = Hearing
        fields = ["requested_on", "chair", "hearing_notice_served_on", "hearing_on", "place", "public", "outcome"]


class ReviewSerializer(serializers.ModelSerializer):
    reviewer = serializers.CharField(source="reviewer.name", default=None)

    class Meta:
        model = LegalReview
        fields = ["id", "submitted_at", "outcome", "reviewer", "decided_at", "opinions", "voided_at", "void_reason"]


class DiscussionSerializer(serializers.ModelSerializer):
    attendees = serializers.SerializerMethodField()

    class Meta:
        model = CollectiveDiscussion
        fields = ["held_on", "attendees", "conclusion"]

    def get_attendees(self, discussion: CollectiveDiscussion) -> list[str]:
        return [o.name for o in discussion.attendees.all()]


def referral_record(referral) -> dict | None:
    """The latest referral: its stage and the steps still due (两法衔接)."""
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
                "article": d.article,
            }
            for d in referral.open_deadlines()
        ],
    }


def execution_record(case: Case) -> dict | None:
    """Service, payments and what is owed today (行政处罚法 第六十一条、第六十六条至第七十二条)."""
    if case.decided_on is None:
        return None
    from ..guards.execution import ledger_of

    led = ledger_of(case, on=timezone.localdate())
    return {
        "services": [
            {"document": x.document_title, "method": x.method, "served_on": x.served_on, "late": x.late}
            for x in case.services.order_by("served_on", "pk")
        ],
        "payments": [
            {"paid_on": x.paid_on, "amount": plain(x.amount), "channel": x.channel, "receipt_number": x.receipt_number}
            for x in case.payments.order_by("paid_on", "pk")
        ],
        "payment_due_on": led.payment_due.date if led.payment_due else None,
        "payment_due_provisional": bool(led.payment_due and led.payment_due.provisional),
        "fine": plain(led.fine),
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
    hearing = Hearing.objects.select_related("chair").filter(notice=notice).first() if notice else None
    reviews = case.reviews.select_related("reviewer").order_by("submitted_at", "pk")
    discussions = case.discussions.prefetch_related("attendees").order_by("held_on", "pk")
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
