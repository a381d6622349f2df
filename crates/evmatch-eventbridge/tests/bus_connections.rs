//! Connections of the in-process EventBridge: the answers of every operation as JSON, the states
//! (AUTHORIZED, AUTHORIZING, DEAUTHORIZING, DEAUTHORIZED, DELETING), secrets never answered,
//! listing with filters and paging, and every operation's AWS errors.

mod common;

use common::*;
use evmatch_eventbridge::api::connections::*;
use serde_json::{Value, json};

const T: i64 = T0;
const ARN1: &str =
    "arn:aws:events:us-east-1:111111111111:connection/crm/00000000-0000-4000-8000-000000000001";
const SECRET1: &str = "arn:aws:secretsmanager:us-east-1:111111111111:secret:events!connection/crm/00000000-0000-4000-8000-000000000001-000002";

fn to_json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

fn api_key(name: &str, key: &str, value: &str) -> CreateConnectionRequest {
    CreateConnectionRequest {
        name: name.into(),
        description: None,
        authorization_type: ConnectionAuthorizationType::ApiKey,
        auth_parameters: CreateConnectionAuthRequestParameters {
            api_key_auth_parameters: Some(CreateConnectionApiKeyAuthRequestParameters {
                api_key_name: key.into(),
                api_key_value: value.into(),
            }),
            ..Default::default()
        },
        invocation_connectivity_parameters: None,
        kms_key_identifier: None,
    }
}

fn basic(name: &str) -> CreateConnectionRequest {
    CreateConnectionRequest {
        authorization_type: ConnectionAuthorizationType::Basic,
        auth_parameters: CreateConnectionAuthRequestParameters {
            basic_auth_parameters: Some(CreateConnectionBasicAuthRequestParameters {
                username: "alice".into(),
                password: "pa55word".into(),
            }),
            ..Default::default()
        },
        ..api_key(name, "", "")
    }
}

fn oauth(name: &str) -> CreateConnectionRequest {
    CreateConnectionRequest {
        authorization_type: ConnectionAuthorizationType::OauthClientCredentials,
        auth_parameters: CreateConnectionAuthRequestParameters {
            o_auth_parameters: Some(CreateConnectionOAuthRequestParameters {
                client_parameters: CreateConnectionOAuthClientRequestParameters {
                    client_id: "client-1".into(),
                    client_secret: "client-s3cret".into(),
                },
                authorization_endpoint: "https://auth.example.com/token".into(),
                http_method: ConnectionOAuthHttpMethod::Post,
                o_auth_http_parameters: Some(ConnectionHttpParameters {
                    body_parameters: Some(vec![
                        ConnectionBodyParameter {
                            key: Some("audience".into()),
                            value: Some("orders".into()),
                            is_value_secret: Some(false),
                        },
                        ConnectionBodyParameter {
                            key: Some("assertion".into()),
                            value: Some("body-s3cret".into()),
                            is_value_secret: Some(true),
                        },
                    ]),
                    ..Default::default()
                }),
            }),
            ..Default::default()
        },
        ..api_key(name, "", "")
    }
}

fn describe(f: &Fixture, name: &str) -> Value {
    to_json(
        &f.eb
            .describe_connection(DescribeConnectionRequest { name: name.into() })
            .unwrap(),
    )
}

fn describe_err(f: &Fixture, name: &str) -> Result<DescribeConnectionResponse, Error> {
    f.eb.describe_connection(DescribeConnectionRequest { name: name.into() })
}

fn list(f: &Fixture, req: ListConnectionsRequest) -> Value {
    to_json(&f.eb.list_connections(req).unwrap())
}

