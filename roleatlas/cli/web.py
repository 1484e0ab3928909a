"""``roleatlas serve``, ``export-site`` and ``snapshot``."""

from __future__ import annotations

import click

from roleatlas import config
from roleatlas.cli.app import db_option, main


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@db_option
def serve(host, port, workers, db) -> None:  # type: ignore[no-untyped-def]
    """Serve the web app on the store's published results (or the bundled snapshot).

    The site reads the copy `roleatlas build` publishes, never the store itself, so a build can
    run meanwhile; it switches to each new copy when the build publishes it.
    """
    import os

    import uvicorn

    from roleatlas.web.datasource import open_source
    from roleatlas.web.settings import WebSettings

    path = config.db_path(db)
    os.environ["ROLEATLAS_DB"] = str(path)
    os.environ["ROLEATLAS_FOLLOW"] = "1"
    settings = WebSettings.from_env()
    source = open_source(db=path, snapshot=settings.snapshot, publish_first=True)
    origin = getattr(source, "note", None) or (
        f"published results {source.path}"
        if source.kind == "store"
        else f"bundled snapshot (no store at {path})"
        if source.kind == "snapshot"
        else f"nothing (no store at {path}, no snapshot)"
    )
    source.close()
    click.echo(f"serving {origin} on http://{host}:{port}", err=True)
    uvicorn.run(
        "roleatlas.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )


@main.command(name="export-site")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--base-url", default="", help="Public origin for sitemap.xml.")
@db_option
def export_site_command(directory, base_url, db) -> None:  # type: ignore[no-untyped-def]
    """Write every role, comparison and salary page to DIRECTORY as static HTML."""
    from roleatlas.web import export_site, open_source
    from roleatlas.web.settings import WebSettings

    settings = WebSettings.from_env(db=db)
    source = open_source(db=settings.db, snapshot=settings.snapshot)
    counts = export_site(source, directory, base_url=base_url)
    click.echo(
        f"{counts['roles']} roles, {counts['comparisons']} comparisons, "
        f"{counts['salaries']} salary pages written to {directory} (from the {source.kind})"
    )


@main.command()
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Snapshot file (default: the one bundled in the package).")  # fmt: skip
@db_option
def snapshot(out, db) -> None:  # type: ignore[no-untyped-def]
    """Bundle the derived figures of a built store for serving without one."""
    from roleatlas.web import make_snapshot
    from roleatlas.web.settings import BUNDLED_SNAPSHOT

    report = make_snapshot(config.db_path(db), out or BUNDLED_SNAPSHOT)
    kinds = ", ".join(
        f"{report[k]} {k}" for k in ("profile", "comparison", "salaries") if k in report
    )
    click.echo(f"snapshot {report['path']}: {kinds} ({report['bytes']:,} bytes)")
