import pytest

from clock.signals import calendar_year_changed


@pytest.fixture
def announced():
    """The years ``calendar_year_changed`` was sent for, in order."""
    years: list[int] = []

    def receiver(sender, year, **kwargs):
        years.append(year)

    calendar_year_changed.connect(receiver, dispatch_uid="tests.clock.announced")
    yield years
    calendar_year_changed.disconnect(dispatch_uid="tests.clock.announced")
