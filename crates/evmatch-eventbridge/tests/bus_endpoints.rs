//! Global endpoints: create, describe, list (prefix, home Region, paging), update, delete, with
//! their states, ids, URLs and errors.

mod common;
use common::*;
use evmatch_eventbridge::api::endpoints::*;

const EAST: &str = "arn:aws:events:us-east-1:111111111111:event-bus/orders";
const WEST: &str = "arn:aws:events:us-west-2:111111111111:event-bus/orders";
const ROLE: &str = "arn:aws:iam::111111111111:role/replication";
const HEALTH: &str = "arn:aws:route53:::healthcheck/abc-123";

fn create_req(name: &str) -> CreateEndpointRequest {
    CreateEndpointRequest {
        name: name.into(),
        description: Some("global orders".into()),
        routing_config: RoutingConfig {
            failover_config: FailoverConfig {
                primary: Primary {
                    health_check: HEALTH.into(),
                },
                secondary: Secondary {
                    route: "us-west-2".into(),
                },
            },
        },
        replication_config: None,
        event_buses: vec![
            EndpointEventBus {
                event_bus_arn: EAST.into(),
            },
            EndpointEventBus {
                event_bus_arn: WEST.into(),
            },
        ],
        role_arn: Some(ROLE.into()),
    }
}

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

fn describe(f: &Fixture, name: &str) -> DescribeEndpointResponse {
    f.eb.describe_endpoint(DescribeEndpointRequest {
        name: name.into(),
        home_region: None,
    })
    .unwrap()
}

#[test]
fn create_answers_creating_then_describe_is_active() {
    let f = fixture();
    let out = f.eb.create_endpoint(create_req("orders-global")).unwrap();
    assert_eq!(
        json(&out),
        serde_json::json!({
            "Name": "orders-global",
            "Arn": "arn:aws:events:us-east-1:111111111111:endpoint/orders-global",
            "RoutingConfig": {"FailoverConfig": {"Primary": {"HealthCheck": HEALTH}, "Secondary": {"Route": "us-west-2"}}},
            "ReplicationConfig": {"State": "ENABLED"},
            "EventBuses": [{"EventBusArn": EAST}, {"EventBusArn": WEST}],
            "RoleArn": ROLE,
            "State": "CREATING"
        })
    );
    let d = describe(&f, "orders-global");
    let id = d.endpoint_id.clone().unwrap();
    let re = regex::Regex::new(r"^[a-z0-9]{10}\.[a-z0-9]{3}$").unwrap();
    assert!(re.is_match(&id), "{id}");
    assert_eq!(
        json(&d),
        serde_json::json!({
            "Name": "orders-global",
            "Description": "global orders",
            "Arn": "arn:aws:events:us-east-1:111111111111:endpoint/orders-global",
            "RoutingConfig": {"FailoverConfig": {"Primary": {"HealthCheck": HEALTH}, "Secondary": {"Route": "us-west-2"}}},
            "ReplicationConfig": {"State": "ENABLED"},
            "EventBuses": [{"EventBusArn": EAST}, {"EventBusArn": WEST}],
            "RoleArn": ROLE,
            "EndpointId": id,
            "EndpointUrl": format!("https://{id}.endpoint.events.amazonaws.com"),
            "State": "ACTIVE",
            "CreationTime": T0,
            "LastModifiedTime": T0
        })
    );
    // A second endpoint gets another id.
    f.eb.create_endpoint(create_req("other")).unwrap();
    assert_ne!(describe(&f, "other").endpoint_id.unwrap(), id);
}

