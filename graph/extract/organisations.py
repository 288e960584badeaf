"""New organisations in a line: names built like cluster names, acronyms in parentheses,
list items with a country code ("Wagralim (B)"), with a proposed kind and country."""

import re
from dataclasses import dataclass

from graph.extract.mentions import fold_accents
from graph.extract.places import code_from_parenthesis, country_in, place_lookup
from graph.extract.readers import Line

ACTOR_HEADS = {
    "cluster": "cluster",
    "clusters": "cluster",
    "klaster": "cluster",
    "cluster's": "cluster",
    "valley": "cluster",
    "government": "government",
    "province": "government",
    "city": "government",
    "port": "agency",
    "eurométropole": "government",
    "pole": "cluster",
    "pôle": "cluster",
    "technopole": "cluster",
    "supercluster": "cluster",
    "grappe": "cluster",
    "distretto": "cluster",
    "hub": "cluster",
    "park": "cluster",
    "plaza": "cluster",
    "association": "association",
    "asociacion": "association",
    "asociación": "association",
    "associação": "association",
    "federation": "association",
    "council": "association",
    "union": "association",
    "network": "network",
    "networks": "network",
    "consortium": "consortium",
    "consorzio": "consortium",
    "institute": "research_centre",
    "institut": "research_centre",
    "university": "research_centre",
    "centre": "research_centre",
    "center": "research_centre",
    "foundation": "other",
    "fondazione": "other",
    "fondation": "other",
    "fundación": "other",
    "chamber": "chamber",
    "agency": "agency",
    "corporation": "agency",
    "ministry": "government",
    "department": "government",
    "delegation": "government",
    "e.v.": "cluster",
    "gmbh": "company",
    "ltd": "company",
    "inc": "company",
    "asbl": "cluster",
}
PARTNERSHIP_HEADS = {
    "alliance": "alliance",
    "partnership": "escp-4i",
    "initiative": "initiative",
    "project": "project",
    "programme": "project",
    "platform": "initiative",
    "observatory": "initiative",
}
CONNECTORS = {
    "of",
    "de",
    "des",
    "du",
    "la",
    "le",
    "et",
    "the",
    "for",
    "and",
    "&",
    "di",
    "del",
    "della",
    "y",
    "für",
    "und",
    "en",
    "d",
    "da",
    "do",
    "dos",
    "per",
}
STOP = {
    "the",
    "a",
    "an",
    "and",
    "mou",
    "memorandum",
    "understanding",
    "agreement",
    "agreements",
    "cooperation",
    "collaboration",
    "partnership",
    "signed",
    "in",
    "on",
    "at",
    "by",
    "with",
    "between",
    "both",
    "this",
    "these",
    "its",
    "their",
    "first",
    "second",
    "third",
    "french",
    "european",
    "eu",
    "all",
    "other",
    "each",
    "our",
    "new",
    "further",
    "type",
    "meeting",
    "meetings",
    "contact",
    "partners",
    "partner",
    "members",
    "member",
    "table",
    "lead",
    "leader",
    "from",
    "through",
    "via",
    "during",
    "since",
    "as",
    "for",
    "of",
    "competitiveness",
    "business",
    "international",
    "national",
    "regional",
    "local",
    "existing",
    "several",
    "many",
    "three",
    "two",
    "four",
    "five",
    "six",
    "one",
    "some",
    "main",
    "key",
    "relevant",
    "specific",
    "joint",
    "such",
    "canadian",
    "quebec",
    "québec",
}
NOT_ACRONYMS = {
    "FDI",
    "FDIS",
    "KPI",
    "KPIS",
    "SME",
    "SMES",
    "PEST",
    "SWOT",
    "GDP",
    "R&D",
    "ICT",
    "EU",
    "WP",
    "GA",
    "CIP",
    "COSME",
    "ESCP",
    "ESCPS",
    "CETA",
    "EISMEA",
    "M6",
    "TBD",
    "USA",
    "UAE",
    "EUR",
    "IT",
    "AI",
    "IP",
    "HR",
    "PR",
    "CEO",
    "NB",
    "EG",
    "IE",
    "II",
    "III",
    "IV",
    "PDF",
    "B2B",
    "C2C",
    "B2C",
    "MOU",
    "MOUS",
    "RTO",
    "RTOS",
    "NGO",
    "Q3",
    "Q4",
}
GENERIC = {
    "cluster",
    "clusters",
    "network",
    "association",
    "partnership",
    "project",
    "alliance",
    "the cluster",
    "the network",
    "cluster organisations",
    "business networks",
}

