"""Sources: one adapter per format, and ingestion of their rows into the store."""

from roleatlas.sources.base import Record, Rejected, Row, Source
from roleatlas.sources.ingest import FileReport, discover, ingest_all, ingest_file, unread_files
from roleatlas.sources.registry import all_sources, get_source
from roleatlas.sources.status import list_quarantine, quarantine_reasons, store_status

__all__ = [
    "Source",
    "Row",
    "Rejected",
    "Record",
    "FileReport",
    "ingest_file",
    "ingest_all",
    "discover",
    "unread_files",
    "all_sources",
    "get_source",
    "store_status",
    "list_quarantine",
    "quarantine_reasons",
]
