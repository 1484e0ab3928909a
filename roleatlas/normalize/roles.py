"""The role taxonomy (``roles.yaml``) and the seniority scale that titles are normalized to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from roleatlas.exceptions import TaxonomyError

SENIORITY_LEVELS: tuple[str, ...] = (
    "intern",
    "entry",
    "mid",
    "senior",
    "lead",
    "manager",
    "director",
    "executive",
)

# ai-jobs.net experience levels: EN entry, MI mid, SE senior, EX executive/director.
_TO_EXPERIENCE = {
    "intern": "EN",
    "entry": "EN",
    "mid": "MI",
    "senior": "SE",
    "lead": "SE",
    "manager": "SE",
    "director": "EX",
    "executive": "EX",
}
# EX rows are mostly directors and heads; ai-jobs.net describes EX as "Executive-level / Director".
_FROM_EXPERIENCE = {"EN": "entry", "MI": "mid", "SE": "senior", "EX": "director"}
_EXPERIENCE_NAMES = {"ENTRY": "EN", "MID": "MI", "SENIOR": "SE", "EXECUTIVE": "EX"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ONET = re.compile(r"^\d\d-\d{4}\.\d\d$")
_ESCO = "http://data.europa.eu/esco/occupation/"


@dataclass(frozen=True)
class Role:
    """One role of the taxonomy."""

    slug: str
    name: str
    family: str
    definition: str
    aliases: tuple[str, ...] = ()
    onet_codes: tuple[str, ...] = ()
    esco_uris: tuple[str, ...] = ()
    broader: str | None = None


@dataclass(frozen=True)
class Taxonomy:
    """All roles by slug, plus the role families."""

    roles: dict[str, Role]
    families: dict[str, str] = field(default_factory=dict)

    def get(self, slug: str) -> Role:
        """The role with this slug; raises ``TaxonomyError`` for an unknown slug."""
        try:
            return self.roles[slug]
        except KeyError:
            raise TaxonomyError(f"unknown role {slug!r}") from None

    def alias_index(self) -> dict[str, str]:
        """Every alias (and role name) in lower case, mapped to its role slug."""
        index: dict[str, str] = {}
        for role in self.roles.values():
            for alias in (role.name.lower(), *role.aliases):
                index.setdefault(alias, role.slug)
        return index


def parse_taxonomy(doc: Any) -> Taxonomy:
    """Build and validate a ``Taxonomy`` from the parsed YAML document."""
    if not isinstance(doc, dict) or not isinstance(doc.get("roles"), dict):
        raise TaxonomyError("roles.yaml: top level must be a mapping with a 'roles' mapping")
    families = {str(k): str(v) for k, v in (doc.get("families") or {}).items()}
    roles: dict[str, Role] = {}
    for slug, entry in doc["roles"].items():
        roles[slug] = _parse_role(slug, entry, families)
    aliases: dict[str, str] = {}
    for role in roles.values():
        if role.broader is not None and role.broader not in roles:
            raise TaxonomyError(f"role {role.slug!r}: unknown broader role {role.broader!r}")
        for alias in role.aliases:
            if aliases.setdefault(alias, role.slug) != role.slug:
                raise TaxonomyError(
                    f"alias {alias!r} is used by {aliases[alias]!r} and {role.slug!r}"
                )
    _check_cycles(roles)
    return Taxonomy(roles=roles, families=families)


def _parse_role(slug: Any, entry: Any, families: dict[str, str]) -> Role:
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise TaxonomyError(f"bad role slug {slug!r}")
    if not isinstance(entry, dict):
        raise TaxonomyError(f"role {slug!r}: entry must be a mapping")
    for key in ("name", "family", "definition"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise TaxonomyError(f"role {slug!r}: missing {key}")
    if families and entry["family"] not in families:
        raise TaxonomyError(f"role {slug!r}: unknown family {entry['family']!r}")
    onet = tuple(entry.get("onet_codes") or ())
    esco = tuple(entry.get("esco_uris") or ())
    if bad := [c for c in onet if not _ONET.match(str(c))]:
        raise TaxonomyError(f"role {slug!r}: bad O*NET code {bad[0]!r}")
    if bad := [u for u in esco if not str(u).startswith(_ESCO)]:
        raise TaxonomyError(f"role {slug!r}: bad ESCO URI {bad[0]!r}")
    return Role(
        slug=slug,
        name=entry["name"],
        family=entry["family"],
        definition=" ".join(entry["definition"].split()),
        aliases=tuple(str(a).lower() for a in entry.get("aliases") or ()),
        onet_codes=onet,
        esco_uris=esco,
        broader=entry.get("broader"),
    )


def _check_cycles(roles: dict[str, Role]) -> None:
    for slug in roles:
        seen = {slug}
        current = roles[slug].broader
        while current is not None:
            if current in seen:
                raise TaxonomyError(f"role {slug!r}: broader roles form a cycle")
            seen.add(current)
            current = roles[current].broader


def taxonomy_from_text(text: str) -> Taxonomy:
    """Parse and validate taxonomy YAML text; duplicate slugs are an error, not a merge."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"roles.yaml is not valid YAML: {exc}") from None
    # PyYAML silently keeps the last of two equal keys, so count role slugs in the raw text.
    slugs = re.findall(r"^  ([a-z0-9-]+):\s*$", text, flags=re.MULTILINE)
    if dupes := sorted({s for s in slugs if slugs.count(s) > 1}):
        raise TaxonomyError(f"roles.yaml: duplicate role slug {dupes[0]!r}")
    return parse_taxonomy(doc)


@cache
def load_taxonomy() -> Taxonomy:
    """The bundled role taxonomy, validated once and cached."""
    text = resources.files("roleatlas.normalize").joinpath("roles.yaml").read_text("utf-8")
    return taxonomy_from_text(text)


def experience_level(seniority: str) -> str:
    """The ai-jobs.net experience level (EN, MI, SE, EX) for a seniority level."""
    try:
        return _TO_EXPERIENCE[seniority]
    except KeyError:
        raise TaxonomyError(f"unknown seniority {seniority!r}") from None


def seniority_from_experience(level: str) -> str:
    """The seniority level for an ai-jobs.net experience level such as ``SE`` or ``Senior-level``."""
    key = level.strip().upper()
    key = _EXPERIENCE_NAMES.get(key.split("-")[0].split()[0], key) if key else key
    try:
        return _FROM_EXPERIENCE[key]
    except KeyError:
        raise TaxonomyError(f"unknown experience level {level!r}") from None
