"""The filter dialects from Python: evmatch.Filter, evmatch.matches and Machine(dialect=...),
against the documented examples (SNS both scopes, Lambda, Pipes) and the API's own edges."""

import json

import pytest

import evmatch
from conftest import DATA

SOURCES = {
    "sqs": "sqs",
    "kinesis": "kinesis",
    "dynamodb": "dynamodb",
    "kafka": "kafka",
    "msk": "kafka",
    "self-managed-kafka": "kafka",
    "mq": "mq",
    "activemq": "mq",
    "rabbitmq": "mq",
}


@pytest.fixture(scope="module")
def dialect_examples():
    with open(DATA / "dialects-examples.json", encoding="utf-8") as f:
        return json.load(f)


def sns_cases(examples, section):
    return [e for e in examples[section] if e["expect"] != "error" or "filter_policy_scope" not in e]


def test_every_name_is_listed_and_parses():
    names = evmatch.dialects()
    assert names[0] == "eventbridge" and len(names) == 13
    for name in names:
        assert evmatch.Filter("{}" if name.startswith("sns") else '{"a": ["b"]}', dialect=name).dialect == name
    assert evmatch.Filter('{"value": ["x"]}', dialect="pipes-msk").dialect == "pipes-kafka"
    with pytest.raises(ValueError, match="unknown dialect 'sns': expected one of eventbridge, "):
        evmatch.Filter("{}", dialect="sns")
    with pytest.raises(ValueError, match="unknown SNS API 'Publish'"):
        evmatch.Filter("{}", dialect="sns-body", api="Publish")


@pytest.mark.parametrize("section,dialect", [("sns_attributes", "sns-attributes"), ("sns_body", "sns-body")])
def test_sns_examples(dialect_examples, section, dialect):
    checked = 0
    for e in dialect_examples[section]:
        if e["expect"] == "error":
            if "filter_policy_scope" in e:
                continue  # a scope value, not a policy: see test_cli-level tests
            text = e.get("policy_text") or json.dumps(e["policy"])
            with pytest.raises(evmatch.FilterError) as err:
                evmatch.Filter(text, dialect=dialect, api=e.get("api"))
            lines = str(err.value).split("\n", 1)
            assert lines[0] == e["error_message"], text
            assert (lines[1] if len(lines) > 1 else None) == e["error_location"], text
            assert err.value.code == e["error_code"] == "InvalidParameter"
            checked += 1
            continue
        f = evmatch.Filter(e["policy"], dialect=dialect)
        if e["expect"] == "valid":
            continue
        if dialect == "sns-body":
            got = f.matches(e["message_body"])
            assert got == evmatch.matches(e["policy"], e["message_body"], dialect=dialect)
        else:
            attributes = e["message_attributes"] or {}
            got = f.matches(attributes=attributes)
            # The notification shape (Type/Value) gives the same answer as the Publish shape.
            notification = {
                name: {"Type": a["DataType"], "Value": a.get("StringValue", a.get("BinaryValue"))}
                for name, a in attributes.items()
            }
            assert f.matches("", json.dumps(notification)) == got
        assert got is e["expect"], e
        checked += 1
    assert checked > 10


@pytest.mark.parametrize("section", ["lambda", "pipes"])
def test_lambda_and_pipes_examples(dialect_examples, section):
    for e in dialect_examples[section]:
        dialect = f"{section}-{SOURCES[e['source_type']]}"
        if e["expect"] == "error":
            with pytest.raises(evmatch.FilterError) as err:
                evmatch.Filter(e["pattern"], dialect=dialect)
            assert str(err.value) == (e.get("error_message") or "Invalid filter pattern definition.")
            assert err.value.code == (
                e.get("error_code")
                or ("InvalidParameterValueException" if section == "lambda" else "ValidationException")
            )
            continue
        f = evmatch.Filter(e["pattern"], dialect=dialect)
        if e["expect"] == "valid":
            continue
        assert f.matches(e["record"]) is e["expect"], e
        assert f.matches(json.dumps(e["record"]).encode()) is e["expect"]


def test_lambda_filters_are_ored_and_an_empty_list_lets_everything_through():
    record = {"body": "Test message.", "messageId": "1"}
    filters = ['{"body": ["other"]}', {"body": ["Test message."]}]
    assert evmatch.matches(filters, record, dialect="lambda-sqs") is True
    assert evmatch.matches(filters[:1], record, dialect="lambda-sqs") is False
    empty = evmatch.Filter([], dialect="lambda-sqs")
    assert empty.accepts_everything and empty.matches(record)
    # SQS: a plain-text body never matches a JSON pattern, and the reverse.
    assert not evmatch.matches({"body": {"a": ["x"]}}, record, dialect="lambda-sqs")


