//! A connection's authorization parameters: the service rules of `CreateConnection` and
//! `UpdateConnection` (exactly one parameter kind, the one the `AuthorizationType` names), the
//! merge of an update into the stored [`ConnectionAuth`], and the secret-free view that
//! `DescribeConnection` answers with.
//!
//! Invariants: a stored authorization always has the kind of its type; the views built here
//! never contain `ApiKeyValue`, `Password`, `ClientSecret` or the `Value` of a parameter whose
//! `IsValueSecret` is true. A deauthorized connection keeps its non-secret members and has empty
//! secrets ([`has_secrets`] is false). Costs: proportional to the number of parameters.

use super::outbound::ConnectionAuth;
use crate::Error;
use crate::api::connections::{
    ConnectionApiKeyAuthResponseParameters, ConnectionAuthResponseParameters,
    ConnectionAuthorizationType, ConnectionBasicAuthResponseParameters, ConnectionBodyParameter,
    ConnectionHeaderParameter, ConnectionHttpParameters, ConnectionOAuthClientResponseParameters,
    ConnectionOAuthHttpMethod, ConnectionOAuthResponseParameters, ConnectionQueryStringParameter,
    CreateConnectionAuthRequestParameters, UpdateConnectionAuthRequestParameters,
};

const API_KEY: &str = "ApiKeyAuthParameters";
const BASIC: &str = "BasicAuthParameters";
const OAUTH: &str = "OAuthParameters";

/// The parameter member an authorization type needs.
fn member_of(kind: &ConnectionAuthorizationType) -> &'static str {
    match kind {
        ConnectionAuthorizationType::ApiKey => API_KEY,
        ConnectionAuthorizationType::Basic => BASIC,
        _ => OAUTH,
    }
}

/// `ValidationException` for two or more parameter kinds in one request (inferred text, in the
/// style of PutTargets' input-mode rule).
fn more_than_one() -> Error {
    Error::validation(format!(
        "Only one of {BASIC}, {OAUTH} or {API_KEY} must be provided."
    ))
}

/// `ValidationException` for a missing parameter (member) of the authorization type (inferred
/// text, in the style of PutTargets' `Parameter(s) … must be specified` rule).
fn missing(what: &str, kind: &ConnectionAuthorizationType) -> Error {
    Error::validation(format!(
        "Parameter(s) {what} must be specified for AuthorizationType {kind}."
    ))
}

/// The parameter kinds present: API key, basic, OAuth.
fn kinds(api_key: bool, basic: bool, oauth: bool) -> Result<Option<&'static str>, Error> {
    let present: Vec<&str> = [(api_key, API_KEY), (basic, BASIC), (oauth, OAUTH)]
        .into_iter()
        .filter_map(|(p, name)| p.then_some(name))
        .collect();
    match present.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        _ => Err(more_than_one()),
    }
}

/// The authorization of a `CreateConnection` request: exactly the parameter kind its
/// `AuthorizationType` names. Errors: `ValidationException`.
pub(super) fn from_create(
    kind: &ConnectionAuthorizationType,
    p: &CreateConnectionAuthRequestParameters,
) -> Result<ConnectionAuth, Error> {
    kinds(
        p.api_key_auth_parameters.is_some(),
        p.basic_auth_parameters.is_some(),
        p.o_auth_parameters.is_some(),
    )?;
    match (
        kind,
        &p.api_key_auth_parameters,
        &p.basic_auth_parameters,
        &p.o_auth_parameters,
    ) {
        (ConnectionAuthorizationType::ApiKey, Some(a), _, _) => Ok(ConnectionAuth::ApiKey {
            key: a.api_key_name.clone(),
            value: a.api_key_value.clone(),
        }),
        (ConnectionAuthorizationType::Basic, _, Some(b), _) => Ok(ConnectionAuth::Basic {
            username: b.username.clone(),
            password: b.password.clone(),
        }),
        (ConnectionAuthorizationType::OauthClientCredentials, _, _, Some(o)) => {
            Ok(ConnectionAuth::OAuthClientCredentials {
                authorization_endpoint: o.authorization_endpoint.clone(),
                http_method: o.http_method.clone(),
                client_id: o.client_parameters.client_id.clone(),
                client_secret: o.client_parameters.client_secret.clone(),
                oauth_http_parameters: o.o_auth_http_parameters.clone(),
            })
        }
        _ => Err(missing(member_of(kind), kind)),
    }
}