#[test]
fn create_errors() {
    let f = fixture();
    f.eb.create_endpoint(create_req("e")).unwrap();
    assert_err(
        f.eb.create_endpoint(create_req("e")),
        "ResourceAlreadyExistsException",
        "Endpoint e already exists.",
    );
    let mut same_region = create_req("x");
    same_region.event_buses[1].event_bus_arn = EAST.into();
    assert_err(
        f.eb.create_endpoint(same_region),
        "ValidationException",
        "Parameter EventBuses is not valid. Reason: The event buses must be in different Regions.",
    );
    let mut other_name = create_req("x");
    other_name.event_buses[1].event_bus_arn = WEST.replace("orders", "sales");
    assert_err(
        f.eb.create_endpoint(other_name),
        "ValidationException",
        "Parameter EventBuses is not valid. Reason: The event buses must have the same name.",
    );
    let mut not_here = create_req("x");
    not_here.event_buses[0].event_bus_arn = EAST.replace("us-east-1", "eu-west-1");
    assert_err(
        f.eb.create_endpoint(not_here),
        "ValidationException",
        "Parameter EventBuses is not valid. Reason: One of the event buses must be in the Region us-east-1.",
    );
    let mut wrong_route = create_req("x");
    wrong_route.routing_config.failover_config.secondary.route = "eu-west-1".into();
    assert_err(
        f.eb.create_endpoint(wrong_route),
        "ValidationException",
        "Parameter RoutingConfig is not valid. Reason: The secondary Region eu-west-1 must be the Region of the other event bus.",
    );
    let mut no_role = create_req("x");
    no_role.role_arn = None;
    assert_err(
        f.eb.create_endpoint(no_role.clone()),
        "ValidationException",
        "Parameter RoleArn is not valid. Reason: RoleArn is required when replication is enabled.",
    );
    no_role.replication_config = Some(ReplicationConfig {
        state: Some(ReplicationState::Disabled),
    });
    let out = f.eb.create_endpoint(no_role).unwrap();
    assert_eq!(
        json(&out.replication_config),
        serde_json::json!({"State": "DISABLED"})
    );
    assert_eq!(out.role_arn, None);
    // The model's constraints come first: exactly two buses.
    let mut one_bus = create_req("y");
    one_bus.event_buses.pop();
    let (code, msg) = err(f.eb.create_endpoint(one_bus));
    assert_eq!(code, "ValidationException");
    assert!(
        msg.starts_with("1 validation error detected: Value '[") && msg.contains("at 'eventBuses'"),
        "{msg}"
    );
}

