"""Split a job description into sections (responsibilities, requirements, benefits, ...).

Two shapes of text occur: Glassdoor and Indeed keep line breaks, so a heading is a line of its
own ("Responsibilities:") or starts a line ("Requirements: 5+ years ..."); the LinkedIn export
lost every line break, so headings are glued to their neighbours ("dashboards.Responsibilities:
Develop", "ResponsibilitiesBuild", "Sojern's bottomlineRequirementsPython"). A heading is a
phrase from a fixed lexicon found at a boundary (line start, after sentence punctuation, or at a
lower-to-upper case glue), followed by a colon, a line end, or a capitalised word. Lines ending
in a colon that are not in the lexicon are classified by keywords.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

KINDS = ("responsibilities", "requirements", "nice_to_have", "benefits", "about_company", "other")

# Templates: "(a|b|)" groups expand to every combination; "" means the group is optional.
_TEMPLATES: dict[str, tuple[str, ...]] = {
    "responsibilities": (
        "(key |primary |main |major |core |essential |principal |general |job |position |role "
        "|your |daily |day to day |specific |the |detailed |)(duties|responsibilities|functions"
        "|accountabilities|tasks)( and responsibilities| & responsibilities| and duties"
        "| and accountabilities| include| will include| of the role| of the position|)",
        "essential (duties|functions) and responsibilities",
        "(what you'll|what you will|what you'd|what you would|here's what you'll|what will you)"
        " (do|be doing|work on|get to do|be responsible for|accomplish|achieve)"
        "( here| in this role| day to day| on a typical day|)",
        "(your|the) (impact|role|mission|opportunity|day to day|contribution)",
        "(the|about the|about this) (role|position|job|opportunity)",
        "(in this role|as a team member|as part of the team|in this position)(,|) you will",
        "(you will|you'll|you would)",
        "(a day in the life|day in the life|how you'll make an impact|how you will make an impact)",
        "(role|job|position) (responsibilities|duties|description and responsibilities)",
        "(what the job involves|what's the job|job description and duties"
        "|job description and responsibilities|job duties and responsibilities)",
    ),
    "nice_to_have": (
        "(preferred|desired|desirable|bonus|nice to have|optional|preferable|plus)"
        "( qualifications| skills| experience| requirements| skills and experience"
        "| knowledge| education| attributes|)",
        "additional (qualifications|skills|experience|preferred qualifications|desired skills)",
        "(nice to haves|nice to have|bonus points|pluses|plus|extra credit|good to have"
        "|even better if|bonus points if|bonus points if you have|it's a plus if"
        "|it would be great if|we'd love it if|ideally you have|ideally|preferred but not required)",
    ),
    "requirements": (
        "(basic |minimum |required |key |essential |job |position |your |the |candidate "
        "|technical |core |mandatory |professional |specific |necessary |)(qualifications"
        "|qualification|requirements|skills|experience|skills and experience|skills & experience"
        "|skills and qualifications|skills & qualifications|qualifications and skills"
        "|experience and qualifications|education and experience|education & experience"
        "|education/experience|knowledge and skills|skills and abilities|competencies"
        "|requirements and qualifications|qualifications and requirements|profile|background)"
        "( required| needed| we're looking for|)",
        "(knowledge, skills and abilities|knowledge, skills, and abilities|knowledge, skills & abilities"
        "|education|what we're looking for|what we are looking for|who we're looking for"
        "|who we are looking for|what you'll need|what you will need|what you need|what you bring"
        "|what you'll bring|what you will bring|what you'll bring to the team|who you are"
        "|about you|you have|you are|you bring|you should have|you must have|must haves|must have"
        "|what we need|is this you|the ideal candidate|ideal candidate|your profile|your background"
        "|what it takes|what you'll need to succeed|we'd love to hear from you if"
        "|we would love to hear from you if|to be successful in this role|requirements include"
        "|you might be a good fit if|you'll be a great fit if|you may be a good fit if)",
    ),
    "benefits": (
        "(benefits|perks|perks and benefits|perks & benefits|benefits and perks|benefits & perks"
        "|our benefits|benefits include|benefits package|compensation and benefits"
        "|compensation & benefits|salary and benefits|total rewards|what we offer|what we can offer"
        "|what we can offer you|we offer|what's in it for you|what you'll get|what you will get"
        "|why join us|why work with us|why work for us|why you'll love working here"
        "|what we offer you|our offer|rewards)",
    ),
    "about_company": (
        "(about us|about the company|about our company|about the team|about our team|who we are"
        "|company overview|company description|company profile|company summary|our company"
        "|our story|our mission|our culture|our team|the company|the team|about the organization"
        "|about the client|our client|the client|organization overview|company information"
        "|about the business|overview of the company|why us)",
    ),
    "other": (
        "(job description|description|position summary|position overview|position description"
        "|position purpose|job summary|job overview|job purpose|role summary|role overview"
        "|role purpose|summary|overview|purpose|job description summary|location|job location"
        "|job type|schedule|salary|compensation|equal opportunity employer|equal employment opportunity"
        "|eeo statement|eeo|additional information|other information|diversity statement"
        "|physical requirements|physical demands|working conditions|work environment|travel"
        "|security clearance|clearance|disclaimer|how to apply|application process|job details"
        "|other details|supervisory responsibilities|work authorization)",
    ),
}

# Single words that often start an ordinary sentence: need a colon, a line of their own or glue.
_WEAK = frozenset(
    "experience education skills location travel purpose profile description overview summary "
    "background role tasks compensation salary schedule clearance plus bonus preferred desired "
    "optional benefits perks rewards ideally qualification duties functions".split()
)

_WEAK_START = re.compile(r"(you|our|what|the ideal)\b")
_APOS = re.compile(r"['’‘`´]")
_NORM_SPACE = re.compile(r"[\s\-]+")


def _norm(phrase: str) -> str:
    return _NORM_SPACE.sub(" ", _APOS.sub("", phrase).casefold()).strip()


def _expand(template: str) -> list[str]:
    parts = re.split(r"(\([^)]*\))", template)
    options = [p[1:-1].split("|") if p.startswith("(") else [p] for p in parts]
    return ["".join(combo) for combo in itertools.product(*options)]


def _phrase_regex(phrase: str) -> str:
    out = []
    for ch in phrase:
        if ch == "'":
            out.append("['’‘`´]?")
        elif ch == " ":
            out.append(r"[\s\-]+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _build_lexicon() -> tuple[dict[str, str], dict[str, re.Pattern[str]]]:
    kinds: dict[str, str] = {}
    by_first: dict[str, list[str]] = {}
    for kind, templates in _TEMPLATES.items():
        for template in templates:
            for phrase in _expand(template):
                if _norm(phrase) not in kinds:
                    kinds[_norm(phrase)] = kind
                    by_first.setdefault(re.split(r"[\s']", phrase)[0], []).append(phrase)
    patterns = {}
    for first, phrases in by_first.items():
        phrases.sort(key=len, reverse=True)
        alternation = "|".join(_phrase_regex(p) for p in phrases)
        patterns[first] = re.compile(f"(?:{alternation})(?-i:(?![a-z]))", re.IGNORECASE)
    return kinds, patterns


_KIND_OF, _PATTERNS = _build_lexicon()


def _trie(words: set[str]) -> str:
    """A regex matching exactly ``words``, factored by prefix (much faster than a flat ``|``)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return emit(tree)