/// The authorization type of a stored authorization.
pub(super) fn type_of(auth: &ConnectionAuth) -> ConnectionAuthorizationType {
    ConnectionAuthorizationType::from(auth.authorization_type())
}

/// Whether the authorization holds its secrets (false after `DeauthorizeConnection`).
pub(super) fn has_secrets(auth: &ConnectionAuth) -> bool {
    match auth {
        ConnectionAuth::ApiKey { value, .. } => !value.is_empty(),
        ConnectionAuth::Basic { password, .. } => !password.is_empty(),
        ConnectionAuth::OAuthClientCredentials { client_secret, .. } => !client_secret.is_empty(),
    }
}

/// The authorization without its secrets (`DeauthorizeConnection`).
pub(super) fn without_secrets(auth: &ConnectionAuth) -> ConnectionAuth {
    let mut auth = auth.clone();
    match &mut auth {
        ConnectionAuth::ApiKey { value, .. } => value.clear(),
        ConnectionAuth::Basic { password, .. } => password.clear(),
        ConnectionAuth::OAuthClientCredentials { client_secret, .. } => client_secret.clear(),
    }
    auth
}

/// The authorization after an `UpdateConnection`: the same type merges the given members into
/// the stored ones; a new type needs its parameter kind complete. Errors: `ValidationException`.
pub(super) fn merge_update(
    current: &ConnectionAuth,
    new_kind: Option<&ConnectionAuthorizationType>,
    p: Option<&UpdateConnectionAuthRequestParameters>,
) -> Result<ConnectionAuth, Error> {
    let current_kind = type_of(current);
    let kind = new_kind.unwrap_or(&current_kind).clone();
    let given = match p {
        Some(p) => kinds(
            p.api_key_auth_parameters.is_some(),
            p.basic_auth_parameters.is_some(),
            p.o_auth_parameters.is_some(),
        )?,
        None => None,
    };
    let wanted = member_of(&kind);
    if given.is_some_and(|g| g != wanted) {
        return Err(missing(wanted, &kind));
    }
    let changes_type = kind != current_kind;
    if changes_type && given.is_none() {
        return Err(missing(wanted, &kind));
    }
    // Start from the stored members of the same type, or from nothing when the type changes.
    let mut auth = if changes_type {
        match kind {
            ConnectionAuthorizationType::ApiKey => ConnectionAuth::ApiKey {
                key: String::new(),
                value: String::new(),
            },
            ConnectionAuthorizationType::Basic => ConnectionAuth::Basic {
                username: String::new(),
                password: String::new(),
            },
            _ => ConnectionAuth::OAuthClientCredentials {
                authorization_endpoint: String::new(),
                // A placeholder: a new OAuth type must name its method (checked below).
                http_method: ConnectionOAuthHttpMethod::Post,
                client_id: String::new(),
                client_secret: String::new(),
                oauth_http_parameters: None,
            },
        }
    } else {
        current.clone()
    };
    let mut needs: Vec<&str> = Vec::new();
    match &mut auth {
        ConnectionAuth::ApiKey { key, value } => {
            let a = p.and_then(|p| p.api_key_auth_parameters.as_ref());
            set(key, a.and_then(|a| a.api_key_name.as_ref()));
            set(value, a.and_then(|a| a.api_key_value.as_ref()));
            if changes_type {
                needs.extend(key.is_empty().then_some("ApiKeyName"));
                needs.extend(value.is_empty().then_some("ApiKeyValue"));
            }
        }
        ConnectionAuth::Basic { username, password } => {
            let b = p.and_then(|p| p.basic_auth_parameters.as_ref());
            set(username, b.and_then(|b| b.username.as_ref()));
            set(password, b.and_then(|b| b.password.as_ref()));
            if changes_type {
                needs.extend(username.is_empty().then_some("Username"));
                needs.extend(password.is_empty().then_some("Password"));
            }
        }
        ConnectionAuth::OAuthClientCredentials {
            authorization_endpoint,
            http_method,
            client_id,
            client_secret,
            oauth_http_parameters,
        } => {
            let o = p.and_then(|p| p.o_auth_parameters.as_ref());
            let c = o.and_then(|o| o.client_parameters.as_ref());
            set(
                authorization_endpoint,
                o.and_then(|o| o.authorization_endpoint.as_ref()),
            );
            set(client_id, c.and_then(|c| c.client_id.as_ref()));
            set(client_secret, c.and_then(|c| c.client_secret.as_ref()));
            if let Some(m) = o.and_then(|o| o.http_method.as_ref()) {
                *http_method = m.clone();
            } else if changes_type {
                needs.push("HttpMethod");
            }
            if let Some(h) = o.and_then(|o| o.o_auth_http_parameters.as_ref()) {
                *oauth_http_parameters = Some(h.clone());
            }
            if changes_type {
                needs.extend(
                    authorization_endpoint
                        .is_empty()
                        .then_some("AuthorizationEndpoint"),
                );
                needs.extend(client_id.is_empty().then_some("ClientParameters.ClientID"));
                needs.extend(
                    client_secret
                        .is_empty()
                        .then_some("ClientParameters.ClientSecret"),
                );
            }
        }
    }
    if !needs.is_empty() {
        let what: Vec<String> = needs.iter().map(|n| format!("{wanted}.{n}")).collect();
        return Err(missing(&what.join(", "), &kind));
    }
    Ok(auth)
}

