"""evmatch.spark on a real local[2] Spark session: the citylots workload and the CL2 rules,
every row compared with `evmatch match` (the CLI) on the same events.

Skipped when pyspark or Java is missing, unless EVMATCH_REQUIRE_SPARK=1 (the repository's test
command sets it), which turns a missing dependency into a failure."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

import evmatch

pytestmark = pytest.mark.spark
REQUIRED = os.environ.get("EVMATCH_REQUIRE_SPARK") == "1"
EVENTS = int(os.environ.get("EVMATCH_SPARK_EVENTS", "3000"))


def _need(condition, why):
    if not condition:
        if REQUIRED:
            pytest.fail(f"{why} (EVMATCH_REQUIRE_SPARK=1)")
        pytest.skip(why)


try:
    import pyspark  # noqa: F401
except ImportError:  # pragma: no cover
    pyspark = None


def _cargo(*args, ok=(0,)):
    """`cargo run --quiet ARGS` at the repository root; its stdout. `ok`: accepted exit statuses."""
    cargo = os.environ.get("CARGO", "cargo")
    done = subprocess.run([cargo, "run", "--quiet", *args], cwd=REPO, capture_output=True)
    assert done.returncode in ok, done.stderr.decode()
    return done.stdout


@pytest.fixture(scope="module")
def spark():
    _need(pyspark is not None, "pyspark is not installed")
    _need(shutil.which("java") or os.environ.get("JAVA_HOME"), "Java is not installed")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("evmatch-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def citylots(tmp_path_factory):
    """EVENTS citylots events (JSON Lines) from the workload generator, plus a few bad rows."""
    _need(shutil.which(os.environ.get("CARGO", "cargo")), "cargo is not installed")
    text = _cargo("-p", "evmatch-workload", "--example", "citylots_jsonl", "--", str(EVENTS)).decode()
    lines = text.splitlines()
    assert len(lines) == EVENTS
    lines += ["not json", "[1, 2]", '{"properties": {"MAPBLKLOT": "1430022"}}']
    path = tmp_path_factory.mktemp("citylots") / "events.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path, lines


@pytest.fixture(scope="module")
def cl2_rules(tmp_path_factory):
    with open(REPO / "crates" / "evmatch-workload" / "data" / "cl2_rules.json") as f:
        sets = json.load(f)["sets"]
    rules = {f"{s['name']}:{i}": json.dumps(p) for s in sets for i, p in enumerate(s["rules"])}
    path = tmp_path_factory.mktemp("rules") / "rules.json"
    path.write_text(json.dumps(rules))
    return path, rules


@pytest.fixture(scope="module")
def cli_answers(citylots, cl2_rules):
    """`evmatch match` on the same events: per line, sorted ids (None for an invalid event)."""
    # Exit status 1: some lines are not valid events (the bad rows, on purpose).
    out = _cargo("-p", "evmatch-cli", "--", "match", "--rules", str(cl2_rules[0]), str(citylots[0]), ok=(1,))
    answers = {}
    for line in out.decode().splitlines():
        r = json.loads(line)
        answers[r["line"]] = sorted(r["matches"]) if "matches" in r else None
    assert len(answers) == len(citylots[1])
    return answers


def test_match_rules_agrees_with_the_cli_row_by_row(spark, citylots, cl2_rules, cli_answers):
    from evmatch.spark import match_rules

    lines = citylots[1]
    df = spark.createDataFrame([(i + 1, e) for i, e in enumerate(lines)], "line long, event string").repartition(4)
    got = match_rules(df, cl2_rules[1], error_column="error").collect()
    assert len(got) == len(lines)
    matched = 0
    for row in got:
        want = cli_answers[row["line"]]
        if want is None:
            assert row["matched_rules"] == [] and row["error"], row["line"]
        else:
            assert row["matched_rules"] == want, row["line"]
            assert row["error"] is None
            matched += bool(want)
    assert matched > 0  # the workload does match some rules


def test_match_rules_on_binary_events_and_nulls(spark, citylots, cl2_rules, cli_answers):
    from evmatch.spark import match_rules

    lines = citylots[1][:500]
    rows = [(i + 1, e.encode()) for i, e in enumerate(lines)] + [(0, None)]
    df = spark.createDataFrame(rows, "line long, event binary")
    got = {r["line"]: r["m"] for r in match_rules(df, cl2_rules[1], output="m").collect()}
    assert got[0] is None
    for line in range(1, len(lines) + 1):
        assert got[line] == cli_answers[line]


def test_filter_pattern_keeps_matching_rows(spark, citylots):
    from evmatch.spark import filter_pattern

    pattern = {"properties": {"STREET": [{"prefix": "M"}]}}
    p = evmatch.Pattern(pattern)
    lines = citylots[1]
    want = []
    for i, e in enumerate(lines):
        try:
            if p.matches(e):
                want.append(i)
        except evmatch.ValidationException:
            pass
    df = spark.createDataFrame([(i, e) for i, e in enumerate(lines)], "i long, event string")
    got = sorted(r["i"] for r in filter_pattern(df, pattern).collect())
    assert got == want and len(want) > 0


def test_invalid_rules_fail_at_call_time_with_aws_text(spark):
    from evmatch.spark import filter_pattern, match_rules

    df = spark.createDataFrame([("{}",)], "event string")
    with pytest.raises(evmatch.InvalidEventPatternException) as e:
        match_rules(df, {"ok": {"a": ["x"]}, "bad": '{"a": 1}'})
    assert str(e.value) == (
        'Event pattern is not valid. Reason: "a" must be an object or an array\n'
        ' at [Source: (String)"{"a": 1}"; line: 1, column: 8]'
    )
    with pytest.raises(evmatch.InvalidEventPatternException):
        filter_pattern(df, {"a": [{"numeric": [">", 1, "<", 1]}]})


def test_bad_arguments(spark):
    from evmatch.spark import match_rules

    df = spark.createDataFrame([(1, "{}")], "n long, event string")
    with pytest.raises(TypeError):
        match_rules(df, {"r": {"a": ["x"]}}, column="n")
    with pytest.raises(ValueError):
        match_rules(df, {"r": {"a": ["x"]}}, column="nope")
    with pytest.raises(TypeError):
        match_rules(df, {"r": 5})
    with pytest.raises(ValueError):
        match_rules(df, {"r": {"a": ["x"]}}, output="n")


def test_one_machine_per_worker_and_rule_set():
    from evmatch import spark as es

    text = es._rules_text({"r": {"a": ["x"]}, "s": [{"b": ["y"]}, '{"c": ["z"]}']})
    assert json.loads(text) == [["r", '{"a": ["x"]}'], ["s", '{"b": ["y"]}'], ["s", '{"c": ["z"]}']]
    m1 = es._machine("k-test", text)
    assert es._machine("k-test", "ignored: built already") is m1
    assert len(m1) == 2 and m1.matches_for_event({"c": "z"}) == ["s"]
