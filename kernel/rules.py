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


def day_text(day) -> str:
    """A date as reasons write it: ``2026-10-13``, or "—" when there is none."""
    return f"{day:%Y-%m-%d}" if day else "—"


# Citations used in more than one place, spelt once.
APL = "《中华人民共和国行政处罚法》"
ART_17 = f"{APL}第十七条"
ART_22 = f"{APL}第二十二条"
ART_25_2 = f"{APL}第二十五条第二款"
ART_28 = f"{APL}第二十八条第一款"
ART_28_2 = f"{APL}第二十八条第二款"
ART_32 = f"{APL}第三十二条"
ART_33 = f"{APL}第三十三条"
ART_34 = f"{APL}第三十四条"
ART_36 = f"{APL}第三十六条"
ART_38 = f"{APL}第三十八条"
ART_42 = f"{APL}第四十二条"
ART_43 = f"{APL}第四十三条"
ART_44 = f"{APL}第四十四条"
ART_45 = f"{APL}第四十五条"
ART_47 = f"{APL}第四十七条"
ART_48_2 = f"{APL}第四十八条第二款"
ART_50 = f"{APL}第五十条"
ART_51 = f"{APL}第五十一条"
ART_52 = f"{APL}第五十二条"
ART_54 = f"{APL}第五十四条"
ART_56 = f"{APL}第五十六条"
ART_57 = f"{APL}第五十七条"
ART_57_2 = f"{APL}第五十七条第二款"
ART_58 = f"{APL}第五十八条"
# 第五十九条第一款第二项: the decision states the facts and the evidence.
ART_59_2 = f"{APL}第五十九条第一款第二项"
ART_62 = f"{APL}第六十二条"
ART_63 = f"{APL}第六十三条"
ART_64 = f"{APL}第六十四条"
ART_75_2 = f"{APL}第七十五条第二款"
# 《中华人民共和国政府信息公开条例》(2019) is not in shared/laws: cited from the official text, not checked there.
OGI = "《中华人民共和国政府信息公开条例》"
ART_64_4 = f"{APL}第六十四条第四项"
ART_64_8 = f"{APL}第六十四条第八项"
ART_65 = f"{APL}第六十五条"
# 第四十四条 (the notice states the facts and evidence) with 第六十五条 (the decision rests on the hearing transcript).
ART_44_65 = f"{APL}第四十四条、第六十五条"
ACEL = "《中华人民共和国行政强制法》"
ACEL_18 = f"{ACEL}第十八条"
ACEL_19 = f"{ACEL}第十九条"
ACEL_22 = f"{ACEL}第二十二条"
ACEL_23 = f"{ACEL}第二十三条"
ACEL_24 = f"{ACEL}第二十四条"
ACEL_25 = f"{ACEL}第二十五条"
ACEL_26 = f"{ACEL}第二十六条"
ACEL_27 = f"{ACEL}第二十七条"
ACEL_28 = f"{ACEL}第二十八条"
ACEL_36 = f"{ACEL}第三十六条"
ACEL_39 = f"{ACEL}第三十九条"
ACEL_40 = f"{ACEL}第四十条"
ACEL_42 = f"{ACEL}第四十二条"
REFERRAL_ART_5 = "《行政执法机关移送涉嫌犯罪案件的规定》第五条"
AGENCY_POLICY = "本机关政策（非法定情形）"


class ActionRefused(Exception):
    """A rule of law refused an action; ``reasons`` say why (409 in the API, a message on the page)."""

    code = "action_not_allowed"

    def __init__(self, reasons: list[Reason]) -> None:
        self.reasons = reasons
        super().__init__("；".join(str(r) for r in reasons))
