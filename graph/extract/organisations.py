"""New organisations in a line: names built like cluster names, acronyms in parentheses,
list items with a country code ("Wagralim (B)"), with a proposed kind and country."""

import re

from graph.extract.lists import find_listed, find_titled
from graph.extract.names import (
    Candidate,
    acronym_alias,
    capitalised_runs,
    clean_name,
    fit_suffix,
    head_kind,
    initials_fit,
    look_back,
    plausible,
    trailing_name,
)
from graph.extract.places import code_from_parenthesis, country_in
from graph.extract.readers import Line
from graph.extract.vocabulary import GENERIC, NOT_ACRONYMS

SEGMENT = re.compile(r"[^,;:()\[\]“”\"•▪○·\t*¹²³⁴⁵⁶⁷⁸⁹⁰]+")
SENTENCE_DOT = re.compile(r"\.(?=\s+[A-Z¹²³⁴⁵⁶⁷⁸⁹⁰])")
CODE_PAREN = re.compile(r"\(\s*([A-Za-z]{1,2})\s*\)")
MEMBERS_OF = re.compile(r"\b(?:members|partners|member|partner) of (?:the )?$", re.I)
BULLET_ITEM = re.compile(r"^\s*[-•▪]\s*([^()]{3,200}?)\s*\(\s*([A-Z]{1,2})\s*\)\s*$")
ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,14})\s*\)")
ACRONYM_FIRST = re.compile(r"\b([A-Z][A-Z0-9\-]{2,14})\s*\(\s*([A-Z][^()]{5,90})\)")


def find_candidates(line: Line) -> list[Candidate]:
    text = SENTENCE_DOT.sub(";", line.text)
    found: list[Candidate] = []
    for m in ACRONYM.finditer(text) if "(" in text else ():
        acr = m.group(1).rstrip(".")
        base = re.split(r"[-.]", acr)[0].upper()
        if (
            sum(c.isupper() for c in acr) < 2
            or base in NOT_ACRONYMS
            or base.rstrip("S") in NOT_ACRONYMS
        ):
            continue
        if len(acr) <= 2 and code_from_parenthesis(acr):
            continue
        before = text[: m.start()]
        seg = SEGMENT.findall(before)
        run = ""
        if seg and not before.rstrip().endswith((",", ";")):
            runs = list(capitalised_runs(seg[-1], 0))
            last = runs[-1] if runs else []
            if last and last[-1][1] >= len(seg[-1].rstrip()):
                run = clean_name(seg[-1][last[0][0] : last[-1][1]])
            if not run or not initials_fit(acr, run):
                whole = clean_name(seg[-1])
                run = whole if len(whole.split()) <= 8 and initials_fit(acr, whole) else run
        kind = head_kind(run) if run else None
        run = fit_suffix(acr, run) if run else run
        kind = head_kind(run) if run else kind
        if run and initials_fit(acr, run):
            typ, k = kind or ("actor", "cluster")
            found.append(
                Candidate(
                    line,
                    max(0, text.rfind(run, 0, m.start())),
                    m.end(),
                    run,
                    typ,
                    k,
                    alias=acr,
                    how="acronym",
                    confidence=0.75,
                )
            )
        elif kind:
            found.append(
                Candidate(
                    line,
                    m.start(1),
                    m.end(1),
                    acr,
                    kind[0],
                    kind[1],
                    alias=run,
                    how="acronym",
                    confidence=0.6,
                )
            )
    for m in ACRONYM_FIRST.finditer(text) if "(" in text else ():
        acr, inner = m.group(1), clean_name(m.group(2))
        kind = head_kind(inner)
        if acr.upper() in NOT_ACRONYMS or not kind:
            continue
        found.append(
            Candidate(
                line,
                m.start(1),
                m.end(1),
                acr,
                kind[0],
                kind[1],
                alias=inner,
                how="acronym",
                confidence=0.7,
            )
        )
    bullet = BULLET_ITEM.match(text)
    if bullet and code_from_parenthesis(bullet.group(2)):
        raw = re.sub(
            r"[-–]\s*(?:COORDINATOR|LEAD|PARTNER|CHAIR)\b.*$", "", bullet.group(1), flags=re.I
        )
        name = raw.strip(" -–")
        kind = head_kind(name) or ("actor", "cluster")
        if name and kind[0] == "actor":
            found.append(
                Candidate(
                    line,
                    bullet.start(1),
                    bullet.start(1) + len(name),
                    name,
                    "actor",
                    kind[1],
                    country=code_from_parenthesis(bullet.group(2)),
                    how="bullet",
                    confidence=0.8,
                )
            )
    for m in CODE_PAREN.finditer(text) if "(" in text else ():
        code = code_from_parenthesis(m.group(1))
        if not code or not m.group(1).isupper():
            continue
        g1_start, g1 = look_back(text, m.start())
        if len(g1.strip()) < 2:
            continue
        raw = re.split(r"\s(?:and)\s(?=[A-Z])|^\W+", g1.rstrip())[-1]
        raw = re.sub(r"[-–]\s*(?:COORDINATOR|LEAD|PARTNER|CHAIR)\b.*$", "", raw, flags=re.I)
        alias = None
        dash = re.split(r"\s*[–—]\s*|\s+-\s+|(?<=\.)-", raw, maxsplit=1)
        if len(dash) == 2 and len(dash[0].split()) <= 2:
            alias, raw = dash[0].strip(" ."), raw
        name = clean_name(trailing_name(raw))
        if name and len(name.split()) <= 12 and name.lower() not in GENERIC:
            kind = head_kind(name) or ("actor", "cluster")
            if kind[0] == "partnership":
                continue
            start = g1_start + g1.rfind(name.split()[0])
            found.append(
                Candidate(
                    line,
                    start,
                    start + len(name),
                    name,
                    "actor",
                    kind[1],
                    alias=acronym_alias(alias, name),
                    country=code,
                    how="code-item",
                    confidence=0.75,
                )
            )
    for segment in SEGMENT.finditer(text):
        for run in capitalised_runs(segment.group(), segment.start()):
            name = clean_name(text[run[0][0] : run[-1][1]])
            kind = head_kind(name) if name else None
            if not kind or not plausible(name) or len(name.split()) < 2:
                continue
            if len(name.split()) > 9:
                continue
            start = text.find(name, run[0][0])
            if kind[0] == "actor" and MEMBERS_OF.search(text[:start]):
                kind = ("partnership", "network")
            found.append(
                Candidate(
                    line,
                    start,
                    start + len(name),
                    name,
                    kind[0],
                    kind[1],
                    how="name",
                    confidence=0.6,
                )
            )
    found += find_listed(line, text)
    for c in found:
        if c.country is None and c.type == "actor":
            c.country = country_in(c.name) or country_in(text[c.end : c.end + 60])
    return _dedupe(found + find_titled(line))


def _dedupe(found: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates: keep the most specific (acronym/code item before plain name)."""
    rank = {
        "title": 0,
        "bullet": 0,
        "code-item": 1,
        "acronym": 2,
        "table-row": 3,
        "list-item": 4,
        "name": 5,
    }
    kept: list[Candidate] = []
    for c in sorted(found, key=lambda c: (rank[c.how], c.start)):
        if any(c.start < k.end and k.start < c.end for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)
