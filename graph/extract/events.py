"""Events: missions, workshops, matchmaking, B2B/C2C meetings, visits, trade fairs, webinars,
conferences; with date, place, organisers and participants, planned or held."""

import re

from graph.extract.entities import Hit
from graph.extract.places import country_in
from graph.extract.readers import Document
from graph.extract.records import Draft
from graph.extract.tables import document_tables
from graph.extract.text import basis, find_date, sentence_at

KINDS = (
    (r"matchmaking|match-making", "matchmaking"),
    (r"\bb2b\b", "b2b"),
    (r"\bc2c\b", "c2c"),
    (
        r"delegation visit|study visit|exploratory visit|visit(?:ed)? (?:to|of)\b|\bvisits?\b",
        "delegation_visit",
    ),
    (r"trade fair|\bfair\b|exhibition|\bexpo\b|plastasia|brazilplast", "trade_fair"),
    (r"webinar", "webinar"),
    (r"\bmissions?\b", "mission"),
    (r"workshops?", "workshop"),
    (r"conference|congress|forum|summit|\bweek\b", "conference"),
    (r"\bmeeting\b|roadshow|telco", "meeting"),
)
KIND_RX = [(re.compile(rx, re.I), kind) for rx, kind in KINDS]
ANY_EVENT = re.compile("|".join(rx for rx, _ in KINDS), re.I)
FUTURE = re.compile(
    r"\bwill\b|\bto be\b|planned|\bplan\b|next|upcoming|expected|schedule|tbd", re.I
)
ORGANISED = re.compile(r"organi[sz]ed by|hosted by|organi[sz]ing|co-organi[sz]er", re.I)
NAMED = re.compile(
    r"((?:[A-Z][\w’'&.-]*\s+){1,5}(?:[Tt]rade [Ff]air|[Ww]eek|[Ff]orum|[Cc]onference|[Cc]ongress|"
    r"[Ss]ummit|[Ff]air|[Ww]orkshop|[Mm]ission|[Mm]eeting|[Vv]isit|[Ee]xpo|[Ww]ebinar)s?)\b"
)


def _kind(sentence: str) -> str | None:
    return next((kind for rx, kind in KIND_RX if rx.search(sentence)), None)


def events(doc: Document, hits: dict[int, list[Hit]], draft: Draft) -> None:
    table_lines = {id(line) for t in document_tables(doc) for line, _ in t.rows}
    for n, line in enumerate(doc.lines):
        text = line.text
        if id(line) in table_lines and not re.search(r"meeting|event|mission|visit", text, re.I):
            continue
        seen: set[tuple[int, int]] = set()
        for m in ANY_EVENT.finditer(text):
            s, e = sentence_at(text, m.start())
            if (s, e) in seen:
                continue
            seen.add((s, e))
            sentence = text[s:e]
            kind = _kind(sentence)
            if kind is None or len(sentence.split()) < 3:
                continue
            in_sentence = [h for h in hits.get(n, []) if s <= h.start < e]
            actors = [h for h in in_sentence if h.type == "actor"]
            org = ORGANISED.search(sentence)
            organisers = [h.id for h in actors if org and h.start >= s + org.start()][:3]
            participants = [h.id for h in actors if h.id not in organisers]
            countries = [h.id for h in in_sentence if h.type == "country"]
            partnership = next((h.id for h in in_sentence if h.type == "partnership"), None)
            date, _ = find_date(sentence)
            named = NAMED.search(sentence)
            name = named.group(1).strip() if named else " ".join(sentence.split()[:10])
            draft.events.append(
                {
                    "kind": kind,
                    "name": name[:200],
                    "date": date,
                    "line": line,
                    "country": countries[0] if countries else country_in(sentence),
                    "organisers": list(dict.fromkeys(organisers)),
                    "participants": list(dict.fromkeys(participants)),
                    "partnership": partnership,
                    "planned": bool(FUTURE.search(sentence)),
                    "basis": basis(sentence),
                    "confidence": 0.55,
                }
            )
