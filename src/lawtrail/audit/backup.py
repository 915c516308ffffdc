"""Backup and restore: the database and the stored files (MEDIA_ROOT), with a manifest of SHA-256 hashes.

A backup is a directory:

    manifest.json         format, time, database engine, audit chain head, {path: {sha256, size}} per file
    database.sqlite3      SQLite: a consistent copy taken with SQLite's online backup API (writers may go on)
    database.pgdump       PostgreSQL: `pg_dump --format=custom`
    media/…               every stored file (documents, media records)

Restore refuses a backup whose files do not match the manifest (missing, extra, or different), then
replaces the database (SQLite: the backup API into the live file; PostgreSQL: `pg_restore --clean`) and the
stored files (the current MEDIA_ROOT is kept beside it as `media.before-restore-<time>`). Stop the
application servers first: a restore under running writers would interleave with them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

from lawtrail.common import clock
from lawtrail.common.errors import ValidationFailed

FORMAT = "lawtrail-backup-1"
MANIFEST = "manifest.json"
CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _engine(alias: str = "default") -> str:
    engine = settings.DATABASES[alias]["ENGINE"]
    if "sqlite3" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise ValidationFailed(f"不支持备份此数据库：{engine}", code="backup_engine")


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    return args, env


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ValidationFailed(
            f"找不到 {name}：请安装 PostgreSQL 客户端（Debian: postgresql-client）", code="backup_tool"
        )
    return found


@dataclass(frozen=True)
class BackupResult:
    path: Path
    files: int
    bytes: int
    manifest_sha256: str


def backup_create(target_dir: Path, *, now: datetime | None = None) -> BackupResult:
    """Write a new backup directory under `target_dir` and return it."""
    from .models import AuditHead

    now = now or clock.now()
    out = Path(target_dir) / f"lawtrail-backup-{now.astimezone(UTC):%Y%m%dT%H%M%S%fZ}"
    out.mkdir(parents=True, exist_ok=False)
    engine = _engine()
    db = settings.DATABASES["default"]
    if engine == "sqlite":
        connection = connections["default"]
        connection.ensure_connection()
        destination = sqlite3.connect(out / "database.sqlite3")
        try:
            connection.connection.backup(destination)  # a consistent snapshot, even with writers running
        finally:
            destination.close()
    else:
        args, env = _pg_env(db)
        subprocess.run(  # noqa: S603 (our program, arguments from settings)
            [
                _program("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--file",
                str(out / "database.pgdump"),
                *args,
            ],
            check=True,
            env=env,
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir():
        shutil.copytree(media_root, out / "media", symlinks=False)
    files: dict[str, dict[str, Any]] = {}
    total = 0
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        size = path.stat().st_size
        files[rel] = {"sha256": sha256_of(path), "size": size}
        total += size
    head = AuditHead.objects.filter(pk=1).first()
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "engine": engine,
        "audit_head": {"position": head.position, "hash": head.hash} if head else None,
        "files": files,
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
    (out / MANIFEST).write_text(text, encoding="utf-8")
    return BackupResult(out, len(files), total, hashlib.sha256(text.encode()).hexdigest())


def backup_check(path: Path) -> dict[str, Any]:
    """The manifest of backup `path` if every file matches it; else ValidationFailed naming the first
    file that does not."""
    path = Path(path)
    manifest_file = path / MANIFEST
    if not manifest_file.is_file():
        raise ValidationFailed(f"{path} 不是 lawtrail 备份：缺少 {MANIFEST}", code="backup_no_manifest")
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationFailed(f"备份清单 {MANIFEST} 已损坏：{exc}", code="backup_bad_manifest") from exc
    if manifest.get("format") != FORMAT:
        raise ValidationFailed(f"不认识的备份格式：{manifest.get('format')!r}", code="backup_bad_manifest")
    listed: dict[str, dict[str, Any]] = manifest.get("files", {})
    present = {p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()} - {MANIFEST}
    for rel in sorted(listed):
        if rel not in present:
            raise ValidationFailed(f"备份不完整：缺少文件 {rel}", code="backup_file_missing")
        if sha256_of(path / rel) != listed[rel]["sha256"]:
            raise ValidationFailed(
                f"备份文件 {rel} 与清单中的 SHA-256 不符：文件已损坏或被改动，不能用于恢复",
                code="backup_file_changed",
            )
    extra = sorted(present - set(listed))
    if extra:
        raise ValidationFailed(
            f"备份中有清单之外的文件：{extra[0]}（可能被人放入），不能用于恢复", code="backup_file_extra"
        )
    if manifest.get("engine") != _engine():
        raise ValidationFailed(
            f"备份来自 {manifest.get('engine')} 数据库，当前配置的是 {_engine()}：请用同类数据库恢复",
            code="backup_engine",
        )
    return manifest


def backup_restore(path: Path) -> dict[str, Any]:
    """Check the backup against its manifest, then replace the database and the stored files with it."""
    path = Path(path)
    manifest = backup_check(path)
    db = settings.DATABASES["default"]
    if manifest["engine"] == "sqlite":
        connections.close_all()
        source = sqlite3.connect(f"file:{path / 'database.sqlite3'}?mode=ro", uri=True)
        destination = sqlite3.connect(db["NAME"], timeout=30)
        try:
            source.backup(destination)  # page by page into the live file, under SQLite's own locking
        finally:
            source.close()
            destination.close()
    else:
        args, env = _pg_env(db)
        subprocess.run(  # noqa: S603
            [
                _program("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                str(path / "database.pgdump"),
            ],
            check=True,
            env=env,
        )
    media_root = Path(settings.MEDIA_ROOT)
    staged = media_root.with_name(media_root.name + ".restoring")
    if staged.exists():
        shutil.rmtree(staged)
    if (path / "media").is_dir():
        shutil.copytree(path / "media", staged)
    else:
        staged.mkdir(parents=True)
    if media_root.exists():
        media_root.rename(
            media_root.with_name(f"{media_root.name}.before-restore-{datetime.now(UTC):%Y%m%dT%H%M%S}")
        )
    staged.rename(media_root)
    return manifest
