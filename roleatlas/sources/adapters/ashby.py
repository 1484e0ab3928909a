"""Ashby posting API (keyless): ``GET api.ashbyhq.com/posting-api/job-board/{board}``.

With ``includeCompensation=true`` a job may carry ``compensation``: tiers of components
(Salary, Equity, Bonus...) with ``minValue``/``maxValue``, ``currencyCode`` and ``interval``.
"""

from __future__ import annotations

from typing import Any

from roleatlas.sources.adapters.jobboards import (
    JobBoardSource,
    iso_date,
    salary_text,
    text_or_none,
)

EMPLOYMENT_TYPES = {
    "FullTime": "Full-time", "PartTime": "Part-time", "Intern": "Internship",
    "Contract": "Contract", "Temporary": "Temporary",
}  # fmt: skip
WORKPLACES = {"OnSite": "On-site", "Remote": "Remote", "Hybrid": "Hybrid"}


class AshbySource(JobBoardSource):
    """Published jobs of one Ashby job board."""

    name = "ashby"
    description = "Ashby posting API (api.ashbyhq.com), one board per response"
    url = "https://api.ashbyhq.com/posting-api/job-board/{board}"
    params = {"includeCompensation": "true"}

    def fields(self, job: dict[str, Any], *, board: str) -> dict[str, Any]:
        location = job.get("location")
        if isinstance(location, dict):
            location = location.get("name") or location.get("locationName")
        workplace = text_or_none(job.get("workplaceType"))
        remote = WORKPLACES.get(workplace or "", workplace)
        if remote is None and job.get("isRemote") is True:
            remote = "Remote"
        employment = text_or_none(job.get("employmentType"))
        functions = [text_or_none(job.get(k)) for k in ("department", "team")]
        pay, currency = compensation(job.get("compensation"))
        return {
            "external_id": text_or_none(job.get("id")),
            "title": text_or_none(job.get("title")),
            "location": text_or_none(location),
            "url": text_or_none(job.get("jobUrl")) or text_or_none(job.get("applyUrl")),
            "posted_date": iso_date(job.get("publishedAt")),
            "employment_type": EMPLOYMENT_TYPES.get(employment or "", employment),
            "remote_text": remote,
            "job_functions": ", ".join(dict.fromkeys(f for f in functions if f)) or None,
            "salary_text": pay,
            "currency_hint": currency,
            "description": text_or_none(job.get("descriptionHtml"))
            or text_or_none(job.get("descriptionPlain")),
        }


def compensation(comp: Any) -> tuple[str | None, str | None]:
    """``(salary text, currency)`` from a job's compensation, preferring its Salary components.

    The salary spans every tier (lowest minimum to highest maximum) when all tiers share one
    currency and interval; otherwise Ashby's own summary is kept as written.
    """
    if not isinstance(comp, dict):
        return None, None
    components = [
        c
        for tier in comp.get("compensationTiers") or []
        if isinstance(tier, dict)
        for c in tier.get("components") or []
    ] + list(comp.get("summaryComponents") or [])
    salaries = [
        c for c in components if isinstance(c, dict) and c.get("compensationType") == "Salary"
    ]
    currencies = {c.get("currencyCode") for c in salaries}
    intervals = {c.get("interval") for c in salaries}
    if salaries and len(currencies) == 1 and len(intervals) == 1:
        lows = [v for c in salaries if _number(v := c.get("minValue"))]
        highs = [v for c in salaries if _number(v := c.get("maxValue"))]
        currency = text_or_none(currencies.pop())
        text = salary_text(
            min(lows) if lows else None,
            max(highs) if highs else None,
            currency=currency,
            interval=intervals.pop(),
        )
        if text:
            return text, currency
    summary = text_or_none(comp.get("scrapeableCompensationSalarySummary")) or text_or_none(
        comp.get("compensationTierSummary")
    )
    currency = text_or_none(currencies.pop()) if len(currencies) == 1 else None
    return summary, currency


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


SOURCES = [AshbySource()]
