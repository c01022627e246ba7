"""Idempotency-Key on the API's writes (API.md): a retried request never acts twice."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from cases.choices import EventType
from kernel.models import IdempotencyRecord

pytestmark = pytest.mark.django_db

PARTY = {"kind": "individual", "name": "赵六", "identifier": ""}


def post(client, url, body, key, **extra):
    return client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY=key, **extra)


def test_the_same_key_and_body_replay_the_first_answer_and_act_once(team, api):
    case = team.open()
    client = api(team.officer1)
    url = f"/api/v1/cases/{case.pk}/actions/add_party/"

    first = post(client, url, PARTY, "outbox-1")
    again = post(client, url, PARTY, "outbox-1")

    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert case.parties.filter(name="赵六").count() == 1
    assert case.events.filter(event_type=EventType.PARTY_ADDED).count() == 2  # the opening party and this one


def test_the_same_key_with_another_body_is_a_conflict(team, api):
    case = team.open()
    client = api(team.officer1)
    url = f"/api/v1/cases/{case.pk}/actions/add_party/"
    post(client, url, PARTY, "outbox-2")

    other = post(client, url, {**PARTY, "name": "钱七"}, "outbox-2")

    assert other.status_code == 409
    assert other.json()["code"] == "idempotency_conflict"
    assert not case.parties.filter(name="钱七").exists()


def test_a_refusal_is_replayed_without_a_second_attempt(team, api):
    case = team.open()  # not yet requested for filing: the head's approval is refused
    client = api(team.head)
    url = f"/api/v1/cases/{case.pk}/transitions/file/"

    first = post(client, url, {}, "file-once")
    refused_attempts = case.events.filter(event_type=EventType.ATTEMPT_REFUSED).count()
    again = post(client, url, {}, "file-once")

    assert first.status_code == again.status_code == 409
    assert again.json() == first.json()
    assert case.events.filter(event_type=EventType.ATTEMPT_REFUSED).count() == refused_attempts


def test_keys_belong_to_their_user(team, api):
    case = team.open()
    url = f"/api/v1/cases/{case.pk}/actions/add_party/"

    post(api(team.officer1), url, PARTY, "shared")
    other = post(api(team.officer2), url, {**PARTY, "name": "孙八"}, "shared")

    assert other.status_code == 200
    assert case.parties.filter(name="孙八").exists()


def test_an_expired_key_may_be_used_again(team, api):
    case = team.open()
    client = api(team.officer1)
    url = f"/api/v1/cases/{case.pk}/actions/add_party/"
    post(client, url, PARTY, "old-key")
    IdempotencyRecord.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))

    again = post(client, url, PARTY, "old-key")

    assert "Idempotent-Replayed" not in again
    assert case.parties.filter(name="赵六").count() == 2


def test_a_request_still_in_progress_is_not_run_twice(team, api):
    case = team.open()
    client = api(team.officer1)
    url = f"/api/v1/cases/{case.pk}/actions/add_party/"
    post(client, url, PARTY, "slow")
    IdempotencyRecord.objects.filter(key="slow").update(status_code=None, body=None)  # as if still answering

    again = post(client, url, PARTY, "slow")

    assert again.status_code == 409
    assert again.json()["code"] == "idempotency_in_progress"


def test_an_unprintable_key_is_refused(team, api):
    case = team.open()

    answer = post(api(team.officer1), f"/api/v1/cases/{case.pk}/actions/add_party/", PARTY, "x" * 201)

    assert answer.status_code == 400


def test_a_key_given_back_between_the_clash_and_the_read_is_claimed_afresh(team, api, monkeypatch):
    """Two requests with one key: the other's insert clashed with ours, then it failed (5xx) and gave the key back
    before we read it. We take the key and act once, rather than answer 500."""
    case = team.open()
    create = IdempotencyRecord.objects.create
    clashes = []

    def clash_once(**fields):
        if not clashes:
            clashes.append(fields["key"])
            raise IntegrityError("duplicate key value violates unique constraint")
        return create(**fields)

    monkeypatch.setattr(IdempotencyRecord.objects, "create", clash_once)

    answer = post(api(team.officer1), f"/api/v1/cases/{case.pk}/actions/add_party/", PARTY, "given-back")

    assert clashes == ["given-back"]
    assert answer.status_code == 200
    assert case.parties.filter(name="赵六").count() == 1
    assert IdempotencyRecord.objects.get(key="given-back").status_code == 200
