"""Download the official public source files into the data directory, with a manifest.

Every file is written atomically (a temporary file in the same folder, then a rename), so an
interrupted download never leaves a half-written file where an adapter would read it.
``MANIFEST.json`` records, per file, where it came from, its size and sha256.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import httpx

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters import aijobs, onet
from roleatlas.sources.http import check_status

MANIFEST = "MANIFEST.json"
CHUNK = 1 << 20


@dataclass(frozen=True)
class Download:
    """One official file: where to get it and where it goes under the data directory."""

    urls: tuple[str, ...]
    #: the file's path, or for an archive the folder its members are unpacked into
    path: str
    #: archive members (by file name) to unpack, required ones first
    members: tuple[str, ...] = ()
    optional_members: tuple[str, ...] = ()
    check: Callable[[Path, str], None] | None = None


def _csv_header(columns: Iterable[str]) -> Callable[[Path, str], None]:
    wanted = list(columns)

    def check(path: Path, url: str) -> None:
        with path.open("rb") as handle:
            first = handle.readline(64 * 1024).decode("utf-8-sig", "replace").strip()
        missing = [c for c in wanted if c not in first.split(",")]
        if missing:
            raise SourceError(f"{url}: not the expected CSV (header {first[:80]!r})")

    return check


def _zip_file(path: Path, url: str) -> None:
    if not zipfile.is_zipfile(path):
        raise SourceError(f"{url}: not a zip archive (an error page instead?)")


DOWNLOADS: dict[str, Download] = {
    "aijobs": Download(
        urls=(
            "https://aijobs.net/salaries/download/salaries.csv",
            "https://raw.githubusercontent.com/foorilla/ai-jobs-net-salaries/HEAD/salaries.csv",
        ),
        path="ai-jobs-net/salaries.csv",
        check=_csv_header(aijobs.FIELDS),
    ),
    "onet": Download(
        urls=("https://www.onetcenter.org/dl_files/database/db_29_3_text.zip",),
        path=onet.FOLDER,
        members=tuple(onet.FILES),
        optional_members=(
            "Read Me.txt",
            "Skills.txt",
            "Knowledge.txt",
            "Content Model Reference.txt",
            "Scales Reference.txt",
            "Level Scale Anchors.txt",
            "DWA Reference.txt",
            "IWA Reference.txt",
            "Tasks to DWAs.txt",
        ),  # fmt: skip
        check=_zip_file,
    ),
    # the national May 2025 file (an .xlsx inside); the oews adapter reads the SQLite build
    "oews": Download(
        urls=("https://www.bls.gov/oes/special-requests/oesm25nat.zip",),
        path="bls-oews/oesm25nat.zip",
        check=_zip_file,
    ),
}


@dataclass
class FetchedFile:
    """One file written into the data directory."""

    source: str
    url: str
    path: str
    bytes: int
    sha256: str
    fetched_at: str
    member: str | None = None


@dataclass
class FetchReport:
    """What ``fetch_sources`` wrote."""

    data_dir: str
    files: list[FetchedFile] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def fetch_sources(
    data_dir: Path,
    *,
    client: httpx.Client,
    only: str | Iterable[str] | None = None,
) -> FetchReport:
    """Download the official source files into ``data_dir`` and update its ``MANIFEST.json``.

    Args:
        data_dir: the raw data directory (created when missing).
        client: the HTTP client (see :func:`roleatlas.sources.http.make_client`).
        only: a source name or names out of :data:`DOWNLOADS` (default: all).

    Returns:
        A report listing every file written with its size and sha256.
    """
    names = [only] if isinstance(only, str) else list(only or DOWNLOADS)
    unknown = [n for n in names if n not in DOWNLOADS]
    if unknown:
        raise SourceError(
            f"cannot fetch {', '.join(map(repr, unknown))}; known: {', '.join(DOWNLOADS)}"
        )
    root = Path(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    report = FetchReport(data_dir=str(root))
    started = time.perf_counter()
    for name in names:
        report.files.extend(_fetch_one(client, root, name, DOWNLOADS[name]))
    _write_manifest(root, report.files)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _fetch_one(client: httpx.Client, root: Path, name: str, spec: Download) -> list[FetchedFile]:
    errors = []
    for url in spec.urls:
        target = root / spec.path
        folder = target if spec.members else target.parent
        folder.mkdir(parents=True, exist_ok=True)
        try:
            temp, digest, size = _download(client, url, folder, what=f"{name} ({url})")
        except SourceError as exc:
            errors.append(str(exc))
            continue
        try:
            if spec.check:
                spec.check(temp, url)
            if spec.members:
                return _unpack(temp, url=url, folder=folder, source=name, root=root, spec=spec)
            os.replace(temp, target)
            return [_entry(name, url, root, target, size, digest)]
        except SourceError as exc:
            errors.append(str(exc))
        finally:
            temp.unlink(missing_ok=True)
    raise SourceError(" | ".join(errors))


def _download(client: httpx.Client, url: str, folder: Path, *, what: str) -> tuple[Path, str, int]:
    """Stream ``url`` into a temporary file in ``folder``: ``(temp path, sha256, bytes)``."""
    handle, name = tempfile.mkstemp(dir=folder, prefix=".fetch-", suffix=".part")
    temp = Path(name)
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(handle, "wb") as out, client.stream("GET", url) as response:
            check_status(response, what=what)
            for chunk in response.iter_bytes(CHUNK):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
    except httpx.HTTPError as exc:
        temp.unlink(missing_ok=True)
        raise SourceError(
            f"{what}: network error ({str(exc).strip() or type(exc).__name__})"
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if size == 0:
        temp.unlink(missing_ok=True)
        raise SourceError(f"{what}: empty response")
    return temp, digest.hexdigest(), size


def _unpack(
    archive: Path, *, url: str, folder: Path, source: str, root: Path, spec: Download
) -> list[FetchedFile]:
    """Unpack the wanted members (matched by file name, any folder) atomically into ``folder``."""
    try:
        with zipfile.ZipFile(archive) as zf:
            by_name = {Path(i.filename).name: i for i in zf.infolist() if not i.is_dir()}
            missing = [m for m in spec.members if m not in by_name]
            if missing:
                raise SourceError(f"{url}: archive lacks {', '.join(map(repr, missing))}")
            written = []
            for member in spec.members + spec.optional_members:
                info = by_name.get(member)
                if info is None:
                    continue
                target = folder / member
                with zf.open(info) as data:
                    size, digest = _write_atomic(target, data)
                written.append(_entry(source, url, root, target, size, digest, info.filename))
            return written
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise SourceError(f"{url}: damaged zip archive ({exc})") from exc


def _write_atomic(target: Path, data: IO[bytes]) -> tuple[int, str]:
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".fetch-", suffix=".part")
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in iter(lambda: data.read(CHUNK), b""):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return size, digest.hexdigest()


def _entry(
    source: str,
    url: str,
    root: Path,
    path: Path,
    size: int,
    digest: str,
    member: str | None = None,
) -> FetchedFile:
    return FetchedFile(
        source=source,
        url=url,
        path=path.relative_to(root).as_posix(),
        bytes=size,
        sha256=digest,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        member=member,
    )


def _write_manifest(root: Path, files: list[FetchedFile]) -> None:
    """Merge ``files`` into ``MANIFEST.json`` (keyed by path) and write it atomically."""
    path = root / MANIFEST
    entries: dict[str, dict[str, Any]] = {}
    if path.is_file():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
            entries = {e["path"]: e for e in old.get("files", []) if isinstance(e, dict)}
        except (ValueError, AttributeError, KeyError, TypeError):
            entries = {}  # an unreadable manifest is rebuilt from this fetch
    for item in files:
        entries[item.path] = {k: v for k, v in asdict(item).items() if v is not None}
    text = json.dumps(
        {"files": [entries[p] for p in sorted(entries)]}, indent=2, ensure_ascii=False
    )
    handle, name = tempfile.mkstemp(dir=root, prefix=".manifest-", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
