"""The one shape in which every rule explains a refusal: ``{code, detail, article}``.

Guards, eligibility checks and validators return lists of :class:`Reason`; the
same list reaches the page, the API (409 with reasons) and the tests.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Reason:
    code: str  # machine code, stable for clients: "certificate_expired"
    detail: str  # for people, zh-hans: "王某的执法证已于2026-10-01过期"
    article: str = ""  # the legal basis: "《行政处罚法》第四十二条"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.detail}（{self.article}）" if self.article else self.detail


# Citations used in more than one place, spelt once.
APL = "《中华人民共和国行政处罚法》"
ART_42 = f"{APL}第四十二条"
ART_36 = f"{APL}第三十六条"
ART_58 = f"{APL}第五十八条"
