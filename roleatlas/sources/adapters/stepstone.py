"""Stepstone Germany postings: the 2024 workbook (sspratz96) and the 2022 CSV (agurowietz).

Both scrapes lost the page's block boundaries, so headings are glued to the text that follows
("EinleitungWas dich erwartet", "Standort: WiesbadenBreit gefächert"). Only glues a safe rule
can see are undone: a known section heading, a sentence end, or the ``Standort:`` line, each
followed directly by a capitalised word. German text is otherwise kept as written.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.generic import parse_date, source_file, table_rows
from roleatlas.sources.base import Record, Rejected
from roleatlas.sources.postings import make_posting

#: the 2024 workbook's sheet and the columns the adapter reads from it
SHEET = "Sheet1"
SECTIONS = {
    "About company": "About the company", "Job description": "Job description",
    "Requirements": "Requirements", "Benefits": "Benefits",
}  # fmt: skip
COLUMNS_2024 = (
    "Job", "Company", "Location", "Contract type", "Work type", "Date", *SECTIONS, "Link",
    "Date of extraction",
)  # fmt: skip
COLUMNS_2022 = (
    "row_id", "job_title", "company_name", "location", "employment", "position_type",
    "job_content",
)  # fmt: skip
#: the scraper's stand-in for an empty cell (24 underscores)
PLACEHOLDER = "_" * 24
HOME_OFFICE = "Home Office möglich"

_AGE = re.compile(
    r"^(?:Erschienen:\s*)?vor\s+(\d+)\s+(Stunden?|Tag(?:en)?|Wochen?|Monat(?:en)?)$", re.I
)
#: unit → (days per unit, the precision such an age gives)
_UNITS = {"stund": (0, "day"), "tag": (1, "day"), "woche": (7, "week"), "monat": (30, "month")}
# section headings seen glued to their text in both scrapes (German and English)
_HEADINGS = (
    "Einleitung", "Introduction", "Description", "Stellenbeschreibung", "Über uns", "About us",
    "Unternehmensbeschreibung", "Das sind wir", "Ihre Aufgaben", "Deine Aufgaben",
    "Deine zukünftigen Aufgaben", "Aufgaben", "Ihre Rolle", "Your role", "Your tasks", "Tasks",
    "Responsibilities", "Key job responsibilities", "Ihr Profil", "Dein Profil", "Profil",
    "Your profile", "Profile", "Qualifikationen", "Qualifications", "Anforderungen",
    "Das bringst du mit", "Was wir erwarten", "Was dich erwartet", "Was wir bieten",
    "Wir bieten", "Das bieten wir", "Das bieten wir dir", "Das bieten wir Ihnen",
    "Unser Angebot", "Unsere Vorteile", "Unsere Vorteile auf einen Blick", "Unsere Benefits",
    "Benefits", "Vorteile", "What we offer", "Kontakt", "Contact", "Weitere Informationen",
    "Arbeitsort", "Arbeitszeit", "Anstellungsart", "Joblocation", "Job location",
)  # fmt: skip
_HEADING = "|".join(sorted(map(re.escape, _HEADINGS), key=len, reverse=True))
_UPPER, _LOWER = "A-ZÄÖÜ", "a-zäöüß"
# "EinleitungWas dich" / "Your roleYou will": a heading, a colon or not, then a capital
_GLUED_HEADING = re.compile(rf"(?<![\w-])((?i:{_HEADING}):?)(?=[{_UPPER}][{_LOWER}])")
# "bietenBenefits" / "erwartenDein Profil": a word runs straight into a capitalised heading
_GLUED_BEFORE_HEADING = re.compile(rf"(?<=[{_LOWER}])(?=(?:{_HEADING})(?:[:\s]|[{_UPPER}]))")
# "…zu arbeiten.Data Analyst" / "Fragen?Wir": a sentence end glued to the next block
# (not an e-mail address such as jessica.bauer@…, not "Ref.Nr")
_GLUED_SENTENCE = re.compile(rf"(?<=[{_LOWER}]{{2}}[.!?:])(?=[{_UPPER}][{_LOWER}]{{2,}}\b(?!@))")
# "Standort: WiesbadenBreit gefächert": the place runs straight into the next heading
_GLUED_PLACE = re.compile(
    rf"((?:Standort|Arbeitsort|Einsatzort): [^\n:]*?[{_LOWER}])(?=[{_UPPER}][{_LOWER}])"
)
_BULLET_LINE = re.compile(r"^(?:\t+| {2,})(?=\S)", re.M)
_BLOCK_GAP = re.compile(r" {2,}")


def unglue(text: str | None, *, one_line: bool = False) -> str | None:
    """Readable Stepstone text: glued headings and block ends split, tab bullets kept.

    ``one_line`` marks the 2022 ``job_content``, whose blocks are only separated by runs of
    spaces; those become line breaks.
    """
    if not text:
        return text
    if one_line:
        text = _BLOCK_GAP.sub("\n", text.strip())
    else:
        text = _BULLET_LINE.sub("• ", text)
    text = _GLUED_PLACE.sub(r"\1\n", text)
    text = _GLUED_BEFORE_HEADING.sub("\n", text)
    text = _GLUED_HEADING.sub(r"\1\n", text)
    return _GLUED_SENTENCE.sub("\n", text)


def posted_age(text: str | None, extracted: date | None) -> tuple[date | None, str | None]:
    """``(posted_date, precision)`` from ``"Erschienen: vor 3 Tagen"`` and the extraction day."""
    match = _AGE.match((text or "").strip())
    if not match or extracted is None:
        return None, None
    count, unit = int(match.group(1)), match.group(2).lower()
    days, precision = next(v for k, v in _UNITS.items() if unit.startswith(k))
    return extracted - timedelta(days=count * days), precision


def work_fields(contract: str | None, work: str | None) -> tuple[str | None, str | None]:
    """``(employment_type, remote_text)``: contract and work types, with home office apart."""
    parts = [p.strip() for cell in (contract, work) if cell for p in cell.split(",")]
    remote = HOME_OFFICE if HOME_OFFICE in parts else None
    kept = [p for p in dict.fromkeys(parts) if p and p != HOME_OFFICE]
    return ", ".join(kept) or None, remote


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return None if value.strip() == PLACEHOLDER else value
    return value


def _text(value: Any) -> str | None:
    value = _cell(value)
    return None if value is None else str(value)


def _sections(cells: dict[str, Any]) -> str | None:
    """The page's sections under their headings, in page order."""
    parts = []
    for column, heading in SECTIONS.items():
        body = unglue(_text(cells.get(column)))
        if body and body.strip():
            parts.append(f"{heading}\n{body.strip()}")
    return "\n\n".join(parts) or None


