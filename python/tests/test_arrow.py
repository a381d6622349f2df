"""Arrow input and output: pyarrow arrays read through the Arrow C data interface."""

import json

import pytest

pa = pytest.importorskip("pyarrow")

import evmatch  # noqa: E402

EVENTS = [
    '{"source": "aws.ec2", "detail": {"state": "stopped"}}',
    None,
    '{"source": "aws.s3"}',
    "not json",
    '{"source": "aws.ec2", "detail": {"state": "running"}}',
]


@pytest.fixture
def machine():
    m = evmatch.Machine()
    m.add_rule("stopped", {"detail": {"state": ["stopped"]}})
    m.add_rule("ec2", {"source": ["aws.ec2"]})
    m.add_rule("aws", {"source": [{"prefix": "aws."}]})
    return m


WANT = [["aws", "ec2", "stopped"], None, ["aws"], [], ["aws", "ec2"]]


@pytest.mark.parametrize(
    "typ",
    [pa.string(), pa.large_string(), pa.binary(), pa.large_binary(), pa.string_view(), pa.binary_view()],
)
def test_match_arrow_every_string_and_binary_type(machine, typ):
    values = [e if e is None or typ in (pa.string(), pa.large_string(), pa.string_view()) else e.encode() for e in EVENTS]
    arr = pa.array(values, type=typ)
    out = machine.match_arrow(arr)
    assert isinstance(out, pa.ListArray)
    assert out.type == pa.list_(pa.string())
    assert out.to_pylist() == WANT
    out, errors = machine.match_arrow(arr, errors=True)
    assert out.to_pylist() == WANT
    errs = errors.to_pylist()
    assert errs[:3] == [None, None, None] and errs[4] is None
    assert errs[3].startswith("Unrecognized token 'not'")


def test_sliced_and_chunked_arrays(machine):
    arr = pa.array(EVENTS)
    assert machine.match_arrow(arr.slice(2, 3)).to_pylist() == WANT[2:5]
    chunked = pa.chunked_array([EVENTS[:2], EVENTS[2:]])
    assert machine.match_arrow(chunked).to_pylist() == WANT


def test_matches_for_events_on_arrow_equals_lists(machine):
    events = [json.dumps({"source": f"aws.{s}", "detail": {"state": st}}) for s in ("ec2", "s3", "x") for st in ("stopped", "running")] * 100
    want = machine.matches_for_events(events)
    assert machine.matches_for_events(pa.array(events)) == want
    assert machine.matches_for_events(pa.array([e.encode() for e in events])) == want
    assert machine.match_arrow(pa.array(events), threads=2).to_pylist() == want


def test_matches_for_events_on_arrow_raises_on_bad_rows(machine):
    with pytest.raises(evmatch.ValidationException) as e:
        machine.matches_for_events(pa.array(EVENTS))
    assert e.value.index == 1  # the null row


def test_other_array_types_are_type_errors(machine):
    for arr in (pa.array([1, 2]), pa.array([[b"x"]]), pa.array([None])):
        with pytest.raises(TypeError):
            machine.match_arrow(arr)
        with pytest.raises(TypeError):
            machine.matches_for_events(arr)


def test_empty_array(machine):
    assert machine.match_arrow(pa.array([], type=pa.string())).to_pylist() == []
    assert machine.matches_for_events(pa.array([], type=pa.binary())) == []
