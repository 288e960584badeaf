"""Memberships (lists after "partners", "members", "consortium"; member tables) and targets
(target countries named as priorities or selections; scored target tables)."""

import re
from collections import Counter

from graph.extract.entities import Hit
from graph.extract.readers import Document
from graph.extract.records import Draft
from graph.extract.tables import document_tables
from graph.extract.text import basis, sentence_at

LIST_HEADER = re.compile(r"^\W*(partners|members|consortium|partner organisations)\W*$", re.I)
INLINE = re.compile(
    r"\b(members?|partners?|gathers|composed of|consortium:|brings together|participants|"
    r"\d+ (?:eu |european )?clusters,)",
    re.I,
)
LED_BY = re.compile(r"\b(?:is |are )?(chaired|led|lead|coordinated)\s+by\s*$", re.I)
LED_ROLES = {"chaired": "chair", "led": "lead", "lead": "lead", "coordinated": "coordinator"}
ROLE_WORDS = (
    ("coordinator", "coordinator"),
    ("coordinated by", "coordinator"),
    ("chaired by", "chair"),
    ("chair", "chair"),
    ("lead by", "lead"),
    ("led by", "lead"),
    ("leader", "lead"),
    ("lead", "lead"),
)
TARGET_LINE = re.compile(
    r"target(?:ed|ing)? countr|priority countr|countries (?:have been|were) selected|"
    r"selected countries|countries of joint interest|mission (?:in|to)",
    re.I,
)


def main_partnership(doc: Document, hits: dict[int, list[Hit]]) -> str | None:
    """The partnership the report is about: the one named most in its first 40 lines, else
    the one named most in all of it."""
    for limit in (40, len(doc.lines)):
        counts = Counter(
            h.id
            for n in range(min(limit, len(doc.lines)))
            for h in hits.get(n, [])
            if h.type == "partnership"
        )
        if counts:
            return counts.most_common(1)[0][0]
    return None


def recent_partnership(hits: dict[int, list[Hit]], n: int, back: int = 20) -> str | None:
    """The partnership named last in the lines just before line n ("it has 13 partners")."""
    for k in range(n - 1, max(-1, n - back - 1), -1):
        named = [h for h in hits.get(k, []) if h.type == "partnership"]
        if named:
            return named[-1].id
    return None


def _role(text: str) -> str:
    low = text.lower()
    return next((role for word, role in ROLE_WORDS if word in low), "partner")


def add_membership(draft: Draft, partnership, actor, role, line, start, confidence) -> None:
    s, e = sentence_at(line.text, start)
    draft.memberships.append(
        {
            "partnership": partnership,
            "actor": actor,
            "role": role,
            "line": line,
            "basis": basis(line.text[s:e]),
            "confidence": confidence,
        }
    )


def memberships(doc: Document, hits: dict[int, list[Hit]], draft: Draft, main: str | None):
    in_list = False
    for n, line in enumerate(doc.lines):
        text = line.text
        actors = [h for h in hits.get(n, []) if h.type == "actor"]
        partnerships = [h for h in hits.get(n, []) if h.type == "partnership"]
        if LIST_HEADER.match(text):
            in_list = True
            continue
        if in_list:
            if not text.strip():
                continue
            if text.lstrip()[:1] in "-•▪*·" and actors and main:
                add_membership(draft, main, actors[0].id, _role(text), line, actors[0].start, 0.8)
                continue
            in_list = False
        for h in actors:
            led = LED_BY.search(text[max(0, h.start - 40) : h.start])
            before_p = [p for p in partnerships if p.start < h.start]
            pid = before_p[-1].id if before_p else None
            if pid is None and h.start < 60:  # "is lead by X ..." opening a line: "it" is
                pid = recent_partnership(hits, n)  # the partnership named just before
            if led and pid:
                add_membership(
                    draft, pid, h.id, LED_ROLES[led.group(1).lower()], line, h.start, 0.7
                )
        m = INLINE.search(text)
        if not m or len(actors) < 1:
            continue
        stop = re.compile(r"\.\s+(?=[A-Z])").search(text, m.end())
        s_end = stop.start() if stop else len(text)
        if re.search(r"such as|meeting", text[m.start() : s_end], re.I):
            continue
        listed = [h for h in actors if m.start() < h.start < s_end]
        before = [p for p in partnerships if p.start < m.start()]
        target = before[0].id if before else recent_partnership(hits, n)
        if text.lower().lstrip(" -•").startswith("participants"):
            target = main
        if not target or (len(listed) < 2 and target != main):
            continue
        for h in listed:
            role = _role(text[max(0, h.start - 25) : h.start])
            add_membership(draft, target, h.id, role, line, h.start, 0.7)
    _part_of(doc, hits, draft)
    _whole_group(doc, hits, draft, main)
    _leaders(doc, hits, draft, main)
    _member_tables(doc, hits, draft, main)


