from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import serializers

from deadlines.selectors import deadlines_of
from kernel.payload import (
    BoundedDateField,
    BoundedDateTimeField,
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
)
from kernel.validators import validate_division_code
from matters.models import Matter
from officers.models import Officer

from ..choices import CaseSource, EvidenceKind, HandlerRole, PartyKind, Procedure
from ..deadlines import case_deadlines
from ..models import Case, CaseEvent, Evidence, Party, Seizure, SeizureTesting
from ..registry import casefile_fields
from ..registry import get as registry_get
from ..selectors import active_assignments, recusal_applications
from .preservation import preservation_records, sampling_records


def penalty(case: Case, prefix: str) -> dict:
    fine = getattr(case, f"{prefix}_fine_amount")
    gains = getattr(case, f"{prefix}_illegal_gains")
    return {
        "kinds": getattr(case, f"{prefix}_penalty_kinds"),
        "fine_amount": None if fine is None else f"{fine:.2f}",
        "illegal_gains": None if gains is None else f"{gains:.2f}",
        "confiscation": getattr(case, f"{prefix}_confiscation"),
    }


class PartySerializer(serializers.ModelSerializer):
    """Identifier and phone masked unless the caller handles the case (context ``full_identifiers``)."""

    id_number = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = Party
        fields = ["id", "kind", "name", "id_number", "legal_representative", "address", "phone"]

    def get_id_number(self, party: Party) -> str:
        return party.identifier if self.context.get("full_identifiers") else party.masked_identifier

    def get_phone(self, party: Party) -> str:
        return party.phone if self.context.get("full_identifiers") else party.masked_phone


class PartyInputSerializer(serializers.Serializer):
    kind = StrictChoiceField(choices=PartyKind.choices)
    name = StrictCharField(max_length=120)
    id_number = StrictCharField(max_length=18, required=False, allow_blank=True, default="")
    credit_code = StrictCharField(max_length=18, required=False, allow_blank=True, default="")
    legal_representative = StrictCharField(max_length=60, required=False, allow_blank=True, default="")
    address = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    phone = StrictCharField(max_length=20, required=False, allow_blank=True, default="")


class CaseListSerializer(serializers.ModelSerializer):
    matter: serializers.SlugRelatedField[Matter] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    handlers = serializers.SerializerMethodField()
    parties = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "title",
            "status",
            "status_label",
            "procedure",
            "matter",
            "handlers",
            "parties",
            "violation_date",
            "discovered_on",
            "filed_on",
            "decided_on",
            "is_major",
            "created_at",
        ]

    def get_handlers(self, case: Case) -> list[int]:
        return [a.officer_id for a in active_assignments(case)]

    def get_preservations(self, case: Case) -> list[dict]:
        """先行登记保存 (第五十六条), each with its disposal clock."""
        return preservation_records(case)

    def get_samplings(self, case: Case) -> list[dict]:
        """抽样取证 (第五十六条) with the list of the samples."""
        return sampling_records(case)

    def get_parties(self, case: Case) -> list[dict]:
        return [{"name": p.name, "kind": p.kind, "id_number": p.masked_identifier} for p in case.parties.all()]


class SeizureTestingSerializer(serializers.ModelSerializer):
    """One period of testing not counted in the seizure's period (行政强制法 第二十五条第三款)."""

    class Meta:
        model = SeizureTesting
        fields = ["id", "started_on", "until", "notified_on", "ended_on", "purpose"]


class SeizureSerializer(serializers.ModelSerializer):
    """查封、扣押 as the case file shows it; ``due_on`` is its stored deadline's last day (行政强制法 第二十五条)."""

    approved_by = serializers.CharField(source="approved_by.name", read_only=True, default=None)
    testings = SeizureTestingSerializer(many=True, read_only=True)
    items = serializers.ListField(source="item_lines", child=serializers.CharField(), read_only=True)
    due_on = serializers.SerializerMethodField()

    class Meta:
        model = Seizure
        fields = [
            "id", "measure", "items", "place", "reason", "basis", "emergency", "approved_by", "approved_at",
            "disapproved_at", "approval_opinion", "carried_out_at", "seized_on", "party_present", "witness",
            "record_signature", "party_informed", "statement_heard", "party_statement", "sealed_elsewhere", "custody",
            "custodian", "testings", "due_on", "ended", "decided_on", "release_ground", "returned_on", "disposal",
            "end_note",
        ]  # fmt: skip

    def get_due_on(self, seizure: Seizure) -> str | None:
        row = self.context.get("seizure_deadlines", {}).get(str(seizure.pk))
        return row.due_on.isoformat() if row is not None else None


