"""Organisations named by their place in a sentence: title lines, bold list heads, items of
"partners including …", "such as …", "led by …", both sides of "between A and B" and of "A and B
signed …", names before a country in parentheses or a web address, "a partnership named X"."""

import re

from graph.extract.names import (
    Candidate,
    clean_name,
    head_kind,
    is_capitalised,
    look_back,
    normalise_word,
    plausible,
)
from graph.extract.places import country_in, place_lookup
from graph.extract.readers import Line
from graph.extract.vocabulary import CONNECTORS, PARTNERSHIP_HEADS

TITLE = re.compile(
    r"^\W*(?:[\w\- ]*name and acronym|project title|project acronym|acronym|partnership name|"
    r"project name)\s*[:\t]\s*(.{2,160})$",
    re.I,
)
BOLD_HEAD = re.compile(r"^[\s\-•*]*\*\*[“\"]?([^*“”\"]{2,80}?)[”\"]?[¹²³⁴⁵⁶⁷⁸⁹⁰\d]*\*\*")
LIST_LINE = re.compile(
    r"^\W*(participants|partners|members|consortium members|consortium|wp leader|leader|"
    r"lead partners?|coordinator)\s*:\s*(.+)$",
    re.I,
)


def find_titled(line: Line) -> list[Candidate]:
    """Partnership names from title lines ("Acronym: ELCA") and bold list heads; list items
    after "Participants:" / "Leader:"."""
    text, found = line.text, []
    m = TITLE.match(text)
    if m and "grant" not in text.lower():
        value = m.group(1).strip()
        name, _, rest = value.partition(" - ")
        alias = rest.strip() or None
        start = m.start(1)
        found.append(
            Candidate(
                line,
                start,
                start + len(name),
                name.strip(),
                "partnership",
                "project",
                alias=alias,
                how="title",
                confidence=0.7,
            )
        )
    m = BOLD_HEAD.match(text)
    if m and MEMBERS_WORDS.search(text) and head_kind(m.group(1)) != ("actor", "cluster"):
        name = m.group(1).strip(" -–")
        if name and len(name.split()) <= 6 and not name.endswith(":"):
            found.append(
                Candidate(
                    line,
                    m.start(1),
                    m.start(1) + len(name),
                    name,
                    "partnership",
                    "escp-4i",
                    how="title",
                    confidence=0.6,
                )
            )
    m = LIST_LINE.match(text)
    if m:
        offset = m.start(2)
        for item in re.finditer(r"[^,;]+", m.group(2)):
            name = item.group().strip()
            name = re.sub(r"\s*[;(].*$|\s+M\d+.*$", "", name).strip(" ()")
            if (
                1 <= len(name.split()) <= 5
                and len(name) > 2
                and is_capitalised(name)
                and not re.search(r"\d", name)
            ):
                start = offset + item.start() + item.group().find(name)
                found.append(
                    Candidate(
                        line,
                        start,
                        start + len(name),
                        name,
                        "actor",
                        "cluster",
                        how="list-item",
                        confidence=0.65,
                    )
                )
    return found


MEMBERS_WORDS = re.compile(
    r"^\W*\*\*[^*]+\*\*\W*[–\-,:]?.{0,200}\b(?:members|gathers|composed of|partnership|escp)",
    re.I,
)
LISTED = re.compile(
    r"(?:(?:partners|members)(?: are| include)?(?: including|:| such as)|"
    r"(?:networks|clusters|organisations|agencies|associations|partners) such as|"
    r"(?:led|lead|coordinated|chaired) by)\s+(.+)",
    re.I,
)
BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(.+?)\s+and\s+(?:the\s+)?(.+)$", re.I)


