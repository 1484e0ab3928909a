"""Greenhouse job board API (keyless): ``GET boards-api.greenhouse.io/v1/boards/{board}/jobs``.

With ``content=true`` each job carries its description as HTML-escaped HTML; a pay range
appears only inside it (the ``pay-range`` block of Greenhouse's pay transparency feature).
"""

from __future__ import annotations

import html
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from roleatlas.sources.adapters.jobboards import JobBoardSource, iso_date, names, text_or_none

_REMOTE = re.compile(r"\bremote\b", re.I)
_EMPLOYMENT = re.compile(r"employment|commitment|job type", re.I)
_WORKPLACE = re.compile(r"remote|workplace|work location|location type", re.I)


class GreenhouseSource(JobBoardSource):
    """Published jobs of one Greenhouse job board."""

    name = "greenhouse"
    description = "Greenhouse job board API (boards-api.greenhouse.io), one board per response"
    url = "https://boards-api.greenhouse.io/v1/boards/{board}/jobs"
    params = {"content": "true"}

    def fields(self, job: dict[str, Any], *, board: str) -> dict[str, Any]:
        location = job.get("location")
        location_name = text_or_none(location.get("name")) if isinstance(location, dict) else None
        content = html.unescape(job["content"]) if isinstance(job.get("content"), str) else None
        metadata = _metadata(job.get("metadata"))
        remote = next((v for k, v in metadata.items() if _WORKPLACE.search(k)), None)
        if remote is None and location_name and _REMOTE.search(location_name):
            remote = location_name
        return {
            "external_id": text_or_none(job.get("id")),
            "title": text_or_none(job.get("title")),
            "company": text_or_none(job.get("company_name")) or board,
            "location": location_name,
            "url": text_or_none(job.get("absolute_url")),
            "posted_date": iso_date(job.get("first_published")) or iso_date(job.get("updated_at")),
            "employment_type": next(
                (v for k, v in metadata.items() if _EMPLOYMENT.search(k)), None
            ),
            "remote_text": remote,
            "job_functions": names(job.get("departments")),
            "salary_text": pay_range(content),
            "description": content,
        }


def pay_range(content: str | None) -> str | None:
    """The pay range(s) of Greenhouse's pay transparency block, as text, when present."""
    if not content or "pay-range" not in content:
        return None
    ranges = []
    for node in HTMLParser(content).css(".pay-range"):
        text = " ".join(node.text(separator=" ").split())
        if text:
            ranges.append(text)
    return "; ".join(dict.fromkeys(ranges)) or None


def _metadata(items: Any) -> dict[str, str]:
    """Custom fields the employer shows on the board: ``{name: value}`` for text values."""
    found: dict[str, str] = {}
    if not isinstance(items, list):
        return found
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        value = item.get("value")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float)))
        value = text_or_none(value)
        if value:
            found[item["name"]] = value
    return found


SOURCES = [GreenhouseSource()]
