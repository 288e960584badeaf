"""Name helpers: what a capitalised run of words is, how to clean it, whether it is plausibly
an organisation, which kind its head word suggests, what an acronym abbreviates."""

import re
from dataclasses import dataclass

from graph.extract.mentions import fold_accents
from graph.extract.places import place_lookup
from graph.extract.readers import Line
from graph.extract.vocabulary import (
    ACTOR_HEADS,
    COMMON,
    CONNECTORS,
    GENERIC,
    LOWER_HEADS,
    NO_SUPERSCRIPTS,
    PARTNERSHIP_HEADS,
    PLURALS,
    PROGRAMMES,
    STOP,
    WORD,
)


@dataclass
class Candidate:
    line: Line
    start: int
    end: int
    name: str
    type: str = "actor"  # actor | partnership
    kind: str = "cluster"
    alias: str | None = None
    country: str | None = None
    how: str = "name"  # name | acronym | code-item | list-item | table-row
    confidence: float = 0.6


def is_capitalised(word: str) -> bool:
    w = fold_accents(word).lstrip("'’-")
    return bool(w) and w[0].isupper()


def acronym_alias(alias: str | None, name: str) -> str | None:
    last = name.split()[-1]
    mixed = not name.isupper()
    if not alias and mixed and len(name.split()) > 2 and last.isupper() and len(last) >= 3:
        alias = last
    return alias if alias and alias != name else None


def plausible(name: str) -> bool:
    """Not a generic phrase: a lower-case head needs two capitalised words that are not places
    ("Basque Energy cluster", not "EU-Canada cluster"); no digits first; not a heading."""
    words = name.split()
    if not words or not is_capitalised(words[0]) or name.lower() in GENERIC:
        return False
    if PROGRAMMES.search(name):
        return False
    low = [normalise_word(w) for w in words]
    if any(w in PLURALS for w in low) or name.lower() in COMMON or low[0] in {"number", "table"}:
        return False
    if len(words) == 1 and normalise_word(name) in place_lookup():
        return False
    places = place_lookup()
    rest = [w for w in words if w.lower() not in ACTOR_HEADS and w.lower() not in CONNECTORS]
    if rest and all(
        any(normalise_word(p) in places for p in re.split(r"[-/]", w)) or w.upper() == "EU"
        for w in rest
    ):
        return False
    head = next((w for w in words if w.lower() in ACTOR_HEADS), None)
    if head and head.islower() and head in LOWER_HEADS:
        return len([w for w in words if is_capitalised(w)]) >= 2
    return not (head and head.islower() and head not in LOWER_HEADS)


def normalise_word(word: str) -> str:
    return fold_accents(word).lower().strip(".'’")


def head_kind(name: str) -> tuple[str, str] | None:
    words = [w.lower().strip(".,") for w in name.split()]
    if "international" in words and ("network" in words or "alliance" in words):
        return "partnership", "network"
    for w in reversed(words):
        if w in PARTNERSHIP_HEADS:
            return "partnership", PARTNERSHIP_HEADS[w]
    for w in words:
        w2 = fold_accents(w) if w not in ACTOR_HEADS else w
        if w in ACTOR_HEADS or w2 in ACTOR_HEADS:
            return "actor", ACTOR_HEADS.get(w, ACTOR_HEADS.get(w2, "cluster"))
    if name.lower().endswith(("e.v.", "e.v", "gmbh", " ltd", " ab", " s.l.", " z.s.")):
        return "actor", "cluster"
    return None


def clean_name(name: str) -> str:
    words = name.translate(NO_SUPERSCRIPTS).strip(" .-–'’").split()
    while words and (words[0].lower().strip("'’") in STOP or not is_capitalised(words[0])):
        words.pop(0)
    while words and (words[-1].lower() in CONNECTORS or words[-1].lower() in {"in", "from"}):
        words.pop()
    return " ".join(words).strip(" .-–")


def capitalised_runs(text: str, offset: int):
    """Maximal runs of capitalised words (with connectors inside) in one segment."""
    words = [(m.start() + offset, m.end() + offset, m.group()) for m in WORD.finditer(text)]
    run: list[tuple[int, int, str]] = []
    for i, w in enumerate(words):
        low = w[2].lower()
        nxt = words[i + 1][2] if i + 1 < len(words) else ""
        if (
            is_capitalised(w[2])
            or (run and low in CONNECTORS and is_capitalised(nxt))
            or (run and (low in ACTOR_HEADS or low in PARTNERSHIP_HEADS))
        ):
            run.append(w)
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


def trailing_name(text: str) -> str:
    """The name at the end of a phrase: after its last lower-case word that is no connector
    ("Participants included Proplast" -> "Proplast")."""
    words = text.split()
    for i in range(len(words) - 1, -1, -1):
        w = words[i].strip(",.'’")
        if w and w[0].islower() and "." not in w and w not in CONNECTORS and w not in ACTOR_HEADS:
            return " ".join(words[i + 1 :])
    return text


def fit_suffix(acronym: str, run: str) -> str:
    """The shortest end of a run that the acronym abbreviates: "Plastipolis and the All India
    Plastics Manufacturers Association (AIPMA)" -> "All India Plastics ... Association"."""
    words = run.split()
    first = fold_accents(acronym)[:1].upper()
    for k in range(1, len(words) + 1):
        tail = " ".join(words[-k:])
        if fold_accents(words[-k])[:1].upper() == first and initials_fit(acronym, tail):
            return tail
    return run


def initials_fit(acronym: str, name: str) -> bool:
    letters = [c for c in fold_accents(acronym).upper() if c.isalpha()]
    initials = "".join(fold_accents(w)[0].upper() for w in name.split() if w[:1].isalnum())
    it = iter(initials)
    return len(letters) >= 2 and all(c in it for c in letters)


SEPARATORS = ',;:()[]“”"•▪○·\t*'


def look_back(text: str, end: int, limit: int = 90) -> tuple[int, str]:
    """The text between the last separator before `end` and `end` (at most `limit` chars)."""
    start = max(end - limit, 0)
    for i in range(end - 1, start - 1, -1):
        if text[i] in SEPARATORS:
            start = i + 1
            break
    return start, text[start:end]
