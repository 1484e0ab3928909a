"""RemoteWLB postings: one Markdown file per ad, ``remotewlb-2024/jobs/<Skill>/<YYYY-MM>/<slug>/README.md``.

The unit of ingest is a month folder, not a file: one transaction per 15,723 files is too slow.
:meth:`RemoteWLBPostings.find` returns the month folders; :meth:`~RemoteWLBPostings.read` walks
their ``*/README.md`` in sorted order, and a record's ``row`` is the file's index in that order.

A file reads as (see data/SOURCES.md, section 6)::

    # [<title>](https://www.remotewlb.com/apply/<slug>)
    ### <company>
    #### `💰 <salary>` `🌎 <location>`

    <description in Markdown>

    ## CLICK TO [APPLY](https://www.remotewlb.com/apply/<slug>)

Mapping and the evidence behind it:

- title and ``url`` (the apply link, kept only when http(s)) from the H1; ``external_id`` is the
  slug (the folder's name, equal to the URL's last part in every file).
- company from the H3; the literal ``None`` (577 files) and an empty H3 (105) become null.
- salary and location from the H4's code spans; either may be missing. The H4 is wrapped onto
  the next line in 37 files (a long location list broken at a space): it ends on the line where
  its code span closes, and its lines join with a space.
- pay is kept only where its currency is knowable (:func:`pay_fields`).
- **Salary placeholders are not pay**: ``~0k``, ``0``, ``$0`` and the empty span give no
  salary text. ``65k-95k USD`` is the board's default: SOURCES.md finds it "on every 2024-01
  file and on 397 of the 695 2024-02 files, for jobs from Abuja to Zagreb", so in a file listed
  before 2024-03 that exact string gives no salary text (from 2024-03 on it never occurs).
- description: the Markdown after the H4, without the ``## CLICK TO [APPLY](…)`` footer (board
  boilerplate) and without images (logos, emoji and ``remotive.com/job/track`` tracking
  pixels: no text of the ad), rendered by markdown-it and cleaned like every HTML description.
- ``posted_date`` is the first day of the month folder, the month the board listed the ad:
  ``date_kind`` ``listed``, ``date_precision`` ``month``; ``posted_text`` keeps ``YYYY-MM``.
- the ``<Skill>`` folder (``C#``, ``Java``, ``Nontech``, ...) is a stack tag the board gave the
  ad, not a role or a job function, so it is left out.

A file without the three header lines (or whose H4 never closes: a truncated file) and an empty
ad (nothing, only ``###  Check out similar jobs below 😊``, only a link or only a heading) are
quarantined with their reason. A month folder that cannot be listed raises ``SourceError``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from roleatlas.exceptions import SourceError
from roleatlas.normalize.location import parse_location
from roleatlas.sources.adapters.generic import source_file
from roleatlas.sources.base import Record, Rejected, Row
from roleatlas.sources.postings import make_posting

#: the month folders' parent folders under a data directory (``<Skill>`` folders below them)
JOBS_GLOB = "remotewlb-*/jobs/*"
#: the board's default salary string, and the first month whose salaries are the ads' own
BOARD_DEFAULT_SALARY = "65k-95k USD"
REAL_SALARIES_FROM = (2024, 3)
#: raw text kept in the quarantine (enough to see what the file was)
RAW_CHARS = 2000

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# link text may hold brackets ("[GAC] Senior Data Engineer"), so it runs to the last "]("
_H1 = re.compile(r"^\s*#\s+\[(?P<title>.*)\]\((?P<url>[^()\s]*)\)\s*$")
_H3 = re.compile(r"^\s*###(?!#)(?P<company>.*)$")
_H4 = re.compile(r"^\s*####(?!#)")
_SPAN = re.compile(r"`([^`]*)`")
_OTHER_CURRENCY = re.compile(
    r"[£€₹¥]|\b(?:EUR|GBP|CAD|AUD|NZD|INR|PLN|CHF|SEK|NOK|DKK|BRL|MXN|JPY|SGD|ZAR)\b", re.I
)
_LOCAL_DOLLARS = {"CA": "CAD", "AU": "AUD", "NZ": "NZD"}
_US = re.compile(r"\b(?:U\.?S\.?A?\.?|United States|America)\b", re.IGNORECASE)
_ZERO_SALARY = re.compile(r"^[~$]?\s*0+(?:\.0+)?\s*k?$", re.IGNORECASE)
_FOOTER = re.compile(r"\n?[ \t]*##[ \t]+CLICK TO \[APPLY\]\([^)]*\)\s*\Z")
# an image, or a link whose text is only an image (a linked logo)
_IMAGE = re.compile(r"\[\s*!\[[^\]]*\]\([^)]*\)\s*\]\([^)]*\)|!\[[^\]]*\]\([^)]*\)")
_SIMILAR_JOBS = re.compile(r"^#*\s*Check out similar jobs below\s*😊?\s*$", re.IGNORECASE)
_ONLY_LINK = re.compile(r"^(?:<?https?://\S+>?|\[[^\]]*\]\(\S+\))$")
_ONLY_HEADING = re.compile(r"^#+\s*[*_]*\s*[\w ]{0,40}?\s*[*_]*\s*:?$")

# CommonMark plus tables; raw HTML passes on to the sanitizer in clean.py. Indented code blocks
# are off: in these ads a 4-space indent is a converter's indented list, never code (43 of 2,000
# sampled bodies), and without them and setext headings rendering takes a fifth less time
_MARKDOWN = (
    MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable(["code", "lheading"])
)


@dataclass(frozen=True, slots=True)
class Ad:
    """One README file of a month folder, read but not parsed (picklable)."""

    #: the folder's name: the ad's slug
    slug: str
    text: str | None
    #: why the file could not be read as text, else None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive ads of one month folder, from the ``start``-th file on (picklable)."""

    file: str
    month: str
    start: int
    ads: list[Ad]


