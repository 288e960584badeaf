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
    (re.compile(r"partnerships? with", re.I), "partnership"),
)
PLANNED = re.compile(
    r"to be signed|will (?:be )?sign|planned|expected|intend|prospective|will run|foreseen|"
    r"under negotiation|shall sign|plan to|seek to|\bwill\b",
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
    """`group`: the members of the report's partnership: "each of the five partners will sign"
    gives one agreement per member, "the 10 clusters signed" one with all of them, and an
    agreement row of a planning table that names no party is the partnership's own."""
    group = list(group)
    planning = _planning_rows(doc)
    for n, line in enumerate(doc.lines):
        text = line.text
        if not AGREEMENT_WORDS.search(text):
            continue
        done: set[tuple[int, int]] = set()
        for rx, _ in KINDS:
            for m in rx.finditer(text):
                s, e = sentence_at(text, m.start())
                if (s, e) in done:
                    continue
                done.add((s, e))
                _sentence(draft, hits.get(n, []), line, s, e, group, planning.get(id(line)))
    _agreement_tables(doc, hits, draft)


AGREEMENT_WORDS = re.compile(
    r"agreement|mou\b|memorand|letter of intent|partenariat|partnerships? with", re.I
)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """ "... one MoU between A and B and another one between C and D": one clause per
    "between"; a sentence without it is one clause."""
    starts = [m.start() for m in re.finditer(r"\bbetween\b", sentence, re.I)]
    if len(starts) < 2:
        return [(0, len(sentence))]
    return list(zip(starts, [*starts[1:], len(sentence)], strict=True))


def _sentence(draft, hits, line, s, e, group, planned_date) -> None:
    sentence = line.text[s:e]
    kind = _kind(sentence)
    if kind is None:
        return
    date, _ = find_date(sentence)
    status = "planned" if planned_date is not None else _status(sentence)
    date = date or planned_date or None
    for c_start, c_end in _clauses(sentence):
        lo, hi = s + c_start, s + c_end
        actors = [h for h in hits if h.type == "actor" and lo <= h.start < hi]
        between = re.search(r"\bbetween\b", sentence[c_start:c_end], re.I)
        if between:
            after = [h for h in actors if h.start >= lo + between.start()]
            actors = after if len(after) >= 2 else actors
        parties = [h.id for h in actors]
        confidence = 0.7 if between else 0.55
        if group and EACH_PARTNER.search(sentence):
            for member in group:
                add_agreement(draft, kind, [member], date, status, line, sentence, 0.45)
            continue
        if group and (WHOLE.search(sentence) or (planned_date is not None and not parties)):
            parties = list(dict.fromkeys(parties + group))
            confidence = 0.4
        if len(set(parties)) < 2:
            continue
        add_agreement(draft, kind, parties, date, status, line, sentence, confidence)


EACH_PARTNER = re.compile(r"\beach of the (?:\w+ )?(?:partners|clusters|members)\b", re.I)
WHOLE = re.compile(r"\b(?:the|all)\s+(?:\d+\s+)?(?:clusters|partners)\b", re.I)


def _planning_rows(doc: Document) -> dict[int, str | None]:
    """Rows of planning tables (a timeline, deadlines): what they name is planned, on the date
    of the row or of the last row above that gives one ("M14 - Oct 2021")."""
    rows: dict[int, str | None] = {}
    for table in document_tables(doc):
        if not re.search(
            r"planning|timeline|deadline|expected", table.caption + " " + table.header_text, re.I
        ):
            continue
        current = None
        for line, cells in table.rows:
            found, _ = find_date(cells[0]) if cells and cells[0] else (None, -1)
            current = found or current
            rows[id(line)] = current or ""
    return rows


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
