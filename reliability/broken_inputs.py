"""Hypothesis strategies for broken loader input: one valid file with exactly one thing wrong.

Each example is a `Broken` case: the file's name and bytes, and where the one error must be
reported (record and field, or a fragment of a file-level message). Shared by the property tests
(`tests/test_input_properties.py`, bounded) and `make reliability` (many more examples).
"""

import copy
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import yaml
from hypothesis import strategies as st

from clustergraph.settings import PROJECT_ROOT
from graph.loaders.models import FORMAT
from graph.schema.dates import check_partial_date
from graph.schema.model import ACTOR_KINDS

_COUNTRIES = {
    c["code"]
    for c in yaml.safe_load((PROJECT_ROOT / "data/reference/countries.yaml").read_text())[
        "countries"
    ]
}

# A valid file that refers to a bundled actor (skywin) and to its own records.
BASE: dict = {
    "format": FORMAT,
    "document": {"id": "prop-doc", "title": "A generated document"},
    "actors": [
        {"id": "alpha-cluster", "name": "Alpha Cluster", "kind": "cluster", "country": "FR",
         "sectors": ["aerospace"], "source": "line 1"},
        {"id": "beta-network", "name": "Béta Network", "kind": "network", "country": "CA",
         "source": "line 2"},
    ],
    "partnerships": [
        {"id": "prop-alliance", "name": "Prop Alliance", "kind": "alliance", "source": "line 3",
         "members": [{"actor": "alpha-cluster", "role": "coordinator", "source": "line 4"},
                     {"actor": "skywin", "source": "line 5"}]},
    ],
    "agreements": [
        {"id": "mou-alpha-beta", "kind": "mou", "parties": ["alpha-cluster", "Beta Network"],
         "status": "signed", "date": "2020-05", "source": "line 6"},
    ],
    "events": [
        {"id": "prop-meeting-2021", "name": "Prop meeting", "kind": "meeting", "date": "2021",
         "participants": ["alpha-cluster", "skywin"], "source": "line 7"},
    ],
}  # fmt: skip
_FIELDS = {
    "actors": ["id", "name", "kind", "source"],
    "agreements": ["id", "kind", "parties", "status", "source"],
    "events": ["id", "name", "kind", "source"],
    "partnerships": ["id", "name", "kind", "source"],
}


@dataclass(frozen=True)
class Broken:
    kind: str
    name: str  # file name
    content: bytes
    record: str | None  # e.g. "actors[0] (id alpha-cluster)"
    field: str | None
    message: str  # a fragment the error message must contain

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        path.write_bytes(self.content)
        return path


def _record(data: dict, section: str, index: int) -> str:
    ident = data[section][index].get("id")
    return f"{section}[{index}]" + (f" (id {ident})" if isinstance(ident, str) else "")


def _yaml(kind: str, data: dict, section: str, index: int, fld: str, message: str) -> Broken:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    record = _record(data, section, index)
    return Broken(kind, "broken.yaml", text.encode("utf-8"), record, fld, message)


_sections = st.sampled_from(sorted(_FIELDS))


@st.composite
def missing_field(draw):
    data, section = copy.deepcopy(BASE), draw(_sections)
    fld = draw(st.sampled_from(_FIELDS[section]))
    del data[section][0][fld]
    return _yaml("missing field", data, section, 0, fld, "Field required")


@st.composite
def unknown_field(draw):
    data, section = copy.deepcopy(BASE), draw(_sections)
    fld = draw(st.from_regex(r"[a-z][a-z_]{0,15}", fullmatch=True).filter(
        lambda f: f not in {*_FIELDS[section], "aliases", "sectors", "country", "date", "note",
                            "description", "members", "title", "participants", "organisers",
                            "city", "region", "partnership", "valid_until", "end_date",
                            "programme", "strand", "start", "end", "targets", "target_countries"}
    ))  # fmt: skip
    data[section][0][fld] = draw(st.text(max_size=20))
    return _yaml("unknown field", data, section, 0, fld, "Extra inputs are not permitted")


_wrong = st.one_of(
    st.integers(), st.booleans(), st.lists(st.integers(), min_size=1, max_size=3),
    st.dictionaries(st.just("x"), st.integers(), min_size=1),
)  # fmt: skip


@st.composite
def wrong_type(draw):
    data = copy.deepcopy(BASE)
    section, fld = draw(st.sampled_from(
        [("actors", "name"), ("actors", "kind"), ("agreements", "status"), ("events", "name")]
    ))  # fmt: skip
    data[section][0][fld] = draw(_wrong)
    return _yaml("wrong type", data, section, 0, fld, "Input should be")


def _is_date(value) -> bool:
    try:
        check_partial_date(value)
        return len(value) <= 10
    except (ValueError, TypeError):
        return False


@st.composite
def bad_date(draw):
    data = copy.deepcopy(BASE)
    value = draw(st.one_of(
        st.text(max_size=12),
        st.from_regex(r"\d{4}-(1[3-9]|[2-9]\d|00)(-\d{2})?", fullmatch=True),
        st.from_regex(r"\d{4}-(0[2469]|11)-3[01]", fullmatch=True),
        st.from_regex(r"\d{4}-02-(29|30)", fullmatch=True),
    ).filter(lambda v: not _is_date(v)))  # fmt: skip
    data["agreements"][0]["date"] = value
    return _yaml("bad date", data, "agreements", 0, "date", "")


