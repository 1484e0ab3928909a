"""Job postings a page shows by name: featured jobs per role, bridging postings per role pair.

Both are top-k picks over every canonical posting, so both are ranked in SQL (windows with
``QUALIFY``) and Python only sees the few postings picked. Python scores once per distinct
(posted date, pay shown, role confidence, complete card), so a score is the very float the
method names (``round(…, 4)``), and folds each distinct employer name once (``str.casefold``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from roleatlas.analyze.keys import FACTS, analysis_facts
from roleatlas.analyze.salaries import EXPERIENCE_LABELS, SENIORITY_LABELS
from roleatlas.store import Store

FEATURED_PER_ROLE = 3
FEATURED_MIN_CONFIDENCE = 0.8
#: annual USD outside this range is a parsing slip (hourly or monthly pay read as annual)
PLAUSIBLE_PAY = (20_000, 1_000_000)
#: a card is complete when these are all set (``_FEATURES`` spells the test out in SQL)
CARD_FIELDS = ("title", "company", "location", "employment_type", "experience_label")
BRIDGING_TOP_SKILLS = 20
BRIDGING_LIMIT = 5

_CANON = "f.is_canonical AND list_contains(?, f.role)"
#: the columns a job card is made from (``compare._job_card``); a search band is no pay
#: (docs/METHODS.md), so a card whose pay is one shows none
POSTING_COLUMNS = """f.role, f.posting_id, p.title, p.company, p.location, p.url,
    f.city, f.region, f.country, f.employment_type, f.seniority, f.experience_level,
    f.role_confidence,
    CASE WHEN f.search_band THEN NULL ELSE f.annual_min_usd END AS annual_min_usd,
    CASE WHEN f.search_band THEN NULL ELSE f.annual_max_usd END AS annual_max_usd,
    f.salary_is_estimate,
    CAST(f.posted_on AS VARCHAR) AS posted_on, f.date_kind, f.date_precision,
    CAST(f.scraped_on AS VARCHAR) AS scraped_on, f.source"""


def _filled(column: str) -> str:
    return f"({column} IS NOT NULL AND {column} <> '')"


def _quoted(values: Sequence[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _plausible(column: str) -> str:
    lo, hi = PLAUSIBLE_PAY
    return f"({column} IS NULL OR ({column} >= {lo} AND {column} <= {hi}))"


# ``compare._job_card``: pay counts when a band is shown (some bound, every bound plausible);
# a card is complete when title, company, location, employment type and a level label are set.
_FEATURES = f"""
    SELECT f.role, f.posting_id, CAST(f.posted_on AS VARCHAR) AS posted_on,
           f.role_confidence AS confidence,
           CASE WHEN (f.annual_min_usd IS NOT NULL OR f.annual_max_usd IS NOT NULL)
                 AND NOT f.search_band
                 AND {_plausible("f.annual_min_usd")} AND {_plausible("f.annual_max_usd")}
                THEN (CASE WHEN f.salary_is_estimate THEN 'estimate' ELSE 'posted' END)
           END AS pay,
           coalesce(
             {_filled("p.title")} AND {_filled("p.company")} AND {_filled("p.location")}
             AND {_filled("f.employment_type")}
             AND (f.experience_level IN ({_quoted(list(EXPERIENCE_LABELS))})
                  OR f.seniority IN ({_quoted(list(SENIORITY_LABELS))})),
             false) AS complete,
           p.company
    FROM {FACTS} f JOIN postings p ON p.id = f.posting_id
    WHERE {_CANON} AND f.role_confidence >= {FEATURED_MIN_CONFIDENCE}
