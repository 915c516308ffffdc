"""The media API: upload (multipart) and register by URI, proposals confirmed over the API, scoping."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import bearer
from tests.incidents.test_machine import new_incident
from tests.incidents.test_media import MP4


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_upload_then_confirm_the_proposal_over_the_api(bureau):
    """Given an incident dispatched to officer A, when A uploads a clip over the API, then the answer has
    its SHA-256 and a proposal for the incident; confirming it links the incident; station B gets 404."""
    incident = new_incident(bureau, ["incident.dispatched", "incident.arrived", "incident.disposed"])
    client = bearer(bureau.officer_a)
    r = client.post(
        "/api/incidents/media/upload",
        {
            "file": SimpleUploadedFile("clip.mp4", MP4, content_type="video/mp4"),
            "kind": "body_camera",
            "captured_at": "2026-06-12T22:20:00+08:00",
            "unit": bureau.station_a.code,
            "officer": bureau.officer_a.badge_no,
            "place": "西江一路烧烤摊",
        },
    )
    assert r.status_code == 201, r.content
    media = r.json()
    assert (media["sha256"], media["stored"]) == (hashlib.sha256(MP4).hexdigest(), True)
    [proposal] = media["proposals"]
    assert (proposal["target_type"], proposal["target"]) == ("incident", incident.number)
    done = client.post(
        f"/api/incidents/media/{media['media_id']}/proposals/{proposal['id']}/confirm",
        {"note": ""},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["incident"] == incident.number
    assert bearer(bureau.officer_b).get(f"/api/incidents/media/{media['media_id']}").status_code == 404


def test_register_by_uri_refuses_a_bad_hash_and_a_unit_out_of_scope(bureau):
    """Given a URI, when registered with a short hash or for another sub-bureau's unit, then 422 / 404."""
    client = bearer(bureau.officer_a)
    body = {
        "uri": "evidence://x/1.mp4",
        "sha256": "a" * 64,
        "kind": "cctv",
        "captured_at": "2026-06-12T22:20:00+08:00",
        "unit": bureau.station_a.code,
    }
    assert client.post("/api/incidents/media", body, content_type="application/json").status_code == 201
    short = client.post("/api/incidents/media", {**body, "sha256": "abc"}, content_type="application/json")
    assert short.status_code == 422
    other = client.post(
        "/api/incidents/media", {**body, "unit": bureau.station_b.code}, content_type="application/json"
    )
    assert other.status_code == 404