class CaseDetailSerializer(CaseListSerializer):
    parties = serializers.SerializerMethodField()
    proposed_penalty = serializers.SerializerMethodField()
    decided_penalty = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    evidence_count = serializers.IntegerField(read_only=True)
    agency = serializers.CharField(source="agency.name", read_only=True)
    proposal = serializers.SerializerMethodField()
    notice = serializers.SerializerMethodField()
    hearing = serializers.SerializerMethodField()
    reviews = serializers.SerializerMethodField()
    discussions = serializers.SerializerMethodField()
    referral = serializers.SerializerMethodField()
    execution = serializers.SerializerMethodField()
    publications = serializers.SerializerMethodField()
    preservations = serializers.SerializerMethodField()
    samplings = serializers.SerializerMethodField()
    seizures = serializers.SerializerMethodField()
    recusal_applications = serializers.SerializerMethodField()
    designations = serializers.SerializerMethodField()
    correction_orders = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "agency",
            "source",
            "facts",
            "legal_basis",
            "location",
            "violation_division_code",
            "designations",
            "correction_orders",
            "violation_end_date",
            "harm_occurred",
            "closed_on",
            "on_spot_filed_on",
            "major_reasons",
            "proposed_penalty",
            "decided_penalty",
            "deadlines",
            "transitions",
            "actions",
            "documents",
            "evidence_count",
            "proposal",
            "notice",
            "hearing",
            "reviews",
            "discussions",
            "referral",
            "execution",
            "publications",
            "preservations",
            "samplings",
            "seizures",
            "recusal_applications",
        ]

    def _decision(self, key: str):
        return self.context.get("decision", {}).get(key)

    def get_proposal(self, case: Case) -> dict | None:
        return self._decision("proposal")

    def get_notice(self, case: Case) -> dict | None:
        return self._decision("notice")

    def get_hearing(self, case: Case) -> dict | None:
        return self._decision("hearing")

    def get_reviews(self, case: Case) -> list:
        return self._decision("reviews") or []

    def get_discussions(self, case: Case) -> list:
        return self._decision("discussions") or []

    def get_referral(self, case: Case) -> dict | None:
        return self._decision("referral")

    def get_execution(self, case: Case) -> dict | None:
        return self._decision("execution")

    def get_publications(self, case: Case) -> list:
        return self._decision("publications") or []

    def get_preservations(self, case: Case) -> list[dict]:
        """先行登记保存 (第五十六条), each with its disposal clock."""
        return preservation_records(case)

    def get_parties(self, case: Case) -> list[dict]:
        return PartySerializer(case.parties.all(), many=True, context=self.context).data  # type: ignore[return-value]  # many=True makes a ListSerializer: .data is a ReturnList

    def get_proposed_penalty(self, case: Case) -> dict:
        return penalty(case, "proposed")

    def get_decided_penalty(self, case: Case) -> dict:
        return penalty(case, "decided")

    def get_seizures(self, case: Case) -> list[dict]:
        rows = {d.ref: d for d in deadlines_of(case) if d.kind == "seizure"}
        seizures = (
            case.seizures.select_related("approved_by").prefetch_related("testings").order_by("carried_out_at", "pk")
        )
        return SeizureSerializer(seizures, many=True, context={"seizure_deadlines": rows}).data  # type: ignore[return-value]  # many=True makes a ListSerializer: .data is a ReturnList

    def get_correction_orders(self, case: Case) -> list[dict]:
        """责令（限期）改正 (行政处罚法 第二十八条第一款): each order, its period with the stored last day (the deadline
        ``correction``, opened on the notice's service), the re-inspection and any refusal."""
        rows = {d.ref: d for d in deadlines_of(case) if d.kind == "correction"}
        orders = []
        for o in case.correction_orders.order_by("ordered_on", "pk"):
            row = rows.get(str(o.pk))
            orders.append(
                {
                    "id": o.pk,
                    "content": o.content,
                    "ordered_on": o.ordered_on.isoformat(),
                    "period": o.period_text,
                    "served_on": o.served_on.isoformat() if o.served_on else None,
                    "due_on": row.due_on.isoformat() if row is not None else None,
                    "inspected_on": o.inspected_on.isoformat() if o.inspected_on else None,
                    "corrected": o.corrected,
                    "refused_on": o.refused_on.isoformat() if o.refused_on else None,
                }
            )
        return orders

    def get_designations(self, case: Case) -> list[dict]:
        """指定管辖 (第二十五条第二款) recorded on the case."""
        return [
            {
                "designated_by": d.designated_by,
                "reference": d.reference,
                "designated_on": d.designated_on.isoformat(),
                "reason": d.reason,
            }
            for d in case.designations.order_by("designated_on", "pk")
        ]

    def get_recusal_applications(self, case: Case) -> list[dict]:
        """回避申请 (第四十三条): pending and decided; a rejected one stays on file."""
        return [
            {
                "id": r.pk,
                "officer": {"id": r.officer_id, "name": r.officer.name},
                "applicant": r.applicant,
                "party": r.party.name if r.party else None,
                "applied_on": r.applied_on.isoformat(),
                "grounds": r.grounds,
                "decision": r.decision,
                "decision_reasons": r.decision_reasons,
                "decided_by": r.decided_by.name if r.decided_by else None,
                "decided_at": r.decided_at.isoformat() if r.decided_at else None,
            }
            for r in recusal_applications(case)
        ]

    def get_deadlines(self, case: Case) -> list[dict]:
        return [d.as_dict() for d in case_deadlines(case)]

    def get_transitions(self, case: Case) -> list[dict]:
        return self.context.get("transitions", [])

    def get_actions(self, case: Case) -> list[dict]:
        """The actions beside the lifecycle that apply in the case's state, with their reasons for the caller."""
        return self.context.get("actions", [])

    def get_documents(self, case: Case) -> list[dict]:
        """The documents of the case (the ``documents`` app provides the field: ``registry.add_casefile_field``)."""
        build = casefile_fields().get("documents")
        return build(case, self.context.get("request")) if build else []


