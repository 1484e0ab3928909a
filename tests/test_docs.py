"""The docs are tested: the CLI reference is current, and the README's commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import roleatlas
from roleatlas.clidocs import cli_reference

ROOT = Path(__file__).parent.parent


def test_cli_reference_is_current() -> None:
    current = (ROOT / "docs" / "CLI.md").read_text()
    assert current == cli_reference(), "docs/CLI.md is stale: run `make docs`"


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make serve", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^serve:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_examples_are_real_commands() -> None:
    reference = cli_reference()
    readme = (ROOT / "README.md").read_text()
    for line in re.findall(r"^roleatlas ([a-z-]+(?: [a-z-]+)?)", readme, re.M):
        words = line.split()
        assert f"## `roleatlas {words[0]}" in reference, line


def test_public_surface_is_listed() -> None:
    assert roleatlas.__all__
    for name in roleatlas.__all__:
        assert hasattr(roleatlas, name)
