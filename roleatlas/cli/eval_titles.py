"""``roleatlas eval titles``: accuracy of the title classifier on a labeled CSV."""

from __future__ import annotations

import json

import click

from roleatlas.cli.app import eval_group
from roleatlas.normalize.titles_eval import LABELED_SETS, evaluate_titles


@eval_group.command("titles")
@click.argument("labels", required=False, metavar="[LABELS.csv]")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_titles_command(labels: str | None, as_json: bool) -> None:
    """Role and seniority accuracy, confusions and worst errors on LABELS.csv."""
    # Without LABELS, every bundled set: the older postings and the 2022-2026 ones.
    reports = [evaluate_titles(path) for path in ([labels] if labels else LABELED_SETS)]
    if as_json:
        docs = [r.to_dict() for r in reports]
        click.echo(json.dumps(docs[0] if labels else docs, indent=2))
    else:
        click.echo("\n\n".join(r.render() for r in reports))
