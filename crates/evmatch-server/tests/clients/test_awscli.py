"""The AWS CLI (awscli from PyPI) against `evmatch serve` with `--endpoint-url`: a bus, a rule
with an input transformer, PutEvents and the delivery, an API destination calling a loopback
server, TestEventPattern, tags, and AWS's error texts on stderr.
"""

import json

from conftest import ACCOUNT, REGION, header, wait_for

ARN = f"arn:aws:events:{REGION}:{ACCOUNT}"
SQS = f"arn:aws:sqs:{REGION}:{ACCOUNT}"


def ok(server, *args):
    done = server.aws(*args)
    assert done.returncode == 0, (args, done.stderr)
    return json.loads(done.stdout) if done.stdout.strip() else None


def fails(server, *args):
    done = server.aws(*args)
    assert done.returncode == 255, (args, done.returncode, done.stdout, done.stderr)
    return done.stderr


def test_aws_cli_scenario(server, recorder):
    assert ok(server, "create-event-bus", "--name", "cli")["EventBusArn"] == f"{ARN}:event-bus/cli"
    rule = ok(
        server,
        "put-rule",
        "--name", "cli-rule",
        "--event-bus-name", "cli",
        "--event-pattern", '{"source": ["cli.test"], "detail": {"n": [{"numeric": [">=", 1]}]}}',
    )
    assert rule["RuleArn"] == f"{ARN}:rule/cli/cli-rule"
    targets = [
        {
            "Id": "t",
            "Arn": f"{SQS}:cli-q",
            "InputTransformer": {
                "InputPathsMap": {"n": "$.detail.n", "t": "$.detail-type"},
                "InputTemplate": '"<t> number <n>"',
            },
        }
    ]
    out = ok(server, "put-targets", "--rule", "cli-rule", "--event-bus-name", "cli", "--targets", json.dumps(targets))
    assert out == {"FailedEntryCount": 0, "FailedEntries": []}
    entries = [{"Source": "cli.test", "DetailType": "Count", "Detail": '{"n": 3}', "EventBusName": "cli"}]
    out = ok(server, "put-events", "--entries", json.dumps(entries))
    assert out["FailedEntryCount"] == 0
    event_id = out["Entries"][0]["EventId"]
    rec = wait_for(
        lambda: [json.loads(l) for l in server.delivery_lines() if f'"event_id":"{event_id}"' in l],
        what="the CLI event's delivery",
    )[0]
    assert (rec["event_bus"], rec["rule"], rec["target"]) == ("cli", rule["RuleArn"], f"{SQS}:cli-q")
    assert rec["payload"] == '"Count number 3"' and rec["outcome"] == "delivered"

    rules = ok(server, "list-rules", "--event-bus-name", "cli")["Rules"]
    assert [r["Name"] for r in rules] == ["cli-rule"]

    event = json.dumps(
        {
            "id": "1", "detail-type": "x", "source": "cli.test", "account": ACCOUNT,
            "time": "2026-12-07T15:00:00Z", "region": REGION, "resources": [], "detail": {"n": 1},
        }
    )
    res = ok(server, "test-event-pattern", "--event-pattern", '{"detail": {"n": [1]}}', "--event", event)
    assert res == {"Result": True}

    ok(server, "tag-resource", "--resource-arn", f"{ARN}:event-bus/cli", "--tags", "Key=team,Value=cli")
    tags = ok(server, "list-tags-for-resource", "--resource-arn", f"{ARN}:event-bus/cli")
    assert tags == {"Tags": [{"Key": "team", "Value": "cli"}]}

    conn = ok(
        server,
        "create-connection",
        "--name", "cli-conn",
        "--authorization-type", "API_KEY",
        "--auth-parameters", json.dumps({"ApiKeyAuthParameters": {"ApiKeyName": "X-Key", "ApiKeyValue": "cli-secret"}}),
    )["ConnectionArn"]
    wait_for(
        lambda: ok(server, "describe-connection", "--name", "cli-conn")["ConnectionState"] == "AUTHORIZED",
        what="the CLI connection to be AUTHORIZED",
        interval=0.2,
    )
    dest = ok(
        server,
        "create-api-destination",
        "--name", "cli-dest",
        "--connection-arn", conn,
        "--invocation-endpoint", recorder.url + "/cli-hook",
        "--http-method", "POST",
    )["ApiDestinationArn"]
    ok(server, "put-targets", "--rule", "cli-rule", "--event-bus-name", "cli", "--targets",
       json.dumps([{"Id": "api", "Arn": dest, "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/r", "Input": '{"hello": "api"}'}]))
    ok(server, "put-events", "--entries", json.dumps(entries))
    calls = recorder.received("/cli-hook", 1)
    assert len(calls) == 1
    assert header(calls[0], "X-Key") == ["cli-secret"]
    assert calls[0]["body"] == b'{"hello": "api"}'


def test_aws_cli_errors(server):
    """AWS's code and text on stderr, exit status 255 (the CLI's for a service error)."""
    ok(server, "create-event-bus", "--name", "cli-errors")
    ok(server, "put-rule", "--name", "cli-errors-rule", "--event-bus-name", "cli-errors",
       "--event-pattern", '{"source": ["e"]}')
    err = fails(server, "put-rule", "--name", "bad", "--event-pattern", '{"source": ["aws.health"], "detail": {}}')
    assert (
        "An error occurred (InvalidEventPatternException) when calling the PutRule operation: "
        "Event pattern is not valid. Reason: Empty objects are not allowed\n"
        ' at [Source: (String)"{"source": ["aws.health"], "detail": {}}"; line: 1, column: 40]'
    ) in err
    err = fails(server, "describe-event-bus", "--name", "nope")
    assert (
        "An error occurred (ResourceNotFoundException) when calling the DescribeEventBus operation: "
        "Event bus nope does not exist."
    ) in err
    six = json.dumps([{"Id": f"x{i}", "Arn": f"{SQS}:x{i}"} for i in range(6)])
    err = fails(server, "put-targets", "--rule", "cli-errors-rule", "--event-bus-name", "cli-errors", "--targets", six)
    assert (
        "An error occurred (LimitExceededException) when calling the PutTargets operation: "
        "The requested resource exceeds the maximum number allowed."
    ) in err
