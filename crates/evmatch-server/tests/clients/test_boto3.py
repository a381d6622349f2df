"""boto3 against `evmatch serve`: a scenario through every operation family, with the deliveries
checked byte for byte (delivery log file, `GET /_evmatch/deliveries`, and what a loopback HTTP
server received from an API destination), and AWS's error texts through botocore's ClientError.
"""

import json
import time
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest
from botocore.exceptions import ClientError

from conftest import (
    ACCOUNT,
    REGION,
    compact,
    envelope,
    header,
    record_line,
    wait_for,
)

ARN = f"arn:aws:events:{REGION}:{ACCOUNT}"
SQS = f"arn:aws:sqs:{REGION}:{ACCOUNT}"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/evmatch-test"
EVENT_TIME = datetime(2026, 12, 7, 15, 0, 0, tzinfo=timezone.utc)
EVENT_TIME_TEXT = "2026-12-07T15:00:00Z"

# AWS's text for an empty object in a pattern (the engine's pinned recording).
INVALID_PATTERN = '{"source": ["aws.health"], "detail": {}}'
INVALID_PATTERN_TEXT = (
    "Event pattern is not valid. Reason: Empty objects are not allowed\n"
    ' at [Source: (String)"{"source": ["aws.health"], "detail": {}}"; line: 1, column: 40]'
)
LIMIT_TEXT = "The requested resource exceeds the maximum number allowed."


def error_of(excinfo):
    err = excinfo.value.response
    return (
        err["Error"]["Code"],
        err["Error"]["Message"],
        err["ResponseMetadata"]["HTTPStatusCode"],
    )


def records(server, predicate, count, timeout=15.0):
    """Wait until `count` delivery records (parsed, with their raw line) satisfy `predicate`."""

    def found():
        got = []
        for line in server.delivery_lines():
            rec = json.loads(line)
            if predicate(rec):
                got.append((line, rec))
        return got if len(got) >= count else None

    return wait_for(found, timeout=timeout, what=f"{count} delivery records")


def put_one(c, **entry):
    out = c.put_events(Entries=[entry])
    assert out["FailedEntryCount"] == 0, out
    return out["Entries"][0]["EventId"]


def test_health_and_routes(server):
    assert server.get("/_evmatch/health")[0::2] == (200, b"ok")
    # The dispatcher's protocol errors, on a raw request.
    for target, body, code in [
        ("AWSEvents.ListEventBuses", b"{not json", "SerializationException"),
        ("AWSEvents.NoSuchOperation", b"{}", "UnknownOperationException"),
    ]:
        req = urllib.request.Request(
            server.url + "/",
            data=body,
            method="POST",
            headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"},
        )
        try:
            urllib.request.urlopen(req, timeout=5)
            pytest.fail("expected an error status")
        except urllib.error.HTTPError as e:
            assert e.code == 400, (target, e.code)
            assert json.loads(e.read())["__type"] == code


