"""get_by_key: one row by a unique text key, with the SQL compiled once (the lookup every event makes)."""

from __future__ import annotations

import pytest
from django.db import transaction

from lawtrail.cases.models import Case
from lawtrail.common.keyed import get_by_key
from lawtrail.events.models import Event
from lawtrail.org.models import Officer
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_finds_the_same_row_as_a_queryset_with_converted_values(bureau):
    """Given a case, when it is fetched by number, then it is the same row with aware datetimes and JSON."""
    case = make_case(bureau.officer_a)
    found = get_by_key(Case, "number", case.number)
    expected = Case.objects.get(number=case.number)
    assert _fields(found) == _fields(expected)
    assert found.accepted_at.tzinfo is not None
    assert found.decision == {}
    officer = get_by_key(Officer, "badge_no", bureau.officer_a.badge_no)
    assert _fields(officer) == _fields(Officer.objects.get(pk=bureau.officer_a.pk))
    assert officer.qualification_expires is not None  # a date, converted


def test_missing_key_is_none_and_locking_works_in_a_transaction(bureau):
    """Given no such badge, then None; given one, a locking fetch inside a transaction returns it."""
    assert get_by_key(Officer, "badge_no", "no-such-badge") is None
    with transaction.atomic():
        assert get_by_key(Officer, "badge_no", bureau.officer_a.badge_no, for_update=True) == bureau.officer_a


def test_keys_that_are_not_text_fall_back_to_the_queryset(bureau):
    """Given a UUID key (its value is converted before it reaches the database), then the queryset is used."""
    event = make_case(bureau.officer_a).events.first()
    assert get_by_key(Event, "event_id", event.event_id) == event


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
