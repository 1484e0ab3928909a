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
_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Bar:
    """One labelled value; ``note`` is its hover text (n, interval, source)."""

    label: str
    value: float | None
    note: str = ""


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
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{uid}t {uid}d" font-family="system-ui, sans-serif" font-size="13">'
        f'<title id="{uid}t">{escape(title)}</title><desc id="{uid}d">{escape(desc)}</desc>'
    )
    return [head], uid


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK, size: int = 13
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" '
        f'font-size="{size}">{escape(text)}</text>'
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
    """Horizontal bars, one group per row and one bar per series (skill shares side by side)."""
    if not rows:
        return Markup("")
    label_w, width, bar_h, gap = 190, 720, 14, 10
    plot_w = width - label_w - 70
    group_h = bar_h * len(series) + gap
    legend_h = 26
    height = legend_h + group_h * len(rows) + 10
    top = max((b.value or 0) for _, bars in rows for b in bars) or 1
    out, _ = _open(width, height, title, desc)
    for i, name in enumerate(series):
        x = label_w + i * 200
        out.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{PALETTE[i % 4]}"/>')
        out.append(_text(x + 18, 15, _clip(name, 26)))
    for r, (label, bars) in enumerate(rows):
        y0 = legend_h + r * group_h
        out.append(_text(label_w - 8, y0 + group_h / 2, _clip(label), anchor="end"))
        for i, bar in enumerate(bars):
            y = y0 + i * bar_h
            if bar.value is None:
                out.append(_text(label_w + 4, y + bar_h - 3, "no data", fill=MUTED, size=11))
                continue
            w = max(1.0, plot_w * bar.value / top)
            note = bar.note or f"{series[i]}: {bar.value:.1f}{unit}"
            out.append(
                f'<rect x="{label_w}" y="{y:.1f}" width="{w:.1f}" height="{bar_h - 2}" '
                f'fill="{PALETTE[i % 4]}"><title>{escape(note)}</title></rect>'
            )
            out.append(_text(label_w + w + 4, y + bar_h - 3, f"{bar.value:.0f}{unit}", size=11))
    out.append("</svg>")
    return Markup("".join(out))


def bars(
    rows: Sequence[Bar], *, title: str, desc: str, unit: str = "%", money: bool = False
) -> Markup:
    """Horizontal bars for one series (countries, industries)."""
    return (
        grouped_bars(
            [(b.label, [b]) for b in rows], series=[title], title=title, desc=desc, unit=unit
        )
        if not money
        else _money_bars(rows, title=title, desc=desc)
    )


def _money_bars(rows: Sequence[Bar], *, title: str, desc: str) -> Markup:
    if not rows:
        return Markup("")
    label_w, width, bar_h = 190, 720, 22
    plot_w = width - label_w - 90
    height = bar_h * len(rows) + 10
    top = max((b.value or 0) for b in rows) or 1
    out, _ = _open(width, height, title, desc)
    for r, bar in enumerate(rows):
        y = 4 + r * bar_h
        out.append(_text(label_w - 8, y + 14, _clip(bar.label), anchor="end"))
        if bar.value is None:
            out.append(
                _text(label_w + 4, y + 14, bar.note or "not enough data", fill=MUTED, size=12)
            )
            continue
        w = max(1.0, plot_w * bar.value / top)
        out.append(
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h - 6}" fill="{PALETTE[0]}">'
            f"<title>{escape(bar.note)}</title></rect>"
        )
        out.append(_text(label_w + w + 4, y + 14, _money(bar.value), size=12))
    out.append("</svg>")
    return Markup("".join(out))


def boxes(rows: Sequence[Box], *, title: str, desc: str) -> Markup:
    """Salary distributions as horizontal boxes: whiskers p10–p90, box p25–p75, median line."""
    if not rows:
        return Markup("")
    label_w, width, row_h = 250, 760, 34
    plot_w = width - label_w - 30
    height = row_h * len(rows) + 34
    shown = [b for b in rows if not b.suppressed]
    lo = min((b.p10 or b.p25 or b.median or 0) for b in shown) if shown else 0
    hi = max((b.p90 or b.p75 or b.median or 1) for b in shown) if shown else 1
    lo, hi = max(0.0, lo * 0.9), hi * 1.05 or 1

    def sx(v: float) -> float:
        return label_w + plot_w * (v - lo) / ((hi - lo) or 1)

    out, _ = _open(width, height, title, desc)
    for tick in _ticks(lo, hi):
        x = sx(tick)
        out.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 22}" stroke="{GRID}"/>')
        out.append(_text(x, height - 6, _money(tick), anchor="middle", fill=MUTED, size=11))
    for r, b in enumerate(rows):
        y = 6 + r * row_h
        mid = y + row_h / 2 - 3
        out.append(_text(label_w - 8, mid + 4, _clip(f"{b.label} (n={b.n:,})", 38), anchor="end"))
        if b.suppressed:
            out.append(
                _text(label_w + 4, mid + 4, f"not enough data (n={b.n})", fill=MUTED, size=12)
            )
            continue
        p10, p25, p50 = b.p10 or b.p25 or b.median, b.p25 or b.median, b.median
        p75, p90 = b.p75 or b.median, b.p90 or b.p75 or b.median
        note = escape(
            b.note
            or f"{b.label}: median {_money(p50)}, middle half {_money(p25)}–{_money(p75)}, n={b.n}"
        )
        out.append(
            f"<g><title>{note}</title>"
            f'<line x1="{sx(p10):.1f}" y1="{mid:.1f}" x2="{sx(p90):.1f}" y2="{mid:.1f}" stroke="{MUTED}"/>'
            f'<rect x="{sx(p25):.1f}" y="{mid - 9:.1f}" width="{max(1, sx(p75) - sx(p25)):.1f}" '
            f'height="18" fill="{PALETTE[0]}" fill-opacity="0.25" stroke="{PALETTE[0]}"/>'
            f'<line x1="{sx(p50):.1f}" y1="{mid - 9:.1f}" x2="{sx(p50):.1f}" y2="{mid + 9:.1f}" '
            f'stroke="{PALETTE[0]}" stroke-width="3"/></g>'
        )
    out.append("</svg>")
    return Markup("".join(out))


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
            )
        )
    for label in labels:
        x, _ = xy(label, lo)
        out.append(_text(x, height - 8, label, anchor="middle", fill=MUTED, size=11))
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
