"""智能关联: which incidents, cases and interviews a media record probably belongs to — pure code.

A body-camera clip belongs to the incident its officer was dispatched to at the time it was filmed, and
near the place; an interview recording to the interview held by its officer at that time in that room; a
clip filmed during a measure (a summons, a detention) to the case of that measure. The facts are plain
dataclasses so that the benchmark (bench/media_linking.py) measures exactly the code the application runs.

Score (0–1) = officer (0.5, or 0 when the media has no officer, e.g. CCTV) + time (0.3 inside the target's
window — 0.15 for a case's measure, hours long —, 0.15 inside the slack around it, nothing outside: no
proposal) + place (0.2 × similarity of the character bigrams of the two places). A proposal needs
`threshold` (0.5 by default: the time and the officer, or the time and the exact room of an interview
recorder without an officer) and must be within `margin` (0.1) of the media's best candidate; a case is
not proposed besides its own incident or interview that scores as well. These defaults were chosen by
measurement (bench/media_linking.py, docs/media-linking.md). The person who sees the proposal decides;
nothing is linked automatically.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

OFFICER_WEIGHT = 0.5
TIME_WEIGHT = 0.3
SLACK_WEIGHT = 0.15
PLACE_WEIGHT = 0.2
DEFAULT_THRESHOLD = 0.5
# Only the candidates within this much of the best are proposed: a clip inside one incident's window is
# not also proposed for the same officers' next incident that starts in the slack after it.
DEFAULT_MARGIN = 0.1
# Slack around a target's window: a camera switched on while driving to the scene, or left running.
SLACK = timedelta(minutes=30)


@dataclass(frozen=True)
class MediaFacts:
    key: str
    captured_at: datetime
    duration_seconds: int | None = None
    officer: str | None = None  # badge number
    place: str = ""


@dataclass(frozen=True)
class TargetFacts:
    type: str  # "incident" | "case" | "interview"
    key: str
    start: datetime
    end: datetime
    officers: frozenset[str] = frozenset()
    place: str = ""
    label: str = ""
    case: str = ""  # the case an incident became or an interview belongs to


@dataclass(frozen=True)
class Candidate:
    target: TargetFacts
    score: float
    reasons: tuple[str, ...] = field(default=())


def bigrams(text: str) -> set[str]:
    chars = [c for c in text if not c.isspace() and c not in "，,。.;；:：()（）-—#号"]
    if len(chars) < 2:
        return set(chars)
    return {a + b for a, b in itertools.pairwise(chars)}


def place_similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two place descriptions (0 when either is empty):
    "西江路12号金鹰商场门口" vs "金鹰商场西江路口" ≈ 0.5; different streets ≈ 0."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def score(media: MediaFacts, target: TargetFacts, *, slack: timedelta = SLACK) -> Candidate | None:
    """How well `media` fits `target`, with the reasons in Chinese; None when the times do not meet."""
    m_start = media.captured_at
    m_end = m_start + timedelta(seconds=media.duration_seconds or 0)
    reasons: list[str] = []
    if m_start <= target.end and m_end >= target.start:
        # A measure lasts hours (a summons up to 24): being inside it says less than being inside an
        # incident's dispatch or an interview.
        total = TIME_WEIGHT if target.type != "case" else SLACK_WEIGHT
        reasons.append("拍摄时间在处置/询问/措施时段内")
    elif m_start <= target.end + slack and m_end >= target.start - slack:
        total = SLACK_WEIGHT
        reasons.append(f"拍摄时间在时段前后{int(slack.total_seconds() // 60)}分钟内")
    else:
        return None
    if media.officer and media.officer in target.officers:
        total += OFFICER_WEIGHT
        reasons.append(f"拍摄民警{media.officer}在场/出警")
    similarity = place_similarity(media.place, target.place)
    if similarity > 0:
        total += PLACE_WEIGHT * similarity
        reasons.append(f"地点相近（{similarity:.0%}）")
    return Candidate(target=target, score=round(total, 3), reasons=tuple(reasons))


def propose(
    media: MediaFacts,
    targets: Iterable[TargetFacts],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float | None = DEFAULT_MARGIN,
    slack: timedelta = SLACK,
) -> list[Candidate]:
    """The targets worth proposing for `media`, best first: at least `threshold`, and within `margin` of
    the best (None: no margin); one per (type, key) — a case seen through several of its measures keeps
    its best score — and no case whose incident or interview is proposed."""
    best: dict[tuple[str, str], Candidate] = {}
    for target in targets:
        c = score(media, target, slack=slack)
        if c is None or c.score < threshold:
            continue
        k = (target.type, target.key)
        if k not in best or c.score > best[k].score:
            best[k] = c
    # A case is not proposed besides its own incident or interview when that scores as well: confirming
    # the more precise link links the case too.
    covered: dict[str, float] = {}
    for c in best.values():
        if c.target.type != "case" and c.target.case:
            covered[c.target.case] = max(covered.get(c.target.case, 0.0), c.score)
    ranked = sorted(
        (
            c
            for c in best.values()
            if not (c.target.type == "case" and covered.get(c.target.key, -1.0) >= c.score)
        ),
        key=lambda c: (-c.score, c.target.type, c.target.key),
    )
    if ranked and margin is not None:
        floor = ranked[0].score - margin - 1e-9
        ranked = [c for c in ranked if c.score >= floor]
    return ranked
