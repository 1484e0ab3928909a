"""Analysis: role profiles, role-vs-role comparisons and salary insights from the store.

Shapes of every result: docs/DATA_SHAPES.md.
"""

from roleatlas.analyze.compare import pair_key, salary_band
from roleatlas.analyze.render import render_html, render_markdown
from roleatlas.analyze.run import (
    ANALYZER_VERSION,
    analyze,
    comparison_data,
    compute,
    load_result,
    profile_data,
    salary_data,
)
from roleatlas.analyze.salaries import salary_stats

__all__ = [
    "ANALYZER_VERSION",
    "analyze",
    "compute",
    "comparison_data",
    "load_result",
    "pair_key",
    "profile_data",
    "render_html",
    "render_markdown",
    "salary_band",
    "salary_data",
    "salary_stats",
]
