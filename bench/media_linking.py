"""The media-linking proposals (智能关联) measured on generated data: precision and recall against the
links the generator planted.

    .venv/bin/python bench/media_linking.py --seed 1 --days 30 --stations 10 --out var/bench/media_linking.json

The generator builds a bureau's month: stations with officers working shifts in pairs, incidents
dispatched to a pair (接警 → 派警 → 到达 → 处警), some becoming cases with interviews in the station's
interview rooms and measures (summons, detentions) — and the media those produce, each with the link it
truly belongs to:

* body-camera clips of the dispatched officers at the incident (90 % of officers film; 10 % of clips start
  while driving, before the window proper), the place typed by the officer as a variant of the incident's
  place, or left blank;
* interview recordings by the room's recorder (80 % with the operating officer's badge, 20 % without);
* clips filmed during a measure (escorting a detained person) by a handler of the case;
and noise with no true link: patrol clips of random officers at random times, CCTV exports without an
officer, and 3 % of true clips whose camera clock is wrong by 1–3 hours (they can only be missed).

The proposals are computed by exactly the application's code (`lawtrail.incidents.linking.propose`) on
the candidates the application's query would fetch (`media_selectors.link_targets`: incidents received in
the 12 hours before the capture, interviews overlapping them, measures applied in the 3 days before), and
compared with the planted links at several thresholds: precision = proposals that are true links / all
proposals, recall = true links proposed / all true links. "top-1" keeps only each media's best proposal.
Results and their reading: docs/media-linking.md.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from lawtrail.incidents.linking import SLACK, MediaFacts, TargetFacts, propose

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 1, tzinfo=TZ)
LOOKBACK = timedelta(hours=12)  # = media_selectors.LOOKBACK
MEASURE_LOOKBACK = timedelta(days=3)  # = media_selectors.MEASURE_LOOKBACK
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.8, 0.9)

STREETS = [
    "西江一路",
    "西江二路",
    "新兴二路",
    "蝶山路",
    "大学路",
    "南环路",
    "高旺路",
    "钱鉴路",
    "富民路",
    "建设路",
    "中山路",
    "大东路",
    "北山路",
    "工业大道",
    "龙华路",
    "三云路",
    "红岭路",
    "长洲路",
    "环城东路",
    "桂林路",
    "旺步路",
    "舜帝大道",
    "扶典路",
    "新兴五路",
    "万秀路",
    "金龙路",
    "梧石路",
    "塘源路",
    "民主路",
    "和平路",
]
LANDMARKS = [
    "烧烤摊",
    "金鹰商场门口",
    "菜市场",
    "网吧",
    "KTV",
    "农贸市场东门",
    "小区停车场",
    "便利店",
    "公交站",
    "学校门口",
    "医院急诊",
    "酒吧",
    "汽车站",
    "宾馆",
    "大排档",
    "足浴店",
    "手机店",
    "加油站",
    "广场",
]


@dataclass
class World:
    targets: list[TargetFacts]
    media: list[MediaFacts]
    truth: dict[str, tuple[str, str] | None]  # media key → (type, key) it belongs to, or None (noise)
    kinds: dict[str, str]  # media key → generator category


def _place(rng: random.Random, station: int) -> str:
    street = STREETS[(station * 3 + rng.randrange(6)) % len(STREETS)]
    return f"{street}{rng.randint(1, 300)}号{rng.choice(LANDMARKS)}"


def _variant(rng: random.Random, place: str) -> str:
    """How an officer types the place of their clip: the incident's, reordered, shortened, or nothing."""
    r = rng.random()
    if r < 0.45:
        return place
    if r < 0.65:
        street, _, rest = place.partition("号")
        return f"{rest}（{street}号）"
    if r < 0.8:
        return place.split("号")[0]
    return ""


