"""回避决定书 (行政处罚法 第四十三条第三款、第六十四条第四项): the head's decision on an application for the recusal of
a handler or of the hearing chair — who applied, on what grounds, the decision and its reasons."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cases.choices import RecusalApplicant, RecusalDecision
from cases.models import Case, ChairRecusal, RecusalApplication

from . import common as c


def handler_application(case: Case, extra: dict[str, Any]) -> RecusalApplication | None:
    """The decided application for a handler's recusal named in the issuing inputs (``decide_recusal`` names it)."""
    pk = extra.get("recusal_application")
    if pk is None or pk == "":
        return None
    return case.recusal_applications.exclude(decision="").filter(pk=int(pk)).select_related("officer", "party").first()


def chair_application(case: Case, extra: dict[str, Any]) -> ChairRecusal | None:
    """The decided application against the hearing chair named in the issuing inputs (``decide_chair_recusal``)."""
    pk = extra.get("chair_recusal")
    if pk is None or pk == "":
        return None
    rows = ChairRecusal.objects.filter(hearing__notice__case=case, decided_on__isnull=False, pk=int(pk))
    return rows.select_related("chair", "party", "decided_by").first()


def recusal_decision(src: c.Source) -> dict[str, Any]:
    """The applicant (the party, or the handler asking for their own recusal), the officer concerned and their role,
    the grounds, the decision with its reasons, the head who decided and when, and the article it rests on."""
    handler = handler_application(src.case, src.extra)
    if handler is not None:
        own = handler.applicant == RecusalApplicant.SELF
        granted = handler.decision == RecusalDecision.APPROVED
        assert handler.decided_by is not None and handler.decided_at is not None, "decided"
        return {
            "recusal_application": handler.pk,
            "title": src.case.title,
            "applicant": f"执法人员{handler.officer.name}本人"
            if own
            else (handler.party.name if handler.party else "当事人"),
            "own_request": own,
            "officer": handler.officer.name,
            "role": "本案承办人",
            "applied_on": c.fmt_date(handler.applied_on),
            "grounds": handler.grounds,
            "granted": granted,
            "reasons": handler.decision_reasons,
            "decided_by": handler.decided_by.name,
            "decided_on": c.fmt_date(timezone.localdate(handler.decided_at)),
            "article": "《中华人民共和国行政处罚法》第四十三条",
            "after": "本机关另行指定承办人继续办理本案。" if granted else "",
            "issued_on": c.fmt_date(src.today),
        }
    chair = chair_application(src.case, src.extra)
    assert chair is not None and chair.decided_by is not None, (
        "documents.rules issues it only for a decided application"
    )
    return {
        "chair_recusal": chair.pk,
        "title": src.case.title,
        "applicant": chair.party.name if chair.party else "当事人",
        "own_request": False,
        "officer": chair.chair.name,
        "role": "本案听证主持人",
        "applied_on": c.fmt_date(chair.applied_on),
        "grounds": chair.grounds,
        "granted": chair.granted,
        "reasons": chair.decision,
        "decided_by": chair.decided_by.name,
        "decided_on": c.fmt_date(chair.decided_on),
        "article": "《中华人民共和国行政处罚法》第六十四条第四项",
        "after": "本机关另行指定听证主持人，并重新通知听证的时间、地点。" if chair.granted else "",
        "issued_on": c.fmt_date(src.today),
    }
