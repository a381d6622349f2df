"""The Python API itself: test_event_pattern, Pattern, Machine, exceptions, bad arguments."""

import json
import random

import pytest

import evmatch

ENVELOPE = {
    "id": "1",
    "account": "123456789012",
    "source": "aws.ec2",
    "time": "2026-11-27T00:00:00Z",
    "region": "eu-west-1",
    "detail-type": "EC2 Instance State-change Notification",
}


def event(**detail):
    return dict(ENVELOPE, detail=detail)


def test_test_event_pattern_answers():
    assert evmatch.test_event_pattern('{"region": [{"prefix": "eu-"}]}', event()) is True
    assert evmatch.test_event_pattern({"region": [{"prefix": "us-"}]}, json.dumps(event())) is False
    text = json.dumps(event(state="stopped")).encode()
    assert evmatch.test_event_pattern({"detail": {"state": [{"prefix": "stop"}]}}, text)


@pytest.mark.parametrize(
    "bad_event",
    [
        "{}",
        "[1]",
        "not json",
        json.dumps({k: v for k, v in ENVELOPE.items() if k != "region"}),
        b"\xff",
        "{" * 5000,
    ],
)
def test_test_event_pattern_refuses_events_as_aws(bad_event):
    with pytest.raises(evmatch.ValidationException) as e:
        evmatch.test_event_pattern('{"source": ["x"]}', bad_event)
    assert str(e.value) == "Parameter Event is not valid."
    assert e.value.code == "ValidationException"


def test_test_event_pattern_pattern_errors():
    with pytest.raises(evmatch.InvalidEventPatternException) as e:
        evmatch.test_event_pattern('{"a": [{"numeric": [">", 1, "<", 1]}]}', event())
    assert str(e.value).startswith("Event pattern is not valid. Reason: Bottom must be less than top")
    with pytest.raises(evmatch.ValidationException) as e:
        evmatch.test_event_pattern('{"a": ["%s"]}' % ("x" * 5000), event())
    assert e.value.code == "ValidationException"


def test_exception_hierarchy():
    assert issubclass(evmatch.EvmatchError, ValueError)
    assert issubclass(evmatch.InvalidEventPatternException, evmatch.EvmatchError)
    assert issubclass(evmatch.ValidationException, evmatch.EvmatchError)
    assert evmatch.InvalidEventPatternException.code == "InvalidEventPatternException"
    assert evmatch.ValidationException.code == "ValidationException"
    with pytest.raises(ValueError):
        evmatch.Pattern("{")


def test_pattern_text_and_canonical_text():
    text = '{ "detail": { "state": [ "stopped" ] } }'
    p = evmatch.Pattern(text)
    assert p.text == text
    assert str(p) == '{"detail":{"state":["stopped"]}}'
    assert evmatch.Pattern(str(p)) == p
    assert p == evmatch.Pattern({"detail": {"state": ["stopped"]}})
    assert hash(p) == hash(evmatch.Pattern(str(p)))
    assert "stopped" in repr(p)


def test_pattern_matches_text_bytes_and_dicts():
    p = evmatch.Pattern({"detail": {"cpu": [{"numeric": [">", 90]}]}})
    assert p.matches('{"detail": {"cpu": 9.5e1}}')
    assert p.matches(b'{"detail": {"cpu": 95}}')
    assert p.matches({"detail": {"cpu": 95.5}})
    assert not p.matches({"detail": {"cpu": 12}})


def test_text_keeps_duplicate_keys_a_dict_loses():
    # The event text has "state" twice; a dict keeps only the last one.
    p = evmatch.Pattern({"state": ["a"]})
    assert p.matches('{"state": "a", "state": "b"}')
    assert not p.matches(json.loads('{"state": "a", "state": "b"}'))


def test_pattern_invalid_events():
    p = evmatch.Pattern({"a": ["x"]})
    for bad in ["[1]", "nope", b"\xff\xfe", "{" * 100000]:
        with pytest.raises(evmatch.ValidationException) as e:
            p.matches(bad)
        assert e.value.code == "ValidationException" and str(e.value)
    with pytest.raises(evmatch.ValidationException) as e:
        p.matches(b'{"a": "\xff"}')
    assert str(e.value) == "Invalid UTF-8 in event"


def test_explain():
    p = evmatch.Pattern('{"detail": {"state": ["stopped"]}}')
    why = p.explain('{"detail": {"state": ["running", "pending"]}}')
    assert not why.matched and not why
    assert str(why) == 'no match\n  miss  detail.state  ["stopped"]  no value matched: "running", "pending"\n'
    assert json.loads(why.to_json()) == why.to_dict()
    assert why.to_dict()["matched"] is False
    assert p.explain({"detail": {"state": "stopped"}}).matched


def test_machine_basics():
    m = evmatch.Machine()
    assert len(m) == 0 and "x" not in m
    m.add_rule("stopped", '{"detail": {"state": ["stopped"]}}')
    m.add_rule("ec2", {"source": [{"prefix": "aws.ec2"}]})
    m.add_rule("p", evmatch.Pattern({"source": ["nope"]}))
    assert len(m) == 3 and "ec2" in m and 3 not in m
    e = {"source": "aws.ec2", "detail": {"state": "stopped"}}
    assert m.matches_for_event(e) == ["ec2", "stopped"]
    assert m.matches_for_event(json.dumps(e).encode()) == ["ec2", "stopped"]
    assert m.remove_rule("ec2") is True
    assert m.remove_rule("ec2") is False
    assert m.matches_for_event(e) == ["stopped"]
    assert m.explain("stopped", e).matched
    assert m.explain("nope", e) is None
    assert "rules=2" in repr(m)