def test_errors_and_bad_inputs():
    with pytest.raises(evmatch.FilterError) as err:
        evmatch.Filter({"key": [["value"]]}, dialect="sns-attributes", api="Subscribe")
    assert str(err.value) == (
        "Invalid parameter: Attributes Reason: FilterPolicy: Match value must be String, number, "
        'true, false, or null\n at [Source: (String)"{"key":[["value"]]}"; line: 1, column: 10]'
    )
    assert isinstance(err.value, evmatch.EvmatchError) and isinstance(err.value, ValueError)
    # EventBridge keeps its own exceptions.
    with pytest.raises(evmatch.InvalidEventPatternException):
        evmatch.Filter({"a": 1})
    f = evmatch.Filter({"body": ["x"]}, dialect="lambda-sqs")
    with pytest.raises(evmatch.ValidationException, match="record"):
        f.matches("[1]")
    with pytest.raises(ValueError, match="attributes are for the SNS dialects"):
        f.matches({"body": "x"}, attributes={})
    with pytest.raises(TypeError):
        f.matches()
    sns = evmatch.Filter({"a": ["1"]}, dialect="sns-attributes")
    with pytest.raises(evmatch.ValidationException, match="has no string Type"):
        sns.matches(attributes={"a": {"Value": "1"}})
    with pytest.raises(TypeError):
        sns.matches(attributes=[1])
    # A body that is not a JSON object is never delivered in the body scope.
    assert evmatch.matches({"a": ["1"]}, "not json", dialect="sns-body") is False


def test_machine_of_sns_policies():
    m = evmatch.Machine(dialect="sns-attributes")
    assert m.dialect == "sns-attributes" and repr(m) == "<Machine dialect=sns-attributes rules=0>"
    m.add_rule("sports", {"customer_interests": ["rugby", "football"]})
    m.add_rule("big", '{"price_usd": [{"numeric": [">=", 100]}]}')
    m.add_rule("all", "")
    assert len(m) == 3 and "big" in m
    attributes = {
        "customer_interests": {"Type": "String.Array", "Value": '["soccer", "rugby"]'},
        "price_usd": {"Type": "Number", "Value": "99.5"},
    }
    assert m.matches_for_event("order", attributes) == ["all", "sports"]
    message = {"Message": "order", "MessageAttributes": attributes}
    assert m.matches_for_events([message, json.dumps(message), {"Message": "x"}]) == [
        ["all", "sports"],
        ["all", "sports"],
        ["all"],
    ]
    with pytest.raises(evmatch.FilterError) as err:
        m.add_rule("nested", {"a": {"b": ["c"]}})
    assert str(err.value) == (
        "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy"
    )
    assert "nested" not in m
    assert m.remove_rule("all") and not m.remove_rule("all")
    with pytest.raises(evmatch.ValidationException) as err:
        m.matches_for_events([message, {"Message": 5}])
    assert err.value.index == 1
    with pytest.raises(ValueError, match="for EventBridge machines"):
        m.explain("big", "{}")


def test_machine_of_lambda_filters_in_parallel():
    m = evmatch.Machine(dialect="lambda-sqs")
    m.add_rule("either", ['{"body": {"n": [1]}}', '{"body": {"n": [2]}}'])
    m.add_rule("text", {"body": [{"prefix": "hello"}]})
    m.add_rule("filter", evmatch.Filter({"body": {"n": [{"numeric": [">", 500]}]}}, dialect="lambda-sqs"))
    with pytest.raises(evmatch.FilterError):
        m.add_rule("other", evmatch.Filter({"a": ["b"]}, dialect="sns-body"))
    records = [json.dumps({"body": json.dumps({"n": i}), "messageId": str(i)}) for i in range(1000)]
    records.append(json.dumps({"body": "hello world"}))
    got = m.matches_for_events(records, threads=2)
    assert got[1] == ["either"] and got[2] == ["either"] and got[3] == []
    assert got[501] == ["filter"] and got[-1] == ["text"]
    assert got == m.matches_for_events(records, threads=1)
    assert m.matches_for_event(records[1]) == ["either"]


def test_eventbridge_machine_is_unchanged():
    m = evmatch.Machine()
    assert m.dialect == "eventbridge"
    m.add_rule("a", {"source": ["s"]})
    assert m.matches_for_event('{"source": "s"}') == ["a"]
    with pytest.raises(ValueError, match="attributes are for the SNS dialects"):
        m.matches_for_event('{"source": "s"}', attributes={})
    assert evmatch.matches({"source": ["s"]}, '{"source": "s"}') is True


def test_the_python_example_of_the_dialects_page_runs():
    import re

    from conftest import REPO

    text = (REPO / "docs" / "dialects.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "docs/dialects.md", "exec"), {})
