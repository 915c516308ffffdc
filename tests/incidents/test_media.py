"""Media evidence: storing uploads (type sniffed from content, SHA-256 on upload, size limit), registering
external recordings, the linking proposals (智能关联) confirmed or rejected by a person, the download
headers, scoping, and `lawtrail media verify`."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from lawtrail.common.errors import TransitionNotAllowed, ValidationFailed
from lawtrail.events.models import Event
from lawtrail.incidents.media_services import (
    media_link_confirm,
    media_link_reject,
    media_propose_links,
    media_register_uri,
    media_upload,
)
from lawtrail.incidents.media_store import sniff
from lawtrail.incidents.models import LinkProposal, MediaRecord
from lawtrail.measures.services import interview_record
from tests.factories import at
from tests.incidents.test_machine import new_incident
from tests.measures.helpers import case_with_suspect

MP4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 2000
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + b"x" * 500


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def login(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


def upload(
    bureau,
    data: bytes = MP4,
    *,
    when: str = "2026-06-12 22:25",
    officer=None,
    place="西江一路烧烤摊门口",
    **kw,
):
    return media_upload(
        actor=bureau.officer_a,
        upload=ContentFile(data, name=kw.pop("name", "clip.mp4")),
        kind=kw.pop("kind", "body_camera"),
        captured_at=at(when),
        unit=bureau.station_a,
        officer=officer or bureau.officer_a,
        place=place,
        duration_seconds=kw.pop("duration_seconds", 600),
        **kw,
    )


@pytest.mark.parametrize(
    ("head", "mime"),
    [
        (MP4[:64], "video/mp4"),
        (PDF[:64], "application/pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"RIFF\x24\x08\x00\x00WAVEfmt ", "audio/wav"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", "audio/mpeg"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81", "video/x-matroska"),
        (b"<!DOCTYPE html><html><script>alert(1)</script>", None),
        (b"<svg xmlns='http://www.w3.org/2000/svg'>", None),
        (b"PK\x03\x04\x14\x00\x06\x00", None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),
    ],
)
def test_types_are_sniffed_from_the_first_bytes(head, mime):
    """Given the first bytes of a file, then video, audio, images and PDF are recognised and HTML, SVG,
    archives and executables are not."""
    assert sniff(head) == mime


def test_an_upload_is_stored_with_its_hash_size_and_type(bureau):
    """Given a body-camera clip, when it is uploaded, then the file is in the storage, its SHA-256 and
    size are those of the bytes, its type is sniffed, and `media.registered` is in the history."""
    media = upload(bureau)
    assert media.sha256 == hashlib.sha256(MP4).hexdigest()
    assert (media.size, media.content_type, media.unit) == (len(MP4), "video/mp4", bureau.station_a)
    with default_storage.open(media.storage_name, "rb") as f:
        assert f.read() == MP4
    assert Event.objects.filter(name="media.registered", subject_key=str(media.media_id)).count() == 1


def test_an_html_file_named_mp4_is_refused_and_nothing_is_stored(bureau, media_root):
    """Given an HTML page renamed clip.mp4, when it is uploaded, then it is refused in Chinese, nothing is
    stored and no event is written."""
    before = Event.objects.count()
    with pytest.raises(ValidationFailed, match="只能上传视频、音频、图片或PDF"):
        upload(bureau, b"<html><body>hi</body></html>")
    assert not media_root.exists() or not any(media_root.rglob("*.*"))
    assert Event.objects.count() == before


def test_a_file_over_the_limit_is_refused(bureau, settings):
    """Given a 1 KiB limit, when a 2 KiB clip is uploaded, then it is refused as too large."""
    settings.LAWTRAIL_MEDIA_MAX_BYTES = 1024
    with pytest.raises(ValidationFailed, match="超过大小上限"):
        upload(bureau)
    assert not MediaRecord.objects.exists()


def test_an_external_recording_is_registered_by_uri_and_hash(bureau):
    """Given a CCTV recording kept elsewhere, when it is registered with its URI and SHA-256, then it is a
    record without a stored file; a bad hash is refused."""
    sha = hashlib.sha256(b"cctv").hexdigest()
    media = media_register_uri(
        actor=bureau.officer_a,
        uri="evidence://cctv/2026/06/12/cam-07.mp4",
        sha256=sha.upper(),
        kind="cctv",
        captured_at=at("2026-06-12 22:10"),
        unit=bureau.station_a,
    )
    assert (media.storage_name, media.sha256, media.is_stored) == ("", sha, False)
    with pytest.raises(ValidationFailed, match="SHA-256应为64位"):
        media_register_uri(
            actor=bureau.officer_a,
            uri="x",
            sha256="abc",
            kind="cctv",
            captured_at=at("2026-06-12 22:10"),
            unit=bureau.station_a,
        )


# --- linking proposals ------------------------------------------------------------------------------


def test_a_clip_of_the_dispatched_officer_at_the_scene_is_proposed_for_the_incident(bureau):
    """Given an incident received 22:14 and dispatched to officer A (disposed 22:26), when A's body-camera
    clip filmed at 22:20 near the place is uploaded, then the incident is proposed with its reasons;
    officer B's clip at the same time far away is not."""
    incident = new_incident(bureau, ["incident.dispatched", "incident.arrived", "incident.disposed"])
    media = upload(bureau, when="2026-06-12 22:20")
    proposal = LinkProposal.objects.get(media=media)
    assert (proposal.target_type, proposal.target_key, proposal.status) == (
        "incident",
        incident.number,
        "proposed",
    )
    assert proposal.score >= 0.8
    assert any("拍摄民警" in r for r in proposal.reasons)
    other = upload(bureau, MP4 + b"1", when="2026-06-12 22:20", officer=bureau.officer_b, place="长洲岛码头")
    assert not other.proposals.exists()


