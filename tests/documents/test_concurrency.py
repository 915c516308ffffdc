"""Numbers under concurrency: four processes issuing numbers at once against a SQLite file in WAL mode (as
deployed — the test runner's in-memory database cannot show this) never receive the same serial and leave
no gap: common.Sequence's row is taken inside each issuing transaction (IMMEDIATE on SQLite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = (
    "from lawtrail.org.services import unit_create;"
    "b = unit_create(actor=None, code='450400000000', name='梧州市公安局', kind='bureau', parent=None);"
    "s = unit_create(actor=None, code='450403000000', name='万秀分局', kind='sub_bureau', parent=b);"
    "unit_create(actor=None, code='450403510000', name='西江派出所', kind='station', parent=s)"
)
ALLOCATE = (
    "import json; from django.db import transaction; from lawtrail.org.models import Unit;"
    "from lawtrail.documents.numbering import allocate;"
    "u = Unit.objects.get(code='450403510000'); out = []\n"
    "for _ in range(10):\n"
    "    with transaction.atomic(): out.append(allocate(u, '行罚决', 2026))\n"
    "print(json.dumps(out, ensure_ascii=False))"
)


def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="lawtrail.settings.test",
        DATABASE_URL=f"sqlite:///{var_dir / 'lawtrail.sqlite3'}",
        LAWTRAIL_VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT),
    )
    return env


def _lawtrail(var_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "lawtrail.cli", *args]


def test_parallel_processes_get_unique_gap_free_numbers(tmp_path):
    """Given a migrated SQLite file, when four processes each allocate ten 行罚决 numbers for the same unit
    and year at the same time, then the forty serials are exactly 1..40 and the numbers are distinct."""
    env = _env(tmp_path)
    for args in (("migrate", "--noinput", "-v", "0"), ("shell", "-c", SEED)):
        done = subprocess.run(
            _lawtrail(tmp_path, *args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr
    workers = [
        subprocess.Popen(
            _lawtrail(tmp_path, "shell", "-c", ALLOCATE),
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = []
    for w in workers:
        out, err = w.communicate(timeout=300)
        assert w.returncode == 0, err
        results.extend(json.loads(out.strip().splitlines()[-1]))
    assert sorted(serial for _, serial in results) == list(range(1, 41))
    assert len({number for number, _ in results}) == 40
    assert "梧公万（西江）行罚决字〔2026〕40号" in {number for number, _ in results}
