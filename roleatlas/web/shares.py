"""Skill shares of both roles of a comparison, side by side, each with where it was read.

A comparison stores each role's top 12 skills plus the shared and separating skills; a skill in
one role's list may be absent from the other's. The other role's profile then settles it: its
``skills.by_category`` lists every skill of a category, most frequent first, cut at 15. A skill
missing from a category list that was not cut has no posting of that role; one missing from a cut
list is below the list's last share. Nothing here is invented: each side says which case it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

#: profiles cut each ``skills.by_category`` list at this many items (roleatlas.analyze.profiles)
CATEGORY_LIST_CUT = 15

Found = Literal["comparison", "profile", "absent", "below"]


@dataclass(frozen=True, slots=True)
class SideShare:
    """One role's share of postings asking for one skill, and how it is known."""

    found: Found
    n: int | None
    share: float | None = None
    count: int | None = None
    ci: tuple[float, float] | None = None
    #: for ``below``: the share is at most this (the last share of the cut list)
    at_most: float | None = None

    def text(self) -> str:
        """The figure as a reader sees it: "54%", "0.3%", "0% (n=1,131)", "not in top skills (≤2%)"."""
        n = f"n={self.n:,}" if self.n is not None else "n unknown"
        if self.found == "below":
            bound = f"≤{self.at_most * 100:.0f}%, " if self.at_most is not None else ""
            return f"not in top skills ({bound}{n})"
        share = (self.share or 0) * 100
        figure = f"{share:.1f}%" if 0 < share < 1 else f"{share:.0f}%"
        return figure + (f" ({n})" if self.found == "absent" else "")


def _key(item: Mapping[str, Any]) -> str:
    return item.get("skill") or item.get("value") or ""


def _side(item: Mapping[str, Any], found: Found) -> SideShare:
    ci = item.get("ci")
    return SideShare(
        found=found,
        n=item.get("n"),
        share=item.get("share"),
        count=item.get("count"),
        ci=(ci[0], ci[1]) if ci and len(ci) == 2 and ci[0] is not None else None,
    )


def _profile_items(profile: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    skills = profile.get("skills") or {}
    lists = [skills.get("top"), skills.get("soft"), skills.get("certifications")]
    lists += list((skills.get("by_category") or {}).values())
    found: dict[str, dict[str, Any]] = {}
    for items in lists:
        for item in items or []:
            found.setdefault(_key(item), item)
    return found


def side_by_side(
    comparison: Mapping[str, Any],
    profiles: Mapping[str, Mapping[str, Any] | None] | None = None,
) -> dict[str, dict[str, Any]]:
    """Every skill of either role's top list, shared or separating list, with both sides' shares.

    Args:
        comparison: a stored comparison (docs/DATA_SHAPES.md, Comparison).
        profiles: ``{"a": profile, "b": profile}`` of the two roles, to settle skills that the
            comparison lists for one role only; without them such a side is ``below``.

    Returns:
        ``{skill: {"skill", "label", "category", "a": SideShare, "b": SideShare}}``.
    """
    skills = comparison.get("skills") or {}
    rows: dict[str, dict[str, Any]] = {}
    for s in "ab":
        for item in (skills.get(s) or {}).get("top") or []:
            row = rows.setdefault(_key(item), {"skill": _key(item)})
            row.setdefault("label", item.get("label"))
            row.setdefault("category", item.get("category"))
            row[s] = _side(item, "comparison")
    for item in (skills.get("shared") or []) + (skills.get("separating") or []):
        row = rows.setdefault(_key(item), {"skill": _key(item)})
        row.setdefault("label", item.get("label"))
        if item.get("category"):
            row.setdefault("category", item["category"])
        for s in "ab":
            if item.get(s) and s not in row:
                row[s] = _side(item[s], "comparison")
    for s in "ab":
        missing = [row for row in rows.values() if s not in row]
        if not missing:
            continue
        profile = (profiles or {}).get(s) or {}
        known = _profile_items(profile)
        n = _role_n(comparison, skills, s)
        categories = (profile.get("skills") or {}).get("by_category")
        for row in missing:
            item = known.get(row["skill"])
            if item is not None and item.get("share") is not None:
                row[s] = _side(item, "profile")
                continue
            cut = (categories or {}).get(row.get("category") or "other") if categories else None
            if categories is not None and (cut is None or len(cut) < CATEGORY_LIST_CUT):
                row[s] = SideShare(found="absent", n=n, share=0.0, count=0)
            else:
                floor = min((i.get("share") or 0 for i in cut or []), default=None)
                if floor is None:
                    floor = min(
                        (i.get("share") or 0 for i in (skills.get(s) or {}).get("top") or []),
                        default=None,
                    )
                row[s] = SideShare(found="below", n=n, at_most=floor)
    return rows


def _role_n(comparison: Mapping[str, Any], skills: Mapping[str, Any], side: str) -> int | None:
    basis = (skills.get(side) or {}).get("basis") or {}
    n = basis.get("n")
    if n is None:
        n = (skills.get("overlap") or {}).get(f"n_{side}")
    if n is None:
        n = (comparison.get(side) or {}).get("n_postings")
    return int(n) if n is not None else None