fn set(slot: &mut String, value: Option<&String>) {
    if let Some(v) = value {
        slot.clone_from(v);
    }
}

/// HTTP parameters with the `Value` of every secret parameter left out, as AWS describes them.
pub(super) fn redact(p: &ConnectionHttpParameters) -> ConnectionHttpParameters {
    fn hide(secret: Option<bool>, value: &Option<String>) -> Option<String> {
        if secret == Some(true) {
            None
        } else {
            value.clone()
        }
    }
    ConnectionHttpParameters {
        header_parameters: p.header_parameters.as_ref().map(|v| {
            v.iter()
                .map(|h| ConnectionHeaderParameter {
                    key: h.key.clone(),
                    value: hide(h.is_value_secret, &h.value),
                    is_value_secret: h.is_value_secret,
                })
                .collect()
        }),
        query_string_parameters: p.query_string_parameters.as_ref().map(|v| {
            v.iter()
                .map(|q| ConnectionQueryStringParameter {
                    key: q.key.clone(),
                    value: hide(q.is_value_secret, &q.value),
                    is_value_secret: q.is_value_secret,
                })
                .collect()
        }),
        body_parameters: p.body_parameters.as_ref().map(|v| {
            v.iter()
                .map(|b| ConnectionBodyParameter {
                    key: b.key.clone(),
                    value: hide(b.is_value_secret, &b.value),
                    is_value_secret: b.is_value_secret,
                })
                .collect()
        }),
    }
}

/// `AuthParameters` of `DescribeConnection`: names, user names, client ids, endpoints and
/// non-secret parameter values only. `connectivity` is added by the caller.
pub(super) fn describe(
    auth: &ConnectionAuth,
    invocation: Option<&ConnectionHttpParameters>,
) -> ConnectionAuthResponseParameters {
    let mut out = ConnectionAuthResponseParameters {
        invocation_http_parameters: invocation.map(redact),
        ..Default::default()
    };
    match auth {
        ConnectionAuth::ApiKey { key, .. } => {
            out.api_key_auth_parameters = Some(ConnectionApiKeyAuthResponseParameters {
                api_key_name: Some(key.clone()),
            });
        }
        ConnectionAuth::Basic { username, .. } => {
            out.basic_auth_parameters = Some(ConnectionBasicAuthResponseParameters {
                username: Some(username.clone()),
            });
        }
        ConnectionAuth::OAuthClientCredentials {
            authorization_endpoint,
            http_method,
            client_id,
            oauth_http_parameters,
            ..
        } => {
            out.o_auth_parameters = Some(ConnectionOAuthResponseParameters {
                client_parameters: Some(ConnectionOAuthClientResponseParameters {
                    client_id: Some(client_id.clone()),
                }),
                authorization_endpoint: Some(authorization_endpoint.clone()),
                http_method: Some(http_method.clone()),
                o_auth_http_parameters: oauth_http_parameters.as_ref().map(redact),
            });
        }
    }
    out
}
