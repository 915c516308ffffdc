"""Markdown tables from the JSON that bench/sweep.py and bench/incremental.py wrote (for docs/performance.md).

.venv/bin/python bench/report.py bench/results/2026-11-22/*.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def sweep_rows(name: str, r: dict) -> list[str]:
    sql = r["sql"]
    rows = [
        f"| {name} | SQL count | {sql['cases_in_db']:,} cases in table | {sql['count']['first_s']} | "
        f"{sql['count']['median_s']} | {sql['overdue']:,} |",
        f"| {name} | SQL ids | | {sql['ids']['first_s']} | {sql['ids']['median_s']} | {sql['overdue']:,} |",
    ]
    for timeline, e in r["engine"].items():
        rows.append(
            f"| {name} | engine ({timeline} events) | {e['cases']:,} cases, {e['events']:,} events; "
            f"load {e['load_s']} s, evaluate {e['evaluate_s']} s ({e['evaluate_us_per_case']} µs/case); "
            f"{e['cases_per_s']:,} cases/s | {e['wall_s']} | | {e['overdue']:,} "
            f"({'same set' if e['same_as_sql'] else 'DIFFERENT'}) |"
        )
    s = r.get("sources")
    if s and s.get("available"):
        rows.append(
            f"| {name} | engine, facts from sources.build_many | first {s['cases']:,} admin cases, "
            f"{s['facts']:,} facts; build {s['build_s']} s, evaluate {s['evaluate_s']} s; "
            f"{s['cases_per_s']:,} cases/s | {s['wall_s']} | | {s['overdue']:,} "
            f"({'same set' if s.get('same_as_sql') else 'DIFFERENT'}) |"
        )
    sup = r.get("supervise")
    if sup:
        if not sup.get("available"):
            text = "not available"
        elif "timed_out_after_s" in sup:
            text = f"stopped after {sup['timed_out_after_s']} s (did not finish)"
        else:
            text = f"{sup['wall_s']} s, exit {sup['returncode']}"
        rows.append(f"| {name} | `lawtrail supervise` (all rules) | {text} | | | |")
    return rows


def incremental_rows(r: dict) -> list[str]:
    rows = []
    for mode in ("off", "on"):
        m = r[f"hook_{mode}"]
        for group in ("all", "transitions", "party_added"):
            g = m[group]
            if g:
                rows.append(
                    f"| {mode} | {group} | {g['n']} | {g['p50_ms']} | {g['p95_ms']} | {g['p99_ms']} | "
                    f"{g['max_ms']} | {g['mean_ms']} |"
                )
    return rows


def main(paths: list[str]) -> int:
    sweep = [
        "| run | path | what | first (s) | median (s) | overdue |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    inc = [
        "| hook | events | n | p50 ms | p95 ms | p99 ms | max ms | mean ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for path in paths:
        data = json.loads(Path(path).read_text())
        if "sql" in data:
            sweep.extend(sweep_rows(Path(path).stem, data))
        elif "hook_on" in data:
            inc.extend(incremental_rows(data))
    print("\n".join(sweep))
    print()
    print("\n".join(inc))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
