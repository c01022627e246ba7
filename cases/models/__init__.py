from .case import Case
from .compulsion import (
    ExecutionAgreement,
    ExecutionSuspension,
    ExecutionTermination,
    PartyStatement,
    StatementReview,
    SuspensionGround,
    TerminationGround,
)
from .correction import CorrectionOrder
from .deciding import (
    ChairRecusal,
    CollectiveDiscussion,
    Hearing,
    InvestigationReport,
    LegalReview,
    Notice,
    Statement,
    Waiver,
)
from .events import CaseEvent
from .evidence import Evidence
from .execution import CourtApplication, Payment, PaymentArrangement, Reminder, Service
from .handlers import CaseHandler, RecusalApplication
from .jurisdiction import JurisdictionDesignation
from .numbering import SerialCounter
from .party import Party
from .performance import PerformanceRecord
from .preservation import DisposalKind, EvidencePreservation
from .publication import NonPublication, Publication
from .referral import PoliceReferral
from .remedies import DecisionCorrection, Remedy
from .sampling import EvidenceSampling
from .seizure import Seizure, SeizureTesting

__all__ = [
    "Case",
    "CaseEvent",
    "CaseHandler",
    "ChairRecusal",
    "CollectiveDiscussion",
    "CorrectionOrder",
    "CourtApplication",
    "DecisionCorrection",
    "DisposalKind",
    "Evidence",
    "EvidencePreservation",
    "EvidenceSampling",
    "ExecutionAgreement",
    "ExecutionSuspension",
    "ExecutionTermination",
    "Hearing",
    "InvestigationReport",
    "JurisdictionDesignation",
    "LegalReview",
    "NonPublication",
    "Notice",
    "Party",
    "PartyStatement",
    "Payment",
    "PaymentArrangement",
    "PerformanceRecord",
    "PoliceReferral",
    "Publication",
    "RecusalApplication",
    "Remedy",
    "Reminder",
    "Seizure",
    "SeizureTesting",
    "SerialCounter",
    "Service",
    "Statement",
    "StatementReview",
    "SuspensionGround",
    "TerminationGround",
    "Waiver",
]
