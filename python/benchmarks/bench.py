"""Benchmarks of the Python package (not run in CI): the figures of docs/performance.md.

    python python/benchmarks/bench.py --events 200000 [--no-spark] [--evmatch target/release/evmatch]

1. `evmatch.test_event_pattern` per call on a ~1 KB event (the issue's target: <= 3 us).
2. `Machine.matches_for_events` on a pyarrow string array (threads=1 and every core) against
   `evmatch bench` (the CLI's one-core events/s) for the EXACT, NUMERIC and COMBO_COMMON sets.
3. `evmatch.spark.match_rules` in a local[2] session against the equivalent native Spark SQL
   (`get_json_object` comparisons, one CASE per rule) on the same cached DataFrame, same sets;
   the two must agree on the total number of matches.

Run from the repository root with the package installed in release mode (`pip install ./python`).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import timeit
from pathlib import Path

import pyarrow as pa

import evmatch

REPO = Path(__file__).resolve().parents[2]
SETS = ["EXACT", "NUMERIC", "COMBO_COMMON"]


def rule_sets():
    with open(REPO / "crates/evmatch-workload/data/cl2_rules.json") as f:
        data = json.load(f)
    sets = {s["name"]: {f"{s['name']}:{i}": r for i, r in enumerate(s["rules"])} for s in data["sets"]}
    for name, members in data["combos"].items():
        sets[name] = {k: v for m in members for k, v in sets[m].items()}
    return sets


def events_file(n):
    path = REPO / "target" / f"citylots_{n}.jsonl"
    if not path.exists():
        with open(path, "wb") as out:
            subprocess.run(
                ["cargo", "run", "--release", "--quiet", "-p", "evmatch-workload", "--example", "citylots_jsonl", "--", str(n)],
                cwd=REPO, check=True, stdout=out,
            )
    return path


def best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def bench_test_event_pattern():
    detail = {f"k{i}": f"value-{i}" for i in range(30)}
    event = json.dumps({"id": "7f3c", "account": "123456789012", "source": "aws.ec2", "time": "2026-11-27T00:00:00Z",
                        "region": "eu-west-1", "detail-type": "EC2 Instance State-change Notification",
                        "resources": ["arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc"], "detail": detail})
    event += " " * max(0, 1024 - len(event))
    pattern = '{"source": ["aws.ec2"], "detail": {"k7": [{"prefix": "value"}]}}'
    assert evmatch.test_event_pattern(pattern, event)
    n = 200000
    t = min(timeit.repeat(lambda: evmatch.test_event_pattern(pattern, event), number=n, repeat=5)) / n
    p = evmatch.Pattern(pattern)
    t2 = min(timeit.repeat(lambda: p.matches(event), number=n, repeat=5)) / n
    print(f"test_event_pattern, {len(event)}-byte event: {t * 1e6:.2f} us/call; Pattern.matches: {t2 * 1e6:.2f} us/call")


def cli_rate(binary, n, name):
    out = subprocess.run([binary, "bench", "--events", str(n), "--rules", name, "--seconds", "2"],
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.split() and line.split()[0] == name:
            nums = [float(x.replace(",", "")) for x in re.findall(r"[\d,]+(?:\.\d+)?", line)]
            return nums, line
    raise RuntimeError(out)


def bench_arrow(path, sets, binary):
    lines = path.read_text().splitlines()
    arr = pa.array(lines, type=pa.string())
    cores = os.cpu_count()
    print(f"matches_for_events on a pyarrow array of {len(lines)} events ({cores} cores):")
    for name in SETS:
        m = evmatch.Machine()
        for k, v in sets[name].items():
            m.add_rule(k, v)
        one, r1 = best(lambda: m.matches_for_events(arr, threads=1))
        allc, _ = best(lambda: m.matches_for_events(arr))
        lists, _ = best(lambda: m.match_arrow(arr))
        matches = sum(len(x) for x in r1)
        _, line = cli_rate(binary, len(lines), name) if binary else (None, "(no CLI)")
        print(f"  {name}: threads=1 {len(lines) / one:,.0f} ev/s; every core {len(lines) / allc:,.0f} ev/s; "
              f"match_arrow {len(lines) / lists:,.0f} ev/s; {matches} matches | CLI bench: {line.strip()}")


def sql_condition(pattern, prefix="$"):
    """Native Spark SQL for one pattern (the CL2 operators only)."""
    parts = []
    for key, value in pattern.items():
        path = f"{prefix}.{key}"
        if isinstance(value, dict):
            parts.append(sql_condition(value, path))
            continue
        if path == "$.geometry.coordinates":  # nested arrays of numbers: every number
            nums = ("transform(split(regexp_replace(get_json_object(event, '$.geometry.coordinates'), '[\\\\[\\\\] ]', ''), ','), "
                    "c -> CAST(c AS DOUBLE))")
            parts.append("(" + " OR ".join(f"exists({nums}, x -> {matcher('x', m, True)})" for m in value) + ")")
        else:
            v = f"get_json_object(event, '{path}')"
            # A JSON null reads as NULL too: tell it from an absent member by the parent's keys.
            present = f"array_contains(json_object_keys(get_json_object(event, '{prefix}')), '{key}')"
            parts.append("(" + " OR ".join(matcher(v, m, False, present) for m in value) + ")")
    return " AND ".join(parts)


def matcher(v, m, numeric_only, present="false"):
    num = v if numeric_only else f"CAST({v} AS DOUBLE)"
    if isinstance(m, str):
        return f"{v} = '{m}'"
    if isinstance(m, (int, float)):
        return f"{num} = {m!r}"
    (op, arg), = m.items()
    if op == "prefix":
        return f"{v} LIKE '{arg}%'"
    if op == "suffix":
        return f"{v} LIKE '%{arg}'"
    if op == "equals-ignore-case":
        return f"lower({v}) = '{arg.lower()}'"
    if op == "wildcard":
        return f"{v} LIKE '{arg.replace('*', '%')}'"
    if op == "anything-but":
        vals = ", ".join(f"'{a}'" for a in arg)
        return f"(({v} IS NOT NULL AND {v} NOT IN ({vals})) OR ({v} IS NULL AND {present}))"
    if op == "numeric":
        conds = []
        for i in range(0, len(arg), 2):
            sym = "=" if arg[i] == "=" else arg[i]
            conds.append(f"{num} {sym} {arg[i + 1]!r}")
        return "(" + " AND ".join(conds) + ")"
    raise ValueError(op)


def bench_spark(path, sets, n):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from evmatch.spark import match_rules

    spark = (SparkSession.builder.master("local[2]").appName("evmatch-bench")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.memory", "4g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.read.text(str(path)).withColumnRenamed("value", "event").repartition(2).cache()
    assert df.count() == n
    print(f"Spark local[2], {n} events (cached DataFrame), best of 3:")
    for name in SETS:
        rules = sets[name]
        evm, got = best(lambda: match_rules(df, rules).selectExpr("sum(size(matched_rules)) AS n").first()["n"])
        cases = ", ".join(f"CASE WHEN {sql_condition(p)} THEN '{k}' END" for k, p in rules.items())
        expr = f"size(filter(array({cases}), x -> x IS NOT NULL))"
        sql, want = best(lambda: df.selectExpr(f"{expr} AS n").selectExpr("sum(n) AS n").first()["n"])
        print(f"  {name} ({len(rules)} rules): evmatch.spark {n / evm:,.0f} ev/s, native SQL {n / sql:,.0f} ev/s, "
              f"x{sql / evm:.1f}; matches {got} vs {want}{'' if got == want else '  (DISAGREE)'}")
    spark.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=200000)
    ap.add_argument("--evmatch", default=str(REPO / "target/release/evmatch"), help="the CLI for `evmatch bench`")
    ap.add_argument("--no-spark", action="store_true")
    args = ap.parse_args()
    sets = rule_sets()
    bench_test_event_pattern()
    path = events_file(args.events)
    binary = args.evmatch if Path(args.evmatch).exists() else None
    bench_arrow(path, sets, binary)
    if not args.no_spark:
        bench_spark(path, sets, args.events)


if __name__ == "__main__":
    main()
