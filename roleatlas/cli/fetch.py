"""``roleatlas fetch-sources``: download the official public source files."""

from __future__ import annotations

import click

from roleatlas import config
from roleatlas.cli.app import data_dir_option, db_option, main
from roleatlas.sources.fetch import DOWNLOADS, fetch_sources
from roleatlas.sources.http import make_client


@main.command(name="fetch-sources")
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(sorted(DOWNLOADS)),
    help="Fetch only this source (repeatable).",
)
@data_dir_option
def fetch_sources_command(only, data_dir) -> None:  # type: ignore[no-untyped-def]
    """Download the ai-jobs.net, O*NET and BLS OEWS files into the data directory."""
    with make_client() as client:
        report = fetch_sources(config.data_dir(data_dir), client=client, only=only or None)
    for f in report.files:
        click.echo(f"{f.source:<7} {f.path}  {f.bytes:,} bytes  sha256 {f.sha256[:12]}…")
    click.echo(f"{len(report.files)} file(s) in {report.data_dir} ({report.seconds:.1f}s)")


@main.command("fetch-jobs")
@click.argument("source", type=click.Choice(["greenhouse", "lever", "ashby"]))
@click.argument("boards", nargs=-1, required=True)
@click.option("--company", default=None, help="Employer name to record (default: the board name).")
@db_option
@data_dir_option
def fetch_jobs(source, boards, company, db, data_dir) -> None:  # type: ignore[no-untyped-def]
    """Fetch live jobs from public job boards (Greenhouse, Lever, Ashby), save and ingest them."""
    from roleatlas.sources.boards import fetch_board
    from roleatlas.store import Store

    root = config.data_dir(data_dir)
    with Store(config.db_path(db)) as store:
        for board in boards:
            r = fetch_board(store, source, board, data_dir=root, company=company)
            click.echo(
                f"{source} {board}: {r.read} read, {r.stored} stored, {r.quarantined} quarantined ({r.file})"
            )
