"""Route parameters shared by every router: one definition for the OpenAPI document and the server.

FastAPI validates each parameter with exactly the pattern and bounds it publishes, so what the
document admits is what the server accepts. The vocabulary (id pattern and length, link kinds,
partial dates, country codes) comes from `graph.schema`.
"""

from typing import Annotated, Any

from fastapi import Path, Query

from graph.schema.dates import PARTIAL_DATE_HELP, PARTIAL_DATE_PATTERN
from graph.schema.ids import COUNTRY_CODE_PATTERN, ID_MAX_LENGTH, ID_PATTERN
from graph.schema.model import COOPERATION_LINKS, DEFAULT_LINKS

# 'agreement,event': known link kinds only, comma-separated, no spaces.
_LINK = "(?:" + "|".join(COOPERATION_LINKS) + ")"
VIA_PATTERN = rf"^{_LINK}(?:,{_LINK})*$"
VIA_MAX_LENGTH = 100
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 100_000


def id_path(description: str) -> Any:
    """A path parameter holding an id (a slug of at most ID_MAX_LENGTH characters)."""
    return Path(min_length=1, max_length=ID_MAX_LENGTH, pattern=ID_PATTERN, description=description)


def id_query(description: str, **extra: Any) -> Any:
    """A query parameter holding an id."""
    return Query(
        min_length=1,
        max_length=ID_MAX_LENGTH,
        pattern=ID_PATTERN,
        description=description,
        **extra,
    )


def country_query(description: str) -> Any:
    return Query(min_length=2, max_length=2, pattern=COUNTRY_CODE_PATTERN, description=description)


def country_path(description: str) -> Any:
    return Path(min_length=2, max_length=2, pattern=COUNTRY_CODE_PATTERN, description=description)


def limit_query(maximum: int = MAX_LIMIT, description: str = "At most this many items.") -> Any:
    return Query(ge=1, le=maximum, description=description)


def offset_query(maximum: int = MAX_OFFSET) -> Any:
    return Query(ge=0, le=maximum, description="Skip this many items (paging).")


_VIA_HELP = (
    "Comma-separated kinds of cooperation link: "
    + ", ".join(f"`{k}`" for k in COOPERATION_LINKS)
    + f" (default `{','.join(DEFAULT_LINKS)}`)."
)

ActorIdPath = Annotated[str, id_path("An actor id, e.g. `aerospace-valley`.")]
PartnershipIdPath = Annotated[str, id_path("A partnership id, e.g. `space2id`.")]
AgreementIdPath = Annotated[str, id_path("An agreement id, e.g. `mou-aero-montreal-skywin`.")]
DocumentIdPath = Annotated[str, id_path("A document id, e.g. `eccp-canada-2019`.")]
CountryCodePath = Annotated[
    str, country_path("ISO 3166-1 alpha-2 code, any case (UK is GB), e.g. `CA`.")
]
Via = Annotated[
    str | None, Query(pattern=VIA_PATTERN, max_length=VIA_MAX_LENGTH, description=_VIA_HELP)
]
DateFrom = Annotated[
    str | None,
    Query(
        alias="from",
        max_length=10,
        pattern=PARTIAL_DATE_PATTERN,
        description=f"{PARTIAL_DATE_HELP}: dated on or after (undated items are left out).",
    ),
]
DateTo = Annotated[
    str | None,
    Query(
        alias="to",
        max_length=10,
        pattern=PARTIAL_DATE_PATTERN,
        description=f"{PARTIAL_DATE_HELP}: dated on or before (undated items are left out).",
    ),
]
AS_OF_HELP = (
    "YYYY, YYYY-MM or YYYY-MM-DD: only agreements in force then (signed or renewed by then and "
    "not yet expired, from their histories); other agreements are left out."
)
AsOf = Annotated[
    str | None,
    Query(max_length=10, pattern=PARTIAL_DATE_PATTERN, description=AS_OF_HELP),
]
Limit = Annotated[int, limit_query()]
Offset = Annotated[int, offset_query()]
IncludePlaceholders = Annotated[
    bool,
    Query(
        description="Also take placeholder records (parties a report counts but does not name, "
        "e.g. SMEs 'still to be identified'); by default they are kept out"
    ),
]

# What a pattern means, for error messages (the pattern itself is in the OpenAPI document).
PATTERN_HELP: dict[str, str] = {
    ID_PATTERN: f"an id: lower-case letters and digits in groups joined by '-', at most "
    f"{ID_MAX_LENGTH} characters",
    PARTIAL_DATE_PATTERN: PARTIAL_DATE_HELP,
    VIA_PATTERN: "a comma-separated list of " + ", ".join(COOPERATION_LINKS),
    COUNTRY_CODE_PATTERN: "an ISO 3166-1 alpha-2 country code such as CA",
}
