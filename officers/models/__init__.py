from .agency import Agency, EnforcementDomain
from .certificate import Certificate, CertificateStatusChange
from .officer import Officer
from .policy import AgencyPolicy, policy_for

__all__ = [
    "Agency",
    "AgencyPolicy",
    "Certificate",
    "CertificateStatusChange",
    "EnforcementDomain",
    "Officer",
    "policy_for",
]
