//! Deliveries wired to the bus: a connection and an API destination created through the bus
//! operations, a rule whose target is that destination, PutEvents — and what the loopback
//! server received and the log says, byte for byte.

mod loopback;

use std::collections::BTreeMap;
use std::sync::Arc;

use evmatch_eventbridge::api::Timestamp;
use evmatch_eventbridge::api::api_destinations::{
    ApiDestinationHttpMethod, CreateApiDestinationRequest,
};
use evmatch_eventbridge::api::connections::*;
use evmatch_eventbridge::api::events::{PutEventsRequest, PutEventsRequestEntry};
use evmatch_eventbridge::api::rules::PutRuleRequest;
use evmatch_eventbridge::api::targets::{
    HttpParameters, InputTransformer, PutTargetsRequest, Target,
};
use evmatch_eventbridge::bus::{EventBridge, EventBridgeConfig, ManualClock, SequentialIds};
use evmatch_server::deliveries::{Deliveries, DeliveriesConfig, LogOutput};
use loopback::Loopback;

fn put_event(bus: &EventBridge, n: u32) {
    bus.put_events(PutEventsRequest {
        entries: vec![PutEventsRequestEntry {
            source: Some("shop".into()),
            detail_type: Some("order".into()),
            detail: Some(format!(r#"{{"order":"o-{n}","total":{n}.5}}"#)),
            ..Default::default()
        }],
        ..Default::default()
    })
    .unwrap();
}

#[test]
fn an_api_destination_target_of_a_rule_is_called_with_the_transformed_event() {
    let server = Loopback::ok();
    let clock = Arc::new(ManualClock::new(Timestamp::from_secs(1_796_655_600))); // 2026-12-07T15:00:00Z
    let bus = Arc::new(EventBridge::build(
        EventBridgeConfig::default(),
        clock.clone(),
        Arc::new(SequentialIds::new()),
    ));
    let deliveries = Deliveries::new(
        DeliveriesConfig::new(LogOutput::Memory)
            .with_clock(clock.clone())
            .with_bus(&bus),
    );
    bus.set_default_sink(deliveries.clone());

    let connection_arn = bus
        .create_connection(CreateConnectionRequest {
            name: "crm".into(),
            description: None,
            authorization_type: ConnectionAuthorizationType::ApiKey,
            auth_parameters: CreateConnectionAuthRequestParameters {
                api_key_auth_parameters: Some(CreateConnectionApiKeyAuthRequestParameters {
                    api_key_name: "x-api-key".into(),
                    api_key_value: "key-s3cret".into(),
                }),
                invocation_http_parameters: Some(ConnectionHttpParameters {
                    header_parameters: Some(vec![ConnectionHeaderParameter {
                        key: Some("x-signature".into()),
                        value: Some("header-s3cret".into()),
                        is_value_secret: Some(true),
                    }]),
                    ..Default::default()
                }),
                ..Default::default()
            },
            invocation_connectivity_parameters: None,
            kms_key_identifier: None,
        })
        .unwrap()
        .connection_arn
        .unwrap();
    let destination_arn = bus
        .create_api_destination(CreateApiDestinationRequest {
            name: "orders".into(),
            description: None,
            connection_arn,
            invocation_endpoint: server.url("/orders/*"),
            http_method: ApiDestinationHttpMethod::Post,
            invocation_rate_limit_per_second: Some(10),
        })
        .unwrap()
        .api_destination_arn
        .unwrap();
    bus.put_rule(PutRuleRequest {
        name: "orders".into(),
        event_pattern: Some(r#"{"source":["shop"]}"#.into()),
        ..Default::default()
    })
    .unwrap();
    bus.put_targets(PutTargetsRequest {
        rule: "orders".into(),
        targets: vec![Target {
            id: "crm".into(),
            arn: destination_arn.clone(),
            role_arn: Some("arn:aws:iam::123456789012:role/invoke".into()),
            input_transformer: Some(InputTransformer {
                input_paths_map: Some(BTreeMap::from([("o".into(), "$.detail.order".into())])),
                input_template: r#"{"order": <o>}"#.into(),
            }),
            http_parameters: Some(HttpParameters {
                path_parameter_values: Some(vec!["new".into()]),
                header_parameters: Some(BTreeMap::from([("x-source".into(), "evmatch".into())])),
                query_string_parameters: Some(BTreeMap::from([("v".into(), "2".into())])),
            }),
            ..Default::default()
        }],
        ..Default::default()
    })
    .unwrap();

    put_event(&bus, 1);
    assert!(deliveries.wait_idle(std::time::Duration::from_secs(20)));
    let got = server.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].request_line, "POST /orders/new?v=2 HTTP/1.1");
    assert_eq!(got[0].header("x-api-key"), Some("key-s3cret"));
    assert_eq!(got[0].header("x-signature"), Some("header-s3cret"));
    assert_eq!(got[0].header("x-source"), Some("evmatch"));
    assert_eq!(got[0].body, r#"{"order": "o-1"}"#);
    assert_eq!(
        deliveries.since(0),
        [format!(
            r#"{{"seq":1,"time":"2026-12-07T15:00:00Z","event_bus":"default","rule":"arn:aws:events:us-east-1:123456789012:rule/orders","target":"{destination_arn}","target_id":"crm","event_id":"00000000-0000-4000-8000-000000000004","payload":"{{\"order\": \"o-1\"}}","attempts":1,"outcome":"delivered","status":200}}"#
        )]
    );

    // A deauthorized connection makes its destination unusable: no call, a failed record.
    bus.deauthorize_connection(DeauthorizeConnectionRequest { name: "crm".into() })
        .unwrap();
    put_event(&bus, 2);
    assert!(deliveries.wait_idle(std::time::Duration::from_secs(20)));
    assert_eq!(server.received().len(), 1);
    let last = deliveries.since(1);
    assert_eq!(last.len(), 1);
    assert!(
        last[0].ends_with(r#""attempts":0,"outcome":"failed","error":"API destination not found or its connection is not authorized"}"#),
        "{}",
        last[0]
    );
    deliveries.shutdown(std::time::Duration::from_secs(1));
}
