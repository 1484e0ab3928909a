"""Per-role aggregates for every role at once: one SQL ``GROUP BY`` per figure, read once.

Profiles and all 561 comparisons are then assembled in Python from these dictionaries, so the
database is scanned a fixed number of times however many pairs there are. Postings are counted
once per duplicate group (``is_canonical``). No posting, statement or skill row is loaded one by
one: per-posting work (responsibility themes, featured jobs, bridging postings) is ranked and
counted in SQL (``duty_counts.py``, ``jobs.py``), so what Python holds does not grow with N.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from roleatlas.analyze.duty_counts import load_responsibilities
from roleatlas.analyze.jobs import BRIDGING_TOP_SKILLS, load_bridging, load_featured
from roleatlas.analyze.keys import FACTS, FAMILY, analysis_facts, posting_ids, posting_keys
from roleatlas.analyze.keys import TABLE as KEYS
from roleatlas.analyze.salaries import SalaryData
from roleatlas.analyze.trends import load_trends
from roleatlas.store import Store

#: roles that are a bucket, not a career: no profile, no comparison
EXCLUDED_ROLES = frozenset({"other"})

_CANON = "f.is_canonical AND f.role IS NOT NULL"


@dataclass(frozen=True)
class RoleInfo:
    """A taxonomy role, as much of it as the analysis needs."""

    slug: str
    name: str
    family: str | None
    definition: str | None
    onet_codes: tuple[str, ...]
    esco_uris: tuple[str, ...]
    broader: str | None


def load_roles() -> dict[str, RoleInfo]:
    """The taxonomy's roles (``roleatlas.normalize.roles`` when present, else its YAML)."""
    try:
        from roleatlas.normalize.roles import load_taxonomy

        raw = {
            slug: vars(r) if not isinstance(r, dict) else r
            for slug, r in load_taxonomy().roles.items()
        }
    except ImportError:
        raw = _yaml_roles()
    roles = {}
    for slug, r in raw.items():
        if slug in EXCLUDED_ROLES:
            continue
        roles[slug] = RoleInfo(
            slug=slug,
            name=r.get("name") or slug,
            family=r.get("family"),
            definition=r.get("definition"),
            onet_codes=tuple(r.get("onet_codes") or ()),
            esco_uris=tuple(r.get("esco_uris") or ()),
            broader=r.get("broader"),
        )
    return dict(sorted(roles.items()))


@lru_cache(maxsize=1)
def _yaml_roles() -> dict[str, dict[str, Any]]:
    text = resources.files("roleatlas.normalize").joinpath("roles.yaml").read_text("utf-8")
    return yaml.safe_load(text)["roles"]


def soc(code: str) -> str:
    """O*NET-SOC ``15-2051.01`` -> SOC ``15-2051``."""
    return code.split(".")[0]


def _by_role(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r.pop("role")].append(r)
    return out


