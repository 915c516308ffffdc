"""The hash chain: canonical content of an entry, its hash, and verification (pure: rows in, report out).

hash(entry) = SHA-256( prev_hash ‖ "\\n" ‖ canonical JSON of the entry's content, position included ).

`walk` walks entries in position order and names the first bad one:
- modified: the stored hash is not the hash of the stored content;
- deleted: a position is missing (the next entry's prev_hash is the hash of a vanished entry);
- inserted: an entry's prev_hash is the hash of an entry further back, so the ones in between were slipped in;
- reordered: an entry's prev_hash belongs to an entry that comes after it.
Whoever can write the database can also recompute an unkeyed chain; the signed checkpoints (keys.py) are
what pins it: verification checks that the entry at each checkpoint still has the signed hash.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

# The fields the hash covers, in this order. Adding a field is a new version of the format: never reorder.
CONTENT_FIELDS = (
    "position",
    "at",
    "action",
    "actor_id",
    "actor_badge",
    "actor_name",
    "username",
    "object_type",
    "object_key",
    "unit_id",
    "persons",
    "request_id",
    "ip",
    "via",
    "detail",
)


def person_hash(id_number: str) -> str:
    """A stable key for a person across cases, without the ID number itself in the audit log."""
    normal = (id_number or "").strip().upper()
    if not normal:
        return ""
    return hashlib.sha256(f"lawtrail-person-v1:{normal}".encode()).hexdigest()


def _at(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return str(value)


def canonical(row: Mapping[str, Any]) -> str:
    content = {name: row.get(name) for name in CONTENT_FIELDS}
    content["at"] = _at(content["at"])
    content["position"] = int(content["position"])
    content["persons"] = sorted(
        [list(p) for p in content["persons"] or []], key=lambda p: [str(x) for x in p]
    )
    content["detail"] = content["detail"] or {}
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, row: Mapping[str, Any]) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical(row)}".encode()).hexdigest()


@dataclass(frozen=True)
class Problem:
    position: int
    seq: int | None
    kind: str  # modified, deleted, inserted, reordered, checkpoint, index
    message: str

    def describe(self) -> str:
        seq = f"（seq {self.seq}）" if self.seq is not None else ""
        return f"第 {self.position} 条{seq}：{self.message}"


@dataclass
class Report:
    checked: int = 0
    last_position: int = 0
    last_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)
    checkpoints_checked: int = 0
    checkpoints_unsigned: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad(self) -> Problem | None:
        return min(self.problems, key=lambda p: p.position) if self.problems else None


# How far back an inserted run is looked for (hashes kept in memory while walking).
LOOKBACK = 10_000


def walk(
    rows: Iterable[Mapping[str, Any]],
    *,
    start_position: int = 0,
    start_hash: str = GENESIS,
    max_problems: int = 20,
) -> Report:
    """Walk rows (dicts with CONTENT_FIELDS, `seq`, `prev_hash`, `hash`) in position order; the problems
    found, the first of which is the first bad entry (later ones are often consequences of it)."""
    report = Report(last_position=start_position, last_hash=start_hash)
    recent: OrderedDict[str, tuple[int, int | None]] = OrderedDict({start_hash: (start_position, None)})
    seq_at: dict[int, int | None] = {}
    expected_prev, expected_position, last_seq = start_hash, start_position + 1, None

    def problem(position: int, seq: int | None, kind: str, message: str) -> None:
        if len(report.problems) < max_problems:
            report.problems.append(Problem(position, seq, kind, message))

    rows_iter = iter(rows)
    lookahead: Mapping[str, Any] | None = next(rows_iter, None)
    while lookahead is not None:
        row = lookahead
        lookahead = next(rows_iter, None)
        position, seq = int(row["position"]), row.get("seq")
        report.checked += 1
        if position > expected_position:
            last_missing = position - 1
            problem(
                expected_position,
                None,
                "deleted",
                "被删除"
                + (f"（连同其后至第 {last_missing} 条）" if last_missing > expected_position else "")
                + f"：序号从第 {expected_position - 1} 条跳到第 {position} 条，第 {position} 条记下的前一哈希已无对应记录",
            )
        elif row["prev_hash"] != expected_prev:
            if row["prev_hash"] in recent:
                before = recent[row["prev_hash"]][0]
                first = before + 1
                problem(
                    first,
                    seq_at.get(first),
                    "inserted",
                    f"是插入的记录：第 {position} 条的前一哈希指向第 {before} 条，"
                    f"其间的第 {first}–{position - 1} 条不在原链上",
                )
            elif lookahead is not None and lookahead["hash"] == row["prev_hash"]:
                problem(
                    position,
                    seq,
                    "reordered",
                    f"顺序被调换：本条的前一哈希属于排在它后面的第 {lookahead['position']} 条",
                )
            else:
                problem(
                    position - 1,
                    seq_at.get(position - 1),
                    "modified",
                    f"被替换或改动后重算了哈希：第 {position} 条记下的前一哈希已不是它的哈希",
                )
        elif entry_hash(row["prev_hash"], row) != row["hash"]:
            problem(position, seq, "modified", "内容被修改：按记录内容重新计算的哈希与存储的哈希不符")
        elif last_seq is not None and seq is not None and seq < last_seq:
            problem(position, seq, "reordered", "顺序被调换：写入顺序（seq）与链的顺序不一致")
        expected_prev, expected_position, last_seq = row["hash"], position + 1, seq
        recent[row["hash"]] = (position, seq)
        seq_at[position] = seq
        if len(recent) > LOOKBACK:
            old_position, _ = recent.popitem(last=False)[1]
            seq_at.pop(old_position, None)
        report.last_position, report.last_hash = position, row["hash"]
    return report
