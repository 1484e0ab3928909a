"""Reading source files safely: whole-file problems become one ``SourceError`` line."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from roleatlas.exceptions import SourceError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_text(path: Path) -> str:
    """A file's text as UTF-8 (BOM tolerated); binary or non-UTF-8 files raise ``SourceError``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    if b"\x00" in data[:8192]:
        raise SourceError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{path}: not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "re-save the file as UTF-8"
        ) from exc


def check_text_file(path: Path) -> None:
    """Refuse a missing or binary file before streaming it (one ``SourceError`` line)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    if b"\x00" in head:
        raise SourceError(f"{path}: binary file, not text")


def iter_lines(path: Path) -> Iterator[str]:
    """A UTF-8 text file's lines without their ends, streamed: memory stays flat in its size."""
    check_text_file(path)
    number = 0
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            for number, line in enumerate(handle):  # noqa: B007 - kept for the error message
                yield line.rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{path}: not UTF-8 text (near line {number + 1}: {exc.object[exc.start : exc.start + 1]!r}); "
            "re-save the file as UTF-8"
        ) from exc


def read_csv(
    path: Path,
    *,
    required: Sequence[str],
    delimiter: str = ",",
    quoting: int = csv.QUOTE_MINIMAL,
) -> Iterator[tuple[int, dict[str, str], str | None]]:
    """Yield ``(row_number, cells_by_header, problem)`` for each data row of a CSV file.

    ``problem`` is a quarantine reason when the row's width differs from the header's (extra
    cells are kept under ``_extra``), otherwise ``None``. Missing required columns and
    truncated files raise ``SourceError``.
    """
    check_text_file(path)
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        try:
            yield from _csv_rows(
                path, handle, required=required, delimiter=delimiter, quoting=quoting
            )
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"{path}: not UTF-8 text ({exc.object[exc.start : exc.start + 1]!r} at byte "
                f"{exc.start} of a block); re-save the file as UTF-8"
            ) from exc


def _csv_rows(
    path: Path, handle: io.TextIOBase, *, required: Sequence[str], delimiter: str, quoting: int
) -> Iterator[tuple[int, dict[str, str], str | None]]:
    # strict: a quote left open at the end of the file (a truncated file) is an error
    reader = csv.reader(handle, delimiter=delimiter, quoting=quoting, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise SourceError(f"{path}: empty file, expected a header row") from None
    except csv.Error as exc:
        raise SourceError(f"{path}: malformed CSV header ({exc})") from exc
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceError(
            f"{path}: missing column(s) {', '.join(map(repr, missing))}; found {header[:20]}"
        )
    width = len(header)
    number = 0
    try:
        for number, cells in enumerate(reader):
            if len(cells) != width:
                raw = dict(zip(header, cells, strict=False))
                if len(cells) > width:
                    raw["_extra"] = cells[width:]  # type: ignore[assignment]
                problem = (
                    "empty row"
                    if not any(c.strip() for c in cells)
                    else f"row has {len(cells)} cells, header has {width}"
                )
                yield number, raw, problem
            else:
                yield number, dict(zip(header, cells, strict=True)), None
    except csv.Error as exc:
        raise SourceError(
            f"{path}: malformed CSV after data row {number} ({exc}); is the file truncated?"
        ) from exc
