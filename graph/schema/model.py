"""The one source of truth for labels, relationship types and their meaning.

Cypher elsewhere takes labels and relationship types from these enums only (allow-lists), never
from user text.
"""

from enum import StrEnum

from graph.schema.ids import ID_MAX_LENGTH, ID_PATTERN

__all__ = ["ID_MAX_LENGTH", "ID_PATTERN"]  # re-exported: the id type lives in graph.schema.ids


class Label(StrEnum):
    ACTOR = "Actor"  # cluster organisation, business network, agency, consortium, ...
    PARTNERSHIP = "Partnership"  # ESCP-4i partnership, alliance, network, project
    AGREEMENT = "Agreement"  # MoU, cooperation/partnership/business agreement
    EVENT = "Event"  # workshop, mission, delegation visit, conference, matchmaking
    COUNTRY = "Country"
    SECTOR = "Sector"
    DOCUMENT = "Document"  # a source document; every fact points back to one
    SCHEMA_INFO = "SchemaInfo"
    REGION = "Region"  # a region below a country (Québec) or above countries (North America)


class Rel(StrEnum):
    LOCATED_IN = "LOCATED_IN"  # (Actor|Event)-[:LOCATED_IN]->(Country)
    ACTIVE_IN = "ACTIVE_IN"  # (Actor|Partnership|Agreement|Event)-[:ACTIVE_IN]->(Sector)
    SUBSECTOR_OF = "SUBSECTOR_OF"  # (Sector)-[:SUBSECTOR_OF]->(Sector)
    MEMBER_OF = "MEMBER_OF"  # (Actor)-[:MEMBER_OF {role}]->(Partnership)
    TARGETS_COUNTRY = "TARGETS_COUNTRY"  # (Partnership)-[{status, score, rank}]->(Country)
    TARGETS_ACTOR = "TARGETS_ACTOR"  # (Partnership)-[{status, score, rank}]->(Actor)
    PARTY_TO = "PARTY_TO"  # (Actor|Partnership)-[:PARTY_TO]->(Agreement)
    ON_BEHALF_OF = "ON_BEHALF_OF"  # (Agreement)-[:ON_BEHALF_OF]->(Partnership)
    ORGANISED = "ORGANISED"  # (Actor|Partnership)-[:ORGANISED]->(Event)
    PARTICIPATED_IN = "PARTICIPATED_IN"  # (Actor|Partnership)-[:PARTICIPATED_IN]->(Event)
    PART_OF = "PART_OF"  # (Event)-[:PART_OF]->(Partnership)
    MENTIONED_IN = "MENTIONED_IN"  # (any)-[:MENTIONED_IN {locators}]->(Document)
    SUCCEEDS = "SUCCEEDS"  # (Partnership)-[:SUCCEEDS]->(Partnership it follows)
    COOPERATES_WITH = "COOPERATES_WITH"  # (Partnership)-[:COOPERATES_WITH]->(Partnership)
    FUNDED_BY = "FUNDED_BY"  # (Actor|Partnership|Agreement|Event)-[:FUNDED_BY]->(Actor)
    SUPPORTED_BY = "SUPPORTED_BY"  # (Actor|Partnership|Agreement|Event)-[:SUPPORTED_BY]->(Actor)
    IN_REGION = "IN_REGION"  # (Event|Country)-[:IN_REGION]->(Region): where; CA in North America
    REGION_OF = "REGION_OF"  # (Region)-[:REGION_OF]->(Country): Québec is a region of CA
    SIGNED_FOR = "SIGNED_FOR"  # (Actor)-[:SIGNED_FOR {partnership}]->(Agreement): a signatory


# Node labels whose records come from documents, with their key property.
ENTITY_KEYS: dict[Label, str] = {
    Label.ACTOR: "id",
    Label.PARTNERSHIP: "id",
    Label.AGREEMENT: "id",
    Label.EVENT: "id",
    Label.COUNTRY: "code",
    Label.SECTOR: "id",
    Label.DOCUMENT: "id",
    Label.REGION: "id",
}

# Public type names (API `type` field, search filter) and their labels.
TYPE_LABELS: dict[str, Label] = {
    "actor": Label.ACTOR,
    "partnership": Label.PARTNERSHIP,
    "agreement": Label.AGREEMENT,
    "event": Label.EVENT,
    "country": Label.COUNTRY,
    "sector": Label.SECTOR,
}
LABEL_TYPES: dict[str, str] = {label.value: name for name, label in TYPE_LABELS.items()}

