"""What the audit log records: every event, reads of personal data (pages and API), sign-ins — each with
who, when, the object, the people concerned, the request id and the address."""

from __future__ import annotations

import pytest
from django.test import Client

from lawtrail.audit.chain import person_hash
from lawtrail.audit.models import AuditEntry
from lawtrail.cases.services import case_add_party, case_event
from lawtrail.common.errors import DomainError
from lawtrail.events.models import Event
from tests.api.conftest import bearer
from tests.factories import PASSWORD, at, make_case

ID_NUMBER = "450403199005010124"


@pytest.fixture
def case_with_party(bureau):
    case = make_case(bureau.officer_a)
    case_add_party(
        case=case,
        actor=bureau.officer_a,
        role="admin_suspect",
        name="王强",
        id_number=ID_NUMBER,
        occurred_at=at("2026-03-01 10:05"),
    )
    return case, case.parties.get()


def signed_in(officer) -> Client:
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.force_login(officer.user)
    return client


def test_every_event_appends_a_change_entry(bureau, case_with_party):
    """Given a party added to a case, then its event has a `change` entry naming the actor, the case, the
    event and the person (party id and ID-number hash, never the ID number itself)."""
    case, party = case_with_party
    event = Event.objects.get(name="case.party_added", case=case)
    entry = AuditEntry.objects.get(detail__event_id=str(event.event_id))
    assert (entry.action, entry.object_type, entry.object_key) == ("change", "case", case.number)
    assert (entry.actor_badge, entry.actor_name, entry.unit_id) == ("100001", "张伟", case.unit_id)
    assert entry.persons == [[str(party.party_id), person_hash(ID_NUMBER)]]
    assert ID_NUMBER not in str(AuditEntry.objects.filter(pk=entry.pk).values().get())


def test_a_refused_event_leaves_no_audit_entry(bureau):
    """Given a case, when an event its state machine refuses is recorded, then nothing is appended."""
    case = make_case(bureau.officer_a)
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError):
        case_event(case=case, name="case.closed", actor=bureau.officer_a, payload={})
    assert AuditEntry.objects.count() == before


def test_opening_a_case_page_records_who_read_which_persons(bureau, case_with_party):
    """Given a case with a party, when its officer opens the case page, then a `read` entry names the
    officer, the case, the party, the request id (echoed in X-Request-ID) and the address."""
    case, party = case_with_party
    response = signed_in(bureau.officer_a).get(f"/cases/{case.number}/", HTTP_X_REQUEST_ID="req-42")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "req-42"
    entry = AuditEntry.objects.filter(action="read").get()
    assert (entry.object_type, entry.object_key, entry.actor_badge) == ("case", case.number, "100001")
    assert (entry.request_id, entry.ip, entry.via) == ("req-42", "10.1.2.3", "web")
    assert entry.persons == [[str(party.party_id), person_hash(ID_NUMBER)]]


def test_a_refused_read_records_nothing_and_a_bad_request_id_is_replaced(bureau, case_with_party):
    """Given station B's officer, when they guess station A's case number, then 404 and no read entry; a
    request id that is not a plain token is replaced by a fresh one."""
    case, _ = case_with_party
    response = signed_in(bureau.officer_b).get(f"/cases/{case.number}/", HTTP_X_REQUEST_ID="<script>")
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="read").exists()
    assert response["X-Request-ID"] != "<script>"
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.parametrize("path", ["/api/cases/{n}", "/api/cases/{n}/parties", "/api/cases/{n}/events"])
def test_api_reads_of_a_case_are_recorded(bureau, case_with_party, path):
    """Given a bearer token, when the API returns a case, its parties or its timeline, then a `read` entry
    via the API names the token's officer and the party."""
    case, party = case_with_party
    response = bearer(bureau.officer_a).get(path.format(n=case.number))
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="read").get()
    assert (entry.via, entry.actor_badge, entry.object_key) == ("api", "100001", case.number)
    assert entry.persons[0][0] == str(party.party_id)


def test_incident_page_reads_are_recorded(bureau):
    """Given an incident (its reporter's name and phone are personal data), when its page is opened, then
    a `read` entry names it."""
    from tests.web.conftest import make_incident

    incident = make_incident(bureau.officer_a)
    assert signed_in(bureau.officer_a).get(f"/incidents/{incident.number}/").status_code == 200
    entry = AuditEntry.objects.filter(action="read").get()
    assert (entry.object_type, entry.object_key) == ("incident", incident.number)


def test_sign_ins_and_failures_are_recorded(bureau):
    """Given the login page, when a wrong password and then the right one are posted, then a
    `login_failed` entry with the username and a `login` entry with the officer are appended."""
    client = Client(REMOTE_ADDR="10.9.9.9")
    client.post("/login/", {"username": "100001", "password": "wrong-password-1"})
    client.post("/login/", {"username": "100001", "password": PASSWORD})
    failed = AuditEntry.objects.get(action="login_failed")
    assert (failed.username, failed.ip) == ("100001", "10.9.9.9")
    login = AuditEntry.objects.filter(action="login").latest("position")
    assert (login.actor_badge, login.ip) == ("100001", "10.9.9.9")


def test_a_document_download_is_recorded_with_its_party(bureau):
    """Given a draft penalty decision for 李明, when its officer downloads the .docx, then a `download`
    entry names the document and the party."""
    from lawtrail.documents.models import Document
    from tests.documents.helpers import decided_assault

    case, party = decided_assault(bureau.officer_a)
    client = signed_in(bureau.officer_a)
    client.post(f"/documents/case/{case.number}/new/penalty_decision/", {"party": str(party.party_id)})
    document = Document.objects.get()
    assert client.get(f"/documents/{document.document_id}/file.docx").status_code == 200
    entry = AuditEntry.objects.get(action="download")
    assert (entry.object_type, entry.object_key) == ("document", document.document_id)
    assert entry.persons[0][0] == str(party.party_id)


def test_a_media_download_is_recorded(bureau, settings, tmp_path):
    """Given a body-camera clip of station A, when its officer downloads it, then a `download` entry names
    the media record."""
    from django.core.files.base import ContentFile

    from lawtrail.incidents.media_services import media_upload
    from tests.incidents.test_media import MP4

    settings.MEDIA_ROOT = tmp_path / "media"
    media = media_upload(
        actor=bureau.officer_a,
        upload=ContentFile(MP4, name="clip.mp4"),
        kind="body_camera",
        captured_at=at("2026-03-01 22:25"),
        unit=bureau.station_a,
        officer=bureau.officer_a,
        propose_links=False,
    )
    assert signed_in(bureau.officer_a).get(f"/incidents/media/{media.media_id}/download/").status_code == 200
    entry = AuditEntry.objects.get(action="download")
    assert (entry.object_type, entry.object_key, entry.actor_badge) == (
        "media",
        str(media.media_id),
        "100001",
    )
