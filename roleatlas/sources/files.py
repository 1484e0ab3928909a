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
    text = read_text(path)
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting, strict=True
    )
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
    if (
        text
        and not text.endswith(("\n", "\r"))
        and quoting != csv.QUOTE_NONE
        and text.count('"') % 2
    ):
        raise SourceError(f"{path}: file ends inside a quoted cell; is it truncated?")
