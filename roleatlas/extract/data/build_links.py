"""One-off builder of the bundled skill links and the O*NET breadth list (needs the data dir).

Run from the repository root::

    .venv/bin/python -m roleatlas.extract.data.build_links

Writes ``skill_links.json`` (curated skill -> O*NET example, commodity code, hot flag, ESCO URI)
and ``onet_tech_skills.json`` (O*NET technology examples used by data and computer occupations
that the curated core lacks and that are safe to match) beside this file. Runtime never reads
the data directory.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from roleatlas.config import data_dir
from roleatlas.extract.skill_taxonomy import _core_skill, alias_forms, fold

HERE = Path(__file__).parent
#: occupations whose technology examples feed the breadth list
BREADTH_SOC = re.compile(r"^(15-|11-3021|13-2051|13-1161|19-3022|19-1029)")
_VENDORS = ("microsoft", "oracle", "ibm", "sap", "apache", "amazon", "google", "adobe", "atlassian",
            "the mathworks", "sas", "tibco", "informatica", "red hat", "hewlett packard", "cisco",
            "salesforce", "qlik tech", "statacorp", "teradata", "esri", "vmware", "autodesk", "intuit",
            "apple", "dell", "bmc software", "micro focus", "opentext", "hp", "elastic",
            "mongodb", "docker", "tableau", "splunk")  # fmt: skip
_COMPANIES = {"google", "facebook", "twitter", "linkedin", "youtube", "amazon", "microsoft", "apple",
              "ibm", "oracle", "yahoo", "instagram", "salesforce", "adobe"}  # fmt: skip
_GENERIC = {"software", "database", "platform", "services", "system", "systems", "suite", "tools"}


def main() -> None:
    """Build both files and print a summary."""
    base = data_dir()
    core = [_core_skill(e, {}) for e in yaml.safe_load((HERE.parent / "skills.yaml").read_text())]
    rows = _read_onet(base / "onet-29.3" / "Technology Skills.txt")
    common = _common_words(base / "esco" / "skills.csv") | _lowercase_posting_words(base)
    links = _link_onet(core, rows)
    for name, uri in _link_esco(core, base / "esco" / "skills.csv").items():
        links.setdefault(name, {})["esco_uri"] = uri
    breadth = _breadth(
        core,
        rows,
        common,
        linked={v["onet_example"] for v in links.values() if "onet_example" in v},
    )
    (HERE / "skill_links.json").write_text(json.dumps(links, indent=1, sort_keys=True) + "\n")
    (HERE / "onet_tech_skills.json").write_text(json.dumps(breadth, indent=1) + "\n")
    print(f"linked {sum('onet_example' in v for v in links.values())} skills to O*NET, "
          f"{sum('esco_uri' in v for v in links.values())} to ESCO; breadth list {len(breadth)}")  # fmt: skip


def _read_onet(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _common_words(esco: Path) -> set[str]:
    """Lower-case words of ordinary English prose (ESCO definitions): unsafe as a bare alias."""
    words: Counter[str] = Counter()
    with esco.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            words.update(re.findall(r"\b[a-z][a-z0-9]+\b", row["description"]))
    return {w for w, n in words.items() if n >= 2}


def _lowercase_posting_words(base: Path) -> set[str]:
    """Words that postings write in lower case somewhere ("flex PTO", "a better chatbot")."""
    csv.field_size_limit(1 << 28)
    words: set[str] = set()
    for path in sorted(base.glob("*/*.csv")):
        if path.parent.name.split("-")[0] not in ("glassdoor", "linkedin", "indeed"):
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    words.update(re.findall(r"(?<![\w.@/])[a-z][a-z0-9]+\b", cell))
    return words


def _forms(skill) -> set[str]:
    return {f for a in (*skill.aliases, *skill.cased, *skill.ambiguous) for f in alias_forms(a)}


def _link_onet(core, rows) -> dict[str, dict]:
    uses: Counter[str] = Counter(r["Example"] for r in rows)
    hot: dict[str, bool] = defaultdict(bool)
    code: dict[str, str] = {}
    for r in rows:
        hot[r["Example"]] |= r["Hot Technology"] == "Y"
        code[r["Example"]] = r["Commodity Code"]
    best: dict[str, tuple[int, int, str]] = {}
    all_forms = [(form, skill.name, len(form.split())) for skill in core for form in _forms(skill)]
    for example in uses:
        folded = fold(example)
        words = folded.split()
        owner, owner_len, exact = None, 0, 0
        for form, name, n in all_forms:
            if form in folded:
                hit = folded == form
                hit = hit or (folded.endswith(" " + form) and len(words) - n <= 3)
                hit = hit or (folded.startswith(form + " ") and set(words[n:]) <= _GENERIC)
                if hit and len(form) > owner_len:
                    owner, owner_len, exact = name, len(form), int(folded == form)
        if owner is not None:
            score = (exact, uses[example], example)
            if owner not in best or score > best[owner]:
                best[owner] = score
    return {
        name: {"onet_example": ex, "onet_commodity_code": code[ex], "onet_hot": hot[ex]}
        for name, (_, _, ex) in best.items()
    }


def _link_esco(core, path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(r["id"], r["description"]) for r in csv.DictReader(handle)]
    out: dict[str, tuple[int, str]] = {}
    labels = sorted(
        ((a, s.name, a in s.cased) for s in core for a in (*s.aliases, *s.cased)),
        key=lambda t: -len(t[0]),
    )
    for uri, desc in rows:
        for alias, name, cased in labels:
            head = desc[: len(alias)]
            if (head == alias if cased else head.lower() == alias.lower()) and desc[
                len(alias) : len(alias) + 1
            ] in (" ", "("):
                score = (2 if desc[len(alias) : len(alias) + 2] == " (" else 1) * 100000 - len(desc)
                if name not in out or score > out[name][0]:
                    out[name] = (score, uri)
                break
    return {name: uri for name, (_, uri) in out.items()}


def _breadth(core, rows, common: set[str], *, linked: set[str]) -> list[dict]:
    core_forms = {f for s in core for f in _forms(s) if len(f) > 2}
    taken = {f for s in core for f in _forms(s)} | {s.name.lower() for s in core}
    picked: dict[str, dict] = {}
    for r in rows:
        example = r["Example"]
        if not BREADTH_SOC.match(r["O*NET-SOC Code"]) or example in linked or example in picked:
            continue
        aliases = _safe_aliases(example, common)
        forms = {f for a in aliases for f in alias_forms(a)}
        if not aliases or example.lower() in _COMPANIES or forms & taken:
            continue
        # an example that contains a curated spelling would shadow it ("Amazon Web Services AWS")
        if any(f" {t} " in f" {f} " for f in forms for t in core_forms):
            continue
        picked[example] = {
            "name": example,
            "category": r["Commodity Title"].lower(),
            "aliases": aliases,
            "onet_example": example,
            "onet_commodity_code": r["Commodity Code"],
            "onet_hot": r["Hot Technology"] == "Y",
        }
        taken.update(f for a in aliases for f in alias_forms(a))
    hot = {r["Example"] for r in rows if r["Hot Technology"] == "Y"}
    for entry in picked.values():  # a hot flag on any occupation counts
        entry["onet_hot"] = entry["name"] in hot
    return sorted(picked.values(), key=lambda e: e["name"].lower())


def _safe_aliases(example: str, common: set[str]) -> list[str]:
    """Spellings of an O*NET example that cannot be an ordinary word or phrase."""
    out = []
    trimmed = re.sub(r"\s+software$", "", example)
    candidates = [example, trimmed]
    lowered = trimmed.lower()
    for vendor in _VENDORS:
        if lowered.startswith(vendor + " "):
            candidates.append(trimmed[len(vendor) + 1 :])
    for cand in dict.fromkeys(candidates):
        words = fold(cand).split()
        if not words or all(w in common for w in words) or len(fold(cand)) < 4:
            continue
        if len(words) == 1 and (words[0] in common or not re.search(r"[a-z]", words[0])):
            continue
        out.append(cand)
    return out


if __name__ == "__main__":
    main()