@st.composite
def bad_precision(draw):
    data = copy.deepcopy(BASE)
    day = draw(st.dates())
    value = draw(st.sampled_from([
        f"{day.year}-{day.month}", f"{day.day}.{day.month}.{day.year}", f"{day:%Y%m%d}",
        f"{day.isoformat()}T10:00", f"{day:%Y/%m}", f"{day.year % 100:02d}", f"{day:%Y-%m}-1",
    ]).filter(lambda v: not _is_date(v)))  # fmt: skip
    data["events"][0]["date"] = value
    return _yaml("bad date precision", data, "events", 0, "date", "")


@st.composite
def unknown_country(draw):
    data = copy.deepcopy(BASE)
    code = draw(st.from_regex(r"[A-Z]{2}", fullmatch=True).filter(lambda c: c not in _COUNTRIES))
    data["actors"][1]["country"] = code
    return _yaml("unknown country", data, "actors", 1, "country", f"unknown country '{code}'")


@st.composite
def duplicate_id(draw):
    data = copy.deepcopy(BASE)
    section = draw(_sections)
    twin = copy.deepcopy(data[section][0])
    data[section].append(twin)
    index = len(data[section]) - 1
    return _yaml("duplicate id", data, section, index, "id", "duplicate id")


@st.composite
def self_agreement(draw):
    data = copy.deepcopy(BASE)
    same = draw(
        st.sampled_from(["alpha-cluster", "Alpha Cluster", "ALPHA CLUSTER", "alpha cluster"])
    )
    data["agreements"][0]["parties"] = ["alpha-cluster", same]
    return _yaml("self-agreement", data, "agreements", 0, "parties.1", "cannot sign with itself")


@st.composite
def missing_reference(draw):
    data = copy.deepcopy(BASE)
    ghost = draw(st.from_regex(r"ghost-[a-z]{3,12}(-[a-z]{2,8}){0,2}", fullmatch=True))
    where = draw(st.sampled_from(["parties", "participants", "members"]))
    if where == "parties":
        data["agreements"][0]["parties"][1] = ghost
        return _yaml("missing reference", data, "agreements", 0, "parties.1", "unknown actor")
    if where == "participants":
        data["events"][0]["participants"][0] = ghost
        return _yaml("missing reference", data, "events", 0, "participants.0", "unknown actor")
    data["partnerships"][0]["members"][0]["actor"] = ghost
    return _yaml("missing reference", data, "partnerships", 0, "members.0.actor", "unknown actor")


@st.composite
def huge_string(draw):
    data = copy.deepcopy(BASE)
    fld, limit = draw(st.sampled_from([("name", 300), ("description", 4000), ("source", 500)]))
    size = draw(st.integers(min_value=limit + 1, max_value=50_000))
    data["actors"][0][fld] = draw(st.sampled_from("xé€𝔘")) * size
    return _yaml("huge string", data, "actors", 0, fld, "at most")


@st.composite
def odd_unicode(draw):
    data = copy.deepcopy(BASE)
    if draw(st.booleans()):
        # Look-alikes, zero-width and full-width characters make an id that is not a slug.
        odd = draw(st.sampled_from(["\u0456", "\u200b", "\uff41", "\u00e9", "\u2011", " "]))
        at = draw(st.integers(min_value=1, max_value=len("alpha-cluster") - 1))
        data["actors"][0]["id"] = "alpha-cluster"[:at] + odd + "alpha-cluster"[at:]
        return _yaml("odd unicode", data, "actors", 0, "id", "should match pattern")
    hidden = draw(st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\u202e", "\u2066"]))
    data["actors"][0]["name"] = "Alpha" + hidden + "Cluster"
    return _yaml("odd unicode", data, "actors", 0, "name", "invisible control character")


_CSV_ROWS = [
    {"id": "gamma-cluster", "name": "Gamma Cluster", "kind": "cluster", "country": "DE"},
    {"id": "delta-cluster", "name": "Délta Cluster", "kind": "cluster", "country": "PL"},
]


def _csv_text(rows: list[dict], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@st.composite
def broken_csv(draw):
    choice = draw(st.sampled_from(["delimiter", "encoding", "bom", "cell"]))
    if choice == "delimiter":
        text = _csv_text(_CSV_ROWS, draw(st.sampled_from([";", "\t", "|"])))
        return Broken(
            "csv delimiter", "actors.csv", text.encode(), None, None, "matches no known table"
        )
    if choice == "encoding":
        codec = draw(st.sampled_from(["latin-1", "cp1252"]))
        return Broken(
            "csv encoding",
            "actors.csv",
            _csv_text(_CSV_ROWS).encode(codec),
            None,
            None,
            "is not UTF-8",
        )
    if choice == "bom":
        codec = draw(st.sampled_from(["utf-16", "utf-32"]))
        return Broken(
            "csv bom", "actors.csv", _csv_text(_CSV_ROWS).encode(codec), None, None, "is not UTF-8"
        )
    rows = copy.deepcopy(_CSV_ROWS)
    index = draw(st.integers(min_value=0, max_value=1))
    chars = st.characters(codec="utf-8", exclude_characters=',"\r\n\x00')
    rows[index]["kind"] = draw(
        st.text(chars, min_size=1, max_size=12).filter(
            lambda v: v.strip() and v.strip() not in ACTOR_KINDS
        )
    )
    record = f"actors[{index}] (id {rows[index]['id']})"
    return Broken(
        "csv cell", "actors.csv", _csv_text(rows).encode(), record, "kind", "Input should be"
    )


STRATEGIES = {
    "missing field": missing_field(),
    "unknown field": unknown_field(),
    "wrong type": wrong_type(),
    "bad date": bad_date(),
    "bad date precision": bad_precision(),
    "unknown country": unknown_country(),
    "duplicate id": duplicate_id(),
    "self-agreement": self_agreement(),
    "missing reference": missing_reference(),
    "huge string": huge_string(),
    "odd unicode": odd_unicode(),
    "csv": broken_csv(),
}