def test_bus_rules_targets_and_deliveries_byte_for_byte(server):
    c = server.client()
    bus = c.create_event_bus(Name="orders")
    assert bus["EventBusArn"] == f"{ARN}:event-bus/orders"
    pattern = '{"source": ["shop"], "detail": {"amount": [{"numeric": [">", 100]}]}}'
    rule = c.put_rule(Name="big-orders", EventBusName="orders", EventPattern=pattern)
    rule_arn = rule["RuleArn"]
    assert rule_arn == f"{ARN}:rule/orders/big-orders"
    template = '{"amount": <amount>, "from": <src>, "rule": <aws.events.rule-name>}'
    targets = [
        {"Id": "whole", "Arn": f"{SQS}:orders-all"},
        {
            "Id": "shaped",
            "Arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:shape",
            "InputTransformer": {
                "InputPathsMap": {"amount": "$.detail.amount", "src": "$.source"},
                "InputTemplate": template,
            },
        },
        {"Id": "fixed", "Arn": f"arn:aws:sns:{REGION}:{ACCOUNT}:fixed", "Input": '{"fixed": true}'},
        {"Id": "detail", "Arn": f"{SQS}:orders-detail", "InputPath": "$.detail"},
    ]
    out = c.put_targets(Rule="big-orders", EventBusName="orders", Targets=targets)
    assert out["FailedEntryCount"] == 0 and out["FailedEntries"] == []
    listed = c.list_targets_by_rule(Rule="big-orders", EventBusName="orders")["Targets"]
    assert [t["Id"] for t in listed] == ["whole", "shaped", "fixed", "detail"]
    assert listed[1]["InputTransformer"]["InputTemplate"] == template

    detail = '{"amount": 150, "item": "caf\u00e9/1", "tags": ["a", "b"]}'
    sent = c.put_events(
        Entries=[
            {
                "Source": "shop",
                "DetailType": "Order Placed",
                "Detail": detail,
                "Time": EVENT_TIME,
                "Resources": ["arn:aws:shop:order/1"],
                "EventBusName": "orders",
            },
            {
                "Source": "shop",
                "DetailType": "Order Placed",
                "Detail": '{"amount": 5}',
                "Time": EVENT_TIME,
                "EventBusName": "orders",
            },
        ]
    )
    assert sent["FailedEntryCount"] == 0
    matched_id, other_id = [e["EventId"] for e in sent["Entries"]]

    got = records(server, lambda r: r["rule"] == rule_arn, 4)
    assert len(got) == 4, got
    whole = envelope(
        matched_id,
        "Order Placed",
        "shop",
        EVENT_TIME_TEXT,
        {"amount": 150, "item": "caf\u00e9/1", "tags": ["a", "b"]},
        resources=["arn:aws:shop:order/1"],
    )
    expected = {
        "whole": (f"{SQS}:orders-all", whole),
        "shaped": (
            f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:shape",
            '{"amount": 150, "from": "shop", "rule": "big-orders"}',
        ),
        "fixed": (f"arn:aws:sns:{REGION}:{ACCOUNT}:fixed", '{"fixed": true}'),
        "detail": (f"{SQS}:orders-detail", '{"amount":150,"item":"caf\u00e9/1","tags":["a","b"]}'),
    }
    # Targets in insertion order, seq strictly increasing.
    assert [rec["target_id"] for _, rec in got] == ["whole", "shaped", "fixed", "detail"]
    seqs = [rec["seq"] for _, rec in got]
    assert seqs == sorted(seqs) and len(set(seqs)) == 4
    log = server.log_lines()
    for line, rec in got:
        arn, payload = expected[rec["target_id"]]
        assert line == record_line(
            rec["seq"], rec["time"], "orders", rule_arn, arn, rec["target_id"], matched_id, payload
        )
        assert rec["time"].endswith("Z") and len(rec["time"]) >= 20
        # The log file holds the very same line.
        assert line in log, (line, log)
    assert not any(other_id in line for line in server.delivery_lines())
    # ?since=N: the records after N, newest last.
    last = seqs[-1]
    assert server.delivery_lines(since=last) == [
        l for l in server.delivery_lines() if json.loads(l)["seq"] > last
    ]
    assert server.delivery_lines(since=last - 1)[0] == got[-1][0]