# Cooperation links (for paths, neighbourhoods, analytics): a hop goes from an actor through an
# evidence node to another actor. Shared countries and sectors are deliberately not links.
COOPERATION_LINKS: dict[str, tuple[Rel, ...]] = {
    "agreement": (Rel.PARTY_TO,),
    "membership": (Rel.MEMBER_OF,),
    "event": (Rel.ORGANISED, Rel.PARTICIPATED_IN),
    "targeting": (Rel.TARGETS_ACTOR,),
    # Partnerships related to each other (one succeeds the other, or they cooperate): a path
    # may go actor -> partnership -> related partnership -> actor. Not in the default.
    "related": (Rel.SUCCEEDS, Rel.COOPERATES_WITH),
}
DEFAULT_LINKS: tuple[str, ...] = ("agreement", "membership", "event")
# The relationship types of `related` (between two partnerships, each a step of its own).
RELATED_RELS: tuple[Rel, ...] = (Rel.SUCCEEDS, Rel.COOPERATES_WITH)

ACTOR_KINDS = (
    "cluster",
    "business_network",
    "network",
    "agency",
    "government",
    "consortium",
    "association",
    "chamber",
    "research_centre",
    "company",
    "other",
)
PARTNERSHIP_KINDS = ("escp-4i", "alliance", "network", "project", "initiative")
MEMBER_ROLES = ("coordinator", "lead", "partner", "chair", "associate", "member")
# When two sources give one membership different roles, the more specific one is kept.
ROLE_PRECEDENCE = ("coordinator", "chair", "lead", "partner", "member", "associate")
TARGET_COUNTRY_STATUSES = ("candidate", "selected", "priority")
TARGET_STATUSES = ("considered", "shortlisted", "selected", "contacted")
AGREEMENT_KINDS = (
    "mou",
    "cooperation",
    "partnership",
    "collaboration",
    "business",
    "letter_of_intent",
)
AGREEMENT_STATUSES = ("planned", "signed", "renewed", "expired", "ongoing")
EVENT_KINDS = (
    "workshop",
    "mission",
    "delegation_visit",
    "conference",
    "matchmaking",
    "b2b",
    "c2c",
    "meeting",
    "trade_fair",
    "webinar",
    "other",
)

# --- issue 13: what the reports say (statuses, certainty, lineage, scores, histories, ...) -----

# Events: a plan is not a fact. `unknown` when the report does not say whether it took place.
EVENT_STATUSES = ("planned", "held", "cancelled", "unknown")
# How sure the graph is of a record or link: `stated` by the source, `inferred` from it (with a
# `basis` sentence), or a `placeholder` for something the source counts but does not name
# ("SMEs still to be identified"). Placeholders stay out of counts, paths and analytics unless
# asked for. When sources disagree the surer word wins (stated over inferred over placeholder).
CERTAINTIES = ("stated", "inferred", "placeholder")
DEFAULT_CERTAINTY = "stated"
# What a party to an agreement (or an organiser of an event) can be.
PARTY_TYPES = ("actor", "partnership")
# Links between partnerships: (Partnership)-[:SUCCEEDS]->(Partnership) (the later one succeeds
# the earlier), (Partnership)-[:COOPERATES_WITH]->(Partnership).
PARTNERSHIP_RELATIONS = ("succeeds", "cooperates_with")
# Agreement histories: each entry is one dated step; the agreement's `status` is the latest.
AGREEMENT_HISTORY_EVENTS = ("signed", "renewed", "amended", "expired", "planned")
# Support links: (Actor|Partnership|Agreement|Event)-[:FUNDED_BY|SUPPORTED_BY]->(Actor), with
# `sources`, `notes`, certainty and an optional period (`period_from`, `period_to`: partial dates
# as text, e.g. the Joint Committee supported the Skywin-Aéro Montréal agreement 2013-2015).
SUPPORT_RELATIONS = ("funded_by", "supported_by")
# What can be funded or supported: the public type of the record (and its loader section).
SUPPORTED_TYPES = ("actor", "partnership", "agreement", "event")
# Regions: below a country (Québec, Ohio) or above countries (North America, Latin America).
REGION_KINDS = ("subnational", "supranational")
