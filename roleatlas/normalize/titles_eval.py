"""Measure the title classifier against a labeled CSV (``eval/titles.csv``)."""

from __future__ import annotations

import csv
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roleatlas.exceptions import InputError
from roleatlas.normalize.titles import classify_titles

REQUIRED = ("title", "role", "seniority")
# The bundled labeled sets, relative to the repository root: older postings, then 2022-2026.
LABELED_SETS = ("eval/titles.csv", "eval/titles_2024.csv")
WORST = 15
CONFUSIONS = 10


@dataclass(frozen=True)
class TitleError:
    """One misclassified title."""

    title: str
    role: str
    predicted_role: str
    seniority: str
    predicted_seniority: str
    confidence: float


@dataclass(frozen=True)
class SplitScore:
    """Accuracy figures for one split of the labeled set."""

    rows: int
    role_accuracy: float
    seniority_accuracy: float


@dataclass(frozen=True)
class TitleEvalReport:
    """Role and seniority accuracy, confusions and worst errors of one evaluation run."""

    path: str
    rows: int
    role_accuracy: float
    seniority_accuracy: float
    splits: dict[str, SplitScore] = field(default_factory=dict)
    confusions: tuple[tuple[str, str, int], ...] = ()
    seniority_confusions: tuple[tuple[str, str, int], ...] = ()
    errors: tuple[TitleError, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary of the report."""
        return {
            "path": self.path,
            "rows": self.rows,
            "role_accuracy": round(self.role_accuracy, 4),
            "seniority_accuracy": round(self.seniority_accuracy, 4),
            "splits": {k: v.__dict__ for k, v in self.splits.items()},
            "confusions": [{"true": t, "pred": p, "count": n} for t, p, n in self.confusions],
            "seniority_confusions": [
                {"true": t, "pred": p, "count": n} for t, p, n in self.seniority_confusions
            ],
            "errors": [e.__dict__ for e in self.errors],
        }

    def render(self) -> str:
        """The report as plain text for the terminal."""
        lines = [
            f"titles: {self.rows} labeled rows from {self.path}",
            f"role accuracy:      {self.role_accuracy:.1%}",
            f"seniority accuracy: {self.seniority_accuracy:.1%}",
        ]
        for name, score in self.splits.items():
            lines.append(
                f"  split {name:<8} rows {score.rows:>4}  role {score.role_accuracy:.1%}"
                f"  seniority {score.seniority_accuracy:.1%}"
            )
        lines.append("role confusions (true -> predicted):")
        lines += [f"  {n:>3}  {t} -> {p}" for t, p, n in self.confusions] or ["  none"]
        lines.append("seniority confusions (true -> predicted):")
        lines += [f"  {n:>3}  {t} -> {p}" for t, p, n in self.seniority_confusions] or ["  none"]
        lines.append("worst errors (highest confidence first):")
        for e in self.errors:
            lines.append(
                f"  {e.confidence:.2f}  {e.title!r}: {e.role}/{e.seniority}"
                f" -> {e.predicted_role}/{e.predicted_seniority}"
            )
        if not self.errors:
            lines.append("  none")
        return "\n".join(lines)


def _read_labels(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(
                    f"{path}: missing column {missing[0]!r} (needs {', '.join(REQUIRED)})"
                )
            return list(reader)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None


def _accuracy(hits: list[bool]) -> float:
    return sum(hits) / len(hits) if hits else 0.0


def evaluate_titles(path: str | os.PathLike[str]) -> TitleEvalReport:
    """Classify every labeled title in ``path`` and compare with the labels.

    Args:
        path: CSV with columns ``title``, ``role``, ``seniority`` and optionally ``role_alt``
            (``|``-separated acceptable roles) and ``split`` (e.g. dev / holdout).

    Returns:
        A ``TitleEvalReport``; a prediction counts as right if it equals ``role`` or any ``role_alt``.
    """
    rows = _read_labels(Path(path))
    if not rows:
        raise InputError(f"{path}: no labeled rows")
    predictions = classify_titles(r["title"] for r in rows)
    role_hits, seniority_hits, errors = [], [], []
    confusions: Counter[tuple[str, str]] = Counter()
    seniority_confusions: Counter[tuple[str, str]] = Counter()
    by_split: dict[str, list[tuple[bool, bool]]] = {}
    for row, pred in zip(rows, predictions, strict=True):
        accepted = {row["role"], *filter(None, (row.get("role_alt") or "").split("|"))}
        role_ok, seniority_ok = pred.role in accepted, pred.seniority == row["seniority"]
        role_hits.append(role_ok)
        seniority_hits.append(seniority_ok)
        by_split.setdefault(row.get("split") or "all", []).append((role_ok, seniority_ok))
        if not role_ok:
            confusions[(row["role"], pred.role)] += 1
        if not seniority_ok:
            seniority_confusions[(row["seniority"], pred.seniority)] += 1
        if not (role_ok and seniority_ok):
            errors.append(
                TitleError(
                    row["title"],
                    row["role"],
                    pred.role,
                    row["seniority"],
                    pred.seniority,
                    pred.confidence,
                )
            )
    splits = {}
    if len(by_split) > 1:
        splits = {
            name: SplitScore(
                len(hits), _accuracy([r for r, _ in hits]), _accuracy([s for _, s in hits])
            )
            for name, hits in by_split.items()
        }
    errors.sort(key=lambda e: -e.confidence)
    return TitleEvalReport(
        path=str(path),
        rows=len(rows),
        role_accuracy=_accuracy(role_hits),
        seniority_accuracy=_accuracy(seniority_hits),
        splits=splits,
        confusions=tuple((t, p, n) for (t, p), n in confusions.most_common(CONFUSIONS)),
        seniority_confusions=tuple(
            (t, p, n) for (t, p), n in seniority_confusions.most_common(CONFUSIONS)
        ),
        errors=tuple(errors[:WORST]),
    )
