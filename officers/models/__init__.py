from .agency import Agency, EnforcementDomain
from .certificate import Certificate, CertificateStatusChange
from .officer import Officer

__all__ = ["Agency", "Certificate", "CertificateStatusChange", "EnforcementDomain", "Officer"]
