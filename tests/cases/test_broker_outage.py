"""A broker that is down when the act commits (Redis stopped) loses no file: the worker's check of the stored
evidence is queued after the commit, robustly, and the stored object is removed only when no committed row names
it (issue 11, item 1). Real commits on PostgreSQL: the post-commit hooks run where production runs them, inside
the act's outermost transaction."""

import datetime
import io

import pytest
import time_machine
from kombu.exceptions import OperationalError

from cases.models import Evidence
from cases.services import execution as svc
from cases.services.evidence import add_evidence
from cases.tasks import verify_evidence, verify_unverified_evidence
from media_storage.storage import get_storage
from tests.cases.factories import build_team
from tests.cases.test_execution import PDF, at, decided, serve
from tests.cases.test_pages import jpeg_bytes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker_down(monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(verify_evidence, "apply_async", refused)


@pytest.fixture
def team(clock):
    return build_team()


@pytest.fixture
def clock():
    with time_machine.travel(at(2026, 6, 1), tick=False) as traveller:
        yield traveller


def test_evidence_uploaded_while_the_broker_is_down_is_kept_and_waits_for_its_check(team, local_storage, broker_down):
    case = team.open_and_file()
    data = jpeg_bytes()

    evidence = add_evidence(
        case=case, actor=team.officer1.user, stream=io.BytesIO(data), original_filename="scene.jpg", kind="photo",
        title="现场照片", head=data[:64], size=len(data),
    )  # fmt: skip

    stored = Evidence.objects.get(pk=evidence.pk)
    assert get_storage().exists(stored.storage_key)
    assert stored.last_verified_at is None  # checked once the broker is back (a sweep: issue 11)
    assert case.events.filter(payload__evidence=evidence.pk).exists()


def test_the_sweep_checks_what_the_outage_left_unverified_once_the_broker_is_back(
    team, local_storage, broker_down, monkeypatch, clock
):
    case = team.open_and_file()
    data = jpeg_bytes()
    evidence = add_evidence(
        case=case, actor=team.officer1.user, stream=io.BytesIO(data), original_filename="scene.jpg", kind="photo",
        title="现场照片", head=data[:64], size=len(data),
    )  # fmt: skip
    monkeypatch.undo()  # the broker is back (tasks run eagerly in the suite)

    queued_at_once = verify_unverified_evidence.delay().get()  # a check may still be in the queue: left alone
    clock.shift(datetime.timedelta(minutes=11))
    queued_later = verify_unverified_evidence.delay().get()

    assert (queued_at_once, queued_later) == (0, 1)
    assert Evidence.objects.get(pk=evidence.pk).last_verified_at is not None
    assert verify_unverified_evidence.delay().get() == 0  # nothing left


def test_a_receipt_uploaded_while_the_broker_is_down_is_kept(team, local_storage, broker_down):
    case = decided(team)
    serve(team, case)

    service = svc.attach_service_receipt(
        service=case.services.get(), actor=team.officer1.user, stream=io.BytesIO(PDF),
        original_filename="送达回证.pdf", head=PDF[:64], size=len(PDF),
    )  # fmt: skip

    assert service.receipt is not None
    assert get_storage().exists(service.receipt.storage_key)


def test_an_act_that_fails_before_its_commit_still_removes_its_object(team, local_storage, monkeypatch):
    case = team.open_and_file()
    data = jpeg_bytes()
    monkeypatch.setattr("cases.services.evidence.void_pass", lambda *a, **k: 1 / 0)

    with pytest.raises(ZeroDivisionError):
        add_evidence(
            case=case, actor=team.officer1.user, stream=io.BytesIO(data), original_filename="scene.jpg",
            kind="photo", title="现场照片", head=data[:64], size=len(data),
        )  # fmt: skip

    assert not Evidence.objects.exists()
    evidence_folder = local_storage / "cases"  # cases/<agency>/<case>/evidence/… (the filing approval's PDF is not)
    assert evidence_folder.exists()  # it was stored …
    assert [p for p in evidence_folder.rglob("*") if p.is_file() and ".meta" not in p.parts] == []  # … then removed
