"""The tamper-evident record: an append-only, hash-chained CaseEvent (DESIGN.md)."""

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from cases.models import CaseEvent
from cases.services.events import verify_chain

pytestmark = pytest.mark.postgres


def test_every_event_links_to_the_previous_one(team):
    case = team.open_and_file()

    events = list(case.events.order_by("seq"))

    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(events))
    assert verify_chain(case.pk) is None


def test_the_database_refuses_to_update_an_event(team):
    event = team.open().events.first()

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).update(payload={"forged": True})


def test_the_database_refuses_to_delete_an_event(team):
    event = team.open().events.first()

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).delete()


def _behind_the_systems_back(sql, params):
    # What an intruder with database superuser rights could do: bypass the trigger.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        cursor.execute("SET LOCAL session_replication_role = origin")


def test_verify_audit_passes_then_reports_a_row_altered_behind_the_systems_back(team, capsys):
    case = team.open_and_file()
    call_command("verify_audit")
    assert "完好" in capsys.readouterr().out
    second = case.events.get(seq=2)

    _behind_the_systems_back("UPDATE cases_caseevent SET payload = %s WHERE id = %s", ['{"name": "王五"}', second.pk])

    assert verify_chain(case.pk).seq == 2
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert f"案件 {case.pk} 第 2 条事件" in capsys.readouterr().err


def test_verify_audit_reports_a_deleted_row(team):
    case = team.open_and_file()
    middle = case.events.get(seq=2)

    _behind_the_systems_back("DELETE FROM cases_caseevent WHERE id = %s", [middle.pk])

    broken = verify_chain(case.pk)
    assert broken.seq == 2
    assert "删除" in broken.problem
