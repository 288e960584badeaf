"""Pydantic models of the curated input format `clustergraph/v1` (docs/data-format.md).

Validation here is pure: no database access. Cross-record checks live in `resolve.py`.
"""

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from graph.schema.dates import check_partial_date, date_value
from graph.schema.model import (
    ACTOR_KINDS,
    AGREEMENT_HISTORY_EVENTS,
    AGREEMENT_KINDS,
    AGREEMENT_STATUSES,
    CERTAINTIES,
    EVENT_KINDS,
    EVENT_STATUSES,
    ID_MAX_LENGTH,
    ID_PATTERN,
    MEMBER_ROLES,
    PARTNERSHIP_KINDS,
    PARTNERSHIP_RELATIONS,
    REGION_KINDS,
    SUPPORT_RELATIONS,
    SUPPORTED_TYPES,
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


class _Certain(_Strict):
    """How sure the fact is: `stated` (default), `inferred` (with the `basis` it is inferred
    from, and optionally an extraction `confidence` 0..1) or a `placeholder` for something the
    source counts but does not name."""

    certainty: Literal[CERTAINTIES] = "stated"  # type: ignore[valid-type]
    basis: Text | None = None
    confidence: float | None = Field(default=None, ge=0, le=1)

    @model_validator(mode="after")
    def _basis_for_inferred(self):
        if self.certainty == "inferred" and not self.basis:
            raise ValueError("an inferred record or link needs a `basis`: what it is inferred from")
        return self


class CriterionIn(_Strict):
    name: Name
    value: float | str


class ScoreIn(_Strict):
    """A score on its scale: WIINTECH's country index and its target-cluster score out of 1000
    are different `metric`s, ordered only within a metric."""

    metric: Name
    value: float
    scale_min: float | None = None
    scale_max: float | None = None
    rank: int | None = Field(default=None, ge=1)
    criteria: list[CriterionIn] = Field(default_factory=list)


class MeasureIn(_Strict):
    """A figure the source gives: ELCA's KPI targets, SPACE2ID's 176 projects."""

    metric: Name
    value: float
    unit: Name | None = None
    period: Name | None = None
    note: Text | None = None
    source: Locator


def _period_in_order(link: Any) -> Any:
    """`from` must not come after `to` (compared by their first days)."""
    start, end = date_value(link.period_from), date_value(link.period_to)
    if start and end and start > end:
        raise ValueError(f"`from` ({link.period_from}) is after `to` ({link.period_to})")
    return link


class SupportIn(_Certain):
    """Who funds or supports the record: an actor's id or name, for a period if the source
    gives one (`from`, `to`: YYYY, YYYY-MM or YYYY-MM-DD)."""

    actor: Name
    relation: Literal[SUPPORT_RELATIONS] = "funded_by"  # type: ignore[valid-type]
    period_from: PartialDate | None = Field(default=None, alias="from")
    period_to: PartialDate | None = Field(default=None, alias="to")
    note: Text | None = None
    source: Locator

    _in_order = model_validator(mode="after")(_period_in_order)


class SupportLinkIn(SupportIn):
    """A support link given outside its record (CSV `support` tables): the record is named by
    its `type` and its id (an actor or a partnership also by a name)."""

    type: Literal[SUPPORTED_TYPES]  # type: ignore[valid-type]
    record: Name


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


_Measures: Any = Field(default_factory=list)


class ActorIn(_Certain):
    id: Slug
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    kind: Literal[ACTOR_KINDS]  # type: ignore[valid-type]
    country: CountryCode | None = None
    region: Name | None = None
    city: Name | None = None
    website: Url | None = None
    sectors: list[Slug] = Field(default_factory=list)
    description: Text | None = None
    measures: list[MeasureIn] = _Measures
    support: list[SupportIn] = Field(default_factory=list)
    note: Text | None = None
    source: Locator


class MemberIn(_Certain):
    actor: ActorRef
    role: Literal[MEMBER_ROLES] = "partner"  # type: ignore[valid-type]
    note: Text | None = None
    source: Locator


def _score(value: object) -> object:
    """A bare number is the old form of a score: `{metric: score, value: n}`."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"metric": "score", "value": value}
    return value


ScoreField = Annotated[ScoreIn, BeforeValidator(_score)]


class _Scored(_Certain):
    score: ScoreField | None = None
    rank: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _rank_in_score(self):
        # `rank` beside the score is the old form; it belongs to the score's metric.
        if self.score is not None and self.rank is not None and self.score.rank is None:
            self.score.rank = self.rank
        if self.score is not None and self.rank is None:
            self.rank = self.score.rank
        return self


class TargetCountryIn(_Scored):
    country: CountryCode
    region: Slug | None = None  # a region of the country the partnership targets (Ohio)
    status: Literal[TARGET_COUNTRY_STATUSES] = "candidate"  # type: ignore[valid-type]
    note: Text | None = None
    source: Locator


class TargetIn(_Scored):
    actor: ActorRef
    status: Literal[TARGET_STATUSES] = "considered"  # type: ignore[valid-type]
    note: Text | None = None
    source: Locator


class RelatedIn(_Certain):
    """A link to another partnership: this one `succeeds` it, or `cooperates_with` it."""

    partnership: Name  # id or name of the other partnership
    relation: Literal[PARTNERSHIP_RELATIONS]  # type: ignore[valid-type]
    note: Text | None = None
    source: Locator


class PartnershipIn(_Certain):
    id: Slug
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    kind: Literal[PARTNERSHIP_KINDS]  # type: ignore[valid-type]
    programme: Name | None = None
    strand: Name | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    website: Url | None = None
    sectors: list[Slug] = Field(default_factory=list)
    description: Text | None = None
    note: Text | None = None
    source: Locator
    members: list[MemberIn] = Field(default_factory=list)
    target_countries: list[TargetCountryIn] = Field(default_factory=list)
    targets: list[TargetIn] = Field(default_factory=list)
    related: list[RelatedIn] = Field(default_factory=list)
    measures: list[MeasureIn] = _Measures
    support: list[SupportIn] = Field(default_factory=list)


class HistoryIn(_Strict):
    """One dated step of an agreement: signed 2007, renewed 2013."""

    date: PartialDate | None = None
    event: Literal[AGREEMENT_HISTORY_EVENTS]  # type: ignore[valid-type]
    note: Text | None = None
    source: Locator


# What each history step makes the agreement's status.
HISTORY_STATUS = {
    "signed": "signed",
    "renewed": "renewed",
    "amended": "signed",
    "expired": "expired",
    "planned": "planned",
}


def _history_day(step: Any) -> dt.date:
    """The first day of a dated history step (only dated steps are compared)."""
    return date_value(step.date) or dt.date.min


class AgreementIn(_Certain):
    id: Slug
    kind: Literal[AGREEMENT_KINDS]  # type: ignore[valid-type]
    title: Name | None = None
    # Actors or partnerships, by id or name.
    parties: list[ActorRef] = Field(min_length=1)
    # Members who signed on behalf of a partnership party.
    signatories: list[ActorRef] = Field(default_factory=list)
    partnership: Slug | None = None
    date: PartialDate | None = None
    history: list[HistoryIn] = Field(default_factory=list)
    status: Literal[AGREEMENT_STATUSES] | None = Field(  # type: ignore[valid-type]
        default=None, validate_default=True
    )
    valid_until: PartialDate | None = None
    sectors: list[Slug] = Field(default_factory=list)
    description: Text | None = None
    support: list[SupportIn] = Field(default_factory=list)
    note: Text | None = None
    source: Locator

    @field_validator("status")
    @classmethod
    def _status_or_history(cls, value, info):
        if value is None and not info.data.get("history"):
            raise PydanticCustomError("missing", "Field required (or give a `history`)")
        return value

    @model_validator(mode="after")
    def _status_from_history(self):
        if self.history:
            dated = [h for h in self.history if h.date]
            latest = max(dated, key=_history_day) if dated else self.history[-1]
            status = HISTORY_STATUS[latest.event]
            if self.status is not None and self.status != status:
                raise ValueError(
                    f"status {self.status!r} contradicts the history, whose latest step "
                    f"({latest.event} {latest.date or ''}) makes it {status!r}; leave `status` out"
                )
            self.status = status
            if self.date is None:
                first = min(dated, key=_history_day) if dated else None
                self.date = first.date if first else None
        if self.status is None:
            raise ValueError("give `status` (planned, signed, renewed, expired) or a `history`")
        return self


class EventIn(_Certain):
    id: Slug
    name: Name
    kind: Literal[EVENT_KINDS]  # type: ignore[valid-type]
    status: Literal[EVENT_STATUSES] = "unknown"  # type: ignore[valid-type]
    date: PartialDate | None = None
    end_date: PartialDate | None = None
    city: Name | None = None
    country: CountryCode | None = None
    region: Slug | None = None
    # Actors or partnerships, by id or name.
    organisers: list[ActorRef] = Field(default_factory=list)
    participants: list[ActorRef] = Field(default_factory=list)
    partnership: Slug | None = None
    sectors: list[Slug] = Field(default_factory=list)
    description: Text | None = None
    measures: list[MeasureIn] = _Measures
    support: list[SupportIn] = Field(default_factory=list)
    note: Text | None = None
    source: Locator


class MembershipIn(_Certain):
    """A membership given outside its partnership record (CSV `memberships` tables)."""

    partnership: Slug
    actor: ActorRef
    role: Literal[MEMBER_ROLES] = "partner"  # type: ignore[valid-type]
    note: Text | None = None
    source: Locator


class PartnershipLinkIn(_Certain):
    """A link between two partnerships given outside their records (CSV `partnership_links`)."""

    partnership: Name
    relation: Literal[PARTNERSHIP_RELATIONS]  # type: ignore[valid-type]
    other: Name
    note: Text | None = None
    source: Locator


class TargetCountryLinkIn(TargetCountryIn):
    """A target country given outside its partnership record (CSV `target_countries`)."""

    partnership: Slug


class TargetLinkIn(TargetIn):
    """A target actor given outside its partnership record (CSV `targets`)."""

    partnership: Slug


class RegionIn(_Strict):
    """Québec, Ohio (`subnational`, in one country) or North America (`supranational`)."""

    id: Slug
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    kind: Literal[REGION_KINDS]  # type: ignore[valid-type]
    countries: list[CountryCode] = Field(min_length=1)
    note: Text | None = None
    source: Locator | None = None

    @model_validator(mode="after")
    def _one_country_below(self):
        if self.kind == "subnational" and len(self.countries) != 1:
            raise ValueError("a subnational region lies in exactly one country")
        return self


class DataFile(_Strict):
    format: Literal["clustergraph/v1"]
    document: DocumentIn | None = None
    countries: list[CountryIn] = Field(default_factory=list)
    sectors: list[SectorIn] = Field(default_factory=list)
    regions: list[RegionIn] = Field(default_factory=list)
    actors: list[ActorIn] = Field(default_factory=list)
    partnerships: list[PartnershipIn] = Field(default_factory=list)
    agreements: list[AgreementIn] = Field(default_factory=list)
    events: list[EventIn] = Field(default_factory=list)
    memberships: list[MembershipIn] = Field(default_factory=list)
    partnership_links: list[PartnershipLinkIn] = Field(default_factory=list)
    target_countries: list[TargetCountryLinkIn] = Field(default_factory=list)
    targets: list[TargetLinkIn] = Field(default_factory=list)
    support: list[SupportLinkIn] = Field(default_factory=list)
