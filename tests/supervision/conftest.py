import pytest

from tests.cases.factories import build_team


@pytest.fixture
def team(db):
    return build_team()


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    def client_for(officer=None):
        client = APIClient()
        if officer is not None:
            client.force_authenticate(officer.user)
        return client

    return client_for
