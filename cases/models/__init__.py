from .case import Case
from .events import CaseEvent
from .evidence import Evidence
from .handlers import CaseHandler
from .numbering import SerialCounter
from .party import Party

__all__ = ["Case", "CaseEvent", "CaseHandler", "Evidence", "Party", "SerialCounter"]
