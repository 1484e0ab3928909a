"""``roleatlas eval titles``: accuracy of the title classifier on a labeled CSV."""

from __future__ import annotations

import json

import click

from roleatlas.cli.app import eval_group
from roleatlas.normalize.titles_eval import evaluate_titles


@eval_group.command("titles")
@click.argument("labels", default="eval/titles.csv", metavar="[LABELS.csv]")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_titles_command(labels: str, as_json: bool) -> None:
    """Role and seniority accuracy, confusions and worst errors on LABELS.csv."""
    report = evaluate_titles(labels)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.render())