# A heading starts after a line break or sentence punctuation (plus markup), or glued to a
# lower-case letter or digit ("dataResponsibilities"). Lower-case first words count only for
# long words, so that common sentence words ("the", "in") are not looked at.
_FIRST_WORDS = {w.capitalize() for w in _PATTERNS} | {w.upper() for w in _PATTERNS}
_FIRST_WORDS |= {w for w in _PATTERNS if len(w) >= 6}
_FIRST = _trie(_FIRST_WORDS)
# ``(?:^|[\n.!?...])`` as one pattern is tried at every character; split, the punctuation class
# leads and ``re`` scans for it with its fast first-character loop (``_candidates`` matches ``^``)
_LEAD_IN = r"[ \t\xa0*#_•·>\-–—]*"
_AT_START = re.compile(rf"{_LEAD_IN}({_FIRST})(?![a-z])")
_AFTER_BREAK = re.compile(rf"[\n.!?:;)\]\"”*•|/]{_LEAD_IN}({_FIRST})(?![a-z])")
_GLUED = re.compile(r"[A-Z](?<=[a-z0-9%][A-Z])[a-z]+")
_TAIL = re.compile(r"(?:[ \t\xa0]|&#13;)*[*_]*[ \t\xa0]*([:\-–—?.]?)[*_]*(?:[ \t\xa0]|&#13;)*")
# A line ending in a colon; its label is the last sentence before the colon.
_LINE_COLON = re.compile(r"(?::|…|\.\.\.)[ \t\xa0*_]*(?=\n|$)")
_LABEL = re.compile(r"(?:^|(?<=[.!?] )|(?<=\n))[ \t\xa0*#_•·>\-–—]*([A-Za-z][^\n:.!?]{0,80})$")
_KEYWORDS = (
    ("nice_to_have", re.compile(r"\b(preferred|nice[ -]to[ -]have|bonus|desired|desirable|a plus|pluses|ideally)\b", re.I)),
    ("benefits", re.compile(r"\b(benefits?|perks|we offer|offer you|in it for you|rewards|love working)\b", re.I)),
    ("requirements", re.compile(r"\b(qualifications?|requirements?|required|skills?|experience|education|you have|looking for|bring|you need|(you will|you['’]ll|you should|must) have|must[ -]haves?|hear from you|competenc\w*|ideal candidate|abilities|knowledge)\b", re.I)),
    ("responsibilities", re.compile(r"\b(responsib\w*|duties|you will|you['’]ll|day[ -]to[ -]day|be doing|tasks|accountabilit\w*|job functions?|your role|this role)\b", re.I)),
    ("about_company", re.compile(r"^about\b|\b(about us|who we are|our (company|mission|story|culture|values)|company (overview|description|profile))\b", re.I)),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Section:
    """A part of a description: ``text[start:end]``; its body starts at ``body_start``."""

    kind: str
    heading: str
    start: int
    end: int
    body_start: int


def _boundary_ok(text: str, end: int, *, weak: bool, line_start: bool) -> tuple[bool, int]:
    """Whether a heading ending at ``end`` is followed by a heading boundary; and body start."""
    tail = _TAIL.match(text, end)
    assert tail is not None  # the pattern can match the empty string
    body = tail.end()
    nxt = text[body : body + 1]
    if nxt == "" or nxt in "\r\n":
        return True, body
    if tail.group(1) in (".", "?"):
        return False, body  # "The Role." or "Why You?" inside a line is a sentence
    if tail.group(1) == ":":
        return True, body
    glued = body == end
    if glued:
        return nxt.isupper() or nxt in "•·", body
    if tail.group(1):
        return line_start and not weak, body  # "Benefits - " at a line start
    return nxt.isupper() and not weak, body


def _candidates(text: str) -> list[tuple[int, str, bool]]:
    """(start, first word, glued) of every place a heading may start, in text order."""
    first = _AT_START.match(text)  # what ``^`` matched in the one-pattern form
    breaks = _AFTER_BREAK.finditer(text, first.end() if first else 0)
    out = [(m.start(1), m.group(1), False) for m in ([first] if first else []) + list(breaks)]
    out.extend((m.start(), m.group(), True) for m in _GLUED.finditer(text))
    out.sort()
    return out


def _find_headings(text: str) -> list[tuple[int, int, int, str, str]]:
    found: list[tuple[int, int, int, str, str]] = []
    last_end = -1
    for start, word, glued in _candidates(text):
        if start < last_end:
            continue
        pattern = _PATTERNS.get(word.lower())
        if pattern is None:
            continue
        hm = pattern.match(text, start)
        if hm is None:
            continue
        line_begin = text.rfind("\n", 0, start) + 1
        line_start = not glued and not text[line_begin:start].strip(" \t\xa0*#_•·>-–—")
        if not (text[start].isupper() or line_start):
            continue
        phrase = _norm(hm.group())
        ok, body = _boundary_ok(
            text,
            hm.end(),
            weak=phrase in _WEAK or _WEAK_START.match(phrase) is not None,
            line_start=line_start,
        )
        if ok:
            found.append((start, hm.end(), body, _KIND_OF[phrase], hm.group()))
            last_end = body
    for m in _LINE_COLON.finditer(text):
        colon = m.start()
        begin = text.rfind("\n", 0, colon) + 1
        label_match = _LABEL.search(text, max(begin, colon - 90), colon)
        if label_match is None:
            continue
        label_start = label_match.start(1)
        label = text[label_start:colon]
        if len(label.split()) > 14 or any(label_start <= s < m.end() for s, *_ in found):
            continue
        for kind, keyword in _KEYWORDS:
            if keyword.search(label):
                found.append((label_start, colon, m.end(), kind, label))
                break
    found.sort()
    return found


def split_sections(text: str) -> list[Section]:
    """Sections of a job description in text order; offsets index ``text``.

    Args:
        text: the description, with or without line breaks.

    Returns:
        Non-overlapping sections covering the text from the first heading on, plus a leading
        ``other`` section (heading ``""``) for any text before it. A heading directly followed
        by another heading is merged into it.
    """
    if not text:
        return []
    heads = _find_headings(text)
    sections: list[Section] = []
    if not heads or text[: heads[0][0]].strip():
        first = heads[0][0] if heads else len(text)
        sections.append(Section("other", "", 0, first, 0))
    pending: tuple[int, str, str] | None = None  # start, kind, heading of an empty heading
    for i, (start, _end, body, kind, heading) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        body = min(body, stop)
        if pending is not None:
            start = pending[0]
            if kind == "other":
                kind, heading = pending[1], pending[2]
            pending = None
        if not text[body:stop].strip(" \t\r\n\xa0*_:-–—•"):
            if i + 1 < len(heads):
                pending = (start, kind, heading)
                continue
        sections.append(Section(kind, heading, start, stop, body))
    return sections


def section_body(text: str, section: Section) -> str:
    """The text of a section without its heading."""
    return text[section.body_start : section.end]


__all__ = ["KINDS", "Section", "section_body", "split_sections"]
