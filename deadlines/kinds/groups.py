"""The closing triggers several kinds share: the case withdrawn or closed, the decision revoked or not
to be published, enforcement made moot."""

from __future__ import annotations

from ..choices import Outcome
from .conditions import (
    _not_publishable,
    _nothing_to_execute,
    paid_in_full,
)
from .triggers import (
    Closes,
)

# --- the kinds -------------------------------------------------------------------------------


WITHDRAWN = (Closes("withdraw", Outcome.ENDED, note="撤销立案"), Closes("transfer", Outcome.ENDED, note="移送有关机关"))
CLOSED = Closes("close", Outcome.ENDED, note="案件已结案")
# Revoked or void on a remedy, or revoked by the agency itself (行政处罚法 第七十五条第二款).
REVOKED = (
    Closes("record_remedy_outcome", Outcome.ENDED, when=_nothing_to_execute, note="决定已被撤销或者确认无效"),
    Closes("correct_decision", Outcome.ENDED, when=_nothing_to_execute, note="本机关已自行撤销决定"),
)
# 行政处罚法 第四十八条第二款: a decision revoked, confirmed unlawful or void is not published; 第五十条 and the
# 政府信息公开条例: a decision lawfully withheld is not due — neither shows as overdue.
NOT_TO_PUBLISH = (
    Closes("record_remedy_outcome", Outcome.ENDED, when=_not_publishable, note="决定已被撤销、确认违法或者确认无效"),
    Closes("correct_decision", Outcome.ENDED, when=_not_publishable, note="本机关已自行撤销决定"),
    Closes("decide_not_to_publish", Outcome.ENDED, note="本机关依法决定不予公开"),
)
# Court enforcement is moot once the party pays, or while a remedy they sought is pending.
ENFORCEMENT_MOOT = (
    Closes("record_payment", Outcome.ENDED, when=paid_in_full, note="已全部缴纳"),
    Closes("file_remedy", Outcome.ENDED, note="当事人申请行政复议或者提起行政诉讼，期间届满后重新计算"),
    *REVOKED,
    CLOSED,
)
# Opened when the decision is served, and again once a remedy is decided or withdrawn.
ENFORCEMENT_OPENS = ("serve", "record_remedy_outcome")