WORD = re.compile(r"[^\s,;:()\[\]“”\"•▪○·\t¹²³⁴⁵⁶⁷⁸⁹⁰]+")
SEGMENT = re.compile(r"[^,;:()\[\]“”\"•▪○·\t*¹²³⁴⁵⁶⁷⁸⁹⁰]+")
SENTENCE_DOT = re.compile(r"\.(?=\s+[A-Z¹²³⁴⁵⁶⁷⁸⁹⁰])")
CODE_PAREN = re.compile(r"\(\s*([A-Za-z]{1,2})\s*\)")
CODE_ITEM = re.compile(r"([^,;:()\[\]“”\"•▪○·\t*]{2,90}?)\s*\(\s*([A-Za-z]{1,2})\s*\)")
MEMBERS_OF = re.compile(r"\b(?:members|partners|member|partner) of (?:the )?$", re.I)
BULLET_ITEM = re.compile(r"^\s*[-•▪]\s*([^()]{3,200}?)\s*\(\s*([A-Z]{1,2})\s*\)\s*$")
ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,14})\s*\)")
ACRONYM_FIRST = re.compile(r"\b([A-Z][A-Z0-9\-]{2,14})\s*\(\s*([A-Z][^()]{5,90})\)")


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


def _is_cap(word: str) -> bool:
    w = fold_accents(word).lstrip("'’-")
    return bool(w) and w[0].isupper()


def _alias(alias: str | None, name: str) -> str | None:
    last = name.split()[-1]
    mixed = not name.isupper()
    if not alias and mixed and len(name.split()) > 2 and last.isupper() and len(last) >= 3:
        alias = last
    return alias if alias and alias != name else None


MONTHS_WORDS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
LOWER_HEADS = {"cluster", "network", "association", "consortium", "supercluster"}
NO_SUPERSCRIPTS = str.maketrans("", "", "¹²³⁴⁵⁶⁷⁸⁹⁰")
for _word in ("canadian", "quebec", "québec"):
    STOP.discard(_word)
STOP |= {
    "also",
    "particularly",
    "gathering",
    "promote",
    "sustain",
    "identifying",
    "including",
    "like",
    "namely",
    "european",
    "eu",
}
STOP -= {"european", "eu"}
STOP |= {"participants", "included", "includes", "include", "during", "visit"}
CONNECTORS |= {"per", "ed", "i", "e", "pour", "van", "von", "der"}


PLURALS = {
    "clusters",
    "networks",
    "organisations",
    "organizations",
    "agreements",
    "targets",
    "smes",
    "partners",
    "members",
    "countries",
    "offerings",
    "activities",
    "projects",
}
COMMON = {
    "who",
    "what",
    "how",
    "when",
    "where",
    "direct",
    "scoring",
    "publicly",
    "european",
    "eu",
    "total",
    "type",
    "name",
    "description",
    "responsible",
    "ongoing",
    "none",
    "europe",
    "government",
    "country",
    "number",
    "table",
    "cluster",
    "project",
    "european union",
    "state",
    "states",
    "partner",
    "partners",
} | set(MONTHS_WORDS)


PROGRAMMES = re.compile(
    r"^(?:the )?(?:european )?strategic cluster partnerships?|^european cluster collaboration"
    r"|framework programme$|^cosme|^horizon",
    re.I,
)