def test_api_destination_calls_the_loopback_server(server, recorder):
    c = server.client()
    conn = c.create_connection(
        Name="hook-conn",
        AuthorizationType="API_KEY",
        AuthParameters={
            "ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "s3cr3t-key"},
            "InvocationHttpParameters": {
                "HeaderParameters": [{"Key": "X-Conn", "Value": "c1", "IsValueSecret": False}],
                "QueryStringParameters": [{"Key": "cq", "Value": "2", "IsValueSecret": False}],
            },
        },
    )
    conn_arn = conn["ConnectionArn"]
    assert conn_arn.startswith(f"{ARN}:connection/hook-conn/"), conn_arn
    assert conn["ConnectionState"] in ("CREATING", "AUTHORIZED")
    wait_for(
        lambda: c.describe_connection(Name="hook-conn")["ConnectionState"] == "AUTHORIZED",
        what="the API key connection to be AUTHORIZED",
    )
    described = c.describe_connection(Name="hook-conn")
    assert described["AuthParameters"]["ApiKeyAuthParameters"] == {"ApiKeyName": "x-api-key"}
    assert "s3cr3t-key" not in json.dumps(described, default=str)

    dest = c.create_api_destination(
        Name="hook",
        ConnectionArn=conn_arn,
        InvocationEndpoint=recorder.url + "/hook/*",
        HttpMethod="PUT",
        InvocationRateLimitPerSecond=50,
    )
    dest_arn = dest["ApiDestinationArn"]
    assert dest_arn.startswith(f"{ARN}:api-destination/hook/"), dest_arn
    assert dest["ApiDestinationState"] == "ACTIVE"

    rule_arn = c.put_rule(Name="to-hook", EventPattern='{"source": ["hook.test"]}')["RuleArn"]
    out = c.put_targets(
        Rule="to-hook",
        Targets=[
            {
                "Id": "api",
                "Arn": dest_arn,
                "RoleArn": ROLE,
                "HttpParameters": {
                    "PathParameterValues": ["p1"],
                    "HeaderParameters": {"X-Target": "t1"},
                    "QueryStringParameters": {"tq": "1"},
                },
                "InputTransformer": {
                    "InputPathsMap": {"n": "$.detail.n"},
                    "InputTemplate": '{"n": <n>, "via": "api"}',
                },
            }
        ],
    )
    assert out["FailedEntryCount"] == 0
    event_id = put_one(c, Source="hook.test", DetailType="Ping", Detail='{"n": 7}', Time=EVENT_TIME)

    calls = recorder.received("/hook/", 1)
    assert len(calls) == 1, recorder.requests
    call = calls[0]
    assert call["method"] == "PUT"
    path, _, query = call["path"].partition("?")
    assert path == "/hook/p1"
    assert dict(urllib.parse.parse_qsl(query)) == {"tq": "1", "cq": "2"}
    assert header(call, "x-api-key") == ["s3cr3t-key"]
    assert header(call, "X-Target") == ["t1"]
    assert header(call, "X-Conn") == ["c1"]
    assert header(call, "Content-Type") == ["application/json; charset=utf-8"]
    assert call["body"] == b'{"n": 7, "via": "api"}'

    (line, rec), = records(server, lambda r: r["target"] == dest_arn, 1)
    assert list(rec)[:9] == [
        "seq", "time", "event_bus", "rule", "target", "target_id", "event_id", "payload", "attempts",
    ]
    assert rec["event_bus"] == "default" and rec["rule"] == rule_arn
    assert rec["target_id"] == "api" and rec["event_id"] == event_id
    assert rec["payload"] == '{"n": 7, "via": "api"}'
    assert (rec["attempts"], rec["status"], rec["outcome"]) == (1, 200, "delivered")
    assert line in server.log_lines()

    # A destination that answers 500, no retries, a dead-letter queue: one call, then the
    # dead-letter record.
    fail = c.create_api_destination(
        Name="hook-fail",
        ConnectionArn=conn_arn,
        InvocationEndpoint=recorder.url + "/fail",
        HttpMethod="POST",
    )["ApiDestinationArn"]
    c.put_rule(Name="to-fail", EventPattern='{"source": ["fail.test"]}')
    c.put_targets(
        Rule="to-fail",
        Targets=[
            {
                "Id": "failing",
                "Arn": fail,
                "RoleArn": ROLE,
                "RetryPolicy": {"MaximumRetryAttempts": 0},
                "DeadLetterConfig": {"Arn": f"{SQS}:dlq"},
            }
        ],
    )
    event_id = put_one(c, Source="fail.test", DetailType="Ping", Detail="{}", Time=EVENT_TIME)
    (_, rec), = records(server, lambda r: r["target"] == fail, 1)
    assert rec["event_id"] == event_id
    assert (rec["attempts"], rec["status"], rec["outcome"]) == (1, 500, "dead-letter")
    assert rec["dead_letter"] == f"{SQS}:dlq"
    calls = recorder.received("/fail", 1)
    assert len(calls) == 1
    assert calls[0]["method"] == "POST"
    assert calls[0]["body"] == envelope(
        event_id, "Ping", "fail.test", EVENT_TIME_TEXT, {}
    ).encode()


