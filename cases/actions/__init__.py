"""The actions on a case beside the lifecycle, declared in the registry (``cases.registry``): importing this package
declares them all, the transitions (``cases.transitions``) first."""

from .. import transitions  # noqa: F401  (the lifecycle first: it leads the "next steps")
from . import (  # noqa: F401
    correction,
    discussion,
    execution,
    hearing,
    jurisdiction,
    people,
    preservation,
    publication,
    referral,
    seizure,
)

__all__: list[str] = []
