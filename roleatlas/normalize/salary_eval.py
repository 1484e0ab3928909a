"""Score the salary parsers against a labeled development set (``eval/salaries.csv``).

Each row holds a real string (``raw``), the ``default_currency`` the source implies, whether it
came from a description (then the first pay found by :func:`find_salaries_in_text` is scored),
and the expected ``min_amount``, ``max_amount``, ``currency``, ``period``, ``is_estimate``, ``kind``.
A row with no expected currency and no amounts means "no pay here". A row is an exact match when
min, max, currency and period are all right (both sides empty counts as right).
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roleatlas.exceptions import InputError
from roleatlas.normalize.salary import SalaryParse, parse_salary
from roleatlas.normalize.salary_text import find_salaries_in_text

REQUIRED_COLUMNS = ("raw", "min_amount", "max_amount", "currency", "period")
FIELDS = ("min_amount", "max_amount", "currency", "period", "is_estimate", "kind")
EXACT_FIELDS = ("min_amount", "max_amount", "currency", "period")


@dataclass(frozen=True)
class RowResult:
    """One labeled row with what the parser returned."""

    raw: str
    from_description: bool
    expected: dict[str, Any]
    got: dict[str, Any]
    wrong: tuple[str, ...]


@dataclass
class SalaryEvalReport:
    """Accuracy of the salary parsers on a labeled set."""

    rows: list[RowResult] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def exact(self) -> int:
        return sum(1 for r in self.rows if not set(r.wrong) & set(EXACT_FIELDS))

    @property
    def accuracy(self) -> float:
        return self.exact / self.total if self.total else 0.0

    def field_accuracy(self) -> dict[str, float]:
        """Share of rows where each field is right."""
        n = self.total or 1
        return {f: sum(1 for r in self.rows if f not in r.wrong) / n for f in FIELDS}

    def subset_accuracy(self) -> dict[str, float]:
        """Exact-match accuracy of salary fields and of description snippets separately."""
        out = {}
        for name, flag in (("salary_fields", False), ("descriptions", True)):
            part = [r for r in self.rows if r.from_description is flag]
            ok = sum(1 for r in part if not set(r.wrong) & set(EXACT_FIELDS))
            out[name] = ok / len(part) if part else 0.0
        return out

    def pay_confusion(self) -> dict[str, int]:
        """Pay found / not found against pay labeled / not labeled."""
        c: Counter[str] = Counter()
        for r in self.rows:
            exp, got = _has_pay(r.expected), _has_pay(r.got)
            c[
                {
                    (1, 1): "pay_found",
                    (1, 0): "pay_missed",
                    (0, 1): "false_pay",
                    (0, 0): "no_pay_ok",
                }[(exp, got)]
            ] += 1
        return dict(c)

    def period_confusion(self) -> dict[str, int]:
        """Counts of ``expected->got`` for rows whose period is wrong."""
        c = Counter(
            f"{r.expected['period'] or '-'}->{r.got['period'] or '-'}"
            for r in self.rows
            if "period" in r.wrong
        )
        return dict(c.most_common())

    def worst(self, n: int = 15) -> list[RowResult]:
        """The rows with the most wrong fields (exact-match fields first)."""
        bad = [r for r in self.rows if r.wrong]
        return sorted(bad, key=lambda r: (-len(set(r.wrong) & set(EXACT_FIELDS)), -len(r.wrong)))[
            :n
        ]

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (for JSON)."""
        return {
            "rows": self.total,
            "exact": self.exact,
            "accuracy": round(self.accuracy, 4),
            "subset_accuracy": {k: round(v, 4) for k, v in self.subset_accuracy().items()},
            "field_accuracy": {k: round(v, 4) for k, v in self.field_accuracy().items()},
            "pay_confusion": self.pay_confusion(),
            "period_confusion": self.period_confusion(),
            "worst_errors": [
                {"raw": r.raw, "expected": r.expected, "got": r.got, "wrong": list(r.wrong)}
                for r in self.worst()
            ],
        }

    def render(self) -> str:
        """A plain-text report for the terminal."""
        lines = [
            f"salary eval: {self.exact}/{self.total} exact ({self.accuracy:.2%})",
            "  by subset: " + ", ".join(f"{k} {v:.2%}" for k, v in self.subset_accuracy().items()),
            "  per field: " + ", ".join(f"{k} {v:.2%}" for k, v in self.field_accuracy().items()),
            "  pay detection: " + ", ".join(f"{k}={v}" for k, v in self.pay_confusion().items()),
            "  period errors: "
            + (", ".join(f"{k}={v}" for k, v in self.period_confusion().items()) or "none"),
        ]
        worst = self.worst()
        if worst:
            lines.append(f"  worst errors ({len(worst)} shown):")
        for r in worst:
            exp = _short(r.expected)
            got = _short(r.got)
            lines.append(f"    {r.raw[:70]!r}\n      expected {exp}\n      got      {got}")
        return "\n".join(lines)


def _has_pay(d: dict[str, Any]) -> int:
    return int(any(d[k] is not None for k in ("min_amount", "max_amount", "currency")))


def _short(d: dict[str, Any]) -> str:
    return " ".join(f"{k}={d[k]}" for k in EXACT_FIELDS)


def _num(text: str) -> float | None:
    text = (text or "").strip()
    return float(text) if text else None


def _flag(text: str) -> bool | None:
    text = (text or "").strip().lower()
    return {"true": True, "false": False}.get(text)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 0.005 * max(1.0, abs(a))
    return a == b


def _as_fields(p: SalaryParse | None) -> dict[str, Any]:
    if p is None:
        return dict.fromkeys(FIELDS)
    return {f: getattr(p, f) for f in FIELDS}


def score_row(row: dict[str, str]) -> RowResult:
    """Run the right parser on one labeled row and compare field by field."""
    raw = row["raw"]
    default = (row.get("default_currency") or "").strip() or None
    from_description = _flag(row.get("from_description", "")) is True
    if from_description:
        found = find_salaries_in_text(raw, default_currency=default)
        parsed = found[0] if found else None
    else:
        parsed = parse_salary(raw, default_currency=default)
    expected = {
        "min_amount": _num(row["min_amount"]),
        "max_amount": _num(row["max_amount"]),
        "currency": (row["currency"] or "").strip() or None,
        "period": (row["period"] or "").strip() or None,
        "is_estimate": _flag(row.get("is_estimate", "")),
        "kind": (row.get("kind") or "").strip() or None,
    }
    got = _as_fields(parsed)
    if not _has_pay(expected):
        expected["is_estimate"] = expected["kind"] = None
    checked = [f for f in FIELDS if f in row or f in EXACT_FIELDS]
    wrong = tuple(f for f in checked if not _same(expected[f], got[f]))
    return RowResult(raw, from_description, expected, got, wrong)


def evaluate_salaries(path: str | os.PathLike[str]) -> SalaryEvalReport:
    """Score :func:`parse_salary` and :func:`find_salaries_in_text` on a labeled CSV.

    Args:
        path: a CSV with at least ``raw, min_amount, max_amount, currency, period``.

    Returns:
        A :class:`SalaryEvalReport`.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
            return SalaryEvalReport([score_row(row) for row in reader])
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None


__all__ = ["SalaryEvalReport", "RowResult", "evaluate_salaries", "score_row"]
