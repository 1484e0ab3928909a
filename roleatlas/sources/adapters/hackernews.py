"""Hacker News "Who is hiring?" runs: thread comments and HN job stories, as postings.

A run file holds HN items with HTML ``text`` and no title. The role is read from the post's
first line ("Company | Role | Location | REMOTE | $150k | Full-time | URL", fields in any
order), from bullet lines naming roles in the body, or from a "we are hiring a …" sentence.
A post naming several roles becomes one posting per role, sharing the post's description,
its HN id (``external_id``) and its link. Replies, meta comments, job seekers and links to
aggregators are quarantined with their reason. ``row`` is the post's index in ``jobs``, so
the postings of one post share it; their titles, and so their ids, differ.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.generic import source_file
from roleatlas.sources.base import Record, Rejected
from roleatlas.sources.files import read_text
from roleatlas.sources.postings import make_posting

ITEM_URL = "https://news.ycombinator.com/item?id={}"
#: roles one post may list; beyond that the list is more likely prose than roles
MAX_ROLES = 20

_ROLE_NOUN = re.compile(
    r"\b(?:engineers?|developers?|devs?|scientists?|designers?|managers?|leads?|head of|"
    r"directors?|analysts?|architects?|researchers?|interns?|internships?|officers?|"
    r"executives?|assistants?|recruiters?|marketers?|strategists?|specialists?|consultants?|"
    r"administrators?|technicians?|programmers?|sres?|devops|cto|cfo|coo|cmo|cpo|vp|"
    r"co-?founders?|founding|member of technical staff|mts|writers?|advocates?|"
    r"coordinators?|associates?|representatives?|sdrs?|swes?|mles?|testers?|qa|hackers?|"
    r"operators?|physicists?|chemists?|biologists?|mathematicians?|economists?|counsel|"
    r"accountants?|product owners?|generalists?|partners?|staff|principal|experts?|"
    r"professors?|faculty|leaders?|eng|execs?|ae)\b",
    re.I,
)
# "Multiple roles", "Various Roles", "Several positions", "Multiple Openings: …"
_MANY_ROLES = re.compile(r"\b(?:roles|positions|openings|opportunities)\b|^various$", re.I)
# a team named where a role should be ("Engineering & Product"): kept as written, never split
_TEAM = re.compile(
    r"\b(?:engineering|design|product|sales|gtm|marketing|research|development|growth)\b", re.I
)
_ROLE_PREFIX = re.compile(
    r"^(?:(?:multiple|various|several)\s+(?:roles?|positions?|openings?)|roles?|positions?|"
    r"openings?|hiring|now hiring|we(?:'re| are) hiring)\s*(?::|-|–)\s*",
    re.I,
)
_URL = re.compile(
    r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.(?:com|io|ai|org|net|co|dev|app|inc|so|"
    r"xyz|tech|eu|de|uk|fr|work|us|gg|health|jobs|careers|sh|me|studio|vc|bio)(?:/\S*)?)$",
    re.I,
)
_PAY = re.compile(
    r"[$€£¥₹]\s?\d|\d\s?[kK]\b|\d{2,3},\d{3}|\b(?:USD|EUR|GBP|CAD|CHF|SGD|INR|AUD)\b"
    r"|\bequity\b|\bsalary\b|\bcomp(?:ensation)?\b",
)
_EMPLOYMENT = re.compile(
    r"\b(?:full[- ]?time|part[- ]?time|partime|contract(?:or|ing)?|freelance|internships?|"
    r"interns?|permanent|temporary|temp|ft|c2c|w2|1099)\b",
    re.I,
)
_REMOTE = re.compile(
    r"\b(?:remote|onsite|on-site|on site|hybrid|in[- ]office|in[- ]person|wfh|"
    r"work from home|distributed)\b",
    re.I,
)
_NOT_A_PLACE = re.compile(
    r"\b(?:visa|sponsor\w*|required|relocation|benefits|apply|series|funded|yc|startup|"
    r"team|stage|seed|profitable|fluency|english|citizen\w*|clearance|equity)\b",
    re.I,
)
# words of a sentence rather than of a role name, in a bullet line
_SENTENCE_WORD = re.compile(
    r"\b(?:we|you|our|your|i|my|us|they|are|is|was|will|have|has|be|been|can|who|that|which|"
    r"this|if|looking|hiring|join|experience|years?|etc|plus|must|should|love|like)\b",
    re.I,
)
_PROSE = re.compile(r"\b(?:we|we're|you|our|i|i'm|is|are)\b", re.I)
_SEEKER_BODY = re.compile(
    r"willing to relocate\s*:|looking for (?:a job|work|new opportunities)|\bmy (?:cv|resume)\b",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[-*•·–—▪►✓>]+|\d{1,2}[.)])\s*(?=\S)")
# what may follow a role's last noun: a qualifier after a comma or dash, a level, a note
_ROLE_TAIL = re.compile(
    r"(?:,\s|\s[-–—→]\s|\s\(|\s\[|\swith\s).*$|\s+(?:i{1,3}|iv|[1-4])$|\W+$", re.I
)
_ROLE_HEAD = re.compile(
    r"^(?:head|director|vp|chief|member of technical staff)\b|^(?:senior |staff |principal )?"
    r"(?:founding|lead)\b",
    re.I,
)
_FILLER = re.compile(r"^(?:and\s+)?(?:many\s+)?(?:more|others?|other roles|etc)\b", re.I)
_INLINE_URL = re.compile(r"\s*\(?(?:https?://|www\.)\S+\)?")
_ROLE_END = re.compile(r"\s*(?::\s|:$| [-–—|] |https?://|\s@\s)")
_HINT_PARENS = re.compile(r"\s*\(([^()]*)\)\s*$")
_ROLE_SPLIT = re.compile(r"\s*(?:,\s*(?:and|&)?|;|\s&\s|\sand\s|\s\+\s)\s*", re.I)
_KEY_VALUE = re.compile(
    r"^\s*(company|role|roles|position|positions|title|job title|job|location|salary|"
    r"compensation|pay|type|employment|remote)\s*:\s*(.+?)\s*$",
    re.I,
)
_HIRING = re.compile(
    r"\b(?:hiring|looking for|seeking|searching for|recruiting|to hire|is hiring)[:\s]+"
    r"(?:for\s+)?(?:(?:a|an|the|our|two|three|four|five|several|multiple|new|more|some|"
    r"\d+|experienced|talented|exceptional|great|strong)\s+)*"
    r"(?P<role>[^.!?;:()\n]{2,120})",
    re.I,
)
_HIRING_STOP = re.compile(
    r"\s+(?:to|who|with|in|at|on|for|that|based|from|across|as|join|like|remotely|"
    r"and we|\(|–|—|-)(?:\s|$).*$",
    re.I,
)
_PROSE_COMPANY = re.compile(
    r"^(?:at\s+)?(?P<c>[A-Z0-9][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,3}(?:\s+\([^)]{1,40}\))?)"
    r"(?:,\s|\s+(?:is|are|-|–|—)\s)",
)
_TAGS = re.compile(r"<[^>]+>")
_ANCHOR = re.compile(r"<a\s[^>]*>(.*?)</a>", re.I | re.S)
_PARAGRAPH = re.compile(r"<p>|\n", re.I)

_DEAD = frozenset({"[flagged]", "[dead]", "[deleted]"})
_CLOSED = re.compile(
    r"^\W*(?:edit:\s*)?(?:(?:applications?|positions?|roles?|job)\s+)?(?:closed|filled)\b",
    re.I,
)
_AGGREGATOR = re.compile(
    r"aggregat|search tools?|search and chat|can (?:also )?be found on|hn-who|who-is-hiring|"
    r"whoishiring|search (?:through|the posts)|chat with the posts",
    re.I,
)
_SEEKER = re.compile(
    r"^\W*(?:seeking\b|looking for (?:work|a job|a new role|opportunit)|hire me\b|"
    r"i'?m (?:a|an) [\w/ -]{0,30}(?:developer|engineer|designer)\b|subject:.*\bapplication\b|"
    r"available for (?:work|hire))",
    re.I,
)
_DIRECT_TITLE = (
    re.compile(r"^(?P<c>.+?)\s+(?:is|are)\s+hiring\b[\s:–—-]*(?P<rest>.*)$", re.I),
    re.compile(r"^(?P<c>.+?)\s+(?:hiring|needs|seeks|wants)\b[\s:–—-]*(?P<rest>.*)$", re.I),
    re.compile(r"^(?P<c>[^:]+?):\s+(?P<rest>.+)$"),
    re.compile(r"^(?P<c>.+?)\s+[–—]\s+(?:hiring\s+)?(?P<rest>.+)$", re.I),
)
_ARTICLE = re.compile(r"^(?:(?:a|an|the|for|our|its)\s+)+", re.I)
_PAGE_ROLE = re.compile(r"^(?P<role>.+?)\s+(?:at|@)\s+(?P<c>[^|]+?)\s*(?:\||$)")


@dataclass
class Offer:
    """What one post offers: company, roles and the shared details of its header."""

    company: str | None = None
    roles: list[str] = field(default_factory=list)
    location: str | None = None
    remote: str | None = None
    employment: str | None = None
    salary: str | None = None


def plain(fragment: str) -> str:
    """HN HTML as one plain line: links become their text, tags go, entities are decoded."""
    text = _ANCHOR.sub(lambda m: m.group(1), fragment)
    text = html.unescape(_TAGS.sub(" ", text))
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(text: str) -> list[str]:
    """The post's paragraphs and lines as plain text (``<p>`` and raw newlines split them)."""
    return [p for p in (plain(part) for part in _PARAGRAPH.split(text)) if p]


