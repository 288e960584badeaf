"""How vocabulary values are ordered and named for people (answers, maps, generated titles)."""

from graph.schema.model import MEMBER_ROLES, ROLE_PRECEDENCE, TARGET_COUNTRY_STATUSES

# Members are listed coordinator first (MEMBER_ROLES order); unknown roles last.
ROLE_ORDER: dict[str, int] = {role: i for i, role in enumerate(MEMBER_ROLES)}
# When two sources give one membership different roles, the lower rank (more specific) wins.
ROLE_RANKS: dict[str, int] = {role: i for i, role in enumerate(ROLE_PRECEDENCE)}
# Target countries, strongest status first: priority, selected, candidate.
COUNTRY_STATUS_ORDER: dict[str, int] = {
    status: i for i, status in enumerate(reversed(TARGET_COUNTRY_STATUSES))
}
# Target actors, furthest along first.
TARGET_STATUS_ORDER: dict[str, int] = {
    status: i for i, status in enumerate(("selected", "contacted", "shortlisted"))
}

# Agreement kinds as people read them (titles of untitled agreements, path explanations).
AGREEMENT_KIND_NAMES: dict[str, str] = {
    "mou": "MoU",
    "cooperation": "Cooperation agreement",
    "partnership": "Partnership agreement",
    "collaboration": "Collaboration agreement",
    "business": "Business agreement",
    "letter_of_intent": "Letter of intent",
}
# The same inside a sentence ("signed a MoU with", "signed a cooperation agreement with").
AGREEMENT_KIND_WORDS: dict[str, str] = {
    kind: name if name.startswith("MoU") else name.lower()
    for kind, name in AGREEMENT_KIND_NAMES.items()
}
