"""ESCO occupations and skills (``id``, ``description`` CSVs) → ``esco_occupations``/``esco_skills``.

``id`` is the ESCO URI; its path says what it names: ``/esco/occupation/...`` an ESCO
occupation, ``/esco/isco/C...`` an ISCO-08 group, ``/esco/skill/...`` a skill.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from roleatlas.exceptions import SourceError
from roleatlas.sources.base import Record, Rejected, Row
from roleatlas.sources.files import read_csv

FOLDER = "esco"
PREFIX = "http://data.europa.eu/esco/"
#: file → (table, the URI kinds the file may hold)
FILES = {
    "occupations.csv": ("esco_occupations", ("occupation", "isco")),
    "skills.csv": ("esco_skills", ("skill",)),
}


class EscoSource:
    """ESCO v1.2 occupations (with ISCO-08 groups) and skills, English labels."""

    name = "esco"
    description = "ESCO occupations, ISCO-08 groups and skills (European Commission)"
    tables = ("esco_occupations", "esco_skills")

    def find(self, data_dir: Path) -> list[Path]:
        folder = Path(data_dir) / FOLDER
        return [folder / name for name in FILES if (folder / name).is_file()]

    def read(self, path: Path) -> Iterator[Record]:
        path = Path(path)
        if path.name not in FILES:
            raise SourceError(f"{path}: not an ESCO file; expected one of {', '.join(FILES)}")
        table, kinds = FILES[path.name]
        for row, cells, problem in read_csv(path, required=("id", "description")):
            if problem:
                yield Rejected(reason=problem, raw=cells, row=row)
                continue
            uri = cells["id"].strip()
            kind = uri_kind(uri)
            if kind not in kinds:
                yield Rejected(reason=f"not an ESCO {' or '.join(kinds)} URI", raw=cells, row=row)
                continue
            values = {"uri": uri, "description": cells["description"].strip() or None}
            if table == "esco_occupations":
                values["kind"] = kind
            yield Row(table=table, values=values, row=row)


def uri_kind(uri: str) -> str | None:
    """``"occupation"``, ``"isco"``, ``"skill"``... for an ESCO URI, else ``None``."""
    if not uri.startswith(PREFIX):
        return None
    kind, _, rest = uri[len(PREFIX) :].partition("/")
    return kind if kind and rest else None


SOURCES = [EscoSource()]
