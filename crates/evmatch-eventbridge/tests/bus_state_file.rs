//! The state file: a service with every kind of resource is saved and restored, and every List
//! and Describe answer is the same afterwards; the restored service goes on working (matching,
//! archiving, schedules); text that is not a state file of this build is a clear error.

mod common;
use common::*;
use evmatch_eventbridge::api::api_destinations::*;
use evmatch_eventbridge::api::connections::*;
use evmatch_eventbridge::api::endpoints::*;
use evmatch_eventbridge::api::partner_event_sources::*;
use evmatch_eventbridge::bus::SequentialIds;
use serde_json::{Value as Json, json};

const SRC: &str = "aws.partner/example.com/123/orders";

fn to_json<T: serde::Serialize>(v: T) -> Json {
    serde_json::to_value(v).unwrap()
}

#[track_caller]
fn ok<T: serde::Serialize>(r: Result<T, Error>) -> Json {
    to_json(r.unwrap())
}

fn endpoint_req(name: &str) -> CreateEndpointRequest {
    CreateEndpointRequest {
        name: name.into(),
        description: Some("global".into()),
        routing_config: RoutingConfig {
            failover_config: FailoverConfig {
                primary: Primary {
                    health_check: "arn:aws:route53:::healthcheck/abc".into(),
                },
                secondary: Secondary {
                    route: "us-west-2".into(),
                },
            },
        },
        replication_config: Some(ReplicationConfig {
            state: Some(ReplicationState::Disabled),
        }),
        event_buses: vec![
            EndpointEventBus {
                event_bus_arn: "arn:aws:events:us-east-1:111111111111:event-bus/orders".into(),
            },
            EndpointEventBus {
                event_bus_arn: "arn:aws:events:us-west-2:111111111111:event-bus/orders".into(),
            },
        ],
        role_arn: None,
    }
}

fn connection_req(
    name: &str,
    auth: CreateConnectionAuthRequestParameters,
) -> CreateConnectionRequest {
    let authorization_type = if auth.api_key_auth_parameters.is_some() {
        ConnectionAuthorizationType::ApiKey
    } else if auth.basic_auth_parameters.is_some() {
        ConnectionAuthorizationType::Basic
    } else {
        ConnectionAuthorizationType::OauthClientCredentials
    };
    CreateConnectionRequest {
        name: name.into(),
        description: Some(format!("{name} connection")),
        authorization_type,
        auth_parameters: auth,
        invocation_connectivity_parameters: None,
        kms_key_identifier: None,
    }
}

/// Connections of the three kinds (one deauthorized, secrets in parameters) and two API
/// destinations.
fn add_connections(eb: &EventBridge) -> Vec<String> {
    let secret_header = ConnectionHttpParameters {
        header_parameters: Some(vec![
            ConnectionHeaderParameter {
                key: Some("x-tenant".into()),
                value: Some("shop".into()),
                is_value_secret: Some(false),
            },
            ConnectionHeaderParameter {
                key: Some("x-token".into()),
                value: Some("header-s3cret".into()),
                is_value_secret: Some(true),
            },
        ]),
        ..Default::default()
    };
    let key = eb
        .create_connection(connection_req(
            "crm",
            CreateConnectionAuthRequestParameters {
                api_key_auth_parameters: Some(CreateConnectionApiKeyAuthRequestParameters {
                    api_key_name: "x-api-key".into(),
                    api_key_value: "key-s3cret".into(),
                }),
                invocation_http_parameters: Some(secret_header),
                ..Default::default()
            },
        ))
        .unwrap();
    eb.create_connection(connection_req(
        "basic",
        CreateConnectionAuthRequestParameters {
            basic_auth_parameters: Some(CreateConnectionBasicAuthRequestParameters {
                username: "alice".into(),
                password: "pa55word".into(),
            }),
            ..Default::default()
        },
    ))
    .unwrap();
    let oauth = eb
        .create_connection(connection_req(
            "idp",
            CreateConnectionAuthRequestParameters {
                o_auth_parameters: Some(CreateConnectionOAuthRequestParameters {
                    client_parameters: CreateConnectionOAuthClientRequestParameters {
                        client_id: "client-1".into(),
                        client_secret: "client-s3cret".into(),
                    },
                    authorization_endpoint: "https://auth.example.com/token".into(),
                    http_method: ConnectionOAuthHttpMethod::Post,
                    o_auth_http_parameters: None,
                }),
                ..Default::default()
            },
        ))
        .unwrap();
    eb.deauthorize_connection(DeauthorizeConnectionRequest {
        name: "basic".into(),
    })
    .unwrap();
    let mut arns = Vec::new();
    for (name, conn, rate) in [
        ("orders-api", key.connection_arn.unwrap(), Some(10)),
        ("token-api", oauth.connection_arn.unwrap(), None),
    ] {
        let out = eb
            .create_api_destination(CreateApiDestinationRequest {
                name: name.into(),
                description: Some("calls out".into()),
                connection_arn: conn,
                invocation_endpoint: "https://api.example.com/orders/*".into(),
                http_method: ApiDestinationHttpMethod::Post,
                invocation_rate_limit_per_second: rate,
            })
            .unwrap();
        arns.push(out.api_destination_arn.unwrap());
    }
    arns
}

