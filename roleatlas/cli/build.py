"""``roleatlas build``: ingest → normalize → extract → analyze over the store."""

from __future__ import annotations

import json

import click

from roleatlas import config
from roleatlas.cli.app import data_dir_option, db_option, main
from roleatlas.cli.ingest import progress_bars
from roleatlas.pipeline import build as run_build
from roleatlas.store import Store, current_release, publish, releases, rollback


@main.command()
@click.option("--no-ingest", is_flag=True, help="Skip ingest; rebuild from what the store holds.")
@click.option("--force", is_flag=True, help="Re-run every stage even when nothing changed.")
@click.option("--json", "as_json", is_flag=True, help="Print the stage reports as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="Run normalize + extract on DuckDB, or on Spark (pip install 'roleatlas[spark]').",
)
@click.option(
    "--spark-master",
    default="local[2]",
    show_default=True,
    help="Spark master URL (--engine spark).",
)
@click.option(
    "--no-publish",
    is_flag=True,
    help="Leave the served results alone (by default a build publishes a copy for the site).",
)
@db_option
@data_dir_option
def build(no_ingest, force, as_json, quiet, engine, spark_master, no_publish, db, data_dir) -> None:  # type: ignore[no-untyped-def]
    """Build the store: ingest (if needed), normalize, extract, analyze, then publish it.

    A running `roleatlas serve` keeps serving the last published results during the build and
    switches to the new ones when the build publishes them.
    """
    root = config.data_dir(data_dir)
    ingest = not no_ingest and root.is_dir()
    if not no_ingest and not root.is_dir():
        click.echo(f"data directory {root} not found: building from what the store holds", err=True)
    with Store(config.db_path(db)) as store, progress_bars(not quiet and not as_json) as bars:

        def progress(label: str, total: int | None):  # type: ignore[no-untyped-def]
            if bars is None:
                return None
            task = bars.add_task(label, total=total)
            return lambda n: bars.advance(task, n)

        if engine == "spark":
            from roleatlas.spark import build_spark

            reports = build_spark(
                store,
                data_dir=root if ingest else None,
                master=spark_master,
                force=force,
                progress=progress,
            )
        else:
            reports = run_build(
                store,
                data_dir=root if ingest else None,
                ingest=ingest,
                force=force,
                progress=progress,
            )
        published = None if no_publish else publish(store)
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in reports], indent=2, default=str))
        return
    for r in reports:
        if r.skipped:
            click.echo(f"{r.stage:<10} unchanged, skipped")
        else:
            note = "  (in the normalize pass)" if r.detail.get("in_normalize_pass") else ""
            click.echo(
                f"{r.stage:<10} {r.rows_in:>8} in {r.rows_out:>8} out {r.quarantined:>6} quarantined {r.seconds:>7.1f}s{note}"
            )
        for file, reason in r.detail.get("refused", {}).items():
            click.echo(f"{'':<10} refused {file}: {reason}")
    if published is not None:
        click.echo(f"{'publish':<10} {published}")


@main.command(name="publish")
@click.option("--rollback", "back", is_flag=True,
              help="Serve the previous published copy again.")  # fmt: skip
@click.option("--list", "show", is_flag=True, help="List the published copies.")
@db_option
def publish_command(back, show, db) -> None:  # type: ignore[no-untyped-def]
    """Publish the store for `roleatlas serve` (a build does this itself), or roll back."""
    path = config.db_path(db)
    if show:
        served = current_release(path)
        for release in releases(path):
            click.echo(("* " if release == served else "  ") + str(release))
        return
    if back:
        click.echo(f"serving {rollback(path)}")
        return
    with Store(path) as store:
        click.echo(f"published {publish(store)}")
