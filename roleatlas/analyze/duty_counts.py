"""Responsibility themes of every role at once, counted in SQL over all canonical postings.

The figures are those of :func:`roleatlas.analyze.responsibilities.role_responsibilities`, which
stays the readable reference (the tests hold the two together on a real store). Python runs
once per distinct statement (themes, grouping key, content words, whether the theme's verb leads)
and once per distinct employer name (``company_key``); the results go back to DuckDB as temporary
tables, and every count over postings and statements is a ``GROUP BY`` or a window there. Python
then assembles each role from bounded aggregates, so its work does not grow with the postings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from roleatlas.analyze.keys import TABLE as KEYS
from roleatlas.analyze.keys import pid_of, posting_ids, posting_keys
from roleatlas.analyze.responsibilities import (
    EXAMPLES,
    MIN_COMPANIES,
    MIN_GROUP_COMPANIES,
    MIN_THEME_SHARE,
    _default_themes_of,
    _theme_task,
    company_key,
    is_duty,
    load_themes,
    states_theme,
)
from roleatlas.analyze.stats import share
from roleatlas.extract.responsibilities import statement_tokens
from roleatlas.store import Store

#: the order ``_examples`` reads a theme's statements in; ties keep posting order
_RANK = "NOT lead, long, same DESC, n_themes, statement, pid, position"
#: rows a theme's example pick can read before it has its three (see ``_EXAMPLE_SQL``)
_EXAMPLE_ROWS = 30

_TABLES = {
    "_ra_duty_stmt": "sid INTEGER, statement VARCHAR, norm VARCHAR, n_themes INTEGER, "
    "chars INTEGER",
    "_ra_duty_theme": "sid INTEGER, theme VARCHAR, lead BOOLEAN",
    "_ra_duty_token": "sid INTEGER, token VARCHAR",
    "_ra_duty_company": "company VARCHAR, cid BIGINT",
}

# The pick in ``_examples`` walks the ranked statements and keeps one when neither its employer
# nor its grouping key was kept before. A kept row is the first of its (key, employer) in rank
# order, and at most two employers (two keys) were kept before it, so it is among the first three
# such rows of its key and of its employer; and walking only those rows, the pick has its three
# within 3 * 3 + 3 * 3 + 3 rows. So the rows below give the same three as walking them all.
_EXAMPLE_SQL = f"""
    WITH same AS (
        SELECT rs.role, t.theme, s.norm, sum(rs.k) AS same
        FROM _ra_duty_role_stmt rs JOIN _ra_duty_theme t USING (sid)
        JOIN _ra_duty_stmt s USING (sid) GROUP BY ALL
    ), first_rows AS (
        SELECT role, sid, comp, min({{'pid': pid, 'position': position}}) AS first
        FROM _ra_duty_rows GROUP BY ALL
    ), th AS (
        SELECT f.role, t.theme, f.first.pid AS pid, f.first.position AS position, f.comp,
               s.statement, s.norm, t.lead, s.chars > 160 AS long, s.n_themes, same.same
        FROM first_rows f JOIN _ra_duty_theme t USING (sid) JOIN _ra_duty_stmt s USING (sid)
        JOIN same ON same.role = f.role AND same.theme = t.theme AND same.norm = s.norm
        WHERE t.lead  -- only statements that state the theme are examples
    ), firsts AS (
        SELECT * FROM th
        QUALIFY row_number() OVER (PARTITION BY role, theme, norm, comp ORDER BY {_RANK}) = 1
    ), few AS (
        SELECT * FROM firsts
        QUALIFY row_number() OVER (PARTITION BY role, theme, norm ORDER BY {_RANK}) <= 3
            AND row_number() OVER (PARTITION BY role, theme, comp ORDER BY {_RANK}) <= 3
    )
    SELECT role, theme, pid, comp, statement, norm FROM few
    QUALIFY row_number() OVER (PARTITION BY role, theme ORDER BY {_RANK}) <= {_EXAMPLE_ROWS}
    ORDER BY role, theme, {_RANK}