def item_candidate(line: Line, text: str, offset: int, item: str, how: str) -> Candidate | None:
    quoted = re.search(r"[“\"]([^”\"]{3,60})[”\"]", item)
    item = quoted.group(1) if quoted else item
    country = None
    place = re.search(r"\s+(?:in|from)\s+(?:the\s+)?([A-Z][\w ]+)$", item)
    if place and country_in(place.group(1)):
        country, item = country_in(place.group(1)), item[: place.start()]
    item = re.split(r",|\s[–—-]\s|\s\(", item)[0]
    name = clean_name(item.strip())
    words = name.split()
    if not name or len(words) > 6 or not is_capitalised(words[0]) or not plausible(name):
        return None
    if len(words) > 1 and not all(is_capitalised(w) or w.lower() in CONNECTORS for w in words):
        name = " ".join(w for w in words if is_capitalised(w) or w.lower() in CONNECTORS)
        words = name.split()
        if not words or not all(is_capitalised(w) for w in (words[0], words[-1])):
            return None
    start = text.find(name, offset)
    if start < 0:
        return None
    kind = head_kind(name) or ("actor", "cluster")
    return Candidate(
        line,
        start,
        start + len(name),
        name,
        kind[0],
        kind[1],
        country=country,
        how=how,
        confidence=0.6,
    )


NAMED_AS = re.compile(
    r"\b((?i:partnership|alliance|network|initiative|project))\b[^.;]{0,30}?\b"
    r"(?:is |was )?(?:named|called)\s+([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,4})"
)
COUNTRY_PAREN = re.compile(r"\(\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s*\)")
URL_PAREN = re.compile(r"\(\s*<?(?:https?://|www\.)")
SIGNERS = re.compile(
    r"^(?:[^–]*[–-]\s+)?(?:the\s+)?([A-Z][^;]{1,80}?)\s+and\s+(?:the\s+)?([A-Z][^;]{1,60}?)"
    r"(?:,[^;]*?)?\s+(?:have\s+|has\s+|will\s+)?(?:sign|signed|renew|renewed|conclude|concluded)\b"
)


def find_listed(line: Line, text: str) -> list[Candidate]:
    """Items of "partners including A in X, B in Y and C", "such as A, B", "led by A", and
    the two sides of "between A and B" in sentences about agreements."""
    found = []
    for m in URL_PAREN.finditer(text) if ("http" in text or "www." in text) else ():
        start, before = look_back(text, m.start(), 80)
        c = item_candidate(line, text, start, before, "list-item") if before.strip() else None
        if c:
            found.append(c)
    for m in COUNTRY_PAREN.finditer(text) if "(" in text else ():
        code = country_in(m.group(1))
        start, before = look_back(text, m.start(), 80)
        if code and normalise_word(m.group(1)) in place_lookup() and len(before.strip()) >= 2:
            c = item_candidate(line, text, start, before.split(",")[-1], "code-item")
            if c:
                c.country = code
                found.append(c)
    for m in NAMED_AS.finditer(text) if ("named" in text or "called" in text) else ():
        name = m.group(2)
        found.append(
            Candidate(
                line,
                m.start(2),
                m.end(2),
                name,
                "partnership",
                PARTNERSHIP_HEADS.get(m.group(1).lower(), "alliance"),
                how="title",
                confidence=0.6,
            )
        )
    for sentence in re.split(r";\s+", text):
        offset = text.find(sentence)
        low_s = sentence.lower()
        signs = "sign" in low_s or "renew" in low_s or "conclud" in low_s
        sign = SIGNERS.search(sentence) if signs else None
        if sign:
            for side in (sign.group(1).split(",")[-1], sign.group(2)):
                c = item_candidate(line, text, offset + sign.start(), side, "list-item")
                if c:
                    found.append(c)
        low = sentence.lower()
        listed = (
            LISTED.search(sentence)
            if (" by " in low or "such as" in low or "partners" in low or "members" in low)
            else None
        )
        if listed:
            tail = re.split(r"[.;:]\s", listed.group(1))[0]
            items = re.split(r",\s*|\s+and\s+(?:the\s+)?", tail)[:15]
            if re.search(r"\bby\s+$", sentence[: listed.start(1)]):
                items = items[:1]
            for item in items:
                c = item_candidate(line, text, offset + listed.start(1), item, "list-item")
                if c:
                    found.append(c)
        b = BETWEEN.search(sentence) if "between" in low else None
        if b and re.search(r"agreement|mou\b|memorand|letter of intent", sentence, re.I):
            for side in (b.group(1), re.split(r"[,.;]\s", b.group(2))[0]):
                c = item_candidate(line, text, offset + b.start(), side, "list-item")
                if c:
                    found.append(c)
    return found
