"""Generate the CLI reference (docs/CLI.md) from the commands' own ``--help``.

Run ``python -m roleatlas.clidocs > docs/CLI.md``; a test checks the file is current.
"""

from __future__ import annotations

import click

from roleatlas.cli import main


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found.extend(_walk(command.commands[name], [*path, name]))
    return found


def cli_reference() -> str:
    """Markdown with the ``--help`` text of every command."""
    lines = [
        "# CLI reference",
        "",
        "Generated from `--help` by `python -m roleatlas.clidocs`; do not edit.",
        "",
    ]
    for path, command in _walk(main, ["roleatlas"]):
        # the root's context settings (``-h``) apply to every command, as when run
        ctx = click.Context(
            command,
            info_name=" ".join(path),
            terminal_width=100,
            max_content_width=100,
            help_option_names=["-h", "--help"],
        )
        lines += [f"## `{' '.join(path)}`", "", "```", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(cli_reference(), end="")
