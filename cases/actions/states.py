"""Sets of states the declarations share."""

from ..choices import TERMINAL_STATES, CaseStatus

# Every state in which the file is still open to additions (not closed, declined, withdrawn or transferred).
OPEN_STATES = frozenset(s for s in CaseStatus if s not in TERMINAL_STATES)
EVERY_STATE = frozenset(CaseStatus)
