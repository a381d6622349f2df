//! API destinations of the in-process EventBridge: the answers of every operation as JSON, the
//! state following the connection (ACTIVE / INACTIVE), listing with filters and paging, every
//! operation's AWS errors, and `resolve_api_destination` with the connection's secrets.

mod common;

use common::*;
use evmatch_eventbridge::api::api_destinations::*;
use evmatch_eventbridge::api::connections::*;
use evmatch_eventbridge::bus::{ConnectionAuth, ResolvedApiDestination, ResolvedConnection};
use serde_json::{Value, json};

const T: i64 = T0;
/// The first connection of a fixture (ids 1 and 2 go to its ARN and secret).
const CONN: &str =
    "arn:aws:events:us-east-1:111111111111:connection/crm/00000000-0000-4000-8000-000000000001";
/// The first destination after that connection.
const DEST: &str = "arn:aws:events:us-east-1:111111111111:api-destination/orders/00000000-0000-4000-8000-000000000003";

fn to_json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

fn connection(f: &Fixture, name: &str) -> String {
    f.eb.create_connection(CreateConnectionRequest {
        name: name.into(),
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
    .unwrap()
}

fn request(name: &str, connection_arn: &str) -> CreateApiDestinationRequest {
    CreateApiDestinationRequest {
        name: name.into(),
        description: None,
        connection_arn: connection_arn.into(),
        invocation_endpoint: "https://crm.example.com/orders/*".into(),
        http_method: ApiDestinationHttpMethod::Post,
        invocation_rate_limit_per_second: None,
    }
}

fn describe(f: &Fixture, name: &str) -> Value {
    to_json(
        &f.eb
            .describe_api_destination(DescribeApiDestinationRequest { name: name.into() })
            .unwrap(),
    )
}

fn state(f: &Fixture, name: &str) -> Value {
    describe(f, name)["ApiDestinationState"].clone()
}

#[test]
fn create_and_describe() {
    let f = fixture();
    assert_eq!(connection(&f, "crm"), CONN);
    f.clock.advance(2);
    let out =
        f.eb.create_api_destination(request("orders", CONN))
            .unwrap();
    assert_eq!(
        to_json(&out),
        json!({
            "ApiDestinationArn": DEST,
            "ApiDestinationState": "ACTIVE",
            "CreationTime": T + 2,
            "LastModifiedTime": T + 2,
        })
    );
    assert_eq!(
        describe(&f, "orders"),
        json!({
            "ApiDestinationArn": DEST,
            "Name": "orders",
            "ApiDestinationState": "ACTIVE",
            "ConnectionArn": CONN,
            "InvocationEndpoint": "https://crm.example.com/orders/*",
            "HttpMethod": "POST",
            "InvocationRateLimitPerSecond": 300,
            "CreationTime": T + 2,
            "LastModifiedTime": T + 2,
        })
    );
    // A plain-HTTP endpoint (a local server) is accepted too.
    let mut local = request("local", CONN);
    local.invocation_endpoint = "http://127.0.0.1:8080/hook".into();
    local.description = Some("loopback".into());
    local.invocation_rate_limit_per_second = Some(7);
    f.eb.create_api_destination(local).unwrap();
    let d = describe(&f, "local");
    assert_eq!(d["Description"], "loopback");
    assert_eq!(d["InvocationRateLimitPerSecond"], 7);
}

#[test]
fn create_errors() {
    let mut config = EventBridgeConfig::new(ACCOUNT, REGION);
    config.api_destinations = 1;
    let f = fixture_with(config);
    connection(&f, "crm");
    f.eb.create_api_destination(request("orders", CONN))
        .unwrap();
    assert_err(
        f.eb.create_api_destination(request("orders", CONN)),
        "ResourceAlreadyExistsException",
        "An api-destination 'orders' already exists.",
    );
    assert_err(
        f.eb.create_api_destination(request("other", CONN)),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
    assert_err(
        f.eb.create_api_destination(request(
            "other",
            "arn:aws:events:us-east-1:111111111111:connection/nope/1234",
        )),
        "ResourceNotFoundException",
        "Failed to describe the connection(s). Connection 'nope' does not exist.",
    );
    // The name alone is not enough: an ARN of an earlier connection of that name is unknown.
    assert_err(
        f.eb.create_api_destination(request(
            "other",
            "arn:aws:events:us-east-1:111111111111:connection/crm/00000000-0000-4000-8000-00000000ffff",
        )),
        "ResourceNotFoundException",
        "Failed to describe the connection(s). Connection 'crm' does not exist.",
    );
    let mut zero = request("other", CONN);
    zero.invocation_rate_limit_per_second = Some(0);
    assert_err(
        f.eb.create_api_destination(zero),
        "ValidationException",
        "1 validation error detected: Value '0' at 'invocationRateLimitPerSecond' failed to \
         satisfy constraint: Member must have value greater than or equal to 1",
    );
    assert_err(
        f.eb.create_api_destination(request("bad name", CONN)),
        "ValidationException",
        "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: \
         Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
}

#[test]
fn not_found_texts() {
    let f = fixture();
    let missing =
        "Failed to describe the api-destination(s). An api-destination 'nope' does not exist.";
    assert_err(
        f.eb.describe_api_destination(DescribeApiDestinationRequest {
            name: "nope".into(),
        }),
        "ResourceNotFoundException",
        missing,
    );
    assert_err(
        f.eb.update_api_destination(UpdateApiDestinationRequest {
            name: "nope".into(),
            description: Some("d".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        missing,
    );
    assert_err(
        f.eb.delete_api_destination(DeleteApiDestinationRequest {
            name: "nope".into(),
        }),
        "ResourceNotFoundException",
        missing,
    );
}

#[test]
fn state_follows_the_connection() {
    let f = fixture();
    connection(&f, "crm");
    f.eb.create_api_destination(request("orders", CONN))
        .unwrap();
    assert_eq!(state(&f, "orders"), "ACTIVE");
    f.eb.deauthorize_connection(DeauthorizeConnectionRequest { name: "crm".into() })
        .unwrap();
    assert_eq!(state(&f, "orders"), "INACTIVE");
    assert!(f.eb.resolve_api_destination(DEST).is_none());
    f.eb.update_connection(UpdateConnectionRequest {
        name: "crm".into(),
        auth_parameters: Some(UpdateConnectionAuthRequestParameters {
            api_key_auth_parameters: Some(UpdateConnectionApiKeyAuthRequestParameters {
                api_key_name: None,
                api_key_value: Some("new-s3cret".into()),
            }),
            ..Default::default()
        }),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(state(&f, "orders"), "ACTIVE");
    assert_eq!(
        f.eb.resolve_api_destination(DEST)
            .unwrap()
            .connection
            .authorization,
        ConnectionAuth::ApiKey {
            key: "x-api-key".into(),
            value: "new-s3cret".into()
        }
    );
    // Deleting a connection in use is allowed; the destination stays, inactive.
    f.eb.delete_connection(DeleteConnectionRequest { name: "crm".into() })
        .unwrap();
    assert_eq!(state(&f, "orders"), "INACTIVE");
    assert!(f.eb.resolve_api_destination(DEST).is_none());
    // A new connection of the same name has another ARN: the destination stays inactive.
    connection(&f, "crm");
    assert_eq!(state(&f, "orders"), "INACTIVE");
}

#[test]
fn list_filters_and_pages() {
    let f = fixture();
    let a = connection(&f, "a");
    let b = connection(&f, "b");
    for (name, conn) in [("d-2", &a), ("d-1", &b), ("d-3", &a), ("x-1", &a)] {
        f.eb.create_api_destination(request(name, conn)).unwrap();
    }
    let names = |l: &ListApiDestinationsResponse| -> Vec<String> {
        l.api_destinations
            .iter()
            .flatten()
            .map(|d| d.name.clone().unwrap())
            .collect()
    };
    let all = f.eb.list_api_destinations(Default::default()).unwrap();
    assert_eq!(names(&all), ["d-1", "d-2", "d-3", "x-1"]);
    assert_eq!(all.next_token, None);
    let q = |token: Option<String>| ListApiDestinationsRequest {
        name_prefix: Some("d-".into()),
        connection_arn: Some(a.clone()),
        limit: Some(1),
        next_token: token,
    };
    let p1 = f.eb.list_api_destinations(q(None)).unwrap();
    assert_eq!(names(&p1), ["d-2"]);
    let p2 =
        f.eb.list_api_destinations(q(p1.next_token.clone()))
            .unwrap();
    assert_eq!(names(&p2), ["d-3"]);
    assert_eq!(p2.next_token, None);
    assert_err(
        f.eb.list_api_destinations(ListApiDestinationsRequest {
            next_token: p1.next_token,
            ..Default::default()
        }),
        "ValidationException",
        "The NextToken is not valid.",
    );
    f.eb.deauthorize_connection(DeauthorizeConnectionRequest { name: "b".into() })
        .unwrap();
    let by_b =
        f.eb.list_api_destinations(ListApiDestinationsRequest {
            connection_arn: Some(b.clone()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        to_json(&by_b),
        json!({"ApiDestinations": [{
            "ApiDestinationArn": "arn:aws:events:us-east-1:111111111111:api-destination/d-1/00000000-0000-4000-8000-000000000006",
            "Name": "d-1",
            "ApiDestinationState": "INACTIVE",
            "ConnectionArn": b,
            "InvocationEndpoint": "https://crm.example.com/orders/*",
            "HttpMethod": "POST",
            "InvocationRateLimitPerSecond": 300,
            "CreationTime": T,
            "LastModifiedTime": T,
        }]})
    );
}

#[test]
fn update_replaces_the_given_members() {
    let f = fixture();
    connection(&f, "crm");
    f.eb.create_api_destination(request("orders", CONN))
        .unwrap();
    let other = connection(&f, "other");
    f.clock.advance(9);
    let out =
        f.eb.update_api_destination(UpdateApiDestinationRequest {
            name: "orders".into(),
            description: Some("v2".into()),
            connection_arn: Some(other.clone()),
            invocation_endpoint: Some("https://crm.example.com/v2".into()),
            http_method: Some(ApiDestinationHttpMethod::Put),
            invocation_rate_limit_per_second: Some(20),
        })
        .unwrap();
    assert_eq!(
        to_json(&out),
        json!({
            "ApiDestinationArn": DEST,
            "ApiDestinationState": "ACTIVE",
            "CreationTime": T,
            "LastModifiedTime": T + 9,
        })
    );
    assert_eq!(
        describe(&f, "orders"),
        json!({
            "ApiDestinationArn": DEST,
            "Name": "orders",
            "Description": "v2",
            "ApiDestinationState": "ACTIVE",
            "ConnectionArn": other,
            "InvocationEndpoint": "https://crm.example.com/v2",
            "HttpMethod": "PUT",
            "InvocationRateLimitPerSecond": 20,
            "CreationTime": T,
            "LastModifiedTime": T + 9,
        })
    );
    assert_err(
        f.eb.update_api_destination(UpdateApiDestinationRequest {
            name: "orders".into(),
            connection_arn: Some("arn:aws:events:us-east-1:111111111111:connection/gone/1".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Failed to describe the connection(s). Connection 'gone' does not exist.",
    );
    assert_eq!(describe(&f, "orders")["ConnectionArn"], json!(other));
}

#[test]
fn delete_answers_empty_and_forgets_the_destination() {
    let f = fixture();
    connection(&f, "crm");
    f.eb.create_api_destination(request("orders", CONN))
        .unwrap();
    let out =
        f.eb.delete_api_destination(DeleteApiDestinationRequest {
            name: "orders".into(),
        })
        .unwrap();
    assert_eq!(to_json(&out), json!({}));
    assert!(f.eb.resolve_api_destination(DEST).is_none());
    assert_eq!(
        to_json(&f.eb.list_api_destinations(Default::default()).unwrap()),
        json!({"ApiDestinations": []})
    );
}

#[test]
fn resolve_hands_out_the_secrets_only_there() {
    let f = fixture();
    connection(&f, "crm");
    let mut req = request("orders", CONN);
    req.invocation_rate_limit_per_second = Some(12);
    f.eb.create_api_destination(req).unwrap();
    let resolved = f.eb.resolve_api_destination(DEST).unwrap();
    let expected = ResolvedApiDestination::new(
        DEST,
        "orders",
        "https://crm.example.com/orders/*",
        ApiDestinationHttpMethod::Post,
        ResolvedConnection::new(
            CONN,
            "crm",
            ConnectionAuth::ApiKey {
                key: "x-api-key".into(),
                value: "key-s3cret".into(),
            },
        )
        .with_invocation_http_parameters(ConnectionHttpParameters {
            header_parameters: Some(vec![ConnectionHeaderParameter {
                key: Some("x-signature".into()),
                value: Some("header-s3cret".into()),
                is_value_secret: Some(true),
            }]),
            ..Default::default()
        }),
    )
    .with_invocation_rate_limit_per_second(12);
    assert_eq!(resolved, expected);
    // Debug output never shows a secret.
    let debug = format!("{resolved:?}");
    assert!(
        !debug.contains("key-s3cret") && !debug.contains("header-s3cret"),
        "{debug}"
    );
    assert!(debug.contains("x-signature=***"), "{debug}");
    // No operation answers with them.
    let answers = [
        describe(&f, "orders").to_string(),
        to_json(
            &f.eb
                .describe_connection(DescribeConnectionRequest { name: "crm".into() })
                .unwrap(),
        )
        .to_string(),
        to_json(&f.eb.list_connections(Default::default()).unwrap()).to_string(),
        to_json(&f.eb.list_api_destinations(Default::default()).unwrap()).to_string(),
    ];
    for a in answers {
        assert!(
            !a.contains("key-s3cret") && !a.contains("header-s3cret"),
            "{a}"
        );
    }
    // Unknown ARNs, or an ARN with another UUID, resolve to nothing.
    assert!(
        f.eb.resolve_api_destination(
            "arn:aws:events:us-east-1:111111111111:api-destination/nope/1"
        )
        .is_none()
    );
    assert!(
        f.eb.resolve_api_destination(&DEST.replace("000000000003", "000000000009"))
            .is_none()
    );
    assert!(f.eb.resolve_api_destination("not an arn").is_none());
}

#[test]
fn resolve_oauth_connection() {
    let f = fixture();
    let conn =
        f.eb.create_connection(CreateConnectionRequest {
            name: "idp".into(),
            description: None,
            authorization_type: ConnectionAuthorizationType::OauthClientCredentials,
            auth_parameters: CreateConnectionAuthRequestParameters {
                o_auth_parameters: Some(CreateConnectionOAuthRequestParameters {
                    client_parameters: CreateConnectionOAuthClientRequestParameters {
                        client_id: "client-1".into(),
                        client_secret: "client-s3cret".into(),
                    },
                    authorization_endpoint: "http://127.0.0.1:9000/token".into(),
                    http_method: ConnectionOAuthHttpMethod::Post,
                    o_auth_http_parameters: Some(ConnectionHttpParameters {
                        query_string_parameters: Some(vec![ConnectionQueryStringParameter {
                            key: Some("scope".into()),
                            value: Some("orders".into()),
                            is_value_secret: Some(false),
                        }]),
                        ..Default::default()
                    }),
                }),
                ..Default::default()
            },
            invocation_connectivity_parameters: None,
            kms_key_identifier: None,
        })
        .unwrap()
        .connection_arn
        .unwrap();
    let arn =
        f.eb.create_api_destination(request("orders", &conn))
            .unwrap()
            .api_destination_arn
            .unwrap();
    let resolved = f.eb.resolve_api_destination(&arn).unwrap();
    assert_eq!(resolved.connection.arn, conn);
    assert_eq!(
        resolved.connection.authorization.authorization_type(),
        "OAUTH_CLIENT_CREDENTIALS"
    );
    match resolved.connection.authorization {
        ConnectionAuth::OAuthClientCredentials {
            authorization_endpoint,
            http_method,
            client_id,
            client_secret,
            oauth_http_parameters,
        } => {
            assert_eq!(authorization_endpoint, "http://127.0.0.1:9000/token");
            assert_eq!(http_method, ConnectionOAuthHttpMethod::Post);
            assert_eq!(
                (client_id.as_str(), client_secret.as_str()),
                ("client-1", "client-s3cret")
            );
            let q = oauth_http_parameters
                .unwrap()
                .query_string_parameters
                .unwrap();
            assert_eq!(q[0].value.as_deref(), Some("orders"));
        }
        other => panic!("unexpected {other:?}"),
    }
}
