"""Context builders, one per kind: what each document prints, as the JSON its snapshot keeps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..choices import DocumentKind as K
from ..kinds import SPECS
from . import (
    correction,
    decision,
    decision_correction,
    execution,
    file_index,
    notices,
    records,
    recusal,
    referral,
    seizure,
    service,
)
from .common import Source

Builder = Callable[[Source], dict[str, Any]]

BUILDERS: dict[str, Builder] = {
    K.FILING_APPROVAL: records.filing_approval,
    K.INSPECTION_RECORD: records.investigation_record,
    K.INQUIRY_RECORD: records.investigation_record,
    K.RECUSAL_DECISION: recusal.recusal_decision,
    K.SAMPLING_NOTICE: notices.sampling_notice,
    K.PRESERVATION_NOTICE: notices.preservation_notice,
    K.PRESERVATION_DISPOSAL: notices.preservation_disposal,
    K.CORRECTION_NOTICE: correction.correction_notice,
    K.SEIZURE_DECISION: seizure.seizure_decision,
    K.SEIZURE_LIST: seizure.seizure_list,
    K.SEIZURE_EXTENSION_NOTICE: seizure.seizure_extension_notice,
    K.SEIZURE_TESTING_NOTICE: seizure.seizure_testing_notice,
    K.SEIZURE_RELEASE: seizure.seizure_release,
    K.SEIZURE_DISPOSAL: seizure.seizure_disposal,
    K.PENALTY_NOTICE: notices.penalty_notice,
    K.HEARING_RIGHTS_NOTICE: notices.hearing_rights_notice,
    K.HEARING_NOTICE: notices.hearing_notice,
    K.HEARING_TRANSCRIPT: records.hearing_transcript,
    K.LEGAL_REVIEW_OPINION: records.legal_review_opinion,
    K.COLLECTIVE_DISCUSSION: records.collective_discussion,
    K.PENALTY_DECISION: decision.penalty_decision,
    K.ON_SPOT_DECISION: decision.on_spot_decision,
    K.NO_PENALTY_DECISION: decision.no_penalty_decision,
    K.DECISION_CHANGE: decision_correction.decision_change,
    K.DECISION_REVOCATION: decision_correction.decision_revocation,
    K.SERVICE_RECEIPT: service.service_receipt,
    K.PAYMENT_REMINDER: execution.payment_reminder,
    K.ENFORCEMENT_APPLICATION: execution.enforcement_application,
    K.CRIME_REFERRAL: referral.crime_referral,
    K.CASE_TRANSFER: referral.case_transfer,
    K.CLOSING_REPORT: records.closing_report,
    K.FILE_INDEX: file_index.file_index,
}
assert set(BUILDERS) == set(SPECS)

__all__ = ["BUILDERS", "Source"]
