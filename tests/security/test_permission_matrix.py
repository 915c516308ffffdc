"""The permission matrix: every URL pattern and every API operation, checked for an anonymous caller, a
caller with the wrong role, a caller of the wrong unit, and the right caller.

A new URL or API operation without an entry here fails `test_every_endpoint_has_an_entry`. To add one:

1. Pages: add `"<namespace>:<url name>": [Row("/path/{case}/…")]` to PAGES. API: add
   `"<METHOD> /api/<path as in the OpenAPI schema>": [Row(...)]` to API.
2. Placeholders `{case}`, `{incident}`, `{measure}`, `{interview}`, `{alert}`, `{party}`, `{unit_a}`,
   `{unit_b}` name records of station A (officer_a's) built by the `world` fixture; add a maker there for a
   new kind of record.
3. A Row says who may (`right`, default officer_a, answering `ok`), who of the same role in another unit
   must be refused (`wrong_unit`, default officer_b: 404, or for a list, 200 without the record), and who
   of the right unit without the role must be refused (`wrong_role`: (officer, status, text that must
   appear)). Where a check does not apply, say why in `open_to` (e.g. "every officer may accept a case").
   Anonymous callers always get the login page (pages) or 401 (API), unless `public=True`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from lawtrail.api.api import api
from lawtrail.api.services import api_token_create
from lawtrail.cases.services import case_add_party
from lawtrail.org.models import Officer
from lawtrail.org.services import account_create, officer_create, officer_grant_role
from tests.factories import Bureau, at, make_case
from tests.measures.helpers import summons
from tests.web.conftest import make_incident

Expect = tuple[str, int, str]  # (officer attribute, status, text the answer must contain)


@dataclass(frozen=True)
class Row:
    path: str
    method: str = "GET"
    body: dict | None = None
    right: str = "officer_a"
    ok: tuple[int, ...] = (200,)
    wrong_unit: str | None = "officer_b"
    wrong_unit_status: int = 404  # 200: a list, which must then not show `secret`
    secret: str = "{case}"
    wrong_role: Expect | None = None
    open_to: str = ""  # why there is no wrong-role (or wrong-unit) check
    public: bool = False
    login_only: bool = False  # a page of the sign-in flow itself: anonymous callers are sent to login
    notes: dict = field(default_factory=dict)


EVERY_OFFICER = "every officer may do this for records of their own scope (no role needed)"
NOT_SCOPED = "not about a unit's records"

# --- pages ----------------------------------------------------------------------------------------------

PAGES: dict[str, list[Row]] = {
    "web:workbench": [Row("/", wrong_unit_status=200, open_to=EVERY_OFFICER)],
    "web:login": [Row("/login/", ok=(200, 302), public=True, wrong_unit=None, open_to=NOT_SCOPED)],
    "web:logout": [
        Row("/logout/", method="POST", ok=(302,), wrong_unit=None, public=True, open_to=NOT_SCOPED)
    ],
    "web:otp_setup": [
        Row("/account/two-factor/setup/", wrong_unit=None, login_only=True, open_to=NOT_SCOPED)
    ],
    "web:otp_verify": [
        Row("/account/two-factor/verify/", ok=(302,), wrong_unit=None, login_only=True, open_to=NOT_SCOPED)
    ],
    "set_language": [
        Row(
            "/i18n/setlang/",
            method="POST",
            body={"language": "en"},
            ok=(302,),
            public=True,
            wrong_unit=None,
            open_to=NOT_SCOPED,
        )
    ],
    "cases:list": [Row("/cases/", wrong_unit_status=200, open_to=EVERY_OFFICER)],
    "cases:detail": [Row("/cases/{case}/", open_to=EVERY_OFFICER)],
    "cases:action": [Row("/cases/{case}/actions/close/", open_to=EVERY_OFFICER)],
    "incidents:list": [Row("/incidents/", wrong_unit_status=200, secret="{incident}", open_to=EVERY_OFFICER)],
    "incidents:new": [
        Row("/incidents/new/", wrong_unit=None, open_to=EVERY_OFFICER + "; the unit is chosen")
    ],
    "incidents:detail": [Row("/incidents/{incident}/", open_to=EVERY_OFFICER)],
    "incidents:action": [
        Row("/incidents/{incident}/actions/arrive/", open_to=EVERY_OFFICER),
        Row(
            "/incidents/{incident}/actions/review/",
            right="head_sub_a",
            wrong_unit="head_sub_b",
            wrong_role=("officer_a", 403, "警情审核由值班领导或单位负责人进行"),
        ),
    ],
    "measures:apply": [Row("/measures/case/{case}/new/", open_to=EVERY_OFFICER)],
    "measures:interview": [Row("/measures/case/{case}/interview/", open_to=EVERY_OFFICER)],
    "measures:step": [Row("/measures/{measure}/arrived/", open_to=EVERY_OFFICER)],
    "supervision:inbox": [
        Row(
            "/supervision/",
            right="legal_officer",
            wrong_unit="other_legal",
            wrong_unit_status=200,
            open_to=EVERY_OFFICER + " (each sees the alerts of their scope)",
        )
    ],
    "supervision:alert": [
        Row(
            "/supervision/alerts/{alert}/",
            right="legal_officer",
            wrong_unit="other_legal",
            open_to=EVERY_OFFICER,
        )
    ],
    "supervision:alert_action": [
        Row(
            "/supervision/alerts/{alert}/assign/",
            method="POST",
            body={"officer": "{officer_a_id}", "deadline": "2026-12-31", "note": "请整改"},
            right="legal_officer",
            ok=(302,),
            wrong_unit="other_legal",
            wrong_role=("officer_a", 400, "尚未下发整改"),
        )
    ],
    # documents (法律文书)
    "documents:list": [Row("/documents/", wrong_unit_status=200, secret="{document}", open_to=EVERY_OFFICER)],
    "documents:new": [Row("/documents/case/{doc_case}/new/penalty_decision/", open_to=EVERY_OFFICER)],
    "documents:detail": [Row("/documents/{document}/", open_to=EVERY_OFFICER)],
    "documents:issue": [Row("/documents/{document}/issue/", method="POST", ok=(302,), open_to=EVERY_OFFICER)],
    "documents:correct": [
        Row("/documents/{document}/correct/", method="POST", ok=(200, 302), open_to=EVERY_OFFICER)
    ],
    "documents:serve": [Row("/documents/{document}/serve/", ok=(200, 302), open_to=EVERY_OFFICER)],
    "documents:receipt": [
        Row("/documents/{document}/receipt/", method="POST", ok=(200, 302), open_to=EVERY_OFFICER)
    ],
    "documents:file": [Row("/documents/{document}/file.docx", open_to=EVERY_OFFICER)],
    # property (涉案财物)
    "property:inventory": [Row("/property/", wrong_unit_status=200, secret="{item}", open_to=EVERY_OFFICER)],
    "property:seize": [Row("/property/case/{case}/new/", open_to=EVERY_OFFICER)],
    "property:item": [Row("/property/{item}/", open_to=EVERY_OFFICER)],
    "property:label": [Row("/property/{item}/label/", open_to=EVERY_OFFICER)],
    "property:step": [Row("/property/{item}/transfer/", ok=(200, 404), open_to=EVERY_OFFICER)],
    "property:locations": [
        Row(
            "/property/centers/{center}/locations/",
            right="custodian",
            wrong_unit="other_bureau_officer",
            open_to="a center's storage tree: its staff and the units it serves",
        )
    ],
    # approvals (审批)
    "approvals:inbox": [
        Row("/approvals/", wrong_unit_status=200, secret="{approval}", open_to=EVERY_OFFICER)
    ],
    "approvals:new": [Row("/approvals/case/{case}/decision/", open_to=EVERY_OFFICER)],
    "approvals:detail": [Row("/approvals/{approval}/", open_to=EVERY_OFFICER)],
    "approvals:correct": [
        Row(
            "/approvals/{approval}/correct/",
            ok=(200, 302, 403),
            wrong_role=("auxiliary_a", 403, "只有报批人可以补正被退回的报批"),
            open_to="the requester; a pending request cannot be corrected even by them (403, same message)",
        )
    ],
    "approvals:void": [
        Row(
            "/approvals/{approval}/withdraw/",
            ok=(200, 302),
            wrong_role=("auxiliary_a", 403, "只有报批人可以撤回报批"),
        )
    ],
    **{
        name: [
            Row(
                path,
                right="legal_officer",
                wrong_unit=None,
                wrong_role=("officer_a", 403, "只有系统管理员或法制部门可以维护审批流程"),
                open_to="a bureau's settings: another bureau's legal officer sees their own bureau's",
            )
        ]
        for name, path in (
            ("approvals:policies", "/approvals/policies/"),
            ("approvals:policy_edit", "/approvals/policies/penalty_decision/"),
            ("approvals:benchmarks", "/approvals/benchmarks/"),
            ("approvals:qualifications", "/approvals/qualifications/"),
        )
    },
    # inspections (警情审核, 视频抽查)
    "inspections:review": [
        Row(
            "/inspections/",
            right="head_sub_a",
            wrong_unit="head_sub_b",
            wrong_unit_status=200,
            secret="{incident}",
            open_to=EVERY_OFFICER + " (a case officer sees the list)",
        )
    ],
    "inspections:review_incident": [
        Row(
            "/inspections/review/{incident}/",
            right="head_sub_a",
            wrong_unit="head_sub_b",
            wrong_role=("officer_a", 403, "警情审核由值班领导、单位负责人或局领导进行"),
        )
    ],
    "inspections:samplings": [
        Row(
            "/inspections/samplings/",
            right="legal_officer",
            wrong_unit=None,
            open_to="the list of samplings of the asker's scope; drawing one is role-checked",
        )
    ],
    # notifications: each officer's own
    "notifications:list": [Row("/notifications/", wrong_unit=None, open_to="one's own notifications")],
    "notifications:badge": [Row("/notifications/badge/", wrong_unit=None, open_to="one's own notifications")],
    "notifications:read_all": [
        Row(
            "/notifications/read-all/",
            method="POST",
            ok=(200, 302),
            wrong_unit=None,
            open_to="one's own notifications",
        )
    ],
    # center (执法办案管理中心)
    "center:board": [Row("/center/", wrong_unit_status=200, secret="{case}", open_to=EVERY_OFFICER)],
    "center:enter": [Row("/center/case/{case}/enter/", open_to=EVERY_OFFICER)],
    # incidents' media records
    "incidents:media_list": [
        Row("/incidents/media/", wrong_unit_status=200, secret="{incident}", open_to=EVERY_OFFICER)
    ],
    "incidents:media_detail": [Row("/incidents/media/{media}/", open_to=EVERY_OFFICER)],
    "incidents:media_download": [Row("/incidents/media/{media}/download/", open_to=EVERY_OFFICER)],
    "incidents:media_propose": [
        Row("/incidents/media/{media}/propose/", method="POST", ok=(200, 302), open_to=EVERY_OFFICER)
    ],
    "incidents:media_upload": [
        Row("/incidents/media/upload/", wrong_unit=None, open_to=EVERY_OFFICER + "; the unit is chosen")
    ],
    "incidents:media_register": [
        Row("/incidents/media/register/", wrong_unit=None, open_to=EVERY_OFFICER + "; the unit is chosen")
    ],
    # measures: administrative detention
    "measures:detention_admit": [Row("/measures/case/{case}/detention/", open_to=EVERY_OFFICER)],
    "tasks:runs": [
        Row(
            "/tasks/",
            right="legal_officer",
            wrong_unit=None,
            wrong_role=("officer_a", 403, "后台任务由系统管理员、法制员或局领导查看"),
            open_to="the bureau's background task runs are not a unit's records",
        )
    ],
    "audit:search": [
        Row(
            "/audit/?action=read",
            right="legal_officer",
            wrong_unit="other_legal",
            wrong_unit_status=200,
            wrong_role=("officer_a", 403, "审计查询仅限法制员和系统管理员"),
        )
    ],
}

# --- API operations ("METHOD /api/path" as in the OpenAPI schema) --------------------------------------

CASE_BODY = {"unit": "{unit_a}", "kind": "admin", "title": "矩阵测试案件", "offence": "ps.assault"}
INCIDENT_BODY = {
    "unit": "{unit_a}",
    "source": "call_110",
    "place": "西江路",
    "category": "dispute",
    "description": "纠纷",
}

API: dict[str, list[Row]] = {
    "GET /api/cases": [Row("/api/cases", wrong_unit_status=200, open_to=EVERY_OFFICER)],
    "POST /api/cases": [
        Row(
            "/api/cases",
            method="POST",
            body=CASE_BODY,
            ok=(201,),
            open_to=EVERY_OFFICER,
            notes={"wrong unit": "the unit field names station A: 404 for station B's officer"},
        )
    ],
    "GET /api/cases/{number}": [Row("/api/cases/{case}", open_to=EVERY_OFFICER)],
    "GET /api/cases/{number}/events": [Row("/api/cases/{case}/events", open_to=EVERY_OFFICER)],
    "POST /api/cases/{number}/events": [
        Row(
            "/api/cases/{case}/events",
            method="POST",
            body={"name": "case.handler_assigned", "payload": {"officer": "F10001", "role": "assisting"}},
            ok=(201,),
            open_to=EVERY_OFFICER,
        )
    ],
    "GET /api/cases/{number}/parties": [Row("/api/cases/{case}/parties", open_to=EVERY_OFFICER)],
    "POST /api/cases/{number}/parties": [
        Row(
            "/api/cases/{case}/parties",
            method="POST",
            body={"role": "witness", "name": "证人甲"},
            ok=(201,),
            open_to=EVERY_OFFICER,
        )
    ],
    "GET /api/offences": [
        Row("/api/offences", wrong_unit=None, open_to="the offence catalogue is law, not a record")
    ],
    "GET /api/incidents": [
        Row("/api/incidents", wrong_unit_status=200, secret="{incident}", open_to=EVERY_OFFICER)
    ],
    "POST /api/incidents": [
        Row("/api/incidents", method="POST", body=INCIDENT_BODY, ok=(201,), open_to=EVERY_OFFICER)
    ],
    "GET /api/incidents/{number}": [Row("/api/incidents/{incident}", open_to=EVERY_OFFICER)],
    "POST /api/incidents/{number}/events": [
        Row(
            "/api/incidents/{incident}/events",
            method="POST",
            body={"name": "incident.arrived", "payload": {}},
            ok=(
                201,
                409,
            ),  # 409: a summons needs its approval first (approvals' guard), after the scope check
            open_to=EVERY_OFFICER,
        )
    ],
    "POST /api/incidents/{number}/convert": [
        Row(
            "/api/incidents/{incident}/convert",
            method="POST",
            body={"kind": "admin", "title": "转案", "offence": "ps.assault"},
            ok=(201, 409),
            open_to=EVERY_OFFICER,
        )
    ],
    "GET /api/measures": [Row("/api/measures?case={case}", open_to=EVERY_OFFICER)],
    "POST /api/measures": [
        Row(
            "/api/measures",
            method="POST",
            body={"case": "{case}", "kind": "summons", "party": "{party}"},
            ok=(201, 409),
            open_to=EVERY_OFFICER,
        )
    ],
    "GET /api/measures/{measure_id}": [Row("/api/measures/{measure}", open_to=EVERY_OFFICER)],
    "POST /api/measures/{measure_id}/events": [
        Row(
            "/api/measures/{measure}/events",
            method="POST",
            body={"name": "measure.arrived", "payload": {"place": "西江派出所"}},
            ok=(201,),
            open_to=EVERY_OFFICER,
        )
    ],
    "GET /api/interviews": [Row("/api/interviews?case={case}", open_to=EVERY_OFFICER)],
    "POST /api/interviews": [
        Row(
            "/api/interviews",
            method="POST",
            body={
                "case": "{case}",
                "kind": "questioning",
                "party": "{party}",
                "started_at": "2026-03-01T11:00:00+08:00",
                "ended_at": "2026-03-01T12:00:00+08:00",
                "officers": ["100001", "100010"],
                "place": "case_area",
            },
            ok=(201,),
            open_to=EVERY_OFFICER,
        )
    ],
    "GET /api/interviews/{interview_id}": [Row("/api/interviews/{interview}", open_to=EVERY_OFFICER)],
    "GET /api/documents": [Row("/api/documents?case={doc_case}", open_to=EVERY_OFFICER)],
    "GET /api/documents/{document_id}": [Row("/api/documents/{document}", open_to=EVERY_OFFICER)],
    "GET /api/documents/{document_id}/file.{fmt}": [
        Row(
            "/api/documents/{document}/file.docx",
            ok=(409,),  # a draft has no stored file yet: refused with its reason, after the scope check
            open_to=EVERY_OFFICER,
        )
    ],
    "GET /api/property/items": [
        Row("/api/property/items", wrong_unit_status=200, secret="{item}", open_to=EVERY_OFFICER)
    ],
    "GET /api/property/items/{code}": [Row("/api/property/items/{item}", open_to=EVERY_OFFICER)],
    "GET /api/property/items/{code}/transfers": [
        Row("/api/property/items/{item}/transfers", open_to=EVERY_OFFICER)
    ],
    "GET /api/property/items/{code}/label.svg": [
        Row("/api/property/items/{item}/label.svg", open_to=EVERY_OFFICER)
    ],
    "GET /api/approvals": [
        Row("/api/approvals", wrong_unit_status=200, secret="{approval}", open_to=EVERY_OFFICER)
    ],
    "GET /api/approvals/{request_id}": [Row("/api/approvals/{approval}", open_to=EVERY_OFFICER)],
    "GET /api/supervision/alerts": [
        Row(
            "/api/supervision/alerts",
            right="legal_officer",
            wrong_unit="other_legal",
            wrong_unit_status=200,
            secret='"id": {alert},',
            open_to=EVERY_OFFICER + " (each sees the alerts of their scope)",
        )
    ],
    "GET /api/supervision/alerts/{alert_id}": [
        Row(
            "/api/supervision/alerts/{alert}",
            right="legal_officer",
            wrong_unit="other_legal",
            open_to=EVERY_OFFICER,
        )
    ],
    "GET /api/supervision/cases/{number}/compliance": [
        Row("/api/supervision/cases/{case}/compliance", open_to=EVERY_OFFICER)
    ],
    "GET /api/notifications": [Row("/api/notifications", wrong_unit=None, open_to="one's own notifications")],
    "GET /api/notifications/unread": [
        Row("/api/notifications/unread", wrong_unit=None, open_to="one's own notifications")
    ],
    "GET /api/incidents/media/{media_id}": [Row("/api/incidents/media/{media}", open_to=EVERY_OFFICER)],
    "GET /api/incidents/media": [
        Row("/api/incidents/media", wrong_unit_status=200, secret="{incident}", open_to=EVERY_OFFICER)
    ],
    "GET /api/inspections/review": [
        Row(
            "/api/inspections/review",
            right="head_sub_a",
            wrong_unit="head_sub_b",
            wrong_unit_status=200,
            secret="{incident}",
            open_to=EVERY_OFFICER + " (a case officer sees the list)",
        )
    ],
    "GET /api/measures/detentions": [Row("/api/measures/detentions?case={case}", open_to=EVERY_OFFICER)],
    "GET /api/audit/entries": [
        Row(
            "/api/audit/entries?action=read",
            right="legal_officer",
            wrong_unit="other_legal",
            wrong_unit_status=200,
            wrong_role=("officer_a", 403, "not_auditor"),
        )
    ],
}

# --- endpoints whose rows are still to be written -----------------------------------------------------
# Each needs a maker in `_other_apps` for its record (a stay, a media record, a sampling, a detention, a
# notification) or a request body; the owning app's engineer writes the row and removes the name here.
# Until then only their anonymous answer is checked (test_pending_endpoints_refuse_anonymous_callers).
PENDING: dict[str, str] = {
    **dict.fromkeys(
        [
            "center:rooms",
            "center:stay",
            "center:step",
            "GET /api/center/board",
            "GET /api/center/stays",
            "GET /api/center/stays/{stay_id}",
            "POST /api/center/stays",
            "POST /api/center/stays/{stay_id}/events",
        ],
        "center: needs a stay maker",
    ),
    **dict.fromkeys(
        [
            "incidents:media_decide",
            "POST /api/incidents/media",
            "POST /api/incidents/media/upload",
            "POST /api/incidents/media/{media_id}/propose",
            "POST /api/incidents/media/{media_id}/proposals/{proposal_id}/confirm",
            "POST /api/incidents/media/{media_id}/proposals/{proposal_id}/reject",
        ],
        "incidents media records: needs a media maker",
    ),
    **dict.fromkeys(
        [
            "inspections:finding",
            "inspections:review_bulk",
            "inspections:sampling",
            "POST /api/inspections/review",
            "POST /api/inspections/review/{number}",
            "GET /api/inspections/samplings",
            "GET /api/inspections/samplings/{number}",
            "POST /api/inspections/samplings",
            "POST /api/inspections/samplings/{number}/findings",
        ],
        "inspections: needs a sampling maker and bodies",
    ),
    **dict.fromkeys(
        [
            "measures:detention_step",
            "GET /api/measures/detentions/{detention_id}",
            "POST /api/measures/detentions",
            "POST /api/measures/detentions/{detention_id}/events",
            "POST /api/measures/{measure_id}/change",
        ],
        "measures: needs a detention maker and bodies",
    ),
    **dict.fromkeys(
        [
            "notifications:read",
            "POST /api/notifications/read-all",
            "POST /api/notifications/{notification_id}/read",
        ],
        "notifications: needs a notification maker",
    ),
    **dict.fromkeys(
        [
            "PATCH /api/documents/{document_id}",
            "POST /api/documents",
            "POST /api/documents/{document_id}/correct",
            "POST /api/documents/{document_id}/issue",
            "POST /api/documents/{document_id}/services",
        ],
        "documents: request bodies",
    ),
    **dict.fromkeys(
        ["POST /api/property/items", "POST /api/property/items/{code}/events"], "property: request bodies"
    ),
    **dict.fromkeys(
        ["POST /api/approvals", "POST /api/approvals/{request_id}/decisions"], "approvals: request bodies"
    ),
    **dict.fromkeys(
        [
            "POST /api/supervision/alerts/{alert_id}/assign",
            "POST /api/supervision/alerts/{alert_id}/rectification",
            "POST /api/supervision/alerts/{alert_id}/verify",
        ],
        "supervision: request bodies",
    ),
}


# --- the records the rows refer to ---------------------------------------------------------------------


@dataclass
class World:
    bureau: Bureau
    values: dict[str, str]
    officers: dict[str, Officer]

    def fill(self, text: str) -> str:
        for name, value in self.values.items():
            text = text.replace("{" + name + "}", value)
        return text

    def fill_body(self, body: dict | None) -> dict | None:
        return None if body is None else json.loads(self.fill(json.dumps(body, ensure_ascii=False)))


def _officer(badge: str, name: str, unit, role: str | None) -> Officer:
    o = officer_create(
        actor=None,
        badge_no=badge,
        name=name,
        unit=unit,
        is_auxiliary=False,
        qualification_level="basic",
        qualification_expires=date(2028, 12, 31),
    )
    if role:
        officer_grant_role(actor=None, officer=o, role=role, unit=unit)
    account_create(officer=o, username=badge, password="Matrix-pass-2026")
    return o


@pytest.fixture
def world(bureau: Bureau, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"  # stored files of the records below
    from lawtrail.measures.services import interview_record
    from lawtrail.supervision.models import Alert

    case = make_case(bureau.officer_a, title="矩阵案件")
    case_add_party(
        case=case,
        actor=bureau.officer_a,
        role="admin_suspect",
        name="王强",
        occurred_at=at("2026-03-01 10:05"),
    )
    party = case.parties.get()
    measure = summons(bureau.officer_a, case, party)
    interview = interview_record(
        actor=bureau.officer_a,
        case=case,
        party=party,
        kind="questioning",
        started_at=at("2026-03-01 11:00"),
        ended_at=at("2026-03-01 12:00"),
        officers=[bureau.officer_a, bureau.head_sub_a],
        place="case_area",
    )
    incident = make_incident(bureau.officer_a)
    alert = Alert.objects.filter(case=case).order_by("pk").first()
    assert alert is not None, (
        "the matrix needs an alert on station A's case (supervision's incremental check)"
    )
    officers = {
        name: getattr(bureau, name) for name in vars(bureau) if isinstance(getattr(bureau, name), Officer)
    }
    officers["head_sub_b"] = _officer("100011", "孙涛", bureau.sub_b, "unit_head")
    officers["other_legal"] = _officer("200020", "吴敏", bureau.other_bureau_officer.unit, "legal_officer")
    extra = _other_apps(bureau, case)
    officers["custodian"] = extra.pop("custodian_officer")
    values = {
        "case": case.number,
        "incident": incident.number,
        "measure": str(measure.measure_id),
        "interview": str(interview.interview_id),
        "party": str(party.party_id),
        "alert": str(alert.pk),
        "unit_a": bureau.station_a.code,
        "unit_b": bureau.station_b.code,
        "officer_a_id": str(bureau.officer_a.pk),
        **extra,
    }
    return World(bureau=bureau, values=values, officers=officers)


def _other_apps(bureau: Bureau, case) -> dict:
    """Records of the later apps for station A: a property item and its center, a draft document, an
    approval request. Add a maker here for a new kind of record."""
    from django.core.files.base import ContentFile

    from lawtrail.documents.models import Document
    from lawtrail.incidents.media_services import media_upload
    from tests.approvals.helpers import case_for_decision, request_decision, seeded
    from tests.documents.helpers import decided_assault
    from tests.incidents.test_media import MP4
    from tests.property.helpers import make_center, seize_phone

    center = make_center(bureau)
    item = seize_phone(bureau.officer_a, case)
    doc_case, party = decided_assault(bureau.officer_a, when="2026-03-06 16:00")
    client = Client()
    client.force_login(bureau.officer_a.user)
    client.post(f"/documents/case/{doc_case.number}/new/penalty_decision/", {"party": str(party.party_id)})
    document = Document.objects.get(case=doc_case)
    seeded(bureau)
    approval = request_decision(bureau, case_for_decision(bureau.officer_a))
    media = media_upload(
        actor=bureau.officer_a,
        upload=ContentFile(MP4, name="clip.mp4"),
        kind="body_camera",
        captured_at=at("2026-03-01 22:25"),
        unit=bureau.station_a,
        officer=bureau.officer_a,
        propose_links=False,
    )
    return {
        "item": item.code,
        "center": center.unit.code,
        "custodian_officer": center.custodian,
        "doc_case": doc_case.number,
        "document": document.document_id,
        "approval": str(approval.request_id),
        "media": str(media.media_id),
    }


# --- enumeration ---------------------------------------------------------------------------------------


def page_names() -> set[str]:
    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str, prefix: str) -> None:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                route = prefix + str(p.pattern)
                if route.startswith("api/"):
                    continue  # API operations are enumerated from the OpenAPI schema
                walk(p, namespace + (f"{p.namespace}:" if p.namespace else ""), route)
            elif isinstance(p, URLPattern):
                names.add(namespace + (p.name or f"<unnamed {prefix}{p.pattern}>"))

    walk(get_resolver(), "", "")
    return names


def api_operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}


def test_every_endpoint_has_an_entry():
    """Given every URL pattern and every operation of the OpenAPI schema, then each has a row in the matrix
    (and no row is left for an endpoint that is gone)."""
    missing_pages = sorted(page_names() - set(PAGES) - set(PENDING))
    missing_api = sorted(api_operations() - set(API) - set(PENDING))
    stale = sorted((set(PAGES) | set(API) | set(PENDING)) - page_names() - api_operations())
    how = "add a Row to PAGES or API in tests/security/test_permission_matrix.py (see its docstring)"
    assert not missing_pages, f"pages without a permission-matrix entry: {missing_pages} — {how}"
    assert not missing_api, f"API operations without a permission-matrix entry: {missing_api} — {how}"
    assert not stale, f"matrix entries for endpoints that no longer exist: {stale}"


@pytest.mark.xfail(
    strict=True, reason="rows still to be written for the endpoints in PENDING (see its comment)"
)
def test_nothing_is_pending():
    """Given the matrix, then no endpoint is left in PENDING (when this passes, remove the xfail mark)."""
    assert not PENDING, f"{len(PENDING)} endpoints without a full row: {sorted(set(PENDING.values()))}"


def test_pending_endpoints_refuse_anonymous_callers():
    """Given the endpoints still pending a full row, then each refuses an anonymous caller: pages send to
    the login page, API operations answer 401 (path parameters filled with a value that exists nowhere)."""
    import re

    client = Client()
    for key in PENDING:
        if key.split(" ", 1)[0] in ("GET", "POST", "PATCH", "PUT", "DELETE"):
            method, path = key.split(" ", 1)
            path = re.sub(r"\{[^}]+\}", "1", path)
            answer = client.generic(method, path, "{}", content_type="application/json")
            assert answer.status_code == 401, f"{key}: anonymous got {answer.status_code}"
        else:
            answer = client.get(_example_path(key))
            assert answer.status_code in (302, 405), f"{key}: anonymous got {answer.status_code}"
            if answer.status_code == 302:
                assert answer["Location"].startswith("/login/"), (
                    f"{key}: anonymous sent to {answer['Location']}"
                )


def _example_path(name: str) -> str:
    """A path of URL `name` with every parameter filled with a value of the right shape."""
    from django.urls import NoReverseMatch, reverse

    for value in ("1", "x", "00000000-0000-0000-0000-000000000000"):
        try:
            resolver_kwargs = get_resolver().reverse_dict
            del resolver_kwargs
            return reverse(name, kwargs=_kwargs_for(name, value))
        except NoReverseMatch:
            continue
    raise AssertionError(f"cannot build a path for {name}")


def _kwargs_for(name: str, value: str) -> dict[str, str]:
    from django.urls import get_resolver as resolver

    ns, _, url_name = name.rpartition(":")
    sub = resolver()
    for part in ns.split(":") if ns else []:
        sub = sub.namespace_dict[part][1]
    for pattern in sub.url_patterns:
        if getattr(pattern, "name", None) == url_name:
            return dict.fromkeys(pattern.pattern.converters, value)
    return {}


def test_every_row_says_why_a_check_is_missing():
    """Given the rows, then each one without a wrong-role or wrong-unit check says why (open_to)."""
    for key, rows in {**PAGES, **API}.items():
        for row in rows:
            if row.wrong_role is None or row.wrong_unit is None:
                assert row.open_to, f"{key}: say in open_to why there is no wrong-role/wrong-unit check"


# --- the checks ----------------------------------------------------------------------------------------


def _client(world: World, who: str | None, *, api_call: bool) -> Client:
    if who is None:
        return Client()
    officer = world.officers[who]
    if api_call:
        _, raw = api_token_create(officer=officer, name="matrix")
        return Client(headers={"authorization": f"Bearer {raw}"})
    client = Client()
    client.force_login(officer.user)
    return client


def _call(client: Client, row: Row, world: World, *, api_call: bool):
    path = world.fill(row.path)
    body = world.fill_body(row.body)
    if row.method == "GET":
        return client.get(path)
    if api_call:
        return client.generic(row.method, path, json.dumps(body or {}), content_type="application/json")
    return client.post(path, body or {})


ROWS = [(key, i, row, False) for key, rows in PAGES.items() for i, row in enumerate(rows)] + [
    (key, i, row, True) for key, rows in API.items() for i, row in enumerate(rows)
]


@pytest.mark.parametrize(("key", "index", "row", "api_call"), ROWS, ids=[f"{k}#{i}" for k, i, _, _ in ROWS])
def test_access(world: World, key: str, index: int, row: Row, api_call: bool):
    """Given a row of the matrix, then: anonymous → login page / 401; wrong role → refused with its
    message; wrong unit → 404 (a list: the record is not shown); right role → the expected answer."""
    anonymous = _call(Client(), row, world, api_call=api_call)
    if row.public:
        assert anonymous.status_code in (200, 302), f"{key}: public, got {anonymous.status_code}"
    elif api_call:
        assert anonymous.status_code == 401, f"{key}: anonymous got {anonymous.status_code}"
    else:
        assert anonymous.status_code == 302, f"{key}: anonymous got {anonymous.status_code}"
        assert anonymous["Location"].startswith("/login/"), (
            f"{key}: anonymous sent to {anonymous['Location']}"
        )

    if row.wrong_role is not None:
        who, status, text = row.wrong_role
        answer = _call(_client(world, who, api_call=api_call), row, world, api_call=api_call)
        assert answer.status_code == status, f"{key}: wrong role {who} got {answer.status_code}"
        assert text in answer.content.decode(), f"{key}: wrong role {who}: no '{text}' in the answer"

    if row.wrong_unit is not None:
        answer = _call(_client(world, row.wrong_unit, api_call=api_call), row, world, api_call=api_call)
        assert answer.status_code == row.wrong_unit_status, f"{key}: wrong unit got {answer.status_code}"
        if row.wrong_unit_status == 200:
            assert world.fill(row.secret) not in answer.content.decode(), f"{key}: wrong unit sees the record"

    answer = _call(_client(world, row.right, api_call=api_call), row, world, api_call=api_call)
    assert answer.status_code in row.ok, (
        f"{key}: {row.right} got {answer.status_code}: {answer.content[:300]!r}"
    )


# --- writes that would move a record out of the writer's scope ------------------------------------------


def test_a_case_or_incident_cannot_be_created_in_a_unit_out_of_scope(world: World):
    """Given station A's officer, when they accept a case or register an incident in station B's unit, then
    404 naming the field `unit` (like a unit that does not exist), and nothing is created."""
    from lawtrail.cases.models import Case
    from lawtrail.incidents.models import Incident

    client = _client(world, "officer_a", api_call=True)
    cases, incidents = Case.objects.count(), Incident.objects.count()
    for path, body in (("/api/cases", CASE_BODY), ("/api/incidents", INCIDENT_BODY)):
        answer = client.post(
            path, world.fill_body({**body, "unit": "{unit_b}"}), content_type="application/json"
        )
        assert answer.status_code == 404
        assert answer.json()["field"] == "unit"
    assert (Case.objects.count(), Incident.objects.count()) == (cases, incidents)


def test_a_case_cannot_be_handed_to_an_officer_of_another_bureau(world: World):
    """Given station A's case, when its officer assigns an officer of another bureau as handler (which would
    make the case visible to them), then 422 on `payload.officer` and the handlers are unchanged."""
    from lawtrail.cases.models import Handler

    before = Handler.objects.count()
    answer = _client(world, "officer_a", api_call=True).post(
        world.fill("/api/cases/{case}/events"),
        {"name": "case.handler_assigned", "payload": {"officer": "200001", "role": "lead"}},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer.json()["field"] == "payload.officer"
    assert Handler.objects.count() == before


def test_a_measure_cannot_name_a_case_or_party_out_of_scope(world: World):
    """Given station B's officer, when they take a measure on station A's case (or name its party from their
    own case), then 404 and no measure."""
    from lawtrail.measures.models import Measure

    before = Measure.objects.count()
    answer = _client(world, "officer_b", api_call=True).post(
        "/api/measures",
        world.fill_body({"case": "{case}", "kind": "summons", "party": "{party}"}),
        content_type="application/json",
    )
    assert answer.status_code == 404
    own = make_case(world.bureau.officer_b)
    answer = _client(world, "officer_b", api_call=True).post(
        "/api/measures",
        world.fill_body({"case": own.number, "kind": "summons", "party": "{party}"}),
        content_type="application/json",
    )
    assert answer.status_code in (404, 422)
    assert Measure.objects.count() == before
