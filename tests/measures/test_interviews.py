"""Interviews: times, the officers present, a minor's guardian, the recording, and what the rules read."""

from __future__ import annotations

import pytest

from lawtrail.common.errors import NotFound, ValidationFailed
from lawtrail.events.models import Event
from lawtrail.measures.selectors import interview_get
from lawtrail.measures.services import interview_record
from lawtrail.org.policies import scope_for
from tests.factories import at
from tests.measures.helpers import case_with_suspect

MINOR_ID = "450403201001011234"  # born 2010-01-01: 16 on 2026-03-01


def _interview(bureau, case, party, officers, **details):
    return interview_record(
        actor=bureau.officer_a,
        case=case,
        party=party,
        kind="questioning",
        started_at=at("2026-03-01 11:00"),
        ended_at=at("2026-03-01 12:00"),
        officers=officers,
        place="case_area",
        **details,
    )


def test_interview_records_officers_recording_and_the_facts_the_rules_read(bureau):
    """Given a suspect, when an interview with two officers and a recording is recorded, then the event in
    the case's history says two police officers, recorded, not a minor."""
    case, party = case_with_suspect(bureau.officer_a)
    interview = _interview(
        bureau,
        case,
        party,
        [bureau.officer_a, bureau.head_sub_a],
        recording_media_id="WZ-1",
        recording_sha256="a" * 64,
        recording_complete=True,
        transcript="问：……",
    )
    assert set(interview.officers.all()) == {bureau.officer_a, bureau.head_sub_a}
    event = Event.objects.get(case=case, name="interview.held")
    assert event.payload["police_officers"] == 2
    assert (event.payload["av_recorded"], event.payload["minor"], event.payload["guardian_present"]) == (
        True,
        False,
        False,
    )


def test_one_officer_is_recorded_not_refused(bureau):
    """Given an interview with one officer and an auxiliary, then it is recorded with one police officer
    (supervision flags it; the record must show what happened)."""
    case, party = case_with_suspect(bureau.officer_a)
    _interview(bureau, case, party, [bureau.officer_a, bureau.auxiliary_a])
    assert Event.objects.get(name="interview.held").payload["police_officers"] == 1


def test_end_must_be_after_start(bureau):
    """Given an interview that ends when it starts, then it is refused and nothing is written."""
    case, party = case_with_suspect(bureau.officer_a)
    with pytest.raises(ValidationFailed, match="结束时间应晚于开始时间"):
        interview_record(
            actor=bureau.officer_a,
            case=case,
            party=party,
            kind="questioning",
            started_at=at("2026-03-01 11:00"),
            ended_at=at("2026-03-01 11:00"),
            officers=[bureau.officer_a],
            place="case_area",
        )
    assert not Event.objects.filter(name="interview.held").exists()


def test_a_minor_needs_a_guardian_or_appropriate_adult(bureau):
    """Given a 16-year-old suspect, when interviewed with nobody for them, then it is refused citing
    刑事诉讼法 第281条; with an appropriate adult it is recorded as a minor's interview with one present."""
    case, party = case_with_suspect(bureau.officer_a, id_number=MINOR_ID)
    with pytest.raises(ValidationFailed, match="第281条"):
        _interview(bureau, case, party, [bureau.officer_a, bureau.head_sub_a])
    _interview(
        bureau,
        case,
        party,
        [bureau.officer_a, bureau.head_sub_a],
        guardian_name="社工 李芳",
        guardian_role="appropriate_adult",
        absence_noted=True,
    )
    payload = Event.objects.get(name="interview.held").payload
    assert (payload["minor"], payload["age"], payload["guardian_present"]) == (True, 16, True)


def test_a_bad_hash_is_refused(bureau):
    """Given a recording hash that is not 64 hex digits, then the interview is refused."""
    case, party = case_with_suspect(bureau.officer_a)
    with pytest.raises(ValidationFailed, match="SHA-256"):
        _interview(bureau, case, party, [bureau.officer_a], recording_media_id="WZ-1", recording_sha256="xyz")


def test_interviews_are_scoped_like_their_case(bureau):
    """Given an interview of station A's case, then station A sees it and station B gets 404."""
    case, party = case_with_suspect(bureau.officer_a)
    interview = _interview(bureau, case, party, [bureau.officer_a])
    assert interview_get(scope_for(bureau.officer_a), str(interview.interview_id)) == interview
    with pytest.raises(NotFound):
        interview_get(scope_for(bureau.officer_b), str(interview.interview_id))
