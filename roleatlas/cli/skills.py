"""``roleatlas skills ...``: skill and requirement extraction from posting records."""

from __future__ import annotations

import json

import click

from roleatlas.cli.app import Group, main
from roleatlas.extract.posting import extract_batch, read_records


@main.group(name="skills", cls=Group)
def skills_group() -> None:
    """Extract skills, degrees and experience from job postings."""


@skills_group.command("extract")
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format: one JSON record per input record.")  # fmt: skip
@click.option("--input-format", type=click.Choice(["auto", "jsonl", "csv"]), default="auto",
              show_default=True, help="Input format (auto: by extension, else by first character).")  # fmt: skip
def extract_command(file, fmt: str, input_format: str) -> None:
    """Read records with id, title, description (JSONL or CSV; FILE or - for stdin)."""
    records = read_records(file, input_format=input_format)
    for result in extract_batch(records):
        click.echo(json.dumps(result, ensure_ascii=False))
