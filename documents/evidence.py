"""What the file holds as evidence, in the order it was filed — one list for the decision's “证据” and for the rule
that nothing is punished on an empty file.

行政处罚法 第四十条: “公民、法人或者其他组织违反行政管理秩序的行为，依法应当给予行政处罚的，行政机关必须查明事实；
违法事实不清、证据不足的，不得给予行政处罚。” 第五十九条第一款第二项: the decision states “违反法律、法规、规章的事实和
证据”. The list is what the file records — the evidence items (superseded ones left out), the 笔录 issued on the case
(第五十五条第二款: “询问或者检查应当制作笔录”; 第六十四条第八项: the hearing transcript), the 抽样取证 and 先行登记保存
records (第五十六条) and the party's 陈述、申辩 (第四十五条) — never a stock phrase.

Lives in ``documents`` because the 笔录 are documents; ``cases`` receives the guard through ``registry.add_guard``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from cases.choices import Outcome
from cases.models import Case, Statement
from cases.models.preservation import EvidencePreservation
from cases.models.sampling import EvidenceSampling
from kernel.rules import APL, Reason

from .models import Document

ART_40 = f"{APL}第四十条"

# 笔录 the file holds as evidence (第四十六条第一款第七项: 勘验笔录、现场笔录; 第五十五条; 第六十四条第八项).
RECORD_KINDS = ("inspection_record", "inquiry_record", "hearing_transcript")


@dataclass(frozen=True)
class Filed:
    """One piece of the file's evidence. ``proof``: gathered by the investigation (an item, a 笔录, a sample, preserved
    goods) — what 第四十条 asks for; the party's own 陈述、申辩 is listed but is not, alone, proof of the violation."""

    title: str
    kind: str
    sha256: str = ""
    number: str = ""
    proof: bool = True

    def line(self) -> dict[str, str]:
        out = {"title": self.title, "kind": self.kind, "sha256": self.sha256}
        if self.number:
            out["number"] = self.number
        return out


def _record_detail(data: dict[str, Any]) -> str:
    """Whom or where a 笔录 records, and when — as its own snapshot printed it."""
    who = data.get("interviewee") or data.get("place") or ""
    when = data.get("started_at") or data.get("hearing_on") or ""
    return "，".join(part for part in (who, when) if part)


def _samples(samples: list[dict[str, Any]]) -> str:
    return "、".join(
        f"{s.get('name', '')}{s.get('quantity', '')}".strip() for s in samples if isinstance(s, dict)
    ).strip("、")


def file_evidence(case: Case) -> list[Filed]:
    """The file's evidence, in the order filed (the time each was recorded; ties by kind, then id)."""
    out: list[tuple[datetime.datetime, int, int, Filed]] = []
    for e in case.evidence.filter(superseded_at__isnull=True):
        out.append((e.uploaded_at, 0, e.pk, Filed(e.title, e.get_kind_display(), e.sha256)))
    records = Document.objects.filter(case=case, kind__in=RECORD_KINDS, superseded_by__isnull=True)
    for record in records:
        detail = _record_detail((record.snapshot or {}).get("data") or {})
        title = record.get_kind_display() + (f"（{detail}）" if detail else "")
        out.append((record.issued_at, 1, record.pk, Filed(title, "笔录", record.sha256, record.number)))
    for s in EvidenceSampling.objects.filter(case=case):
        when = timezone.localtime(s.sampled_at)
        title = f"抽样取证记录（{s.place}，{when:%Y-%m-%d %H:%M}）"
        listed = _samples(s.samples)
        if listed:
            title += f"：{listed}"
        out.append((s.created_at, 2, s.pk, Filed(title, "抽样取证")))
    for p in EvidencePreservation.objects.filter(case=case, registered_at__isnull=False):
        assert p.registered_at is not None  # filtered above
        listed = _samples(p.items)
        title = f"先行登记保存证据（{p.place}）" + (f"：{listed}" if listed else "")
        out.append((p.registered_at, 3, p.pk, Filed(title, "先行登记保存")))
    for st in Statement.objects.filter(notice__case=case):
        title = f"当事人陈述、申辩（{st.received_on:%Y年%m月%d日}提出）"
        out.append((st.recorded_at, 4, st.pk, Filed(title, "陈述申辩记录", proof=False)))
    out.sort(key=lambda row: (row[0], row[1], row[2]))
    return [row[3] for row in out]


def evidence_lines(case: Case) -> list[dict[str, str]]:
    """证据 as the decision prints it (第五十九条第一款第二项), in the order filed."""
    return [f.line() for f in file_evidence(case)]


def evidence_gathered(ctx) -> list[Reason]:
    """行政处罚法 第四十条: no penalty on a file that holds no evidence at all — no evidence item, no 笔录, no sample
    and no preserved goods (the party's own 陈述、申辩 does not prove the violation). Guards the proposal
    (``conclude_investigation``, ``revise_proposal``) and ``decide`` where a penalty is proposed or decided; a
    decision not to punish, a transfer or a withdrawal is not refused for it."""
    data = ctx.data or {}
    if not data or data.get("outcome") != Outcome.PENALTY:
        return []
    if any(f.proof for f in file_evidence(ctx.case)):
        return []
    return [
        Reason(
            "no_evidence_on_file",
            "案卷中没有任何证据（证据材料、现场检查或者询问笔录、抽样取证或者先行登记保存的记录）："
            "违法事实不清、证据不足的，不得给予行政处罚。",
            ART_40,
        )
    ]
