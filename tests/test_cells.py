"""Every CSV the CLI writes is safe to open in a spreadsheet."""

from __future__ import annotations

from click.testing import CliRunner

from roleatlas.cells import spreadsheet_safe
from roleatlas.cli import main


def test_formula_cells_are_shown_not_run() -> None:
    for value in ('=HYPERLINK("https://evil.example")', "+cmd|' /C calc'!A0", "@SUM(A1)", "\tx"):
        assert spreadsheet_safe(value) == "'" + value
    assert spreadsheet_safe(-3) == -3
    assert spreadsheet_safe("Data Scientist") == "Data Scientist"


def test_cli_title_csv_neutralizes_formulas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    titles = tmp_path / "titles.csv"
    titles.write_text('title\n"=HYPERLINK(""https://evil.example"",""x"")"\nData Scientist\n')
    result = CliRunner().invoke(main, ["titles", "classify", str(titles), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("\"'=HYPERLINK") for line in lines), lines
    assert not any(line.startswith("=") or line.startswith('"=') for line in lines)
