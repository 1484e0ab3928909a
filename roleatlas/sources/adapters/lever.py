"""Lever postings API (keyless): ``GET api.lever.co/v0/postings/{company}?mode=json``.

The answer is a bare JSON array; an unknown company is HTTP 404 with ``{"ok": false}``.
The full posting is ``description`` (opening and body) plus ``lists`` and ``additional``.
"""

from __future__ import annotations

from typing import Any

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.jobboards import (
    JobBoardSource,
    epoch_ms_date,
    salary_text,
    text_or_none,
)


class LeverSource(JobBoardSource):
    """Published postings of one Lever job site."""

    name = "lever"
    description = "Lever postings API (api.lever.co), one company per response"
    url = "https://api.lever.co/v0/postings/{board}"
    params = {"mode": "json"}

    def jobs(self, payload: Any, *, what: str) -> list[Any]:
        if isinstance(payload, dict) and payload.get("ok") is False:
            raise SourceError(f"{what}: Lever says {payload.get('error') or 'error'}")
        if not isinstance(payload, list):
            raise SourceError(f"{what}: not a Lever postings response (expected a JSON array)")
        return payload

    def fields(self, job: dict[str, Any], *, board: str) -> dict[str, Any]:
        categories = job.get("categories") if isinstance(job.get("categories"), dict) else {}
        pay = job.get("salaryRange") if isinstance(job.get("salaryRange"), dict) else {}
        workplace = text_or_none(job.get("workplaceType"))
        locations = categories.get("allLocations")
        location = text_or_none(categories.get("location"))
        if location is None and isinstance(locations, list):
            location = "; ".join(t for t in map(text_or_none, locations) if t) or None
        functions = [text_or_none(categories.get(k)) for k in ("department", "team")]
        return {
            "external_id": text_or_none(job.get("id")),
            "title": text_or_none(job.get("text")),
            "location": location,
            "country_hint": text_or_none(job.get("country")),
            "url": text_or_none(job.get("hostedUrl")) or text_or_none(job.get("applyUrl")),
            "posted_date": epoch_ms_date(job.get("createdAt")),
            "employment_type": text_or_none(categories.get("commitment")),
            "remote_text": None if workplace in (None, "unspecified") else workplace,
            "job_functions": ", ".join(dict.fromkeys(f for f in functions if f)) or None,
            "salary_text": salary_text(
                pay.get("min"),
                pay.get("max"),
                currency=pay.get("currency"),
                interval=pay.get("interval"),
            ),
            "currency_hint": text_or_none(pay.get("currency")),
            "description": _description(job),
        }


def _description(job: dict[str, Any]) -> str | None:
    """The whole posting as HTML: description, then each list under its heading, then closing."""
    body = text_or_none(job.get("description"))
    if body is None:
        return text_or_none(job.get("descriptionPlain"))
    parts = [body]
    for item in job.get("lists") or []:
        if isinstance(item, dict) and (content := text_or_none(item.get("content"))):
            heading = text_or_none(item.get("text"))
            parts.append(f"<h3>{heading}</h3>" if heading else "")
            parts.append(f"<ul>{content}</ul>")
    if additional := text_or_none(job.get("additional")):
        parts.append(additional)
    return "\n".join(p for p in parts if p)


SOURCES = [LeverSource()]
