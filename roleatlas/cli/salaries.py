"""``roleatlas salaries parse`` and ``roleatlas eval salaries``: thin wrappers over the library."""

from __future__ import annotations

import json

import click

from roleatlas.cli.app import Group, eval_group, main
from roleatlas.exceptions import InputError
from roleatlas.normalize.salary_eval import evaluate_salaries
from roleatlas.normalize.salary_io import FORMATS, format_rows, parse_salaries, read_column


@main.group(name="salaries", cls=Group)
def salaries() -> None:
    """Parse and summarize salary strings."""


@salaries.command("parse")
@click.argument("file", default="-", type=click.Path(allow_dash=True, dir_okay=False))
@click.option(
    "--column", default="raw_salary", show_default=True, help="Column with the salary text."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option("--default-currency", default=None, help="ISO 4217 code for a bare '$' (e.g. AUD).")
def parse_command(file: str, column: str, fmt: str, default_currency: str | None) -> None:
    """Parse the salary column of a CSV or JSONL FILE ('-' = stdin), one output row per input."""
    try:
        with click.open_file(file, "r", encoding="utf-8") as stream:
            values = list(read_column(stream, column=column, name=None if file == "-" else file))
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{file}: not UTF-8 text") from None
    pairs = parse_salaries(values, default_currency=default_currency)
    for line in format_rows(pairs, fmt=fmt):
        click.echo(line)


@eval_group.command("salaries")
@click.argument("labels", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_salaries_command(labels: str, as_json: bool) -> None:
    """Score the salary parser on a labeled CSV (e.g. eval/salaries.csv)."""
    report = evaluate_salaries(labels)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.render())
