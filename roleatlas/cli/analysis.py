"""``roleatlas role`` and ``roleatlas compare``: print stored profiles and comparisons."""

from __future__ import annotations

import json

import click

from roleatlas import config
from roleatlas.analyze import comparison_data, profile_data, render_html, render_markdown
from roleatlas.analyze.aggregates import load_roles
from roleatlas.analyze.render import render_profile_markdown
from roleatlas.cli.app import db_option, main
from roleatlas.exceptions import NotFoundError
from roleatlas.store import Store


def _check_slug(slug: str) -> None:
    roles = load_roles()
    if slug not in roles:
        close = [s for s in roles if slug.split("-")[0] in s][:5]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise NotFoundError(f"unknown role {slug!r}{hint}; `roleatlas role --list` shows them")


@main.command("role")
@click.argument("slug", required=False)
@click.option("--json", "fmt", flag_value="json", help="Print the profile JSON.")
@click.option(
    "--markdown", "fmt", flag_value="markdown", default=True, help="Print Markdown (default)."
)
@click.option("--list", "list_", is_flag=True, help="List the role slugs.")
@db_option
def role_command(slug: str | None, fmt: str, list_: bool, db: str | None) -> None:
    """Print the profile of role SLUG (from the last `roleatlas build`)."""
    if list_ or not slug:
        for s, r in load_roles().items():
            click.echo(f"{s:<34} {r.name}")
        return
    _check_slug(slug)
    with Store(config.db_path(db), read_only=True) as store:
        profile = profile_data(store, slug)
    click.echo(
        json.dumps(profile, indent=2, ensure_ascii=False)
        if fmt == "json"
        else render_profile_markdown(profile),
        nl=False,
    )
    if fmt == "json":
        click.echo()


@main.command("compare")
@click.argument("a")
@click.argument("b")
@click.option("--json", "fmt", flag_value="json", help="Print the comparison JSON.")
@click.option(
    "--markdown", "fmt", flag_value="markdown", default=True, help="Print Markdown (default)."
)
@click.option("--html", "fmt", flag_value="html", help="Print a standalone HTML article.")
@db_option
def compare_command(a: str, b: str, fmt: str, db: str | None) -> None:
    """Compare roles A and B (either order) from the last `roleatlas build`."""
    _check_slug(a)
    _check_slug(b)
    with Store(config.db_path(db), read_only=True) as store:
        data = comparison_data(store, a, b)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif fmt == "html":
        click.echo(render_html(data), nl=False)
    else:
        click.echo(render_markdown(data), nl=False)
