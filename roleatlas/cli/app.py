"""The root command group and shared options; every other CLI module hangs commands on these."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from roleatlas.exceptions import RoleAtlasError


class Group(click.Group):
    """A click group that turns every ``RoleAtlasError`` into one clear line on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RoleAtlasError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except BrokenPipeError:
            sys.exit(0)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="roleatlas")
def main() -> None:
    """RoleAtlas: compare careers in AI and data from real job postings and salary records."""


@main.group(name="eval", cls=Group)
def eval_group() -> None:
    """Measure accuracy against labeled development sets."""


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--db PATH``: the store file (default ``$ROLEATLAS_DB`` or ``./roleatlas.duckdb``)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        help="Store file (default: $ROLEATLAS_DB or ./roleatlas.duckdb).",
    )(func)


def data_dir_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--data-dir DIR``: the raw data directory."""
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False),
        default=None,
        help="Raw data directory (default: $ROLEATLAS_DATA_DIR or ../shared/data).",
    )(func)
