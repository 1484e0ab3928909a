"""Per-posting and per-batch extraction: skills, degree, fields, experience, certifications."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from roleatlas.exceptions import InputError
from roleatlas.extract.education import extract_education
from roleatlas.extract.skills import extract_skills
from roleatlas.extract.skills_eval import SkillsReport, evaluate_skills

#: bump when extraction output can change for the same input (stored rows carry it)
EXTRACTOR_VERSION = "skills-2.0"


def extract_posting(
    *,
    id: Any,
    title: str | None,
    description: str | None,
    company: str | None = None,  # noqa: A002 - the column name
) -> dict[str, Any]:
    """Everything the extractor reads from one posting, as a JSON-ready dict.

    Args:
        id: the posting's id, passed through.
        title: the job title (context only).
        description: the posting text; spans index into it.
        company: the employer; its own name is not read as a tool the job asks for.

    Returns:
        A dict with keys ``id``, ``skills``, ``degree_min``, ``degree_preferred``,
        ``fields_of_study``, ``years_experience_min``, ``years_experience_max``, ``certifications``.
    """
    text = description or ""
    matches = extract_skills(text, title=title, company=company)
    certifications = tuple(m.name for m in matches if m.kind == "certification")
    education = extract_education(text, certifications=certifications)
    return {
        "id": id,
        "skills": [
            {
                "name": m.name,
                "category": m.category,
                "kind": m.kind,
                "required": m.required,
                "spans": list(map(list, m.spans)),
            }
            for m in matches
            if m.kind != "certification"
        ],
        "degree_min": education.degree_min,
        "degree_preferred": education.degree_preferred,
        "fields_of_study": list(education.fields_of_study),
        "years_experience_min": _whole(education.years_experience_min),
        "years_experience_max": _whole(education.years_experience_max),
        "certifications": list(certifications),
    }


def extract_batch(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``extract_posting`` over a batch of ``{id, title, description[, company]}`` records, in order.

    A posting whose title and description repeat an earlier one of the batch (a repost, the same
    ad on two boards: half the rows of the real files) gets a copy of that result, not a re-read.
    """
    done: dict[tuple[str | None, str | None, str | None], dict[str, Any]] = {}
    out = []
    for r in records:
        title, description, company = r.get("title"), r.get("description"), r.get("company")
        key = (title, description, company)
        hashable = _hashable(title) and _hashable(description) and _hashable(company)
        first = done.get(key) if hashable else None
        if first is None:
            result = extract_posting(
                id=r.get("id"), title=title, description=description, company=company
            )
            if hashable:
                done[key] = result
        else:
            result = _copy_result(first, id=r.get("id"))
        out.append(result)
    return out


def _hashable(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _copy_result(result: dict[str, Any], *, id: Any) -> dict[str, Any]:  # noqa: A002
    """A result for another posting: same values, no list shared with the first."""
    return {
        **result,
        "id": id,
        "skills": [{**s, "spans": list(map(list, s["spans"]))} for s in result["skills"]],
        "fields_of_study": list(result["fields_of_study"]),
        "certifications": list(result["certifications"]),
    }


def read_records(handle: IO[str], *, input_format: str = "auto") -> list[dict[str, Any]]:
    """Records with ``id``, ``title``, ``description`` from JSONL or CSV text.

    Raises:
        InputError: a bad JSON line, a record that is not an object, or a missing column.
    """
    text = handle.read()
    name = getattr(handle, "name", "") or ""
    if input_format == "auto":
        is_csv = name.endswith(".csv") or (
            not name.endswith((".jsonl", ".json")) and not text.lstrip().startswith("{")
        )
        input_format = "csv" if is_csv else "jsonl"
    records = _csv_records(text) if input_format == "csv" else _jsonl_records(text.splitlines())
    for number, record in enumerate(records, 1):
        missing = [key for key in ("id", "description") if key not in record]
        if missing:
            raise InputError(f"record {number}: missing {', '.join(missing)}")
    return records


def _jsonl_records(lines: Iterable[str]) -> list[dict[str, Any]]:
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {number}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise InputError(f"line {number}: expected a JSON object")
        out.append(record)
    return out


def _csv_records(text: str) -> list[dict[str, Any]]:
    try:
        return list(csv.DictReader(text.splitlines(keepends=True)))
    except csv.Error as exc:
        raise InputError(f"bad CSV input: {exc}") from None


def _whole(value: float | None) -> float | int | None:
    return int(value) if value is not None and value == int(value) else value


__all__ = [
    "EXTRACTOR_VERSION", "SkillsReport", "evaluate_skills", "extract_batch", "extract_posting", "read_records",
]  # fmt: skip