#[test]
fn endpoint_limit_is_100() {
    let f = fixture();
    for i in 0..100 {
        f.eb.create_endpoint(create_req(&format!("e{i:03}")))
            .unwrap();
    }
    assert_err(
        f.eb.create_endpoint(create_req("one-more")),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
}

#[test]
fn describe_and_delete_unknown() {
    let f = fixture();
    assert_err(
        f.eb.describe_endpoint(DescribeEndpointRequest {
            name: "nope".into(),
            home_region: None,
        }),
        "ResourceNotFoundException",
        "Endpoint nope does not exist.",
    );
    assert_err(
        f.eb.delete_endpoint(DeleteEndpointRequest {
            name: "nope".into(),
        }),
        "ResourceNotFoundException",
        "Endpoint nope does not exist.",
    );
    assert_err(
        f.eb.update_endpoint(UpdateEndpointRequest {
            name: "nope".into(),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Endpoint nope does not exist.",
    );
    // An endpoint of another home Region is not here.
    f.eb.create_endpoint(create_req("e")).unwrap();
    assert_err(
        f.eb.describe_endpoint(DescribeEndpointRequest {
            name: "e".into(),
            home_region: Some("us-west-2".into()),
        }),
        "ResourceNotFoundException",
        "Endpoint e does not exist.",
    );
    assert!(
        f.eb.describe_endpoint(DescribeEndpointRequest {
            name: "e".into(),
            home_region: Some("us-east-1".into()),
        })
        .is_ok()
    );
    f.eb.delete_endpoint(DeleteEndpointRequest { name: "e".into() })
        .unwrap();
    assert_eq!(
        err(f.eb.describe_endpoint(DescribeEndpointRequest {
            name: "e".into(),
            home_region: None,
        }))
        .0,
        "ResourceNotFoundException"
    );
}

#[test]
fn list_filters_and_pages() {
    let f = fixture();
    for name in ["b-1", "a-1", "b-2", "b-3"] {
        f.eb.create_endpoint(create_req(name)).unwrap();
    }
    let names = |out: &ListEndpointsResponse| -> Vec<String> {
        out.endpoints
            .iter()
            .flatten()
            .map(|e| e.name.clone().unwrap())
            .collect()
    };
    let all =
        f.eb.list_endpoints(ListEndpointsRequest::default())
            .unwrap();
    assert_eq!(names(&all), ["a-1", "b-1", "b-2", "b-3"]);
    assert_eq!(all.next_token, None);
    // Items have the whole description, ACTIVE.
    let first = &all.endpoints.as_ref().unwrap()[0];
    assert_eq!(first.state, Some(EndpointState::Active));
    assert_eq!(
        first.endpoint_url.as_deref(),
        Some(
            format!(
                "https://{}.endpoint.events.amazonaws.com",
                first.endpoint_id.as_deref().unwrap()
            )
            .as_str()
        )
    );
    let page1 =
        f.eb.list_endpoints(ListEndpointsRequest {
            name_prefix: Some("b-".into()),
            max_results: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(&page1), ["b-1", "b-2"]);
    let token = page1.next_token.clone().unwrap();
    let page2 =
        f.eb.list_endpoints(ListEndpointsRequest {
            name_prefix: Some("b-".into()),
            max_results: Some(2),
            next_token: Some(token.clone()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(&page2), ["b-3"]);
    assert_eq!(page2.next_token, None);
    assert_err(
        f.eb.list_endpoints(ListEndpointsRequest {
            next_token: Some(token),
            ..Default::default()
        }),
        "ValidationException",
        "The NextToken is not valid.",
    );
    let west =
        f.eb.list_endpoints(ListEndpointsRequest {
            home_region: Some("us-west-2".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(&west), Vec::<String>::new());
    let east =
        f.eb.list_endpoints(ListEndpointsRequest {
            home_region: Some("us-east-1".into()),
            name_prefix: Some("a".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(&east), ["a-1"]);
}

#[test]
fn update_answers_updating_and_keeps_id() {
    let f = fixture();
    f.eb.create_endpoint(create_req("e")).unwrap();
    let before = describe(&f, "e");
    f.clock.advance(60);
    let out =
        f.eb.update_endpoint(UpdateEndpointRequest {
            name: "e".into(),
            description: Some("new".into()),
            replication_config: Some(ReplicationConfig {
                state: Some(ReplicationState::Disabled),
            }),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(out.state, Some(EndpointState::Updating));
    assert_eq!(out.endpoint_id, before.endpoint_id);
    assert_eq!(out.endpoint_url, before.endpoint_url);
    assert_eq!(
        json(&out.replication_config),
        serde_json::json!({"State": "DISABLED"})
    );
    let after = describe(&f, "e");
    assert_eq!(after.state, Some(EndpointState::Active));
    assert_eq!(after.description.as_deref(), Some("new"));
    assert_eq!(after.creation_time, Some(Timestamp::from_secs(T0)));
    assert_eq!(
        after.last_modified_time,
        Some(Timestamp::from_secs(T0 + 60))
    );
    // The result is checked as a whole: new buses must still pair up with the route.
    let mut buses = create_req("e").event_buses;
    buses[1].event_bus_arn = WEST.replace("us-west-2", "eu-west-1");
    assert_err(
        f.eb.update_endpoint(UpdateEndpointRequest {
            name: "e".into(),
            event_buses: Some(buses),
            ..Default::default()
        }),
        "ValidationException",
        "Parameter RoutingConfig is not valid. Reason: The secondary Region us-west-2 must be the Region of the other event bus.",
    );
    assert_eq!(describe(&f, "e").event_buses, after.event_buses);
}
