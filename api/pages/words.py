"""The words pages use for codes: kinds, statuses, partial dates."""

import calendar

from graph.schema.display import AGREEMENT_KIND_WORDS

SPECIAL = {"mou": "MoU", "b2b": "B2B", "c2c": "C2C", "escp-4i": "ESCP-4i"}

# What a status means, said in words (a page shows the word and explains it on hover/in text).
STATUS_WORDS = {
    "agreement": {
        "planned": "planned, not signed yet",
        "signed": "signed",
        "renewed": "signed and renewed",
        "expired": "signed, since expired",
    },
    "country": {
        "candidate": "candidate: considered as a target country",
        "selected": "selected as a target country",
        "priority": "priority: a selected target country the partnership focuses on",
    },
    "event": {
        "planned": "planned, not held yet",
        "held": "held",
        "cancelled": "cancelled",
        "unknown": "whether it took place is not known",
    },
    "target": {
        "considered": "considered as a target cluster",
        "shortlisted": "shortlisted as a target cluster",
        "selected": "selected as a target cluster",
        "contacted": "contacted as a target cluster",
    },
}

# How sure the graph is of a record or link (graph.schema.model.CERTAINTIES), said in words.
CERTAINTY_WORDS = {
    "stated": "stated by the source",
    "inferred": "inferred from the source, not stated by it",
    "placeholder": "a placeholder for something the source counts but does not name; "
    "left out of counts, paths and analytics",
}

REASON_WORDS = {
    "common_partner": "common partners",
    "in_target_country": "in a target country",
    "shared_target_country": "shared target countries",
    "shared_sector": "shared sectors",
    "related_sector": "related sectors",
    "complementary_sector": "complementary sectors",
}

LINK_WORDS = {
    "agreement": "agreements",
    "membership": "partnerships (membership)",
    "event": "events",
    "targeting": "targeting (scored or contacted)",
}


def kind(value: str | None) -> str:
    """'letter_of_intent' -> 'letter of intent', 'mou' -> 'MoU'."""
    if not value:
        return ""
    if value in SPECIAL:
        return SPECIAL[value]
    return AGREEMENT_KIND_WORDS.get(value, value.replace("_", " ").replace("-", " "))


def status(family: str, value: str | None) -> str:
    if not value:
        return "status not given"
    return STATUS_WORDS.get(family, {}).get(value, kind(value))


def certainty(value: str | None) -> str:
    return CERTAINTY_WORDS.get(value or "stated", value or "")


def date(value: str | None, undated: str = "undated") -> str:
    """'2018' -> '2018', '2018-09' -> 'Sep 2018', '2018-09-12' -> '12 Sep 2018'."""
    if not value:
        return undated
    parts = value[:10].split("-")
    try:
        if len(parts) == 2:
            return f"{calendar.month_abbr[int(parts[1])]} {parts[0]}"
        if len(parts) == 3:
            return f"{int(parts[2])} {calendar.month_abbr[int(parts[1])]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


def country_label(code: str | None, name: str | None = None) -> str:
    if not code:
        return "country not given"
    return f"{name} ({code})" if name else code


def plural(n: int, singular: str, many: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (many or singular + 's')}"