@dataclass
class Aggregates:
    """Everything the profiles and comparisons need, keyed by role slug."""

    roles: dict[str, RoleInfo]
    basis: dict[str, dict[str, Any]] = field(default_factory=dict)
    all_postings: int = 0
    skills: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    skill_totals: dict[str, int] = field(default_factory=dict)
    columns: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    #: ``{role: {"min": [(years, postings)], "max": [...]}}``, stated years as counts
    years: dict[str, dict[str, list[tuple[float, int]]]] = field(default_factory=dict)
    months: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    survey_years: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    survey_basis: dict[str, dict[str, Any]] = field(default_factory=dict)
    survey_year_totals: dict[int, int] = field(default_factory=dict)
    dates: tuple[str, str] | None = None
    responsibilities: dict[str, dict[str, Any]] = field(default_factory=dict)
    featured: dict[str, list[tuple[float, dict[str, Any]]]] = field(default_factory=dict)
    bridging: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    salaries: SalaryData = field(default_factory=SalaryData)
    onet: dict[str, Any] = field(default_factory=dict)
    #: the recent-market window the figures describe (``keys.analysis_facts``)
    window: dict[str, Any] = field(default_factory=dict)
    #: per role, postings and top skills' shares per half-year over the whole history
    trends: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(
        cls, store: Store, roles: dict[str, RoleInfo] | None = None, *, months: int | None = None
    ) -> Aggregates:
        agg = cls(roles=roles if roles is not None else load_roles())
        with analysis_facts(store, months=months) as window, posting_keys(store):
            agg.window = window
            agg._load_postings(store)
            agg._load_survey(store)
            agg._load_onet(store)
            agg._load_jobs(store)
            agg.salaries = SalaryData.load(store)
        agg.trends = load_trends(store, agg.skills)
        return agg

    # -- postings ----------------------------------------------------------------------------
    def _load_postings(self, store: Store) -> None:
        q = store.query
        for r in q(
            f"""SELECT f.role, count(*) AS n, CAST(min(f.posted_on) AS VARCHAR) AS first,
                   CAST(max(f.posted_on) AS VARCHAR) AS last,
                   list(DISTINCT f.source ORDER BY f.source) AS sources
                FROM {FACTS} f WHERE {_CANON} GROUP BY f.role"""
        ):
            self.basis[r["role"]] = {
                "n": int(r["n"]),
                "unit": "postings",
                "date_range": [r["first"], r["last"]] if r["first"] else None,
                "sources": [s for s in r["sources"] if s],
            }
        self.all_postings = int(
            store.scalar(
                f"SELECT count(*) FROM {FACTS} f WHERE f.is_canonical AND f.role <> '{FAMILY}'"
            )
            or 0
        )
        # the five most recent examples per skill: a bounded top-5 over an integer key (newest
        # first, then the smaller id), not a sort of every posting id of every skill
        skills = q(
            f"""SELECT k.role, s.skill, any_value(s.category) AS category,
                   any_value(s.kind) AS kind, count(DISTINCT k.pid) AS count,
                   count(DISTINCT CASE WHEN s.required THEN k.pid END) AS required,
                   max_by(k.pid, k.recent_low_id, 5) AS examples
               FROM posting_skills s JOIN {KEYS} k ON k.posting_id = s.posting_id
               WHERE k.role IS NOT NULL GROUP BY k.role, s.skill
               ORDER BY count DESC, s.skill"""
        )
        ids = posting_ids(store, {pid for r in skills for pid in r["examples"]})
        for r in skills:
            r["examples"] = [ids[pid] for pid in r["examples"]]
        self.skills = _by_role(skills)
        for r in q(
            f"""SELECT s.skill, count(DISTINCT k.pid) AS count FROM posting_skills s
                JOIN {KEYS} k ON k.posting_id = s.posting_id GROUP BY s.skill ORDER BY s.skill"""
        ):
            self.skill_totals[r["skill"]] = int(r["count"])
        for column, expr in (
            ("degree_min", "f.degree_min"),
            ("degree_preferred", "f.degree_preferred"),
            ("industry", "f.industry"),
            ("seniority", "f.seniority"),
            ("employment_type", "f.employment_type"),
            ("remote", "f.remote"),
            ("country", "f.country"),
            ("fields_of_study", "unnest(f.fields_of_study)"),
            ("certifications", "unnest(f.certifications)"),
        ):
            self.columns[column] = _by_role(
                q(
                    f"""SELECT role, value, count(DISTINCT posting_id) AS count FROM (
                          SELECT f.role, f.posting_id, {expr} AS value FROM {FACTS} f
                          WHERE {_CANON}) WHERE value IS NOT NULL
                        GROUP BY role, value ORDER BY count DESC, value"""
                )
            )
        for bound in ("min", "max"):
            for r in q(
                f"""SELECT f.role, f.years_{bound} AS value, count(*) AS count
                    FROM {FACTS} f WHERE {_CANON} AND f.years_{bound} IS NOT NULL
                    GROUP BY ALL ORDER BY f.role, value"""
            ):
                years = self.years.setdefault(r["role"], {"min": [], "max": []})
                years[bound].append((r["value"], int(r["count"])))
        self.months = _by_role(
            q(
                f"""SELECT f.role, strftime(f.posted_on, '%Y-%m') AS month, count(*) AS count
                    FROM {FACTS} f WHERE {_CANON} AND f.posted_on IS NOT NULL
                    GROUP BY ALL ORDER BY month"""
            )
        )
        first, last = q(
            f"""SELECT CAST(min(f.posted_on) AS VARCHAR) AS first,
                   CAST(max(f.posted_on) AS VARCHAR) AS last FROM {FACTS} f WHERE {_CANON}"""
        )[0].values()
        self.dates = (first, last) if first else None

    def _load_jobs(self, store: Store) -> None:
        """Responsibility themes, featured jobs and bridging postings, ranked in SQL."""
        slugs = list(self.roles)
        tasks = {
            slug: [t for c in role.onet_codes for t in self.onet.get("tasks", {}).get(c, [])]
            for slug, role in self.roles.items()
        }
        self.responsibilities = load_responsibilities(store, slugs, tasks)
        self.featured = load_featured(store, slugs, dates=self.dates)
        self.bridging = load_bridging(
            store,
            {
                slug: [r["skill"] for r in self.skills.get(slug, [])[:BRIDGING_TOP_SKILLS]]
                for slug in slugs
            },
        )

    # -- survey ------------------------------------------------------------------------------
    def _load_survey(self, store: Store) -> None:
        self.survey_years = _by_role(
            store.query(
                """SELECT role, work_year AS year, count(*) AS records,
                       count(*) FILTER (WHERE NOT coalesce(is_duplicate, false)) AS distinct
                   FROM survey_facts WHERE role IS NOT NULL GROUP BY ALL ORDER BY year"""
            )
        )
        self.survey_year_totals = {
            int(r["year"]): int(r["records"])
            for r in store.query(
                "SELECT work_year AS year, count(*) AS records FROM survey_facts "
                "WHERE work_year IS NOT NULL GROUP BY ALL ORDER BY year"
            )
        }
        for col in ("experience_level", "seniority"):
            self.columns[f"survey_{col}"] = _by_role(
                store.query(
                    f"""SELECT role, {col} AS value, count(*) AS count FROM survey_facts
                        WHERE role IS NOT NULL AND {col} IS NOT NULL
                        GROUP BY ALL ORDER BY count DESC, value"""
                )
            )
        for role, years in self.survey_years.items():
            self.survey_basis[role] = {
                "n": sum(int(y["records"]) for y in years),
                "distinct": sum(int(y["distinct"]) for y in years),
                "unit": "survey records",
                "date_range": [str(years[0]["year"]), str(years[-1]["year"])] if years else None,
                "sources": ["ai-jobs.net"],
            }

    # -- reference data ----------------------------------------------------------------------
    def _load_onet(self, store: Store) -> None:
        codes = sorted({c for r in self.roles.values() for c in r.onet_codes})
        socs = sorted({soc(c) for c in codes})
        if not codes:
            return
        marks = ", ".join("?" for _ in codes)
        smarks = ", ".join("?" for _ in socs)
        q = store.query
        self.onet = {
            "occupations": {
                r["code"]: r
                for r in q(
                    f"SELECT code, title, description FROM onet_occupations WHERE code IN ({marks})",
                    codes,
                )
            },
            "tasks": _group(
                q(
                    f"""SELECT code, task_id, task, task_type, incumbents_responding FROM onet_tasks
                        WHERE code IN ({marks})
                        ORDER BY code, task_type, incumbents_responding DESC NULLS LAST, task_id""",
                    codes,
                ),
                "code",
            ),
            "hot": {
                r["example"].casefold(): r
                for r in q(
                    f"""SELECT example, bool_or(hot_technology) AS hot,
                           bool_or(in_demand) AS in_demand FROM onet_technology_skills
                        WHERE code IN ({marks}) GROUP BY example""",
                    codes,
                )
            },
            "education": _group(
                q(
                    f"""SELECT e.code, e.category, c.category_description AS label,
                           e.data_value AS pct FROM onet_education e
                        JOIN onet_education_categories c ON c.element_id = e.element_id
                         AND c.scale_id = e.scale_id AND c.category = e.category
                        WHERE e.code IN ({marks}) AND e.scale_id = 'RL' AND e.data_value > 0
                        ORDER BY e.code, e.data_value DESC""",
                    codes,
                ),
                "code",
            ),
            "job_zones": {
                r["code"]: r
                for r in q(
                    f"""SELECT z.code, z.job_zone, r.name, r.education, r.experience
                        FROM onet_job_zones z LEFT JOIN onet_job_zone_reference r
                        ON r.job_zone = z.job_zone WHERE z.code IN ({marks})""",
                    codes,
                )
            },
            "related": _group(
                q(
                    f"""SELECT code, related_code, related_title, relatedness_tier AS tier, rank
                        FROM onet_related_occupations WHERE code IN ({marks})
                        ORDER BY code, rank""",
                    codes,
                ),
                "code",
            ),
            "oews": {
                r["soc_code"]: r
                for r in q(
                    f"""SELECT soc_code, occupation_name, employment, annual_median, annual_mean,
                           annual_p10, annual_p25, annual_p75, annual_p90, top_coded, release,
                           data_year FROM oews_wages
                        WHERE area_type = 'N' AND industry_code = '000000'
                          AND soc_code IN ({smarks})""",
                    socs,
                )
            },
        }


def _group(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r[key]].append(r)
    return out