def test_oauth_connection_fetches_and_caches_a_token(server, recorder):
    c = server.client()
    conn = c.create_connection(
        Name="oauth-conn",
        AuthorizationType="OAUTH_CLIENT_CREDENTIALS",
        AuthParameters={
            "OAuthParameters": {
                "ClientParameters": {"ClientID": "cid", "ClientSecret": "csecret"},
                "AuthorizationEndpoint": recorder.url + "/oauth/token",
                "HttpMethod": "POST",
            }
        },
    )["ConnectionArn"]
    wait_for(
        lambda: c.describe_connection(Name="oauth-conn")["ConnectionState"] == "AUTHORIZED",
        what="the OAuth connection to be AUTHORIZED",
    )
    described = c.describe_connection(Name="oauth-conn")
    oauth = described["AuthParameters"]["OAuthParameters"]
    assert oauth["ClientParameters"] == {"ClientID": "cid"}
    assert "csecret" not in json.dumps(described, default=str)
    dest = c.create_api_destination(
        Name="oauth-hook",
        ConnectionArn=conn,
        InvocationEndpoint=recorder.url + "/oauth-hook",
        HttpMethod="POST",
    )["ApiDestinationArn"]
    c.put_rule(Name="to-oauth", EventPattern='{"source": ["oauth.test"]}')
    c.put_targets(Rule="to-oauth", Targets=[{"Id": "o", "Arn": dest, "RoleArn": ROLE, "Input": '"x"'}])
    for _ in range(2):
        put_one(c, Source="oauth.test", DetailType="Ping", Detail="{}")
    calls = recorder.received("/oauth-hook", 2)
    assert len(calls) == 2
    tokens = [header(call, "Authorization") for call in calls]
    assert tokens[0] == tokens[1] and len(tokens[0]) == 1
    assert tokens[0][0].startswith("Bearer tok-")
    assert all(call["body"] == b'"x"' for call in calls)
    # The token was fetched at most once more for the two calls (cached until it expires).
    fetches = [r for r in recorder.requests if r["path"].startswith("/oauth/token")]
    assert 1 <= len(fetches) <= 2
    assert fetches[-1]["method"] == "POST"


def test_archives_and_replays(server):
    c = server.client()
    bus_arn = c.create_event_bus(Name="arch")["EventBusArn"]
    archive = c.create_archive(
        ArchiveName="arch-all",
        EventSourceArn=bus_arn,
        EventPattern='{"source": ["arch.test"]}',
        RetentionDays=0,
    )
    archive_arn = archive["ArchiveArn"]
    assert archive_arn == f"{ARN}:archive/arch-all"
    rule_arn = c.put_rule(
        Name="arch-rule", EventBusName="arch", EventPattern='{"source": ["arch.test"]}'
    )["RuleArn"]
    c.put_targets(Rule="arch-rule", EventBusName="arch", Targets=[{"Id": "q", "Arn": f"{SQS}:arch-q"}])
    when = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(seconds=30)
    when_text = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = [
        put_one(c, Source="arch.test", DetailType="A", Detail=f'{{"i": {i}}}', Time=when, EventBusName="arch")
        for i in range(2)
    ]
    originals = records(server, lambda r: r["rule"] == rule_arn, 2)
    assert [rec["event_id"] for _, rec in originals] == ids
    described = wait_for(
        lambda: (d := c.describe_archive(ArchiveName="arch-all"))["EventCount"] == 2 and d,
        what="the archive to count 2 events",
    )
    assert described["State"] == "ENABLED" and described["EventSourceArn"] == bus_arn
    assert [a["ArchiveName"] for a in c.list_archives(NamePrefix="arch")["Archives"]] == ["arch-all"]

    end = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=1)
    replay = c.start_replay(
        ReplayName="replay-1",
        EventSourceArn=archive_arn,
        EventStartTime=when - timedelta(hours=1),
        EventEndTime=end,
        Destination={"Arn": bus_arn, "FilterArns": [rule_arn]},
    )
    assert replay["ReplayArn"] == f"{ARN}:replay/replay-1"
    assert replay["State"] in ("STARTING", "RUNNING", "COMPLETED")
    wait_for(
        lambda: c.describe_replay(ReplayName="replay-1")["State"] == "COMPLETED",
        what="the replay to complete",
    )
    replayed = records(server, lambda r: r["rule"] == rule_arn, 4)[2:]
    for i, (line, rec) in enumerate(replayed):
        assert rec["event_id"] == ids[i]
        assert rec["payload"] == envelope(
            ids[i], "A", "arch.test", when_text, {"i": i}, replay_name="replay-1"
        )
    assert [r["ReplayName"] for r in c.list_replays(NamePrefix="replay")["Replays"]] == ["replay-1"]
    c.delete_archive(ArchiveName="arch-all")
    with pytest.raises(ClientError) as e:
        c.describe_archive(ArchiveName="arch-all")
    assert error_of(e)[0] == "ResourceNotFoundException"