def role_shaped(text: str) -> bool:
    """True when ``text`` reads as a role name: it ends with a role noun ("Staff Engineer",
    "Engineering Manager, Data") or starts as one does ("Head of Product")."""
    core = text.strip()
    for _ in range(3):
        core = _ROLE_TAIL.sub("", core).strip()
    last = core.rsplit(None, 1)[-1] if core else ""
    return bool(last and _ROLE_NOUN.fullmatch(last.split("/")[-1])) or bool(
        _ROLE_HEAD.match(core) and _ROLE_NOUN.search(core)
    )


def has_role(text: str) -> bool:
    """True when ``text`` names a role ("Staff Engineer", "Multiple roles")."""
    return bool(_ROLE_NOUN.search(text) or _MANY_ROLES.search(text.strip()))


def split_roles(text: str) -> list[str]:
    """``"Sr. Engineer & Designer"`` → two roles; a list whose parts are not all roles stays one.

    Commas, ``&``, ``and``, ``+`` and ``;`` split only outside parentheses, so
    ``"Engineers (Fullstack & Backend)"`` stays whole.
    """
    text = balanced(text.strip(" ,;.→"))
    parts = [p for p in list_parts(text) if not _FILLER.match(p)]
    if len(parts) > 1 and all(_ROLE_NOUN.search(p) for p in parts):
        return _unique(parts)
    slashed = [p.strip() for p in text.split("/")]
    if len(slashed) > 1 and all(len(p.split()) > 1 and role_shaped(p) for p in slashed):
        return _unique(slashed)
    return [text] if text else []


