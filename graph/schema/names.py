"""Name folding: how names compare whatever their case, accents or punctuation."""

import unicodedata


def normalise(text: str, *, keep_punctuation: bool = False) -> str:
    """Case- and accent-insensitive form of a name, words separated by one space.

    'Aéro-Montréal!' -> 'aero montreal' (the key names are matched and deduplicated on), or
    'aéro-montréal!' folded to 'aero-montreal!' with `keep_punctuation` (as the full-text
    index's `standard-folding` analyzer sees terms before it splits them).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    if not keep_punctuation:
        folded = "".join(c if c.isalnum() else " " for c in folded)
    return " ".join(folded.split())
