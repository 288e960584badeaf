"""The input of the geographic map (and the JSON of `GET /maps/geo?format=json`): countries with
their actors, and the cooperation between countries counted by kind of evidence."""

from typing import Literal

from pydantic import BaseModel, Field


class GeoFiltersPublic(BaseModel):
    partnership: str | None = None
    sector: str | None = None
    country: str | None = None
    date_from: str | None = Field(default=None, serialization_alias="from")
    date_to: str | None = Field(default=None, serialization_alias="to")
    include_planned: bool = True  # false: planned agreements are not counted
    as_of: str | None = None  # only agreements in force then


class GeoCountryPublic(BaseModel):
    """A country of the graph. `actors`: located there (with the filters: active in the sector,
    members of the partnership). `member`/`target_status`: a partnership's reach."""

    code: str
    name: str
    continent: str | None = None
    actors: int = 0
    domestic_agreements: int = 0  # agreements whose parties are all in this country
    member: bool = False
    target_status: str | None = None  # priority, selected, candidate, ... (partnership map)


class GeoLinkPublic(BaseModel):
    """Cooperation between two countries through one kind of evidence, counted:
    `agreement`: agreements with parties in both countries; `membership`: partnerships with
    members in both; `target`: partnerships with members in `source` that target the country
    `target` (directed). Agreements and memberships have `source` < `target`."""

    source: str
    target: str
    kind: Literal["agreement", "membership", "target"]
    count: int
    via: list[str] = Field(default_factory=list)  # the agreements' or partnerships' ids
    documents: list[str] = Field(default_factory=list)


class GeoDocumentPublic(BaseModel):
    id: str
    title: str | None = None
    publisher: str | None = None


class GeoMapPublic(BaseModel):
    """The geographic map: every country of the graph, the links between them, the sources."""

    title: str
    description: str
    filters: GeoFiltersPublic
    countries: list[GeoCountryPublic]
    links: list[GeoLinkPublic]
    documents: list[GeoDocumentPublic]
    totals: dict[str, int]  # agreements, memberships, targets, countries (with a link), actors
