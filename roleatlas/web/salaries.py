"""Live salary figures for the salary page's filters, through the analysis library.

The unfiltered page reads the stored ``salaries`` result. A filtered page loads every salary
value once (``roleatlas.analyze.salaries.SalaryData``), keeps the rows that match the filters and
asks ``salary_stats_from`` for the same cells the analysis stores, so both pages agree on
percentiles, intervals and suppression.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from roleatlas.exceptions import InputError
from roleatlas.store import Store

#: the salary page's filters and the value column each one tests
FILTERS = ("level", "seniority", "country", "remote", "company_size", "year", "source")
_COLUMN = {"level": "experience_level", "seniority": "seniority", "country": "country",
           "remote": "remote", "company_size": "company_size", "year": "year"}  # fmt: skip
#: the groupings the salary page charts
CHART_BY = ("experience_level", "country", "year")


class LiveSalaries:
    """Salary values of every role, loaded on first use, filtered per request."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._data: Any = None
        self._lock = threading.Lock()

    def _loaded(self) -> Any:
        from roleatlas.analyze.salaries import SalaryData

        with self._lock:
            if self._data is None:
                self._data = SalaryData.load(self._store)
            return self._data

    def stats(self, role: str, filters: Mapping[str, str]) -> dict[str, Any]:
        """``{"global": stats, "by": {by: stats}}`` for the rows matching ``filters``."""
        from roleatlas.analyze.salaries import SOURCES, SalaryData, salary_stats_from

        unknown = set(filters) - set(FILTERS)
        if unknown:
            raise InputError(f"unknown salary filter(s): {', '.join(sorted(unknown))}")
        data = self._loaded()
        chosen = filters.get("source")
        if chosen and chosen not in SOURCES:
            raise InputError(f"source must be one of {', '.join(SOURCES)}, not {chosen!r}")
        tests = [(_COLUMN[k], str(v)) for k, v in filters.items() if k != "source"]
        rows = {}
        for source in SOURCES:
            if chosen and source != chosen:
                rows[source] = {role: []}
                continue
            rows[source] = {
                role: [
                    r
                    for r in data.values(source, role)
                    if all(str(r.get(col)) == value for col, value in tests)
                ]
            }
        # postings left out as search bands are counted per role and source, so the count is
        # known only when no filter other than the source applies
        bands = {s: b for s, b in data.bands.items() if not chosen or s == chosen}
        subset = SalaryData(rows=rows, bands=bands if not tests else {})
        return {
            "role": role,
            "filters": dict(filters),
            "global": salary_stats_from(subset, role),
            "by": {by: salary_stats_from(subset, role, by=by) for by in CHART_BY},
        }


def clean_filters(params: Mapping[str, str | None]) -> dict[str, str]:
    """The non-empty salary filters of a query string, validated (``InputError`` otherwise)."""
    out: dict[str, str] = {}
    for key in FILTERS:
        value = (params.get(key) or "").strip()
        if not value:
            continue
        if len(value) > 40:
            raise InputError(f"{key} is too long")
        if key == "year" and not (value.isdigit() and 2000 <= int(value) <= 2100):
            raise InputError(f"year must be a four-digit year, not {value!r}")
        if key == "level" and value not in ("EN", "MI", "SE", "EX"):
            raise InputError(f"level must be one of EN, MI, SE, EX, not {value!r}")
        if key == "remote" and value not in ("remote", "hybrid", "onsite"):
            raise InputError(f"remote must be remote, hybrid or onsite, not {value!r}")
        if key == "company_size" and value not in ("S", "M", "L"):
            raise InputError(f"company_size must be S, M or L, not {value!r}")
        if key == "country":
            value = value.upper()
            if not (len(value) == 2 and value.isalpha()):
                raise InputError(f"country must be a two-letter ISO code, not {value!r}")
        out[key] = value
    return out
