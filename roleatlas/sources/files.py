"""Reading source files safely: whole-file problems become one ``SourceError`` line."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from roleatlas.exceptions import SourceError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

#: byte-order marks of the UTF-16 and UTF-32 encodings (32 first: its LE mark starts like 16's)
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))  # fmt: skip
#: nesting a source row may have; deeper is a hostile or broken row (JSON recursion is bounded)
MAX_DEPTH = 64
NUL_ROW = "NUL byte in the row (a damaged or binary file)"


def require_path(path: Path) -> None:
    """Refuse a path that names nothing readable, saying why (missing, dangling, a link loop)."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError(f"{path}: symbolic link loop") from None
        if path.is_symlink():
            raise SourceError(f"{path}: broken symbolic link to {os.readlink(path)}") from None
        if exc.errno == errno.ENOENT:
            raise SourceError(f"{path}: no such file") from None
        raise SourceError(f"{path}: cannot read file ({exc.strerror or exc})") from None


def encoding_of(head: bytes) -> str:
    """The text encoding a file's first bytes announce: UTF-16/32 by their BOM, else UTF-8."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return "utf-8-sig"


def read_text(path: Path) -> str:
    """A file's text: UTF-8 (BOM tolerated) or UTF-16/32 with a BOM.

    Binary files, NUL bytes anywhere and text in another encoding raise ``SourceError`` naming
    the line.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    encoding = encoding_of(data[:4])
    if encoding != "utf-8-sig":
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise SourceError(f"{path}: broken {encoding.upper()} text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise SourceError(f"{path}: binary file, not text")
    if (nul := data.find(b"\x00")) >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise SourceError(f"{path}: NUL byte on line {line} (a damaged or binary file)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, data, exc.start) from exc


def _not_utf8(path: Path, data: bytes, start: int) -> SourceError:
    line = data.count(b"\n", 0, start) + 1
    return SourceError(
        f"{path}: not UTF-8 text (line {line}: byte {data[start : start + 1]!r}; Latin-1 or "
        "Windows-1252 text looks like this); re-save the file as UTF-8"
    )


def _stream_error(path: Path) -> SourceError:
    """The UTF-8 error of a streamed file, naming its line (read again: an error path only)."""
    data = path.read_bytes()
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _not_utf8(path, data, exc.start)
    return SourceError(f"{path}: not UTF-8 text; re-save the file as UTF-8")


def check_text_file(path: Path) -> str:
    """Refuse a missing or binary file before streaming it; return its text encoding."""
    require_path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    encoding = encoding_of(head[:4])
    if encoding == "utf-8-sig" and b"\x00" in head:
        raise SourceError(f"{path}: binary file, not text")
    return encoding


def iter_lines(path: Path) -> Iterator[str]:
    """A text file's lines without their ends, streamed: memory stays flat in its size."""
    encoding = check_text_file(path)
    try:
        with path.open("r", encoding=encoding, newline="") as handle:
            for line in handle:
                yield line.rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise _stream_error(path) from exc


def loads_bounded(text: str) -> Any:
    """``json.loads`` of one row; ``ValueError`` for nesting over :data:`MAX_DEPTH` or a NUL.

    The parser recurses once per level: a line nested 100,000 deep would otherwise raise
    ``RecursionError`` and sink the whole file, and one nested a few hundred deep would break
    whatever recurses over the row later.
    """
    if "\x00" in text:
        raise ValueError(NUL_ROW)
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(text) > MAX_DEPTH:
        raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels")
    return json.loads(text)


def _depth(text: str) -> int:
    """The deepest bracket nesting of JSON text, brackets inside strings not counted."""
    depth = top = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            top = max(top, depth)
        elif char in "]}":
            depth -= 1
    return top


def iter_json_array(path: Path, text: str) -> Iterator[tuple[Any, str | None]]:
    """``(item, problem)`` per item of a JSON array document; a bad item gets a problem.

    The document is parsed whole when it can be; when an item is nested too deeply for the
    parser, the array is walked item by item so only that item is refused. A document that is
    no array, or malformed between items, raises ``SourceError``.
    """
    try:
        data = json.loads(text)
    except RecursionError:
        yield from _walk_array(path, text)
        return
    except ValueError as exc:
        raise SourceError(f"{path}: malformed JSON ({exc}); is the file truncated?") from exc
    if not isinstance(data, list):
        raise SourceError(f"{path}: expected a JSON array, got {type(data).__name__}")
    for item in data:
        yield item, None


def _walk_array(path: Path, text: str) -> Iterator[tuple[Any, str | None]]:
    at = _skip_blank(text, 0)
    if not text.startswith("[", at):
        raise SourceError(f"{path}: expected a JSON array")
    at = _skip_blank(text, at + 1)
    if text.startswith("]", at):
        return
    while True:
        end = _value_end(text, at)
        if end is None:
            raise SourceError(f"{path}: malformed JSON at character {at}; is the file truncated?")
        item = text[at:end]
        try:
            yield loads_bounded(item), None
        except ValueError as exc:
            reason = str(exc) if not isinstance(exc, json.JSONDecodeError) else exc.msg
            yield {"value": item[:2000]}, reason
        at = _skip_blank(text, end)
        if text.startswith(",", at):
            at = _skip_blank(text, at + 1)
        elif text.startswith("]", at):
            return
        else:
            raise SourceError(f"{path}: malformed JSON at character {at}; is the file truncated?")


def _skip_blank(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def _value_end(text: str, at: int) -> int | None:
    """Where the JSON value starting at ``at`` ends, found without recursing (None: unclosed)."""
    depth, in_string, escaped = 0, False, False
    for index in range(at, len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
                if depth == 0:
                    return index + 1
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            if depth == 0:
                return index
            depth -= 1
            if depth == 0:
                return index + 1
        elif depth == 0 and char in ", \t\r\n":
            return index
    return None if depth or in_string else len(text)


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
    encoding = check_text_file(path)
    with path.open("r", encoding=encoding, newline="") as handle:
        try:
            yield from _csv_rows(
                path, handle, required=required, delimiter=delimiter, quoting=quoting
            )
        except UnicodeDecodeError as exc:
            raise _stream_error(path) from exc


def _csv_rows(
    path: Path, handle: io.TextIOBase, *, required: Sequence[str], delimiter: str, quoting: int
) -> Iterator[tuple[int, dict[str, str], str | None]]:
    # strict: a quote left open at the end of the file (a truncated file) is an error
    reader = csv.reader(handle, delimiter=delimiter, quoting=quoting, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise SourceError(f"{path}: no rows (an empty file)") from None
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
            if any("\x00" in c for c in cells):
                yield (
                    number,
                    {"line": delimiter.join(cells).replace("\x00", "")[:2000]},
                    NUL_ROW,
                )
            elif len(cells) != width:
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
