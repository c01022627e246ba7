"""What each kind of document is: its 文号 code, the law it rests on, to whom it goes, what the
issuing form asks for (DOMAIN.md, "Documents (执法文书)" — the table of kind codes and numbers)."""

from __future__ import annotations

from dataclasses import dataclass

from .choices import DocumentKind as K

APL = "《中华人民共和国行政处罚法》"
ACEL = "《中华人民共和国行政强制法》"
REFERRAL_RULES = "《行政执法机关移送涉嫌犯罪案件的规定》"

PARTY, ORGAN, INTERNAL = "party", "organ", "internal"


@dataclass(frozen=True)
class KindSpec:
    kind: K
    # The 文号 kind code (包市监罚决〔2026〕1号). Empty: an internal record that carries the case number.
    code: str
    article: str
    addressed_to: str  # PARTY, ORGAN or INTERNAL
    # Inputs the issuing form offers (documents.forms.IssueForm field names); all optional.
    fields: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def template(self) -> str:
        return f"documents/kinds/{self.kind.value}.html"

    @property
    def numbered(self) -> bool:
        return bool(self.code)


RECORD_FIELDS = ("place", "started_at", "ended_at", "content")

SPECS: dict[str, KindSpec] = {
    spec.kind.value: spec
    for spec in (
        KindSpec(K.FILING_APPROVAL, "", f"{APL}第五十四条", INTERNAL),
        KindSpec(K.INSPECTION_RECORD, "", f"{APL}第五十五条", INTERNAL, RECORD_FIELDS),
        KindSpec(K.INQUIRY_RECORD, "", f"{APL}第五十五条", INTERNAL, (*RECORD_FIELDS, "interviewee")),
        # 行政处罚法 第四十三条第三款、第六十四条第四项: the head's decision on an application for recusal (a
        # handler's or the hearing chair's), to the applicant. DOMAIN.md's table has no code for it: 回避. Issued by
        # the decision.
        KindSpec(K.RECUSAL_DECISION, "回避", f"{APL}第四十三条、第六十四条第四项", PARTY),
        # DOMAIN.md's table has no code for it: 抽样. Issued by the sampling step, with the list of the samples.
        KindSpec(K.SAMPLING_NOTICE, "抽样", f"{APL}第五十六条", PARTY),
        KindSpec(K.PRESERVATION_NOTICE, "先保", f"{APL}第五十六条", PARTY, ("place", "items")),
        # DOMAIN.md's table has no code for it: 先处, after the pattern of 先保. Issued by the disposal step.
        KindSpec(K.PRESERVATION_DISPOSAL, "先处", f"{APL}第五十六条", PARTY),
        # 行政强制法 第二十四条: the decision and the list, made and handed over on the spot. DOMAIN.md's table has no
        # code for the decision: 查扣, after the pattern of 先保; the list goes with it under the case number.
        # 行政处罚法 第二十八条第一款: DOMAIN.md's table has no code for it; 责改, after the pattern of 先保.
        KindSpec(K.CORRECTION_NOTICE, "责改", f"{APL}第二十八条第一款", PARTY),
        KindSpec(K.SEIZURE_DECISION, "查扣", f"{ACEL}第二十四条", PARTY),
        KindSpec(K.SEIZURE_LIST, "", f"{ACEL}第二十四条", PARTY),
        # DOMAIN.md's table has no codes for the seizure's later documents: after the pattern of 查扣 — 查延 (the
        # extension notified in writing, 第二十五条第二款), 查检 (the testing period notified, 第二十五条第三款),
        # 查解 (the release, 第十九条、第二十八条), 查处 (the disposal, 第二十七条). Each issued by its step.
        KindSpec(K.SEIZURE_EXTENSION_NOTICE, "查延", f"{ACEL}第二十五条第二款", PARTY),
        KindSpec(K.SEIZURE_TESTING_NOTICE, "查检", f"{ACEL}第二十五条第三款", PARTY),
        KindSpec(K.SEIZURE_RELEASE, "查解", f"{ACEL}第十九条、第二十八条", PARTY),
        KindSpec(K.SEIZURE_DISPOSAL, "查处", f"{ACEL}第二十七条", PARTY),
        KindSpec(K.PENALTY_NOTICE, "罚告", f"{APL}第四十四条、第四十五条", PARTY),
        KindSpec(K.HEARING_RIGHTS_NOTICE, "听告", f"{APL}第六十三条、第六十四条", PARTY),
        KindSpec(K.HEARING_NOTICE, "听通", f"{APL}第六十四条", PARTY),
        KindSpec(K.HEARING_TRANSCRIPT, "", f"{APL}第六十四条第八项", INTERNAL),
        KindSpec(K.LEGAL_REVIEW_OPINION, "", f"{APL}第五十八条", INTERNAL),
        KindSpec(K.COLLECTIVE_DISCUSSION, "", f"{APL}第五十七条第二款", INTERNAL),
        KindSpec(K.PENALTY_DECISION, "罚决", f"{APL}第五十九条", PARTY),
        KindSpec(K.ON_SPOT_DECISION, "当罚", f"{APL}第五十二条", PARTY),
        # DOMAIN.md's table has no code for it: 不罚, after the pattern of 罚决.
        KindSpec(K.NO_PENALTY_DECISION, "不罚", f"{APL}第五十七条第一款第二项", PARTY),
        # 行政处罚法 第七十五条第二款: the agency's own change or revocation of its decision, issued by
        # ``correct_decision``.
        # DOMAIN.md's table has no code for them: 变决 and 撤决, after the pattern of 罚决. A change states the remedies
        # as the decision does (第五十九条第一款第五项): it is a new act for the party.
        KindSpec(K.DECISION_CHANGE, "变决", f"{APL}第七十五条第二款、第五十九条", PARTY),
        KindSpec(K.DECISION_REVOCATION, "撤决", f"{APL}第七十五条第二款", PARTY),
        KindSpec(K.SERVICE_RECEIPT, "", f"{APL}第六十一条", INTERNAL, ("document",)),
        # The sums, deadline and manner are those ``issue_reminder`` recorded (cases.Reminder).
        KindSpec(K.PAYMENT_REMINDER, "催", f"{ACEL}第三十五条、第五十四条", PARTY),
        KindSpec(K.ENFORCEMENT_APPLICATION, "强申", f"{ACEL}第五十四条、第五十五条", ORGAN, ("surcharge", "content")),
        KindSpec(K.CRIME_REFERRAL, "移", f"{REFERRAL_RULES}第六条；{APL}第二十七条", ORGAN, ("organ",)),
        # 行政处罚法 第二十二条: the case goes to the organ of the place of violation. DOMAIN.md's table has no code
        # for it (移 is the 涉嫌犯罪案件移送书): 移函. Issued by ``transfer``.
        KindSpec(K.CASE_TRANSFER, "移函", f"{APL}第二十二条、第二十五条", ORGAN, ("organ",)),
        KindSpec(K.CLOSING_REPORT, "", f"{APL}第四十七条", INTERNAL, ("content",)),
        KindSpec(K.FILE_INDEX, "", f"{APL}第四十七条", INTERNAL),
    )
}
assert set(SPECS) == set(K.values), "every kind has its spec"


def spec_for(kind: str) -> KindSpec:
    return SPECS[kind]