def _leaders(doc, hits, draft, main):
    for n, line in enumerate(doc.lines):
        low = line.text.lower()
        if main and re.match(r"^\W*(wp leader|leader|lead partner|coordinator)\b", low):
            for h in hits.get(n, []):
                if h.type == "actor":
                    add_membership(draft, main, h.id, _role(low), line, h.start, 0.7)
        if (
            main
            and re.match(r"^\W*[-•]\s*\w[\w ]*\s[–-]\s", line.text)
            and "lead" in " ".join(ln.text.lower() for ln in doc.lines[max(0, n - 8) : n])
        ):
            for h in hits.get(n, []):
                if h.type == "actor":
                    add_membership(draft, main, h.id, "lead", line, h.start, 0.6)


def _member_tables(doc, hits, draft, main):
    if not main:
        return
    by_line = {id(line): n for n, line in enumerate(doc.lines)}
    for table in document_tables(doc):
        cap = table.above.lower()
        if re.search(r"agreement|meeting|event", table.header_text + " " + cap):
            continue  # a table of agreements or meetings lists counterparts, not members
        if not table.lists_names or "target" in table.header_text:
            continue
        if not re.search(
            r"table\s*\d*\s*[:.]\s*(?:eu |european )?(?:clusters|partners|consortium)\b", cap
        ):
            continue
        for line, _cells in table.rows:
            first = [h for h in hits.get(by_line[id(line)], []) if h.type == "actor"]
            if first:
                add_membership(draft, main, first[0].id, "partner", line, first[0].start, 0.65)


def targets(doc: Document, hits: dict[int, list[Hit]], draft: Draft, main: str | None):
    if not main:
        return
    for n, line in enumerate(doc.lines):
        if not TARGET_LINE.search(line.text):
            continue
        status = (
            "priority"
            if "priority" in line.text.lower()
            else ("selected" if re.search(r"select|mission", line.text, re.I) else "candidate")
        )
        scope = [n, n + 1] if line.text.rstrip().endswith(":") else [n]
        for k in scope:
            for h in hits.get(k, []):
                if h.type == "country":
                    s, e = sentence_at(doc.lines[k].text, h.start)
                    draft.target_countries.append(
                        {
                            "partnership": main,
                            "country": h.id,
                            "status": status,
                            "line": doc.lines[k],
                            "basis": basis(doc.lines[k].text[s:e]),
                            "confidence": 0.6,
                        }
                    )
    _targeted_lists(doc, hits, draft, main)
    by_line = {id(line): n for n, line in enumerate(doc.lines)}
    for table in document_tables(doc):
        if "target" not in table.header_text and "target" not in table.caption.lower():
            continue
        for line, cells in table.rows:
            row_hits = hits.get(by_line[id(line)], [])
            actor = next((h for h in row_hits if h.type == "actor"), None)
            country = next((h for h in row_hits if h.type == "country" and h.start == 0), None)
            numbers = [_number(c) for c in cells[1:] if _number(c) is not None]
            score = numbers[-1] if numbers else None
            row = {
                "partnership": main,
                "line": line,
                "basis": basis(" | ".join(cells)),
                "confidence": 0.6,
                "score": score,
            }
            if actor and actor.start == 0:
                status = (
                    "selected"
                    if score is not None
                    else ("contacted" if "contact" in line.text.lower() else "considered")
                )
                draft.targets.append({**row, "actor": actor.id, "status": status})
            elif country:
                draft.target_countries.append({**row, "country": country.id, "status": "candidate"})


