"""The publications of a case's decision in the API (行政处罚法 第四十八条): what was published, where, when,
whether late, and any withdrawal. Only the published text is shown — the party's name as masked."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Case, Publication


class PublicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publication
        fields = [
            "id",
            "published_on",
            "channel",
            "channel_detail",
            "url",
            "decision_number",
            "party_name",
            "summary",
            "note",
            "due_on",
            "late",
            "provisional",
            "withdrawn_on",
            "withdrawal_reason",
            "created_at",
        ]
        read_only_fields = fields


def publication_records(case: Case) -> list[dict]:
    return PublicationSerializer(case.publications.order_by("published_on", "pk"), many=True).data  # type: ignore[return-value]  # many=True makes a ListSerializer: .data is a ReturnList
