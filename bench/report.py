"""Markdown tables from the JSON that bench/sweep.py and bench/incremental.py wrote (for docs/performance.md).

.venv/bin/python bench/report.py bench/results/2026-11-22/*.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def sweep_rows(name: str, r: dict) -> list[str]:
    sql = r["sql"]
    same = {True: "same set as SQL", False: "DIFFERENT from SQL"}
    rows = [
        f"| {name} | SQL `COUNT(*)` | {sql['count']['median_s']} | first run {sql['count']['first_s']} s; "
        f"median of {sql['count']['runs']} | {sql['overdue']:,} |",
        f"| {name} | SQL ids | {sql['ids']['median_s']} | first run {sql['ids']['first_s']} s; "
        f"median of {sql['ids']['runs']} | {sql['overdue']:,} |",
    ]
    for timeline, e in r["engine"].items():
        rows.append(
            f"| {name} | engine, {timeline} events | {e['wall_s']} | {e['cases']:,} cases, {e['events']:,} "
            f"events; load {e['load_s']} s, evaluate {e['evaluate_s']} s ({e['evaluate_us_per_case']} µs a case); "
            f"{e['cases_per_s']:,} cases/s | {e['overdue']:,} ({same[e['same_as_sql']]}) |"
        )
    d = r.get("due_index")
    if d:
        rows.append(
            f"| {name} | runtime's periodic sweep (next-check index) | {d['wall_s']} | previous sweep "
            f"{d['previous_sweep_at'][:16]} (all {d['previous_sweep_cases']:,} cases, {d['previous_sweep_s']} s, "
            f"not counted); due {d['due']:,} (index {d['due_query_s']} s) + changed {d['changed']:,} "
            f"(recorded_at scan {d['changed_query_s']} s; the runtime's seq range "
            f"{d['changed_query_by_seq_s']} s → {d['wall_with_seq_read_s']} s); {d['evaluated']:,} evaluated, "
            f"load {d['load_s']} s, evaluate {d['evaluate_s']} s, write {d['write_s']} s; "
            f"{d['ratio_to_sql_ids']}× SQL ids | {d['overdue']:,} ({same[d['same_as_sql']]}) |"
        )
    s = r.get("sources")
    if s and s.get("available"):
        rows.append(
            f"| {name} | engine, facts from `sources.build_many` | {s['wall_s']} | first {s['cases']:,} "
            f"admin cases, {s['facts']:,} facts; build {s['build_s']} s, evaluate {s['evaluate_s']} s; "
            f"{s['cases_per_s']:,} cases/s | {s['overdue']:,} ({same[bool(s.get('same_as_sql'))]}) |"
        )
    sup = r.get("supervise")
    if sup:
        if not sup.get("available"):
            text, wall = "not available", ""
        elif "timed_out_after_s" in sup:
            text, wall = "did not finish; stopped", f"> {sup['timed_out_after_s']}"
        else:
            text, wall = f"exit {sup['returncode']}", str(sup["wall_s"])
        rows.append(f"| {name} | `lawtrail supervise` (every rule) | {wall} | {text} | |")
    return rows


def incremental_rows(name: str, r: dict) -> list[str]:
    rows = []
    for mode in ("off", "on"):
        m = r[f"hook_{mode}"]
        for group in (
            "all",
            "transitions",
            "party_added",
            "all_cpu",
            "supervision_hook_only",
            "supervision_hook_only_cpu",
        ):
            g = m.get(group)
            if g:
                rows.append(
                    f"| {name} | {mode} | {group} | {g['n']} | {g['p50_ms']} | {g['p95_ms']} | {g['p99_ms']} | "
                    f"{g['max_ms']} | {g['mean_ms']} |"
                )
    return rows


def main(paths: list[str]) -> int:
    sweep = [
        "| run | path | time (s) | detail | overdue |",
        "| --- | --- | --- | --- | --- |",
    ]
    inc = [
        "| run | hook | events | n | p50 ms | p95 ms | p99 ms | max ms | mean ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for path in paths:
        data = json.loads(Path(path).read_text())
        if "sql" in data:
            sweep.extend(sweep_rows(Path(path).stem, data))
        elif "hook_on" in data:
            inc.extend(incremental_rows(Path(path).stem, data))
    print("\n".join(sweep))
    print()
    print("\n".join(inc))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
