"""The one small protocol every source adapter follows, and the records adapters yield.

An adapter turns one file (or one API response) into :class:`Row` records bound for a store
table, and :class:`Rejected` records for rows it cannot use, each with its reason. Nothing is
dropped silently: every row read becomes exactly one of the two.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Row:
    """One row bound for ``table``; ``row`` is its position in the source file."""

    table: str
    values: dict[str, Any]
    row: int | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """One source row that cannot be stored, with the reason and the raw cells."""

    reason: str
    raw: dict[str, Any] = field(default_factory=dict)
    row: int | None = None


Record = Row | Rejected


@runtime_checkable
class Source(Protocol):
    """A source format: finds its files under a data directory and reads one into records."""

    name: str
    description: str
    #: the store tables this source fills (the ingest layer clears nothing else)
    tables: tuple[str, ...]

    def find(self, data_dir: Path) -> list[Path]:
        """The files of this source under ``data_dir`` (empty when absent)."""
        ...

    def read(self, path: Path) -> Iterator[Record]:
        """Read one file into records; raise ``SourceError`` when the whole file is unusable."""
        ...


@runtime_checkable
class ChunkedSource(Source, Protocol):
    """A source whose per-row work can run apart from reading: on a process pool, say.

    ``chunks`` does the cheap, ordered part (reading lines or CSV cells) in the ingesting
    process; ``records`` turns one chunk into the records ``read`` would have yielded for it,
    as a pure function, so it gives the same records in any process. Row numbers must grow
    from chunk to chunk, as they do in a file read top to bottom.
    """

    def chunks(self, path: Path, *, size: int) -> Iterator[Any]:
        """The file's rows in picklable chunks of at most ``size`` rows, in order."""
        ...

    def records(self, chunk: Any) -> list[Record]:
        """One record per row of ``chunk``, exactly as ``read`` yields them."""
        ...