def month_start(name: str) -> date | None:
    """``"2024-03"`` → 1 March 2024; None for anything else."""
    match = _MONTH.match(name)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    return date(year, month, 1) if 1 <= month <= 12 else None


def salary_text(span: str | None, *, month: date) -> str | None:
    """The ad's salary text, or None for a placeholder or the board's pre-March-2024 default."""
    text = (span or "").strip()
    if not text or _ZERO_SALARY.match(text):
        return None
    if text == BOARD_DEFAULT_SALARY and (month.year, month.month) < REAL_SALARIES_FROM:
        return None
    return text


def pay_fields(text: str | None, location: str | None) -> tuple[str | None, str | None]:
    """``(salary_text, currency_hint)``: the board's pay line where its currency is knowable.

    The board writes amounts without a currency (``424000.0``, ``~323k``) or labels them
    ``USD``, and for ads in the US, or remote ads that name no country, both are dollars.
    Where the ad names another country such lines are often local money under the board's
    label (``USD 232000.0~348000.0`` for a job in Poland, ``3500000.0`` in India), so a bare or
    ``USD`` amount there states no pay we can price: it gives no salary text rather than a
    guess. A line naming another currency (``£``, ``€``, ``CAD``) is kept as stated; a ``$``
    line for Canada, Australia or New Zealand is that country's dollar.
    """
    if not text:
        return None, None
    country = parse_location(location).country if location else None
    if country is None and location and _US.search(location):
        country = "US"
    if country in ("US", None):
        return text, None if _OTHER_CURRENCY.search(text) else "USD"
    if _OTHER_CURRENCY.search(text):
        return text, None
    if "$" in text and country in _LOCAL_DOLLARS and "USD" not in text.upper():
        return text, _LOCAL_DOLLARS[country]
    return None, None


def split_ad(text: str) -> tuple[dict[str, Any], str] | str:
    """``(header fields, Markdown body)`` of one README, or the reason it has no usable header."""
    lines = text.replace("\r\n", "\n").split("\n")
    h1 = _H1.match(lines[0])
    if not h1:
        return "no RemoteWLB header: line 1 is not '# [<title>](<apply URL>)'"
    if len(lines) < 3:
        return "truncated: the file ends inside its header"
    h3 = _H3.match(lines[1])
    if not h3 or not _H4.match(lines[2]):
        return "malformed header: lines 2-3 are not '### <company>' and '#### <salary, location>'"
    end = 2
    h4 = lines[2]
    while h4.count("`") % 2:
        end += 1
        if end == len(lines):
            return "truncated: the '####' salary/location line never closes its code span"
        h4 = f"{h4.rstrip()} {lines[end]}"
    url = h1.group("url")
    fields: dict[str, Any] = {
        "title": h1.group("title"),
        "url": url if url.startswith(("https://", "http://")) else None,
        "company": h3.group("company"),
        "salary": None,
        "location": None,
    }
    for span in _SPAN.findall(h4):
        span = span.strip()
        if span.startswith("💰"):
            fields["salary"] = span.removeprefix("💰")
        elif span.startswith("🌎"):
            fields["location"] = span.removeprefix("🌎").strip()
    return fields, "\n".join(lines[end + 1 :])


def ad_body(markdown: str) -> str:
    """The ad's own Markdown: no apply footer, no images (logos, tracking pixels)."""
    markdown = _FOOTER.sub("", markdown)
    if "![" in markdown:
        markdown = _IMAGE.sub("", markdown)
    return markdown.strip()