def test_machine_patterns_under_one_id_are_ored():
    m = evmatch.Machine()
    m.add_rule("r", {"a": ["1"]})
    m.add_rule("r", {"b": ["2"]})
    assert len(m) == 1
    assert m.matches_for_event({"b": "2"}) == ["r"]
    assert m.matches_for_event({"a": "1", "b": "2"}) == ["r"]


def test_machine_invalid_rule_leaves_machine_unchanged():
    m = evmatch.Machine()
    m.add_rule("ok", {"a": ["1"]})
    with pytest.raises(evmatch.InvalidEventPatternException) as e:
        m.add_rule("bad", '{"a": "1"}')
    assert str(e.value).startswith('Event pattern is not valid. Reason: "a" must be an object or an array')
    assert len(m) == 1 and "bad" not in m


def test_machine_invalid_events():
    m = evmatch.Machine()
    m.add_rule("r", {"a": ["1"]})
    with pytest.raises(evmatch.ValidationException) as e:
        m.matches_for_event("[1, 2]")
    assert e.value.code == "ValidationException"
    with pytest.raises(evmatch.ValidationException) as e:
        m.matches_for_events(['{"a": "1"}', '{"a": "1"}', "nope"])
    assert e.value.index == 2
    assert str(e.value).startswith("Unrecognized token 'nope'")


@pytest.mark.parametrize(
    "call",
    [
        lambda: evmatch.Pattern(1),
        lambda: evmatch.Pattern(None),
        lambda: evmatch.Pattern(["a"]),
        lambda: evmatch.Pattern(b'{"a": ["x"]}'),
        lambda: evmatch.Pattern('{"a": ["x"]}').matches(1),
        lambda: evmatch.Pattern('{"a": ["x"]}').matches(["a"]),
        lambda: evmatch.test_event_pattern(1, "{}"),
        lambda: evmatch.test_event_pattern("{}", 1.5),
        lambda: evmatch.Machine().add_rule(1, "{}"),
        lambda: evmatch.Machine().add_rule("r", 1),
        lambda: evmatch.Machine().remove_rule(None),
        lambda: evmatch.Machine().matches_for_event(None),
        lambda: evmatch.Machine().matches_for_events("not a list"),
        lambda: evmatch.Machine().matches_for_events(["{}", 1]),
        lambda: evmatch.Machine().matches_for_events(None),
        lambda: evmatch.Machine().match_arrow(["{}"]),
        lambda: evmatch.Machine().matches_for_events(["{}"], threads="2"),
        lambda: evmatch.Pattern({"a": [object()]}),
    ],
)
def test_bad_arguments_are_type_errors(call):
    with pytest.raises(TypeError) as e:
        call()
    assert str(e.value)


def test_zero_threads_is_a_value_error():
    with pytest.raises(ValueError):
        evmatch.Machine().matches_for_events(["{}"], threads=0)
    with pytest.raises((ValueError, OverflowError, TypeError)):
        evmatch.Machine().matches_for_events(["{}"], threads=-1)


def test_hostile_inputs_never_crash():
    rng = random.Random(16)
    alphabet = '{}[]":,0123456789.eE-+ \\abcnrtu\xff\x00'
    m = evmatch.Machine()
    m.add_rule("r", {"a": [{"prefix": ""}]})
    for _ in range(3000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for call in (
            lambda: evmatch.Pattern(s),
            lambda: evmatch.Pattern({"a": [{"wildcard": s}]}),
            lambda: m.matches_for_event(s),
            lambda: m.matches_for_event(s.encode("utf-8", "surrogatepass")),
            lambda: evmatch.test_event_pattern(s, s),
        ):
            try:
                call()
            except evmatch.EvmatchError as e:
                assert e.code in ("InvalidEventPatternException", "ValidationException")
    deep = "[" * 200000 + "]" * 200000
    for call in (lambda: evmatch.Pattern(deep), lambda: m.matches_for_event(deep), lambda: m.matches_for_event('{"a":' + deep + "}")):
        with pytest.raises(evmatch.EvmatchError):
            call()
    with pytest.raises(evmatch.ValidationException):
        m.matches_for_event("{" + ",".join(f'"k{i}": 1' for i in range(10)) + "," + '"a":"' + "x" * (2 << 20) + '"}')
    assert evmatch.Pattern({"a": ["\ud800x".encode("utf-8", "surrogatepass").decode("utf-8", "replace")]})


def test_batches_leave_the_garbage_collector_as_they_found_it():
    import gc

    m = evmatch.Machine()
    m.add_rule("r", {"a": ["1"]})
    assert gc.isenabled()
    assert m.matches_for_events(['{"a": "1"}'] * 1000) == [["r"]] * 1000
    assert gc.isenabled()
    with pytest.raises(evmatch.ValidationException):
        m.matches_for_events(['{"a": "1"}', "x"])
    assert gc.isenabled()
    gc.disable()
    try:
        m.matches_for_events(['{"a": "1"}'])
        assert not gc.isenabled()
    finally:
        gc.enable()
