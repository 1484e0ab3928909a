"""Fit of a résumé or skill list to every role: weighted skill overlap, gaps, matching jobs.

The text is processed in memory for one request and never stored or logged.

fit(role) = Σ share(s) over the role's top skills the user has ÷ Σ share(s) over its top skills,
where share(s) is the fraction of the role's canonical postings that mention skill s. A skill
half the postings ask for counts five times one a tenth ask for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

TOP_SKILLS = 30
MAX_TEXT = 50_000


@dataclass(frozen=True, slots=True)
class RoleFit:
    slug: str
    name: str
    fit: float
    matched: list[dict[str, Any]]
    gaps: list[dict[str, Any]]
    n_postings: int


def role_skills(profile: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A profile's skill items (every category), highest share first."""
    skills = profile.get("skills") or {}
    seen: dict[str, dict[str, Any]] = {}
    for items in [*(skills.get("by_category") or {}).values(), skills.get("top") or []]:
        for item in items:
            key = item.get("skill") or item.get("value")
            if key and item.get("share") is not None:
                seen.setdefault(key, item)
    return sorted(seen.values(), key=lambda i: -i["share"])


class SkillMatcher:
    """Finds known skills in free text: the extractor when present, else label and alias matching."""

    def __init__(self, profiles: Iterable[Mapping[str, Any]]) -> None:
        self.labels: dict[str, str] = {}
        for profile in profiles:
            for item in role_skills(profile):
                key = item.get("skill") or item.get("value")
                self.labels[key] = item.get("label") or key

    @cached_property
    def _forms(self) -> tuple[dict[str, str], re.Pattern[str] | None]:
        forms: dict[str, str] = {}
        for key, label in self.labels.items():
            for form in (key, label):
                forms.setdefault(form.lower(), key)
        try:
            from roleatlas.extract.skill_taxonomy import load_skills

            by_label = {label.lower(): key for key, label in self.labels.items()}
            for skill in load_skills():
                key = by_label.get(skill.name.lower())
                if key is None or skill.cased:
                    continue
                for alias in skill.aliases:
                    forms.setdefault(alias.lower(), key)
        except Exception:  # the alias list only widens matching; labels alone still work
            pass
        forms = {f: k for f, k in forms.items() if len(f) > 1}
        if not forms:
            return forms, None
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        return forms, re.compile(rf"(?<![\w+#])(?:{alternation})(?![\w+#])", re.I)

    def find(self, text: str) -> list[str]:
        """The skill keys found in ``text``, in order of first mention."""
        found = dict.fromkeys(self._extractor(text))
        forms, pattern = self._forms
        if pattern is not None:
            for m in pattern.finditer(text):
                found.setdefault(forms[m.group(0).lower()], None)
        # single capital letters (R, C) only when written as such in a list
        for letter in ("R", "C"):
            if letter.lower() in self.labels and re.search(
                rf"(^|[,;/\n]\s*){letter}(\s*[,;/\n]|$)", text
            ):
                found.setdefault(letter.lower(), None)
        return [k for k in found if k in self.labels]

    def _extractor(self, text: str) -> list[str]:
        try:
            from roleatlas.extract import extract_skills  # type: ignore[attr-defined]
        except ImportError:
            return []
        by_label = {label.lower(): key for key, label in self.labels.items()}
        out = []
        for hit in extract_skills(text):
            name = hit if isinstance(hit, str) else (
                hit.get("skill") or hit.get("name") if isinstance(hit, Mapping)
                else getattr(hit, "skill", None) or getattr(hit, "name", None)
            )  # fmt: skip
            if name:
                out.append(name if name in self.labels else by_label.get(str(name).lower(), name))
        return out


def fit_roles(
    skills: Iterable[str], profiles: Mapping[str, Mapping[str, Any]], *, top: int = TOP_SKILLS
) -> list[RoleFit]:
    """Every role with a profile, best fit first."""
    have = set(skills)
    fits = []
    for slug, profile in profiles.items():
        items = role_skills(profile)[:top]
        total = sum(i["share"] for i in items)
        if not items or not total:
            continue
        matched = [i for i in items if (i.get("skill") or i.get("value")) in have]
        gaps = [i for i in items if (i.get("skill") or i.get("value")) not in have]
        n = ((profile.get("basis") or {}).get("postings") or {}).get("n") or 0
        fits.append(
            RoleFit(
                slug=slug,
                name=profile.get("name") or slug,
                fit=sum(i["share"] for i in matched) / total,
                matched=matched,
                gaps=gaps[:8],
                n_postings=int(n),
            )
        )
    fits.sort(key=lambda f: (-f.fit, -f.n_postings))
    return fits


def matching_jobs(
    skills: Iterable[str],
    posting_skills: Mapping[str, frozenset[str]],
    *,
    roles: set[str],
    docs: Mapping[str, Mapping[str, Any]],
    limit: int = 10,
) -> list[dict[str, Any]]:
    """Postings of ``roles`` whose extracted skills the user covers best (share of theirs)."""
    have = set(skills)
    scored = []
    for pid, needed in posting_skills.items():
        doc = docs.get(pid)
        if doc is None or doc.get("role") not in roles or len(needed) < 3:
            continue
        covered = len(needed & have)
        if covered:
            scored.append((covered / len(needed), covered, pid))
    scored.sort(key=lambda t: (-t[0], -t[1]))
    return [
        {**docs[pid], "coverage": round(cov, 3), "skills_covered": n}
        for cov, n, pid in scored[:limit]
    ]
