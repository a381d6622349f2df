//! Event buses of the in-process EventBridge: create, describe, update, delete and list, with each AWS error.

mod common;

use common::*;

#[test]
fn default_bus_exists_and_is_listed() {
    let f = fixture();
    let d = f.eb.describe_event_bus(Default::default()).unwrap();
    assert_eq!(d.name.as_deref(), Some("default"));
    assert_eq!(
        d.arn.as_deref(),
        Some("arn:aws:events:us-east-1:111111111111:event-bus/default")
    );
    assert_eq!(d.creation_time, Some(Timestamp::from_secs(T0)));
    assert_eq!(d.policy, None);
    let list = f.eb.list_event_buses(Default::default()).unwrap();
    let names: Vec<_> = list
        .event_buses
        .unwrap()
        .into_iter()
        .map(|b| b.name.unwrap())
        .collect();
    assert_eq!(names, ["default"]);
    assert_eq!(list.next_token, None);
}

#[test]
fn create_describe_update_delete_event_bus() {
    let f = fixture();
    let out =
        f.eb.create_event_bus(CreateEventBusRequest {
            name: "orders".into(),
            description: Some("order events".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        out.event_bus_arn.as_deref(),
        Some("arn:aws:events:us-east-1:111111111111:event-bus/orders")
    );
    assert_eq!(out.description.as_deref(), Some("order events"));
    // By name and by ARN.
    for name in [
        "orders",
        "arn:aws:events:us-east-1:111111111111:event-bus/orders",
    ] {
        let d =
            f.eb.describe_event_bus(DescribeEventBusRequest {
                name: Some(name.into()),
            })
            .unwrap();
        assert_eq!(d.name.as_deref(), Some("orders"));
        assert_eq!(d.description.as_deref(), Some("order events"));
    }
    f.clock.advance(60);
    let u =
        f.eb.update_event_bus(UpdateEventBusRequest {
            name: Some("orders".into()),
            description: Some("new".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(u.description.as_deref(), Some("new"));
    let d =
        f.eb.describe_event_bus(DescribeEventBusRequest {
            name: Some("orders".into()),
        })
        .unwrap();
    assert_eq!(d.last_modified_time, Some(Timestamp::from_secs(T0 + 60)));
    assert_eq!(d.creation_time, Some(Timestamp::from_secs(T0)));
    f.eb.delete_event_bus(DeleteEventBusRequest {
        name: "orders".into(),
    })
    .unwrap();
    assert_err(
        f.eb.describe_event_bus(DescribeEventBusRequest {
            name: Some("orders".into()),
        }),
        "ResourceNotFoundException",
        "Event bus orders does not exist.",
    );
    // Deleting an unknown bus succeeds.
    f.eb.delete_event_bus(DeleteEventBusRequest {
        name: "orders".into(),
    })
    .unwrap();
}

#[test]
fn create_event_bus_errors() {
    let mut config = EventBridgeConfig::new(ACCOUNT, REGION);
    config.event_buses = 3;
    let f = fixture_with(config);
    f.bus("a");
    assert_err(
        f.eb.create_event_bus(CreateEventBusRequest {
            name: "a".into(),
            ..Default::default()
        }),
        "ResourceAlreadyExistsException",
        "Event bus a already exists.",
    );
    assert_err(
        f.eb.create_event_bus(CreateEventBusRequest {
            name: "default".into(),
            ..Default::default()
        }),
        "ResourceAlreadyExistsException",
        "Event bus default already exists.",
    );
    let (code, _) = err(f.eb.create_event_bus(CreateEventBusRequest {
        name: "a/b".into(),
        ..Default::default()
    }));
    assert_eq!(code, "ValidationException");
    let (code, _) = err(f.eb.create_event_bus(CreateEventBusRequest {
        name: "aws.partner/example.com/1/x".into(),
        event_source_name: Some("aws.partner/example.com/1/y".into()),
        ..Default::default()
    }));
    assert_eq!(code, "ValidationException");
    // A partner bus: the name is the event source name, and the source is offered to the account.
    f.eb.create_partner_event_source(
        evmatch_eventbridge::api::partner_event_sources::CreatePartnerEventSourceRequest {
            name: "aws.partner/example.com/1/x".into(),
            account: ACCOUNT.into(),
        },
    )
    .unwrap();
    f.eb.create_event_bus(CreateEventBusRequest {
        name: "aws.partner/example.com/1/x".into(),
        event_source_name: Some("aws.partner/example.com/1/x".into()),
        ..Default::default()
    })
    .unwrap();
    assert_err(
        f.eb.create_event_bus(CreateEventBusRequest {
            name: "c".into(),
            ..Default::default()
        }),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
    // Model constraints come first.
    let (code, msg) = err(f.eb.create_event_bus(CreateEventBusRequest {
        name: "bad name".into(),
        ..Default::default()
    }));
    assert_eq!(code, "ValidationException");
    assert!(msg.starts_with("1 validation error detected: Value 'bad name' at 'name'"));
}

#[test]
fn describe_and_update_unknown_bus() {
    let f = fixture();
    assert_err(
        f.eb.describe_event_bus(DescribeEventBusRequest {
            name: Some("nope".into()),
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
    assert_err(
        f.eb.update_event_bus(UpdateEventBusRequest {
            name: Some("nope".into()),
            description: Some("x".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
}

#[test]
fn delete_event_bus_errors() {
    let f = fixture();
    assert_err(
        f.eb.delete_event_bus(DeleteEventBusRequest {
            name: "default".into(),
        }),
        "ValidationException",
        "Cannot delete event bus default.",
    );
    f.bus("b");
    f.rule_on("b", "r", r#"{"source": ["x"]}"#);
    assert_err(
        f.eb.delete_event_bus(DeleteEventBusRequest { name: "b".into() }),
        "ValidationException",
        "EventBus can't be deleted since it has rules.",
    );
}

#[test]
fn list_event_buses_pages_and_prefix() {
    let f = fixture();
    for n in ["b1", "b2", "b3", "b4", "x1"] {
        f.bus(n);
    }
    let p1 =
        f.eb.list_event_buses(ListEventBusesRequest {
            limit: Some(3),
            ..Default::default()
        })
        .unwrap();
    let names = |v: Option<Vec<EventBus>>| -> Vec<String> {
        v.unwrap().into_iter().map(|b| b.name.unwrap()).collect()
    };
    assert_eq!(names(p1.event_buses), ["b1", "b2", "b3"]);
    let p2 =
        f.eb.list_event_buses(ListEventBusesRequest {
            limit: Some(5),
            next_token: p1.next_token,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(p2.event_buses), ["b4", "default", "x1"]);
    assert_eq!(p2.next_token, None);
    let p =
        f.eb.list_event_buses(ListEventBusesRequest {
            name_prefix: Some("b".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(p.event_buses), ["b1", "b2", "b3", "b4"]);
    assert_err(
        f.eb.list_event_buses(ListEventBusesRequest {
            next_token: Some("garbage".into()),
            ..Default::default()
        }),
        "ValidationException",
        "The NextToken is not valid.",
    );
}
