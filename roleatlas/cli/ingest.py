"""``roleatlas ingest``, ``status`` and ``quarantine``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from roleatlas import config
from roleatlas.cli.app import data_dir_option, db_option, main
from roleatlas.exceptions import InputError
from roleatlas.sources import (
    FileReport,
    get_source,
    ingest_all,
    ingest_file,
    list_quarantine,
    quarantine_reasons,
    store_status,
    unread_files,
)
from roleatlas.store import Store

err = Console(stderr=True)


@contextmanager
def progress_bars(enabled: bool) -> Iterator[Progress | None]:
    """Rich progress bars on stderr (disabled when not wanted or not a terminal)."""
    if not enabled:
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as bars:
        yield bars


@main.command()
@click.argument("source", required=False)
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--all", "all_", is_flag=True, help="Ingest every known source under the data directory."
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Column mapping for the generic adapter.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
@db_option
@data_dir_option
def ingest(source, paths, all_, mapping, quiet, db, data_dir) -> None:  # type: ignore[no-untyped-def]
    """Ingest files of SOURCE into the store (or every known source with --all)."""
    if all_ == bool(source):
        raise InputError("give either SOURCE PATH... or --all")
    root = config.data_dir(data_dir)
    options = {}
    if mapping:
        pairs = [m.split("=", 1) for m in mapping]
        if any(len(p) != 2 for p in pairs):
            raise InputError("--map takes FIELD=COLUMN")
        options["mapping"] = dict(pairs)
    with Store(config.db_path(db)) as store, progress_bars(not quiet) as bars:

        def tick(name: str, path: Path):  # type: ignore[no-untyped-def]
            if bars is None:
                return None
            task = bars.add_task(f"{name}: {path.name}", total=None)
            return lambda n: bars.advance(task, n)

        if all_:
            reports = ingest_all(store, root, progress=tick)
        else:
            if not paths:
                raise InputError(f"give the file(s) to ingest with {source}")
            adapter = get_source(source, **options)
            reports = [
                ingest_file(store, adapter, Path(p), data_dir=root, progress=tick(source, Path(p)))
                for p in paths
            ]
    for line in report_lines(reports):
        click.echo(line)
    if all_:
        unread = unread_files(root)
        if unread:
            shown = ", ".join(unread[:5]) + (", …" if len(unread) > 5 else "")
            files = "file" if len(unread) == 1 else "files"
            click.echo(f"{len(unread)} {files} under {root} no adapter reads: {shown}")


def report_lines(reports: list[FileReport]) -> list[str]:
    """One line per file ingested, unchanged or refused, then the counts."""
    lines = []
    for r in reports:
        if r.refused:
            lines.append(f"{r.source:<10} {r.file}: refused: {r.refused}")
            continue
        state = (
            "unchanged, skipped" if r.skipped else f"{r.stored} stored, {r.quarantined} quarantined"
        )
        lines.append(f"{r.source:<10} {r.file}: {r.read} read, {state} ({r.seconds:.1f}s)")
    refused = sum(1 for r in reports if r.refused)
    unchanged = sum(1 for r in reports if r.skipped)
    lines.append(
        f"{len(reports)} files found: {len(reports) - refused - unchanged} ingested, "
        f"{unchanged} unchanged, {refused} refused"
    )
    return lines


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@db_option
def status(as_json, db) -> None:  # type: ignore[no-untyped-def]
    """Per source: rows read, stored, quarantined, duplicates and date range."""
    with Store(config.db_path(db), read_only=True) as store:
        report = store_status(store)
    if as_json:
        click.echo(json.dumps(report, indent=2, default=str))
        return
    table = Table(title=f"store {config.db_path(db)}")
    counts = ("files", "refused", "read", "stored", "quarantined", "duplicates")
    for col in ("source", *counts, "dates"):
        table.add_column(col, justify="left" if col in ("source", "dates") else "right")
    for name, s in report["sources"].items():
        dates = f"{s['first_date']} … {s['last_date']}" if s["first_date"] else "—"
        table.add_row(name, *(str(s[k]) for k in counts), dates)
    Console().print(table)
    for r in report["refused"]:
        click.echo(f"refused: {r['source']} {r['source_file']}: {r['reason']}")


@main.command()
@click.option("--source", default=None, help="Only this source.")
@click.option("--limit", default=50, show_default=True, help="Rows to list.")
@click.option("--summary", is_flag=True, help="Counts per reason instead of rows.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines.")
@db_option
def quarantine(source, limit, summary, as_json, db) -> None:  # type: ignore[no-untyped-def]
    """List quarantined rows with their reasons."""
    with Store(config.db_path(db), read_only=True) as store:
        rows = (
            quarantine_reasons(store)
            if summary
            else list_quarantine(store, source=source, limit=limit)
        )
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, default=str, ensure_ascii=False))
        elif summary:
            click.echo(f"{row['source']:<10} {row['rows']:>7}  {row['reason']}")
        else:
            raw = str(row["raw"])[:80].replace("\n", " ")
            click.echo(
                f"{row['source']}:{row['source_file']}#{row['source_row']}  {row['reason']}  {raw}"
            )
