"""Supervision over HTTP: alerts, their lifecycle (assign → rectification → verify), and a case's compliance.

Thin: parse, call a selector or a service, shape the answer. Scoping is the pages' (supervision.selectors:
an alert or a case outside the asker's scope is 404, like one that does not exist); who may assign and
verify (a legal officer or a bureau leader over the alert's unit) and who may submit (the officer the
rectification is assigned to) is the services' (403), and a step the alert's state does not allow is 409.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from lawtrail.api.auth import request_officer, request_scope
from lawtrail.api.errors import errors
from lawtrail.api.schemas import OfficerRef, Page, PageQuery, UnitRef, paginate
from lawtrail.cases.selectors import case_get
from lawtrail.common import clock
from lawtrail.org.selectors import officer_get_in_bureau

from .models import Alert, AlertEvent, AlertLevel, AlertState, Rectification
from .selectors import AlertFilters, alert_get, alert_list, case_compliance
from .services import alert_assign, alert_submit, alert_verify

router = Router(tags=["监督预警 supervision"])


# --- schemas --------------------------------------------------------------------------------------------


class AlertOut(Schema):
    id: int
    rule_id: str = Field(description="规则编号（含版本），如 ps.case_time_limit.v2026")
    family: str = Field(description="规则族，如 ps.case_time_limit")
    title: str
    level: AlertLevel = Field(description="级别：预警（blue…red）、超期、违规、需人工审查")
    level_label: str
    state: AlertState
    state_label: str
    rule_state: str = Field(description="引擎的结论：warning、overdue、met_late、violated、manual_review …")
    subject_type: Literal["case", "incident"]
    subject_key: str = Field(description="案件或警情编号")
    unit: UnitRef
    responsible: OfficerRef | None = Field(description="责任民警（主办民警）")
    due: datetime | None = Field(description="期满时间")
    citation: str = Field(description="依据")
    severity: str
    opened_at: datetime
    updated_at: datetime
    resolved_how: str = Field(description="自动解除的原因")

    @staticmethod
    def resolve_level_label(obj: Alert) -> str:
        return str(obj.get_level_display())

    @staticmethod
    def resolve_state_label(obj: Alert) -> str:
        return str(obj.get_state_display())


class AlertLogOut(Schema):
    action: str
    label: str
    from_state: str
    to_state: str
    actor: OfficerRef | None
    note: str
    event_seq: int | None = Field(description="引起该变化的事件（录入顺序号）")
    at: datetime

    @staticmethod
    def resolve_label(obj: AlertEvent) -> str:
        return obj.label

    @staticmethod
    def resolve_event_seq(obj: AlertEvent) -> int | None:
        return obj.event.seq if obj.event_id else None


class RectificationOut(Schema):
    assigned_to: OfficerRef
    assigned_by: OfficerRef
    assigned_at: datetime
    deadline: date = Field(description="整改期限")
    statement: str = Field(description="整改说明")
    submitted_at: datetime | None
    verified_by: OfficerRef | None
    verified_at: datetime | None
    outcome: str = Field(description="accepted（通过）、returned（退回）或空（待核查）")
    note: str = Field(description="核查意见")


class AlertDetail(AlertOut):
    explanation: list[str] = Field(description="期限如何计算、为何得出该结论（逐行）")
    resolved_by_event: int | None = Field(description="使预警自动解除的事件（录入顺序号）")
    history: list[AlertLogOut] = Field(description="预警记录：发现、级别变化、下发整改、提交、核查、自动解除")
    rectifications: list[RectificationOut] = Field(description="整改（每轮一条）")

    @staticmethod
    def resolve_resolved_by_event(obj: Alert) -> int | None:
        return obj.resolved_by_event.seq if obj.resolved_by_event_id else None

    @staticmethod
    def resolve_history(obj: Alert) -> list[AlertEvent]:
        return list(obj.log.select_related("actor", "event"))

    @staticmethod
    def resolve_rectifications(obj: Alert) -> list[Rectification]:
        return list(obj.rectifications.select_related("assigned_to", "assigned_by", "verified_by"))


class AlertQuery(PageQuery):
    state: AlertState | Literal["active", "all"] = Field(
        "active", description="状态；active（默认：待处理、整改中、整改已提交）或 all"
    )
    level: AlertLevel | None = None
    unit: int | None = Field(None, description="单位 id")
    case: str | None = Field(None, description="案件编号")
    incident: str | None = Field(None, description="警情编号")
    rule: str | None = Field(None, description="规则族，如 ps.case_time_limit")


class AssignIn(Schema):
    officer: str = Field(description="整改责任人警号（本局在职民警）")
    deadline: date = Field(description="整改期限（不早于今天）")
    note: str = ""


class SubmitIn(Schema):
    statement: str = Field(description="整改说明")


class VerifyIn(Schema):
    accept: bool = Field(description="true 核查通过并核销；false 退回整改（须写明意见）")
    note: str = ""


class ComplianceRowOut(Schema):
    rule_id: str
    family: str
    title: str
    citation: str
    state: str = Field(
        description="引擎的结论：met、met_late、pending、warning、paused、overdue、violated、"
        "manual_review，或 not_applicable（适用但尚未起算）"
    )
    state_label: str
    started: bool = Field(description="是否已起算")
    due: datetime | None
    explanation: list[str]
    alert: int | None = Field(description="该规则族在本案的预警 id")


class ComplianceOut(Schema):
    case: str
    as_of: datetime
    rules: list[ComplianceRowOut] = Field(
        description="每条适用的规则：已起算的在前（最严重的在前），再是尚未起算的"
    )


# --- endpoints ------------------------------------------------------------------------------------------


@router.get("/alerts", response={200: Page[AlertOut], **errors(422)}, summary="预警列表 List alerts in scope")
def list_alerts(request: HttpRequest, filters: Query[AlertQuery]):
    f = AlertFilters(**filters.model_dump(exclude={"limit", "offset"}))
    return paginate(alert_list(request_scope(request), f), filters)


@router.get(
    "/alerts/{alert_id}", response={200: AlertDetail, **errors(404)}, summary="预警详情 Alert details"
)
def get_alert(request: HttpRequest, alert_id: int):
    """The alert with its explanation, its log and its rectification rounds."""
    return alert_get(request_scope(request), alert_id)


@router.post(
    "/alerts/{alert_id}/assign",
    response={200: AlertDetail, **errors(403, 404, 409, 422)},
    summary="下发整改 Assign for rectification",
)
def assign_alert(request: HttpRequest, alert_id: int, data: AssignIn):
    """A legal officer or a bureau leader assigns an open alert to an officer of the bureau, with a deadline."""
    alert = alert_get(request_scope(request), alert_id)
    officer = officer_get_in_bureau(alert.bureau_id, data.officer)
    alert_assign(
        alert=alert, actor=request_officer(request), officer=officer, deadline=data.deadline, note=data.note
    )
    return alert_get(request_scope(request), alert_id)


@router.post(
    "/alerts/{alert_id}/rectification",
    response={200: AlertDetail, **errors(403, 404, 409, 422)},
    summary="提交整改说明 Submit the rectification",
)
def submit_rectification(request: HttpRequest, alert_id: int, data: SubmitIn):
    """The officer the alert is assigned to submits the 整改说明."""
    alert = alert_get(request_scope(request), alert_id)
    alert_submit(alert=alert, actor=request_officer(request), statement=data.statement)
    return alert_get(request_scope(request), alert_id)


@router.post(
    "/alerts/{alert_id}/verify",
    response={200: AlertDetail, **errors(403, 404, 409, 422)},
    summary="核查整改 Verify (accept or return)",
)
def verify_rectification(request: HttpRequest, alert_id: int, data: VerifyIn):
    """A legal officer accepts the rectification (the alert is closed) or returns it with a note."""
    alert = alert_get(request_scope(request), alert_id)
    alert_verify(alert=alert, actor=request_officer(request), accept=data.accept, note=data.note)
    return alert_get(request_scope(request), alert_id)


@router.get(
    "/cases/{number}/compliance",
    response={200: ComplianceOut, **errors(404)},
    summary="案件合规情况 Compliance of a case",
)
def get_compliance(request: HttpRequest, number: str):
    """Every rule that applies to the case, evaluated now: its state, due time and explanation."""
    case = case_get(request_scope(request), number)
    now = clock.now()
    compliance = case_compliance(case, now=now)
    rows = [
        {
            "rule_id": row.rule_id,
            "family": row.family,
            "title": row.title,
            "citation": row.citation,
            "state": str(row.state),
            "state_label": row.state.label,
            "started": started,
            "due": row.due,
            "explanation": list(row.explanation),
            "alert": row.alert.pk if row.alert else None,
        }
        for started, rows_ in ((True, compliance.started), (False, compliance.waiting))
        for row in rows_
    ]
    return {"case": case.number, "as_of": now, "rules": rows}
