"""The skills taxonomy: curated core (skills.yaml) plus an O*NET breadth list, with alias forms."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import yaml

from roleatlas.exceptions import TaxonomyError

Kind = Literal["hard", "soft", "certification"]
KINDS = ("hard", "soft", "certification")

#: punctuation that separates words; ``+``, ``#`` and ``&`` stay (C++, C#, R&D)
_SEPARATORS = "!\"$%'()*,-./:;<=>?@[\\]^_`{|}~\t\n\r\x0b\x0c\xa0\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u00b7\u2026\u200b\ufffd\u00ae\u2122\u25cf\u25aa\u2010\u2011\u2012\u2212\u00bb\u00ab\uf0b7\u2023\u2043\u25e6\u2192"
#: length-preserving map: separators become spaces
SEPARATOR_TABLE = str.maketrans(_SEPARATORS, " " * len(_SEPARATORS))  # int->int: fast path
#: a word boundary a scraper glued away: "experienceBachelor", "CASalary", "SQLServer"
GLUE_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-rt-z])|(?<=[A-Z])(?=[A-Z]s[a-z])")
_SPACES_RE = re.compile(r" {2,}")


@dataclass(frozen=True, slots=True)
class Skill:
    """One canonical skill with its spellings and its links to O*NET and ESCO."""

    name: str
    category: str
    kind: Kind
    aliases: tuple[str, ...]
    onet_example: str | None = None
    onet_commodity_code: str | None = None
    onet_hot: bool | None = None
    esco_uri: str | None = None
    cased: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    rule: str | None = None
    source: Literal["core", "onet"] = "core"
    #: the families this skill belongs to ("Random forest" -> "Decision trees"), by name
    broader: tuple[str, ...] = ()


def fold(text: str, *, lower: bool = True) -> str:
    """The matching form of a short string: glue split, separators to spaces, spaces collapsed."""
    text = GLUE_RE.sub(" ", text).translate(SEPARATOR_TABLE)
    text = _SPACES_RE.sub(" ", text).strip()
    return text.lower() if lower else text


def alias_forms(alias: str) -> set[str]:
    """Every folded form the extractor may see for ``alias`` (with and without glue splits)."""
    plain = _SPACES_RE.sub(" ", alias.lower().translate(SEPARATOR_TABLE)).strip()
    return {form for form in (plain, fold(alias)) if form}


@cache
def load_skills() -> tuple[Skill, ...]:
    """All skills: the curated core first, then the O*NET breadth list; validated once."""
    links = _read_json("skill_links.json")
    core = [_core_skill(entry, links.get(entry.get("name"), {})) for entry in _read_core()]
    onet = [_onet_skill(entry) for entry in _read_json("onet_tech_skills.json")]
    skills = tuple(core + onet)
    validate_skills(skills)
    return skills


def validate_skills(skills: tuple[Skill, ...] | list[Skill]) -> None:
    """Raise ``TaxonomyError`` on a duplicate name, a bad kind or an alias claimed twice."""
    names: set[str] = set()
    owner: dict[str, str] = {}
    for skill in skills:
        if not skill.name or skill.name in names:
            raise TaxonomyError(f"skills taxonomy: duplicate or empty skill name {skill.name!r}")
        names.add(skill.name)
        if skill.kind not in KINDS:
            raise TaxonomyError(f"skills taxonomy: {skill.name!r} has unknown kind {skill.kind!r}")
        if skill.name in skill.broader:
            raise TaxonomyError(f"skills taxonomy: {skill.name!r} is its own broader skill")
        for alias in (*skill.aliases, *skill.cased, *skill.ambiguous):
            for form in alias_forms(alias):
                claimed = owner.setdefault(form, skill.name)
                if claimed != skill.name:
                    raise TaxonomyError(
                        f"skills taxonomy: alias {alias!r} claimed by {claimed!r} and {skill.name!r}"
                    )
    for skill in skills:
        unknown = [b for b in skill.broader if b not in names]
        if unknown:
            raise TaxonomyError(f"skills taxonomy: {skill.name!r} has unknown broader {unknown}")


def skills_by_name() -> dict[str, Skill]:
    """Skills keyed by canonical name."""
    return {skill.name: skill for skill in load_skills()}


def _core_skill(entry: dict, link: dict) -> Skill:
    try:
        name = str(entry["name"])
        cased = tuple(str(a) for a in entry.get("cased", ()))
        aliases = [str(a) for a in entry.get("aliases", ())]
        if entry.get("match_name", True) and name not in cased:
            aliases.insert(0, name)
        return Skill(
            name=name,
            category=str(entry["category"]),
            kind=entry.get("kind", "hard"),
            aliases=tuple(dict.fromkeys(aliases)),
            onet_example=link.get("onet_example"),
            onet_commodity_code=link.get("onet_commodity_code"),
            onet_hot=link.get("onet_hot"),
            esco_uri=link.get("esco_uri"),
            cased=cased,
            ambiguous=tuple(str(a) for a in entry.get("ambiguous", ())),
            rule=entry.get("rule"),
            broader=_names(entry.get("broader", ())),
        )
    except (KeyError, TypeError) as exc:
        raise TaxonomyError(f"skills taxonomy: bad entry {entry!r}: {exc}") from None


def _names(value) -> tuple[str, ...]:
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)


def broader_names(name: str) -> tuple[str, ...]:
    """Every family above ``name`` by ``broader`` links, nearest first (for roll-ups)."""
    by_name = skills_by_name()
    out: list[str] = []
    todo = list(by_name[name].broader) if name in by_name else []
    while todo:
        family = todo.pop(0)
        if family not in out:
            out.append(family)
            todo.extend(by_name[family].broader)
    return tuple(out)


def _onet_skill(entry: dict) -> Skill:
    return Skill(
        name=entry["name"],
        category=entry["category"],
        kind="hard",
        aliases=tuple(entry["aliases"]),
        onet_example=entry["onet_example"],
        onet_commodity_code=entry["onet_commodity_code"],
        onet_hot=entry["onet_hot"],
        source="onet",
    )


def _read_core() -> list[dict]:
    text = resources.files("roleatlas.extract").joinpath("skills.yaml").read_text("utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"skills taxonomy: skills.yaml is not valid YAML: {exc}") from None
    if not isinstance(data, list):
        raise TaxonomyError("skills taxonomy: skills.yaml must be a list of skills")
    return data


def _read_json(name: str):
    path = resources.files("roleatlas.extract").joinpath("data", name)
    if not path.is_file():
        return {} if name == "skill_links.json" else []
    return json.loads(path.read_text("utf-8"))


__all__ = [
    "Skill", "alias_forms", "broader_names", "fold", "load_skills", "skills_by_name", "validate_skills",
]  # fmt: skip
