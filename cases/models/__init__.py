from .case import Case
from .deciding import CollectiveDiscussion, Hearing, InvestigationReport, LegalReview, Notice, Statement, Waiver
from .events import CaseEvent
from .evidence import Evidence
from .handlers import CaseHandler
from .numbering import SerialCounter
from .party import Party
from .referral import PoliceReferral

__all__ = [
    "Case",
    "CaseEvent",
    "CaseHandler",
    "CollectiveDiscussion",
    "Evidence",
    "Hearing",
    "InvestigationReport",
    "LegalReview",
    "Notice",
    "Party",
    "PoliceReferral",
    "SerialCounter",
    "Statement",
    "Waiver",
]