def test_confirming_links_the_media_and_records_the_incident_event(bureau):
    """Given a proposal for an incident, when a person confirms it, then the media is linked to the
    incident, `media.link_confirmed` and `incident.media_linked` (what the recording rules read) are
    recorded, and deciding it again is refused."""
    incident = new_incident(bureau, ["incident.dispatched", "incident.arrived", "incident.disposed"])
    media = upload(bureau, when="2026-06-12 22:20")
    proposal = media.proposals.get()
    media = media_link_confirm(proposal=proposal, actor=bureau.officer_a, note="画面为现场处置")
    assert media.incident == incident
    linked = Event.objects.get(name="incident.media_linked", incident=incident)
    assert (linked.payload["media_id"], linked.payload["kind"]) == (str(media.media_id), "body_camera")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == ("confirmed", bureau.officer_a)
    with pytest.raises(TransitionNotAllowed, match="已确认"):
        media_link_reject(proposal=proposal, actor=bureau.officer_a)


def test_a_rejected_proposal_is_not_proposed_again(bureau):
    """Given a proposal, when it is rejected, then the media stays unlinked and looking again proposes
    nothing new."""
    new_incident(bureau, ["incident.dispatched", "incident.arrived", "incident.disposed"])
    media = upload(bureau, when="2026-06-12 22:20")
    proposal = media_link_reject(proposal=media.proposals.get(), actor=bureau.officer_a, note="另一起警情")
    assert proposal.status == "rejected"
    media.refresh_from_db()
    assert media.incident is None
    assert media_propose_links(media=media) == []


def test_an_interview_recording_is_proposed_for_the_interview_and_linked_on_confirmation(bureau):
    """Given an interview 11:00–12:00 in 询问室1 by officers A and A2, when an interview recording of A
    starting 10:58 in 询问室1 is uploaded, then the interview is proposed, and confirming links it."""
    case, party = case_with_suspect(bureau.officer_a)
    interview = interview_record(
        actor=bureau.officer_a,
        case=case,
        party=party,
        kind="questioning",
        started_at=at("2026-03-01 11:00"),
        ended_at=at("2026-03-01 12:00"),
        officers=[bureau.officer_a, bureau.officer_a2],
        place="case_area",
        room="询问室1",
    )
    media = upload(
        bureau, when="2026-03-01 10:58", kind="interview_recording", place="询问室1", duration_seconds=3700
    )
    proposal = media.proposals.get(target_type="interview")
    assert proposal.target_key == str(interview.interview_id)
    media = media_link_confirm(proposal=proposal, actor=bureau.officer_a)
    assert media.interview == interview


