"""``roleatlas titles classify``: classify job titles from a CSV or JSONL file."""

from __future__ import annotations

import click

from roleatlas.cli.app import Group, main
from roleatlas.normalize.titles import classify_titles
from roleatlas.normalize.titles_io import FORMATS, format_classifications, read_titles


@main.group(name="titles", cls=Group)
def titles_group() -> None:
    """Normalize job titles to taxonomy roles and seniority levels."""


@titles_group.command("classify")
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--column", default="title", show_default=True, help="Column holding the title.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option("--explain", is_flag=True, help="Add the reasons behind each classification.")
def classify_command(source: str, column: str, fmt: str, explain: bool) -> None:
    """Classify the titles in FILE (CSV or JSONL; '-' reads stdin), one record per row."""
    titles = read_titles(source, column=column)
    for line in format_classifications(classify_titles(titles), fmt=fmt, explain=explain):
        click.echo(line)
