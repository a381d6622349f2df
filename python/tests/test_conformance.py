"""Every spec example and event-ruler vector of the Rust tests, through the Python API: the
same answers and the same error texts (crates/evmatch/tests/pattern_spec_examples.rs and
machine_spec_examples.rs)."""

import pytest

import evmatch
from conftest import LOCATION, PREFIX


def test_spec_match_examples_through_pattern(examples):
    cases = examples["match"]
    assert len(cases) == 176
    failures = [c["id"] for c in cases if evmatch.Pattern(c["pattern"]).matches(c["event"]) != c["match"]]
    assert failures == []


def test_spec_match_examples_as_bytes(examples):
    for c in examples["match"]:
        p = evmatch.Pattern(c["pattern"])
        assert p.matches(c["event"].encode()) == c["match"], c["id"]


def test_spec_match_examples_through_one_rule_machines(examples):
    for c in examples["match"]:
        m = evmatch.Machine()
        m.add_rule("r", c["pattern"])
        assert (m.matches_for_event(c["event"]) == ["r"]) == c["match"], c["id"]


def test_spec_examples_all_in_one_machine(examples):
    cases = examples["match"]
    patterns = [evmatch.Pattern(c["pattern"]) for c in cases]
    m = evmatch.Machine()
    for i, p in enumerate(patterns):
        m.add_rule(f"{i:03}", p)
    assert len(m) == len(cases)
    events = [c["event"] for c in cases]
    batch = m.matches_for_events(events)
    for event, got in zip(events, batch):
        want = [f"{i:03}" for i, p in enumerate(patterns) if p.matches(event)]
        assert got == want, event
        assert m.matches_for_event(event) == want


def test_spec_error_examples(examples):
    cases = examples["errors"]
    assert len(cases) == 114
    failures = []
    for c in cases:
        try:
            evmatch.Pattern(c["pattern"])
        except evmatch.InvalidEventPatternException as e:
            text = str(e)
            ok = (
                e.code == "InvalidEventPatternException"
                and text.startswith(PREFIX + c["reason"])
                and text.count(LOCATION) == c["location_suffixes"]
                and (text.split(LOCATION)[0] == PREFIX + c["reason"])
            )
            if not ok:
                failures.append((c["id"], text))
        else:
            failures.append((c["id"], "accepted"))
    assert failures == []


def test_spec_error_examples_through_machine_and_test_event_pattern(examples):
    event = '{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d"}'
    for c in examples["errors"]:
        with pytest.raises(evmatch.InvalidEventPatternException) as pattern_err:
            evmatch.Pattern(c["pattern"])
        m = evmatch.Machine()
        with pytest.raises(evmatch.InvalidEventPatternException) as machine_err:
            m.add_rule("r", c["pattern"])
        assert len(m) == 0 and "r" not in m
        with pytest.raises(evmatch.InvalidEventPatternException) as tep_err:
            evmatch.test_event_pattern(c["pattern"], event)
        assert str(pattern_err.value) == str(machine_err.value) == str(tep_err.value)


def test_full_message_matches_aws():
    with pytest.raises(evmatch.InvalidEventPatternException) as e:
        evmatch.Pattern('{"source": ["aws.health"], "detail": {}}')
    assert str(e.value) == (
        'Event pattern is not valid. Reason: Empty objects are not allowed\n at [Source: (String)'
        '"{"source": ["aws.health"], "detail": {}}"; line: 1, column: 40]'
    )
    with pytest.raises(evmatch.InvalidEventPatternException) as e:
        evmatch.Pattern('{"detail": {"state": "running"}}')
    assert str(e.value) == (
        'Event pattern is not valid. Reason: "state" must be an object or an array\n at [Source: '
        '(String)"{"detail": {"state": "running"}}"; line: 1, column: 23]'
    )
    with pytest.raises(evmatch.InvalidEventPatternException) as e:
        evmatch.Pattern('{"a":[{"anything-but":["x",null]}]}')
    assert str(e.value).count(LOCATION) == 2


@pytest.mark.parametrize(
    "pattern,column",
    [
        ('{"a":1}', 7),
        ('{"a":true}', 10),
        ('{"a":"xyz"}', 7),
        ('{"a" : "xyz" }', 9),
        ('{"a":{}}', 8),
        ('{"a":[ ] }', 9),
        ('{"a":[{}]}', 9),
        ('{"a":[{"foo":"bar"}]}', 15),
        ('{"a":[{"prefix":5}]}', 18),
        ('{"a":[{"prefix":"x","s":1}]}', 26),
        ('{"a":[{"numeric":[">","1"]}]}', 24),
        ('{"a":[{"wildcard":"a**"}]}', 24),
        ("  []", 4),
    ],
)
def test_error_positions(pattern, column):
    with pytest.raises(evmatch.InvalidEventPatternException) as e:
        evmatch.Pattern(pattern)
    assert str(e.value).split(LOCATION)[1].endswith(f"; line: 1, column: {column}]")


def test_long_patterns_are_truncated_in_the_location():
    pattern = '{"a":["%s"], "b": 1}' % ("x" * 600)
    with pytest.raises(evmatch.InvalidEventPatternException) as e:
        evmatch.Pattern(pattern)
    assert f"[truncated {len(pattern) - 500} chars]" in str(e.value)


def test_event_ruler_match_vectors(match_vectors):
    assert len(match_vectors) == 401
    failures = []
    for v in match_vectors:
        p = evmatch.Pattern(v["pattern"])
        m = evmatch.Machine()
        m.add_rule(v["id"], v["pattern"])
        if p.matches(v["event"]) != v["match"]:
            failures.append(("pattern", v["id"]))
        if (m.matches_for_event(v["event"]) == [v["id"]]) != v["match"]:
            failures.append(("machine", v["id"]))
        if p.explain(v["event"]).matched != v["match"]:
            failures.append(("explain", v["id"]))
    assert failures == []


def test_event_ruler_machine_vectors_one_machine(machine_vectors):
    events = 0
    for record in machine_vectors:
        m = evmatch.Machine()
        for name, patterns in record["rules"].items():
            for p in patterns:
                m.add_rule(name, p)
        assert len(m) == len(record["rules"])
        batch = m.matches_for_events([e["event"] for e in record["events"]])
        for e, got in zip(record["events"], batch):
            events += 1
            assert m.matches_for_event(e["event"]) == e["matches"], record["id"]
            assert got == e["matches"], record["id"]
    assert (len(machine_vectors), events) == (72, 210)


def test_event_ruler_machine_vectors_rule_by_rule(machine_vectors):
    for record in machine_vectors:
        rules = {n: [evmatch.Pattern(p) for p in ps] for n, ps in record["rules"].items()}
        for e in record["events"]:
            got = sorted(n for n, ps in rules.items() if any(p.matches(e["event"]) for p in ps))
            assert got == e["matches"], record["id"]


def test_event_ruler_invalid_vectors(invalid_vectors):
    assert len(invalid_vectors) == 100
    for v in invalid_vectors:
        with pytest.raises(evmatch.InvalidEventPatternException) as e:
            evmatch.Pattern(v["pattern"])
        assert e.value.code == "InvalidEventPatternException"
        if v["message"] is not None:
            assert str(e.value).split(LOCATION)[0] == PREFIX + v["message"], v["id"]
