"""The OpenAPI 3 document and the interactive docs, which must work without the internet."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

PATHS = {
    "/api/incidents": {"get", "post"},
    "/api/incidents/{number}": {"get"},
    "/api/incidents/{number}/events": {"post"},
    "/api/incidents/{number}/convert": {"post"},
    # media records (音视频) belong to incidents (incidents/media_api.py), registered before {number}
    "/api/incidents/media": {"get", "post"},
    "/api/incidents/media/upload": {"post"},
    "/api/incidents/media/{media_id}": {"get"},
    "/api/incidents/media/{media_id}/propose": {"post"},
    "/api/incidents/media/{media_id}/proposals/{proposal_id}/confirm": {"post"},
    "/api/incidents/media/{media_id}/proposals/{proposal_id}/reject": {"post"},
    "/api/cases": {"get", "post"},
    "/api/cases/{number}": {"get"},
    "/api/cases/{number}/events": {"get", "post"},
    "/api/cases/{number}/parties": {"get", "post"},
    "/api/offences": {"get"},
    "/api/measures": {"get", "post"},
    "/api/measures/{measure_id}": {"get"},
    "/api/measures/{measure_id}/events": {"post"},
    "/api/measures/{measure_id}/change": {"post"},
    "/api/measures/detentions": {"get", "post"},
    "/api/measures/detentions/{detention_id}": {"get"},
    "/api/measures/detentions/{detention_id}/events": {"post"},
    "/api/interviews": {"get", "post"},
    "/api/interviews/{interview_id}": {"get"},
    "/api/inspections/review": {"get", "post"},
    "/api/inspections/review/{number}": {"post"},
    "/api/inspections/samplings": {"get", "post"},
    "/api/inspections/samplings/{number}": {"get"},
    "/api/inspections/samplings/{number}/findings": {"post"},
    "/api/notifications": {"get"},
    "/api/notifications/unread": {"get"},
    "/api/notifications/{notification_id}/read": {"post"},
    "/api/notifications/read-all": {"post"},
    "/api/documents": {"get", "post"},
    "/api/documents/{document_id}": {"get", "patch"},
    "/api/documents/{document_id}/issue": {"post"},
    "/api/documents/{document_id}/correct": {"post"},
    "/api/documents/{document_id}/services": {"post"},
    "/api/documents/{document_id}/file.{fmt}": {"get"},
    "/api/property/items": {"get", "post"},
    "/api/property/items/{code}": {"get"},
    "/api/property/items/{code}/transfers": {"get"},
    "/api/property/items/{code}/label.svg": {"get"},
    "/api/property/items/{code}/events": {"post"},
    "/api/center/board": {"get"},
    "/api/center/stays": {"get", "post"},
    "/api/center/stays/{stay_id}": {"get"},
    "/api/center/stays/{stay_id}/events": {"post"},
    "/api/approvals": {"get", "post"},
    "/api/approvals/{request_id}": {"get"},
    "/api/approvals/{request_id}/decisions": {"post"},
    "/api/audit/entries": {"get"},
    "/api/supervision/alerts": {"get"},
    "/api/supervision/alerts/{alert_id}": {"get"},
    "/api/supervision/alerts/{alert_id}/assign": {"post"},
    "/api/supervision/alerts/{alert_id}/rectification": {"post"},
    "/api/supervision/alerts/{alert_id}/verify": {"post"},
    "/api/supervision/cases/{number}/compliance": {"get"},
}


@pytest.fixture
def document(db) -> dict:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def refs(node) -> list[str]:
    if isinstance(node, dict):
        return (
            [node["$ref"]]
            if isinstance(node.get("$ref"), str)
            else [r for v in node.values() for r in refs(v)]
        )
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


def test_the_document_is_openapi_3_with_every_path_and_method(document):
    """Given the API, when /api/openapi.json is read, then it is an OpenAPI 3 document with our paths."""
    assert re.fullmatch(r"3\.\d+\.\d+", document["openapi"])
    assert (document["info"]["title"], document["info"]["version"]) == ("lawtrail API", "1")
    assert {path: set(ops) for path, ops in document["paths"].items()} == PATHS


def test_every_reference_resolves(document):
    """Given the document, then every $ref points at a schema it defines."""
    defined = {f"#/components/schemas/{name}" for name in document["components"]["schemas"]}

    assert set(refs(document)) <= defined


def test_every_operation_is_authenticated_and_documents_its_errors(document):
    """Given any operation, then it requires a bearer token or a session and documents 401 as ErrorOut;
    endpoints of one record (a path parameter) document 404, writes 422."""
    schemes = document["components"]["securitySchemes"]
    assert schemes["BearerToken"] == {"type": "http", "scheme": "bearer"}
    error_ref = {"$ref": "#/components/schemas/ErrorOut"}
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            statuses = set(op["responses"])
            assert {"BearerToken": []} in op["security"], (method, path)
            assert op["responses"]["401"]["content"]["application/json"]["schema"] == error_ref, (
                method,
                path,
            )
            assert "{" not in path or "404" in statuses, (method, path)
            assert method not in ("post", "patch") or "422" in statuses, (method, path)


def test_transitions_document_409(document):
    """Given the endpoints that append events, then they document 409 (a refused transition)."""
    for path in (
        "/api/cases/{number}/events",
        "/api/incidents/{number}/events",
        "/api/incidents/{number}/convert",
        "/api/measures/{measure_id}/events",
        "/api/measures/detentions/{detention_id}/events",
        "/api/property/items/{code}/events",
        "/api/center/stays/{stay_id}/events",
        "/api/approvals/{request_id}/decisions",
    ):
        assert "409" in document["paths"][path]["post"]["responses"], path


def test_the_error_schema_has_code_message_and_field(document):
    """Given the error schema, then clients can rely on code and message, and on field being present."""
    schema = document["components"]["schemas"]["ErrorOut"]

    assert set(schema["properties"]) == {"code", "message", "field"}
    assert set(schema["required"]) == {"code", "message"}


def test_the_event_endpoints_list_the_event_types(document):
    """Given the case events endpoint, then `name` is an enum of the case events and the description
    lists each with its payload fields."""
    op = document["paths"]["/api/cases/{number}/events"]["post"]
    body = document["components"]["schemas"]["CaseEventIn"]

    assert "case.filed" in body["properties"]["name"]["enum"]
    assert "case.accepted" not in body["properties"]["name"]["enum"]
    assert "- `case.party_added` 添加当事人: `party_id`*" in op["description"]


def test_the_docs_page_loads_nothing_from_another_host(db):
    """Given a police network without internet, when /api/docs is opened, then it is served and every
    script, stylesheet and icon it references is a local static file that exists."""
    response = Client().get("/api/docs")

    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert response.status_code == 200
    assert re.findall(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", html) == []
    assert urls
    assert all(url.startswith("/static/") for url in urls), urls
    assert all(finders.find(url.removeprefix("/static/")) for url in urls), urls
    assert '"validatorUrl": null' in html
