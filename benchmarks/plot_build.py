"""Chart of the build cost curve: wall seconds against postings, log-log, one line per engine.

    python benchmarks/plot_build.py docs/bench/build-results.jsonl docs/bench/build-curve.svg

Reads the JSON lines ``bench_build.py --json`` appends (the last run of each engine and size
wins) and writes a self-contained SVG with the 5-minute target for 1M postings marked.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 150, 30, 50
COLOURS = {"duckdb": "#1b6ca8", "spark": "#d1495b"}
TARGET = (1_000_000, 300.0)


def load(path: Path) -> dict[str, dict[int, float]]:
    """``{engine: {postings: total seconds}}``; later lines replace earlier ones."""
    runs: dict[str, dict[int, float]] = {}
    for line in path.read_text().splitlines():
        if line.strip():
            r = json.loads(line)
            runs.setdefault(r["engine"], {})[int(r["postings"])] = float(r["total_s"])
    return runs


def svg(runs: dict[str, dict[int, float]]) -> str:
    sizes = [n for series in runs.values() for n in series] + [TARGET[0]]
    times = [t for series in runs.values() for t in series.values()] + [TARGET[1]]
    x0, x1 = math.floor(math.log10(min(sizes))), math.ceil(math.log10(max(sizes)))
    y0, y1 = math.floor(math.log10(min(times))), math.ceil(math.log10(max(times)))
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)

    def px(n: float) -> float:
        return LEFT + (math.log10(n) - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT)

    def py(t: float) -> float:
        return HEIGHT - BOTTOM - (math.log10(t) - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="12">',
        "<title>Full build time against postings (log-log)</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
    ]
    for e in range(x0, x1 + 1):
        x = px(10**e)
        out.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{HEIGHT - BOTTOM}" stroke="#ddd"/>'
        )
        label = f"{10**e:,}".replace(",000,000", "M").replace(",000", "k")
        out.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{label}</text>'
        )
    for e in range(y0, y1 + 1):
        y = py(10**e)
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{10**e:g} s</text>')
    out.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 12}" text-anchor="middle">'
        "postings (generated)</text>"
    )
    tx, ty = px(TARGET[0]), py(TARGET[1])
    out.append(
        f'<circle cx="{tx:.1f}" cy="{ty:.1f}" r="6" fill="none" stroke="#333" stroke-width="2"/>'
    )
    out.append(f'<text x="{tx + 10:.1f}" y="{ty + 4:.1f}">target: 1M in 300 s</text>')
    for row, (engine, series) in enumerate(sorted(runs.items())):
        colour = COLOURS.get(engine, "#555")
        points = sorted(series.items())
        path = " ".join(f"{px(n):.1f},{py(t):.1f}" for n, t in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for n, t in points:
            out.append(
                f'<circle cx="{px(n):.1f}" cy="{py(t):.1f}" r="4" fill="{colour}">'
                f"<title>{escape(engine)} {n:,} postings: {t:,.1f} s</title></circle>"
            )
        ly = TOP + 20 * row
        out.append(
            f'<rect x="{WIDTH - RIGHT + 20}" y="{ly}" width="12" height="12" fill="{colour}"/>'
        )
        out.append(f'<text x="{WIDTH - RIGHT + 38}" y="{ly + 11}">{escape(engine)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/bench/build-results.jsonl")
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("docs/bench/build-curve.svg")
    target.write_text(svg(load(source)))
    print(f"wrote {target}")
