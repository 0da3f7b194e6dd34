"""The JSON schema: records.py's tables, the records it builds and README.md agree."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

from tipcli import records
from tipcli.index import cache
from tipcli.session import Session

ROOT = Path(__file__).resolve().parents[1]

Schema = dict[str, list[tuple[str, str]]]


def code_schema() -> Schema:
    """Record type -> [(field, type)] from the `Schema:` blocks of records.py's docstrings."""
    tree = ast.parse(Path(records.__file__).read_text("utf-8"))
    found: Schema = {}
    for node in tree.body:
        doc = ast.get_docstring(node) if isinstance(node, ast.FunctionDef) else None
        if not doc or "Schema:" not in doc:
            continue
        rows = [line.split(None, 2) for line in doc.split("Schema:")[1].strip().splitlines()]
        record_type = rows[0][2].strip('"')
        found[record_type] = [(field, kind) for field, kind, _ in rows]
    return found


def readme_schema() -> Schema:
    """Record type -> [(field, type)] from the tables of README.md's "JSON schema" section."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## JSON schema", 1)[1].split("\n## ", 1)[0]
    found: Schema = {}
    current = None
    for line in section.splitlines():
        heading = re.match(r"`(\w+)` \(", line)
        if heading:
            current = heading.group(1)
            found[current] = []
        row = re.match(r"\| `(\w+)` \| ([^|]+?(?:\\\|[^|]+?)*) \|", line)
        if row and current:
            found[current].append((row.group(1), row.group(2).replace("\\|", "|")))
    return found


def built_records() -> dict[str, dict[str, Any]]:
    """One record of each type, built by the same session the CLI uses (over the seed)."""
    session = Session(use_cache=False)
    reports = session.reports()
    hits, _ = session.search(None, "shelters", sentences=True)
    headers = session.report_map()
    built = [
        records.to_record(reports[0]),
        records.to_record(reports[0].paragraphs[0], headers),
        session.section_counts(reports)[0],
        records.to_record(next(iter(session.facts())), headers),
        records.to_record(hits[0], headers),
        session.by_measure()[0],
        records.to_record(session.panel()[0]),
        session.tags()[0],
        records.index_record(cache.describe(session.store)),
    ]
    return {record["type"]: record for record in built}


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "int": (int,),
    "number": (int, float),
    "bool": (bool,),
    "object": (dict,),
    "null": (type(None),),
}


def _has_type(value: object, spec: str) -> bool:
    """Whether a value fits a documented type such as `string|null` or `[[int,int]]`."""
    return any(_fits(value, option) for option in spec.split("|"))


def _fits(value: object, option: str) -> bool:
    if option.startswith("[["):  # a list of pairs
        return isinstance(value, list) and all(_fits(v, option[1:-1]) for v in value)
    if option.startswith("["):  # [string]: a list; [int,int]: a pair
        inner = option[1:-1].split(",")
        if not isinstance(value, list) or (len(inner) > 1 and len(value) != len(inner)):
            return False
        return all(_fits(v, inner[0]) for v in value)
    if isinstance(value, bool) and option in ("int", "number"):
        return False
    return isinstance(value, _JSON_TYPES[option])


def test_every_record_builder_documents_its_schema() -> None:
    assert set(code_schema()) == {
        "report", "paragraph", "section", "fact", "hit", "summary", "panel", "tag", "index",
    }  # fmt: skip


def test_readme_schema_matches_the_code() -> None:
    assert readme_schema() == code_schema()


@pytest.mark.parametrize("record_type", sorted(code_schema()))
def test_built_records_have_exactly_the_documented_fields(record_type: str) -> None:
    record = built_records()[record_type]
    documented = code_schema()[record_type]
    assert list(record) == [field for field, _ in documented]
    for field, spec in documented:
        assert _has_type(record[field], spec), (record_type, field, record[field], spec)
    assert record["schema"] == records.SCHEMA_VERSION and record["type"] == record_type


def test_type_checker_refuses_wrong_types() -> None:
    assert not _has_type("1", "int") and not _has_type(True, "number")
    assert not _has_type([[1, "x"]], "[[int,int]]") and _has_type(None, "[int,int]|null")
