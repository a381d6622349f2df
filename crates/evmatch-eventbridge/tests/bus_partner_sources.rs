//! Partner event sources: the partner's side (create, describe, list, accounts, delete,
//! PutPartnerEvents) and the customer's (list, describe, activate, deactivate, the partner event
//! bus), with their states, times and errors.

mod common;
use common::*;
use evmatch_eventbridge::api::partner_event_sources::*;

const SRC: &str = "aws.partner/example.com/123/orders";
const SRC_ARN: &str = "arn:aws:events:us-east-1::event-source/aws.partner/example.com/123/orders";
/// T0 + 14 days.
const EXPIRES: i64 = T0 + 14 * 86_400;

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

fn offer(f: &Fixture, name: &str, account: &str) {
    f.eb.create_partner_event_source(CreatePartnerEventSourceRequest {
        name: name.into(),
        account: account.into(),
    })
    .unwrap();
}

fn partner_bus(f: &Fixture, name: &str) -> Result<CreateEventBusResponse, Error> {
    f.eb.create_event_bus(CreateEventBusRequest {
        name: name.into(),
        event_source_name: Some(name.into()),
        ..Default::default()
    })
}

fn describe(f: &Fixture, name: &str) -> serde_json::Value {
    json(
        &f.eb
            .describe_event_source(DescribeEventSourceRequest { name: name.into() })
            .unwrap(),
    )
}

fn partner_entry(source: &str, detail: &str) -> PutPartnerEventsRequestEntry {
    PutPartnerEventsRequestEntry {
        source: Some(source.into()),
        detail_type: Some("Order Created".into()),
        detail: Some(detail.into()),
        ..Default::default()
    }
}

fn put_partner(f: &Fixture, entries: Vec<PutPartnerEventsRequestEntry>) -> serde_json::Value {
    json(
        &f.eb
            .put_partner_events(PutPartnerEventsRequest { entries })
            .unwrap(),
    )
}

