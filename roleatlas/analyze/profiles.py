"""Role profiles: what the postings, the survey and the official sources say about one role.

Every figure carries its n, date range and sources (a ``basis``); a role with few postings is
shown with its n and a ``thin`` flag rather than hidden or padded. Shapes: docs/DATA_SHAPES.md.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from roleatlas.analyze import text
from roleatlas.analyze.aggregates import Aggregates, RoleInfo, soc
from roleatlas.analyze.keys import FAMILY, LEADERSHIP_FAMILY
from roleatlas.analyze.outlook import outlook_section
from roleatlas.analyze.responsibilities import METHOD as RESPONSIBILITY_METHOD
from roleatlas.analyze.responsibilities import MIN_TASK_SIMILARITY, role_responsibilities
from roleatlas.analyze.salaries import MIN_N, overall_cell, salary_stats_from
from roleatlas.analyze.stats import describe_counts, log_odds_dirichlet, share, weighted_jaccard

THIN_POSTINGS = 30
FAMILY_NAME = "Data and ML leadership (pooled)"
SCHEMA_VERSION = 1
NON_TOOL_CATEGORIES = frozenset(
    {
        "method",
        "certification",
        "soft skill",
        "software practice",
        "methodology",
        "data architecture",
        "programming technique",
        "testing",
        "software architecture",
        "security",
        "data governance",
    }
)
TOOL_GROUPS = {
    "Languages": {"programming language", "query language", "scripting language"},
    "Statistical software": {"statistical software"},
    "Frameworks and libraries": {
        "ml library",
        "deep learning framework",
        "data library",
        "visualization library",
        "nlp library",
        "statistics library",
        "web framework",
        "llm framework",
        "forecasting library",
        "computer vision library",
    },
    "Data tools": {
        "database",
        "nosql database",
        "data warehouse",
        "big data",
        "data integration",
        "orchestration",
        "streaming",
        "query engine",
        "data lake",
        "data transformation",
        "data format",
        "vector database",
        "graph database",
        "data platform",
        "search engine",
        "data quality",
        "cloud storage",
    },
    "Cloud and deployment": {
        "cloud platform",
        "cloud service",
        "mlops",
        "ml platform",
        "devops",
        "observability",
        "llm platform",
        "gpu computing",
        "infrastructure",
        "operating system",
        "version control",
        "build tool",
        "testing tool",
    },
    "BI and analytics": {
        "bi tool",
        "visualization tool",
        "spreadsheet",
        "web analytics",
        "product analytics",
        "analytics platform",
        "experimentation tool",
        "gis",
    },
    "Productivity and project tools": {
        "office software",
        "project management tool",
        "document tool",
        "notebook",
        "ide",
        "erp",
        "crm",
        "automation",
    },
}
_TOOL_GROUP_OF = {cat: group for group, cats in TOOL_GROUPS.items() for cat in cats}


def tool_group(category: str | None) -> str | None:
    """The tools-section heading of a skill category; ``None`` when it is not a tool."""
    if not category or category in NON_TOOL_CATEGORIES:
        return None
    return _TOOL_GROUP_OF.get(category, "Other tools")


class ProfileBuilder:
    """Builds every profile from one ``Aggregates``; similarity is computed once for all roles."""

    def __init__(self, agg: Aggregates) -> None:
        self.agg = agg
        self.vectors = {slug: self.skill_vector(slug) for slug in agg.roles}
        self.similarity: dict[tuple[str, str], float] = {}
        slugs = list(agg.roles)
        for i, a in enumerate(slugs):
            for b in slugs[i + 1 :]:
                s = weighted_jaccard(self.vectors[a], self.vectors[b])
                self.similarity[(a, b)] = self.similarity[(b, a)] = round(s, 4)
        self.skill_items_cache: dict[str, list[dict[str, Any]]] = {}

    # -- shared pieces -----------------------------------------------------------------------
    def n(self, slug: str) -> int:
        return int(self.agg.basis.get(slug, {}).get("n", 0))

    def basis(self, slug: str) -> dict[str, Any]:
        b = self.agg.basis.get(slug) or {
            "n": 0,
            "unit": "postings",
            "date_range": None,
            "sources": [],
        }
        return {**b, "thin": b["n"] < THIN_POSTINGS}

    def survey_basis(self, slug: str) -> dict[str, Any]:
        b = self.agg.survey_basis.get(slug) or {
            "n": 0,
            "distinct": 0,
            "unit": "survey records",
            "date_range": None,
            "sources": ["ai-jobs.net"],
        }
        return {**b, "thin": b["n"] < 10}

    def skill_vector(self, slug: str) -> dict[str, float]:
        n = self.n(slug)
        if not n:
            return {}
        return {r["skill"]: r["count"] / n for r in self.agg.skills.get(slug, [])}

    def skill_items(self, slug: str) -> list[dict[str, Any]]:
        """Every skill of a role as a share item, most frequent first."""
        if slug in self.skill_items_cache:
            return self.skill_items_cache[slug]
        n = self.n(slug)
        hot = self.agg.onet.get("hot", {})
        items = []
        for r in self.agg.skills.get(slug, []):
            flag = hot.get(r["skill"].casefold())
            items.append(
                share(
                    int(r["count"]),
                    n,
                    skill=r["skill"],
                    label=r["skill"],
                    category=r["category"],
                    kind=r["kind"] or "hard",
                )
                | {
                    # stated as required: of the role's postings (beside the share mentioning it)
                    "required": share(int(r["required"] or 0), n),
                    "required_share": round(r["required"] / r["count"], 4) if r["count"] else None,
                    "hot_technology": bool(flag["hot"]) if flag else None,
                    "example_posting_ids": list(r["examples"] or []),
                }
            )
        self.skill_items_cache[slug] = items
        return items

    def shares(
        self, slug: str, column: str, *, n: int | None = None, limit: int = 12
    ) -> list[dict[str, Any]]:
        denom = self.n(slug) if n is None else n
        rows = self.agg.columns.get(column, {}).get(slug, [])
        return [
            share(int(r["count"]), denom, value=r["value"], label=str(r["value"]))
            for r in rows[:limit]
        ]

    # -- sections ----------------------------------------------------------------------------
    def definition(self, role: RoleInfo) -> dict[str, Any]:
        occ = self.agg.onet.get("occupations", {})
        return {
            "text": role.definition,
            "source": "RoleAtlas taxonomy",
            "onet": [
                {"code": c, "title": occ[c]["title"], "description": occ[c]["description"]}
                for c in role.onet_codes
                if c in occ
            ],
            "esco_uris": list(role.esco_uris),
            "broader": role.broader,
        }

    def responsibilities(self, role: RoleInfo, *, limit: int = 12) -> dict[str, Any]:
        n = self.n(role.slug)
        tasks = [t for c in role.onet_codes for t in self.agg.onet.get("tasks", {}).get(c, [])]
        found = self.agg.responsibilities.get(role.slug) or role_responsibilities([])
        items = found["items"][:limit]
        fallback = n < THIN_POSTINGS or len(items) < 3
        occ = self.agg.onet.get("occupations", {})
        if fallback:
            # the primary occupation's core tasks, labelled as that occupation's
            primary = role.onet_codes[0] if role.onet_codes else None
            own = [t for t in tasks if t["code"] == primary]
            core = [t for t in own if (t.get("task_type") or "").lower() == "core"] or own
        else:
            # only tasks paired with one of the role's own duty themes
            paired = {(it["onet_task"] or {}).get("task_id") for it in items}
            core = [t for t in tasks if t["task_id"] in paired]
        return {
            "basis": self.basis(role.slug),
            "items": items,
            "n_read": found["n_read"],
            "statement_groups": found["statement_groups"],
            "coverage": found["coverage"],
            "method": RESPONSIBILITY_METHOD,
            "onet_core_tasks": [
                {
                    "code": t["code"],
                    "task_id": t["task_id"],
                    "task": t["task"],
                    "label": f"O*NET task of {(occ.get(t['code']) or {}).get('title', t['code'])}",
                }
                for t in core[:8]
            ],
            "onet_tasks_rule": (
                "O*NET tasks are shown only when paired with one of the role's duty themes "
                "(similarity at least "
                f"{MIN_TASK_SIMILARITY}, from the role's own mapped occupations); a thin role shows "
                "the core tasks of its primary occupation, labelled as that occupation's"
            ),
            "fallback": fallback,
            "note": _responsibility_note(n, len(items)) if fallback else None,
        }

    def skills(self, role: RoleInfo) -> dict[str, Any]:
        items = self.skill_items(role.slug)
        by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for it in items:
            by_category[it["category"] or "other"].append(it)
        counts_i = {r["skill"]: r["count"] for r in self.agg.skills.get(role.slug, [])}
        totals = self.agg.skill_totals
        counts_j = {k: v - counts_i.get(k, 0) for k, v in totals.items()}
        lo = log_odds_dirichlet(counts_i, counts_j, totals)
        index = {it["skill"]: it for it in items}
        distinctive = [
            {
                "skill": s,
                "label": s,
                "category": index[s]["category"],
                "log_odds": round(d, 3),
                "z": round(z, 2),
                "count": index[s]["count"],
                "n": index[s]["n"],
                "share": index[s]["share"],
            }
            for s, (d, z) in sorted(lo.items(), key=lambda kv: (-kv[1][1], kv[0]))
            if s in index and z > 1.96 and d > 0
        ][:15]
        return {
            "basis": self.basis(role.slug),
            "top": [it for it in items if it["kind"] == "hard"][:20],
            "by_category": {k: v[:15] for k, v in by_category.items()},
            "soft": [it for it in items if it["kind"] == "soft"][:10],
            "certifications": [it for it in items if it["kind"] == "certification"][:10],
            "distinctive": distinctive,
            "title": "Skills in postings: mentioned, and stated as required",
            "method": (
                "share of canonical postings mentioning the skill, and share stating it as required "
                "(a 'required'/'must have' sentence or list; the rest mention it as a plus, a "
                "tool in use or without saying) (Wilson 95% intervals); "
                "distinctive = weighted log-odds with informative Dirichlet prior "
                "(Monroe et al. 2008), role vs all other postings, z > 1.96"
            ),
        }

    def tools(self, role: RoleInfo) -> dict[str, Any]:
        groups: dict[str, list[dict[str, Any]]] = {}
        for it in self.skill_items(role.slug):
            group = tool_group(it["category"])
            if group:
                groups.setdefault(group, []).append(it)
        order = list(TOOL_GROUPS) + ["Other tools"]
        return {
            "basis": self.basis(role.slug),
            "by_category": {g: groups[g][:10] for g in order if g in groups},
        }

    def education(self, role: RoleInfo) -> dict[str, Any]:
        n = self.n(role.slug)
        degree_rows = self.agg.columns.get("degree_min", {}).get(role.slug, [])
        stated = sum(int(r["count"]) for r in degree_rows)
        onet = []
        for c in role.onet_codes:
            for r in self.agg.onet.get("education", {}).get(c, [])[:4]:
                onet.append(
                    {
                        "code": c,
                        "category": r["category"],
                        "label": r["label"],
                        "share": round(r["pct"] / 100, 4),
                    }
                )
        zone = next(
            (
                self.agg.onet["job_zones"][c]
                for c in role.onet_codes
                if c in self.agg.onet.get("job_zones", {})
            ),
            None,
        )
        return {
            "basis": self.basis(role.slug),
            "degree_min": self.shares(role.slug, "degree_min"),
            "degree_preferred": self.shares(role.slug, "degree_preferred"),
            "fields_of_study": self.shares(role.slug, "fields_of_study"),
            "stated": share(stated, n, value="any degree stated", label="any degree stated"),
            "onet": onet,
            "job_zone": dict(zone) if zone else None,
        }

    def experience(self, role: RoleInfo) -> dict[str, Any]:
        years = self.agg.years.get(role.slug, {"min": [], "max": []})
        years_min = describe_counts(years["min"])
        return {
            "basis": self.basis(role.slug),
            "stated": share(
                int(years_min["n"] or 0),
                self.n(role.slug),
                value="years stated",
                label="years stated",
            ),
            "years_min": _rounded(years_min),
            "years_max": _rounded(describe_counts(years["max"])),
        }

    def family(self, role: RoleInfo) -> dict[str, Any] | None:
        """The leadership family's pooled figures, for a leadership role too thin on its own.

        Labelled as the family's everywhere it is shown, beside the role's own n; never merged
        into the role's own figures.
        """
        if role.slug not in LEADERSHIP_FAMILY or self.n(role.slug) >= THIN_POSTINGS:
            return None
        if self.n(FAMILY) < THIN_POSTINGS:
            return None
        pooled = RoleInfo(
            slug=FAMILY, name=FAMILY_NAME, family="leadership", definition=None,
            onet_codes=(), esco_uris=(), broader=None,
        )  # fmt: skip
        members = [self.agg.roles[r].name for r in LEADERSHIP_FAMILY if r in self.agg.roles]
        skills = self.skills(pooled)
        return {
            "name": FAMILY_NAME,
            "roles": members,
            "own_n": self.n(role.slug),
            "basis": self.basis(FAMILY),
            "note": (
                f"Only {self.n(role.slug)} {role.name} postings in the recent window: the figures "
                f"below are those of the {self.n(FAMILY)} postings of the whole leadership family "
                f"({', '.join(members)}), not of {role.name} alone."
            ),
            "skills": {"top": skills["top"][:10], "soft": skills["soft"][:5]},
            "education": self.education(pooled),
            "experience": self.experience(pooled),
            "seniority": self.shares(FAMILY, "seniority"),
        }

    def broader_pay(self, role: RoleInfo) -> dict[str, Any] | None:
        """The survey pay of the closest broader role, when this role's own cell is too thin.

        Walks the taxonomy's ``broader`` links up from the role and takes the first role whose
        overall survey cell is shown (``MIN_N`` distinct records). Labelled as that role's
        everywhere; never merged into this role's own figures.
        """
        own = overall_cell(salary_stats_from(self.agg.salaries, role.slug), "survey")
        if own is not None and not own["suppressed"]:
            return None
        chain, slug = [role.slug], role.broader
        while slug and slug in self.agg.roles and slug not in chain:
            chain.append(slug)
            stats = salary_stats_from(self.agg.salaries, slug)
            cell = overall_cell(stats, "survey")
            if cell is not None and not cell["suppressed"]:
                broader = self.agg.roles[slug]
                path = " → ".join(self.agg.roles[s].name for s in chain)
                own_n = own["n"] if own else 0
                own_distinct = own.get("distinct", own_n) if own else 0
                return {
                    "slug": slug,
                    "name": broader.name,
                    "path": [self.agg.roles[s].name for s in chain],
                    "own_n": own_n,
                    "own_distinct": own_distinct,
                    "survey": stats,
                    "by_experience_level": salary_stats_from(
                        self.agg.salaries, slug, by="experience_level"
                    ),
                    "link": f"/salaries/{slug}",
                    "note": (
                        f"{role.name} has {own_n} survey records ({own_distinct} distinct), fewer "
                        f"than the {MIN_N} distinct records a figure needs. The survey pay shown "
                        f"is that of {broader.name}, the closest broader role in the RoleAtlas "
                        f"taxonomy ({path}), not of {role.name}."
                    ),
                }
            slug = self.agg.roles[slug].broader
        return None

    def seniority(self, role: RoleInfo) -> dict[str, Any]:
        sb = self.survey_basis(role.slug)
        return {
            "postings": {
                "basis": self.basis(role.slug),
                "items": self.shares(role.slug, "seniority"),
            },
            "survey": {
                "basis": sb,
                "items": self.shares(role.slug, "survey_experience_level", n=sb["n"]),
            },
        }

    def related(self, role: RoleInfo, *, limit: int = 6) -> dict[str, Any]:
        others = [
            {
                "slug": o,
                "name": self.agg.roles[o].name,
                "similarity": self.similarity[(role.slug, o)],
                "n": self.n(role.slug),
                "n_other": self.n(o),
            }
            for o in self.agg.roles
            if o != role.slug and self.similarity.get((role.slug, o), 0) > 0
        ]
        others.sort(key=lambda r: (-r["similarity"], r["slug"]))
        code_roles: dict[str, list[str]] = defaultdict(list)
        for r in self.agg.roles.values():
            for c in r.onet_codes:
                code_roles[c].append(r.slug)
        onet = []
        for c in role.onet_codes:
            for r in self.agg.onet.get("related", {}).get(c, [])[:8]:
                onet.append(
                    {
                        "code": c,
                        "related_code": r["related_code"],
                        "related_title": r["related_title"],
                        "tier": r["tier"],
                        "rank": r["rank"],
                        "roles": [
                            s for s in code_roles.get(r["related_code"], []) if s != role.slug
                        ],
                    }
                )
        return {
            "by_skills": others[:limit],
            "onet": onet,
            "method": "weighted Jaccard of skill-share vectors (Σ min / Σ max)",
        }

    def demand(self, role: RoleInfo) -> dict[str, Any]:
        return {
            "postings_by_month": [
                {"month": r["month"], "count": int(r["count"])}
                for r in self.agg.months.get(role.slug, [])
            ],
            "survey_by_year": [
                {
                    "year": int(r["year"]),
                    "records": int(r["records"]),
                    "distinct": int(r["distinct"]),
                }
                for r in self.agg.survey_years.get(role.slug, [])
            ],
            "trend": self.agg.trends.get(role.slug),
            "basis": {"postings": self.basis(role.slug), "survey": self.survey_basis(role.slug)},
        }

    # -- the whole profile -------------------------------------------------------------------
    def build(self, slug: str, *, built_at: str) -> dict[str, Any]:
        role = self.agg.roles[slug]
        basis, sbasis = self.basis(slug), self.survey_basis(slug)
        salary_global = salary_stats_from(self.agg.salaries, slug)
        profile: dict[str, Any] = {
            "kind": "profile",
            "schema_version": SCHEMA_VERSION,
            "slug": slug,
            "name": role.name,
            "family": role.family,
            "built_at": built_at,
            "window": self.agg.window,
            "basis": {"postings": basis, "survey": sbasis},
            "thin": {
                "postings": basis["thin"],
                "survey": sbasis["thin"],
                "note": _thin_note(role.name, basis, sbasis),
            },
            "definition": self.definition(role),
            "responsibilities": self.responsibilities(role),
            "skills": self.skills(role),
            "tools": self.tools(role),
            "education": self.education(role),
            "experience": self.experience(role),
            "industries": {
                "basis": basis,
                "items": [i for i in self.shares(slug, "industry") if i["value"] != "unknown"],
                "unknown": next(
                    (
                        int(r["count"])
                        for r in self.agg.columns.get("industry", {}).get(slug, [])
                        if r["value"] == "unknown"
                    ),
                    0,
                ),
            },
            "seniority": self.seniority(role),
            "salaries": {
                "survey": salary_global,
                "by_experience_level": salary_stats_from(
                    self.agg.salaries, slug, by="experience_level"
                ),
                "by_country": salary_stats_from(self.agg.salaries, slug, by="country"),
                "link": f"/salaries/{slug}",
                "broader": self.broader_pay(role),
            },
            "demand": self.demand(role),
            "outlook": outlook_section(
                self.agg, role, salary_by_year=salary_stats_from(self.agg.salaries, slug, by="year")
            ),
            "related": self.related(role),
            "leadership_family": self.family(role),
        }
        profile["tips"] = tips(profile)
        return profile


def _responsibility_note(n: int, recurring: int) -> str:
    why = (
        f"Only {n} postings"
        if n < THIN_POSTINGS
        else f"Only {recurring} responsibility themes recur across employers in the {n} postings"
    )
    return f"{why}: the O*NET core tasks of the mapped occupations are shown, labelled as such."


def _rounded(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in d.items()}


def _thin_note(name: str, basis: dict[str, Any], sbasis: dict[str, Any]) -> str | None:
    parts = []
    if basis["thin"]:
        parts.append(f"only {basis['n']} {name} postings (figures from postings are uncertain)")
    if sbasis["thin"]:
        parts.append(f"only {sbasis['n']} survey records")
    if not parts:
        return None
    text_ = "; ".join(parts)
    return text_[0].upper() + text_[1:] + "."


def tips(profile: dict[str, Any]) -> list[dict[str, Any]]:
    """Practical tips derived from the profile's figures; each cites its numbers."""
    name = profile["name"]
    basis = profile["basis"]["postings"]
    out: list[dict[str, Any]] = []
    if basis["n"] == 0:
        return [
            {
                "id": "no-postings",
                "text": f"No {name} postings in the data yet, so no skill or education tips can be derived.",
                "figures": [],
                "basis": basis,
            }
        ]
    thin = f" Based on only {basis['n']} postings." if basis["thin"] else ""
    top = profile["skills"]["top"][:3]
    if top:
        out.append(
            {
                "id": "top-skills",
                "text": " ".join(
                    text.share_sentence(it, what=it["label"], role=name, basis=basis) for it in top
                )
                + thin,
                "figures": top,
                "basis": basis,
            }
        )
    tools = [it for items in profile["tools"]["by_category"].values() for it in items]
    tools = [t for t in sorted(tools, key=lambda t: -t["count"]) if t not in top][:3]
    if tools:
        out.append(
            {
                "id": "top-tools",
                "text": "Tools to learn: "
                + "; ".join(
                    f"{t['label']} ({text.pct(t['share'])} of {t['n']} postings, 95% CI {text.ci_pct(t['ci'])})"
                    for t in tools
                )
                + f", {text.months(basis['date_range'])}."
                + thin,
                "figures": tools,
                "basis": basis,
            }
        )
    edu = profile["education"]
    if edu["degree_min"]:
        d = edu["degree_min"][0]
        out.append(
            {
                "id": "degree",
                "text": (
                    f"The most common minimum degree is {d['label']}: {d['count']} of {d['n']} "
                    f"postings ({text.pct(d['share'])}, 95% CI {text.ci_pct(d['ci'])}); "
                    f"{edu['stated']['count']} of {d['n']} state a degree at all."
                ),
                "figures": [d, edu["stated"]],
                "basis": basis,
            }
        )
    exp = profile["experience"]["years_min"]
    if exp["n"]:
        out.append(
            {
                "id": "experience",
                "text": (
                    f"Postings that state experience ask for a median of {exp['p50']:g} years "
                    f"(quartiles {exp['p25']:g}–{exp['p75']:g}; n={exp['n']} postings)."
                ),
                "figures": [exp],
                "basis": basis,
            }
        )
    certs = profile["skills"]["certifications"][:3]
    if certs:
        out.append(
            {
                "id": "certifications",
                "text": "Certifications named: "
                + "; ".join(f"{c['label']} ({c['count']} of {c['n']} postings)" for c in certs)
                + ".",
                "figures": certs,
                "basis": basis,
            }
        )
    bridges = profile["related"]["by_skills"][:2]
    if bridges:
        out.append(
            {
                "id": "bridging-roles",
                "text": "Roles with the closest skill profile: "
                + "; ".join(
                    f"{b['name']} (weighted Jaccard {b['similarity']:.2f}, {b['n_other']} postings)"
                    for b in bridges
                )
                + ".",
                "figures": bridges,
                "basis": basis,
            }
        )
    return out


def onet_socs(role: RoleInfo) -> list[str]:
    return sorted({soc(c) for c in role.onet_codes})


__all__ = ["ProfileBuilder", "tips", "tool_group", "THIN_POSTINGS"]
