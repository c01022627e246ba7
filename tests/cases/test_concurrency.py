"""Of N simultaneous conflicting transitions exactly one succeeds (real connections on PostgreSQL)."""

import threading

import pytest
from django.db import connection

from cases.choices import CaseStatus, EventType
from cases.models import Case
from cases.services import lifecycle
from cases.services.events import verify_chain
from cases.services.runner import TransitionBlocked
from tests.cases.factories import build_team

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N = 6


def _race(target, n=N):
    barrier = threading.Barrier(n)
    outcomes: list[object] = []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait(timeout=10)
            result = target()
        except Exception as exc:  # collected and asserted below
            result = exc
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_only_one_of_n_simultaneous_filings_succeeds():
    team = build_team()
    case = team.open(request_filing=True)

    outcomes = _race(lambda: lifecycle.file_case(case=case, actor=team.head.user))

    succeeded = [o for o in outcomes if isinstance(o, Case)]
    refused = [o for o in outcomes if isinstance(o, TransitionBlocked)]
    assert len(succeeded) == 1, outcomes
    assert len(refused) == N - 1, outcomes
    assert all(r.reasons[0].code == "wrong_state" for r in refused)
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING
    assert case.events.filter(event_type=EventType.TRANSITION).count() == 1
    assert case.events.filter(event_type=EventType.ATTEMPT_REFUSED).count() == N - 1
    assert verify_chain(case.pk) is None


def test_simultaneous_filings_of_different_cases_get_distinct_gapless_numbers():
    team = build_team()
    cases = [team.open(request_filing=True) for _ in range(N)]
    queue = list(cases)
    pick = threading.Lock()

    def file_next():
        with pick:
            mine = queue.pop()
        return lifecycle.file_case(case=mine, actor=team.head.user)

    outcomes = _race(file_next)

    assert all(isinstance(o, Case) for o in outcomes), outcomes
    assert sorted(o.number_serial for o in outcomes) == list(range(1, N + 1))
