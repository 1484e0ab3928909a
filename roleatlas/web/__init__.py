"""The web app: server-rendered pages, JSON and CSV from the same data functions, SVG charts.

``create_app()`` serves the store built by ``roleatlas build`` or, without one, the bundled
snapshot of derived figures. ``export_site()`` writes the role, comparison and salary pages as
static HTML.
"""

from roleatlas.web.app import create_app
from roleatlas.web.datasource import DataSource, SnapshotSource, StoreSource, open_source
from roleatlas.web.export import export_site
from roleatlas.web.settings import WebSettings
from roleatlas.web.snapshot import make_snapshot

__all__ = [
    "create_app",
    "export_site",
    "make_snapshot",
    "open_source",
    "DataSource",
    "SnapshotSource",
    "StoreSource",
    "WebSettings",
]
