"""Cells every CSV that RoleAtlas writes passes through (the site's exports and the CLI's)."""

from __future__ import annotations

from typing import Any

#: a cell starting with one of these runs as a formula in a spreadsheet (OWASP CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value``, with a text that a spreadsheet would run as a formula prefixed by ``'``.

    Numbers are left alone (``-3`` stays a number); text such as ``=HYPERLINK(…)``,
    ``+cmd|…`` or ``-2+3`` is shown as written instead of evaluated.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
