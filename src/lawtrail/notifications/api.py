"""通知 over HTTP: the asker's own notifications, the unread count, marking read."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from lawtrail.api.auth import request_officer
from lawtrail.api.errors import errors
from lawtrail.api.schemas import Page, PageQuery, paginate

from .choices import Kind
from .selectors import notifications_of, unread_count
from .services import notification_mark_read, notifications_mark_all_read

router = Router(tags=["通知 notifications"])


class NotificationOut(Schema):
    id: int
    kind: Kind
    title: str
    body: str
    link: str = Field(description="相关页面（如预警）的路径")
    created_at: datetime
    read_at: datetime | None


class ListQuery(PageQuery):
    unread: bool = Field(False, description="只列未读")


class UnreadOut(Schema):
    unread: int


@router.get("", response={200: Page[NotificationOut], **errors()}, summary="我的通知 My notifications")
def list_notifications(request: HttpRequest, query: Query[ListQuery]):
    return paginate(notifications_of(request_officer(request), unread=query.unread), query)


@router.get("/unread", response={200: UnreadOut, **errors()}, summary="未读数 Unread count")
def get_unread(request: HttpRequest):
    return {"unread": unread_count(request_officer(request))}


@router.post(
    "/{notification_id}/read",
    response={200: NotificationOut, **errors(404, 422)},
    summary="标为已读 Mark read",
)
def read_one(request: HttpRequest, notification_id: int):
    return notification_mark_read(officer=request_officer(request), notification_id=notification_id)


@router.post("/read-all", response={200: UnreadOut, **errors(422)}, summary="全部标为已读 Mark all read")
def read_all(request: HttpRequest):
    notifications_mark_all_read(officer=request_officer(request))
    return {"unread": 0}
