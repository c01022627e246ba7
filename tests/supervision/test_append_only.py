"""An interference record stays as written: the database, the model and the queryset refuse changes."""

import datetime

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from supervision.models import AppendOnlyError, InterferenceRecord
from tests.supervision.factories import record

pytestmark = pytest.mark.postgres


def _raw(sql, params):
    # Straight to the database, past the model and the queryset: only the trigger stands in the way.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_refuses_to_update_a_record(team):
    made = record(team.officer1)

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _raw("UPDATE supervision_interferencerecord SET how_handled = %s WHERE id = %s", ["已按其要求处理。", made.pk])

    made.refresh_from_db()
    assert made.how_handled == "当即表示须依法办理，并向局长报告。"


def test_the_database_refuses_to_delete_a_record(team):
    made = record(team.officer1)

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _raw("DELETE FROM supervision_interferencerecord WHERE id = %s", [made.pk])

    assert InterferenceRecord.objects.filter(pk=made.pk).exists()


def test_the_model_refuses_to_delete_or_resave_a_record(team):
    made = record(team.officer1)

    with pytest.raises(AppendOnlyError, match="不能删除"):
        made.delete()
    made.how_handled = "改写"
    with pytest.raises(AppendOnlyError, match="不能修改"):
        made.save()


def test_the_queryset_refuses_bulk_update_and_delete(team):
    record(team.officer1)

    with pytest.raises(AppendOnlyError):
        InterferenceRecord.objects.all().update(how_handled="改写")
    with pytest.raises(AppendOnlyError):
        InterferenceRecord.objects.all().delete()


def test_the_database_refuses_a_time_after_the_recording(team):
    made = record(team.officer1)
    later = made.recorded_at + datetime.timedelta(days=1)

    with pytest.raises(IntegrityError, match="interference_occurred_before_recorded"), transaction.atomic():
        _raw(
            "INSERT INTO supervision_interferencerecord (agency_id, recorded_by_id, recorded_at, intervener_name,"
            " intervener_position, intervener_unit, occurred_at, manner, what_was_asked, how_handled, evidence_notes)"
            " VALUES (%s, %s, %s, '刘某', '', '', %s, 'phone', '要求从轻。', '拒绝。', '')",
            [team.agency.pk, team.officer1.pk, made.recorded_at, later],
        )


def test_the_admin_offers_no_add_change_or_delete(team, rf):
    from django.contrib.admin.sites import site

    model_admin = site._registry[InterferenceRecord]
    request = rf.get("/admin/")
    request.user = team.officer1.user

    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
