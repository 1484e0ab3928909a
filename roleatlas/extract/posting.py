"""Per-posting and per-batch extraction: skills, degree, fields, experience, certifications."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from roleatlas.exceptions import InputError
from roleatlas.extract.education import extract_education
from roleatlas.extract.skills import extract_skills

#: bump when extraction output can change for the same input (stored rows carry it)
EXTRACTOR_VERSION = "skills-1.0"


def extract_posting(*, id: Any, title: str | None, description: str | None) -> dict[str, Any]:  # noqa: A002 - the column name
    """Everything the extractor reads from one posting, as a JSON-ready dict.

    Args:
        id: the posting's id, passed through.
        title: the job title (context only).
        description: the posting text; spans index into it.

    Returns:
        A dict with keys ``id``, ``skills``, ``degree_min``, ``degree_preferred``,
        ``fields_of_study``, ``years_experience_min``, ``years_experience_max``, ``certifications``.
    """
    text = description or ""
    matches = extract_skills(text, title=title)
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
    """``extract_posting`` over a batch of ``{id, title, description}`` records, in order.

    A posting whose title and description repeat an earlier one of the batch (a repost, the same
    ad on two boards: half the rows of the real files) gets a copy of that result, not a re-read.
    """
    done: dict[tuple[str | None, str | None], dict[str, Any]] = {}
    out = []
    for r in records:
        title, description = r.get("title"), r.get("description")
        key = (title, description)
        first = done.get(key) if _hashable(title) and _hashable(description) else None
        if first is None:
            result = extract_posting(id=r.get("id"), title=title, description=description)
            if _hashable(title) and _hashable(description):
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


@dataclass(frozen=True)
class SkillsReport:
    """Accuracy of skill, degree and experience extraction against a labeled set."""

    postings: int
    true_positives: int
    false_positives: int
    false_negatives: int
    degree_correct: int
    years_correct: int
    top_false_positives: list[tuple[str, int]] = field(default_factory=list)
    top_misses: list[tuple[str, int]] = field(default_factory=list)
    breadth: bool = True

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        labeled = self.true_positives + self.false_negatives
        return self.true_positives / labeled if labeled else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        n = self.postings or 1
        return {
            "postings": self.postings,
            "breadth": self.breadth,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "degree_min_accuracy": round(self.degree_correct / n, 4),
            "years_experience_min_accuracy": round(self.years_correct / n, 4),
            "top_false_positives": self.top_false_positives,
            "top_misses": self.top_misses,
        }

    def render(self) -> str:
        """A short plain-text report."""
        d = self.to_dict()
        lines = [
            f"postings: {d['postings']}  (O*NET breadth list {'on' if self.breadth else 'off'})",
            f"hard skills  precision {d['precision']:.3f}  recall {d['recall']:.3f}  F1 {d['f1']:.3f}"
            f"  (tp {self.true_positives}, fp {self.false_positives}, fn {self.false_negatives})",
            f"degree_min exact accuracy          {d['degree_min_accuracy']:.3f}",
            f"years_experience_min exact accuracy {d['years_experience_min_accuracy']:.3f}",
            "most frequent false positives: " + _pairs(self.top_false_positives),
            "most frequent misses:          " + _pairs(self.top_misses),
        ]
        return "\n".join(lines)


def evaluate_skills(path: str | Path, *, breadth: bool = True, top: int = 10) -> SkillsReport:
    """Score extraction against a labeled JSONL file (``skills``, ``degree_min``, ``years_experience_min``).

    Raises:
        InputError: the file is missing or a line is not a labeled record.
    """
    try:
        with Path(path).open(encoding="utf-8") as handle:
            records = _jsonl_records(handle)
    except OSError as exc:
        raise InputError(f"cannot read labels {path}: {exc.strerror}") from None
    tp = fp = fn = degree_ok = years_ok = 0
    false_pos: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    for number, record in enumerate(records, 1):
        if not isinstance(record.get("skills"), list) or "description" not in record:
            raise InputError(f"{path}: record {number} needs description and a skills list")
        text = record["description"] or ""
        found = {m.name for m in extract_skills(text, breadth=breadth) if m.kind == "hard"}
        gold = set(record["skills"])
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
        false_pos.update(found - gold)
        misses.update(gold - found)
        education = extract_education(text, certifications=())
        degree_ok += education.degree_min == record.get("degree_min")
        years_ok += _whole(education.years_experience_min) == record.get("years_experience_min")
    return SkillsReport(
        len(records), tp, fp, fn, degree_ok, years_ok,
        false_pos.most_common(top), misses.most_common(top), breadth,
    )  # fmt: skip


def _pairs(pairs: list[tuple[str, int]]) -> str:
    return ", ".join(f"{name} ({count})" for name, count in pairs) or "-"


def _whole(value: float | None) -> float | int | None:
    return int(value) if value is not None and value == int(value) else value


__all__ = [
    "EXTRACTOR_VERSION", "SkillsReport", "evaluate_skills", "extract_batch", "extract_posting", "read_records",
]  # fmt: skip
