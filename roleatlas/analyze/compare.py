"""Role-vs-role comparisons, assembled in Python from the profiles and the shared aggregates.

Pair figures: weighted Jaccard skill overlap; separating skills by a pooled two-proportion z-test
with Benjamini–Hochberg control of the false discovery rate across every skill seen in either
role; the difference of median salaries with a percentile bootstrap interval (each side
resampled alone, 1,000 resamples, one fixed seed per cell so rebuilding gives the same numbers);
transition plans both ways; featured jobs; related comparisons. Shapes: docs/DATA_SHAPES.md.
"""

from __future__ import annotations

from typing import Any

from roleatlas.analyze.aggregates import Aggregates
from roleatlas.analyze.jobs import FEATURED_MIN_CONFIDENCE, FEATURED_PER_ROLE, PLAUSIBLE_PAY
from roleatlas.analyze.profiles import THIN_POSTINGS, ProfileBuilder
from roleatlas.analyze.salaries import (
    EXPERIENCE_LABELS,
    MIN_N,
    SENIORITY_LABELS,
    group_label,
    overall_cell,
)
from roleatlas.analyze.stats import (
    BOOTSTRAP_SEED,
    benjamini_hochberg,
    fisher_exact,
    quantile,
    share,
    two_proportion_z,
)
from roleatlas.analyze.text import date_label, http_url

SCHEMA_VERSION = 1
FDR = 0.05
#: a difference is never called significant when the role with the higher share has fewer
#: postings naming the skill than this: it would rest on one or two postings
MIN_SEPARATING_COUNT = 3
#: the z-test is used only when every expected count of the 2×2 table is at least this;
#: otherwise Fisher's exact test
MIN_EXPECTED = 5
#: a skill is "to acquire" only when the target role's share is this much higher (and the
#: difference is significant, as in ``separating``)
MIN_ACQUIRE_DIFF = 0.05
DIFFERENCE_TEST = (
    "pooled two-proportion z-test, or Fisher's exact test when an expected count is below "
    f"{MIN_EXPECTED}; Benjamini–Hochberg q < {FDR} over every skill seen in either role; never "
    f"significant when the higher side has fewer than {MIN_SEPARATING_COUNT} postings naming it"
)
PAY_CHANGE_NOTE = (
    "This is the difference between the median pay of two groups of survey respondents, those "
    "in {to} roles and those in {frm} roles; it is not what one person gains by switching, since "
    "the groups also differ in experience, country and employer."
)
EMPLOYMENT_LABELS = {
    "full-time": "Full Time",
    "part-time": "Part Time",
    "contract": "Contract",
    "temporary": "Temporary",
    "internship": "Internship",
}
FEATURED_METHOD = (
    f"canonical postings with role confidence ≥ {FEATURED_MIN_CONFIDENCE}; complete cards "
    "(title, company, location, employment type, level) first, then score = 0.35 recency "
    "+ 0.25 pay shown (employer-stated 1, job-board estimate 0.5) + 0.2 role confidence; "
    f"one per employer, {FEATURED_PER_ROLE} per role"
)
SALARY_DIFF_METHOD = (
    "difference of medians (b − a) between two groups of respondents or postings, percentile "
    "bootstrap 95% interval, 1,000 resamples per side (survey: distinct answers resampled with "
    f"their exact repeats), seed {BOOTSTRAP_SEED} + cell; cells with fewer than {MIN_N} distinct "
    "records on either side suppressed"
)


def pair_key(a: str, b: str) -> str:
    """The canonical key of a pair: the two slugs sorted, joined by ``-vs-``."""
    first, second = sorted((a, b))
    return f"{first}-vs-{second}"


