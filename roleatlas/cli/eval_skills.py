"""``roleatlas eval skills LABELS.jsonl``: skill and requirement extraction accuracy."""

from __future__ import annotations

import json

import click

from roleatlas.cli.app import eval_group
from roleatlas.extract.posting import evaluate_skills


@eval_group.command("skills")
@click.argument("labels", type=click.Path(dir_okay=False), default="eval/skills.jsonl")
@click.option(
    "--no-breadth", is_flag=True, help="Match the curated core only (no O*NET breadth list)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_skills_command(labels: str, no_breadth: bool, as_json: bool) -> None:
    """Precision, recall and F1 of hard skills; degree and years accuracy."""
    report = evaluate_skills(labels, breadth=not no_breadth)
    click.echo(json.dumps(report.to_dict()) if as_json else report.render())
