"""Custody and arrest approval: the order of the steps, and what is refused."""

from __future__ import annotations

import pytest

from lawtrail.common.errors import TransitionNotAllowed
from lawtrail.measures.services import measure_event
from tests.factories import at
from tests.measures.helpers import case_with_suspect, summons


def _step(bureau, measure, name, when, **payload):
    return measure_event(
        measure=measure, name=name, actor=bureau.officer_a, payload=payload, occurred_at=at(when)
    )


def test_detention_jail_request_refusal_release_receipt_and_reconsideration(bureau):
    """Given a criminal detention, when it is jailed, arrest requested and refused, the person released, the
    receipt sent and reconsideration asked, then the measure records each moment."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    detention = summons(bureau.officer_a, case, party, kind="criminal_detention")
    _step(bureau, detention, "measure.jailed", "2026-03-01 18:00")
    _step(bureau, detention, "measure.arrest_requested", "2026-03-03 10:00", detained=True)
    refused = _step(bureau, detention, "measure.arrest_refused", "2026-03-05 10:00")
    assert (refused.arrest_answer, refused.arrest_answered_at) == ("refused", at("2026-03-05 10:00"))
    _step(bureau, detention, "measure.ended", "2026-03-05 11:00", reason="released")
    sent = _step(bureau, detention, "measure.receipt_sent", "2026-03-05 12:00")
    assert sent.receipt_sent_at == at("2026-03-05 12:00")
    _step(bureau, detention, "measure.reconsideration_requested", "2026-03-06 09:00")


def test_answers_need_a_pending_request_and_a_summons_is_not_jailed(bureau):
    """Given a detention without an arrest request, then an approval is refused; a second request while
    one is pending is refused; a summons cannot be jailed; reconsideration needs a refusal."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    detention = summons(bureau.officer_a, case, party, kind="criminal_detention")
    with pytest.raises(TransitionNotAllowed, match="没有待决"):
        _step(bureau, detention, "measure.arrest_approved", "2026-03-02 10:00")
    _step(bureau, detention, "measure.arrest_requested", "2026-03-02 10:00")
    with pytest.raises(TransitionNotAllowed, match="尚未作出决定"):
        _step(bureau, detention, "measure.arrest_requested", "2026-03-02 11:00")
    _step(bureau, detention, "measure.arrest_approved", "2026-03-03 10:00")
    with pytest.raises(TransitionNotAllowed, match="不批准逮捕时"):
        _step(bureau, detention, "measure.reconsideration_requested", "2026-03-04 10:00")
    with pytest.raises(TransitionNotAllowed, match="看守所"):
        _step(bureau, summons(bureau.officer_a, case, party), "measure.jailed", "2026-03-01 12:00")