"""


def featured_score(
    posted_on: str | None,
    *,
    dates: tuple[str, str] | None,
    pay: str | None,
    confidence: float | None,
    complete: bool,
) -> float:
    """1 for a complete card, + 0.35 recency + 0.25 pay shown + 0.2 role confidence, 4 decimals.

    A complete card (title, company, location, employment type, level) outranks every
    incomplete one: with postings from boards that state less (Hacker News posts, exports
    without a job location) recency alone would otherwise fill the cards with gaps.
    """
    lo, hi = dates or ("", "")
    span = max((date.fromisoformat(hi) - date.fromisoformat(lo)).days, 1) if lo else 1
    recency = (
        (date.fromisoformat(posted_on) - date.fromisoformat(lo)).days / span
        if posted_on and lo
        else 0.0
    )
    pay_score = {"posted": 1.0, "estimate": 0.5}.get(pay or "", 0.0)
    score = 0.35 * recency + 0.25 * pay_score + 0.2 * (confidence or 0.0) + 1.0 * float(complete)
    return round(score, 4)


def load_featured(
    store: Store, roles: Sequence[str], *, dates: tuple[str, str] | None
) -> dict[str, list[tuple[float, dict[str, Any]]]]:
    """Each role's best postings of the recent window (:func:`_load_featured`)."""
    with analysis_facts(store):
        return _load_featured(store, roles, dates=dates)


def _load_featured(
    store: Store, roles: Sequence[str], *, dates: tuple[str, str] | None
) -> dict[str, list[tuple[float, dict[str, Any]]]]:
    """Each role's best postings, one per employer, best first: ``(score, posting row)``.

    Args:
        store: a writable store (temporary tables are made).
        roles: the role slugs.
        dates: the first and last posting date of all canonical postings (recency's scale).

    Returns:
        ``{slug: [(score, row)]}`` with at most ``2 * FEATURED_PER_ROLE`` rows per role; rows
        have the ``POSTING_COLUMNS``. Ties in score go to the smaller posting id.
    """
    roles = list(roles)
    combos = store.query(
        f"SELECT DISTINCT posted_on, pay, confidence, complete FROM ({_FEATURES})", [roles]
    )
    scores = {
        "posted_on": [c["posted_on"] for c in combos],
        "pay": [c["pay"] for c in combos],
        "confidence": [c["confidence"] for c in combos],
        "complete": [c["complete"] for c in combos],
        "score": [
            featured_score(
                c["posted_on"],
                dates=dates,
                pay=c["pay"],
                confidence=c["confidence"],
                complete=c["complete"],
            )
            for c in combos
        ],
    }
    names = store.arrow(
        f"SELECT DISTINCT company FROM ({_FEATURES}) WHERE company IS NOT NULL AND company <> ''",
        [roles],
    ).column(0)
    folds = {"company": names.to_pylist()}
    folds["fold"] = [c.casefold() for c in folds["company"]]
    with store.temp_tables("_ra_featured_score", "_ra_featured_fold"):
        store.temp_table("_ra_featured_score", _SCORE_COLUMNS, scores)
        store.temp_table("_ra_featured_fold", "company VARCHAR, fold VARCHAR", folds)
        rows = store.query(
            f"""WITH scored AS (
                  SELECT x.role, x.posting_id, s.score,
                         coalesce(c.fold, lower(x.posting_id)) AS fold
                  FROM ({_FEATURES}) x
                  JOIN _ra_featured_score s ON s.posted_on IS NOT DISTINCT FROM x.posted_on
                   AND s.pay IS NOT DISTINCT FROM x.pay AND s.confidence = x.confidence
                   AND s.complete = x.complete
                  LEFT JOIN _ra_featured_fold c ON c.company = x.company
                ), firsts AS (
                  SELECT * FROM scored QUALIFY row_number() OVER (
                    PARTITION BY role, fold ORDER BY score DESC, posting_id) = 1
                ), best AS (
                  SELECT * FROM firsts QUALIFY row_number() OVER (
                    PARTITION BY role ORDER BY score DESC, posting_id) <= ?
                )
                SELECT best.score, {POSTING_COLUMNS} FROM best
                JOIN {FACTS} f ON f.posting_id = best.posting_id
                JOIN postings p ON p.id = f.posting_id
                ORDER BY f.role, best.score DESC, f.posting_id""",
            [roles, FEATURED_PER_ROLE * 2],
        )
    out: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    for r in rows:
        out[r["role"]].append((r.pop("score"), r))
    return dict(out)


