//! The JSON 1.1 dispatcher over the operation families beyond rules and events: connections
//! (secrets never in an answer), API destinations, endpoints and partner event sources, each
//! answered through `handle` with the service's body.

mod common;

use common::*;
use evmatch_eventbridge::wire::{Response, handle};

fn call(f: &Fixture, operation: &str, body: &str) -> Response {
    handle(&f.eb, &format!("AWSEvents.{operation}"), body.as_bytes())
}

fn ok(f: &Fixture, operation: &str, body: &str) -> String {
    let r = call(f, operation, body);
    assert_eq!(r.status, 200, "{operation} {body}: {}", r.body);
    r.body
}

const CONNECTION: &str =
    "arn:aws:events:us-east-1:111111111111:connection/c/00000000-0000-4000-8000-000000000001";

#[test]
fn connections_and_api_destinations() {
    let f = fixture();
    let created = ok(
        &f,
        "CreateConnection",
        r#"{"Name":"c","AuthorizationType":"API_KEY","AuthParameters":{"ApiKeyAuthParameters":{"ApiKeyName":"x-key","ApiKeyValue":"secret"}}}"#,
    );
    assert_eq!(
        created,
        format!(
            r#"{{"ConnectionArn":"{CONNECTION}","ConnectionState":"AUTHORIZED","CreationTime":{T0},"LastModifiedTime":{T0}}}"#
        )
    );
    let described = ok(&f, "DescribeConnection", r#"{"Name":"c"}"#);
    assert!(
        described.contains(r#""AuthParameters":{"ApiKeyAuthParameters":{"ApiKeyName":"x-key"}}"#),
        "{described}"
    );
    assert!(!described.contains("secret\""), "{described}");

    let created = ok(
        &f,
        "CreateApiDestination",
        &format!(
            r#"{{"Name":"d","ConnectionArn":"{CONNECTION}","InvocationEndpoint":"https://example.com/*","HttpMethod":"POST","InvocationRateLimitPerSecond":5}}"#
        ),
    );
    assert!(
        created.starts_with(
            r#"{"ApiDestinationArn":"arn:aws:events:us-east-1:111111111111:api-destination/d/"#
        ),
        "{created}"
    );
    assert!(
        created.contains(r#""ApiDestinationState":"ACTIVE""#),
        "{created}"
    );
    let listed = ok(&f, "ListApiDestinations", "{}");
    assert!(
        listed.contains(r#""InvocationRateLimitPerSecond":5"#),
        "{listed}"
    );

    let r = call(&f, "DeleteConnection", r#"{"Name":"nope"}"#);
    assert_eq!(
        (r.status, r.body.as_str()),
        (
            400,
            r#"{"__type":"ResourceNotFoundException","message":"Failed to describe the connection(s). Connection 'nope' does not exist."}"#
        )
    );
}

#[test]
fn endpoints() {
    let f = fixture();
    let body = r#"{"Name":"e","RoutingConfig":{"FailoverConfig":{"Primary":{"HealthCheck":"arn:aws:route53:::healthcheck/abc"},"Secondary":{"Route":"us-west-2"}}},"ReplicationConfig":{"State":"DISABLED"},"EventBuses":[{"EventBusArn":"arn:aws:events:us-east-1:111111111111:event-bus/default"},{"EventBusArn":"arn:aws:events:us-west-2:111111111111:event-bus/default"}]}"#;
    let created = ok(&f, "CreateEndpoint", body);
    assert!(created.contains(r#""Name":"e""#), "{created}");
    let described = ok(&f, "DescribeEndpoint", r#"{"Name":"e"}"#);
    assert!(described.contains(r#""Name":"e""#), "{described}");
    let listed = ok(&f, "ListEndpoints", "{}");
    assert!(listed.starts_with(r#"{"Endpoints":[{"#), "{listed}");
    let r = call(&f, "CreateEndpoint", body);
    assert_eq!(r.error_code(), Some("ResourceAlreadyExistsException"));
}

#[test]
fn partner_event_sources() {
    let f = fixture();
    assert_eq!(
        ok(
            &f,
            "CreatePartnerEventSource",
            r#"{"Name":"aws.partner/acme.com/orders","Account":"111111111111"}"#
        ),
        r#"{"EventSourceArn":"arn:aws:events:us-east-1::event-source/aws.partner/acme.com/orders"}"#
    );
    let listed = ok(&f, "ListEventSources", "{}");
    assert!(
        listed.contains(r#""Name":"aws.partner/acme.com/orders","State":"PENDING""#),
        "{listed}"
    );
    let r = call(
        &f,
        "PutPartnerEvents",
        r#"{"Entries":[{"Source":"aws.partner/acme.com/orders","DetailType":"t","Detail":"{}"}]}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.starts_with(r#"{"FailedEntryCount":"#), "{}", r.body);
}