#[test]
fn partner_side_create_describe_list_accounts() {
    let f = fixture();
    let out =
        f.eb.create_partner_event_source(CreatePartnerEventSourceRequest {
            name: SRC.into(),
            account: ACCOUNT.into(),
        })
        .unwrap();
    assert_eq!(json(&out), serde_json::json!({"EventSourceArn": SRC_ARN}));
    assert_err(
        f.eb.create_partner_event_source(CreatePartnerEventSourceRequest {
            name: SRC.into(),
            account: "222222222222".into(),
        }),
        "ResourceAlreadyExistsException",
        "Event source aws.partner/example.com/123/orders already exists.",
    );
    let d =
        f.eb.describe_partner_event_source(DescribePartnerEventSourceRequest { name: SRC.into() })
            .unwrap();
    assert_eq!(json(&d), serde_json::json!({"Arn": SRC_ARN, "Name": SRC}));
    assert_err(
        f.eb.describe_partner_event_source(DescribePartnerEventSourceRequest {
            name: "aws.partner/example.com/123/nope".into(),
        }),
        "ResourceNotFoundException",
        "Event source aws.partner/example.com/123/nope does not exist.",
    );
    let accounts =
        f.eb.list_partner_event_source_accounts(ListPartnerEventSourceAccountsRequest {
            event_source_name: SRC.into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        json(&accounts),
        serde_json::json!({"PartnerEventSourceAccounts": [
            {"Account": ACCOUNT, "CreationTime": T0, "ExpirationTime": EXPIRES, "State": "PENDING"}
        ]})
    );
    assert_err(
        f.eb.list_partner_event_source_accounts(ListPartnerEventSourceAccountsRequest {
            event_source_name: "aws.partner/example.com/123/nope".into(),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Event source aws.partner/example.com/123/nope does not exist.",
    );
    // Names must follow the model's pattern.
    let (code, msg) = err(f
        .eb
        .create_partner_event_source(CreatePartnerEventSourceRequest {
            name: "example.com/orders".into(),
            account: ACCOUNT.into(),
        }));
    assert_eq!(code, "ValidationException");
    assert!(
        msg.contains("at 'name' failed to satisfy constraint"),
        "{msg}"
    );
}

#[test]
fn partner_list_by_prefix_and_pages() {
    let f = fixture();
    for n in ["c", "a", "b"] {
        offer(&f, &format!("aws.partner/example.com/123/{n}"), ACCOUNT);
    }
    offer(&f, "aws.partner/other.io/1/z", "222222222222");
    let list = |prefix: &str, limit: Option<i32>, token: Option<String>| {
        f.eb.list_partner_event_sources(ListPartnerEventSourcesRequest {
            name_prefix: prefix.into(),
            next_token: token,
            limit,
        })
    };
    let first = list("aws.partner/example.com/", Some(2), None).unwrap();
    assert_eq!(
        json(&first.partner_event_sources),
        serde_json::json!([
            {"Arn": "arn:aws:events:us-east-1::event-source/aws.partner/example.com/123/a", "Name": "aws.partner/example.com/123/a"},
            {"Arn": "arn:aws:events:us-east-1::event-source/aws.partner/example.com/123/b", "Name": "aws.partner/example.com/123/b"}
        ])
    );
    let rest = list("aws.partner/example.com/", Some(2), first.next_token).unwrap();
    assert_eq!(rest.partner_event_sources.unwrap().len(), 1);
    assert_eq!(rest.next_token, None);
    let other = list("aws.partner/other.io/", None, None).unwrap();
    assert_eq!(other.partner_event_sources.unwrap().len(), 1);
}

#[test]
fn customer_sees_only_its_sources() {
    let f = fixture();
    offer(&f, SRC, ACCOUNT);
    offer(&f, "aws.partner/example.com/123/theirs", "222222222222");
    let out =
        f.eb.list_event_sources(ListEventSourcesRequest::default())
            .unwrap();
    assert_eq!(
        json(&out),
        serde_json::json!({"EventSources": [{
            "Arn": SRC_ARN, "CreatedBy": "example.com", "CreationTime": T0,
            "ExpirationTime": EXPIRES, "Name": SRC, "State": "PENDING"
        }]})
    );
    assert_eq!(
        describe(&f, SRC),
        serde_json::json!({
            "Arn": SRC_ARN, "CreatedBy": "example.com", "CreationTime": T0,
            "ExpirationTime": EXPIRES, "Name": SRC, "State": "PENDING"
        })
    );
    assert_err(
        f.eb.describe_event_source(DescribeEventSourceRequest {
            name: "aws.partner/example.com/123/theirs".into(),
        }),
        "ResourceNotFoundException",
        "Event source aws.partner/example.com/123/theirs does not exist.",
    );
    let none =
        f.eb.list_event_sources(ListEventSourcesRequest {
            name_prefix: Some("aws.partner/other".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(json(&none), serde_json::json!({"EventSources": []}));
}

#[test]
fn partner_bus_needs_an_offered_source_and_activates_it() {
    let f = fixture();
    assert_err(
        partner_bus(&f, SRC),
        "ResourceNotFoundException",
        "Event source aws.partner/example.com/123/orders does not exist.",
    );
    offer(&f, "aws.partner/example.com/123/theirs", "222222222222");
    assert_err(
        partner_bus(&f, "aws.partner/example.com/123/theirs"),
        "ResourceNotFoundException",
        "Event source aws.partner/example.com/123/theirs does not exist.",
    );
    offer(&f, SRC, ACCOUNT);
    let out = partner_bus(&f, SRC).unwrap();
    assert_eq!(
        out.event_bus_arn.as_deref(),
        Some("arn:aws:events:us-east-1:111111111111:event-bus/aws.partner/example.com/123/orders")
    );
    assert_eq!(describe(&f, SRC)["State"], "ACTIVE");
    assert_eq!(describe(&f, SRC).get("ExpirationTime"), None);
    assert_err(
        partner_bus(&f, SRC),
        "ResourceAlreadyExistsException",
        "Event bus aws.partner/example.com/123/orders already exists.",
    );
    // Deleting the bus makes the source PENDING again, expiring two weeks later.
    f.clock.advance(100);
    f.eb.delete_event_bus(DeleteEventBusRequest { name: SRC.into() })
        .unwrap();
    let d = describe(&f, SRC);
    assert_eq!(d["State"], "PENDING");
    assert_eq!(d["ExpirationTime"], EXPIRES + 100);
    partner_bus(&f, SRC).unwrap();
    assert_eq!(describe(&f, SRC)["State"], "ACTIVE");
}

#[test]
fn activate_and_deactivate() {
    let f = fixture();
    offer(&f, SRC, ACCOUNT);
    let activate = |name: &str| {
        f.eb.activate_event_source(ActivateEventSourceRequest { name: name.into() })
    };
    let deactivate = |name: &str| {
        f.eb.deactivate_event_source(DeactivateEventSourceRequest { name: name.into() })
    };
    assert_err(
        deactivate(SRC),
        "InvalidStateException",
        "Event source aws.partner/example.com/123/orders is not in a state that can be deactivated.",
    );
    partner_bus(&f, SRC).unwrap();
    assert_err(
        activate(SRC),
        "InvalidStateException",
        "Event source aws.partner/example.com/123/orders is not in a state that can be activated.",
    );
    f.clock.advance(10);
    deactivate(SRC).unwrap();
    let d = describe(&f, SRC);
    assert_eq!(
        (&d["State"], &d["ExpirationTime"]),
        (&"PENDING".into(), &(EXPIRES + 10).into())
    );
    activate(SRC).unwrap();
    assert_eq!(describe(&f, SRC)["State"], "ACTIVE");
    assert_err(
        activate("aws.partner/example.com/123/nope"),
        "ResourceNotFoundException",
        "Event source aws.partner/example.com/123/nope does not exist.",
    );
    // Partner deletes: the customer sees DELETED while the bus exists; nothing can be changed.
    f.eb.delete_partner_event_source(DeletePartnerEventSourceRequest {
        name: SRC.into(),
        account: ACCOUNT.into(),
    })
    .unwrap();
    assert_eq!(describe(&f, SRC)["State"], "DELETED");
    assert_err(
        activate(SRC),
        "InvalidStateException",
        "Event source aws.partner/example.com/123/orders is not in a state that can be activated.",
    );
    assert_eq!(
        err(f
            .eb
            .describe_partner_event_source(DescribePartnerEventSourceRequest { name: SRC.into() }))
        .0,
        "ResourceNotFoundException"
    );
    // Deleting the bus then removes the source.
    f.eb.delete_event_bus(DeleteEventBusRequest { name: SRC.into() })
        .unwrap();
    assert_eq!(
        err(f
            .eb
            .describe_event_source(DescribeEventSourceRequest { name: SRC.into() }))
        .0,
        "ResourceNotFoundException"
    );
}

#[test]
fn delete_partner_source_without_bus_removes_it_and_unknown_is_ok() {
    let f = fixture();
    offer(&f, SRC, ACCOUNT);
    // Another account than the one offered: nothing happens.
    f.eb.delete_partner_event_source(DeletePartnerEventSourceRequest {
        name: SRC.into(),
        account: "222222222222".into(),
    })
    .unwrap();
    assert_eq!(describe(&f, SRC)["State"], "PENDING");
    f.eb.delete_partner_event_source(DeletePartnerEventSourceRequest {
        name: SRC.into(),
        account: ACCOUNT.into(),
    })
    .unwrap();
    let out =
        f.eb.list_event_sources(ListEventSourcesRequest::default())
            .unwrap();
    assert_eq!(json(&out), serde_json::json!({"EventSources": []}));
    f.eb.delete_partner_event_source(DeletePartnerEventSourceRequest {
        name: SRC.into(),
        account: ACCOUNT.into(),
    })
    .unwrap();
}

#[test]
fn put_partner_events_reach_the_active_partner_bus() {
    let f = fixture();
    offer(&f, SRC, ACCOUNT);
    // The source exists but has no bus yet: accepted, dropped.
    let out = put_partner(&f, vec![partner_entry(SRC, r#"{"n": 0}"#)]);
    assert_eq!(
        out,
        serde_json::json!({"FailedEntryCount": 0, "Entries": [{"EventId": id(1)}]})
    );
    partner_bus(&f, SRC).unwrap();
    f.rule_on(SRC, "all", r#"{"source": [{"prefix": "aws.partner/"}]}"#);
    f.target_on(Some(SRC), "all", target("q", QUEUE));
    let out = put_partner(
        &f,
        vec![
            partner_entry(SRC, r#"{"n": 1}"#),
            partner_entry("aws.partner/example.com/123/unknown", r#"{"n": 2}"#),
            PutPartnerEventsRequestEntry {
                detail_type: None,
                ..partner_entry(SRC, "{}")
            },
            partner_entry(SRC, "[1]"),
        ],
    );
    assert_eq!(
        out,
        serde_json::json!({"FailedEntryCount": 3, "Entries": [
            {"EventId": id(2)},
            {"ErrorCode": "NotAuthorizedForSourceException", "ErrorMessage": "Not authorized for the source."},
            {"ErrorCode": "InvalidArgument", "ErrorMessage": "Parameter DetailType is not valid. Reason: DetailType is a required argument."},
            {"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}
        ]})
    );
    let got = f.take();
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].payload,
        format!(
            r#"{{"version":"0","id":"{}","detail-type":"Order Created","source":"{SRC}","account":"{ACCOUNT}","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{{"n":1}}}}"#,
            id(2)
        )
    );
    // Deactivated: accepted, not delivered.
    f.eb.deactivate_event_source(DeactivateEventSourceRequest { name: SRC.into() })
        .unwrap();
    let out = put_partner(&f, vec![partner_entry(SRC, r#"{"n": 3}"#)]);
    assert_eq!(out["FailedEntryCount"], 0);
    assert!(f.take().is_empty());
    // Request-level checks: 1 to 20 entries (PutEvents: 10), the total size.
    let (code, msg) = err(f.eb.put_partner_events(PutPartnerEventsRequest {
        entries: vec![partner_entry(SRC, "{}"); 21],
    }));
    assert_eq!(code, "ValidationException");
    assert!(
        msg.ends_with("Member must have length less than or equal to 20"),
        "{msg}"
    );
}

#[test]
fn put_events_still_refuses_partner_sources() {
    let f = fixture();
    let out = f.put(vec![entry(SRC, "{}")]);
    assert_eq!(
        json(&out),
        serde_json::json!({"FailedEntryCount": 1, "Entries": [
            {"ErrorCode": "NotAuthorizedForSourceException", "ErrorMessage": "Not authorized for the source."}
        ]})
    );
}