def _open_sheet(path: Path) -> tuple[Any, Any]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SourceError(f"{path}: not a readable .xlsx workbook ({exc})") from exc
    if SHEET not in workbook.sheetnames:
        found = ", ".join(map(repr, workbook.sheetnames))
        workbook.close()
        raise SourceError(f"{path}: no sheet {SHEET!r} (found {found})")
    return workbook, workbook[SHEET]


@dataclass(frozen=True)
class StepstonePostings:
    """Stepstone.de postings: the 2024 workbook and the 2022 CSV, dispatched by suffix."""

    name: str = "stepstone"
    description: str = "Stepstone.de postings (sspratz96 workbook 2024, agurowietz CSV 2022)"
    tables: tuple[str, ...] = ("postings",)

    def find(self, data_dir: Path) -> list[Path]:
        """The ``stepstone-*/*.xlsx`` and ``stepstone-*/*.csv`` files under ``data_dir``."""
        root = Path(data_dir)
        return sorted([*root.glob("stepstone-*/*.xlsx"), *root.glob("stepstone-*/*.csv")])

    def read(self, path: Path) -> Iterator[Record]:
        """One record per data row: the workbook's row index, or the CSV's ``row_id``."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            yield from self._read_workbook(path)
        elif suffix == ".csv":
            yield from self._read_csv(path)
        else:
            raise SourceError(
                f"{path}: unknown format {suffix or '(no extension)'!r}; expected .xlsx or .csv"
            )

    def _read_workbook(self, path: Path) -> Iterator[Record]:
        name = source_file(path)
        workbook, sheet = _open_sheet(path)
        try:
            rows = sheet.iter_rows(values_only=True)
            header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
            missing = [c for c in COLUMNS_2024 if c not in header]
            if missing:
                raise SourceError(
                    f"{path}: sheet {SHEET!r} lacks column(s) {', '.join(map(repr, missing))}"
                )
            for row, values in enumerate(rows):
                cells = dict(zip(header, values, strict=False))
                if all(v is None or str(v).strip() == "" for v in values):
                    yield Rejected(reason="empty row", raw=cells, row=row)
                    continue
                yield self._posting_2024(name, row, cells)
        finally:
            workbook.close()

    def _posting_2024(self, name: str, row: int, cells: dict[str, Any]) -> Record:
        extracted = parse_date(_cell(cells.get("Date of extraction")))
        day = extracted if isinstance(extracted, date) else None
        posted_text = _text(cells.get("Date"))
        posted_date, precision = posted_age(posted_text, day)
        employment, remote = work_fields(_text(cells["Contract type"]), _text(cells["Work type"]))
        return make_posting(
            source=self.name,
            source_file=name,
            row=row,
            raw={k: v for k, v in cells.items() if k},
            title=_text(cells["Job"]),
            company=_text(cells["Company"]),
            location=_text(cells["Location"]),
            description=_sections(cells),
            employment_type=employment,
            remote_text=remote,
            posted_text=posted_text,
            posted_date=posted_date,
            date_kind="posted" if posted_date else None,
            date_precision=precision,
            scraped_at=extracted,
            url=_text(cells["Link"]),
            country_hint="DE",
            currency_hint="EUR",
        )

    def _read_csv(self, path: Path) -> Iterator[Record]:
        name = source_file(path)
        for row, cells, problem in table_rows(path, required=COLUMNS_2022, row_column="row_id"):
            if problem:
                yield Rejected(reason=problem, raw=cells, row=row)
                continue
            employment, remote = work_fields(
                _text(cells["employment"]), _text(cells["position_type"])
            )
            # the scrape has no date at all: neither a posting nor a scrape day is invented
            yield make_posting(
                source=self.name,
                source_file=name,
                row=row,
                raw=cells,
                title=_text(cells["job_title"]),
                company=_text(cells["company_name"]),
                location=_text(cells["location"]),
                description=unglue(_text(cells["job_content"]), one_line=True),
                employment_type=employment,
                remote_text=remote,
                country_hint="DE",
                currency_hint="EUR",
            )


SOURCES = (StepstonePostings(),)