def test_the_pages_upload_show_and_confirm_a_proposal(bureau):
    """Given an incident of officer A, when A uploads a clip through the page, then its page shows the
    proposal, the incident page offers it, and confirming through the page links it."""
    incident = new_incident(bureau, ["incident.dispatched", "incident.arrived", "incident.disposed"])
    client = login(bureau.officer_a)
    response = client.post(
        "/incidents/media/upload/",
        {
            "file": ContentFile(MP4, name="clip.mp4"),
            "kind": "body_camera",
            "captured_at": "2026-06-12T22:20",
            "officer": bureau.officer_a.badge_no,
            "place": "西江一路烧烤摊",
            "unit": str(bureau.station_a.pk),
            "duration_seconds": "300",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    media = MediaRecord.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert incident.number in page
    assert "确认关联" in page
    assert "确认关联" in client.get(f"/incidents/{incident.number}/").content.decode()
    assert "1 条建议待确认" in client.get("/incidents/media/?pending=1").content.decode()
    proposal = media.proposals.get()
    r = client.post(f"/incidents/media/{media.media_id}/proposals/{proposal.pk}/confirm/", {"next": "/x/"})
    assert (r.status_code, r["Location"]) == (302, "/x/")
    media.refresh_from_db()
    assert media.incident == incident
    assert "没有待确认的关联建议" in client.get("/incidents/media/?pending=1").content.decode()


def test_the_upload_page_shows_a_refused_type_beside_the_file(bureau):
    """Given an HTML file, when it is uploaded through the page, then the form says why beside the file."""
    response = login(bureau.officer_a).post(
        "/incidents/media/upload/",
        {
            "file": ContentFile(b"<html>x</html>", name="a.mp4"),
            "kind": "body_camera",
            "captured_at": "2026-06-12T22:20",
            "unit": str(bureau.station_a.pk),
        },
    )
    assert response.status_code == 200
    assert "只能上传视频、音频、图片或PDF" in response.content.decode()


def test_a_download_is_an_attachment_never_sniffed_and_out_of_scope_is_404(bureau):
    """Given a stored PDF of station A, then its download is an attachment with nosniff and a sandbox CSP
    and the stored bytes; station B's officer gets 404 for its page and its file."""
    media = upload(bureau, PDF, kind="document", name="笔录.pdf")
    response = login(bureau.officer_a).get(f"/incidents/media/{media.media_id}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    other = login(bureau.officer_b)
    assert other.get(f"/incidents/media/{media.media_id}/").status_code == 404
    assert other.get(f"/incidents/media/{media.media_id}/download/").status_code == 404


def test_verify_reports_altered_and_missing_files_with_a_nonzero_exit(bureau, media_root):
    """Given three stored files, when all are intact then verify says so; when one is altered and one
    deleted, then verify names both and exits non-zero."""
    a, b, c = (upload(bureau, MP4 + bytes([i]), propose_links=False) for i in range(3))
    out = io.StringIO()
    call_command("media", "verify", stdout=out)
    assert "已核验 3 个文件，发现问题 0 个" in out.getvalue()
    (media_root / a.storage_name.removeprefix("media/")).parent  # noqa: B018 (path exists)
    path_b = default_storage.path(b.storage_name)
    with open(path_b, "ab") as f:
        f.write(b"tampered")
    default_storage.delete(c.storage_name)
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("media", "verify", "--json", stdout=out)
    assert raised.value.returncode == 1
    report = json.loads(out.getvalue())
    problems = {p["media_id"]: p["problem"] for p in report["problems"]}
    assert problems == {str(b.media_id): "mismatch", str(c.media_id): "missing"}


def test_a_stored_media_id_in_media_linked_links_it_only_with_its_hash(bureau):
    """Given an uploaded clip, when a case records `case.media_linked` with its id but another hash, then it
    is refused; with its own hash, the stored record is linked to the case (no second record)."""
    from lawtrail.cases.services import case_event

    case, _party = case_with_suspect(bureau.officer_a)
    media = upload(bureau, propose_links=False)
    payload = {
        "media_id": str(media.media_id),
        "kind": "body_camera",
        "uri": media.uri,
        "sha256": "0" * 64,
        "captured_at": media.captured_at.isoformat(),
    }
    with pytest.raises(ValidationFailed, match="SHA-256或类型与登记的不符"):
        case_event(case=case, name="case.media_linked", actor=bureau.officer_a, payload=payload)
    case_event(
        case=case,
        name="case.media_linked",
        actor=bureau.officer_a,
        payload={**payload, "sha256": media.sha256},
    )
    media.refresh_from_db()
    assert (media.case, MediaRecord.objects.count()) == (case, 1)