#[test]
fn api_key_connection_is_authorized_at_once_and_described_without_its_value() {
    let f = fixture();
    let mut req = api_key("crm", "x-api-key", "key-s3cret");
    req.description = Some("CRM".into());
    req.auth_parameters.invocation_http_parameters = Some(ConnectionHttpParameters {
        header_parameters: Some(vec![
            ConnectionHeaderParameter {
                key: Some("x-tenant".into()),
                value: Some("t1".into()),
                is_value_secret: Some(false),
            },
            ConnectionHeaderParameter {
                key: Some("x-signature".into()),
                value: Some("header-s3cret".into()),
                is_value_secret: Some(true),
            },
        ]),
        query_string_parameters: Some(vec![ConnectionQueryStringParameter {
            key: Some("token".into()),
            value: Some("query-s3cret".into()),
            is_value_secret: Some(true),
        }]),
        body_parameters: None,
    });
    let out = f.eb.create_connection(req).unwrap();
    assert_eq!(
        to_json(&out),
        json!({
            "ConnectionArn": ARN1,
            "ConnectionState": "AUTHORIZED",
            "CreationTime": T,
            "LastModifiedTime": T,
        })
    );
    f.clock.advance(5);
    assert_eq!(
        describe(&f, "crm"),
        json!({
            "ConnectionArn": ARN1,
            "Name": "crm",
            "Description": "CRM",
            "ConnectionState": "AUTHORIZED",
            "AuthorizationType": "API_KEY",
            "SecretArn": SECRET1,
            "AuthParameters": {
                "ApiKeyAuthParameters": {"ApiKeyName": "x-api-key"},
                "InvocationHttpParameters": {
                    "HeaderParameters": [
                        {"Key": "x-tenant", "Value": "t1", "IsValueSecret": false},
                        {"Key": "x-signature", "IsValueSecret": true},
                    ],
                    "QueryStringParameters": [{"Key": "token", "IsValueSecret": true}],
                },
            },
            "CreationTime": T,
            "LastModifiedTime": T,
            "LastAuthorizedTime": T,
        })
    );
}

#[test]
fn basic_connection_hides_the_password() {
    let f = fixture();
    f.eb.create_connection(basic("crm")).unwrap();
    let d = describe(&f, "crm");
    assert_eq!(d["AuthorizationType"], "BASIC");
    assert_eq!(d["ConnectionState"], "AUTHORIZED");
    assert_eq!(
        d["AuthParameters"],
        json!({"BasicAuthParameters": {"Username": "alice"}})
    );
    assert!(!d.to_string().contains("pa55word"));
}

#[test]
fn oauth_connection_answers_authorizing_then_reads_authorized() {
    let f = fixture();
    let out = f.eb.create_connection(oauth("idp")).unwrap();
    assert_eq!(out.connection_state, Some(ConnectionState::Authorizing));
    let d = describe(&f, "idp");
    assert_eq!(d["ConnectionState"], "AUTHORIZED");
    assert_eq!(d["AuthorizationType"], "OAUTH_CLIENT_CREDENTIALS");
    assert_eq!(
        d["AuthParameters"],
        json!({
            "OAuthParameters": {
                "ClientParameters": {"ClientID": "client-1"},
                "AuthorizationEndpoint": "https://auth.example.com/token",
                "HttpMethod": "POST",
                "OAuthHttpParameters": {
                    "BodyParameters": [
                        {"Key": "audience", "Value": "orders", "IsValueSecret": false},
                        {"Key": "assertion", "IsValueSecret": true},
                    ],
                },
            },
        })
    );
    let text = d.to_string();
    assert!(!text.contains("client-s3cret") && !text.contains("body-s3cret"));
}

#[test]
fn private_connectivity_is_described_with_its_resource_association() {
    let f = fixture();
    let mut req = api_key("crm", "k", "v");
    req.invocation_connectivity_parameters = Some(ConnectivityResourceParameters {
        resource_parameters: ConnectivityResourceConfigurationArn {
            resource_configuration_arn:
                "arn:aws:vpc-lattice:us-east-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0".into(),
        },
    });
    req.kms_key_identifier = Some("alias/conn".into());
    f.eb.create_connection(req).unwrap();
    let d = describe(&f, "crm");
    assert_eq!(
        d["InvocationConnectivityParameters"],
        json!({"ResourceParameters": {
            "ResourceConfigurationArn": "arn:aws:vpc-lattice:us-east-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0",
            "ResourceAssociationArn": "arn:aws:vpc-lattice:us-east-1:111111111111:servicenetworkresourceassociation/snra-00000000000040008",
        }})
    );
    assert_eq!(d["KmsKeyIdentifier"], "alias/conn");
}

#[test]
fn exactly_the_parameter_kind_of_the_authorization_type() {
    let f = fixture();
    let mut two = api_key("c", "k", "v");
    two.auth_parameters.basic_auth_parameters = basic("c").auth_parameters.basic_auth_parameters;
    assert_err(
        f.eb.create_connection(two),
        "ValidationException",
        "Only one of BasicAuthParameters, OAuthParameters or ApiKeyAuthParameters must be provided.",
    );
    let mut wrong = basic("c");
    wrong.authorization_type = ConnectionAuthorizationType::ApiKey;
    assert_err(
        f.eb.create_connection(wrong),
        "ValidationException",
        "Parameter(s) ApiKeyAuthParameters must be specified for AuthorizationType API_KEY.",
    );
    let mut none = oauth("c");
    none.auth_parameters.o_auth_parameters = None;
    assert_err(
        f.eb.create_connection(none),
        "ValidationException",
        "Parameter(s) OAuthParameters must be specified for AuthorizationType OAUTH_CLIENT_CREDENTIALS.",
    );
    // Nothing was stored.
    assert_eq!(list(&f, Default::default()), json!({"Connections": []}));
}

