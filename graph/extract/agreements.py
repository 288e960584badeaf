"""Agreements: MoUs, memoranda, letters of intent, cooperation/partnership agreements, in
sentences or in tables of planned signatures; with parties, date (precision kept), status."""

import re

from graph.extract.entities import Hit
from graph.extract.readers import Document
from graph.extract.records import Draft
from graph.extract.tables import document_tables
from graph.extract.text import basis, find_date, sentence_at, slug

KINDS = (
    (re.compile(r"\bmou\b|memorand(?:um|a) of understanding|\bmemorandum\b", re.I), "mou"),
    (re.compile(r"letters? of intent|\bloi\b", re.I), "letter_of_intent"),
    (re.compile(r"partnership agreement|signent un partenariat", re.I), "partnership"),
    (
        re.compile(
            r"cooperation agreement|co-operation agreement|agreements? of cooperation", re.I
        ),
        "cooperation",
    ),
    (re.compile(r"collaboration agreement", re.I), "collaboration"),
    (re.compile(r"business agreement", re.I), "business"),
    (re.compile(r"\bjoint agreement\b|\bagreement\b", re.I), "cooperation"),
)
PLANNED = re.compile(
    r"to be signed|will (?:be )?sign|planned|expected|intend|prospective|will run|foreseen|"
    r"under negotiation|shall sign|plan to",
    re.I,
)
RENEWED = re.compile(r"renew|updated|extended|re-signed", re.I)
PREFIX = {
    "mou": "mou",
    "letter_of_intent": "loi",
    "partnership": "partnership",
    "cooperation": "coop",
    "collaboration": "collab",
    "business": "business",
}


def _kind(sentence: str) -> str | None:
    return next((kind for rx, kind in KINDS if rx.search(sentence)), None)


def _status(sentence: str) -> str:
    if RENEWED.search(sentence):
        return "renewed"
    if PLANNED.search(sentence) and not re.search(r"\bsigned (?:in|on)\b", sentence, re.I):
        return "planned"
    return "signed"


def add_agreement(draft, kind, parties, date, status, line, text, confidence, partnership=None):
    parties = list(dict.fromkeys(parties))
    draft.agreements.append(
        {
            "id": f"{PREFIX[kind]}-{slug(' '.join(parties), 8)}",
            "kind": kind,
            "parties": parties,
            "date": date,
            "status": status,
            "line": line,
            "basis": basis(text),
            "confidence": confidence,
            "partnership": partnership,
        }
    )


def agreements(doc: Document, hits: dict[int, list[Hit]], draft: Draft, group=()) -> None:
    """`group`: the members of the report's partnership ("the 10 clusters" as parties)."""
    group = list(group)
    for n, line in enumerate(doc.lines):
        text = line.text
        if not re.search(r"agreement|mou\b|memorand|letter of intent|partenariat", text, re.I):
            continue
        done: set[tuple[int, int]] = set()
        for rx, _ in KINDS:
            for m in rx.finditer(text):
                s, e = sentence_at(text, m.start())
                if (s, e) in done:
                    continue
                done.add((s, e))
                sentence = text[s:e]
                kind = _kind(sentence)
                actors = [h for h in hits.get(n, []) if h.type == "actor" and s <= h.start < e]
                between = re.search(r"\bbetween\b", sentence, re.I)
                if between:
                    after = [h for h in actors if h.start >= s + between.start()]
                    actors = after if len(after) >= 2 else actors
                parties = [h.id for h in actors]
                if group and re.search(
                    r"\b(?:the|all)\s+(?:\d+\s+)?(?:clusters|partners)\b", sentence, re.I
                ):
                    parties = list(dict.fromkeys(parties + group))
                if len(set(parties)) < 2 or kind is None:
                    continue
                date, _ = find_date(sentence)
                add_agreement(
                    draft,
                    kind,
                    parties,
                    date,
                    _status(sentence),
                    line,
                    sentence,
                    0.7 if between else 0.55,
                )
    _agreement_tables(doc, hits, draft)


def _agreement_tables(doc: Document, hits: dict[int, list[Hit]], draft: Draft) -> None:
    by_line = {id(line): n for n, line in enumerate(doc.lines)}
    for table in document_tables(doc):
        if "agreement" not in table.header_text:
            continue
        kind = _kind(table.header_text) or "cooperation"
        responsible = table.column("responsible", "partner", "who")
        status = "planned" if PLANNED.search(table.header_text) else _status(table.caption)
        for line, cells in table.rows:
            row_hits = [h for h in hits.get(by_line[id(line)], []) if h.type == "actor"]
            first = next((h for h in row_hits if h.start == 0), None)
            if first is None:
                continue
            parties = [first.id]
            if responsible is not None and responsible < len(cells):
                offset = line.text.find(cells[responsible])
                parties = [
                    h.id for h in row_hits if offset <= h.start < offset + len(cells[responsible])
                ] + parties
            if len(set(parties)) < 2:
                continue
            date, _ = find_date(cells[-1]) if cells else (None, -1)
            add_agreement(draft, kind, parties, date, status, line, " | ".join(cells), 0.65)
