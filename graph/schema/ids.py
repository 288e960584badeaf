"""Ids and codes as the loader stores them and every route accepts them: one pattern, one length."""

# Ids of actors, partnerships, agreements, events, sectors and documents are slugs.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX_LENGTH = 120
# ISO 3166-1 alpha-2; stored upper case, accepted in any case by the API.
COUNTRY_CODE_PATTERN = r"^[A-Za-z]{2}$"