class ComparisonBuilder:
    """Builds every pair from the profiles; per-role work (rankings, bootstrap draws) is cached."""

    def __init__(
        self, agg: Aggregates, builder: ProfileBuilder, profiles: dict[str, dict[str, Any]]
    ):
        self.agg = agg
        self.pb = builder
        self.profiles = profiles
        self._featured: dict[str, list[dict[str, Any]]] = {}

    # -- salary ------------------------------------------------------------------------------
    def _boot(
        self, role: str, source: str, by: str | None, group: str | None
    ) -> tuple[float, list[float]]:
        xs = self.agg.salaries.sorted_values(source, role, by, group)
        return quantile(xs, 0.5) or 0.0, self.agg.salaries.medians(source, role, by, group)

    def salary_difference(
        self, a: str, b: str, source: str, by: str | None, group: str | None
    ) -> dict[str, Any]:
        na = len(self.agg.salaries.sorted_values(source, a, by, group))
        nb = len(self.agg.salaries.sorted_values(source, b, by, group))
        da = self.agg.salaries.distinct(source, a, by, group)
        db = self.agg.salaries.distinct(source, b, by, group)
        thin = min(na, nb, da, db) < MIN_N
        note = None
        if thin:
            note = f"not enough data (n={na} vs n={nb})"
            if (da, db) != (na, nb):
                note = f"not enough data (n={na} vs n={nb}; {da} and {db} distinct answers)"
        row: dict[str, Any] = {
            "source": source,
            "by": by,
            "group": group,
            "group_label": group_label(by, group),
            "n_a": na,
            "n_b": nb,
            "median_a": None,
            "median_b": None,
            "diff": None,
            "ci": None,
            "distinct_a": da,
            "distinct_b": db,
            "suppressed": thin,
            "note": note,
        }
        if row["suppressed"]:
            return row
        (ma, da), (mb, db) = self._boot(a, source, by, group), self._boot(b, source, by, group)
        diffs = sorted(y - x for x, y in zip(da, db, strict=True))
        row.update(
            median_a=round(ma, 1),
            median_b=round(mb, 1),
            diff=round(mb - ma, 1),
            ci=[round(quantile(diffs, 0.025) or 0, 1), round(quantile(diffs, 0.975) or 0, 1)],
        )
        return row

    def salaries(self, a: str, b: str) -> dict[str, Any]:
        rows = [
            self.salary_difference(a, b, s, None, None) for s in ("survey", "posted", "estimate")
        ]
        for level in EXPERIENCE_LABELS:
            rows.append(self.salary_difference(a, b, "survey", "experience_level", level))
        countries = _common_groups(self.agg, a, b, "country")[:5]
        rows += [self.salary_difference(a, b, "survey", "country", c) for c in countries]
        return {
            "a": self.profiles[a]["salaries"]["survey"],
            "b": self.profiles[b]["salaries"]["survey"],
            "difference": rows,
            "broader": {
                "a": _broader_slim(self.profiles[a]["salaries"].get("broader")),
                "b": _broader_slim(self.profiles[b]["salaries"].get("broader")),
            },
            "method": SALARY_DIFF_METHOD,
            "links": {"a": f"/salaries/{a}", "b": f"/salaries/{b}"},
        }

    # -- skills ------------------------------------------------------------------------------
    def skills(self, a: str, b: str) -> dict[str, Any]:
        ia = {it["skill"]: it for it in self.pb.skill_items(a)}
        ib = {it["skill"]: it for it in self.pb.skill_items(b)}
        na, nb = self.pb.n(a), self.pb.n(b)
        names = sorted(set(ia) | set(ib))
        tests = []
        for s in names:
            xa = ia[s]["count"] if s in ia else 0
            xb = ib[s]["count"] if s in ib else 0
            z, p = difference_test(xa, na, xb, nb)
            tests.append((s, xa, xb, z, p))
        qs = benjamini_hochberg([t[4] for t in tests]) if tests else []
        separating = []
        for (s, xa, xb, z, p), q in zip(tests, qs, strict=True):
            higher = xb if z > 0 else xa
            if q >= FDR or higher < MIN_SEPARATING_COUNT:
                continue
            meta = ia.get(s) or ib[s]
            separating.append(
                {
                    "skill": s,
                    "label": meta["label"],
                    "category": meta["category"],
                    "a": share(xa, na),
                    "b": share(xb, nb),
                    "diff": round(xb / nb - xa / na, 4),
                    "z": round(z, 2),
                    "p": float(f"{p:.3g}"),
                    "q": float(f"{q:.3g}"),
                    "favours": b if z > 0 else a,
                }
            )
        separating.sort(key=lambda r: -abs(r["diff"]))
        shared = sorted(
            (s for s in set(ia) & set(ib) if ia[s]["share"] >= 0.1 and ib[s]["share"] >= 0.1),
            key=lambda s: (-(ia[s]["share"] + ib[s]["share"]), s),  # ties by name: stable runs
        )
        top_a = self._both(_trim(self.profiles[a]["skills"]["top"][:12]), ia, ib, na, nb)
        top_b = self._both(_trim(self.profiles[b]["skills"]["top"][:12]), ia, ib, na, nb)
        chart = {it["skill"]: it for it in top_a + top_b}
        return {
            "a": {"basis": self.pb.basis(a), "top": top_a},
            "b": {"basis": self.pb.basis(b), "top": top_b},
            "chart": {
                "items": sorted(
                    (
                        {k: it[k] for k in ("skill", "label", "category", "a", "b")}
                        for it in chart.values()
                    ),
                    key=lambda it: (-max(it["a"]["count"], it["b"]["count"]), it["skill"]),
                ),
                "note": (
                    "every skill in either role's top list with both roles' shares; a skill no "
                    "posting of a role mentions has count 0 for that role"
                ),
            },
            "overlap": {
                "weighted_jaccard": self.pb.similarity.get((a, b), 0.0),
                "n_a": na,
                "n_b": nb,
                "method": "Σ min(share) / Σ max(share) over every skill of either role",
            },
            "shared": [
                {"skill": s, "label": ia[s]["label"], "a": _slim(ia[s]), "b": _slim(ib[s])}
                for s in shared[:12]
            ],
            "separating": separating[:20],
            "test": f"{DIFFERENCE_TEST} ({len(tests)} tests)",
        }

    def _both(
        self,
        items: list[dict[str, Any]],
        ia: dict[str, dict[str, Any]],
        ib: dict[str, dict[str, Any]],
        na: int,
        nb: int,
    ) -> list[dict[str, Any]]:
        """Skill items with both roles' shares added as ``a`` and ``b`` (count 0 when absent)."""
        return [
            {
                **it,
                "a": _slim(ia[it["skill"]]) if it["skill"] in ia else share(0, na),
                "b": _slim(ib[it["skill"]]) if it["skill"] in ib else share(0, nb),
            }
            for it in items
        ]

    def tools(self, a: str, b: str) -> dict[str, Any]:
        ia = {it["skill"]: it for it in self.pb.skill_items(a)}
        ib = {it["skill"]: it for it in self.pb.skill_items(b)}
        na, nb = self.pb.n(a), self.pb.n(b)
        out = {}
        for side, slug in (("a", a), ("b", b)):
            t = _trim_tools(self.profiles[slug]["tools"])
            t["by_category"] = {
                g: self._both(items, ia, ib, na, nb) for g, items in t["by_category"].items()
            }
            out[side] = t
        return out

    # -- featured jobs -----------------------------------------------------------------------
    def featured(self, role: str) -> list[dict[str, Any]]:
        """The role's best job cards, one per employer, best first (cached per role)."""
        if role not in self._featured:
            self._featured[role] = [
                {**_job_card(p, role, 0.0), "score": score}
                for score, p in self.agg.featured.get(role, [])
            ]
        return self._featured[role]

    def featured_pair(self, a: str, b: str) -> list[dict[str, Any]]:
        """Cards of both roles interleaved, three each, no employer or posting twice."""
        seen_companies: set[str] = set()
        seen_ids: set[str] = set()
        picked: dict[str, list[dict[str, Any]]] = {a: [], b: []}
        queues = {a: list(self.featured(a)), b: list(self.featured(b))}
        while any(queues.values()):
            for role in (a, b):
                while queues[role] and len(picked[role]) < FEATURED_PER_ROLE:
                    card = queues[role].pop(0)
                    company = (card["company"] or card["posting_id"]).casefold()
                    if company in seen_companies or card["posting_id"] in seen_ids:
                        continue
                    seen_companies.add(company)
                    seen_ids.add(card["posting_id"])
                    picked[role].append(card)
                    break
                if len(picked[role]) >= FEATURED_PER_ROLE:
                    queues[role] = []
        pa, pb = picked[a], picked[b]
        return (
            [j for pair in zip(pa, pb, strict=False) for j in pair] + pa[len(pb) :] + pb[len(pa) :]
        )

    # -- transitions -------------------------------------------------------------------------
    def plan(
        self,
        src: str,
        dst: str,
        salary_rows: list[dict[str, Any]],
        separating: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """The plan from ``src`` to ``dst``.

        Skills to acquire are those whose share is significantly higher in ``dst`` (the pair's
        ``separating`` test) by at least ``MIN_ACQUIRE_DIFF``; skills you keep are those both
        roles name in at least 20% of postings and that are not to acquire: never both.
        """
        if separating is None:
            separating = self.skills(*sorted((src, dst)))["separating"]
        isrc = {it["skill"]: it for it in self.pb.skill_items(src)}
        idst = self.pb.skill_items(dst)
        clearly_higher = {
            r["skill"]
            for r in separating
            if r["favours"] == dst
            and r[_side(src, dst, dst)]["share"] is not None
            and (r[_side(src, dst, dst)]["share"] or 0) - (r[_side(src, dst, src)]["share"] or 0)
            >= MIN_ACQUIRE_DIFF
        }
        acquire = []
        for it in idst:
            if it["kind"] == "soft" or it["skill"] not in clearly_higher:
                continue
            s_share = isrc[it["skill"]]["share"] if it["skill"] in isrc else 0.0
            score = it["share"] * (1 - (s_share or 0.0))
            acquire.append(
                {
                    "skill": it["skill"],
                    "label": it["label"],
                    "category": it["category"],
                    "target": _slim(it),
                    "source": _slim(isrc[it["skill"]])
                    if it["skill"] in isrc
                    else share(0, self.pb.n(src)),
                    "score": round(score, 4),
                }
            )
        acquire.sort(key=lambda r: (-r["score"], r["skill"]))
        keep = [
            {
                "skill": it["skill"],
                "label": it["label"],
                "target": _slim(it),
                "source": _slim(isrc[it["skill"]]),
            }
            for it in idst
            if it["skill"] in isrc
            and it["skill"] not in clearly_higher
            and it["share"] >= 0.2
            and isrc[it["skill"]]["share"] >= 0.2
        ][:8]
        ps, pd_ = self.profiles[src], self.profiles[dst]
        ys, yd = ps["experience"]["years_min"], pd_["experience"]["years_min"]
        overall = next(r for r in salary_rows if r["source"] == "survey" and r["by"] is None)
        change = dict(overall)
        if src != min(src, dst) and not change["suppressed"]:  # stored rows are b − a
            change.update(
                median_a=overall["median_b"],
                median_b=overall["median_a"],
                n_a=overall["n_b"],
                n_b=overall["n_a"],
                diff=-overall["diff"],
                ci=[-overall["ci"][1], -overall["ci"][0]],
            )
        names = self.agg.roles[src].name, self.agg.roles[dst].name
        diff_years = (
            round(yd["p50"] - ys["p50"], 2)
            if ys["p50"] is not None and yd["p50"] is not None
            else None
        )
        change["label"] = "Difference in median pay between the two groups (survey)"
        change["note"] = PAY_CHANGE_NOTE.format(frm=names[0], to=names[1])
        return {
            "from": src,
            "to": dst,
            "skills_to_acquire": [r for r in acquire if r["score"] > 0][:10],
            "skills_to_keep": keep,
            "experience": {
                "from": ys,
                "to": yd,
                "median_diff_years": diff_years,
                "text": experience_text(names[0], names[1], ys, yd),
            },
            "degree": {
                "from_usual": (ps["education"]["degree_min"] or [None])[0],
                "to_usual": (pd_["education"]["degree_min"] or [None])[0],
            },
            "salary_change": change,
            "bridging_postings": self.bridging(src, dst),
            "method": (
                "to acquire: skills the target role names significantly more often "
                f"({DIFFERENCE_TEST}) and by at least {MIN_ACQUIRE_DIFF:.0%} points, ranked by "
                "target share × (1 − source share); you keep: skills both roles name in at least "
                "20% of postings, never one to acquire; bridging = postings of either role "
                "covering the most of both roles' top-20 skills"
            ),
        }

    def bridging(self, a: str, b: str) -> list[dict[str, Any]]:
        """Postings of either role covering the most of both roles' top-20 skills (``jobs.py``)."""
        first, second = sorted((a, b))
        return [
            {
                "posting_id": r["posting_id"],
                "title": r["title"],
                "company": r["company"],
                "role": r["role"],
                "skills_from": r["skills_a"] if a == first else r["skills_b"],
                "skills_to": r["skills_b"] if a == first else r["skills_a"],
            }
            for r in self.agg.bridging.get((first, second), [])
        ]

    # -- the whole comparison ----------------------------------------------------------------
    def build(self, a: str, b: str, *, built_at: str) -> dict[str, Any]:
        a, b = sorted((a, b))
        pa, pb = self.profiles[a], self.profiles[b]
        salaries = self.salaries(a, b)
        skills = self.skills(a, b)
        thin = [
            f"{p['name']}: {p['basis']['postings']['n']} postings"
            for p in (pa, pb)
            if p["thin"]["postings"]
        ]
        related = self._related(a, b)
        return {
            "kind": "comparison",
            "schema_version": SCHEMA_VERSION,
            "key": pair_key(a, b),
            "a": _head(pa),
            "b": _head(pb),
            "title": f"{pa['name']} vs. {pb['name']}",
            "updated": built_at[:10],
            "window": pa.get("window") or {},
            "trends": {"a": pa["demand"].get("trend"), "b": pb["demand"].get("trend")},
            "leadership_family": {
                "a": pa.get("leadership_family"),
                "b": pb.get("leadership_family"),
            },
            "thin": {
                "a": pa["thin"]["postings"],
                "b": pb["thin"]["postings"],
                "note": (
                    f"Thin data (fewer than {THIN_POSTINGS} postings): "
                    + "; ".join(thin)
                    + "."
                    + "".join(
                        f" {p['name']}: the pooled figures of the leadership family "
                        f"({p['leadership_family']['basis']['n']} postings) are shown beside "
                        "its own, labelled as the family's."
                        for p in (pa, pb)
                        if p.get("leadership_family")
                    )
                    if thin
                    else None
                ),
            },
            "definitions": {"a": pa["definition"], "b": pb["definition"]},
            "responsibilities": {"a": _top_resp(pa), "b": _top_resp(pb)},
            "skills": skills,
            "education": {
                "a": {"education": pa["education"], "experience": pa["experience"]},
                "b": {"education": pb["education"], "experience": pb["experience"]},
            },
            "tools": self.tools(a, b),
            "industries": {"a": pa["industries"], "b": pb["industries"]},
            "outlook": {"a": pa["outlook"], "b": pb["outlook"]},
            "tips": {"a": _trim(pa["tips"]), "b": _trim(pb["tips"])},
            "salaries": salaries,
            "featured_jobs": {
                "basis": {
                    "n": pa["basis"]["postings"]["n"] + pb["basis"]["postings"]["n"],
                    "unit": "postings",
                    "date_range": _union_range(pa["basis"]["postings"], pb["basis"]["postings"]),
                    "sources": sorted(
                        set(pa["basis"]["postings"]["sources"])
                        | set(pb["basis"]["postings"]["sources"])
                    ),
                },
                "items": self.featured_pair(a, b),
                "method": FEATURED_METHOD,
            },
            "related": {"comparisons": related, "a": pa["related"], "b": pb["related"]},
            "transition": {
                "a_to_b": self.plan(a, b, salaries["difference"], skills["separating"]),
                "b_to_a": self.plan(b, a, salaries["difference"], skills["separating"]),
            },
        }

    def _related(self, a: str, b: str, *, limit: int = 6) -> list[dict[str, Any]]:
        out, seen = [], {pair_key(a, b)}
        for x, y in ((a, b), (b, a)):
            for r in self.profiles[y]["related"]["by_skills"]:
                if r["slug"] == x:
                    continue
                key = pair_key(x, r["slug"])
                if key in seen:
                    continue
                seen.add(key)
                first, second = sorted((x, r["slug"]))
                out.append(
                    {
                        "key": key,
                        "title": f"{self.agg.roles[first].name} vs. {self.agg.roles[second].name}",
                        "similarity": self.pb.similarity.get((x, r["slug"]), 0.0),
                    }
                )
        out.sort(key=lambda r: (-r["similarity"], r["key"]))
        return out[:limit]


def difference_test(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """``(z, two-sided p)`` of x1/n1 vs x2/n2: the z-test when every expected count is at least
    ``MIN_EXPECTED``, else Fisher's exact p (z then only gives the direction)."""
    z, p = two_proportion_z(x1, n1, x2, n2)
    k, n = x1 + x2, n1 + n2
    if n and min(k, n - k) * min(n1, n2) / n < MIN_EXPECTED:
        p = fisher_exact(x1, n1, x2, n2)
    return z, p


def _side(a: str, b: str, role: str) -> str:
    """Which side (``a``/``b``) of the sorted pair of ``a`` and ``b`` a role is on."""
    return "a" if role == min(a, b) else "b"


def experience_text(
    src_name: str, dst_name: str, ys: dict[str, Any], yd: dict[str, Any]
) -> str | None:
    """The experience difference in words ("… postings ask for about 4 more years")."""
    if ys.get("p50") is None or yd.get("p50") is None:
        return None
    diff = yd["p50"] - ys["p50"]
    basis = (
        f"median of the minimum years stated: {yd['p50']:g} in {yd['n']} {dst_name} postings, "
        f"{ys['p50']:g} in {ys['n']} {src_name} postings"
    )
    years = round(abs(diff))
    if years == 0:
        return f"{dst_name} postings ask for about the same experience as {src_name} postings ({basis})."
    more = "more" if diff > 0 else "fewer"
    unit = "year" if years == 1 else "years"
    return f"{dst_name} postings ask for about {years} {more} {unit} of experience than {src_name} postings ({basis})."


def _broader_slim(b: dict[str, Any] | None) -> dict[str, Any] | None:
    if not b:
        return None
    keep = ("slug", "name", "path", "own_n", "own_distinct", "note", "link")
    return {k: b[k] for k in keep} | {"cell": overall_cell(b["survey"], "survey")}


def _common_groups(agg: Aggregates, a: str, b: str, by: str) -> list[str]:
    ga, gb = agg.salaries.groups("survey", a, by), agg.salaries.groups("survey", b, by)
    both = [(g, min(len(ga[g]), len(gb[g]))) for g in set(ga) & set(gb) if g is not None]
    dist = agg.salaries.distinct
    both = [
        (g, n)
        for g, n in both
        if n >= MIN_N and min(dist("survey", a, by, g), dist("survey", b, by, g)) >= MIN_N
    ]
    return [g for g, _ in sorted(both, key=lambda gc: (-gc[1], gc[0]))]


_HEAVY = frozenset({"example_posting_ids", "required_share"})


def _trim(value: Any) -> Any:
    """A profile part without the per-item posting lists (the profile keeps them)."""
    if isinstance(value, dict):
        return {k: _trim(v) for k, v in value.items() if k not in _HEAVY}
    if isinstance(value, list):
        return [_trim(v) for v in value]
    return value


def _trim_tools(tools: dict[str, Any]) -> dict[str, Any]:
    return {
        "basis": tools["basis"],
        "by_category": {g: _trim(items[:6]) for g, items in tools["by_category"].items()},
    }


def _slim(item: dict[str, Any]) -> dict[str, Any]:
    return {k: item[k] for k in ("count", "n", "share", "ci")}


def _head(profile: dict[str, Any]) -> dict[str, Any]:
    return {
        "slug": profile["slug"],
        "name": profile["name"],
        "n_postings": profile["basis"]["postings"]["n"],
        "n_survey": profile["basis"]["survey"]["n"],
    }


def _top_resp(profile: dict[str, Any]) -> dict[str, Any]:
    r = profile["responsibilities"]
    return {**r, "items": r["items"][:8]}


def _union_range(x: dict[str, Any], y: dict[str, Any]) -> list[str] | None:
    ranges = [r for r in (x.get("date_range"), y.get("date_range")) if r]
    if not ranges:
        return None
    return [min(r[0] for r in ranges), max(r[1] for r in ranges)]


def salary_band(low: float | None, high: float | None) -> str | None:
    """``"USD 100K - 130K"`` from annual USD bounds; ``"USD 150K+"`` or ``"Up to USD 130K"``
    when one side is missing; ``None`` when pay is unknown."""
    if low is None and high is None:
        return None
    if high is None:
        return f"USD {round(low / 1000)}K+"  # type: ignore[operator]
    if low is None:
        return f"Up to USD {round(high / 1000)}K"
    if round(low / 1000) == round(high / 1000):
        return f"USD {round(low / 1000)}K"
    return f"USD {round(low / 1000)}K - {round(high / 1000)}K"


def _job_card(p: dict[str, Any], role: str, score: float) -> dict[str, Any]:
    level = p.get("experience_level")
    bounds = [v for v in (p["annual_min_usd"], p["annual_max_usd"]) if v is not None]
    plausible = all(PLAUSIBLE_PAY[0] <= v <= PLAUSIBLE_PAY[1] for v in bounds)
    band = salary_band(p["annual_min_usd"], p["annual_max_usd"]) if plausible else None
    return {
        "posting_id": p["posting_id"],
        "role": role,
        "title": p["title"],
        "company": p["company"],
        "location": p["location"],
        "employment_type": p["employment_type"],
        "employment_type_label": EMPLOYMENT_LABELS.get(p["employment_type"] or "", "Not stated"),
        "seniority": p["seniority"],
        "experience_label": EXPERIENCE_LABELS.get(level or "")
        or SENIORITY_LABELS.get(p["seniority"] or ""),
        "salary_band": band,
        "salary_source": None
        if band is None
        else ("estimate" if p["salary_is_estimate"] else "posted"),
        "posted_on": p["posted_on"],
        "date_kind": p["date_kind"],
        "date_precision": p["date_precision"],
        "scraped_on": p["scraped_on"],
        "date_label": date_label(p),
        "url": http_url(p["url"]),
        "score": score,
    }
