"""Issue 12, item 4: a request can never run away in the database. A pathological query is cancelled by
PostgreSQL's statement_timeout within the limit, the request answers 503 ``query_timeout`` (JSON for the API, a
Chinese page otherwise), and the worker's connection serves the next request normally."""

from __future__ import annotations

import time

import pytest
from django.db import connection

import cases.api.views as api_views
import cases.views.listing as listing_views
from enforcement.timeouts import apply_statement_timeout

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SLOW = "(SELECT 1 FROM pg_sleep(3)) = 1"  # what a filter with no index over a million rows amounts to


@pytest.fixture
def limited(settings):
    settings.REQUEST_STATEMENT_TIMEOUT_MS = 300
    yield
    settings.REQUEST_STATEMENT_TIMEOUT_MS = 0
    apply_statement_timeout()  # this connection serves the following tests: back to no limit
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@pytest.fixture
def pathological(monkeypatch):
    """The case list's scope made slow, as an unindexed filter over a huge table would be."""
    for module in (api_views, listing_views):
        original = module.cases_visible_to
        monkeypatch.setattr(module, "cases_visible_to", lambda user, _o=original: _o(user).extra(where=[SLOW]))
    return monkeypatch


def test_a_runaway_api_list_is_cancelled_within_the_limit_and_the_worker_serves_the_next(
    team, api, limited, pathological
):
    team.open_and_file()
    client = api(team.officer1)

    started = time.monotonic()
    response = client.get("/api/v1/cases/")
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert response.json()["code"] == "query_timeout" and "查询超过了允许的时间" in response.json()["detail"]
    assert response["Retry-After"]
    assert elapsed < 2.5  # cancelled after 0.3 s of SQL, not after the 3 s the query asked for

    pathological.undo()
    again = client.get("/api/v1/cases/")
    assert again.status_code == 200 and again.json()["count"] == 1


def test_a_runaway_page_answers_a_chinese_503_page(client, team, limited, pathological):
    client.force_login(team.officer1.user)

    response = client.get("/cases/")

    assert response.status_code == 503
    assert "查询超时" in response.content.decode()


def test_without_a_limit_nothing_is_set(team, api, settings):
    settings.REQUEST_STATEMENT_TIMEOUT_MS = 0
    assert api(team.officer1).get("/api/v1/cases/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
