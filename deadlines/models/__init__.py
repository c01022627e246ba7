from .deadline import Deadline, DeadlineChange, DeadlineExtension, DeadlineSuspension
from .notification import Notification
from .policy import DeadlinePolicy, deadline_policy_for

__all__ = [
    "Deadline",
    "DeadlineChange",
    "DeadlineExtension",
    "DeadlinePolicy",
    "DeadlineSuspension",
    "Notification",
    "deadline_policy_for",
]
