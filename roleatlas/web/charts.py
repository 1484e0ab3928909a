"""Charts as server-side SVG: no JavaScript, no network, readable by screen readers.

Every chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>``; every mark carries its
own ``<title>`` (value, n and source), which browsers show on hover. Colours are presentation
attributes so a chart reads the same inside a page, in an exported file or on its own.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

PALETTE = ("#2458a6", "#d0711b", "#2f8a5b", "#8a3fa0")
INK, MUTED, GRID = "#1b1f24", "#5b6470", "#d9dee4"
#: drawn size over viewBox size on a wide screen; narrower screens shrink the chart to fit
SCALE = 1.25
_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Bar:
    """One labelled value; ``note`` is its hover text (n, interval, source)."""

    label: str
    value: float | None
    note: str = ""
    #: the figure printed beside the bar (or in its place when ``value`` is None)
    text: str = ""


@dataclass(frozen=True, slots=True)
class Box:
    """One group's percentiles (p10, p25, median, p75, p90), or ``None`` when suppressed."""

    label: str
    n: int
    p10: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    p90: float | None = None
    note: str = ""

    @property
    def suppressed(self) -> bool:
        return self.median is None


def _open(width: int, height: int, title: str, desc: str) -> tuple[list[str], str]:
    uid = f"c{next(_ids)}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{round(width * SCALE)}" '
        f'height="{round(height * SCALE)}" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{uid}t {uid}d" font-family="system-ui, sans-serif" font-size="13">'
        f'<title id="{uid}t">{escape(title)}</title><desc id="{uid}d">{escape(desc)}</desc>'
    )
    return [head], uid


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    fill: str = INK,
    size: int = 13,
    cls: str = "",
) -> str:
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" '
        f'font-size="{size}"{klass}>{escape(text)}</text>'
    )


def data_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Markup:
    """A chart's figures as a table in a closed ``<details>``: the chart's text alternative."""
    if not rows:
        return Markup("")
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(c)}</td>" for c in row[1:])
        + "</tr>"
        for row in rows
    )
    return Markup(
        '<details class="chart-data"><summary>Chart data as a table</summary>'
        f'<div class="table-wrap"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>"
    )


def _clip(label: str, n: int = 28) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def _money(v: float) -> str:
    return f"${v / 1000:,.0f}K"


