"""Matching releases the GIL: another thread runs Python code while a batch is being matched,
and threads matching at the same time all finish with the right answers. No timing asserts."""

import json
import sys
import threading

import evmatch


def machine_and_events(n=20000):
    m = evmatch.Machine()
    for i in range(50):
        m.add_rule(f"r{i}", {"detail": {"n": [{"numeric": [">=", i]}], "s": [{"prefix": f"v{i % 7}"}]}})
    events = [json.dumps({"detail": {"n": i % 60, "s": f"v{i % 7}-{i}", "pad": "x" * 200}}) for i in range(n)]
    return m, events


def expected(event):
    d = json.loads(event)["detail"]
    return sorted(f"r{i}" for i in range(50) if d["n"] >= i and d["s"].startswith(f"v{i % 7}"))


def test_gil_is_released_while_a_batch_is_matched():
    """With the switch interval made huge, the interpreter only changes threads when the
    running one releases the GIL itself. The main thread waits for the worker; it can only
    run again while the worker is inside `matches_for_events` (if that releases the GIL) or
    after the worker has finished. It must find the worker still inside the call."""
    m, events = machine_and_events()
    started = threading.Event()
    state = {"done": False}

    def worker():
        started.set()
        state["result"] = m.matches_for_events(events, threads=1)
        state["done"] = True

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        t = threading.Thread(target=worker)
        t.start()
        started.wait()
        seen_inside = not state["done"]
    finally:
        sys.setswitchinterval(old)
    t.join()
    assert seen_inside, "the main thread could not run while the batch was matched"
    assert state["result"][:100] == [expected(e) for e in events[:100]]


def test_two_threads_match_concurrently():
    m, events = machine_and_events(5000)
    results = {}
    barrier = threading.Barrier(3)

    def run(name, call):
        barrier.wait()
        results[name] = call()

    calls = {
        "batch": lambda: m.matches_for_events(events, threads=1),
        "one_by_one": lambda: [m.matches_for_event(e) for e in events],
        "pattern": lambda: [evmatch.Pattern({"detail": {"n": [0]}}).matches(e) for e in events],
    }
    threads = [threading.Thread(target=run, args=item) for item in calls.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    want = [expected(e) for e in events]
    assert results["batch"] == want
    assert results["one_by_one"] == want
    assert results["pattern"] == [json.loads(e)["detail"]["n"] == 0 for e in events]


def test_rules_change_while_threads_match():
    m, events = machine_and_events(2000)
    stop = threading.Event()
    errors = []

    def matcher():
        while not stop.is_set():
            for event, got in zip(events[:500], m.matches_for_events(events[:500])):
                # The fixed rules always answer the same; x-rules come and go, each matching
                # only its own number.
                n = json.loads(event)["detail"]["n"]
                if [r for r in got if r.startswith("r")] != expected(event):
                    errors.append(got)
                if any(r != f"x{n}" for r in got if r.startswith("x")):
                    errors.append(got)

    ts = [threading.Thread(target=matcher) for _ in range(2)]
    for t in ts:
        t.start()
    for i in range(200):
        m.add_rule(f"x{i}", {"detail": {"n": [i]}})
        m.remove_rule(f"x{i}")
    stop.set()
    for t in ts:
        t.join()
    assert errors == [] and len(m) == 50
    assert m.matches_for_events(events) == [expected(e) for e in events]


def test_every_thread_count_gives_the_same_answers():
    m, events = machine_and_events(3000)
    want = m.matches_for_events(events, threads=1)
    for threads in (None, 2, 3, 8):
        assert m.matches_for_events(events, threads=threads) == want
