"""`lawtrail backup` and `lawtrail restore`: the database and the stored files come back exactly, and a
backup whose files no longer match its manifest is refused before anything is touched."""

from __future__ import annotations

import json
import shutil

import pytest


@pytest.fixture
def backed_up(site, tmp_path):
    """A stored file under MEDIA_ROOT, then a backup; returns (site, backup directory, counts at backup)."""
    media = site.var_dir / "media" / "documents"
    media.mkdir(parents=True)
    (media / "decision.pdf").write_bytes(b"%PDF-1.7 decision of case 1")
    out = site.run("backup", str(tmp_path / "backups"))
    assert "已备份到" in out.stdout
    (backup,) = (tmp_path / "backups").iterdir()
    return site, backup, site.worker("counts")


def test_a_backup_lists_every_file_with_its_hash(backed_up):
    """Given a backup, then its manifest lists the database and the stored file with SHA-256 and size, and
    the audit chain head at the time."""
    site, backup, _ = backed_up
    manifest = json.loads((backup / "manifest.json").read_text())
    assert set(manifest["files"]) == {"database.sqlite3", "media/documents/decision.pdf"}
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())
    assert manifest["engine"] == "sqlite"
    assert manifest["audit_head"]["position"] > 0
    assert "备份完整" in site.run("restore", str(backup), "--check").stdout


def test_restore_brings_back_the_database_and_the_files(backed_up):
    """Given changes after the backup (a new case, the stored file overwritten, another file added), when the
    backup is restored, then the database and the files are as they were, and the audit chain verifies."""
    site, backup, at_backup = backed_up
    site.worker("add-case")
    (site.var_dir / "media" / "documents" / "decision.pdf").write_bytes(b"overwritten")
    (site.var_dir / "media" / "stray.txt").write_text("later")
    assert site.worker("counts")["cases"] == at_backup["cases"] + 1

    out = site.run("restore", str(backup), "--yes")
    assert "审计链校验：完整" in out.stdout
    after = site.worker("counts")
    assert after["cases"] == at_backup["cases"]
    assert after["events"] == at_backup["events"]
    assert (
        site.var_dir / "media" / "documents" / "decision.pdf"
    ).read_bytes() == b"%PDF-1.7 decision of case 1"
    assert not (site.var_dir / "media" / "stray.txt").exists()
    assert "审计日志完整" in site.run("audit", "verify").stdout


def test_a_damaged_backup_is_refused_and_nothing_is_touched(backed_up, tmp_path):
    """Given copies of a backup whose stored file was changed, removed, or that gained a file, when each is
    restored, then it is refused naming the problem, and the database keeps its later changes."""
    site, backup, at_backup = backed_up
    site.worker("add-case")
    damages = {
        "change": (
            "与清单中的 SHA-256 不符",
            lambda b: (b / "media/documents/decision.pdf").write_bytes(b"%PDF-1.7 x"),
        ),
        "remove": (
            "缺少文件 media/documents/decision.pdf",
            lambda b: (b / "media/documents/decision.pdf").unlink(),
        ),
        "add": (
            "清单之外的文件：media/extra.html",
            lambda b: (b / "media/extra.html").write_text("<script>"),
        ),
    }
    for name, (message, damage) in damages.items():
        copy = tmp_path / f"damaged-{name}"
        shutil.copytree(backup, copy)
        damage(copy)
        result = site.run("restore", str(copy), "--yes", check=False)
        assert result.returncode != 0, name
        assert message in result.stderr, (name, result.stderr)
    assert site.worker("counts")["cases"] == at_backup["cases"] + 1


def test_restore_asks_for_confirmation(backed_up):
    """Given a backup, when restore runs without --yes, then it refuses and says how to confirm."""
    site, backup, _ = backed_up
    result = site.run("restore", str(backup), check=False)
    assert result.returncode != 0
    assert "--yes" in result.stderr