_SCORE_COLUMNS = "posted_on VARCHAR, pay VARCHAR, confidence DOUBLE, complete BOOLEAN, score DOUBLE"


def load_bridging(
    store: Store, top_skills: Mapping[str, Sequence[str]], *, limit: int = BRIDGING_LIMIT
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Bridging postings of the recent window (:func:`_load_bridging`)."""
    with analysis_facts(store):
        return _load_bridging(store, top_skills, limit=limit)


def _load_bridging(
    store: Store, top_skills: Mapping[str, Sequence[str]], *, limit: int = BRIDGING_LIMIT
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Postings of either role of a pair covering the most of both roles' top skills.

    Each posting is reduced to a bit mask of the top skills it names; postings of one role with
    the same mask rank alike in every pair, so only each such group's ``limit`` smallest ids are
    ranked per pair, and the work per pair does not grow with the postings.

    Args:
        store: a writable store (a temporary table is made).
        top_skills: each role's top skills (its first ``BRIDGING_TOP_SKILLS`` skill items).
        limit: postings per pair.

    Returns:
        ``{(a, b): [{"posting_id", "title", "company", "role", "skills_a", "skills_b"}]}`` for
        ``a < b``, best first: by the smaller of the two coverages, then their sum, then id.
    """
    roles = sorted(top_skills)
    skills = sorted({s for r in roles for s in top_skills[r]})
    if not skills:
        return {}
    index = {s: i for i, s in enumerate(skills)}
    tops = {
        "role": [r for r in roles for _ in top_skills[r]],
        "skill": [s for r in roles for s in top_skills[r]],
        "idx": [index[s] for r in roles for s in top_skills[r]],
    }
    with store.temp_tables("_ra_bridging_top"):
        store.temp_table("_ra_bridging_top", "role VARCHAR, skill VARCHAR, idx INTEGER", tops)
        bits = f"bitstring_agg(t.idx, 0, {len(skills) - 1})"
        rows = store.query(
            f"""WITH masks AS (
                  SELECT t.role, {bits} AS mask FROM _ra_bridging_top t GROUP BY t.role
                ), posting_masks AS (
                  SELECT s.posting_id, any_value(f.role) AS own, {bits} AS mask
                  FROM posting_skills s JOIN {FACTS} f ON f.posting_id = s.posting_id
                  JOIN (SELECT DISTINCT skill, idx FROM _ra_bridging_top) t ON t.skill = s.skill
                  WHERE {_CANON} GROUP BY s.posting_id
                ), groups AS (
                  SELECT own, mask, min_by(posting_id, posting_id, ?) AS ids
                  FROM posting_masks GROUP BY own, mask
                ), covers AS (
                  SELECT g.own, m.role AS other, g.ids, bit_count(g.mask & o.mask) AS c_own,
                         bit_count(g.mask & m.mask) AS c_other
                  FROM groups g JOIN masks o ON o.role = g.own JOIN masks m ON m.role <> g.own
                ), pairs AS (
                  SELECT unnest(ids) AS posting_id, own AS role, least(own, other) AS a,
                         greatest(own, other) AS b,
                         CASE WHEN own < other THEN c_own ELSE c_other END AS ca,
                         CASE WHEN own < other THEN c_other ELSE c_own END AS cb
                  FROM covers WHERE c_own > 0 AND c_other > 0
                ), best AS (
                  SELECT * FROM pairs QUALIFY row_number() OVER (
                    PARTITION BY a, b ORDER BY least(ca, cb) DESC, ca + cb DESC, posting_id
                  ) <= ?
                )
                SELECT best.*, p.title, p.company FROM best
                JOIN postings p ON p.id = best.posting_id
                ORDER BY a, b, least(ca, cb) DESC, ca + cb DESC, best.posting_id""",
            [roles, limit, limit],
        )
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[(r["a"], r["b"])].append(
            {
                "posting_id": r["posting_id"],
                "title": r["title"],
                "company": r["company"],
                "role": r["role"],
                "skills_a": int(r["ca"]),
                "skills_b": int(r["cb"]),
            }
        )
    return dict(out)
