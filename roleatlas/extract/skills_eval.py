"""Scoring extraction against a labeled JSONL set: skills, degree and years, by language.

A reader's label is resolved through the taxonomy first (a label that is an alias of a skill is
that skill). A found skill matches a label with its own name, or the label names the skill's
immediate ``broader`` family (the reader wrote "Decision trees" where the extractor found "Random
forest"): one level only, so a broad label is not credited by everything beneath it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roleatlas.exceptions import InputError
from roleatlas.extract.education import extract_education
from roleatlas.extract.skill_taxonomy import alias_forms, fold, load_skills
from roleatlas.extract.skills import extract_skills

#: a label no taxonomy skill names: the category its misses are grouped under
UNKNOWN = "(not in taxonomy)"


@dataclass
class Tally:
    """Counts of one slice of a labeled set (all postings, or one language)."""

    postings: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    degree_correct: int = 0
    years_correct: int = 0

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

    def figures(self) -> dict[str, Any]:
        """The slice's rates and counts, JSON-ready."""
        n = self.postings or 1
        return {
            "postings": self.postings,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "degree_min_accuracy": round(self.degree_correct / n, 4),
            "years_experience_min_accuracy": round(self.years_correct / n, 4),
        }


@dataclass
class SkillsReport:
    """Accuracy of skill, degree and experience extraction against a labeled set."""

    total: Tally
    by_language: dict[str, Tally] = field(default_factory=dict)
    false_positives: dict[str, Counter[str]] = field(default_factory=dict)
    misses: dict[str, Counter[str]] = field(default_factory=dict)
    breadth: bool = True
    top: int = 10

    def __getattr__(self, name: str) -> Any:  # postings, precision, recall... of the total
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.total, name)

    @property
    def top_false_positives(self) -> list[tuple[str, int]]:
        return _flat(self.false_positives).most_common(self.top)

    @property
    def top_misses(self) -> list[tuple[str, int]]:
        return _flat(self.misses).most_common(self.top)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            **self.total.figures(),
            "breadth": self.breadth,
            "by_language": {lang: t.figures() for lang, t in sorted(self.by_language.items())},
            "top_false_positives": self.top_false_positives,
            "top_misses": self.top_misses,
            "false_positives_by_category": _grouped(self.false_positives),
            "misses_by_category": _grouped(self.misses),
        }

    def render(self) -> str:
        """A plain-text report: headline, one line per language, errors grouped by category."""
        d = self.total.figures()
        lines = [
            f"postings: {d['postings']}  (O*NET breadth list {'on' if self.breadth else 'off'})",
            f"hard skills  precision {d['precision']:.3f}  recall {d['recall']:.3f}  F1 {d['f1']:.3f}"
            f"  (tp {d['true_positives']}, fp {d['false_positives']}, fn {d['false_negatives']})",
            f"degree_min exact accuracy          {d['degree_min_accuracy']:.3f}",
            f"years_experience_min exact accuracy {d['years_experience_min_accuracy']:.3f}",
        ]
        if len(self.by_language) > 1:
            for lang, tally in sorted(self.by_language.items()):
                f = tally.figures()
                lines.append(
                    f"  [{lang}] {f['postings']:>3} postings  P {f['precision']:.3f}  R {f['recall']:.3f}"
                    f"  degree {f['degree_min_accuracy']:.3f}  years {f['years_experience_min_accuracy']:.3f}"
                )
        lines.append("most frequent false positives: " + _pairs(self.top_false_positives))
        lines.append("most frequent misses:          " + _pairs(self.top_misses))
        for title, groups in (("false positives", self.false_positives), ("misses", self.misses)):
            lines.append(f"{title} by category:")
            for category, names in _by_size(groups):
                total = sum(names.values())
                lines.append(f"  {category} ({total}): " + _pairs(names.most_common(12)))
        return "\n".join(lines)


def evaluate_skills(path: str | Path, *, breadth: bool = True, top: int = 10) -> SkillsReport:
    """Score extraction against a labeled JSONL file.

    Each record has ``description``, ``skills`` (the reader's labels), ``degree_min``,
    ``years_experience_min`` and optionally ``company`` (the employer, passed to the extractor)
    and ``lang`` (the report gives each language its own line).

    Raises:
        InputError: the file is missing or a line is not a labeled record.
    """
    from roleatlas.extract.posting import _jsonl_records, _whole

    try:
        with Path(path).open(encoding="utf-8") as handle:
            records = _jsonl_records(handle)
    except OSError as exc:
        raise InputError(f"cannot read labels {path}: {exc.strerror}") from None
    canonical, category, broader = _taxonomy()
    report = SkillsReport(Tally(), breadth=breadth, top=top)
    false_pos: dict[str, Counter[str]] = defaultdict(Counter)
    misses: dict[str, Counter[str]] = defaultdict(Counter)
    for number, record in enumerate(records, 1):
        if not isinstance(record.get("skills"), list) or "description" not in record:
            raise InputError(f"{path}: record {number} needs description and a skills list")
        text = record["description"] or ""
        matches = extract_skills(
            text, title=record.get("title"), company=record.get("company"), breadth=breadth
        )
        found = {m.name for m in matches if m.kind == "hard"}
        gold = {canonical.get(fold(label), label) for label in record["skills"]}
        hits = {g for g in gold if g in found or any(g in broader.get(f, ()) for f in found)}
        wrong = {f for f in found if f not in gold and not gold & set(broader.get(f, ()))}
        education = extract_education(text, certifications=())
        tallies = (report.total, report.by_language.setdefault(record.get("lang") or "?", Tally()))
        for tally in tallies:
            tally.postings += 1
            tally.true_positives += len(hits)
            tally.false_positives += len(wrong)
            tally.false_negatives += len(gold - hits)
            tally.degree_correct += education.degree_min == record.get("degree_min")
            tally.years_correct += _whole(education.years_experience_min) == record.get(
                "years_experience_min"
            )
        for name in wrong:
            false_pos[category.get(name, UNKNOWN)][name] += 1
        for name in gold - hits:
            misses[category.get(name, UNKNOWN)][name] += 1
    report.false_positives, report.misses = dict(false_pos), dict(misses)
    return report


def _taxonomy() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, ...]]]:
    """Folded alias -> canonical name, name -> category, name -> immediate broader names."""
    canonical: dict[str, str] = {}
    category: dict[str, str] = {}
    broader: dict[str, tuple[str, ...]] = {}
    for skill in load_skills():
        category[skill.name] = skill.category
        broader[skill.name] = skill.broader
        for alias in (skill.name, *skill.aliases, *skill.cased, *skill.ambiguous):
            for form in alias_forms(alias):
                canonical.setdefault(form, skill.name)
    return canonical, category, broader


def _flat(groups: dict[str, Counter[str]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for names in groups.values():
        out.update(names)
    return out


def _by_size(groups: dict[str, Counter[str]]) -> list[tuple[str, Counter[str]]]:
    return sorted(groups.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))


def _grouped(groups: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
    return {category: dict(names.most_common()) for category, names in _by_size(groups)}


def _pairs(pairs: list[tuple[str, int]]) -> str:
    return ", ".join(f"{name} ({count})" for name, count in pairs) or "-"


def read_labels(path: str | Path) -> list[dict[str, Any]]:
    """The records of a labeled JSONL file (for tests and notebooks)."""
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line]


__all__ = ["SkillsReport", "Tally", "evaluate_skills", "read_labels"]
