"""An interview's synchronized recording and transcript as stored media (uploaded on the interview form or
referenced by media id, hash checked), and the two-officer rule judging a one-officer interview by its
place and recording — raised, met, and not resolved by a later interview, as the rule says."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from lawtrail.common.errors import ValidationFailed
from lawtrail.events.models import Event
from lawtrail.incidents.media_services import media_upload
from lawtrail.measures.models import Interview
from lawtrail.measures.services import interview_record
from lawtrail.supervision.models import Alert, AlertState
from lawtrail.supervision.runtime import Engine, Target, supervise_one
from tests.factories import at
from tests.measures.helpers import case_with_suspect
from tests.supervision.runtime_helpers import Clock

MP4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x01" * 3000
PDF = b"%PDF-1.7\n" + b"y" * 400
FAMILY = "ps.two_officers_investigation"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def login(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


def _body(party, **extra):
    return {
        "kind": "questioning",
        "party": str(party.party_id),
        "started_at": "2026-03-01T11:00",
        "ended_at": "2026-03-01T12:00",
        "officers": "100001",
        "place": "case_area",
        "room": "询问室1",
        **extra,
    }


def test_the_form_stores_the_recording_and_reads_a_text_transcript(bureau):
    """Given an interview posted with a recording file and a UTF-8 transcript file, then the recording is a
    stored media record linked to the interview with its SHA-256 in the interview and `av_recorded` true in
    the event; the transcript text is the file's."""
    case, party = case_with_suspect(bureau.officer_a)
    response = login(bureau.officer_a).post(
        f"/measures/case/{case.number}/interview/",
        _body(
            party,
            recording_file=ContentFile(MP4, name="rec.mp4"),
            transcript_file=ContentFile("问：你叫什么名字？\n答：王强。".encode(), name="笔录.txt"),
            recording_complete="on",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    interview = Interview.objects.get(case=case)
    media = interview.media.get()
    assert (media.kind, media.sha256) == ("interview_recording", hashlib.sha256(MP4).hexdigest())
    assert interview.recording_sha256 == media.sha256
    assert interview.transcript == "问：你叫什么名字？\n答：王强。"
    held = Event.objects.get(name="interview.held", case=case)
    assert (held.payload["av_recorded"], held.payload["recording_media_id"]) == (True, str(media.media_id))


def test_a_scanned_transcript_is_kept_as_a_file(bureau):
    """Given a PDF transcript, then it is stored as a document media record named by the interview."""
    case, party = case_with_suspect(bureau.officer_a)
    response = login(bureau.officer_a).post(
        f"/measures/case/{case.number}/interview/",
        _body(party, transcript_file=ContentFile(PDF, name="b.pdf")),
    )
    assert response.status_code == 302
    interview = Interview.objects.get(case=case)
    assert interview.media.get(kind="document").media_id.hex == interview.transcript_media_id.replace("-", "")


def test_a_refused_interview_leaves_no_stored_recording(bureau, settings):
    """Given an interview whose end is before its start, when posted with a recording, then the form shows
    the error and neither the media record nor the file remains."""
    from lawtrail.incidents.models import MediaRecord

    case, party = case_with_suspect(bureau.officer_a)
    response = login(bureau.officer_a).post(
        f"/measures/case/{case.number}/interview/",
        _body(party, ended_at="2026-03-01T10:00", recording_file=ContentFile(MP4, name="rec.mp4")),
    )
    assert response.status_code == 200
    assert "结束时间应晚于开始时间" in response.content.decode()
    assert not MediaRecord.objects.exists()
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))


def test_a_referenced_recording_must_have_the_registered_hash(bureau):
    """Given a recording in the store, when an interview names it with another SHA-256, then it is
    refused; with no hash given, the registered one is filled in."""
    case, party = case_with_suspect(bureau.officer_a)
    media = media_upload(
        actor=bureau.officer_a,
        upload=ContentFile(MP4, name="r.mp4"),
        kind="interview_recording",
        captured_at=at("2026-03-01 11:00"),
        unit=bureau.station_a,
        propose_links=False,
    )
    common = {
        "actor": bureau.officer_a,
        "case": case,
        "party": party,
        "kind": "questioning",
        "started_at": at("2026-03-01 11:00"),
        "ended_at": at("2026-03-01 12:00"),
        "officers": [bureau.officer_a],
        "place": "case_area",
    }
    with pytest.raises(ValidationFailed, match="SHA-256与音视频资料登记的不符"):
        interview_record(**common, recording_media_id=str(media.media_id), recording_sha256="0" * 64)
    interview = interview_record(**common, recording_media_id=str(media.media_id))
    assert interview.recording_sha256 == media.sha256
    media.refresh_from_db()
    assert (media.interview, media.case) == (interview, case)


def _one_officer(bureau, case, party, *, place: str, recorded: bool, start: str = "2026-03-01 11:00"):
    return interview_record(
        actor=bureau.officer_a,
        case=case,
        party=party,
        kind="questioning",
        started_at=at(start),
        ended_at=at(start.replace("11:", "12:").replace("14:", "15:")),
        officers=[bureau.officer_a, bureau.auxiliary_a],
        place=place,
        recording_media_id="DVR-2026-0301-01" if recorded else "",
    )


def _alerts(case):
    return list(Alert.objects.filter(case=case, family=FAMILY).values_list("state", flat=True))


def test_one_officer_in_the_case_area_with_a_recording_meets_the_2026_rule(bureau, monkeypatch):
    """Given a 治安 case in 2026, when one police officer (with an auxiliary) questions the suspect in the
    case-handling area with a synchronized recording, then 治安管理处罚法 第108条 is met: no alert."""
    now = Clock(monkeypatch, "2026-03-01 12:30")
    case, party = case_with_suspect(bureau.officer_a)
    _one_officer(bureau, case, party, place="case_area", recorded=True)
    supervise_one(Target("case", case), as_of=now.moment, engine=Engine.load())
    assert _alerts(case) == []


def test_one_officer_at_the_scene_is_a_violation_that_a_later_interview_does_not_resolve(bureau, monkeypatch):
    """Given a 治安 case in 2026, when one police officer questions the suspect at the scene, then a
    violation alert of 第108条 is open; when the suspect is questioned again properly by two officers, then
    the first alert stays open (the evidence of the first interview cannot be used: the breach is not
    cured; it goes through rectification)."""
    now = Clock(monkeypatch, "2026-03-01 12:30")
    case, party = case_with_suspect(bureau.officer_a)
    _one_officer(bureau, case, party, place="scene", recorded=True)
    supervise_one(Target("case", case), as_of=now.moment, engine=Engine.load())
    assert _alerts(case) == [AlertState.OPEN]
    now.set("2026-03-01 15:30")
    interview_record(
        actor=bureau.officer_a,
        case=case,
        party=party,
        kind="questioning",
        started_at=at("2026-03-01 14:00"),
        ended_at=at("2026-03-01 15:00"),
        officers=[bureau.officer_a, bureau.officer_a2],
        place="case_area",
    )
    supervise_one(Target("case", case), as_of=now.moment, engine=Engine.load())
    assert _alerts(case) == [AlertState.OPEN]
