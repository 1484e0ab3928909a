"""Normalization as a pure function over a batch of postings or survey records.

No engine code here: the build feeds batches of dicts read from the store (or Spark feeds
Arrow batches converted to dicts) and writes the returned rows to ``posting_facts`` and
``survey_facts``.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from roleatlas.extract.industries import map_industry
from roleatlas.normalize.employment import detect_employment_type, detect_remote
from roleatlas.normalize.location import parse_location
from roleatlas.normalize.roles import experience_level
from roleatlas.normalize.salary import parse_salary
from roleatlas.normalize.salary_patterns import fold
from roleatlas.normalize.salary_text import find_salaries_in_text
from roleatlas.normalize.titles import classify_title

NORMALIZER_VERSION = "3"

#: ai-jobs.net experience levels as seniority, used when a survey title carries no marker
_LEVEL_SENIORITY = {"EN": "entry", "MI": "mid", "SE": "senior", "EX": "executive"}
_REMOTE_RATIO = {0: "onsite", 50: "hybrid", 100: "remote"}
_SURVEY_EMPLOYMENT = {"FT": "full-time", "PT": "part-time", "CT": "contract", "FL": "contract"}
# Industry and sector strings repeat across thousands of postings; the mapping is pure.
_industry = functools.lru_cache(maxsize=4096)(map_industry)


#: the posting fields a fact depends on, apart from its own id, canonical id and source
_FACT_INPUTS = (
    "title", "description", "location", "country_hint", "currency_hint", "salary_text",
    "posted_date", "scraped_at", "date_kind", "date_precision", "employment_type", "industry",
    "sector", "remote_text",
)  # fmt: skip


def normalize_postings(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``posting_facts`` rows (normalized columns) for raw ``postings`` rows.

    A row whose fields repeat an earlier row of the batch (a repost scraped twice) gets a copy
    of that row's facts under its own id, not a second reading.
    """
    done: dict[tuple[Any, ...], dict[str, Any]] = {}
    out = []
    for row in rows:
        key = tuple(row.get(name) for name in _FACT_INPUTS)
        first = done.get(key)
        if first is None:
            fact = done[key] = _normalize_posting(row)
        else:
            fact = {**first, **_identity(row)}  # every value is a scalar: a flat copy
        out.append(fact)
    return out


def _identity(row: dict[str, Any]) -> dict[str, Any]:
    canonical = row.get("canonical_id") or row["id"]
    return {
        "posting_id": row["id"],
        "canonical_id": canonical,
        "is_canonical": canonical == row["id"],
        "source": row.get("source"),
    }


def _normalize_posting(row: dict[str, Any]) -> dict[str, Any]:
    title = row.get("title") or ""
    description = row.get("description") or ""
    currency = row.get("currency_hint")
    posted = row.get("posted_date") or row.get("scraped_at")
    folded = fold(description)  # shared by the remote, employment-type and salary scans
    klass = classify_title(title, description=description or None)
    place = parse_location(row.get("location"), country_hint=row.get("country_hint"))
    pay, origin = _pay(
        row.get("salary_text"), description, folded=folded, currency=currency, posted=posted
    )
    fact: dict[str, Any] = {
        **_identity(row),
        "role": klass.role,
        "seniority": klass.seniority,
        "experience_level": experience_level(klass.seniority),
        "role_confidence": klass.confidence,
        "city": place.city if place else None,
        "region": place.region if place else None,
        "country": (place.country if place else None) or row.get("country_hint"),
        "remote": detect_remote(
            title=title,
            location=(row.get("remote_text") or "") + " " + (row.get("location") or ""),
            description=description,
            folded=folded,
        ),
        "employment_type": detect_employment_type(
            raw=row.get("employment_type"), title=title, description=description, folded=folded
        ),
        "industry": _industry(industry=row.get("industry"), sector=row.get("sector")),
        # only a real posting or listing date: a scrape date is kept apart, never shown as one
        "posted_on": _date(row.get("posted_date")),
        "date_kind": row.get("date_kind"),
        "date_precision": row.get("date_precision"),
        "scraped_on": _date(row.get("scraped_at")),
        "normalizer_version": NORMALIZER_VERSION,
        "salary_origin": origin,
    }
    fact["industry_stated"] = fact["industry"]
    fact.update(_salary_columns(pay))
    return fact


def _date(value: Any) -> date | None:
    return value if isinstance(value, date) else None


def _pay(
    salary_text: str | None, description: str, *, folded: str, currency: str | None, posted: Any
) -> tuple[Any, str | None]:
    if salary_text:
        parsed = parse_salary(salary_text, default_currency=currency, posted_date=posted)
        if parsed is not None and (parsed.annual_min_usd or parsed.annual_max_usd):
            return parsed, "field"
    if description:
        found = find_salaries_in_text(
            description, default_currency=currency, folded=folded, posted_date=posted
        )
        usable = [p for p in found if p.annual_min_usd or p.annual_max_usd]
        if usable:
            return usable[0], "description"
    return None, None


def _salary_columns(pay: Any) -> dict[str, Any]:
    if pay is None:
        return dict.fromkeys(
            ("salary_min", "salary_max", "salary_currency", "salary_period", "annual_min_usd",
             "annual_max_usd", "annual_mid_usd", "salary_is_estimate", "salary_kind"),
        )  # fmt: skip
    low, high = pay.annual_min_usd, pay.annual_max_usd
    mid = (
        (low + high) / 2
        if low is not None and high is not None
        else (low if low is not None else high)
    )
    return {
        "salary_min": pay.min_amount,
        "salary_max": pay.max_amount,
        "salary_currency": pay.currency,
        "salary_period": pay.period,
        "annual_min_usd": low,
        "annual_max_usd": high,
        "annual_mid_usd": mid,
        "salary_is_estimate": pay.is_estimate,
        "salary_kind": pay.kind,
    }


def normalize_survey(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``survey_facts`` rows for ai-jobs.net ``salary_records`` rows."""
    out = []
    for row in rows:
        klass = classify_title(row.get("job_title") or "")
        level = row.get("experience_level")
        seniority = (
            klass.seniority if klass.seniority != "mid" else _LEVEL_SENIORITY.get(level, "mid")
        )
        out.append(
            {
                "record_id": row["id"],
                "is_duplicate": row.get("duplicate_of") is not None,
                "role": klass.role,
                "seniority": seniority,
                "experience_level": level,
                "employment_type": _SURVEY_EMPLOYMENT.get(row.get("employment_type") or ""),
                "work_year": row.get("work_year"),
                "salary_in_usd": row.get("salary_in_usd"),
                "employee_residence": row.get("employee_residence"),
                "company_location": row.get("company_location"),
                "company_size": row.get("company_size"),
                "remote": _REMOTE_RATIO.get(row.get("remote_ratio")),
                "normalizer_version": NORMALIZER_VERSION,
            }
        )
    return out
