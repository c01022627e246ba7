"""The referral of a suspected crime (两法衔接): the period of each step of a ``PoliceReferral`` — the only place
its due dates are kept (``ref`` = the referral's id). Each is opened from the ``next`` entry of a referral event,
which names the step and what starts its period (``deadline_watch.openers._open_referral_step``): counted there by
``deadlines.computing`` with the referral's rule — three days, calendar days rolled over holidays or working days
by the agency's policy when the report was made (``PoliceReferral.working_days``; ``unit`` below is the default),
24 hours for the hand-over — and recounted like every other deadline when the holiday table changes. The referral's
page, the API and its guards read these rows (``PoliceReferral.deadline``, ``open_deadlines``).

第九条: after the police decline, one window of 3 days (``referral_reconsideration_request``) serves both the
reconsideration and the procuratorate route; after an upheld reconsideration a new window of 3 days runs for the
procuratorate (``procuratorate_request``)."""

from __future__ import annotations

from ..choices import Bearer, Outcome, Unit
from .triggers import REFERRAL_REG, Closes, Kind

REFERRAL_STEP_KINDS: tuple[Kind, ...] = (
    Kind(
        code="referral_decision",
        label="正职负责人决定是否批准移送",
        article=f"{REFERRAL_REG}第五条第二款",
        unit=Unit.CALENDAR_DAYS,
        count=3,
        bearer=Bearer.AGENCY,
        ref_key="referral",
        referral_step="decide_referral",
        closes=(Closes("decide_referral"), Closes("resume_after_referral", Outcome.ENDED)),
    ),
    Kind(
        code="referral_handover",
        label="向公安机关移送（批准后二十四小时内）",
        article=f"{REFERRAL_REG}第五条第二款",
        unit=Unit.HOURS,
        count=24,
        bearer=Bearer.AGENCY,
        ref_key="referral",
        referral_step="refer_to_police",
        closes=(Closes("refer_to_police"), Closes("resume_after_referral", Outcome.ENDED)),
    ),
    Kind(
        code="police_filing_decision",
        label="公安机关作出立案或者不予立案决定",
        article=f"{REFERRAL_REG}第八条",
        unit=Unit.CALENDAR_DAYS,
        count=3,
        bearer=Bearer.OTHER_ORGAN,
        ref_key="referral",
        referral_step="record_police_decision",
        closes=(Closes("record_police_decision", on="decided_on"), Closes("resume_after_referral", Outcome.ENDED)),
    ),
    Kind(
        code="referral_reconsideration_request",
        label="提请公安机关复议或建议检察院立案监督",
        article=f"{REFERRAL_REG}第九条",
        unit=Unit.CALENDAR_DAYS,
        count=3,
        bearer=Bearer.AGENCY,
        optional=True,
        ref_key="referral",
        referral_step="request_reconsideration",
        closes=(
            Closes("request_reconsideration", on="requested_on"),
            Closes("request_procuratorate_supervision", on="requested_on"),
            Closes("resume_after_referral", Outcome.ENDED),
        ),
    ),
    Kind(
        code="police_reconsideration_answer",
        label="公安机关作出复议决定",
        article=f"{REFERRAL_REG}第九条",
        unit=Unit.CALENDAR_DAYS,
        count=3,
        bearer=Bearer.OTHER_ORGAN,
        ref_key="referral",
        referral_step="record_reconsideration_result",
        closes=(
            Closes("record_reconsideration_result", on="answered_on"),
            Closes("resume_after_referral", Outcome.ENDED),
        ),
    ),
    Kind(
        code="procuratorate_request",
        label="对复议决定有异议的，建议检察院立案监督",
        article=f"{REFERRAL_REG}第九条",
        unit=Unit.CALENDAR_DAYS,
        count=3,
        bearer=Bearer.AGENCY,
        optional=True,
        ref_key="referral",
        referral_step="request_procuratorate_supervision",
        closes=(
            Closes("request_procuratorate_supervision", on="requested_on"),
            Closes("resume_after_referral", Outcome.ENDED),
        ),
    ),
    Kind(
        code="items_handover",
        label="移交涉案物品及有关材料",
        article=f"{REFERRAL_REG}第十二条",
        unit=Unit.CALENDAR_DAYS,
        count=3,
        bearer=Bearer.AGENCY,
        ref_key="referral",
        referral_step="record_items_handover",
        closes=(Closes("record_items_handover", on="handed_over_on"),),
    ),
)
