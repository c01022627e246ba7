"""Typed case events: every payload declared, validated when appended, read through typed attributes."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction

from cases.choices import EventType
from cases.models import Case
from cases.services.events import append_event
from events import EVENT_TYPES, InvalidPayload, payload_type, validate
from events.catalogue.deciding import Notified
from events.catalogue.execution import PaymentRecorded


def test_a_declared_payload_is_read_as_typed_values():
    data = validate(
        "record_payment",
        {"paid_on": "2026-09-20", "amount": "3000.00", "ledger": {"outstanding": "0.00"}, "paid_in_full": True},
    )

    assert isinstance(data, PaymentRecorded)
    assert data.paid_on == datetime.date(2026, 9, 20)
    assert data.amount == Decimal("3000.00")
    assert data.ledger is not None and data.ledger.outstanding == Decimal("0.00")


def test_a_field_no_type_declares_is_refused():
    with pytest.raises(InvalidPayload, match="servd_on"):
        validate("notify", {"servd_on": "2026-09-16"})


def test_a_value_of_the_wrong_type_is_refused():
    with pytest.raises(InvalidPayload, match="served_on"):
        validate("notify", {"served_on": "the sixteenth"})
    with pytest.raises(InvalidPayload, match="hearing_right"):
        validate("notify", {"hearing_right": "yes"})


def test_an_event_nobody_declared_is_refused():
    with pytest.raises(InvalidPayload, match="没有声明"):
        validate("make_it_so", {})


def test_reading_a_field_no_type_declares_raises():
    data = validate("notify", {"served_on": "2026-09-16"})

    with pytest.raises(AttributeError):
        data.hearing_request_deadline  # noqa: B018


def test_an_instant_is_read_as_its_shanghai_day():
    # 2026-09-30 17:00 UTC is already 1 October in Beijing.
    data = validate("notify", {"served_on": "2026-09-30T17:00:00Z"})

    assert data.served_on == datetime.date(2026, 10, 1)


def test_every_payload_type_round_trips_through_json():
    for key, cls in EVENT_TYPES.items():
        empty = cls.parse({}) if not _required(cls) else None
        if empty is not None:
            assert cls.parse(empty.to_json()) == empty, key


def _required(cls) -> bool:
    import dataclasses

    return any(
        f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING for f in dataclasses.fields(cls)
    )


@pytest.mark.django_db
def test_appending_an_undeclared_field_writes_nothing(team):
    case = team.open()
    before = case.events.count()

    def append_misspelt():
        with transaction.atomic():
            locked = Case.objects.select_for_update().get(pk=case.pk)
            append_event(case=locked, event_type=EventType.TRANSITION, name="notify", payload={"servd_on": "x"})

    with pytest.raises(InvalidPayload):
        append_misspelt()

    assert case.events.count() == before


@pytest.mark.django_db
def test_the_stored_event_gives_back_its_typed_payload(team):
    case = team.open()
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        event = append_event(
            case=locked,
            event_type=EventType.TRANSITION,
            name="notify",
            payload={"served_on": datetime.date(2026, 9, 16)},
        )

    stored = case.events.get(pk=event.pk)
    assert stored.payload["served_on"] == "2026-09-16"
    assert stored.data_as(Notified).served_on == datetime.date(2026, 9, 16)
    assert payload_type(stored.key) is Notified