"""


def load_responsibilities(
    store: Store,
    roles: Sequence[str],
    tasks: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    min_companies: int = MIN_COMPANIES,
    min_share: float = MIN_THEME_SHARE,
) -> dict[str, dict[str, Any]]:
    """``role_responsibilities`` of every role, from the store's canonical postings.

    Args:
        store: a writable store (temporary tables are made) after extract.
        roles: the role slugs to read.
        tasks: each role's O*NET tasks, best first (as ``role_responsibilities`` takes them).
        min_companies: distinct employers a theme needs.
        min_share: share of read postings a theme needs.

    Returns:
        ``{slug: {"n_read", "items", "statement_groups", "coverage"}}`` for every role given.
    """
    roles = list(roles)
    vocabulary = {tok for ts in tasks.values() for t in ts for tok in statement_tokens(t["task"])}
    temps = (*_TABLES, "_ra_duty_rows", "_ra_duty_role_stmt", "_ra_duty_recent")
    with posting_keys(store), store.temp_tables(*temps):
        _load_statements(store, roles, vocabulary)
        return _assemble(store, roles, tasks, min_companies=min_companies, min_share=min_share)


def _load_statements(store: Store, roles: list[str], vocabulary: set[str]) -> None:
    """The per-distinct-value tables, then each statement row of a role with its keys."""
    themes = load_themes()
    statements = store.arrow(
        f"""SELECT DISTINCT r.statement FROM posting_responsibilities r
            JOIN {KEYS} k ON k.posting_id = r.posting_id WHERE list_contains(?, k.role)""",
        [roles],
    ).column(0)
    stmt: dict[str, list[Any]] = defaultdict(list)
    theme_rows: dict[str, list[Any]] = defaultdict(list)
    token_rows: dict[str, list[Any]] = defaultdict(list)
    for sid, text in enumerate(statements.to_pylist()):
        tokens = statement_tokens(text)
        ids = _default_themes_of(text)
        stmt["sid"].append(sid)
        stmt["statement"].append(text)
        stmt["norm"].append(" ".join(tokens))
        stmt["n_themes"].append(len(ids))
        stmt["chars"].append(len(text))
        for theme in themes:
            if theme.id in ids:
                theme_rows["sid"].append(sid)
                theme_rows["theme"].append(theme.id)
                theme_rows["lead"].append(states_theme(theme, text))
        for tok in set(tokens) & vocabulary:
            token_rows["sid"].append(sid)
            token_rows["token"].append(tok)
    companies = store.arrow(
        f"""SELECT DISTINCT p.company FROM posting_responsibilities r
            JOIN {KEYS} k ON k.posting_id = r.posting_id JOIN postings p ON p.id = r.posting_id
            WHERE list_contains(?, k.role) AND p.company IS NOT NULL""",
        [roles],
    ).column(0)
    # an employer is its folded name; a posting without one is an employer of its own
    # (``-pid``, apart from every folded name's number)
    names = companies.to_pylist()
    folded = [company_key(c) for c in names]
    numbers = {key: i for i, key in enumerate(sorted({f for f in folded if f}))}
    company_rows = {"company": names, "cid": [numbers.get(f) if f else None for f in folded]}
    for table, columns in zip(_TABLES, (stmt, theme_rows, token_rows, company_rows), strict=True):
        store.temp_table(table, _TABLES[table], columns)
    # one row per role, statement and posting: how often the posting says it, and where first
    store.execute(
        f"""CREATE OR REPLACE TEMP TABLE _ra_duty_rows AS
            SELECT k.role, s.sid, k.pid, min(r.position) AS position, count(*) AS k,
                   any_value(coalesce(c.cid, -k.pid)) AS comp, any_value(k.recent) AS recent
            FROM posting_responsibilities r
            JOIN {KEYS} k ON k.posting_id = r.posting_id
            JOIN postings p ON p.id = r.posting_id
            JOIN _ra_duty_stmt s ON s.statement = r.statement
            LEFT JOIN _ra_duty_company c ON c.company = p.company
            WHERE list_contains(?, k.role)
            GROUP BY k.role, s.sid, k.pid""",
        [roles],
    )
    store.execute(
        """CREATE OR REPLACE TEMP TABLE _ra_duty_role_stmt AS
           SELECT role, sid, sum(k) AS k FROM _ra_duty_rows GROUP BY ALL"""
    )


def _assemble(
    store: Store,
    roles: list[str],
    tasks: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    min_companies: int,
    min_share: float,
) -> dict[str, dict[str, Any]]:
    q = store.query
    basics = {
        r["role"]: r
        for r in q(
            """SELECT r.role, count(DISTINCT r.pid) AS n_read, sum(r.k) AS statements,
                   coalesce(sum(r.k) FILTER (WHERE s.n_themes > 0), 0) AS matched
               FROM _ra_duty_rows r JOIN _ra_duty_stmt s USING (sid) GROUP BY r.role"""
        )
    }
    theme_stats = _keyed(
        q(
            """SELECT r.role, t.theme, count(DISTINCT r.pid) AS count,
                   count(DISTINCT r.comp) AS companies, sum(r.k) AS statements
               FROM _ra_duty_rows r JOIN _ra_duty_theme t USING (sid) GROUP BY ALL"""
        ),
        "theme",
    )
    # five most recent postings: each statement's own five, then the best five of their union
    store.execute(
        """CREATE OR REPLACE TEMP TABLE _ra_duty_recent AS
           SELECT role, sid, max(recent, 5) AS recent FROM _ra_duty_rows GROUP BY ALL"""
    )
    theme_recent = {
        (r["role"], r["theme"]): r["recent"]
        for r in q(
            """SELECT role, theme, max(recent, 5) AS recent FROM (
                 SELECT DISTINCT rr.role, t.theme, unnest(rr.recent) AS recent
                 FROM _ra_duty_recent rr JOIN _ra_duty_theme t USING (sid))
               GROUP BY ALL"""
        )
    }
    all_df: dict[str, Counter[str]] = defaultdict(Counter)
    for r in q(
        """SELECT rs.role, tk.token, sum(rs.k) AS df FROM _ra_duty_role_stmt rs
           JOIN _ra_duty_token tk USING (sid) GROUP BY ALL"""
    ):
        all_df[r["role"]][r["token"]] = int(r["df"])
    theme_df: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in q(
        """SELECT rs.role, t.theme, tk.token, sum(rs.k) AS df FROM _ra_duty_role_stmt rs
           JOIN _ra_duty_theme t USING (sid) JOIN _ra_duty_token tk USING (sid) GROUP BY ALL"""
    ):
        theme_df[(r["role"], r["theme"])][r["token"]] = int(r["df"])
    example_rows = _lists(q(_EXAMPLE_SQL), "theme")
    groups = defaultdict(list)
    for r in q(
        """WITH g AS (
             SELECT r.role, s.norm, count(DISTINCT r.pid) AS count,
                    count(DISTINCT r.comp) AS companies
             FROM _ra_duty_rows r JOIN _ra_duty_stmt s USING (sid) WHERE s.norm <> ''
             GROUP BY ALL HAVING count(DISTINCT r.comp) >= ?
           ), rep AS (
             SELECT rs.role, s.norm, s.statement FROM _ra_duty_role_stmt rs
             JOIN _ra_duty_stmt s USING (sid) WHERE s.norm <> ''
             QUALIFY row_number() OVER (
               PARTITION BY rs.role, s.norm ORDER BY rs.k DESC, s.chars, s.statement
             ) = 1
           )
           SELECT g.role, g.norm, g.count, g.companies, rep.statement
           FROM g JOIN rep USING (role, norm)
           ORDER BY g.role, g.companies DESC, g.count DESC, rep.statement""",
        [MIN_GROUP_COMPANIES],
    ):
        groups[r["role"]].append(r)
    kept_groups = {
        role: [g for g in rows if is_duty(g["statement"])][:10] for role, rows in groups.items()
    }
    group_recent = _group_recent(store, kept_groups)
    ids = posting_ids(
        store,
        {pid_of(key) for keys in (*theme_recent.values(), *group_recent.values()) for key in keys}
        | {r["pid"] for themes in example_rows.values() for rows in themes.values() for r in rows},
    )

    def recent_ids(keys: list[int] | None) -> list[str]:
        return [ids[pid_of(key)] for key in keys or []]

    themes = load_themes()
    label = {t.id: t.label for t in themes}
    order = {t.id: i for i, t in enumerate(themes)}
    out = {}
    for role in roles:
        base = basics.get(role) or {"n_read": 0, "statements": 0, "matched": 0}
        n, n_rows = int(base["n_read"]), int(base["statements"])
        items = []
        for tid, st in theme_stats.get(role, {}).items():
            count, companies = int(st["count"]), int(st["companies"])
            if companies < min_companies or count < max(2, min_share * n):
                continue
            items.append(
                share(count, n, statement=label[tid])
                | {
                    "theme": tid,
                    "label": label[tid],
                    "group": tid,
                    "companies": companies,
                    "onet_task": _theme_task(
                        tid,
                        tasks.get(role, ()),
                        theme_df[(role, tid)],
                        int(st["statements"]),
                        all_df[role],
                        n_rows,
                    ),
                    "examples": _pick_examples(example_rows.get(role, {}).get(tid, []), ids),
                    "example_posting_ids": recent_ids(theme_recent.get((role, tid))),
                    "kind": "theme",
                }
            )
        items.sort(key=lambda it: (-it["count"], order[it["theme"]]))
        statement_groups = [
            share(int(g["count"]), n, statement=g["statement"])
            | {
                "companies": int(g["companies"]),
                "example_posting_ids": recent_ids(group_recent.get((role, g["norm"]))),
            }
            for g in kept_groups.get(role, [])
        ]
        out[role] = {
            "n_read": n,
            "items": items,
            "statement_groups": statement_groups,
            "coverage": {
                "statements": n_rows,
                "matched_statements": int(base["matched"]),
                "postings_read": n,
            },
        }
    return out


def _pick_examples(rows: list[dict[str, Any]], ids: Mapping[int, str]) -> list[dict[str, str]]:
    """The walk of ``_examples`` over a theme's ranked candidate rows."""
    out: list[dict[str, str]] = []
    seen_companies: set[int] = set()
    seen_texts: set[str] = set()
    for r in rows:
        if r["comp"] in seen_companies or r["norm"] in seen_texts:
            continue
        seen_companies.add(r["comp"])
        seen_texts.add(r["norm"])
        out.append({"statement": r["statement"], "posting_id": ids[r["pid"]]})
        if len(out) == EXAMPLES:
            break
    return out


