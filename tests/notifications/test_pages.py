"""The notification list, the unread badge fragment, marking read; the API; one's own only."""

from __future__ import annotations

from django.test import Client

from lawtrail.notifications.models import Notification
from lawtrail.notifications.services import notify
from tests.api.conftest import bearer


def login(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


def test_the_badge_counts_unread_and_reading_opens_the_link(bureau):
    """Given two notifications to officer A, then the badge says 2; opening one marks it read and goes to
    its link; the badge then says 1, and "all read" clears it."""
    first = notify(
        recipient=bureau.officer_a, kind="alert_opened", title="超期：案件办理期限", link="/cases/"
    )
    notify(recipient=bureau.officer_a, kind="other", title="第二条")
    client = login(bureau.officer_a)
    assert 'class="notify-count">2<' in client.get("/notifications/badge/").content.decode()
    page = client.get("/notifications/").content.decode()
    assert "超期：案件办理期限" in page
    assert "第二条" in page
    opened = client.post(f"/notifications/{first.pk}/read/", {"open": "1"})
    assert opened.status_code == 302
    assert opened["Location"] == "/cases/"
    assert 'class="notify-count">1<' in client.get("/notifications/badge/").content.decode()
    client.post("/notifications/read-all/")
    assert "notify-count" not in client.get("/notifications/badge/").content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_another_officers_notification_is_404(bureau):
    """Given a notification to officer A, then officer B cannot mark it read (404) nor see it."""
    mine = notify(recipient=bureau.officer_a, kind="other", title="只给张伟")
    other = login(bureau.officer_b)
    assert other.post(f"/notifications/{mine.pk}/read/").status_code == 404
    assert "只给张伟" not in other.get("/notifications/").content.decode()
    assert bearer(bureau.officer_b).post(f"/api/notifications/{mine.pk}/read").status_code == 404


def test_the_api_lists_counts_and_marks_read(bureau):
    """Given two notifications, then the API lists them newest first, counts 2 unread, and after marking
    one read counts 1."""
    notify(recipient=bureau.officer_a, kind="other", title="一")
    second = notify(recipient=bureau.officer_a, kind="other", title="二")
    client = bearer(bureau.officer_a)
    listed = client.get("/api/notifications").json()
    assert [n["title"] for n in listed["items"]] == ["二", "一"]
    assert client.get("/api/notifications/unread").json() == {"unread": 2}
    assert client.post(f"/api/notifications/{second.pk}/read").json()["read_at"] is not None
    assert client.get("/api/notifications/unread").json() == {"unread": 1}
    assert client.get("/api/notifications", {"unread": True}).json()["total"] == 1
