"""The one action registry: every action a user can take on a case is declared once, and from that declaration
come its API endpoint with its payload in the schema, its page form, its guards, and its reasons — the same for
the page's next steps and the API's ``transitions`` and ``actions``."""

from __future__ import annotations

import pytest
import yaml
from django.urls import resolve, reverse

from cases import registry
from cases.api.views import CaseViewSet
from cases.services.runner import available

pytestmark = pytest.mark.django_db

ACTIONS = registry.all_actions()
NAMES = [a.name for a in ACTIONS]


def _kind(action) -> str:
    return "transitions" if action.transition else "actions"


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    from rest_framework.test import APIClient

    from tests.officers.factories import OfficerFactory

    with django_db_blocker.unblock():
        client = APIClient()
        # Committed outside any test's transaction: no document settings, which the demo's tests count.
        client.force_authenticate(OfficerFactory(agency__remedy_bodies=False).user)
        return yaml.safe_load(client.get("/api/v1/schema/").content)["paths"]


def test_the_registry_holds_the_lifecycle_and_the_actions_beside_it():
    names = set(NAMES)
    assert len(names) == len(NAMES), "an action is declared twice"
    assert {"file", "decide", "close", "refer_to_police"} <= names  # transitions
    assert {"add_party", "add_evidence", "extend_deadline"} <= names  # beside the lifecycle
    assert {"file_remedy", "approve_arrangement", "issue_reminder", "serve_reminder", "apply_to_court"} <= names
    assert {"submit_referral_report", "decide_referral", "publish_decision", "serve_document"} <= names


def test_a_guard_name_means_one_rule():
    # The docs and the page name a guard by its function's name: two different rules may not share one.
    named: dict[str, object] = {}
    for action in ACTIONS:
        for guard in (action.performer, *action.all_guards):
            assert named.setdefault(guard.__name__, guard) is guard, f"two guards are called {guard.__name__}"


@pytest.mark.parametrize("action", ACTIONS, ids=NAMES)
def test_every_action_has_an_endpoint_a_page_form_a_schema_entry_and_named_guards(action, schema, team):
    # The API endpoint.
    match = resolve(f"/api/v1/cases/1/{_kind(action)}/{action.name}/")
    assert match.func.cls is CaseViewSet and match.kwargs["name"] == action.name
    # The page form: posted to the one perform view.
    assert resolve(reverse("cases:action", args=[1, action.name])).url_name == "action"
    case = team.open()
    assert action.form(case=case, prefix=action.name).fields
    # Its payload in the OpenAPI schema.
    operation = schema[f"/api/v1/cases/{{id}}/{_kind(action)}/{action.name}/"]["post"]
    body = next(iter(operation["requestBody"]["content"].values()))["schema"]
    assert set(body["properties"]) == set(action.form().fields)
    # Who performs it and its guards are named functions (each returns {code, detail, article}).
    for guard in (action.performer, *action.all_guards):
        assert callable(guard) and guard.__name__ != "<lambda>", guard
    assert action.sources, "an action that applies in no state"
    assert action.event, "an action appends an event"


@pytest.mark.parametrize("action", ACTIONS, ids=NAMES)
def test_an_officer_of_another_agency_gets_404_for_every_action(action, team, api, client):
    case = team.open()

    answer = api(team.outsider).post(f"/api/v1/cases/{case.pk}/{_kind(action)}/{action.name}/", {}, format="json")
    client.force_login(team.outsider.user)
    page = client.post(reverse("cases:action", args=[case.pk, action.name]), {})

    assert (answer.status_code, page.status_code) == (404, 404)
    assert answer.json()["code"] == "not_found"


def test_an_unknown_action_is_404(team, api):
    case = team.open()

    assert api(team.officer1).post(f"/api/v1/cases/{case.pk}/actions/fly_away/", {}, format="json").status_code == 404
    assert api(team.officer1).post(f"/api/v1/cases/{case.pk}/actions/file/", {}, format="json").status_code == 404
    assert (
        api(team.officer1).post(f"/api/v1/cases/{case.pk}/transitions/add_party/", {}, format="json").status_code == 404
    )


def test_the_case_file_lists_the_actions_beside_the_transitions_with_their_reasons(team, api):
    case = team.open()

    body = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()

    steps = {a["name"]: a for a in body["actions"]}
    assert steps["request_filing"]["allowed"] is True
    assert {t["name"] for t in body["transitions"]} == {
        a.name for a, _ in available(case, team.officer1.user, transition=True)
    }
    assert not any(a["name"] in {t["name"] for t in body["transitions"]} for a in body["actions"])
    assert all({"name", "label", "allowed", "reasons"} <= set(a) for a in body["actions"])


def test_a_light_answer_gives_the_state_the_event_and_the_next_steps(team, api):
    case = team.open()

    answer = api(team.officer1).post(f"/api/v1/cases/{case.pk}/actions/request_filing/?view=light", {}, format="json")

    body = answer.json()
    assert answer.status_code == 200
    assert set(body) == {"id", "status", "event", "transitions", "actions"}
    assert (body["status"], body["event"]["event_type"]) == ("lead", "filing_requested")
    assert next(t for t in body["transitions"] if t["name"] == "file")["allowed"] is False  # for the handler


def test_a_light_answer_to_a_transition_gives_the_state_it_left(team, api):
    case = team.open(request_filing=True)

    answer = api(team.head).post(f"/api/v1/cases/{case.pk}/transitions/file/?view=light", {}, format="json")

    body = answer.json()
    assert answer.status_code == 200, body
    assert (body["status"], body["event"]["event_type"]) == ("investigating", "transition")
    assert "conclude_investigation" in {t["name"] for t in body["transitions"]}


def test_a_listener_adds_its_guard_to_an_action_of_cases():
    close = registry.action_named("close")

    assert "documents_issued" in [g.__name__ for g in close.all_guards]
