from .case import Case
from .correction import CorrectionOrder
from .deciding import CollectiveDiscussion, Hearing, InvestigationReport, LegalReview, Notice, Statement, Waiver
from .events import CaseEvent
from .evidence import Evidence
from .execution import CourtApplication, Payment, PaymentArrangement, Reminder, Service
from .handlers import CaseHandler
from .numbering import SerialCounter
from .party import Party
from .preservation import DisposalKind, EvidencePreservation
from .publication import Publication
from .referral import PoliceReferral
from .remedies import Remedy
from .sampling import EvidenceSampling
from .seizure import Seizure

__all__ = [
    "Case",
    "CaseEvent",
    "CaseHandler",
    "CollectiveDiscussion",
    "CorrectionOrder",
    "CourtApplication",
    "DisposalKind",
    "Evidence",
    "EvidencePreservation",
    "EvidenceSampling",
    "Hearing",
    "InvestigationReport",
    "LegalReview",
    "Notice",
    "Party",
    "Payment",
    "PaymentArrangement",
    "PoliceReferral",
    "Publication",
    "Remedy",
    "Reminder",
    "Seizure",
    "SerialCounter",
    "Service",
    "Statement",
    "Waiver",
]
