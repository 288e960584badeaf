"""Known names in a line: actors, partnerships and countries, by name, alias or acronym.

Matching is on folded word n-grams (case, accents and punctuation ignored, as the loader's entity
resolution does), with one guard: a one-word name ("Tweed", "CLEAN", "ICC") must be capitalised
as it is written (an all-capitals acronym in capitals), so common words and sentence starts do
not become organisations. Names not found exactly are matched fuzzily (rapidfuzz) by `resolve`.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from graph.extract.known import KnownEntities
from graph.extract.places import country_names
from graph.extract.readers import Line
from graph.schema.names import normalise

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_WORDS = 14
FUZZY_CUTOFF = 90.0


@dataclass
class Mention:
    line: Line
    start: int
    end: int
    text: str
    type: str  # actor | partnership | country
    ids: list[str] = field(default_factory=list)  # one: resolved; several: ambiguous; none: new
    how: str = "exact"  # exact | fuzzy | new
    score: float = 100.0

    @property
    def resolved(self) -> str | None:
        return self.ids[0] if len(self.ids) == 1 else None


@lru_cache(maxsize=100_000)
def _fold_token(token: str) -> str:
    return normalise(token)


def fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


CAMEL = re.compile(r"[A-Z][a-z]+")


def joined_variants(name: str) -> list[str]:
    """A two-word name in the other spellings reports use for it: joined ("Polymer Ohio" ->
    "PolymerOhio"), split ("OpticsValley" -> "Optics Valley") and in the other order ("Ohio
    Polymer"), as the loader's duplicate report treats joined and reordered words as one name."""
    name = name.strip()
    words = name.split()
    if len(words) == 1:
        words = CAMEL.findall(name)
        if "".join(words) != name:
            return []
    if len(words) != 2 or not all(CAMEL.fullmatch(w) for w in words):
        return []
    a, b = words
    return [f"{a} {b}", f"{b} {a}", f"{a}{b}", f"{b}{a}"]


class NameIndex:
    """Folded names -> (type, id), and the fuzzy pool for names found by patterns."""

    def __init__(self, known: KnownEntities, with_countries: bool = True):
        self.keys: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.prefixes: set[str] = set()
        self.forms: dict[str, set[str]] = defaultdict(set)
        for entity in known.entities.values():
            for name in [entity.name, *entity.aliases]:
                self.add(name, entity.type, entity.id)
                for variant in joined_variants(name):
                    self.add(variant, entity.type, entity.id)
            if "-" in entity.id:
                self.add(entity.id.replace("-", " ").title(), entity.type, entity.id)
        if with_countries:
            for name, code in country_names().items():
                if len(name) > 2:
                    self.keys[name].add(("country", code))
                    self.forms[name].add(name.title())
                    words = name.split()
                    self.prefixes.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
        self.fuzzy_pool = {k: v for k, v in self.keys.items() if len(k) >= 5}
        self.max_words = min(MAX_WORDS, max((k.count(" ") + 1 for k in self.keys), default=1))

    def add(self, name: str, type_: str, ident: str) -> None:
        key = normalise(name)
        if key:
            self.keys[key].add((type_, ident))
            self.forms[key].add(fold_accents(name))
            words = key.split()
            self.prefixes.update(" ".join(words[:n]) for n in range(1, len(words) + 1))

    def _case_ok(self, key: str, span: str) -> bool:
        if " " in key and len(key) > 5:
            return True
        span = fold_accents(span)
        if not span[:1].isupper():
            return False
        if span.isupper():
            return True
        # a name written in capitals ("CLEAN", "ICC") must appear in capitals
        return any(not f.isupper() or len(f) > 6 for f in self.forms[key])

    def find(self, line: Line) -> list[Mention]:
        """Longest known names from left to right, growing each candidate word by word while
        it is still the start of some name (so a line costs about one lookup per word)."""
        text = line.text
        tokens = [(m.start(), m.end(), _fold_token(m.group())) for m in TOKEN.finditer(text)]
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            key, best = "", None
            for n in range(1, min(self.max_words, len(tokens) - i) + 1):
                word = tokens[i + n - 1][2]
                key = f"{key} {word}" if key else word
                if key not in self.prefixes:
                    break
                if key in self.keys:
                    start, end = tokens[i][0], tokens[i + n - 1][1]
                    if self._case_ok(key, text[start:end]):
                        best = (n, start, end, key)
            if best:
                n, start, end, key = best
                found.append(_mention(line, start, end, self.keys[key]))
                i += n
            else:
                i += 1
        return found

    def fuzzy(self, name: str) -> tuple[list[tuple[str, str]], float]:
        """Best fuzzy matches of a name found by a pattern: ([(type, id)], score)."""
        key = normalise(name)
        if len(key) < 5:
            return [], 0.0
        exact = self.keys.get(key)
        if exact:
            return sorted(exact), 100.0
        pool = list(self.fuzzy_pool)
        scored = process.extract(key, pool, scorer=fuzz.token_sort_ratio, limit=3)
        best: list[tuple[set[tuple[str, str]], float]] = [
            (self.keys[b[0]], float(b[1]))
            for b in scored
            if b[1] >= FUZZY_CUTOFF and fuzz.ratio(key, b[0]) >= FUZZY_CUTOFF - 5
        ]
        if not best or (" " not in key and best[0][1] < 95):
            return [], 0.0
        top = best[0][1]
        hits = {h for b in best if top - b[1] <= 2 for h in b[0]}
        return sorted(hits), top


def _mention(line: Line, start: int, end: int, hits: set[tuple[str, str]]) -> Mention:
    types = {t for t, _ in hits}
    # a name that is both a partnership and an actor is read as the partnership's name
    type_ = next(t for t in ("partnership", "actor", "country") if t in types)
    ids = sorted(i for t, i in hits if t == type_)
    return Mention(line, start, end, line.text[start:end], type_, ids)
