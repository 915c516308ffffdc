"""schemathesis against the OpenAPI schema: generated requests to every operation, valid and invalid, as a
signed-in officer.

- Every request: no 500, and the answer matches the schema (its body, its content type).
- Valid (positive) requests: each is accepted (not a 4xx that says the data is wrong) and its status is one
  the operation declares. Known gaps are listed in KNOWN_GAPS with their owner; a new gap fails the test.

Bounded and deterministic: EXAMPLES per operation, derandomized, no example database.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from lawtrail.api.api import api
from lawtrail.api.services import api_token_create
from lawtrail.wsgi import application
from tests.factories import make_case

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application

EXAMPLES = 4
ALWAYS = [not_a_server_error, response_schema_conformance, content_type_conformance]
FOR_VALID_REQUESTS = [status_code_conformance, positive_data_acceptance]

# operation → {check name: why it fails today, and who fixes it}. Remove an entry when its cause is fixed.
KNOWN_GAPS: dict[str, dict[str, str]] = {
    "POST /api/incidents/media/upload": {
        "positive_data_acceptance": "a multipart form cannot carry null: schemathesis sends the text 'null' for the "
        "optional officer and duration_seconds, which is rightly refused (not a gap of the API; keep)"
    },
}


@pytest.fixture
def token(bureau) -> str:
    make_case(bureau.officer_a)
    return api_token_create(officer=bureau.officer_a, name="schemathesis")[1]


def test_known_gaps_name_existing_operations():
    """Given the list of known gaps, then each names an operation of the schema (no stale entries)."""
    operations = {f"{m.upper()} {p}" for p, ops in api.get_openapi_schema()["paths"].items() for m in ops}
    assert set(KNOWN_GAPS) <= operations


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_answers_match_the_schema(case, token, db):
    """Given an officer's token, when schemathesis sends generated requests to an operation, then no answer
    is a 500 and each conforms to the schema; valid requests are accepted with a declared status."""
    checks = list(ALWAYS)
    if not case.meta.generation.mode.is_negative:
        gaps = KNOWN_GAPS.get(f"{case.method.upper()} {case.operation.path}", {})
        checks += [check for check in FOR_VALID_REQUESTS if check.__name__ not in gaps]
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=checks)
