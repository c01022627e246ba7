import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _strict_deadlines(settings):
    # The receiver logs and swallows its faults in production (never undoing a legal act); tests see them.
    settings.DEADLINES_STRICT = True


class Travel:
    """``travel(date)`` freezes the clock at 09:00 Shanghai time on that day; ``travel.stop()`` lets it run."""

    def __init__(self) -> None:
        self._traveller = None

    def __call__(self, day: datetime.date, hour: int = 9) -> None:
        self.stop()
        moment = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SH)
        self._traveller = time_machine.travel(moment, tick=False)
        self._traveller.start()

    def stop(self) -> None:
        if self._traveller is not None:
            self._traveller.stop()
            self._traveller = None


@pytest.fixture
def travel():
    traveller = Travel()
    yield traveller
    traveller.stop()