#[test]
fn model_validation_comes_first_and_never_echoes_secrets() {
    let f = fixture();
    assert_err(
        f.eb.create_connection(api_key("bad name", "k", "v")),
        "ValidationException",
        "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: \
         Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
    let long_secret = "s".repeat(600);
    let e =
        f.eb.create_connection(api_key("c", "k", &long_secret))
            .unwrap_err();
    assert_eq!(e.code().as_str(), "ValidationException");
    assert!(!e.to_string().contains(&long_secret), "{e}");
}

#[test]
fn already_exists_not_found_and_limit() {
    let mut config = EventBridgeConfig::new(ACCOUNT, REGION);
    config.connections = 2;
    let f = fixture_with(config);
    f.eb.create_connection(api_key("a", "k", "v")).unwrap();
    assert_err(
        f.eb.create_connection(basic("a")),
        "ResourceAlreadyExistsException",
        "Connection a already exists.",
    );
    f.eb.create_connection(api_key("b", "k", "v")).unwrap();
    assert_err(
        f.eb.create_connection(api_key("c", "k", "v")),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
    let missing = "Failed to describe the connection(s). Connection 'nope' does not exist.";
    assert_err(
        describe_err(&f, "nope"),
        "ResourceNotFoundException",
        missing,
    );
    assert_err(
        f.eb.update_connection(UpdateConnectionRequest {
            name: "nope".into(),
            description: Some("d".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        missing,
    );
    assert_err(
        f.eb.delete_connection(DeleteConnectionRequest {
            name: "nope".into(),
        }),
        "ResourceNotFoundException",
        missing,
    );
    assert_err(
        f.eb.deauthorize_connection(DeauthorizeConnectionRequest {
            name: "nope".into(),
        }),
        "ResourceNotFoundException",
        missing,
    );
}

#[test]
fn list_filters_by_prefix_and_state_and_pages() {
    let f = fixture();
    for name in ["b-1", "a-2", "a-1", "a-3"] {
        f.eb.create_connection(api_key(name, "k", "v")).unwrap();
    }
    f.eb.deauthorize_connection(DeauthorizeConnectionRequest { name: "a-2".into() })
        .unwrap();
    let page1 =
        f.eb.list_connections(ListConnectionsRequest {
            name_prefix: Some("a-".into()),
            limit: Some(2),
            ..Default::default()
        })
        .unwrap();
    let names = |l: &ListConnectionsResponse| -> Vec<String> {
        l.connections
            .iter()
            .flatten()
            .map(|c| c.name.clone().unwrap())
            .collect()
    };
    assert_eq!(names(&page1), ["a-1", "a-2"]);
    let token = page1.next_token.clone().unwrap();
    let page2 =
        f.eb.list_connections(ListConnectionsRequest {
            name_prefix: Some("a-".into()),
            limit: Some(2),
            next_token: Some(token.clone()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(&page2), ["a-3"]);
    assert_eq!(page2.next_token, None);
    assert_err(
        f.eb.list_connections(ListConnectionsRequest {
            next_token: Some(token),
            ..Default::default()
        }),
        "ValidationException",
        "The NextToken is not valid.",
    );
    let deauthorized = list(
        &f,
        ListConnectionsRequest {
            connection_state: Some(ConnectionState::Deauthorized),
            ..Default::default()
        },
    );
    assert_eq!(
        deauthorized,
        json!({"Connections": [{
            "ConnectionArn": "arn:aws:events:us-east-1:111111111111:connection/a-2/00000000-0000-4000-8000-000000000003",
            "Name": "a-2",
            "ConnectionState": "DEAUTHORIZED",
            "AuthorizationType": "API_KEY",
            "CreationTime": T,
            "LastModifiedTime": T,
            "LastAuthorizedTime": T,
        }]})
    );
    let authorized =
        f.eb.list_connections(ListConnectionsRequest {
            connection_state: Some(ConnectionState::Authorized),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(&authorized), ["a-1", "a-3", "b-1"]);
}

#[test]
fn deauthorize_removes_the_secret_until_an_update_brings_it_back() {
    let f = fixture();
    f.eb.create_connection(api_key("crm", "x-api-key", "v1"))
        .unwrap();
    f.clock.advance(10);
    let out =
        f.eb.deauthorize_connection(DeauthorizeConnectionRequest { name: "crm".into() })
            .unwrap();
    assert_eq!(
        to_json(&out),
        json!({
            "ConnectionArn": ARN1,
            "ConnectionState": "DEAUTHORIZING",
            "CreationTime": T,
            "LastModifiedTime": T + 10,
            "LastAuthorizedTime": T,
        })
    );
    let d = describe(&f, "crm");
    assert_eq!(d["ConnectionState"], "DEAUTHORIZED");
    assert_eq!(
        d["AuthParameters"],
        json!({"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key"}})
    );
    // A description alone does not authorize it again.
    f.clock.advance(10);
    let out =
        f.eb.update_connection(UpdateConnectionRequest {
            name: "crm".into(),
            description: Some("later".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(out.connection_state, Some(ConnectionState::Deauthorized));
    // The secret does.
    f.clock.advance(10);
    let out =
        f.eb.update_connection(UpdateConnectionRequest {
            name: "crm".into(),
            auth_parameters: Some(UpdateConnectionAuthRequestParameters {
                api_key_auth_parameters: Some(UpdateConnectionApiKeyAuthRequestParameters {
                    api_key_name: None,
                    api_key_value: Some("v2".into()),
                }),
                ..Default::default()
            }),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        to_json(&out),
        json!({
            "ConnectionArn": ARN1,
            "ConnectionState": "AUTHORIZED",
            "CreationTime": T,
            "LastModifiedTime": T + 30,
            "LastAuthorizedTime": T + 30,
        })
    );
    let d = describe(&f, "crm");
    assert_eq!(d["ConnectionState"], "AUTHORIZED");
    assert_eq!(d["Description"], "later");
    assert_eq!(
        d["AuthParameters"]["ApiKeyAuthParameters"]["ApiKeyName"],
        "x-api-key"
    );
}

#[test]
fn update_merges_members_or_switches_the_authorization_type() {
    let f = fixture();
    f.eb.create_connection(api_key("crm", "x-api-key", "v1"))
        .unwrap();
    f.clock.advance(1);
    // Same type: only the given members change.
    f.eb.update_connection(UpdateConnectionRequest {
        name: "crm".into(),
        auth_parameters: Some(UpdateConnectionAuthRequestParameters {
            api_key_auth_parameters: Some(UpdateConnectionApiKeyAuthRequestParameters {
                api_key_name: Some("authorization".into()),
                api_key_value: None,
            }),
            invocation_http_parameters: Some(ConnectionHttpParameters {
                header_parameters: Some(vec![ConnectionHeaderParameter {
                    key: Some("x-a".into()),
                    value: Some("1".into()),
                    is_value_secret: Some(false),
                }]),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        describe(&f, "crm")["AuthParameters"],
        json!({
            "ApiKeyAuthParameters": {"ApiKeyName": "authorization"},
            "InvocationHttpParameters": {"HeaderParameters": [{"Key": "x-a", "Value": "1", "IsValueSecret": false}]},
        })
    );
    // Parameters of another kind than the type: refused, nothing changes.
    assert_err(
        f.eb.update_connection(UpdateConnectionRequest {
            name: "crm".into(),
            auth_parameters: Some(UpdateConnectionAuthRequestParameters {
                basic_auth_parameters: Some(UpdateConnectionBasicAuthRequestParameters {
                    username: Some("u".into()),
                    password: Some("p".into()),
                }),
                ..Default::default()
            }),
            ..Default::default()
        }),
        "ValidationException",
        "Parameter(s) ApiKeyAuthParameters must be specified for AuthorizationType API_KEY.",
    );
    // A new type needs its parameters, complete.
    assert_err(
        f.eb.update_connection(UpdateConnectionRequest {
            name: "crm".into(),
            authorization_type: Some(ConnectionAuthorizationType::Basic),
            ..Default::default()
        }),
        "ValidationException",
        "Parameter(s) BasicAuthParameters must be specified for AuthorizationType BASIC.",
    );
    assert_err(
        f.eb.update_connection(UpdateConnectionRequest {
            name: "crm".into(),
            authorization_type: Some(ConnectionAuthorizationType::Basic),
            auth_parameters: Some(UpdateConnectionAuthRequestParameters {
                basic_auth_parameters: Some(UpdateConnectionBasicAuthRequestParameters {
                    username: Some("u".into()),
                    password: None,
                }),
                ..Default::default()
            }),
            ..Default::default()
        }),
        "ValidationException",
        "Parameter(s) BasicAuthParameters.Password must be specified for AuthorizationType BASIC.",
    );
    f.clock.advance(1);
    let out =
        f.eb.update_connection(UpdateConnectionRequest {
            name: "crm".into(),
            authorization_type: Some(ConnectionAuthorizationType::OauthClientCredentials),
            auth_parameters: Some(UpdateConnectionAuthRequestParameters {
                o_auth_parameters: Some(UpdateConnectionOAuthRequestParameters {
                    client_parameters: Some(UpdateConnectionOAuthClientRequestParameters {
                        client_id: Some("id".into()),
                        client_secret: Some("sec".into()),
                    }),
                    authorization_endpoint: Some("https://auth.example.com/t".into()),
                    http_method: Some(ConnectionOAuthHttpMethod::Get),
                    o_auth_http_parameters: None,
                }),
                ..Default::default()
            }),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(out.connection_state, Some(ConnectionState::Authorizing));
    assert_eq!(out.last_authorized_time, Some(Timestamp::from_secs(T + 2)));
    let d = describe(&f, "crm");
    assert_eq!(d["AuthorizationType"], "OAUTH_CLIENT_CREDENTIALS");
    assert_eq!(d["ConnectionState"], "AUTHORIZED");
    assert_eq!(
        d["AuthParameters"]["OAuthParameters"],
        json!({
            "ClientParameters": {"ClientID": "id"},
            "AuthorizationEndpoint": "https://auth.example.com/t",
            "HttpMethod": "GET",
        })
    );
}

#[test]
fn delete_answers_deleting_and_forgets_the_connection() {
    let f = fixture();
    f.eb.create_connection(basic("crm")).unwrap();
    f.clock.advance(3);
    let out =
        f.eb.delete_connection(DeleteConnectionRequest { name: "crm".into() })
            .unwrap();
    assert_eq!(
        to_json(&out),
        json!({
            "ConnectionArn": ARN1,
            "ConnectionState": "DELETING",
            "CreationTime": T,
            "LastModifiedTime": T,
            "LastAuthorizedTime": T,
        })
    );
    assert_err(
        describe_err(&f, "crm"),
        "ResourceNotFoundException",
        "Failed to describe the connection(s). Connection 'crm' does not exist.",
    );
    // The name is free again, with a new ARN.
    let again = f.eb.create_connection(basic("crm")).unwrap();
    assert_ne!(again.connection_arn.as_deref(), Some(ARN1));
}

mod secrets_property {
    use super::*;
    use proptest::prelude::*;

    fn all_answers(f: &Fixture, name: &str) -> Vec<String> {
        vec![
            describe(f, name).to_string(),
            list(f, Default::default()).to_string(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the secrets are, no answer of any connection operation (nor the service's
        /// `Debug`) contains one, before or after deauthorization.
        #[test]
        fn no_answer_contains_a_secret(
            secret in "[A-Za-z0-9]{12,40}",
            param_secret in "[A-Za-z0-9]{12,40}",
            kind in 0usize..3,
        ) {
            let secret = format!("S{secret}");
            let param_secret = format!("P{param_secret}");
            let f = fixture();
            let mut req = match kind {
                0 => api_key("c", "x-api-key", &secret),
                1 => {
                    let mut r = basic("c");
                    r.auth_parameters.basic_auth_parameters.as_mut().unwrap().password = secret.clone();
                    r
                }
                _ => {
                    let mut r = oauth("c");
                    r.auth_parameters.o_auth_parameters.as_mut().unwrap().client_parameters.client_secret = secret.clone();
                    r
                }
            };
            req.auth_parameters.invocation_http_parameters = Some(ConnectionHttpParameters {
                body_parameters: Some(vec![ConnectionBodyParameter {
                    key: Some("k".into()),
                    value: Some(param_secret.clone()),
                    is_value_secret: Some(true),
                }]),
                ..Default::default()
            });
            let mut answers = vec![to_json(&f.eb.create_connection(req).unwrap()).to_string()];
            answers.extend(all_answers(&f, "c"));
            answers.push(to_json(&f.eb.update_connection(UpdateConnectionRequest {
                name: "c".into(),
                description: Some("d".into()),
                ..Default::default()
            }).unwrap()).to_string());
            answers.push(to_json(&f.eb.deauthorize_connection(DeauthorizeConnectionRequest {
                name: "c".into(),
            }).unwrap()).to_string());
            answers.extend(all_answers(&f, "c"));
            answers.push(format!("{:?}", f.eb));
            answers.push(to_json(&f.eb.delete_connection(DeleteConnectionRequest {
                name: "c".into(),
            }).unwrap()).to_string());
            for a in answers {
                prop_assert!(!a.contains(&secret), "{}", a);
                prop_assert!(!a.contains(&param_secret), "{}", a);
            }
        }
    }
}
