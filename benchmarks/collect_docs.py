"""Collect docs/bench/*.md (summary first) into docs/BENCHMARKS.md.

    python benchmarks/collect_docs.py
"""

from __future__ import annotations

import re
from pathlib import Path

ORDER = ("ingest", "titles", "salaries", "normalize", "extract", "sections", "analyze", "web", "build")
DOCS = Path(__file__).resolve().parent.parent / "docs"
_IMAGE = re.compile(r"\]\(([\w.-]+\.(?:svg|png))\)")


def collect() -> str:
    """The summary, then every area's write-up with its headings one level down."""
    parts = [(DOCS / "bench" / "summary.md").read_text().rstrip() + "\n"]
    for name in ORDER:
        path = DOCS / "bench" / f"{name}.md"
        if not path.exists():
            continue
        lines = path.read_text().strip().splitlines()
        lines = ["#" + line if line.startswith("#") else line for line in lines]
        # images next to the write-up: the collected file sits one folder up
        lines = [_IMAGE.sub(r"](bench/\1)", line) for line in lines]
        parts.append("\n".join(lines) + f"\n\n_Source: [docs/bench/{name}.md](bench/{name}.md)._\n")
    return "\n".join(parts)


if __name__ == "__main__":
    (DOCS / "BENCHMARKS.md").write_text(collect())
    print(f"wrote {DOCS / 'BENCHMARKS.md'}")
