"""The query string of a page as a form: values read and checked one by one, each problem kept
beside its field (the page shows it there) instead of a JSON error.

Pages read `request.query_params` through a `Form` rather than FastAPI parameters, because a
FastAPI validation error is an answer of its own, in JSON, before the page is drawn.
"""

import re
from typing import Any

from neo4j import AsyncSession

from clustergraph.errors import NotFoundError
from graph.schema.dates import PARTIAL_DATE_HELP, PARTIAL_DATE_PATTERN
from graph.schema.ids import COUNTRY_CODE_PATTERN, ID_MAX_LENGTH, ID_PATTERN
from queries.agreements import check_filters
from queries.search import search

DATE = re.compile(PARTIAL_DATE_PATTERN)
CODE = re.compile(COUNTRY_CODE_PATTERN)
MAX_TEXT = 200
ID_FILTERS = ("actor", "partnership", "country", "sector")  # ids check_filters knows


def checked_id(kind: str, value: str) -> str:
    """An id that cannot be one (spaces, capitals) is answered like an unknown one: a 404 page
    that suggests what the text may have meant."""
    if len(value) > ID_MAX_LENGTH or not re.match(ID_PATTERN, value):
        raise NotFoundError(kind, value)
    return value


class Form:
    """Raw values (shown back in the fields as typed), checked values and errors by field."""

    def __init__(self, params: Any):
        self.raw: dict[str, str] = {k: v.strip() for k, v in params.items()}
        self.errors: dict[str, str] = {}
        self.notes: dict[str, str] = {}  # how a value was understood ("Canada" -> CA)

    def __getitem__(self, name: str) -> str:
        return self.raw.get(name, "")

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def text(self, name: str) -> str | None:
        value = self.raw.get(name) or None
        if value and len(value) > MAX_TEXT:
            self.error(name, f"At most {MAX_TEXT} characters.")
            return None
        return value

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        value = self.raw.get(name)
        if not value:
            return default
        if not re.fullmatch(r"\d{1,6}", value) or not low <= int(value) <= high:
            self.error(name, f"A whole number from {low} to {high}.")
            return default
        return int(value)

    def choice(self, name: str, options: dict[str, str] | tuple, default: str | None = None):
        value = self.raw.get(name)
        if not value:
            return default
        if value not in options:
            allowed = ", ".join(options)
            self.error(name, f"“{value}” is not one of: {allowed}.")
            return default
        return value

    def date(self, name: str) -> str | None:
        value = self.raw.get(name)
        if not value:
            return None
        if not DATE.match(value):
            self.error(name, f"A year (2018), a month (2018-09) or a day: {PARTIAL_DATE_HELP}.")
            return None
        return value

    def slug(self, name: str) -> str | None:
        value = self.raw.get(name)
        if value and not re.match(ID_PATTERN, value):
            self.error(name, "An id: lower-case letters, digits and dashes.")
            return None
        return value or None

    async def entity(self, session: AsyncSession, name: str, type_: str) -> str | None:
        """An id, a code or a name, resolved to the id (a country's code) through search.

        An exact match of a name, alias, id or code wins; otherwise the field gets an error
        naming the closest matches."""
        value = self.text(name)
        if value is None:
            return None
        if not any(c.isalnum() for c in value):
            self.error(name, "Give a name, an id or a code.")
            return None
        if type_ in ID_FILTERS and re.match(ID_PATTERN if type_ != "country" else CODE, value):
            key = value.upper() if type_ == "country" else value
            try:  # an id (or a code) that names something is taken as it is
                await check_filters(session, **{type_: key})
                return key
            except NotFoundError:
                pass
        hits = (await search(session, value, type_=type_, limit=5)).items
        exact = [h for h in hits if h.exact]
        if exact:
            if exact[0].id != value:
                self.notes[name] = f"{exact[0].name} ({exact[0].id})"
            return exact[0].id
        close = ", ".join(f"{h.name} ({h.id})" for h in hits[:4])
        self.error(
            name,
            f"No {type_} named “{value}”." + (f" Did you mean: {close}?" if close else ""),
        )
        return None