def list_parts(text: str) -> list[str]:
    """``text`` split at commas, ``&``, ``and``, ``+`` and ``;`` outside parentheses."""
    parts, start = [], 0
    for match, depth in _split_points(text):
        if depth == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [p.strip(" ,;.") for p in parts if p.strip(" ,;.")]


def balanced(text: str) -> str:
    """``text`` without a parenthesis left open at its end ("Engineer (Remote, US" → "Engineer")."""
    while text.count("(") > text.count(")"):
        text = text[: text.rindex("(")].rstrip(" ,-–—")
    return text


def _split_points(text: str) -> Iterator[tuple[re.Match[str], int]]:
    depth_at = []
    depth = 0
    for char in text:
        depth += char in "(["
        depth -= char in ")]"
        depth_at.append(max(depth, 0))
    for match in _ROLE_SPLIT.finditer(text):
        yield match, depth_at[match.start()]


def _unique(roles: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for role in roles:
        seen.setdefault(role.casefold(), role)
    return list(seen.values())[:MAX_ROLES]


def role_line(line: str, *, bullet: bool) -> str | None:
    """The role a body line names ("- Senior Backend Engineer: https://…"), else None."""
    match = _ROLE_END.search(line)
    if not bullet and match is None and len(line.split()) > 6:
        return None
    candidate = balanced(line[: match.start()] if match else line)
    parens = _HINT_PARENS.search(candidate)
    if parens and (_PAY.search(parens.group(1)) or _REMOTE.search(parens.group(1))):
        candidate = candidate[: parens.start()]
    candidate = _ARTICLE.sub("", candidate.strip(" -–—:,."))
    words = candidate.split()
    if not candidate or len(words) > (10 if bullet else 6) or candidate[0].isdigit():
        return None
    if not bullet and not candidate[0].isupper():
        return None
    if not role_shaped(candidate) or _SENTENCE_WORD.search(candidate):
        return None
    return candidate


def body_roles(lines: list[str]) -> list[str]:
    """Roles listed in the body, one per bullet line (or "Role: link" line)."""
    roles = []
    for line in lines:
        bullet = _BULLET.match(line)
        role = role_line(line[bullet.end() :] if bullet else line, bullet=bool(bullet))
        if role:
            roles.append(role)
    return _unique(roles)


def prose_roles(text: str) -> list[str]:
    """Roles from a sentence: "We're hiring a Lead Software Engineer to …"."""
    for match in _HIRING.finditer(text):
        phrase = _HIRING_STOP.sub("", " " + match.group("role")).strip(" ,")
        parts = [_ARTICLE.sub("", p) for p in list_parts(balanced(phrase))]
        parts = [p for p in parts if role_shaped(p) and len(p.split()) <= 8]
        if parts:
            return _unique(parts)
    return []


def header_fields(line: str) -> list[str]:
    """The first line's fields: split at ``|``, else at dashes between spaces."""
    if "|" in line:
        line = line.replace("[", "|").replace("]", "|")
        parts = line.split("|")
    elif re.search(r"\s[—–]\s", line) or line.count(" - ") >= 2:
        parts = re.split(r"\s+[—–-]\s+", line)
    elif line.count(";") >= 2:
        parts = line.split(";")
    else:
        return [line]
    parts = [p.strip(" ,.:") for p in parts if p.strip(" ,.:")]
    # dashes also join clauses of a sentence: only short fields without "we"/"is" are a header
    if "|" not in line and any(len(p.split()) > 10 or _PROSE.search(p) for p in parts):
        return [line]
    return parts


def read_header(fields: list[str]) -> Offer:
    """Company, roles, place, remote flag, employment type and pay from the header's fields."""
    offer = Offer()
    first, rest = fields[0], fields[1:]
    first = _INLINE_URL.sub("", _ROLE_PREFIX.sub("", first)).strip()
    at = re.match(r"^(?P<role>.+?)\s+(?:@|at)\s*(?P<c>[A-Z].*)$", first)
    role_fields: list[str] = []
    others: list[str] = []
    places: list[str] = []
    if at and _ROLE_NOUN.search(at.group("role")):
        role_fields.append(at.group("role"))
        company, _, place = at.group("c").partition(" in ")
        offer.company = company.strip(" ()") or None
        if place:
            places.append(place.strip(" ()"))
    for part in rest:
        part = _INLINE_URL.sub("", part).strip(" ,")
        if not part or _URL.match(part) or len(part.split()) > 12:
            continue
        intern_only = _EMPLOYMENT.search(part) and not _other_role(part)
        if role_shaped(part) and not intern_only and not re.match(r"[$€£¥₹\d~]", part):
            role_fields.append(part)
            continue
        if _PAY.search(part) and re.search(r"\d", part):
            offer.salary = offer.salary or part
            continue
        if _EMPLOYMENT.search(part) and len(part) <= 40 and not _other_role(part):
            types = [m.group(0) for m in _EMPLOYMENT.finditer(part)]
            offer.employment = offer.employment or ", ".join(_unique(types))
            if _REMOTE.search(part):
                offer.remote = offer.remote or part
            continue
        if _MANY_ROLES.search(part) or _TEAM.search(part) and not _REMOTE.search(part):
            role_fields.append(part)
            continue
        if _REMOTE.search(part):
            offer.remote = offer.remote or part
            if _REMOTE.sub("", part).strip(" ()/,&-"):
                places.append(part)
            continue
        (others if _NOT_A_PLACE.search(part) else places).append(part)
    if offer.company is None and not role_fields and role_shaped(first) and len(fields) > 1:
        role_fields.append(first)
        offer.company = others.pop(0) if others else (places.pop() if len(places) > 1 else None)
    elif offer.company is None and len(first.split()) <= 8 and not _PROSE.search(first):
        offer.company = first
    offer.location = places[0] if places else None
    offer.roles = role_fields
    return offer


def _other_role(text: str) -> bool:
    """True when ``text`` names a role other than an intern's."""
    return any(m.group(0).lower() not in {"intern", "interns"} for m in _ROLE_NOUN.finditer(text))


def expand_roles(role_fields: list[str], body: list[str]) -> list[str]:
    """One title per role: listed roles split, "multiple roles" resolved from the body."""
    roles: list[str] = []
    generic: str | None = None
    for role_field in role_fields:
        listed = _ROLE_PREFIX.sub("", role_field).strip()
        if _MANY_ROLES.search(role_field) or not role_shaped(role_field):
            parts = split_roles(listed) if listed != role_field.strip() else []
            if len(parts) > 1:
                roles.extend(parts)
            else:
                generic = generic or role_field
            continue
        roles.extend(split_roles(listed or role_field))
    if roles:
        return _unique(roles)
    found = body_roles(body)
    if found:
        return found
    return [generic] if generic else []


def key_values(lines: list[str]) -> dict[str, str]:
    """``Company: X`` / ``Role: Y`` / ``Location: Z`` lines heading a post."""
    found: dict[str, str] = {}
    for line in lines[:12]:
        match = _KEY_VALUE.match(line)
        if match and len(match.group(2).split()) <= 8:
            key = match.group(1).lower()
            key = {"roles": "role", "position": "role", "positions": "role", "title": "role",
                   "job title": "role", "job": "role", "compensation": "salary",
                   "pay": "salary", "type": "employment"}.get(key, key)  # fmt: skip
            found.setdefault(key, match.group(2))
    return found


def read_comment(text: str) -> Offer | str:
    """The offer of a thread comment, or the reason it is not one."""
    lines = paragraphs(text)
    if not lines:
        return "no text"
    whole = " ".join(lines)
    head = lines[0]
    if whole.lower() in _DEAD:
        return "flagged, dead or deleted post"
    if _CLOSED.match(whole):
        return "position closed"
    fields = header_fields(head)
    if _SEEKER.match(head) or (len(fields) < 3 and _SEEKER_BODY.search(whole[:400])):
        return "job seeker, not a job offer"
    if len(fields) < 3 and len(whole) < 800 and _AGGREGATOR.search(whole):
        return "link to a job aggregator or search tool"
    offer = read_header(fields) if len(fields) > 1 else Offer()
    pairs = key_values(lines)
    if pairs:
        offer.company = offer.company or pairs.get("company")
        offer.location = offer.location or pairs.get("location")
        offer.salary = offer.salary or pairs.get("salary")
        offer.remote = offer.remote or pairs.get("remote")
        offer.employment = offer.employment or pairs.get("employment")
        if not offer.roles and role_shaped(pairs.get("role") or ""):
            offer.roles.append(pairs["role"])
    offer.roles = expand_roles(offer.roles, lines[1:])
    if not offer.roles:
        offer.roles = prose_roles(" ".join(lines[:3]))
        if offer.company is None or len(fields) == 1:
            company = _PROSE_COMPANY.match(head)
            offer.company = company.group("c") if company else offer.company
    if not offer.roles:
        if len(fields) == 1 and len(whole) < 300 and not _HIRING.search(whole):
            return "reply or meta comment, not a job offer"
        return "no role named in the post"
    return offer


def read_story(text: str) -> Offer | str:
    """The offer of an HN job story: its title, else the linked page's "Role at Company"."""
    lines = [plain(line) for line in text.split("\n") if line.strip()]
    if not lines:
        return "no text"
    if "<p>" in lines[0] or "<p>" in text.split("\n", 1)[0]:
        return read_comment(text)
    title = lines[0]
    offer = Offer()
    rest = ""
    for pattern in _DIRECT_TITLE:
        match = pattern.match(title)
        if match:
            offer.company = match.group("c").strip(" –—-:") or None
            rest = match.group("rest").strip()
            break
    parts = [p.strip() for p in re.split(r"\s+[–—-]\s+", rest) if p.strip()]
    role = _ARTICLE.sub("", parts[0]) if parts else ""
    for part in parts[1:]:
        if _PAY.search(part) and re.search(r"\d", part):
            pay, _, place = part.partition(" in ")
            offer.salary, offer.location = pay.strip(), (place.strip() or None)
        elif _REMOTE.search(part):
            offer.remote = part
    role = balanced(_HIRING_STOP.sub("", " " + role).strip(" ,:"))
    if role and not has_role(role):
        role = ""
    if not role and len(lines) > 1:
        page = _PAGE_ROLE.match(lines[1])
        if page and _ROLE_NOUN.search(page.group("role")) and len(page.group("role").split()) <= 10:
            role = page.group("role").split(": ")[0].strip()
    if not role:
        return "no role named in the story title"
    offer.roles = split_roles(role)
    return offer


def _posted(value: Any) -> date | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value, UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _item_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def load_jobs(path: Path) -> list[Any]:
    """The ``jobs`` array of a run file; a file that is not a run raises ``SourceError``."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        raise SourceError(f"{path}: not a Hacker News run (no 'jobs' array)")
    return data["jobs"]


@dataclass(frozen=True)
class HackerNewsJobs:
    """HN "Who is hiring?" comments and job stories from the gantryops run dumps."""

    name: str = "hackernews"
    description: str = 'Hacker News "Who is hiring?" posts and job stories (2026 runs)'
    tables: tuple[str, ...] = ("postings",)

    def find(self, data_dir: Path) -> list[Path]:
        """The ``hn-*/runs/<date>/raw.json`` files under ``data_dir``."""
        return sorted(Path(data_dir).glob("hn-*/runs/*/raw.json"))

    def read(self, path: Path) -> Iterator[Record]:
        """One record per role of each post; rejected posts give one record each."""
        path = Path(path)
        name = source_file(path)
        for row, job in enumerate(load_jobs(path)):
            yield from self._records(name, row, job)

    def _records(self, name: str, row: int, job: Any) -> Iterator[Record]:
        if not isinstance(job, dict):
            yield Rejected(reason="not a JSON object", raw={"job": repr(job)[:2000]}, row=row)
            return
        item = _item_id(job.get("id"))
        text = job.get("text")
        if item is None:
            yield Rejected(reason="no HN item id", raw=job, row=row)
            return
        if not isinstance(text, str) or not text.strip():
            yield Rejected(reason="no text", raw=job, row=row)
            return
        offer = read_story(text) if job.get("source") == "direct" else read_comment(text)
        if isinstance(offer, str):
            yield Rejected(reason=offer, raw=job, row=row)
            return
        body = text if text.lstrip().lower().startswith("<p>") else "<p>" + text
        for role in offer.roles:
            yield make_posting(
                source=self.name,
                source_file=name,
                row=row,
                raw=job,
                external_id=str(item),
                title=role,
                company=offer.company,
                location=offer.location,
                remote_text=offer.remote,
                employment_type=offer.employment,
                salary_text=offer.salary,
                description=body,
                posted_date=_posted(job.get("time")),
                date_kind="posted",
                date_precision="day",
                url=ITEM_URL.format(item),
            )


SOURCES = (HackerNewsJobs(),)
