import pytest

from tests.cases.factories import build_team


@pytest.fixture
def team(db):
    return build_team()
