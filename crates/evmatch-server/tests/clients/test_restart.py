"""State surviving a restart: `evmatch serve --state FILE` saves on SIGTERM / SIGINT and loads on
start; every List/Describe answer is the same afterwards and the restored targets still receive.
"""

import json
import signal

from conftest import ACCOUNT, REGION, wait_for

SQS = f"arn:aws:sqs:{REGION}:{ACCOUNT}"


def snapshot(c):
    """Every answer the restart must preserve (ResponseMetadata dropped)."""

    def clean(answer):
        answer = dict(answer)
        answer.pop("ResponseMetadata", None)
        return answer

    return {
        "buses": clean(c.list_event_buses()),
        "bus": clean(c.describe_event_bus(Name="kept")),
        "rules": clean(c.list_rules(EventBusName="kept")),
        "rule": clean(c.describe_rule(Name="kept-rule", EventBusName="kept")),
        "targets": clean(c.list_targets_by_rule(Rule="kept-rule", EventBusName="kept")),
        "tags": clean(c.list_tags_for_resource(ResourceARN=c.describe_event_bus(Name="kept")["Arn"])),
        "connections": clean(c.list_connections()),
        "connection": clean(c.describe_connection(Name="kept-conn")),
        "destinations": clean(c.list_api_destinations()),
        "destination": clean(c.describe_api_destination(Name="kept-dest")),
        "archives": clean(c.list_archives()),
        "archive": clean(c.describe_archive(ArchiveName="kept-archive")),
    }


def test_state_survives_restarts(fresh_server, tmp_path):
    state = tmp_path / "state.json"
    first = fresh_server(state=state, deliveries=tmp_path / "d1.jsonl")
    c = first.client()
    bus_arn = c.create_event_bus(Name="kept", Description="survives")["EventBusArn"]
    c.tag_resource(ResourceARN=bus_arn, Tags=[{"Key": "k", "Value": "v"}])
    c.put_permission(EventBusName="kept", Action="events:PutEvents", Principal="111122223333", StatementId="s")
    c.put_rule(Name="kept-rule", EventBusName="kept", EventPattern='{"source": ["keep"]}')
    c.put_targets(
        Rule="kept-rule",
        EventBusName="kept",
        Targets=[
            {"Id": "q", "Arn": f"{SQS}:kept"},
            {
                "Id": "t",
                "Arn": f"{SQS}:kept-t",
                "InputTransformer": {"InputPathsMap": {"v": "$.detail.v"}, "InputTemplate": '"v=<v>"'},
            },
        ],
    )
    conn = c.create_connection(
        Name="kept-conn",
        AuthorizationType="API_KEY",
        AuthParameters={"ApiKeyAuthParameters": {"ApiKeyName": "k", "ApiKeyValue": "secret"}},
    )["ConnectionArn"]
    wait_for(lambda: c.describe_connection(Name="kept-conn")["ConnectionState"] == "AUTHORIZED")
    c.create_api_destination(
        Name="kept-dest", ConnectionArn=conn, InvocationEndpoint="https://example.com/x", HttpMethod="POST"
    )
    c.create_archive(ArchiveName="kept-archive", EventSourceArn=bus_arn)
    out = c.put_events(Entries=[{"Source": "keep", "DetailType": "D", "Detail": '{"v": 1}', "EventBusName": "kept"}])
    assert out["FailedEntryCount"] == 0
    wait_for(lambda: c.describe_archive(ArchiveName="kept-archive")["EventCount"] == 1)
    before = snapshot(c)

    assert first.terminate(signal.SIGTERM) == 0
    text = state.read_text(encoding="utf-8")
    assert json.loads(text)["version"] == 1
    assert not list(tmp_path.glob("state.json.*")), "a temporary state file was left behind"

    second = fresh_server(state=state, deliveries=tmp_path / "d2.jsonl")
    c = second.client()
    assert snapshot(c) == before
    # The restored rule and targets still receive.
    out = c.put_events(Entries=[{"Source": "keep", "DetailType": "D", "Detail": '{"v": 2}', "EventBusName": "kept"}])
    event_id = out["Entries"][0]["EventId"]
    got = wait_for(
        lambda: [json.loads(l) for l in second.delivery_lines() if event_id in l] or None,
        what="a delivery after the restart",
    )
    assert sorted(r["target_id"] for r in got) == ["q", "t"] or len(got) < 2
    got = wait_for(
        lambda: (x := [json.loads(l) for l in second.delivery_lines() if event_id in l]) and len(x) == 2 and x
    )
    assert [r["payload"] for r in got if r["target_id"] == "t"] == ['"v=2"']

    # SIGINT saves too.
    c.create_event_bus(Name="later")
    assert second.terminate(signal.SIGINT) == 0
    third = fresh_server(state=state, deliveries=tmp_path / "d3.jsonl")
    names = [b["Name"] for b in third.client().list_event_buses()["EventBuses"]]
    assert "later" in names and "kept" in names
