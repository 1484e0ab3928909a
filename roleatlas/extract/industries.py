"""Map raw Glassdoor and LinkedIn industry fields onto one fixed sector list.

The list and every mapping live in ``data/industries.yaml``. LinkedIn's export joins the words of
its industry names with commas and drops "and" ("Information,Technology,Services,Computer,
Software"), so that field is decoded against the known LinkedIn names by greedy longest match.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from roleatlas.exceptions import TaxonomyError

UNKNOWN = "unknown"

_SPACES = re.compile(r"\s+")
_DROP_WORDS = frozenset({"and"})
_COMPANY_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "l l c",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "co",
        "plc",
        "lp",
        "llp",
        "l p",
        "pllc",
        "gmbh",
        "ag",
        "sa",
        "pty",
        "pty ltd",
    }
)
_COMPANY_PUNCT = re.compile(r"[^\w&+ ]+")
_TRAILING_RATING = re.compile(r"\s+[0-5]\.\d\s*$")


def _key(value: str) -> str:
    return _SPACES.sub(" ", value).strip().casefold()


def _words(name: str) -> tuple[str, ...]:
    parts = _SPACES.split(name.replace(",", " ").casefold())
    return tuple(p for p in parts if p and p not in _DROP_WORDS)


class _Taxonomy:
    """The parsed and checked contents of ``industries.yaml``."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.sectors: tuple[str, ...] = tuple(raw["sectors"])
        if UNKNOWN not in self.sectors:
            raise TaxonomyError("industries.yaml: the sector list must contain 'unknown'")
        valid = set(self.sectors)
        self.unknown_values = frozenset(_key(v) for v in raw["unknown_values"])
        self.sector_lookup: dict[str, str] = {_key(s): s for s in self.sectors}
        self.industry_lookup: dict[str, str] = {}
        self.linkedin_lookup: dict[tuple[str, ...], str] = {}
        self.linkedin_names: dict[tuple[str, ...], str] = {}
        for table, target in (
            ("sector_aliases", self.sector_lookup),
            ("glassdoor_industries", self.industry_lookup),
        ):
            for name, sector in raw[table].items():
                if sector not in valid:
                    raise TaxonomyError(
                        f"industries.yaml: {table}[{name!r}] = unknown sector {sector!r}"
                    )
                target[_key(name)] = sector
        for name, sector in raw["linkedin_industries"].items():
            if sector not in valid:
                raise TaxonomyError(f"industries.yaml: linkedin_industries[{name!r}] = {sector!r}")
            self.linkedin_lookup[_words(name)] = sector
            self.linkedin_names[_words(name)] = name
        self.max_words = max(len(k) for k in self.linkedin_lookup)


@lru_cache(maxsize=1)
def _taxonomy() -> _Taxonomy:
    text = resources.files("roleatlas.extract").joinpath("data/industries.yaml").read_text("utf-8")
    try:
        return _Taxonomy(yaml.safe_load(text))
    except (KeyError, TypeError, ValueError) as exc:
        raise TaxonomyError(f"industries.yaml is malformed: {exc}") from exc


def sectors() -> tuple[str, ...]:
    """The fixed sector list, ``"unknown"`` last."""
    return _taxonomy().sectors


def decode_linkedin_industry(raw: str) -> list[str]:
    """LinkedIn industry names found in a comma-joined LinkedIn ``industry`` field, in order."""
    tax = _taxonomy()
    words = _words(raw)
    names: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(tax.max_words, len(words) - i), 0, -1):
            name = tax.linkedin_names.get(words[i : i + size])
            if name is not None:
                names.append(name)
                i += size
                break
        else:
            i += 1  # a word of no known name: skip it rather than guess
    return names


def _majority(labels: Iterable[str]) -> str:
    """Most frequent known label, earliest on ties between first-seen labels; else unknown."""
    counts = Counter(label for label in labels if label != UNKNOWN)
    if not counts:
        return UNKNOWN
    return max(counts, key=counts.__getitem__)  # Counter keeps first-seen order for ties


def _from_sector(value: str) -> str:
    return _taxonomy().sector_lookup.get(_key(value), UNKNOWN)


def _from_industry(value: str) -> str:
    tax = _taxonomy()
    key = _key(value)
    found = tax.industry_lookup.get(key) or tax.sector_lookup.get(key)
    if found:
        return found
    sector = tax.linkedin_lookup.get(_words(value))
    if sector:
        return sector
    if "," in value:
        names = decode_linkedin_industry(value)
        return _majority(tax.linkedin_lookup[_words(n)] for n in names)
    return UNKNOWN


def map_industry(*, industry: str | None = None, sector: str | None = None) -> str:
    """Sector of a posting from its raw ``sector`` (preferred) or ``industry``; else "unknown".

    Args:
        industry: Glassdoor ``Industry`` or LinkedIn ``industry`` text.
        sector: Glassdoor ``Sector`` text (revenue strings from shifted rows are ignored).

    Returns:
        A member of :func:`sectors`.
    """
    unknown = _taxonomy().unknown_values
    if sector and _key(sector) not in unknown:
        found = _from_sector(sector)
        if found != UNKNOWN:
            return found
    if industry and _key(industry) not in unknown:
        return _from_industry(industry)
    return UNKNOWN


def company_key(name: str | None) -> str:
    """Grouping key of a company name: no glued rating, no legal suffix, case-folded."""
    if not name:
        return ""
    text = name.split("\n", 1)[0]
    text = _TRAILING_RATING.sub("", text)
    text = _COMPANY_PUNCT.sub(" ", text.casefold().replace("&amp;", "&"))
    text = _SPACES.sub(" ", text).strip()
    changed = True
    while changed and text:
        changed = False
        for suffix in _COMPANY_SUFFIXES:
            if text.endswith(" " + suffix):
                text = text[: -len(suffix) - 1].rstrip()
                changed = True
        if text.startswith("the "):
            text = text[4:].lstrip()
            changed = True
    return text


def infer_company_industries(rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Sector per company key: majority over its postings' own sectors, "unknown" on a tie.

    Args:
        rows: mappings with ``company`` and optional ``industry`` / ``sector``.

    Returns:
        ``{company_key: sector}`` for every company seen; fill a posting whose own fields map
        to "unknown" from here.
    """
    votes: dict[str, Counter[str]] = {}
    for row in rows:
        key = company_key(row.get("company"))
        if not key:
            continue
        sector = map_industry(industry=row.get("industry"), sector=row.get("sector"))
        counter = votes.setdefault(key, Counter())
        if sector != UNKNOWN:
            counter[sector] += 1
    result: dict[str, str] = {}
    for key, counter in votes.items():
        top = counter.most_common(2)
        if not top or (len(top) == 2 and top[0][1] == top[1][1]):
            result[key] = UNKNOWN
        else:
            result[key] = top[0][0]
    return result


__all__ = [
    "UNKNOWN",
    "company_key",
    "decode_linkedin_industry",
    "infer_company_industries",
    "map_industry",
    "sectors",
]