def generate(seed: int, days: int, stations: int) -> World:
    rng = random.Random(seed)
    targets: list[TargetFacts] = []
    media: list[MediaFacts] = []
    truth: dict[str, tuple[str, str] | None] = {}
    kinds: dict[str, str] = {}
    n = 0

    def add(kind: str, facts: MediaFacts, link: tuple[str, str] | None, *, drift: bool = True) -> None:
        if drift and link and rng.random() < 0.03:  # camera clock wrong: cannot be found by time
            facts = MediaFacts(
                key=facts.key,
                captured_at=facts.captured_at + timedelta(hours=rng.choice((-1, 1)) * rng.uniform(1, 3)),
                duration_seconds=facts.duration_seconds,
                officer=facts.officer,
                place=facts.place,
            )
            kind += "+clock_drift"
        media.append(facts)
        truth[facts.key] = link
        kinds[facts.key] = kind

    def key() -> str:
        nonlocal n
        n += 1
        return f"M{n:06d}"

    for s in range(stations):
        officers = [f"{s:02d}{i:04d}" for i in range(12)]
        pairs = [(officers[i], officers[i + 1]) for i in range(0, 12, 2)]  # 6 pairs, 3 shifts of 2 pairs
        rooms = [f"{STREETS[s]}派出所询问室{r}" for r in (1, 2, 3)]
        at_work: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
        for day in range(days):
            for shift in range(3):
                on_duty = pairs[shift * 2 : shift * 2 + 2]
                shift_start = START + timedelta(days=day, hours=8 * shift)
                busy = dict.fromkeys(on_duty, shift_start)
                desk = dict.fromkeys(on_duty, shift_start)  # when the pair is free for an interview
                for _ in range(rng.randint(3, 7)):  # incidents per shift per station
                    received = shift_start + timedelta(minutes=rng.uniform(0, 470))
                    pair = min(on_duty, key=lambda p: busy[p])  # the pair free first takes it
                    dispatched = max(received, busy[pair]) + timedelta(minutes=rng.uniform(1, 8))
                    arrived = dispatched + timedelta(minutes=rng.uniform(4, 20))
                    disposed = arrived + timedelta(minutes=rng.uniform(10, 90))
                    busy[pair] = disposed
                    number = f"J{s:02d}{day:03d}{shift}{len(targets):06d}"
                    place = _place(rng, s)
                    case = f"A{number[1:]}" if rng.random() < 0.3 else ""  # becomes a case
                    # The window the application uses: from the dispatch (received when not dispatched).
                    targets.append(
                        TargetFacts(
                            "incident", number, dispatched, disposed, frozenset(pair), place, case=case
                        )
                    )
                    for officer in pair:
                        at_work[officer].append((dispatched, disposed))
                    for officer in pair:
                        if rng.random() < 0.9:
                            early = rng.random() < 0.1
                            start = (
                                dispatched - timedelta(minutes=rng.uniform(1, 20))
                                if early
                                else arrived + timedelta(minutes=rng.uniform(-4, 8))
                            )
                            if early:  # the window starts at reception: move before it, inside the slack
                                start = min(start, dispatched - timedelta(minutes=rng.uniform(1, 20)))
                            dur = (disposed - start).total_seconds() * rng.uniform(0.4, 1.0)
                            add(
                                "body_camera_early" if early else "body_camera",
                                MediaFacts(key(), start, max(int(dur), 30), officer, _variant(rng, place)),
                                ("incident", number),
                            )
                    if case:  # interviews, sometimes a measure
                        first = max(disposed, desk[pair]) + timedelta(minutes=rng.uniform(20, 180))
                        for k in range(rng.randint(1, 3)):
                            started = first + timedelta(minutes=k * rng.uniform(70, 130))
                            ended = started + timedelta(minutes=rng.uniform(25, 60))
                            room = rng.choice(rooms)
                            iv = f"I{number[1:]}{k}"
                            targets.append(
                                TargetFacts("interview", iv, started, ended, frozenset(pair), room, case=case)
                            )
                            operator = rng.choice(pair) if rng.random() < 0.8 else None
                            desk[pair] = ended + timedelta(minutes=5)
                            for officer in pair:
                                at_work[officer].append((started, ended))
                            busy[pair] = max(busy[pair], desk[pair])  # not dispatched while interviewing
                            add(
                                "interview_recording",
                                MediaFacts(
                                    key(),
                                    started - timedelta(minutes=rng.uniform(0, 3)),
                                    int((ended - started).total_seconds() + rng.uniform(0, 300)),
                                    operator,
                                    room,
                                ),
                                ("interview", iv),
                            )
                        if rng.random() < 0.4:
                            applied = first - timedelta(minutes=rng.uniform(5, 15))
                            ended = applied + timedelta(hours=rng.uniform(2, 8))
                            where = f"{STREETS[s]}派出所"
                            targets.append(TargetFacts("case", case, applied, ended, frozenset(pair), where))
                            if rng.random() < 0.5:
                                # bringing the person in: from the summons to the first interview
                                start = applied + timedelta(minutes=rng.uniform(0, 3))
                                dur = int((first - start).total_seconds() * rng.uniform(0.5, 1.0))
                                add(
                                    "measure_clip",
                                    MediaFacts(key(), start, max(dur, 60), rng.choice(pair), where),
                                    ("case", case),
                                )
            # noise: patrol clips, CCTV exports
            for _ in range(rng.randint(4, 10)):  # patrol clips while not at an incident or interview
                officer = rng.choice(officers)
                t = START + timedelta(days=day, minutes=rng.uniform(0, 1440))
                dur = rng.randint(60, 1500)
                end = t + timedelta(seconds=dur)
                if any(a <= end and t <= b for a, b in at_work[officer]):
                    continue
                add("patrol_noise", MediaFacts(key(), t, dur, officer, _place(rng, s)), None)
            for _ in range(rng.randint(2, 6)):
                t = START + timedelta(days=day, minutes=rng.uniform(0, 1440))
                add("cctv_noise", MediaFacts(key(), t, rng.randint(300, 3600), None, _place(rng, s)), None)
    return World(targets, media, truth, kinds)


