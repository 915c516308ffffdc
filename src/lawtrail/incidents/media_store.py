"""Storing evidence files: content sniffing, SHA-256 while writing, and re-verification.

Files go to Django's default storage (STORAGES["default"]: the filesystem under MEDIA_ROOT by default; an
S3-compatible store through django-storages is a settings change, no code change). Only video, audio,
images and PDF are accepted, decided from the first bytes of the file — never from its name or the
browser's Content-Type — so that nothing a browser would render as HTML or script is ever stored; files are
served back as attachments with `nosniff` (media_views.media_download).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage

from lawtrail.common.clock import LEGAL_TZ
from lawtrail.common.errors import ValidationFailed

# Default upload limit: 2 GiB (a body-camera shift at 1080p is about 1–1.5 GiB). Setting: LAWTRAIL_MEDIA_MAX_BYTES.
DEFAULT_MAX_BYTES = 2 * 1024**3
CHUNK = 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "LAWTRAIL_MEDIA_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(head: bytes) -> str | None:
    """The MIME type of a file from its first bytes (at least 16; 200 for MPEG-TS), or None when it is not
    a video, audio, image or PDF file. HTML, scripts, archives and office files are all None."""
    ftyp = head[4:8] == b"ftyp"
    brand = head[8:12]
    checks: list[tuple[bool, str]] = [
        (head.startswith(b"%PDF-"), "application/pdf"),
        (head.startswith(b"\xff\xd8\xff"), "image/jpeg"),
        (head.startswith(b"\x89PNG\r\n\x1a\n"), "image/png"),
        (head[:6] in (b"GIF87a", b"GIF89a"), "image/gif"),
        (head[:4] == b"RIFF" and head[8:12] == b"WEBP", "image/webp"),
        (head[:4] == b"RIFF" and head[8:12] == b"WAVE", "audio/wav"),
        (head[:4] == b"RIFF" and head[8:12] == b"AVI ", "video/x-msvideo"),
        (ftyp and brand in (b"heic", b"heix", b"mif1"), "image/heic"),
        (ftyp and brand in (b"M4A ", b"M4B "), "audio/mp4"),
        (ftyp and brand.startswith(b"qt"), "video/quicktime"),
        (ftyp and brand.startswith(b"3g"), "video/3gpp"),
        (ftyp, "video/mp4"),
        (head.startswith(b"\x1a\x45\xdf\xa3"), "video/x-matroska"),
        (head.startswith((b"\x00\x00\x01\xba", b"\x00\x00\x01\xb3")), "video/mpeg"),
        (len(head) > 188 and head[0] == 0x47 and head[188] == 0x47, "video/mp2t"),
        (head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"), "audio/mpeg"),
        (head.startswith(b"OggS"), "audio/ogg"),
        (head.startswith(b"fLaC"), "audio/flac"),
        (head.startswith(b"#!AMR"), "audio/amr"),
    ]
    return next((mime for ok, mime in checks if ok), None)


EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/heic": ".heic",
    "audio/wav": ".wav",
    "audio/mp4": ".m4a",
    "audio/mpeg": ".mp3",
    "audio/ogg": ".ogg",
    "audio/flac": ".flac",
    "audio/amr": ".amr",
    "video/x-msvideo": ".avi",
    "video/quicktime": ".mov",
    "video/3gpp": ".3gp",
    "video/mp4": ".mp4",
    "video/x-matroska": ".mkv",
    "video/mpeg": ".mpg",
    "video/mp2t": ".ts",
}


@dataclass(frozen=True)
class Stored:
    storage_name: str
    sha256: str
    size: int
    content_type: str


def _digest(upload: File, limit: int) -> tuple[str, int]:
    """SHA-256 and size of the upload (a temporary file or memory), refusing it once past the limit. A
    separate pass before saving, so that any storage backend (filesystem, S3) stores exactly these bytes."""
    digest, count = hashlib.sha256(), 0
    for chunk in upload.chunks(CHUNK):
        count += len(chunk)
        if count > limit:
            raise ValidationFailed(_too_big(limit), code="too_large", field="file")
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest(), count


def _too_big(limit: int) -> str:
    return f"文件超过大小上限（{limit // 1024**2} MiB），请分段上传或登记外部存储地址"


def store(upload: File, *, captured_at: datetime) -> Stored:
    """Check the type from the first bytes, then write the file to the default storage under
    media/<yyyy>/<mm>/<uuid><ext>, hashing and counting it as it is written. Refuses (and writes nothing)
    a file of another type, an empty one, or one over the limit."""
    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationFailed(_too_big(limit), code="too_large", field="file")
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    if not head:
        raise ValidationFailed("文件为空，请重新选择", code="empty_file", field="file")
    mime = sniff(head)
    if mime is None:
        raise ValidationFailed(
            "只能上传视频、音频、图片或PDF文件（按文件内容识别，不看扩展名）；其他类型请登记外部存储地址",
            code="file_type",
            field="file",
        )
    local = captured_at.astimezone(LEGAL_TZ)
    name = f"media/{local:%Y}/{local:%m}/{uuid.uuid4().hex}{EXTENSIONS[mime]}"
    sha256, count = _digest(upload, limit)
    saved = default_storage.save(name, upload)
    return Stored(storage_name=saved, sha256=sha256, size=count, content_type=mime)


def store_bytes(data: bytes, *, name: str, captured_at: datetime) -> Stored:
    """`store` for bytes in memory (tests, imports)."""
    return store(ContentFile(data, name=name), captured_at=captured_at)


def rehash(storage_name: str) -> str | None:
    """The SHA-256 of a stored file now, or None if it is missing from the storage."""
    if not default_storage.exists(storage_name):
        return None
    digest = hashlib.sha256()
    with default_storage.open(storage_name, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Finding:
    media_id: str
    storage_name: str
    problem: str  # "missing" | "mismatch"
    expected: str
    actual: str | None


def verify(records: Iterable) -> Iterator[Finding]:
    """Re-hash every stored file of `records` (MediaRecords with a storage name) and yield what is wrong."""
    for m in records:
        actual = rehash(m.storage_name)
        if actual is None:
            yield Finding(str(m.media_id), m.storage_name, "missing", m.sha256, None)
        elif actual != m.sha256:
            yield Finding(str(m.media_id), m.storage_name, "mismatch", m.sha256, actual)
