"""What the keyless job-board adapters (Greenhouse, Lever, Ashby) share.

Each board adapter knows its API's address and how one job maps to posting fields; this
module reads a saved response file or fetches the live API through an injected client, checks
the response's shape and turns every job into a posting row or a rejection. ``find`` returns
nothing: board responses are fetched on demand, never discovered in the data directory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from roleatlas import config
from roleatlas.exceptions import SourceError
from roleatlas.sources.base import Record, Rejected
from roleatlas.sources.files import read_text
from roleatlas.sources.http import get_json
from roleatlas.sources.postings import make_posting, relative_name

BOARD_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
#: salary intervals written out the way postings write them
INTERVALS = {
    "per-year-salary": "per year", "per-month-salary": "per month",
    "per-week-salary": "per week", "per-day-wage": "per day", "per-hour-wage": "per hour",
    "1 YEAR": "per year", "1 MONTH": "per month", "1 WEEK": "per week", "1 DAY": "per day",
    "1 HOUR": "per hour", "YEAR": "per year", "MONTH": "per month", "HOUR": "per hour",
}  # fmt: skip


class JobBoardSource:
    """Base of one keyless job-board API; subclasses set the names and map one job."""

    name = ""
    description = ""
    tables = ("postings",)
    #: the API address, with ``{board}`` in it
    url = ""
    params: dict[str, str] = {}

    def __init__(self, *, company: str | None = None) -> None:
        self.company = company

    def configure(self, *, company: str | None = None) -> JobBoardSource:
        """A copy that names the employer ``company`` instead of the board name."""
        return type(self)(company=company)

    def find(self, data_dir: Path) -> list[Path]:
        return []

    def read(self, path: Path) -> Iterator[Record]:
        """Posting records from a saved API response; the file's stem names the board."""
        path = Path(path)
        text = read_text(path)
        if text.lstrip()[:1] == "<":
            raise SourceError(f"{path}: HTML, not a saved {self.name} JSON response")
        try:
            payload = json.loads(text)
        except ValueError as exc:
            raise SourceError(f"{path}: malformed JSON ({exc}); is the file truncated?") from exc
        jobs = self.jobs(payload, what=str(path))
        # saved as ``{board}.json`` or ``{source}_{board}.json``
        board = path.stem.removeprefix(f"{self.name}_").removeprefix(f"{self.name}-") or path.stem
        return self._records(jobs, board=board, source_file=relative_name(path, config.data_dir()))

    def fetch(self, board: str, *, client: httpx.Client) -> Iterator[Record]:
        """Posting records from the live API for ``board``, fetched through ``client``.

        The request happens now, so an unknown board or a broken answer raises
        ``SourceError`` here rather than during iteration.
        """
        if not BOARD_NAME.match(board or ""):
            raise SourceError(f"{self.name}: bad board name {board!r}")
        what = f"{self.name} board {board!r}"
        url = self.url.format(board=quote(board, safe=""))
        payload = get_json(client, url, what=what, params=self.params or None)
        return self._records(self.jobs(payload, what=what), board=board, source_file=board)

    def jobs(self, payload: Any, *, what: str) -> list[Any]:
        """The list of jobs in a response; ``SourceError`` when the shape is not the API's."""
        jobs = payload.get("jobs") if isinstance(payload, dict) else None
        if not isinstance(jobs, list):
            raise SourceError(f"{what}: not a {self.name} job board response (no 'jobs' list)")
        return jobs

    def fields(self, job: dict[str, Any], *, board: str) -> dict[str, Any]:
        """Posting fields (see ``POSTING_FIELDS``) for one job of the API."""
        raise NotImplementedError

    def _records(self, jobs: list[Any], *, board: str, source_file: str) -> Iterator[Record]:
        for row, job in enumerate(jobs):
            if not isinstance(job, dict):
                yield Rejected(reason="job entry is not a JSON object", raw={"job": job}, row=row)
                continue
            try:
                fields = self.fields(job, board=board)
            except (TypeError, ValueError, AttributeError, KeyError) as exc:
                yield Rejected(reason=f"malformed job entry ({exc})", raw=job, row=row)
                continue
            if self.company:
                fields["company"] = self.company
            fields.setdefault("company", board)
            yield make_posting(
                source=self.name, source_file=source_file, row=row, raw=job, **fields
            )


def text_or_none(value: Any) -> str | None:
    """A stripped string, or ``None`` for empty/missing/non-text values."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def iso_date(value: Any) -> date | None:
    """The date of an ISO-8601 timestamp (``2024-03-04T14:29:08.532+00:00``), else ``None``."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def epoch_ms_date(value: Any) -> date | None:
    """The UTC date of a millisecond epoch timestamp, else ``None``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def salary_text(low: Any, high: Any, *, currency: Any = None, interval: Any = None) -> str | None:
    """Structured pay as posting-style text: ``"USD 143,000 - 177,000 per year"``."""
    amounts = [a for a in (low, high) if isinstance(a, (int, float)) and not isinstance(a, bool)]
    if not amounts:
        return None
    numbers = " - ".join(f"{a:,.2f}".removesuffix(".00") for a in dict.fromkeys(amounts))
    parts = [text_or_none(currency), numbers, INTERVALS.get(str(interval), text_or_none(interval))]
    return " ".join(p for p in parts if p)


def names(items: Any, key: str = "name") -> str | None:
    """``"A, B"`` from a list of objects' ``key`` values (departments, offices)."""
    if not isinstance(items, list):
        return None
    found = [text_or_none(i.get(key)) for i in items if isinstance(i, dict)]
    return ", ".join(dict.fromkeys(f for f in found if f)) or None
