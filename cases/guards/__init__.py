"""Guards: named functions returning the reasons a step is blocked (empty when it may proceed).

``core`` holds the context, the performers and the filing and summary-procedure
rules; ``deciding`` the rules of notice, hearing, review and discussion;
``referral`` those of referring a suspected crime. ``cases.transitions`` composes
them per transition.
"""

from .core import Context

__all__ = ["Context"]
