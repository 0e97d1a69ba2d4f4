"""Structured JSON answers: the `response_format` to send, schema checks, and reading the reply as data.

The user chooses text, JSON object or JSON schema. A schema is checked before sending: first against
JSON Schema Draft 2020-12 itself, then (strict mode) against the Structured Outputs subset: an object at
the top, `additionalProperties: false` on every object and every property listed in `required`. A reply
is parsed into a value (or a plain note on where the JSON breaks), a list of objects becomes a table,
and both can be written out as CSV or pretty JSON text. Nothing here reads or writes files.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

from desktop_app.core.i18n import trans_late

RESPONSE_KINDS = ("text", "json_object", "json_schema")

# The API takes letters, digits, '_' and '-', at most 64 characters, as the schema name.
_SCHEMA_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
# A whole reply wrapped in one Markdown code fence, as some models do even in JSON mode.
_FENCED = re.compile(r"\A\s*(`{3,}|~{3,})[ \t]*(?:json|JSON)?[ \t]*\r?\n(.*?)^[ \t]*\1[ \t]*\s*\Z", re.S | re.M)
# Keywords whose value is a map of name -> sub-schema, walked for the strict rules.
_SCHEMA_MAPS = ("properties", "$defs", "definitions")
# Keywords whose value is a list of sub-schemas.
_SCHEMA_LISTS = ("anyOf", "prefixItems")


class SchemaProblem(ValueError):
    """A response schema cannot be sent; the text says what is wrong and where."""


@dataclass(frozen=True)
class ParsedAnswer:
    """A reply read as JSON: the value, or an error saying where the JSON breaks (never both)."""

    value: object | None
    error: str | None


@dataclass(frozen=True)
class Table:
    """A list of objects as rows: keys as columns in first-seen order, a missing key as None."""

    columns: list[str]
    rows: list[list[object]]


# -- request ---------------------------------------------------------------------------------------


def response_format(kind: str, schema_text: str = "", name: str = "answer", strict: bool = True) -> dict | None:
    """The `response_format` request value for a kind; None for plain text (leave the field out).

    Raises SchemaProblem when kind is "json_schema" and the schema text or name cannot be sent.
    """
    if kind == "text":
        return None
    if kind == "json_object":
        return {"type": "json_object"}
    if kind != "json_schema":
        raise ValueError(f"Unknown response format {kind!r}; expected one of {', '.join(RESPONSE_KINDS)}")
    if not _SCHEMA_NAME.fullmatch(name):
        raise SchemaProblem(
            trans_late(
                "JsonAnswer", "The schema name may use only letters, digits, '_' and '-', at most 64 characters: {name}"
            ).format(name=repr(name))
        )
    schema = _load_schema(schema_text)
    check_schema(schema, strict)
    return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": strict}}


def check_schema(schema: dict, strict: bool) -> None:
    """Raise SchemaProblem unless `schema` is valid Draft 2020-12 and, if strict, keeps the strict rules."""
    if not isinstance(schema, dict):
        raise SchemaProblem(trans_late("JsonAnswer", "The schema must be a JSON object, not {kind}").format(kind=_json_kind(schema)))
    # Imported here: jsonschema takes ~0.1 s to load and only schema checks need it.
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        raise SchemaProblem(
            trans_late("JsonAnswer", "{problem} ({where})").format(problem=error.message, where=_where(list(error.path)))
        ) from None
    if strict:
        _check_strict_top(schema)
        _check_strict(schema, [])


def _load_schema(schema_text: str) -> dict:
    if not schema_text.strip():
        raise SchemaProblem(trans_late("JsonAnswer", "The schema is empty: paste or write a JSON schema"))
    try:
        schema = json.loads(schema_text)
    except json.JSONDecodeError as error:
        raise SchemaProblem(
            trans_late("JsonAnswer", "The schema is not valid JSON: line {line}, column {column}: {error}").format(
                line=error.lineno, column=error.colno, error=error.msg
            )
        ) from None
    if not isinstance(schema, dict):
        raise SchemaProblem(trans_late("JsonAnswer", "The schema must be a JSON object, not {kind}").format(kind=_json_kind(schema)))
    return schema


def _check_strict_top(schema: dict) -> None:
    top_type = schema.get("type")
    if top_type != "object":
        shown = "missing" if top_type is None else repr(top_type)
        raise SchemaProblem(
            trans_late("JsonAnswer", "Structured outputs need an object at the top: 'type' is {type}").format(type=shown)
        )


def _check_strict(schema: object, path: list) -> None:
    """Apply the strict rules to one sub-schema and everything nested in it."""
    if not isinstance(schema, dict):
        return  # true/false schemas and malformed parts were already judged by the meta-schema
    if _is_object_schema(schema):
        if schema.get("additionalProperties") is not False:
            raise SchemaProblem(
                trans_late("JsonAnswer", "'additionalProperties' must be false in strict mode ({where})").format(
                    where=_where(path)
                )
            )
        required = schema.get("required", [])
        missing = [key for key in schema.get("properties", {}) if key not in required]
        if missing:
            names = " and ".join(repr(key) for key in missing)
            if len(missing) == 1:
                text = trans_late("JsonAnswer", "Every property must be listed in 'required' in strict mode: {names} is missing ({where})")
            else:
                text = trans_late("JsonAnswer", "Every property must be listed in 'required' in strict mode: {names} are missing ({where})")
            raise SchemaProblem(text.format(names=names, where=_where(path)))
    for keyword in _SCHEMA_MAPS:
        for key, sub in (schema.get(keyword) or {}).items():
            _check_strict(sub, [*path, keyword, key])
    for keyword in _SCHEMA_LISTS:
        for index, sub in enumerate(schema.get(keyword) or []):
            _check_strict(sub, [*path, keyword, index])
    if isinstance(schema.get("items"), dict):
        _check_strict(schema["items"], [*path, "items"])


def _is_object_schema(schema: dict) -> bool:
    declared = schema.get("type")
    types = declared if isinstance(declared, list) else [declared]
    return "object" in types or ("properties" in schema and declared is None)


def _where(path: list) -> str:
    """'at the top level' or 'at properties.items.anyOf[0]'."""
    if not path:
        return trans_late("JsonAnswer", "at the top level")
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return trans_late("JsonAnswer", "at {path}").format(path=text)


# -- reply -----------------------------------------------------------------------------------------


def parse_answer(text: str) -> ParsedAnswer:
    """Read a reply as JSON (a whole-reply ```json fence is accepted); the error names line and column."""
    if not text.strip():
        return ParsedAnswer(value=None, error=trans_late("JsonAnswer", "The answer is empty"))
    body_start, body = 0, text
    fenced = _FENCED.match(text)
    if fenced:
        body_start, body = fenced.start(2), fenced.group(2)
    try:
        return ParsedAnswer(value=json.loads(body), error=None)
    except json.JSONDecodeError as error:
        # Count from the reply as shown, so the position matches the raw text, fence included.
        position = body_start + error.pos
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        return ParsedAnswer(
            value=None,
            error=trans_late("JsonAnswer", "Not valid JSON: line {line}, column {column}: {error}").format(
                line=line, column=column, error=error.msg
            ),
        )


def table_of(value: object) -> Table | None:
    """A list of objects (or an object whose only value is one, like {"flights": [...]}) as a table."""
    if isinstance(value, dict) and len(value) == 1:
        value = next(iter(value.values()))
    if not isinstance(value, list) or not value or not all(isinstance(row, dict) for row in value):
        return None
    columns = list(dict.fromkeys(key for row in value for key in row))
    return Table(columns=columns, rows=[[row.get(key) for key in columns] for row in value])


def cell_text(value: object) -> str:
    """One table cell as text: strings as they are, null as empty, everything else as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def to_csv(table: Table) -> str:
    """The table as CSV text (header row first, RFC 4180 CRLF line ends); non-ASCII kept as is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    writer.writerows([cell_text(cell) for cell in row] for row in table.rows)
    return buffer.getvalue()


def to_json_text(value: object) -> str:
    """The value as pretty JSON (indent 2), non-ASCII kept as is."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def json_kind(value: object) -> str:
    """The JSON type name of a parsed value: object, array, string, integer, number, boolean or null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _json_kind(value: object) -> str:
    kind = json_kind(value)
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


@dataclass(frozen=True)
class OutlineLine:
    """One line of a value drawn as an indented tree: a leaf's text, or a container's size."""

    depth: int
    key: str
    text: str | None  # None for an object or array (then `size` counts what it holds)
    size: int = 0
    kind: str = ""  # "object" or "array" for a container


def outline(value: object, limit: int) -> tuple[list[OutlineLine], int]:
    """The value as tree lines, depth first, at most `limit` of them; also how many were left out."""
    lines: list[OutlineLine] = []
    left_out = 0
    stack: list[tuple[int, str, object]] = [(0, "", value)]
    while stack:
        depth, key, item = stack.pop()
        if len(lines) >= limit:
            left_out += 1
        elif isinstance(item, (dict, list)):
            lines.append(OutlineLine(depth, key, None, len(item), json_kind(item)))
        else:
            lines.append(OutlineLine(depth, key, cell_text(item) if item is not None else "null"))
        if isinstance(item, dict):
            stack.extend((depth + 1, str(k), v) for k, v in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend((depth + 1, f"[{i}]", v) for i, v in reversed(list(enumerate(item))))
    return lines, left_out
