"""Structured answers: response_format shapes, schema checks, reading replies, tables and CSV export."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.json_answer import (
    OutlineLine,
    ParsedAnswer,
    SchemaProblem,
    Table,
    check_schema,
    outline,
    parse_answer,
    response_format,
    table_of,
    to_csv,
    to_json_text,
)

# The tutorial's departure board, read back as the list of objects the user asked for.
DEPARTURES = [
    {"time": "08:30", "city": "도쿄", "food": "스시", "description": "아침 첫 비행기, 창가 좌석"},
    {"time": "09:15", "city": "Paris", "food": "크루아상", "description": "Gate 12, \"on time\""},
    {"time": "10:05", "city": "뉴욕", "food": "Bagel, cream cheese", "description": "지연 20분"},
]

DEPARTURES_CSV = (
    "time,city,food,description\r\n"
    "08:30,도쿄,스시,\"아침 첫 비행기, 창가 좌석\"\r\n"
    "09:15,Paris,크루아상,\"Gate 12, \"\"on time\"\"\"\r\n"
    "10:05,뉴욕,\"Bagel, cream cheese\",지연 20분\r\n"
)

STRICT_SCHEMA = {
    "type": "object",
    "properties": {
        "flights": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "time": {"type": "string"},
                    "city": {"type": "string"},
                    "food": {"type": "string"},
                    "description": {"type": "string"},
                },
                "required": ["time", "city", "food", "description"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["flights"],
    "additionalProperties": False,
}


def problem_of(schema: dict, strict: bool = True) -> str:
    with pytest.raises(SchemaProblem) as caught:
        check_schema(schema, strict)
    return str(caught.value)


# -- response_format -------------------------------------------------------------------------------


def test_text_leaves_response_format_out():
    assert response_format("text") is None


def test_json_object_mode_shape():
    assert response_format("json_object") == {"type": "json_object"}


def test_json_schema_shape_carries_name_schema_and_strict():
    result = response_format("json_schema", json.dumps(STRICT_SCHEMA), name="departures", strict=True)
    assert result == {
        "type": "json_schema",
        "json_schema": {"name": "departures", "schema": STRICT_SCHEMA, "strict": True},
    }


def test_non_strict_schema_may_skip_the_strict_rules():
    loose = {"type": "object", "properties": {"city": {"type": "string"}}}
    result = response_format("json_schema", json.dumps(loose), strict=False)
    assert result == {"type": "json_schema", "json_schema": {"name": "answer", "schema": loose, "strict": False}}
    with pytest.raises(SchemaProblem):
        response_format("json_schema", json.dumps(loose), strict=True)


def test_schema_that_is_not_json_names_line_and_column():
    text = '{\n  "type": "object",\n  "properties": {}\n  "required": []\n}'
    with pytest.raises(SchemaProblem) as caught:
        response_format("json_schema", text)
    assert str(caught.value) == "The schema is not valid JSON: line 4, column 3: Expecting ',' delimiter"


def test_empty_schema_text_is_refused():
    with pytest.raises(SchemaProblem, match="empty"):
        response_format("json_schema", "   ")


def test_schema_must_be_an_object():
    with pytest.raises(SchemaProblem) as caught:
        response_format("json_schema", "[1, 2]")
    assert str(caught.value) == "The schema must be a JSON object, not an array"


@pytest.mark.parametrize("name", ["my answer", "", "a" * 65, "답변"])
def test_schema_name_outside_the_api_rules_is_refused(name):
    with pytest.raises(SchemaProblem, match="schema name"):
        response_format("json_schema", json.dumps(STRICT_SCHEMA), name=name)


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown response format"):
        response_format("yaml")


# -- schema checks ---------------------------------------------------------------------------------


def test_valid_strict_schema_passes():
    check_schema(STRICT_SCHEMA, strict=True)


def test_valid_strict_schema_with_defs_and_any_of_passes():
    schema = {
        "type": "object",
        "properties": {"stop": {"anyOf": [{"$ref": "#/$defs/city"}, {"type": "null"}]}},
        "required": ["stop"],
        "additionalProperties": False,
        "$defs": {
            "city": {
                "type": "object",
                "properties": {"name": {"type": "string"}},
                "required": ["name"],
                "additionalProperties": False,
            }
        },
    }
    check_schema(schema, strict=True)


def test_top_level_array_is_refused_in_strict_mode():
    assert problem_of({"type": "array", "items": {"type": "string"}}) == (
        "Structured outputs need an object at the top: 'type' is 'array'"
    )


def test_top_level_without_type_is_refused_in_strict_mode():
    assert problem_of({"anyOf": [{"type": "object"}]}) == (
        "Structured outputs need an object at the top: 'type' is missing"
    )


def test_missing_additional_properties_at_top():
    schema = {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}
    assert problem_of(schema) == "'additionalProperties' must be false in strict mode (at the top level)"


def test_additional_properties_true_in_nested_array_items():
    schema = json.loads(json.dumps(STRICT_SCHEMA))
    schema["properties"]["flights"]["items"]["additionalProperties"] = True
    assert problem_of(schema) == "'additionalProperties' must be false in strict mode (at properties.flights.items)"


def test_property_missing_from_required_at_top():
    schema = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
        "required": ["name"],
        "additionalProperties": False,
    }
    assert problem_of(schema) == (
        "Every property must be listed in 'required' in strict mode: 'age' is missing (at the top level)"
    )


def test_several_properties_missing_from_required_in_defs():
    schema = {
        "type": "object",
        "properties": {"p": {"$ref": "#/$defs/person"}},
        "required": ["p"],
        "additionalProperties": False,
        "$defs": {
            "person": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
                "additionalProperties": False,
            }
        },
    }
    assert problem_of(schema) == (
        "Every property must be listed in 'required' in strict mode: 'name' and 'age' are missing (at $defs.person)"
    )


def test_rule_is_applied_inside_any_of():
    schema = {
        "type": "object",
        "properties": {"x": {"anyOf": [{"type": "string"}, {"type": "object", "properties": {}}]}},
        "required": ["x"],
        "additionalProperties": False,
    }
    assert problem_of(schema) == "'additionalProperties' must be false in strict mode (at properties.x.anyOf[1])"


def test_meta_schema_error_names_its_place():
    schema = {"type": "object", "properties": {"a": {"type": "strin"}}}
    assert problem_of(schema, strict=False) == (
        "'strin' is not valid under any of the given schemas (at properties.a.type)"
    )


def test_meta_schema_error_for_required_not_a_list():
    assert problem_of({"type": "object", "required": "a"}, strict=False) == "'a' is not of type 'array' (at required)"


# -- reading the answer ----------------------------------------------------------------------------


def test_valid_answer_is_read():
    assert parse_answer('{"flights": []}') == ParsedAnswer(value={"flights": []}, error=None)


def test_fenced_answer_is_read():
    text = '```json\n[{"time": "08:30", "city": "도쿄"}]\n```\n'
    assert parse_answer(text).value == [{"time": "08:30", "city": "도쿄"}]


def test_invalid_answer_names_line_and_column():
    text = '[\n  {"time": "08:30",\n   "city": "도쿄"},\n  {"time": "09:15" "city": "Paris"}\n]'
    assert parse_answer(text) == ParsedAnswer(
        value=None, error="Not valid JSON: line 4, column 20: Expecting ',' delimiter"
    )


def test_invalid_fenced_answer_counts_lines_of_the_reply_as_shown():
    text = '```json\n{"a": 1\n "b": 2}\n```'
    assert parse_answer(text).error == "Not valid JSON: line 3, column 2: Expecting ',' delimiter"


def test_empty_answer_is_an_error_not_a_value():
    assert parse_answer("  \n").error == "The answer is empty"


# -- tables and export -----------------------------------------------------------------------------


def test_departures_become_a_table_with_keys_as_columns():
    table = table_of(DEPARTURES)
    assert table == Table(
        columns=["time", "city", "food", "description"],
        rows=[[d["time"], d["city"], d["food"], d["description"]] for d in DEPARTURES],
    )


def test_single_key_object_holding_a_list_is_a_table():
    assert table_of({"flights": DEPARTURES}) == table_of(DEPARTURES)


def test_columns_in_first_seen_order_and_missing_keys_empty():
    table = table_of([{"b": 1, "a": 2}, {"c": 3, "a": 4}])
    assert table.columns == ["b", "a", "c"]
    assert table.rows == [[1, 2, None], [None, 4, 3]]


@pytest.mark.parametrize(
    "value",
    [[], [1, 2], [{"a": 1}, 2], {"a": [{"x": 1}], "b": 2}, {"a": 1}, "text", None, {"a": []}],
)
def test_other_values_are_not_tables(value):
    assert table_of(value) is None


def test_departures_csv_is_exact():
    assert to_csv(table_of(DEPARTURES)) == DEPARTURES_CSV


def test_csv_writes_nested_values_as_compact_json_and_null_as_empty():
    table = table_of([{"city": "서울", "gates": [1, 2], "meta": {"터미널": 2}, "late": True, "note": None}])
    assert to_csv(table) == 'city,gates,meta,late,note\r\n서울,"[1,2]","{""터미널"":2}",true,\r\n'


def test_json_text_is_pretty_and_keeps_korean():
    assert to_json_text({"city": "도쿄", "gates": [1]}) == '{\n  "city": "도쿄",\n  "gates": [\n    1\n  ]\n}'


def test_outline_lists_keys_and_values_depth_first_and_counts_what_it_left_out():
    value = {"flights": [{"city": "도쿄", "late": None}, {"city": "Paris", "late": 5}], "ok": True}
    lines, left_out = outline(value, limit=100)
    assert lines == [
        OutlineLine(0, "", None, 2, "object"),
        OutlineLine(1, "flights", None, 2, "array"),
        OutlineLine(2, "[0]", None, 2, "object"),
        OutlineLine(3, "city", "도쿄"),
        OutlineLine(3, "late", "null"),
        OutlineLine(2, "[1]", None, 2, "object"),
        OutlineLine(3, "city", "Paris"),
        OutlineLine(3, "late", "5"),
        OutlineLine(1, "ok", "true"),
    ]
    assert left_out == 0
    lines, left_out = outline(value, limit=4)
    assert [line.key for line in lines] == ["", "flights", "[0]", "city"] and left_out == 5