def test_connections_destinations_create_describe_list_update_delete(server, recorder):
    c = server.client()
    conn = c.create_connection(
        Name="basic-conn",
        Description="basic",
        AuthorizationType="BASIC",
        AuthParameters={"BasicAuthParameters": {"Username": "u", "Password": "pw-secret"}},
    )
    arn = conn["ConnectionArn"]
    d = wait_for(
        lambda: (x := c.describe_connection(Name="basic-conn"))["ConnectionState"] == "AUTHORIZED" and x,
        what="the basic connection to be AUTHORIZED",
    )
    assert d["ConnectionArn"] == arn and d["Name"] == "basic-conn"
    assert d["AuthorizationType"] == "BASIC" and d["Description"] == "basic"
    assert d["AuthParameters"]["BasicAuthParameters"] == {"Username": "u"}
    assert "pw-secret" not in json.dumps(d, default=str)
    assert isinstance(d["CreationTime"], datetime) and isinstance(d["LastModifiedTime"], datetime)
    listed = c.list_connections(NamePrefix="basic")["Connections"]
    assert [x["ConnectionArn"] for x in listed] == [arn]
    c.update_connection(Name="basic-conn", Description="changed")
    assert c.describe_connection(Name="basic-conn")["Description"] == "changed"

    dest = c.create_api_destination(
        Name="basic-dest",
        ConnectionArn=arn,
        InvocationEndpoint=recorder.url + "/basic",
        HttpMethod="GET",
        InvocationRateLimitPerSecond=3,
    )["ApiDestinationArn"]
    d = c.describe_api_destination(Name="basic-dest")
    assert (d["ApiDestinationArn"], d["ConnectionArn"], d["HttpMethod"]) == (dest, arn, "GET")
    assert d["InvocationRateLimitPerSecond"] == 3 and d["ApiDestinationState"] == "ACTIVE"
    assert [x["Name"] for x in c.list_api_destinations(NamePrefix="basic")["ApiDestinations"]] == [
        "basic-dest"
    ]
    c.update_api_destination(Name="basic-dest", InvocationRateLimitPerSecond=7)
    assert c.describe_api_destination(Name="basic-dest")["InvocationRateLimitPerSecond"] == 7
    c.delete_api_destination(Name="basic-dest")
    with pytest.raises(ClientError) as e:
        c.describe_api_destination(Name="basic-dest")
    assert error_of(e)[0] == "ResourceNotFoundException"

    state = c.deauthorize_connection(Name="basic-conn")["ConnectionState"]
    assert state in ("DEAUTHORIZING", "DEAUTHORIZED")
    wait_for(
        lambda: c.describe_connection(Name="basic-conn")["ConnectionState"] == "DEAUTHORIZED",
        what="the connection to be DEAUTHORIZED",
    )
    assert c.delete_connection(Name="basic-conn")["ConnectionArn"] == arn

    def gone():
        try:
            c.describe_connection(Name="basic-conn")
            return False
        except ClientError as err:
            return err.response["Error"]["Code"] == "ResourceNotFoundException"

    wait_for(gone, what="the connection to be deleted")