def _plausible(name: str) -> bool:
    """Not a generic phrase: a lower-case head needs two capitalised words that are not places
    ("Basque Energy cluster", not "EU-Canada cluster"); no digits first; not a heading."""
    words = name.split()
    if not words or not _is_cap(words[0]) or name.lower() in GENERIC:
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
        return len([w for w in words if _is_cap(w)]) >= 2
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
    while words and (words[0].lower().strip("'’") in STOP or not _is_cap(words[0])):
        words.pop(0)
    while words and (words[-1].lower() in CONNECTORS or words[-1].lower() in {"in", "from"}):
        words.pop()
    return " ".join(words).strip(" .-–")


def _runs(text: str, offset: int):
    """Maximal runs of capitalised words (with connectors inside) in one segment."""
    words = [(m.start() + offset, m.end() + offset, m.group()) for m in WORD.finditer(text)]
    run: list[tuple[int, int, str]] = []
    for i, w in enumerate(words):
        low = w[2].lower()
        nxt = words[i + 1][2] if i + 1 < len(words) else ""
        if (
            _is_cap(w[2])
            or (run and low in CONNECTORS and _is_cap(nxt))
            or (run and (low in ACTOR_HEADS or low in PARTNERSHIP_HEADS))
        ):
            run.append(w)
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


def _trailing_name(text: str) -> str:
    """The name at the end of a phrase: after its last lower-case word that is no connector
    ("Participants included Proplast" -> "Proplast")."""
    words = text.split()
    for i in range(len(words) - 1, -1, -1):
        w = words[i].strip(",.'’")
        if w and w[0].islower() and "." not in w and w not in CONNECTORS and w not in ACTOR_HEADS:
            return " ".join(words[i + 1 :])
    return text


def _fit_suffix(acronym: str, run: str) -> str:
    """The shortest end of a run that the acronym abbreviates: "Plastipolis and the All India
    Plastics Manufacturers Association (AIPMA)" -> "All India Plastics ... Association"."""
    words = run.split()
    first = fold_accents(acronym)[:1].upper()
    for k in range(1, len(words) + 1):
        tail = " ".join(words[-k:])
        if fold_accents(words[-k])[:1].upper() == first and _initials_fit(acronym, tail):
            return tail
    return run


def _initials_fit(acronym: str, name: str) -> bool:
    letters = [c for c in fold_accents(acronym).upper() if c.isalpha()]
    initials = "".join(fold_accents(w)[0].upper() for w in name.split() if w[:1].isalnum())
    it = iter(initials)
    return len(letters) >= 2 and all(c in it for c in letters)


SEPARATORS = ',;:()[]“”"•▪○·\t*'


def _look_back(text: str, end: int, limit: int = 90) -> tuple[int, str]:
    """The text between the last separator before `end` and `end` (at most `limit` chars)."""
    start = max(end - limit, 0)
    for i in range(end - 1, start - 1, -1):
        if text[i] in SEPARATORS:
            start = i + 1
            break
    return start, text[start:end]


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
            runs = list(_runs(seg[-1], 0))
            last = runs[-1] if runs else []
            if last and last[-1][1] >= len(seg[-1].rstrip()):
                run = clean_name(seg[-1][last[0][0] : last[-1][1]])
            if not run or not _initials_fit(acr, run):
                whole = clean_name(seg[-1])
                run = whole if len(whole.split()) <= 8 and _initials_fit(acr, whole) else run
        kind = head_kind(run) if run else None
        run = _fit_suffix(acr, run) if run else run
        kind = head_kind(run) if run else kind
        if run and _initials_fit(acr, run):
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
        g1_start, g1 = _look_back(text, m.start())
        if len(g1.strip()) < 2:
            continue
        raw = re.split(r"\s(?:and)\s(?=[A-Z])|^\W+", g1.rstrip())[-1]
        raw = re.sub(r"[-–]\s*(?:COORDINATOR|LEAD|PARTNER|CHAIR)\b.*$", "", raw, flags=re.I)
        alias = None
        dash = re.split(r"\s*[–—]\s*|\s+-\s+|(?<=\.)-", raw, maxsplit=1)
        if len(dash) == 2 and len(dash[0].split()) <= 2:
            alias, raw = dash[0].strip(" ."), raw
        name = clean_name(_trailing_name(raw))
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
                    alias=_alias(alias, name),
                    country=code,
                    how="code-item",
                    confidence=0.75,
                )
            )
    for segment in SEGMENT.finditer(text):
        for run in _runs(segment.group(), segment.start()):
            name = clean_name(text[run[0][0] : run[-1][1]])
            kind = head_kind(name) if name else None
            if not kind or not _plausible(name) or len(name.split()) < 2:
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
                and _is_cap(name)
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


