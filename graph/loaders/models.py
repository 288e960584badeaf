"""Pydantic models of the curated input format `clustergraph/v1` (docs/data-format.md).

Validation here is pure: no database access. Cross-record checks live in `resolve.py`.
"""

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from graph.schema.dates import check_partial_date
from graph.schema.model import (
    ACTOR_KINDS,
    AGREEMENT_KINDS,
    AGREEMENT_STATUSES,
    EVENT_KINDS,
    ID_MAX_LENGTH,
    ID_PATTERN,
    MEMBER_ROLES,
    PARTNERSHIP_KINDS,
    TARGET_COUNTRY_STATUSES,
    TARGET_STATUSES,
)

FORMAT = "clustergraph/v1"

# Control characters and bidirectional overrides make text that displays differently from what
# it is (spoofed names, hidden content); no source document needs them.
_HIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _check_visible(value: str) -> str:
    found = _HIDDEN.search(value)
    if found:
        raise ValueError(
            f"contains the invisible control character U+{ord(found.group()):04X} "
            f"at position {found.start() + 1}; remove it"
        )
    return value


_Visible = AfterValidator(_check_visible)
Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
PartialDate = Annotated[str, StringConstraints(max_length=10), AfterValidator(check_partial_date)]
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000), _Visible
]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), _Visible
]
Locator = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), _Visible
]
# A reference to an actor: its id or one of its names (so no longer than a name).
ActorRef = Name
Url = Annotated[str, StringConstraints(max_length=2000), _Visible]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DocumentIn(_Strict):
    id: Slug
    title: Name
    file: Name | None = None
    publisher: Name | None = None
    date: PartialDate | None = None
    url: Url | None = None
    note: Text | None = None


class CountryIn(_Strict):
    code: CountryCode
    name: Name
    continent: Literal["Europe", "Asia", "Africa", "North America", "South America", "Oceania"]
    eu_member: bool = False
    aliases: list[Name] = Field(default_factory=list)


class SectorIn(_Strict):
    id: Slug
    name: Name
    parent: Slug | None = None


class ActorIn(_Strict):
    id: Slug
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    kind: Literal[ACTOR_KINDS]  # type: ignore[valid-type]
    country: CountryCode | None = None
    region: Name | None = None
    city: Name | None = None
    sectors: list[Slug] = Field(default_factory=list)
    description: Text | None = None
    note: Text | None = None
    source: Locator


class MemberIn(_Strict):
    actor: ActorRef
    role: Literal[MEMBER_ROLES] = "partner"  # type: ignore[valid-type]
    note: Text | None = None
    source: Locator


class TargetCountryIn(_Strict):
    country: CountryCode
    status: Literal[TARGET_COUNTRY_STATUSES] = "candidate"  # type: ignore[valid-type]
    score: float | None = None
    rank: int | None = Field(default=None, ge=1)
    note: Text | None = None
    source: Locator


class TargetIn(_Strict):
    actor: ActorRef
    status: Literal[TARGET_STATUSES] = "considered"  # type: ignore[valid-type]
    score: float | None = None
    rank: int | None = Field(default=None, ge=1)
    note: Text | None = None
    source: Locator


class PartnershipIn(_Strict):
    id: Slug
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    kind: Literal[PARTNERSHIP_KINDS]  # type: ignore[valid-type]
    programme: Name | None = None
    strand: Name | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    sectors: list[Slug] = Field(default_factory=list)
    description: Text | None = None
    note: Text | None = None
    source: Locator
    members: list[MemberIn] = Field(default_factory=list)
    target_countries: list[TargetCountryIn] = Field(default_factory=list)
    targets: list[TargetIn] = Field(default_factory=list)


class AgreementIn(_Strict):
    id: Slug
    kind: Literal[AGREEMENT_KINDS]  # type: ignore[valid-type]
    title: Name | None = None
    parties: list[ActorRef] = Field(min_length=1)
    partnership: Slug | None = None
    date: PartialDate | None = None
    status: Literal[AGREEMENT_STATUSES]  # type: ignore[valid-type]
    valid_until: PartialDate | None = None
    sectors: list[Slug] = Field(default_factory=list)
    description: Text | None = None
    note: Text | None = None
    source: Locator


class EventIn(_Strict):
    id: Slug
    name: Name
    kind: Literal[EVENT_KINDS]  # type: ignore[valid-type]
    date: PartialDate | None = None
    end_date: PartialDate | None = None
    city: Name | None = None
    country: CountryCode | None = None
    organisers: list[ActorRef] = Field(default_factory=list)
    participants: list[ActorRef] = Field(default_factory=list)
    partnership: Slug | None = None
    sectors: list[Slug] = Field(default_factory=list)
    description: Text | None = None
    note: Text | None = None
    source: Locator


class MembershipIn(_Strict):
    """A membership given outside its partnership record (CSV `memberships` tables)."""

    partnership: Slug
    actor: ActorRef
    role: Literal[MEMBER_ROLES] = "partner"  # type: ignore[valid-type]
    note: Text | None = None
    source: Locator


class DataFile(_Strict):
    format: Literal["clustergraph/v1"]
    document: DocumentIn | None = None
    countries: list[CountryIn] = Field(default_factory=list)
    sectors: list[SectorIn] = Field(default_factory=list)
    actors: list[ActorIn] = Field(default_factory=list)
    partnerships: list[PartnershipIn] = Field(default_factory=list)
    agreements: list[AgreementIn] = Field(default_factory=list)
    events: list[EventIn] = Field(default_factory=list)
    memberships: list[MembershipIn] = Field(default_factory=list)