class Index:
    """The candidate query of media_selectors.link_targets, on sorted lists."""

    def __init__(self, targets: list[TargetFacts]):
        self.by_start = sorted(targets, key=lambda t: t.start)
        self.starts = [t.start for t in self.by_start]

    def candidates(self, m: MediaFacts) -> list[TargetFacts]:
        end = m.captured_at + timedelta(seconds=m.duration_seconds or 0) + SLACK
        lo_i = bisect.bisect_left(self.starts, m.captured_at - MEASURE_LOOKBACK)
        hi_i = bisect.bisect_right(self.starts, end)
        out = []
        for t in self.by_start[lo_i:hi_i]:
            if t.type == "incident" and t.start < m.captured_at - LOOKBACK - timedelta(minutes=10):
                continue
            if t.end < m.captured_at - LOOKBACK:
                continue
            out.append(t)
        return out


# all: every candidate over the threshold; marginX: those within X of the media's best (the application
# uses DEFAULT_MARGIN); top1: only the best.
MODES = ("all", "margin0.1", "margin0.2", "top1")


def _keep(cands: list, threshold: float, mode: str) -> list:
    """`propose` with threshold and margin applied to its unfiltered, ranked output."""
    kept = [c for c in cands if c.score >= threshold]
    if not kept:
        return []
    if mode == "top1":
        return kept[:1]
    if mode.startswith("margin"):
        floor = kept[0].score - float(mode.removeprefix("margin")) - 1e-9
        return [c for c in kept if c.score >= floor]
    return kept


def evaluate(world: World) -> dict:
    index = Index(world.targets)
    t0 = time.perf_counter()
    proposals = {m.key: propose(m, index.candidates(m), threshold=0.0, margin=None) for m in world.media}
    elapsed = time.perf_counter() - t0
    true_links = {(k, v) for k, v in world.truth.items() if v}
    rows = []
    for threshold in THRESHOLDS:
        for mode in MODES:
            proposed = set()
            for k, cands in proposals.items():
                kept = _keep(cands, threshold, mode)
                proposed |= {(k, (c.target.type, c.target.key)) for c in kept}
            hit = proposed & true_links
            by_type = {}
            for typ in ("incident", "interview", "case"):
                t_true = {x for x in true_links if x[1][0] == typ}
                t_prop = {x for x in proposed if x[1][0] == typ}
                by_type[typ] = {
                    "precision": round(len(t_prop & t_true) / len(t_prop), 4) if t_prop else None,
                    "recall": round(len(t_prop & t_true) / len(t_true), 4) if t_true else None,
                }
            rows.append(
                {
                    "threshold": threshold,
                    "mode": mode,
                    "proposals": len(proposed),
                    "true_proposals": len(hit),
                    "precision": round(len(hit) / len(proposed), 4) if proposed else None,
                    "recall": round(len(hit) / len(true_links), 4),
                    "per_media": round(len(proposed) / len(world.media), 3),
                    "by_type": by_type,
                }
            )
    # What the misses are, at the default threshold, all proposals.
    from lawtrail.incidents.linking import DEFAULT_MARGIN, DEFAULT_THRESHOLD

    missed = Counter()
    false_by_kind = Counter()
    for k, cands in proposals.items():
        kept = {
            (c.target.type, c.target.key) for c in _keep(cands, DEFAULT_THRESHOLD, f"margin{DEFAULT_MARGIN}")
        }
        if world.truth[k] and world.truth[k] not in kept:
            missed[world.kinds[k]] += 1
        false_by_kind[world.kinds[k]] += len(kept - {world.truth[k]})
    return {
        "rows": rows,
        "missed_at_default": dict(missed),
        "false_at_default_by_media_kind": dict(false_by_kind),
        "seconds_to_propose_all": round(elapsed, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--stations", type=int, default=10)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    world = generate(args.seed, args.days, args.stations)
    result = evaluate(world)
    kinds = Counter(k.split("+")[0] for k in world.kinds.values())
    summary = {
        "seed": args.seed,
        "days": args.days,
        "stations": args.stations,
        "targets": dict(Counter(t.type for t in world.targets)),
        "media": dict(kinds),
        "media_total": len(world.media),
        "true_links": sum(1 for v in world.truth.values() if v),
        **result,
    }
    print(f"targets {summary['targets']}  media {summary['media_total']}  true links {summary['true_links']}")
    print(f"{'threshold':>9} {'mode':>9} {'proposals':>9} {'precision':>9} {'recall':>7}  by type (P/R)")
    for r in result["rows"]:
        types = "  ".join(
            f"{t[:4]} {v['precision'] if v['precision'] is not None else '-'}/{v['recall']}"
            for t, v in r["by_type"].items()
        )
        print(
            f"{r['threshold']:>9} {r['mode']:>5} {r['proposals']:>9} {r['precision']:>9} {r['recall']:>7}  {types}"
        )
    print("missed at default:", result["missed_at_default"])
    print("false proposals at default, by media kind:", result["false_at_default_by_media_kind"])
    print(f"proposing for all media took {result['seconds_to_propose_all']} s")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
