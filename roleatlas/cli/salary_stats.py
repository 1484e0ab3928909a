"""``roleatlas salaries stats``: salary percentiles of one role, by source and group."""

from __future__ import annotations

import json

import click

from roleatlas import config
from roleatlas.analyze import salary_stats
from roleatlas.analyze.salaries import BY_OPTIONS
from roleatlas.cli.analysis import _check_slug
from roleatlas.cli.app import db_option
from roleatlas.cli.salaries import salaries
from roleatlas.store import Store


@salaries.command("stats")
@click.argument("role")
@click.option(
    "--by", type=click.Choice(BY_OPTIONS), default=None, help="Split every source into groups."
)
@click.option("--json", "as_json", is_flag=True, help="Print the stats JSON.")
@db_option
def stats_command(role: str, by: str | None, as_json: bool, db: str | None) -> None:
    """Salary percentiles of ROLE: survey, posted and estimated pay kept apart (annual USD)."""
    _check_slug(role)
    with Store(config.db_path(db), read_only=True) as store:
        out = salary_stats(store, role, by=by)
    if as_json:
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    click.echo(f"{role}: annual USD, cells with n < {out['min_n']} suppressed")
    click.echo(
        f"{'source':<9} {'group':<26} {'n':>7} {'p10':>9} {'p25':>9} {'p50':>9} {'p75':>9} {'p90':>9}  median 95% CI"
    )
    for c in out["cells"]:
        group = (c["group_label"] or "all")[:26]
        if c["suppressed"]:
            click.echo(f"{c['source']:<9} {group:<26} {c['n']:>7}  {c['note']}")
            continue
        q = " ".join(f"{c[k]:>9,.0f}" for k in ("p10", "p25", "p50", "p75", "p90"))
        lo, hi = c["median_ci"]
        click.echo(f"{c['source']:<9} {group:<26} {c['n']:>7} {q}  {lo:,.0f}–{hi:,.0f}")
    sens = out["sensitivity"]["survey_distinct_only"]
    if sens["p50"] is not None:
        click.echo(f"survey median with exact repeats dropped: {sens['p50']:,.0f} (n={sens['n']})")
