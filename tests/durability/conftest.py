"""Durability tests run lawtrail in separate processes against a SQLite file (WAL mode, as deployed), not
the test runner's in-memory database: concurrency, crashes and restores need real files and connections.

`migrated` builds one migrated database per test session; `site` copies it for each test into its own
directory (which is also LAWTRAIL_VAR_DIR, so stored files land there) and runs commands against it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAWTRAIL = [sys.executable, "-m", "lawtrail.cli"]


def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "LAWTRAIL_AUDIT_KEY"))}
    env.update(
        DJANGO_SETTINGS_MODULE="lawtrail.settings.test",
        DATABASE_URL=f"sqlite:///{var_dir / 'lawtrail.sqlite3'}",
        LAWTRAIL_VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT),
    )
    return env


@dataclass
class Site:
    var_dir: Path

    @property
    def db(self) -> Path:
        return self.var_dir / "lawtrail.sqlite3"

    @property
    def env(self) -> dict[str, str]:
        return _env(self.var_dir)

    def run(self, *args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [*LAWTRAIL, *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if check and result.returncode != 0:
            raise AssertionError(f"lawtrail {' '.join(args)} failed: {result.stdout}\n{result.stderr}")
        return result

    def worker(self, *args: str, timeout: float = 300) -> dict:
        result = subprocess.run(
            [sys.executable, "-m", "tests.durability.worker", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise AssertionError(f"worker {' '.join(args)} failed: {result.stdout}\n{result.stderr}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def popen(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [*LAWTRAIL, *args], cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )


@pytest.fixture(scope="session")
def migrated(tmp_path_factory) -> Path:
    var_dir = tmp_path_factory.mktemp("durability-template")
    Site(var_dir).run("migrate", "--noinput", "-v", "0", timeout=600)
    Site(var_dir).worker("seed")
    return var_dir


@pytest.fixture
def site(migrated: Path, tmp_path: Path) -> Site:
    """A fresh copy of the seeded database (a bureau, a criminal and an administrative case of station A)."""
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    shutil.copy2(migrated / "lawtrail.sqlite3", var_dir / "lawtrail.sqlite3")
    return Site(var_dir)