def _item_candidate(line: Line, text: str, offset: int, item: str, how: str) -> Candidate | None:
    quoted = re.search(r"[“\"]([^”\"]{3,60})[”\"]", item)
    item = quoted.group(1) if quoted else item
    country = None
    place = re.search(r"\s+(?:in|from)\s+(?:the\s+)?([A-Z][\w ]+)$", item)
    if place and country_in(place.group(1)):
        country, item = country_in(place.group(1)), item[: place.start()]
    item = re.split(r",|\s[–—-]\s|\s\(", item)[0]
    name = clean_name(item.strip())
    words = name.split()
    if not name or len(words) > 6 or not _is_cap(words[0]) or not _plausible(name):
        return None
    if len(words) > 1 and not all(_is_cap(w) or w.lower() in CONNECTORS for w in words):
        name = " ".join(w for w in words if _is_cap(w) or w.lower() in CONNECTORS)
        words = name.split()
        if not words or not all(_is_cap(w) for w in (words[0], words[-1])):
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
COUNTRY_ITEM = re.compile(r"([^,;:()]{2,80}?)\s*\(\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s*\)")
SIGNERS = re.compile(
    r"^(?:[^–]*[–-]\s+)?(?:the\s+)?([A-Z][^;]{1,80}?)\s+and\s+(?:the\s+)?([A-Z][^;]{1,60}?)"
    r"(?:,[^;]*?)?\s+(?:have\s+|has\s+|will\s+)?(?:sign|signed|renew|renewed|conclude|concluded)\b"
)
URL_ITEM = re.compile(r"([^,;:()]{2,80}?)\s*\(\s*<?(?:https?://|www\.)")


def find_listed(line: Line, text: str) -> list[Candidate]:
    """Items of "partners including A in X, B in Y and C", "such as A, B", "led by A", and
    the two sides of "between A and B" in sentences about agreements."""
    found = []
    for m in URL_PAREN.finditer(text) if ("http" in text or "www." in text) else ():
        start, before = _look_back(text, m.start(), 80)
        c = _item_candidate(line, text, start, before, "list-item") if before.strip() else None
        if c:
            found.append(c)
    for m in COUNTRY_PAREN.finditer(text) if "(" in text else ():
        code = country_in(m.group(1))
        start, before = _look_back(text, m.start(), 80)
        if code and normalise_word(m.group(1)) in place_lookup() and len(before.strip()) >= 2:
            c = _item_candidate(line, text, start, before.split(",")[-1], "code-item")
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
                c = _item_candidate(line, text, offset + sign.start(), side, "list-item")
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
                c = _item_candidate(line, text, offset + listed.start(1), item, "list-item")
                if c:
                    found.append(c)
        b = BETWEEN.search(sentence) if "between" in low else None
        if b and re.search(r"agreement|mou\b|memorand|letter of intent", sentence, re.I):
            for side in (b.group(1), re.split(r"[,.;]\s", b.group(2))[0]):
                c = _item_candidate(line, text, offset + b.start(), side, "list-item")
                if c:
                    found.append(c)
    return found