def test_endpoints_create_describe_list_update_delete(server):
    c = server.client()
    c.create_event_bus(Name="global")
    buses = [
        {"EventBusArn": f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/global"},
        {"EventBusArn": f"arn:aws:events:us-west-2:{ACCOUNT}:event-bus/global"},
    ]
    routing = {
        "FailoverConfig": {
            "Primary": {"HealthCheck": "arn:aws:route53:::healthcheck/abcd-1234"},
            "Secondary": {"Route": "us-west-2"},
        }
    }
    created = c.create_endpoint(
        Name="global-ep",
        RoutingConfig=routing,
        ReplicationConfig={"State": "DISABLED"},
        EventBuses=buses,
    )
    assert created["Name"] == "global-ep"
    assert created["Arn"] == f"{ARN}:endpoint/global-ep"
    assert created["State"] in ("CREATING", "ACTIVE")
    d = wait_for(
        lambda: (x := c.describe_endpoint(Name="global-ep"))["State"] == "ACTIVE" and x,
        what="the endpoint to be ACTIVE",
    )
    assert d["RoutingConfig"] == routing and d["EventBuses"] == buses
    assert d["EndpointId"] and d["EndpointUrl"].startswith("https://")
    assert [e["Name"] for e in c.list_endpoints(NamePrefix="global")["Endpoints"]] == ["global-ep"]
    c.update_endpoint(Name="global-ep", Description="updated")
    wait_for(
        lambda: (x := c.describe_endpoint(Name="global-ep"))["State"] == "ACTIVE"
        and x.get("Description") == "updated",
        what="the endpoint update",
    )
    c.delete_endpoint(Name="global-ep")

    def gone():
        try:
            c.describe_endpoint(Name="global-ep")
            return False
        except ClientError as err:
            return err.response["Error"]["Code"] == "ResourceNotFoundException"

    wait_for(gone, what="the endpoint to be deleted")


def test_partner_event_sources(server):
    c = server.client()
    name = "aws.partner/example.com/orders"
    created = c.create_partner_event_source(Name=name, Account=ACCOUNT)
    assert created["EventSourceArn"] == f"arn:aws:events:{REGION}::event-source/{name}"
    assert c.describe_partner_event_source(Name=name)["Name"] == name
    listed = c.list_partner_event_sources(NamePrefix="aws.partner/example.com/")
    assert [s["Name"] for s in listed["PartnerEventSources"]] == [name]
    accounts = c.list_partner_event_source_accounts(EventSourceName=name)
    assert [a["Account"] for a in accounts["PartnerEventSourceAccounts"]] == [ACCOUNT]
    source = c.describe_event_source(Name=name)
    assert source["Name"] == name and source["State"] == "PENDING"
    bus = c.create_event_bus(Name=name, EventSourceName=name)
    assert bus["EventBusArn"] == f"{ARN}:event-bus/{name}"
    assert c.describe_event_source(Name=name)["State"] == "ACTIVE"
    # AWS: a deactivated source goes back to PENDING.
    c.deactivate_event_source(Name=name)
    assert c.describe_event_source(Name=name)["State"] == "PENDING"
    c.activate_event_source(Name=name)
    assert c.describe_event_source(Name=name)["State"] == "ACTIVE"
    assert [s["Name"] for s in c.list_event_sources(NamePrefix="aws.partner/example.com/")["EventSources"]] == [name]

    rule_arn = c.put_rule(Name="partner", EventBusName=name, EventPattern=f'{{"source": ["{name}"]}}')["RuleArn"]
    c.put_targets(Rule="partner", EventBusName=name, Targets=[{"Id": "q", "Arn": f"{SQS}:partner"}])
    out = c.put_partner_events(
        Entries=[{"Source": name, "DetailType": "Partner", "Detail": '{"p": 1}', "Time": EVENT_TIME}]
    )
    assert out["FailedEntryCount"] == 0
    event_id = out["Entries"][0]["EventId"]
    (_, rec), = records(server, lambda r: r["rule"] == rule_arn, 1)
    assert rec["event_id"] == event_id and rec["event_bus"] == name
    assert rec["payload"] == envelope(event_id, "Partner", name, EVENT_TIME_TEXT, {"p": 1})

    c.delete_partner_event_source(Name=name, Account=ACCOUNT)
    with pytest.raises(ClientError) as e:
        c.describe_partner_event_source(Name=name)
    assert error_of(e)[0] == "ResourceNotFoundException"


def test_rules_pattern_tags_permissions(server):
    c = server.client()
    bus_arn = c.create_event_bus(Name="misc", Description="misc bus")["EventBusArn"]
    event = compact(
        {
            "version": "0",
            "id": "1",
            "detail-type": "T",
            "source": "a",
            "account": ACCOUNT,
            "time": EVENT_TIME_TEXT,
            "region": REGION,
            "resources": [],
            "detail": {"x": 1},
        }
    )
    assert c.test_event_pattern(EventPattern='{"detail": {"x": [1]}}', Event=event)["Result"] is True
    assert c.test_event_pattern(EventPattern='{"detail": {"x": [2]}}', Event=event)["Result"] is False
    with pytest.raises(ClientError) as e:
        c.test_event_pattern(EventPattern=INVALID_PATTERN, Event=event)
    assert error_of(e) == ("InvalidEventPatternException", INVALID_PATTERN_TEXT, 400)

    c.put_rule(Name="r1", EventBusName="misc", EventPattern='{"source": ["a"]}', Description="d")
    c.put_rule(Name="r2", EventBusName="misc", EventPattern='{"source": [{"prefix": "b"}]}')
    # Schedules live on the default bus only.
    c.put_rule(Name="misc-schedule", ScheduleExpression="rate(1 day)")
    assert c.describe_rule(Name="misc-schedule")["ScheduleExpression"] == "rate(1 day)"
    c.delete_rule(Name="misc-schedule")
    d = c.describe_rule(Name="r1", EventBusName="misc")
    assert (d["State"], d["Description"], d["EventBusName"]) == ("ENABLED", "d", "misc")
    c.disable_rule(Name="r1", EventBusName="misc")
    assert c.describe_rule(Name="r1", EventBusName="misc")["State"] == "DISABLED"
    c.enable_rule(Name="r1", EventBusName="misc")
    assert [r["Name"] for r in c.list_rules(EventBusName="misc")["Rules"]] == ["r1", "r2"]
    c.put_targets(Rule="r1", EventBusName="misc", Targets=[{"Id": "t", "Arn": f"{SQS}:misc"}])
    names = c.list_rule_names_by_target(TargetArn=f"{SQS}:misc", EventBusName="misc")["RuleNames"]
    assert names == ["r1"]
    assert c.remove_targets(Rule="r1", EventBusName="misc", Ids=["t"])["FailedEntryCount"] == 0
    c.delete_rule(Name="r2", EventBusName="misc")
    assert [r["Name"] for r in c.list_rules(EventBusName="misc")["Rules"]] == ["r1"]

    c.tag_resource(ResourceARN=bus_arn, Tags=[{"Key": "team", "Value": "a"}, {"Key": "env", "Value": "t"}])
    tags = c.list_tags_for_resource(ResourceARN=bus_arn)["Tags"]
    assert sorted((t["Key"], t["Value"]) for t in tags) == [("env", "t"), ("team", "a")]
    c.untag_resource(ResourceARN=bus_arn, TagKeys=["env"])
    assert c.list_tags_for_resource(ResourceARN=bus_arn)["Tags"] == [{"Key": "team", "Value": "a"}]

    c.put_permission(EventBusName="misc", Action="events:PutEvents", Principal="111122223333", StatementId="s1")
    policy = json.loads(c.describe_event_bus(Name="misc")["Policy"])
    assert [s["Sid"] for s in policy["Statement"]] == ["s1"]
    c.remove_permission(EventBusName="misc", StatementId="s1")
    assert "Policy" not in c.describe_event_bus(Name="misc")
    c.update_event_bus(Name="misc", Description="changed")
    assert c.describe_event_bus(Name="misc")["Description"] == "changed"
    assert "misc" in [b["Name"] for b in c.list_event_buses()["EventBuses"]]
    c.delete_rule(Name="r1", EventBusName="misc")
    c.delete_event_bus(Name="misc")
    assert "misc" not in [b["Name"] for b in c.list_event_buses()["EventBuses"]]


def test_error_texts_through_client_error(server):
    c = server.client()
    with pytest.raises(ClientError) as e:
        c.put_rule(Name="bad", EventPattern=INVALID_PATTERN)
    assert error_of(e) == ("InvalidEventPatternException", INVALID_PATTERN_TEXT, 400)

    with pytest.raises(ClientError) as e:
        c.put_rule(Name="x", EventBusName="nope", EventPattern='{"source": ["a"]}')
    assert error_of(e) == ("ResourceNotFoundException", "Event bus nope does not exist.", 400)

    with pytest.raises(ClientError) as e:
        c.describe_rule(Name="nope")
    assert error_of(e) == ("ResourceNotFoundException", "Rule nope does not exist on EventBus default.", 400)

    c.put_rule(Name="six", EventPattern='{"source": ["six"]}')
    six = [{"Id": f"t{i}", "Arn": f"{SQS}:q{i}"} for i in range(6)]
    with pytest.raises(ClientError) as e:
        c.put_targets(Rule="six", Targets=six)
    assert error_of(e) == ("LimitExceededException", LIMIT_TEXT, 400)
    assert c.list_targets_by_rule(Rule="six")["Targets"] == []
    c.put_targets(Rule="six", Targets=six[:5])
    with pytest.raises(ClientError) as e:
        c.put_targets(Rule="six", Targets=six[5:])
    assert error_of(e) == ("LimitExceededException", LIMIT_TEXT, 400)

    with pytest.raises(ClientError) as e:
        c.create_event_bus(Name="default")
    assert error_of(e)[0] == "ResourceAlreadyExistsException"
