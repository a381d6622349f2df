"""Shared fixtures: the repository's test data (the vectors the Rust tests use)."""

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "crates" / "evmatch" / "tests" / "data"
PREFIX = "Event pattern is not valid. Reason: "
LOCATION = "\n at [Source: (String)"


def jsonl(name):
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def examples():
    with open(DATA / "spec" / "examples.json", encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def match_vectors():
    return jsonl("event-ruler-vectors/match.jsonl")


@pytest.fixture(scope="session")
def machine_vectors():
    return jsonl("event-ruler-vectors/machine.jsonl")


@pytest.fixture(scope="session")
def invalid_vectors():
    return jsonl("event-ruler-vectors/invalid.jsonl")