def grouped_bars(
    rows: Sequence[tuple[str, Sequence[Bar]]],
    *,
    series: Sequence[str],
    title: str,
    desc: str,
    unit: str = "%",
) -> Markup:
    """Horizontal bars, one group per row and one bar per series (skill shares side by side).

    Each group's label sits on its own line above its bars, across the full width, so no label is
    ever cut and a phone can enlarge the text (``.lab``/``.val`` in site.css) without overlap.
    """
    if not rows:
        return Markup("")
    width, pad, bar_h, label_h, gap = 640, 8, 18, 24, 10
    plot_w = width - 2 * pad - 64
    group_h = label_h + bar_h * len(series) + gap
    legend_h = 28 if len(series) > 1 else 4
    height = legend_h + group_h * len(rows) + 4
    top = max((b.value or 0) for _, bars in rows for b in bars) or 1
    out, _ = _open(width, height, title, desc)
    if len(series) > 1:
        for i, name in enumerate(series):
            x = pad + i * (width // 2)
            out.append(f'<rect x="{x}" y="5" width="12" height="12" fill="{PALETTE[i % 4]}"/>')
            out.append(_text(x + 18, 16, _clip(name, 40), cls="lab"))
    for r, (label, bars) in enumerate(rows):
        y0 = legend_h + r * group_h
        out.append(_text(pad, y0 + label_h - 6, label, cls="lab"))
        for i, bar in enumerate(bars):
            y = y0 + label_h + i * bar_h
            if bar.value is None:
                shown = bar.text or "no data"
                out.append(
                    f"<g><title>{escape(bar.note or f'{series[i]}: {shown}')}</title>"
                    + _text(pad + 4, y + bar_h - 4, shown, fill=MUTED, size=12, cls="val")
                    + "</g>"
                )
                continue
            w = max(1.0, plot_w * bar.value / top) if bar.value > 0 else 0.0
            note = bar.note or f"{series[i]}: {bar.value:.1f}{unit}"
            out.append(
                f'<rect x="{pad}" y="{y:.1f}" width="{w:.1f}" height="{bar_h - 3}" '
                f'fill="{PALETTE[i % 4]}"><title>{escape(note)}</title></rect>'
            )
            shown = bar.text or f"{bar.value:.0f}{unit}"
            out.append(_text(pad + max(w, 1.0) + 5, y + bar_h - 4, shown, size=12, cls="val"))
    out.append("</svg>")
    return Markup("".join(out))


def bars(rows: Sequence[Bar], *, title: str, desc: str, unit: str = "%") -> Markup:
    """Horizontal bars for one series (countries, industries)."""
    return grouped_bars(
        [(b.label, [b]) for b in rows], series=[title], title=title, desc=desc, unit=unit
    )


def bars_table(
    rows: Sequence[tuple[str, Sequence[Bar]]], *, series: Sequence[str], caption: str
) -> Markup:
    """The text alternative of :func:`grouped_bars`: one row per group, one column per series."""
    return data_table(
        caption,
        ["", *series],
        [[label, *(b.text or ("–" if b.value is None else f"{b.value:.0f}%") for b in bars)]
         for label, bars in rows],
    )  # fmt: skip


def boxes(rows: Sequence[Box], *, title: str, desc: str) -> Markup:
    """Salary distributions as horizontal boxes: whiskers p10–p90, box p25–p75, median line.

    Each box's label sits on its own line above the box, across the full width: long labels
    ("Entry-level / Junior · board estimate (n=3)") are never cut, at any screen width.
    """
    if not rows:
        return Markup("")
    width, pad, label_h, box_h, row_h = 640, 8, 24, 18, 52
    plot_w = width - 2 * pad
    axis_h = 28
    top_pad = 4
    height = top_pad + row_h * len(rows) + axis_h
    shown = [b for b in rows if not b.suppressed]
    lo = min((b.p10 or b.p25 or b.median or 0) for b in shown) if shown else 0
    hi = max((b.p90 or b.p75 or b.median or 1) for b in shown) if shown else 1
    lo, hi = max(0.0, lo * 0.9), hi * 1.05 or 1

    def sx(v: float) -> float:
        return pad + plot_w * (v - lo) / ((hi - lo) or 1)

    out, _ = _open(width, height, title, desc)
    for tick in _ticks(lo, hi):
        x = sx(tick)
        if x > width - 30 or x < pad + 20:
            continue
        out.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - axis_h + 4}" stroke="{GRID}"/>'
        )
        out.append(
            _text(x, height - 8, _money(tick), anchor="middle", fill=MUTED, size=11, cls="tick")
        )
    for r, b in enumerate(rows):
        y = top_pad + r * row_h
        mid = y + label_h + box_h / 2 + 2
        out.append(_text(pad, y + label_h - 4, f"{b.label} (n={b.n:,})", cls="lab"))
        if b.suppressed:
            out.append(
                _text(
                    pad + 4, mid + 4, f"not enough data (n={b.n})", fill=MUTED, size=12, cls="val"
                )
            )
            continue
        p10, p25, p50 = b.p10 or b.p25 or b.median, b.p25 or b.median, b.median
        p75, p90 = b.p75 or b.median, b.p90 or b.p75 or b.median
        note = escape(
            b.note
            or f"{b.label}: median {_money(p50)}, middle half {_money(p25)}–{_money(p75)}, n={b.n}"
        )
        half = box_h / 2
        out.append(
            f"<g><title>{note}</title>"
            f'<line x1="{sx(p10):.1f}" y1="{mid:.1f}" x2="{sx(p90):.1f}" y2="{mid:.1f}" stroke="{MUTED}"/>'
            f'<rect x="{sx(p25):.1f}" y="{mid - half:.1f}" width="{max(1, sx(p75) - sx(p25)):.1f}" '
            f'height="{box_h}" fill="{PALETTE[0]}" fill-opacity="0.25" stroke="{PALETTE[0]}"/>'
            f'<line x1="{sx(p50):.1f}" y1="{mid - half:.1f}" x2="{sx(p50):.1f}" y2="{mid + half:.1f}" '
            f'stroke="{PALETTE[0]}" stroke-width="3"/></g>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def boxes_table(rows: Sequence[Box], *, caption: str) -> Markup:
    """The text alternative of :func:`boxes`: n and percentiles per box."""

    def cells(b: Box) -> list[str]:
        if b.suppressed:
            return [b.label, f"{b.n:,}", f"not enough data (n={b.n})", "", "", "", ""]
        return [b.label, f"{b.n:,}"] + [
            _money(v) if v is not None else "–" for v in (b.p10, b.p25, b.median, b.p75, b.p90)
        ]

    return data_table(caption, ["Group", "n", "p10", "p25", "Median", "p75", "p90"],
                      [cells(b) for b in rows])  # fmt: skip


def line(
    series: Sequence[tuple[str, Sequence[Bar]]], *, title: str, desc: str, money: bool = False
) -> Markup:
    """A line per series over shared x labels (demand or pay over time); gaps where no value."""
    labels: list[str] = []
    for _, points in series:
        for p in points:
            if p.label not in labels:
                labels.append(p.label)
    labels.sort()
    values = [p.value for _, pts in series for p in pts if p.value is not None]
    if not labels or not values:
        return Markup("")
    width, height, left, bottom, top_pad = 720, 260, 70, 30, 30
    plot_w, plot_h = width - left - 20, height - bottom - top_pad
    lo, hi = (0.0, max(values) * 1.1 or 1)
    step = plot_w / max(1, len(labels) - 1)

    def xy(label: str, v: float) -> tuple[float, float]:
        x = left + (labels.index(label) * step if len(labels) > 1 else plot_w / 2)
        return x, top_pad + plot_h - plot_h * (v - lo) / (hi - lo)

    out, _ = _open(width, height, title, desc)
    for tick in _ticks(lo, hi):
        _, y = xy(labels[0], tick)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 20}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        out.append(
            _text(
                left - 6,
                y + 4,
                _money(tick) if money else f"{tick:,.0f}",
                anchor="end",
                fill=MUTED,
                size=11,
                cls="tick",
            )
        )
    for label in labels:
        x, _ = xy(label, lo)
        out.append(_text(x, height - 8, label, anchor="middle", fill=MUTED, size=11, cls="tick"))
    for i, (name, points) in enumerate(series):
        colour = PALETTE[i % 4]
        pts = sorted(
            (p for p in points if p.value is not None), key=lambda p: labels.index(p.label)
        )
        coords = [xy(p.label, p.value) for p in pts]  # type: ignore[arg-type]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
            )
        for p, (x, y) in zip(pts, coords, strict=True):
            out.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">'
                f"<title>{escape(p.note or f'{name} {p.label}: {p.value}')}</title></circle>"
            )
        if len(series) > 1:
            out.append(f'<rect x="{left + i * 200}" y="6" width="12" height="12" fill="{colour}"/>')
            out.append(_text(left + i * 200 + 18, 17, _clip(name, 26)))
    out.append("</svg>")
    return Markup("".join(out))


def line_table(
    series: Sequence[tuple[str, Sequence[Bar]]], *, caption: str, money: bool = False
) -> Markup:
    """The text alternative of :func:`line`: one row per x label, one column per series."""
    labels = sorted({p.label for _, points in series for p in points})
    values = {(name, p.label): p.value for name, points in series for p in points}

    def cell(v: float | None) -> str:
        if v is None:
            return "–"
        return _money(v) if money else f"{v:,.0f}"

    rows = [[x, *(cell(values.get((name, x))) for name, _ in series)] for x in labels]
    return data_table(caption, ["", *(name for name, _ in series)], rows)


def _ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    span = hi - lo
    if span <= 0:
        return [lo]
    raw = span / count
    mag = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = (lo // step + 1) * step if lo % step else lo
    ticks, t = [], first
    while t <= hi:
        ticks.append(t)
        t += step
    return ticks