class CaseCreateSerializer(serializers.Serializer):
    matter = serializers.SlugRelatedField(slug_field="code", queryset=Matter.objects.filter(is_active=True))
    procedure = StrictChoiceField(choices=Procedure.choices, default=Procedure.GENERAL)
    source = StrictChoiceField(choices=CaseSource.choices)  # type: ignore[assignment]  # a declared field, not Field.source
    source_detail = StrictCharField(required=False, allow_blank=True, default="")
    title = StrictCharField(max_length=200)
    facts = StrictCharField(required=False, allow_blank=True, default="")
    location = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    violation_division_code = StrictCharField(
        max_length=6,
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_division_code],
        help_text="违法行为发生地的六位行政区划代码（行政处罚法 第二十二条）",
    )
    violation_date = BoundedDateField()
    violation_end_date = BoundedDateField(required=False, allow_null=True, default=None)
    harm_occurred = StrictBooleanField(required=False, default=False)
    discovered_on = BoundedDateField()
    handlers = serializers.PrimaryKeyRelatedField(
        queryset=Officer.objects.filter(is_active=True), many=True, help_text="本人以外的承办人（执法人员 id）"
    )
    parties = PartyInputSerializer(many=True, required=False, default=list)
    request_filing = StrictBooleanField(required=False, default=False)

    def validate(self, data: dict) -> dict:
        if data.get("violation_end_date") and data["violation_end_date"] < data["violation_date"]:
            raise serializers.ValidationError({"violation_end_date": "违法行为终了日期不得早于发生日期。"})
        if data["discovered_on"] < data["violation_date"]:
            raise serializers.ValidationError({"discovered_on": "发现日期不得早于违法行为发生日期。"})
        return data


class FilingRequestSerializer(serializers.Serializer):
    opinion = StrictCharField(required=False, allow_blank=True, default="")


def _agency_officers(serializer) -> QuerySet[Officer]:
    case = serializer.context.get("case")  # absent only when the schema generator instantiates it
    return Officer.objects.filter(agency_id=case.agency_id, is_active=True) if case else Officer.objects.none()


class HandlerInputSerializer(serializers.Serializer):
    officer = serializers.PrimaryKeyRelatedField(queryset=Officer.objects.none())
    role = StrictChoiceField(choices=HandlerRole.choices, default=HandlerRole.ASSISTANT)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        officer = self.fields["officer"]
        assert isinstance(officer, serializers.PrimaryKeyRelatedField), "declared above"
        officer.queryset = _agency_officers(self)


class EvidenceSerializer(serializers.ModelSerializer):
    captured_by: serializers.PrimaryKeyRelatedField[Officer] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    uploaded_by = serializers.CharField(source="uploaded_by.username", read_only=True)
    content_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "case",
            "kind",
            "title",
            "description",
            "original_filename",
            "content_type",
            "size",
            "sha256",
            "captured_at",
            "location",
            "device",
            "captured_by",
            "uploaded_by",
            "uploaded_at",
            "superseded_at",
            "superseded_reason",
            "content_url",
        ]

    def get_content_url(self, evidence: Evidence) -> str:
        return f"/api/v1/evidence/{evidence.pk}/content/"


class EvidenceUploadSerializer(serializers.Serializer):
    kind = StrictChoiceField(choices=EvidenceKind.choices)
    title = StrictCharField(max_length=200)
    description = StrictCharField(required=False, allow_blank=True, default="")
    captured_at = BoundedDateTimeField(required=False, allow_null=True, default=None)
    location = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    device = StrictCharField(max_length=120, required=False, allow_blank=True, default="")


class CaseEventSerializer(serializers.ModelSerializer):
    event_type_label = serializers.CharField(source="get_event_type_display", read_only=True)
    label = serializers.SerializerMethodField()  # type: ignore[assignment]  # a declared field, not Field.label

    class Meta:
        model = CaseEvent
        fields = [
            "seq",
            "event_type",
            "event_type_label",
            "name",
            "label",
            "actor",
            "actor_name",
            "from_state",
            "to_state",
            "payload",
            "created_at",
            "prev_hash",
            "hash",
        ]

    def get_label(self, event: CaseEvent) -> str:
        spec = registry_get(event.name)
        return spec.label if spec else event.get_event_type_display()