def empty_ad(body: str) -> str | None:
    """Why a body holds no ad (a quarantine reason), else None."""
    if not body:
        return "empty ad: no description"
    if "\n" in body:
        return None
    if _SIMILAR_JOBS.match(body):
        return "empty ad: only the board's 'Check out similar jobs below' line"
    if _ONLY_LINK.match(body):
        return "empty ad: only a link"
    if _ONLY_HEADING.match(body):
        return "empty ad: only a heading"
    return None


@dataclass(frozen=True)
class RemoteWLBPostings:
    """The RemoteWLB job board's Markdown tree, read one month folder at a time."""

    name: str = "remotewlb"
    description: str = "RemoteWLB remote-job board, one Markdown file per ad (2024-01 to 2025-03)"
    tables: tuple[str, ...] = ("postings",)

    def find(self, data_dir: Path) -> list[Path]:
        """The month folders ``remotewlb-*/jobs/<Skill>/<YYYY-MM>`` under ``data_dir``, sorted."""
        return sorted(
            month
            for skill in Path(data_dir).glob(JOBS_GLOB)
            if skill.is_dir()
            for month in skill.iterdir()
            if month.is_dir() and month_start(month.name)
        )

    def read(self, path: Path) -> Iterator[Record]:
        """One record per ``*/README.md`` of a month folder; ``row`` is its index, sorted."""
        for chunk in self.chunks(path, size=1000):
            yield from self.records(chunk)

    def chunks(self, path: Path, *, size: int) -> Iterator[Chunk]:
        """The folder's README files, read as text, ``size`` at a time, in sorted order."""
        path = Path(path)
        month = month_start(path.name)
        if month is None:
            raise SourceError(f"{path}: not a RemoteWLB month folder (expected .../<YYYY-MM>)")
        slugs = _slugs(path)
        name = source_file(path)
        for start in range(0, len(slugs), size):
            ads = [_read_ad(path, slug) for slug in slugs[start : start + size]]
            yield Chunk(file=name, month=path.name, start=start, ads=ads)

    def records(self, chunk: Chunk) -> list[Record]:
        """Parse and clean one chunk of ads: a pure function, so it can run in any process."""
        month = month_start(chunk.month)
        assert month is not None
        return [
            self._record(chunk.file, month, chunk.month, row, ad)
            for row, ad in enumerate(chunk.ads, start=chunk.start)
        ]

    def _record(self, name: str, month: date, folder: str, row: int, ad: Ad) -> Record:
        raw: dict[str, Any] = {"file": f"{ad.slug}/README.md"}
        if ad.text is None:
            return Rejected(reason=ad.problem or "unreadable file", raw=raw, row=row)
        raw["text"] = ad.text[:RAW_CHARS]
        parsed = split_ad(ad.text)
        if isinstance(parsed, str):
            return Rejected(reason=parsed, raw=raw, row=row)
        fields, markdown = parsed
        body = ad_body(markdown)
        problem = empty_ad(body)
        if problem:
            return Rejected(reason=problem, raw=raw, row=row)
        pay, currency = pay_fields(salary_text(fields["salary"], month=month), fields["location"])
        record = make_posting(
            source=self.name,
            source_file=name,
            row=row,
            raw=raw,
            external_id=ad.slug,
            title=fields["title"],
            url=fields["url"],
            company=fields["company"],
            location=fields["location"],
            salary_text=pay,
            currency_hint=currency,
            description_html=_MARKDOWN.render(body),
            posted_date=month,
            posted_text=folder,
            date_kind="listed",
            date_precision="month",
        )
        if isinstance(record, Row) and not record.values["description"]:
            return Rejected(reason="empty ad: no description text", raw=raw, row=row)
        return record


def _slugs(month_dir: Path) -> list[str]:
    """The month folder's ad folders holding a README.md, sorted; ``SourceError`` if unlistable."""
    try:
        with os.scandir(month_dir) as entries:
            folders = [e.name for e in entries if e.is_dir()]
    except OSError as exc:
        raise SourceError(f"{month_dir}: cannot read folder ({exc.strerror or exc})") from exc
    return sorted(s for s in folders if os.path.isfile(os.path.join(month_dir, s, "README.md")))


def _read_ad(month_dir: Path, slug: str) -> Ad:
    """One README's text, or why it cannot be read (the folder's other ads still can)."""
    path = month_dir / slug / "README.md"
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Ad(slug=slug, text=None, problem=f"cannot read file ({exc.strerror or exc})")
    if b"\x00" in data[:8192]:
        return Ad(slug=slug, text=None, problem="binary file, not text")
    try:
        return Ad(slug=slug, text=data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return Ad(slug=slug, text=None, problem=f"not UTF-8 text (byte {exc.start})")


SOURCES = (RemoteWLBPostings(),)