/// A service with buses (policy, tags, description, dead-letter, KMS, log), rules (pattern,
/// schedule, disabled, tags, targets with transformer/retry/dead-letter), archives with
/// events, replays (completed and starting), schedule progress, endpoints and partner sources.
fn populated() -> Fixture {
    let f = fixture();
    // Instants with nanoseconds must come back exactly.
    f.clock.set(Timestamp::from_secs_and_nanos(T0, 123_456_789));
    let eb = &f.eb;
    eb.create_event_bus(CreateEventBusRequest {
        name: "orders".into(),
        description: Some("the orders".into()),
        kms_key_identifier: Some("alias/orders".into()),
        dead_letter_config: Some(DeadLetterConfig {
            arn: Some("arn:aws:sqs:us-east-1:111111111111:dlq".into()),
        }),
        log_config: Some(LogConfig {
            include_detail: Some(IncludeDetail::Full),
            level: Some(Level::Info),
        }),
        tags: Some(vec![Tag {
            key: "team".into(),
            value: "shop".into(),
        }]),
        ..Default::default()
    })
    .unwrap();
    eb.put_permission(PutPermissionRequest {
        event_bus_name: Some("orders".into()),
        action: Some("events:PutEvents".into()),
        principal: Some("222222222222".into()),
        statement_id: Some("partner".into()),
        ..Default::default()
    })
    .unwrap();
    f.rule_on(
        "orders",
        "big",
        r#"{"detail": {"total": [{"numeric": [">", 100]}]}}"#,
    );
    f.target_on(
        Some("orders"),
        "big",
        Target {
            id: "t1".into(),
            arn: QUEUE.into(),
            input_transformer: Some(InputTransformer {
                input_paths_map: Some(BTreeMap::from([("t".into(), "$.detail.total".into())])),
                input_template: r#"{"total": <t>}"#.into(),
            }),
            retry_policy: Some(RetryPolicy {
                maximum_retry_attempts: Some(3),
                maximum_event_age_in_seconds: Some(600),
            }),
            dead_letter_config: Some(DeadLetterConfig {
                arn: Some("arn:aws:sqs:us-east-1:111111111111:dlq".into()),
            }),
            ..Default::default()
        },
    );
    eb.tag_resource(TagResourceRequest {
        resource_arn: eb.rule_arn("orders", "big"),
        tags: vec![Tag {
            key: "k".into(),
            value: "v".into(),
        }],
    })
    .unwrap();
    f.rule_with_target("shop", r#"{"source": ["shop"]}"#);
    eb.put_rule(PutRuleRequest {
        name: "off".into(),
        event_pattern: Some(r#"{"source": ["x"]}"#.into()),
        state: Some(RuleState::Disabled),
        description: Some("disabled".into()),
        ..Default::default()
    })
    .unwrap();
    eb.put_rule(PutRuleRequest {
        name: "every-minute".into(),
        schedule_expression: Some("rate(1 minute)".into()),
        ..Default::default()
    })
    .unwrap();
    f.target("every-minute", target("s", QUEUE2));
    f.archive("all", Some(r#"{"source": ["shop", "replayed"]}"#));
    eb.create_archive(CreateArchiveRequest {
        archive_name: "kept".into(),
        event_source_arn: DEFAULT_BUS_ARN.into(),
        retention_days: Some(7),
        description: Some("a week".into()),
        ..Default::default()
    })
    .unwrap();
    f.put_at("shop", 1);
    f.put_at("shop", 2);
    f.put_at("other", 3);
    f.clock.advance(120);
    eb.tick(eb.now());
    f.start("done", "all", 0, 10).unwrap();
    eb.tick(eb.now());
    f.start("waiting", "all", 0, 10).unwrap();
    eb.create_endpoint(endpoint_req("ep-1")).unwrap();
    eb.create_endpoint(endpoint_req("ep-2")).unwrap();
    for (name, account) in [
        (SRC, ACCOUNT),
        ("aws.partner/example.com/123/pending", ACCOUNT),
        ("aws.partner/example.com/123/theirs", "222222222222"),
    ] {
        eb.create_partner_event_source(CreatePartnerEventSourceRequest {
            name: name.into(),
            account: account.into(),
        })
        .unwrap();
    }
    eb.create_event_bus(CreateEventBusRequest {
        name: SRC.into(),
        event_source_name: Some(SRC.into()),
        ..Default::default()
    })
    .unwrap();
    add_connections(eb);
    f.take();
    f
}

/// Every List and Describe answer of `eb`, as JSON.
fn answers(eb: &EventBridge) -> Vec<(String, Json)> {
    let mut out = Vec::new();
    let mut push = |what: String, v: Json| out.push((what, v));
    let buses = eb
        .list_event_buses(ListEventBusesRequest::default())
        .unwrap();
    push("ListEventBuses".into(), to_json(&buses));
    for bus in buses.event_buses.unwrap() {
        let name = bus.name.unwrap();
        let arn = bus.arn.unwrap();
        push(
            format!("DescribeEventBus {name}"),
            ok(eb.describe_event_bus(DescribeEventBusRequest {
                name: Some(name.clone()),
            })),
        );
        push(
            format!("ListTagsForResource {arn}"),
            ok(eb.list_tags_for_resource(ListTagsForResourceRequest { resource_arn: arn })),
        );
        let rules = eb
            .list_rules(ListRulesRequest {
                event_bus_name: Some(name.clone()),
                ..Default::default()
            })
            .unwrap();
        push(format!("ListRules {name}"), to_json(&rules));
        for rule in rules.rules.unwrap() {
            let r = rule.name.unwrap();
            push(
                format!("DescribeRule {name} {r}"),
                ok(eb.describe_rule(DescribeRuleRequest {
                    name: r.clone(),
                    event_bus_name: Some(name.clone()),
                })),
            );
            push(
                format!("ListTargetsByRule {name} {r}"),
                ok(eb.list_targets_by_rule(ListTargetsByRuleRequest {
                    rule: r.clone(),
                    event_bus_name: Some(name.clone()),
                    ..Default::default()
                })),
            );
            push(
                format!("ListTagsForResource {r}"),
                ok(eb.list_tags_for_resource(ListTagsForResourceRequest {
                    resource_arn: rule.arn.unwrap(),
                })),
            );
        }
    }
    for q in [QUEUE, QUEUE2] {
        push(
            format!("ListRuleNamesByTarget {q}"),
            ok(eb.list_rule_names_by_target(ListRuleNamesByTargetRequest {
                target_arn: q.into(),
                ..Default::default()
            })),
        );
    }
    let archives = eb.list_archives(ListArchivesRequest::default()).unwrap();
    push("ListArchives".into(), to_json(&archives));
    for a in archives.archives.unwrap() {
        let name = a.archive_name.unwrap();
        push(
            format!("DescribeArchive {name}"),
            ok(eb.describe_archive(DescribeArchiveRequest { archive_name: name })),
        );
    }
    let replays = eb.list_replays(ListReplaysRequest::default()).unwrap();
    push("ListReplays".into(), to_json(&replays));
    for r in replays.replays.unwrap() {
        let name = r.replay_name.unwrap();
        push(
            format!("DescribeReplay {name}"),
            ok(eb.describe_replay(DescribeReplayRequest { replay_name: name })),
        );
    }
    let endpoints = eb.list_endpoints(ListEndpointsRequest::default()).unwrap();
    push("ListEndpoints".into(), to_json(&endpoints));
    for e in endpoints.endpoints.unwrap() {
        push(
            "DescribeEndpoint".into(),
            ok(eb.describe_endpoint(DescribeEndpointRequest {
                name: e.name.unwrap(),
                home_region: None,
            })),
        );
    }
    let sources = eb
        .list_event_sources(ListEventSourcesRequest::default())
        .unwrap();
    push("ListEventSources".into(), to_json(&sources));
    for s in sources.event_sources.unwrap() {
        let name = s.name.unwrap();
        push(
            format!("DescribeEventSource {name}"),
            ok(eb.describe_event_source(DescribeEventSourceRequest { name: name.clone() })),
        );
    }
    let partner = eb
        .list_partner_event_sources(ListPartnerEventSourcesRequest {
            name_prefix: "aws.partner/example.com/".into(),
            ..Default::default()
        })
        .unwrap();
    push("ListPartnerEventSources".into(), to_json(&partner));
    for s in partner.partner_event_sources.unwrap() {
        let name = s.name.unwrap();
        push(
            format!("DescribePartnerEventSource {name}"),
            ok(
                eb.describe_partner_event_source(DescribePartnerEventSourceRequest {
                    name: name.clone(),
                }),
            ),
        );
        push(
            format!("ListPartnerEventSourceAccounts {name}"),
            ok(
                eb.list_partner_event_source_accounts(ListPartnerEventSourceAccountsRequest {
                    event_source_name: name,
                    ..Default::default()
                }),
            ),
        );
    }
    let connections = eb
        .list_connections(ListConnectionsRequest::default())
        .unwrap();
    push("ListConnections".into(), to_json(&connections));
    for c in connections.connections.unwrap() {
        push(
            "DescribeConnection".into(),
            ok(eb.describe_connection(DescribeConnectionRequest {
                name: c.name.unwrap(),
            })),
        );
    }
    let destinations = eb
        .list_api_destinations(ListApiDestinationsRequest::default())
        .unwrap();
    push("ListApiDestinations".into(), to_json(&destinations));
    for d in destinations.api_destinations.unwrap() {
        let name = d.name.unwrap();
        push(
            format!("DescribeApiDestination {name}"),
            ok(eb.describe_api_destination(DescribeApiDestinationRequest { name })),
        );
    }
    out
}

fn restore(f: &Fixture, text: &str) -> EventBridge {
    EventBridge::restore_state_with(
        EventBridgeConfig::new(ACCOUNT, REGION),
        f.clock.clone(),
        Arc::new(SequentialIds::new()),
        text,
    )
    .unwrap()
}

#[test]
fn every_answer_survives_a_round_trip() {
    let f = populated();
    let before = answers(&f.eb);
    // The fixture really holds every kind of resource.
    let kinds: Vec<&str> = before
        .iter()
        .map(|(w, _)| w.split(' ').next().unwrap())
        .collect();
    for kind in [
        "DescribeEventBus",
        "DescribeRule",
        "ListTargetsByRule",
        "DescribeArchive",
        "DescribeReplay",
        "DescribeEndpoint",
        "DescribeEventSource",
        "DescribePartnerEventSource",
        "DescribeConnection",
        "DescribeApiDestination",
    ] {
        assert!(kinds.contains(&kind), "no {kind}");
    }
    let text = f.eb.save_state();
    let v: Json = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 1);
    let restored = restore(&f, &text);
    let after = answers(&restored);
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a);
    }
    // Saving again gives the same text.
    assert_eq!(restored.save_state(), text);
    // Secrets survive (the outbound caller needs them), and stay out of every answer.
    let destinations =
        f.eb.list_api_destinations(ListApiDestinationsRequest::default())
            .unwrap()
            .api_destinations
            .unwrap();
    assert_eq!(destinations.len(), 2);
    for d in destinations {
        let arn = d.api_destination_arn.unwrap();
        let resolved = f.eb.resolve_api_destination(&arn);
        assert!(resolved.is_some(), "{arn}");
        assert_eq!(restored.resolve_api_destination(&arn), resolved);
    }
    assert!(text.contains("key-s3cret") && text.contains("client-s3cret"));
    assert!(text.contains("header-s3cret"));
    for (what, answer) in &after {
        let answer = answer.to_string();
        for secret in ["key-s3cret", "pa55word", "client-s3cret", "header-s3cret"] {
            assert!(!answer.contains(secret), "{what}: {answer}");
        }
    }
    // Spot checks of what the answers hold.
    let find = |what: &str| &before.iter().find(|(w, _)| w == what).unwrap().1;
    let created = |eb: &EventBridge| {
        eb.describe_event_bus(DescribeEventBusRequest {
            name: Some("orders".into()),
        })
        .unwrap()
        .creation_time
    };
    assert_eq!(
        created(&restored),
        Some(Timestamp::from_secs_and_nanos(T0, 123_456_789))
    );
    assert_eq!(created(&restored), created(&f.eb));
    assert_eq!(find("DescribeArchive all")["EventCount"], 2);
    assert_eq!(find("DescribeReplay done")["State"], "COMPLETED");
    assert_eq!(find("DescribeReplay waiting")["State"], "STARTING");
    assert_eq!(
        find(&format!("DescribeEventSource {SRC}"))["State"],
        "ACTIVE"
    );
    assert_eq!(
        find("DescribeEventBus orders")["Policy"],
        json!(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:111111111111:event-bus/orders"}]}"#
        )
    );
}

#[test]
fn the_restored_service_goes_on() {
    let f = populated();
    let restored = restore(&f, &f.eb.save_state());
    let log = Arc::new(Mutex::new(Vec::new()));
    restored.set_default_sink(Arc::new(Recorder {
        log: log.clone(),
        failures: Arc::new(Mutex::new(Vec::new())),
    }));
    // Matching: the transformer of a restored target.
    restored
        .put_events(PutEventsRequest {
            entries: vec![on_bus(entry("shop", r#"{"total": 150}"#), "orders")],
            endpoint_id: None,
        })
        .unwrap();
    let got: Vec<(String, String)> = log
        .lock()
        .unwrap()
        .drain(..)
        .map(|d| (d.rule_name, d.payload))
        .collect();
    assert_eq!(got, [("big".to_string(), r#"{"total": 150}"#.to_string())]);
    // Archiving continues where it was.
    restored
        .put_events(PutEventsRequest {
            entries: vec![entry("shop", "{}")],
            endpoint_id: None,
        })
        .unwrap();
    let count = restored
        .describe_archive(DescribeArchiveRequest {
            archive_name: "all".into(),
        })
        .unwrap()
        .event_count;
    assert_eq!(count, Some(3));
    log.lock().unwrap().clear();
    // The schedule does not fire again for instants it already handled, and fires for new ones.
    let fired = restored.tick(restored.now());
    assert!(fired.is_empty(), "{fired:?}");
    f.clock.advance(60);
    let fired = restored.tick(restored.now());
    assert_eq!(fired.len(), 1);
    // The waiting replay runs on the restored service.
    assert_eq!(
        restored
            .describe_replay(DescribeReplayRequest {
                replay_name: "waiting".into()
            })
            .unwrap()
            .state,
        Some(ReplayState::Completed)
    );
}

#[track_caller]
fn refused(text: &str) -> String {
    match EventBridge::restore_state(EventBridgeConfig::new(ACCOUNT, REGION), text) {
        Ok(_) => panic!("restored {text:?}"),
        Err(e) => {
            assert_eq!(e.code().as_str(), "ValidationException");
            let msg = e.to_string();
            assert!(msg.starts_with("The state file is not valid: "), "{msg}");
            msg
        }
    }
}

#[test]
fn bad_files_are_clear_errors() {
    let f = populated();
    let text = f.eb.save_state();
    assert_eq!(
        refused(r#"{"version": 2, "buses": []}"#),
        "The state file is not valid: version 2 is not supported (this build reads version 1)."
    );
    refused("");
    refused("not json");
    refused("[]");
    refused(r#"{"version": 1}"#);
    refused(r#"{"version": "1"}"#);
    let other = EventBridge::restore_state(EventBridgeConfig::new("999999999999", REGION), &text)
        .unwrap_err();
    assert_eq!(
        other.to_string(),
        "The state file is not valid: it was saved for account 111111111111 in us-east-1 (aws), not account 999999999999 in us-east-1 (aws)."
    );
    // A pattern the engine refuses.
    let bad_pattern = text.replace(
        r#""event_pattern":"{\"source\": [\"shop\"]}""#,
        r#""event_pattern":"{\"source\": \"shop\"}""#,
    );
    assert_ne!(bad_pattern, text);
    let msg = refused(&bad_pattern);
    assert!(msg.contains("rule shop: "), "{msg}");
    // An instant out of range, an unknown member.
    let t0 = format!("\"creation_time\":[{T0},0]");
    assert!(text.contains(&t0));
    let msg = refused(&text.replacen(&t0, "\"creation_time\":[99999999999999,0]", 1));
    assert!(
        msg.contains("[99999999999999, 0] is not an instant"),
        "{msg}"
    );
    let msg = refused(&text.replacen(&t0, &format!("\"creation_time\":[{T0},1000000000]"), 1));
    assert!(msg.contains("is not an instant"), "{msg}");
    refused(&text.replacen("{\"version\":1,", "{\"version\":1,\"extra\":0,", 1));
    // Every cut of a real file is refused, never a panic.
    for end in (0..text.len()).step_by(37) {
        if text.is_char_boundary(end) {
            refused(&text[..end]);
        }
    }
}

#[test]
fn flipped_bytes_never_panic() {
    let f = populated();
    let text = f.eb.save_state();
    let bytes = text.as_bytes();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..300 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut b = bytes.to_vec();
        let at = (seed as usize) % b.len();
        b[at] = b"0:,[]{}\"x9-"[(seed >> 32) as usize % 11];
        if let Ok(t) = std::str::from_utf8(&b) {
            let _ = EventBridge::restore_state(EventBridgeConfig::new(ACCOUNT, REGION), t);
        }
    }
}
