"""Seed the fuzz corpora from the spec examples and event-ruler vectors (idempotent)."""
import hashlib, json, os

root = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(root, "..", "crates", "evmatch", "tests", "data")

def put(target, blob):
    d = os.path.join(root, "corpus", target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(blob).hexdigest()
    path = os.path.join(d, name)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(blob)

examples = json.load(open(os.path.join(data, "spec", "examples.json")))
pairs = [(c["pattern"], c["event"]) for c in examples["match"]]
for line in open(os.path.join(data, "event-ruler-vectors", "match.jsonl")):
    v = json.loads(line)
    if len(v["event"]) < 8192:
        pairs.append((v["pattern"], v["event"]))
invalid = [c["pattern"] for c in examples["errors"]]
for line in open(os.path.join(data, "event-ruler-vectors", "invalid.jsonl")):
    invalid.append(json.loads(line)["pattern"])

envelope = '{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d",'
for p, e in pairs:
    put("parse_pattern", p.encode())
    put("flatten", e.encode())
    put("machine_vs_eval", (p + "\0" + e).encode())
    full = envelope + e.strip()[1:] if e.strip().startswith("{") and e.strip() != "{}" else e
    put("test_event_pattern", (p + "\0" + full).encode())
    put("jsonl_request", json.dumps({"pattern": p, "event": full}).encode())
for p in invalid:
    put("parse_pattern", p.encode())
    put("jsonl_request", json.dumps({"pattern": p, "event": "{}"}).encode())
for body in [
    '{"Name":"r","EventPattern":"{\\"source\\":[\\"x\\"]}"}',
    '{"Rule":"r","Targets":[{"Id":"t","Arn":"arn:aws:sqs:us-east-1:1:q","Input":"{}"}]}',
    '{"Entries":[{"Source":"s","DetailType":"d","Detail":"{}"}]}',
    '{"EventPattern":"{}","Event":"{}"}',
    '{"ArchiveName":"a","EventSourceArn":"arn:aws:events:us-east-1:1:event-bus/default"}',
    '{"Name":"b","Tags":[{"Key":"k","Value":"v"}]}',
]:
    put("api_decode", body.encode())

# Long arrays of numbers (the flattener's 64-byte block path), well-formed and nearly so.
coords = ", ".join("[ -122.4%d37882965165, 37.80%d89803124352, 0.0 ]" % (i, i) for i in range(6))
for body in [
    '{"z": [ [ %s ] ], "a": "x"}' % coords,
    '{"a": {"b": 1}, "z": [[%s]]}' % coords.replace(" ", ""),
    '{"z": [ [ %s ], [] ], "x": "q"}' % coords,
    '{"z": [ [ %s ] ], "a": "x"}' % coords.replace("0.0", "01"),
    '{"z": [ [ %s ] ], "a": "x"}' % coords.replace("0.0", "1e5"),
    '{"z": [' + ",".join(str(i) for i in range(300)) + ']}',
]:
    put("flatten", body.encode())
    put("machine_vs_eval", ('{"a": [{"exists": true}]}' + "\0" + body).encode())

# Requests in the filter dialects (SNS, Lambda, Pipes), from the documented examples.
dialects = json.load(open(os.path.join(data, "dialects-examples.json")))
sources = {"msk": "kafka", "self-managed-kafka": "kafka", "activemq": "mq", "rabbitmq": "mq"}
for section, dialect in [("sns_attributes", "sns-attributes"), ("sns_body", "sns-body")]:
    for e in dialects[section]:
        request = {"dialect": dialect, "pattern": e.get("policy_text") or json.dumps(e["policy"])}
        if e.get("api"):
            request["api"] = e["api"].split(" ")[0]
        attributes = e.get("message_attributes") or {}
        request["attributes"] = {
            name: {"Type": a["DataType"], "Value": a.get("StringValue", a.get("BinaryValue", ""))}
            for name, a in attributes.items()
        }
        request["event"] = e.get("message_body") or ""
        put("jsonl_request", json.dumps(request).encode())
for section in ["lambda", "pipes"]:
    for e in dialects[section]:
        source = sources.get(e["source_type"], e["source_type"])
        request = {"dialect": f"{section}-{source}", "patterns": [e["pattern"]]}
        request["event"] = json.dumps(e["record"] or {})
        put("jsonl_request", json.dumps(request).encode())
