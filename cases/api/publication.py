"""The publications of a case's decision in the API (行政处罚法 第四十八条): what was published, where, when,
whether late, and any withdrawal. Only the published text is shown — the party's name as masked. The due date and
lateness are the stored deadline ``publication``'s (国办发〔2018〕118号; ``guards.publication.publication_clock``)."""

from __future__ import annotations

import datetime

from rest_framework import serializers

from ..guards.execution.clocks import clock_of
from ..guards.publication import PublicationClock, publication_clock, publication_clock_of
from ..models import Case, Publication


class PublicationSerializer(serializers.ModelSerializer):
    due_on = serializers.SerializerMethodField()
    late = serializers.SerializerMethodField()
    provisional = serializers.SerializerMethodField()

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

    def _clock(self, publication: Publication) -> PublicationClock:
        clocks: dict[int, PublicationClock] | None = self.context.get("clocks")
        if clocks is not None and publication.pk in clocks:
            return clocks[publication.pk]
        return publication_clock_of(publication)

    def get_due_on(self, publication: Publication) -> datetime.date | None:
        return self._clock(publication).due_on

    def get_late(self, publication: Publication) -> bool:
        return self._clock(publication).late

    def get_provisional(self, publication: Publication) -> bool:
        return self._clock(publication).provisional


def publication_records(case: Case) -> list[dict]:
    publications = list(case.publications.order_by("published_on", "pk"))
    deadline = clock_of(case, "publication")
    clocks = {p.pk: publication_clock(p, deadline, first=i == 0) for i, p in enumerate(publications)}
    return PublicationSerializer(publications, many=True, context={"clocks": clocks}).data  # type: ignore[return-value]  # many=True makes a ListSerializer: .data is a ReturnList