def _group_recent(
    store: Store, kept: Mapping[str, list[dict[str, Any]]]
) -> dict[tuple[str, str], list[int]]:
    """The recency keys of the five most recent postings of each shown statement group."""
    keys = [(role, g["norm"]) for role, rows in kept.items() for g in rows]
    if not keys:
        return {}
    with store.temp_tables("_ra_duty_groups"):
        store.temp_table(
            "_ra_duty_groups",
            "role VARCHAR, norm VARCHAR",
            {"role": [k[0] for k in keys], "norm": [k[1] for k in keys]},
        )
        return {
            (r["role"], r["norm"]): r["recent"]
            for r in store.query(
                """SELECT role, norm, max(recent, 5) AS recent FROM (
                     SELECT DISTINCT rr.role, s.norm, unnest(rr.recent) AS recent
                     FROM _ra_duty_recent rr JOIN _ra_duty_stmt s USING (sid)
                     SEMI JOIN _ra_duty_groups g ON g.role = rr.role AND g.norm = s.norm)
                   GROUP BY ALL"""
            )
        }


def _keyed(rows: list[dict[str, Any]], key: str) -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in rows:
        out[r["role"]][r[key]] = r
    return out


def _lists(rows: list[dict[str, Any]], key: str) -> dict[str, dict[str, list[Any]]]:
    out: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        out[r["role"]][r[key]].append(r)
    return out
