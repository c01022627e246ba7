"""schemathesis against the live OpenAPI schema (issue 11, item 4): every operation, for several roles, with
data that fits the schema and data that does not — zero 500s, every status code documented, every body as the
schema says.

Seeded (``derandomize``) and bounded (``ZHIFA_FUZZ_EXAMPLES`` per operation, 8 by default, each by one of four
roles) in the suite; ``make fuzz`` runs it with many more examples and a random seed. Requests go through Django's WSGI
application in-process, authenticated by a session cookie (the login survives any change of the token scheme),
inside the test's transaction.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string  # type: ignore[attr-defined]
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("ZHIFA_FUZZ_EXAMPLES", "8"))
RANDOM = os.environ.get("ZHIFA_FUZZ_RANDOM", "") == "1"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# The token endpoint: a fuzzed body is a bad request or bad credentials (or throttled), never a token.
AUTH_STATUSES = {400, 401, 429}

pytestmark = [pytest.mark.xdist_group("fuzz")]


@contextmanager
def in_test_transaction():
    """Django's WSGI application, in the test's transaction: like the test client, keep the request signals from
    closing the connection that holds it (the test client connects them again after each of its requests)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def wsgi_app():
    return WSGIHandler()


@pytest.fixture
def world(team, local_storage):
    """Cases of the team in several states, with evidence, for the path parameters to point at."""
    lead = team.open()
    filed = team.open_and_file()
    concluded = team.conclude(team.open_and_file())
    notified = team.notify(team.conclude(team.open_and_file()))
    spot = team.open_on_the_spot()
    cases = [lead, filed, concluded, notified, spot]
    evidence = [team.gather_evidence(c) for c in (lead, filed)]
    return {"cases": [c.pk for c in cases], "evidence": [e.pk for e in evidence]}


def session_for(user) -> tuple[dict[str, str], dict[str, str]]:
    """Cookies and headers of a logged-in browser: the session and a CSRF token (SessionAuthentication)."""
    client = Client()
    client.force_login(user)
    token = _get_new_csrf_string()
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": token}
    return cookies, {"X-CSRFToken": token}


def load_schema(wsgi_app, user):
    client = Client()
    client.force_login(user)
    raw = client.get("/api/v1/schema/", {"format": "json"}, HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert raw.status_code == 200
    schema = schemathesis.openapi.from_dict(json.loads(raw.content))
    schema.app = wsgi_app
    return schema


def fuzz_operation(operation, *, ids: list[int], sessions: dict[str, tuple[dict, dict]]) -> None:
    """``EXAMPLES`` requests to ``operation``, each by one of the roles, with data that fits the schema or not."""
    ids_strategy = st.sampled_from([*ids, 0, 2**31])
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    strategy = st.one_of(*(operation.as_strategy(generation_mode=m) for m in modes))
    auth = operation.path.endswith("/auth/token/")

    @settings(
        max_examples=EXAMPLES,
        derandomize=not RANDOM,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy, role=st.sampled_from(sorted(sessions)), pick=st.data())
    def run(case, role, pick):
        for name in case.path_parameters or {}:
            if name in ("id", "pk", "publication"):
                case.path_parameters[name] = pick.draw(ids_strategy)
        cookies, headers = sessions[role]
        with in_test_transaction():
            response = case.call(cookies=cookies, headers=headers)
        if auth:
            assert response.status_code in AUTH_STATUSES, (response.status_code, response.text[:300])
        case.validate_response(response, checks=CHECKS)

    run()


# A handler, the head who approves and decides, the legal reviewer and the supervisor of the justice bureau.
ROLES = ["officer1", "head", "reviewer", "supervisor"]


def test_no_server_error_and_every_response_as_documented(team, world, wsgi_app):
    schema = load_schema(wsgi_app, team.head.user)
    sessions = {role: session_for(getattr(team, role).user) for role in ROLES}
    ids = world["cases"] + world["evidence"]
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            fuzz_operation(operation, ids=ids, sessions=sessions)
        except (Exception, BaseExceptionGroup) as exc:  # every operation's failures in one report
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert not failures, "\n\n".join(failures)
