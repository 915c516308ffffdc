"""Case-handling center reads, scoped: a stay is visible with its case, and to the staff of the center it
happens in (out of scope is 404). The live board: who is in, since when, in which room, and the time left
against the limit of the measure that holds them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from lawtrail.cases.models import Case
from lawtrail.cases.selectors import cases_visible
from lawtrail.common import clock
from lawtrail.common.errors import NotFound
from lawtrail.measures.choices import MeasureKind
from lawtrail.org.choices import UnitKind
from lawtrail.org.models import Unit
from lawtrail.org.policies import Scope

from .choices import StayStatus
from .models import Room, Stay

STAY_RELATED = ("case", "party", "measure", "room", "center", "brought_by", "checked_by")

# The legal limit on holding the person, by measure, as the board shows it (hours from the arrival, or from
# the detention for the hand-over to the detention house). The rules — tiers, extensions, law versions —
# are the supervision catalogue's; these are the display hints: 治安管理处罚法 第97条 (8 h; 12 h; 24 h),
# 刑事诉讼法 第119条 (12 h; 24 h), 拘传 12 h, 继续盘问 24 h (48 h), 刑事诉讼法 第85条 (24 h to the 看守所).
DEFAULT_LIMIT_HOURS = {
    MeasureKind.SUMMONS: 8,
    MeasureKind.FORCED_SUMMONS: 8,
    MeasureKind.COMPELLED_APPEARANCE: 12,
    MeasureKind.CONTINUED_QUESTIONING: 24,
    MeasureKind.CRIMINAL_DETENTION: 24,
    MeasureKind.ARREST: 24,
}
CRIMINAL_SUMMONS_HOURS = 12


def stays_visible(scope: Scope) -> QuerySet[Stay]:
    if scope.is_empty:
        return Stay.objects.none()
    return Stay.objects.filter(Q(case__in=cases_visible(scope)) | Q(center_id__in=scope.unit_ids))


def stay_get(scope: Scope, stay_id: str) -> Stay:
    try:
        key = uuid.UUID(str(stay_id))
    except ValueError:
        key = None
    stay = stays_visible(scope).select_related(*STAY_RELATED).filter(stay_id=key).first() if key else None
    if stay is None:
        raise NotFound(f"进出中心记录{stay_id}不存在或不在您的查看范围内")
    return stay


def case_stays(case: Case) -> QuerySet[Stay]:
    return case.center_stays.select_related(*STAY_RELATED).order_by("entered_at", "id")


def centers_visible(scope: Scope) -> QuerySet[Unit]:
    """The case-handling centers of the asker's bureau(s): officers of every unit bring people there."""
    if scope.is_empty:
        return Unit.objects.none()
    bureaus = Unit.objects.filter(id__in=scope.unit_ids).values("bureau_id")
    return Unit.objects.filter(kind=UnitKind.CASE_CENTER, bureau_id__in=bureaus).order_by("code")


def center_get(scope: Scope, code: str) -> Unit:
    center = centers_visible(scope).filter(code=code).first()
    if center is None:
        raise NotFound(f"执法办案管理中心{code}不存在或不在您的查看范围内")
    return center


def center_rooms(center: Unit) -> QuerySet[Room]:
    return Room.objects.filter(center=center).order_by("kind", "name")


@dataclass(frozen=True)
class BoardRow:
    stay: Stay
    limit_hours: int | None
    due: datetime | None
    now: datetime

    @property
    def minutes_left(self) -> int | None:
        if self.due is None:
            return None
        return int((self.due - self.now).total_seconds() // 60)

    @property
    def urgency(self) -> str:
        """over (past the limit), red (under an hour left), amber (under two), ok, or none (no limit)."""
        left = self.minutes_left
        if left is None:
            return "none"
        if left < 0:
            return "over"
        return "red" if left < 60 else "amber" if left < 120 else "ok"

    @property
    def left_text(self) -> str:
        left = self.minutes_left
        if left is None:
            return ""
        hours, minutes = divmod(abs(left), 60)
        values = {"hours": hours, "minutes": f"{minutes:02d}"}
        if left < 0:
            return _("超时 %(hours)s小时%(minutes)s分") % values
        return _("%(hours)s小时%(minutes)s分") % values


def limit_of(stay: Stay) -> tuple[int | None, datetime | None]:
    """(hours, due) of the measure that holds the person in the center, or (None, None)."""
    measure = stay.measure
    if measure is None:
        return None, None
    kind = MeasureKind(measure.kind)
    if kind in (MeasureKind.CRIMINAL_DETENTION, MeasureKind.ARREST):
        if measure.jailed_at:
            return None, None
        return DEFAULT_LIMIT_HOURS[kind], measure.applied_at + timedelta(hours=DEFAULT_LIMIT_HOURS[kind])
    default = DEFAULT_LIMIT_HOURS.get(kind)
    if default is None:
        return None, None
    if kind in (MeasureKind.SUMMONS, MeasureKind.FORCED_SUMMONS) and stay.case.kind == "criminal":
        default = CRIMINAL_SUMMONS_HOURS
    hours = measure.limit_hours or default
    start = measure.arrived_at or stay.entered_at
    return hours, start + timedelta(hours=hours)


def board(scope: Scope, center: Unit, *, now: datetime | None = None) -> list[BoardRow]:
    """Who is in the center now, the most urgent first (past or nearest their limit)."""
    now = now or clock.now()
    stays = (
        stays_visible(scope)
        .filter(center=center, status=StayStatus.IN)
        .select_related(*STAY_RELATED)
        .order_by("entered_at", "id")
    )
    rows = []
    for stay in stays:
        hours, due = limit_of(stay)
        rows.append(BoardRow(stay=stay, limit_hours=hours, due=due, now=now))
    far = now + timedelta(days=3650)
    return sorted(rows, key=lambda r: (r.due or far, r.stay.entered_at))
