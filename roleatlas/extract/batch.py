"""Extraction as a pure function over a batch of postings: skills, education, experience,
responsibilities. No engine code: the build (or Spark) feeds batches and stores the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from roleatlas.extract.posting import EXTRACTOR_VERSION, extract_batch
from roleatlas.extract.responsibilities import extract_responsibilities

__all__ = ["ExtractedBatch", "extract_postings", "EXTRACTOR_VERSION"]


@dataclass
class ExtractedBatch:
    """Rows for ``posting_facts`` (extraction columns), ``posting_skills`` and responsibilities."""

    facts: list[dict[str, Any]] = field(default_factory=list)
    skills: list[dict[str, Any]] = field(default_factory=list)
    responsibilities: list[dict[str, Any]] = field(default_factory=list)


def extract_postings(rows: list[dict[str, Any]]) -> ExtractedBatch:
    """Extract every posting of a batch of ``{id, title, description[, company]}`` rows."""
    out = ExtractedBatch()
    duties: dict[str, list[str]] = {}
    records = [
        {
            "id": r["id"],
            "title": r.get("title") or "",
            "description": r.get("description") or "",
            "company": r.get("company"),  # read only when the batch carries the column
        }
        for r in rows
    ]
    for record, result in zip(records, extract_batch(records), strict=True):
        pid = record["id"]
        out.facts.append(
            {
                "posting_id": pid,
                "degree_min": result.get("degree_min"),
                "degree_preferred": result.get("degree_preferred"),
                "fields_of_study": list(result.get("fields_of_study") or []),
                "years_min": result.get("years_experience_min"),
                "years_max": result.get("years_experience_max"),
                "certifications": list(result.get("certifications") or []),
                "extractor_version": EXTRACTOR_VERSION,
            }
        )
        seen: set[str] = set()
        for skill in result.get("skills") or []:
            if skill["name"] in seen:
                continue
            seen.add(skill["name"])
            out.skills.append(
                {
                    "posting_id": pid,
                    "skill": skill["name"],
                    "category": skill.get("category"),
                    "kind": skill.get("kind"),
                    "required": skill.get("required"),
                }
            )
        description = record["description"]
        if description not in duties:  # scraped reposts repeat a description: read it once
            duties[description] = extract_responsibilities(description)
        for position, statement in enumerate(duties[description]):
            out.responsibilities.append(
                {"posting_id": pid, "position": position, "statement": statement}
            )
    return out