def _number(cell: str) -> float | None:
    cell = cell.strip().replace(",", ".")
    try:
        return float(cell)
    except ValueError:
        return None


PART_OF = re.compile(r"\b(?:part of|member of|members of|belongs to|joined)\s+(?:the\s+)?", re.I)
WHOLE_GROUP = re.compile(
    r"\b(?:the|all|its)\s+(?:\d+\s+|ten\s+|nine\s+|eight\s+)?(?:clusters|partners|"
    r"consortium members)\b",
    re.I,
)


def _part_of(doc, hits, draft):
    """ "X ..., part of ERCI (...)": the line's first actor is a member of the partnerships
    named right after "part of" (a table row names its actor first)."""
    for n, line in enumerate(doc.lines):
        for m in PART_OF.finditer(line.text):
            row = hits.get(n, [])
            subject = next((h for h in row if h.type == "actor" and h.start < m.start()), None)
            if subject is None:
                continue
            window = line.text[m.end() : m.end() + 80]
            for h in row:
                if h.type == "partnership" and m.end() <= h.start < m.end() + len(window):
                    add_membership(draft, h.id, subject.id, "member", line, h.start, 0.6)


def _whole_group(doc, hits, draft, main):
    """ "... ties the 10 clusters ... This Partnership is named Space4Globe": a partnership
    formed by the whole group has the main partnership's members as members."""
    if not main:
        return
    group = list(dict.fromkeys(m["actor"] for m in draft.memberships if m["partnership"] == main))
    for n, line in enumerate(doc.lines):
        if not WHOLE_GROUP.search(line.text) or not re.search(
            r"named|called|set up|formed", line.text, re.I
        ):
            continue
        for h in hits.get(n, []):
            if h.type == "partnership" and h.id != main:
                for actor in group:
                    add_membership(draft, h.id, actor, "member", line, h.start, 0.5)


def group_members(draft, main: str | None) -> list[str]:
    """The report's partnership's own partners (not the members of other groups it names)."""
    return list(
        dict.fromkeys(
            m["actor"]
            for m in draft.memberships
            if m["partnership"] == main and m["role"] in ("coordinator", "lead", "partner", "chair")
        )
    )


TARGETED = re.compile(r"\b(?:targeted|target|targets?) (?:clusters|partners|organisations)\b", re.I)


def _targeted_lists(doc: Document, hits: dict[int, list[Hit]], draft: Draft, main: str) -> None:
    """ "A series of targeted clusters have been defined:" then bulleted lists by country: the
    actors of the bullets are targets the partnership considers."""
    n = 0
    while n < len(doc.lines):
        line = doc.lines[n]
        if not (TARGETED.search(line.text) and line.text.rstrip(" *").endswith(":")):
            n += 1
            continue
        k = n + 1
        while k < len(doc.lines) and (
            not doc.lines[k].text.strip() or doc.lines[k].text.lstrip()[:1] in "-•▪*"
        ):
            for h in hits.get(k, []):
                if h.type == "actor":
                    s, e = sentence_at(doc.lines[k].text, h.start)
                    draft.targets.append(
                        {
                            "partnership": main,
                            "actor": h.id,
                            "status": "considered",
                            "line": doc.lines[k],
                            "basis": basis(doc.lines[k].text[s:e]),
                            "confidence": 0.5,
                            "score": None,
                        }
                    )
            k += 1
        n = k
