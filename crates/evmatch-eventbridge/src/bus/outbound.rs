//! What an embedder needs to call an API destination itself: the destination's endpoint, method
//! and rate, and its connection's authorization **with the secrets** ([`ResolvedApiDestination`],
//! [`ResolvedConnection`], [`ConnectionAuth`]), as
//! [`EventBridge::resolve_api_destination`](super::EventBridge::resolve_api_destination) returns
//! them.
//!
//! These are the only values of this crate that carry connection secrets (API key values,
//! passwords, OAuth client secrets, the values of parameters marked `IsValueSecret`); the API
//! operations never return them. `Debug` prints `***` in their place, so logging a resolved
//! destination leaks nothing; they do not implement `Serialize`, so they cannot end up in an
//! answer by accident. Costs: plain owned data, cloned out of the stored state per call.

use std::fmt;

use crate::api::api_destinations::ApiDestinationHttpMethod;
use crate::api::connections::{ConnectionHttpParameters, ConnectionOAuthHttpMethod};

/// How a connection authorizes its calls, with the secrets.
///
/// ```
/// use evmatch_eventbridge::bus::ConnectionAuth;
///
/// let auth = ConnectionAuth::ApiKey { key: "x-api-key".into(), value: "s3cr3t".into() };
/// assert_eq!(auth.authorization_type(), "API_KEY");
/// assert!(!format!("{auth:?}").contains("s3cr3t"));
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectionAuth {
    /// `API_KEY`: the header `key` with `value`.
    ApiKey {
        /// The header name (`ApiKeyName`).
        key: String,
        /// The header value (`ApiKeyValue`, secret).
        value: String,
    },
    /// `BASIC`: an `Authorization: Basic …` header.
    Basic {
        /// `Username`.
        username: String,
        /// `Password` (secret).
        password: String,
    },
    /// `OAUTH_CLIENT_CREDENTIALS`: a bearer token fetched from `authorization_endpoint` with the
    /// client credentials.
    OAuthClientCredentials {
        /// The token endpoint (`AuthorizationEndpoint`).
        authorization_endpoint: String,
        /// The method of the token request.
        http_method: ConnectionOAuthHttpMethod,
        /// `ClientID`.
        client_id: String,
        /// `ClientSecret` (secret).
        client_secret: String,
        /// Extra header, query string and body parameters of the token request, secret values
        /// included.
        oauth_http_parameters: Option<ConnectionHttpParameters>,
    },
}

impl ConnectionAuth {
    /// The `AuthorizationType` wire value: `API_KEY`, `BASIC` or `OAUTH_CLIENT_CREDENTIALS`.
    pub fn authorization_type(&self) -> &'static str {
        match self {
            ConnectionAuth::ApiKey { .. } => "API_KEY",
            ConnectionAuth::Basic { .. } => "BASIC",
            ConnectionAuth::OAuthClientCredentials { .. } => "OAUTH_CLIENT_CREDENTIALS",
        }
    }
}

impl fmt::Debug for ConnectionAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConnectionAuth::ApiKey { key, .. } => f
                .debug_struct("ApiKey")
                .field("key", key)
                .field("value", &"***")
                .finish(),
            ConnectionAuth::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"***")
                .finish(),
            ConnectionAuth::OAuthClientCredentials {
                authorization_endpoint,
                http_method,
                client_id,
                oauth_http_parameters,
                ..
            } => f
                .debug_struct("OAuthClientCredentials")
                .field("authorization_endpoint", authorization_endpoint)
                .field("http_method", http_method)
                .field("client_id", client_id)
                .field("client_secret", &"***")
                .field(
                    "oauth_http_parameters",
                    &oauth_http_parameters.as_ref().map(RedactedParameters),
                )
                .finish(),
        }
    }
}

/// `Debug` of HTTP parameters with the values of secret parameters replaced by `***`.
struct RedactedParameters<'a>(&'a ConnectionHttpParameters);

impl fmt::Debug for RedactedParameters<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn show(key: &Option<String>, value: &Option<String>, secret: Option<bool>) -> String {
            let value = if secret == Some(true) {
                "***"
            } else {
                value.as_deref().unwrap_or("")
            };
            format!("{}={value}", key.as_deref().unwrap_or(""))
        }
        let p = self.0;
        let headers: Vec<String> = p
            .header_parameters
            .iter()
            .flatten()
            .map(|h| show(&h.key, &h.value, h.is_value_secret))
            .collect();
        let query: Vec<String> = p
            .query_string_parameters
            .iter()
            .flatten()
            .map(|q| show(&q.key, &q.value, q.is_value_secret))
            .collect();
        let body: Vec<String> = p
            .body_parameters
            .iter()
            .flatten()
            .map(|b| show(&b.key, &b.value, b.is_value_secret))
            .collect();
        f.debug_struct("ConnectionHttpParameters")
            .field("header_parameters", &headers)
            .field("query_string_parameters", &query)
            .field("body_parameters", &body)
            .finish()
    }
}

/// A connection as an outbound call uses it: its authorization and the extra parameters it adds
/// to every invocation, secrets included.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResolvedConnection {
    /// The connection ARN.
    pub arn: String,
    /// The connection name.
    pub name: String,
    /// The authorization, with its secrets.
    pub authorization: ConnectionAuth,
    /// `InvocationHttpParameters`: headers, query string and body parameters added to every
    /// call, secret values included.
    pub invocation_http_parameters: Option<ConnectionHttpParameters>,
}

impl ResolvedConnection {
    /// A connection `name` (`arn`) authorizing with `authorization` and no extra parameters.
    pub fn new(
        arn: impl Into<String>,
        name: impl Into<String>,
        authorization: ConnectionAuth,
    ) -> Self {
        ResolvedConnection {
            arn: arn.into(),
            name: name.into(),
            authorization,
            invocation_http_parameters: None,
        }
    }

    /// The same connection with `InvocationHttpParameters`.
    pub fn with_invocation_http_parameters(mut self, parameters: ConnectionHttpParameters) -> Self {
        self.invocation_http_parameters = Some(parameters);
        self
    }
}

impl fmt::Debug for ResolvedConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResolvedConnection")
            .field("arn", &self.arn)
            .field("name", &self.name)
            .field("authorization", &self.authorization)
            .field(
                "invocation_http_parameters",
                &self
                    .invocation_http_parameters
                    .as_ref()
                    .map(RedactedParameters),
            )
            .finish()
    }
}

/// An API destination ready to be called: where, how, how often, and with which connection.
///
/// ```
/// use evmatch_eventbridge::api::api_destinations::ApiDestinationHttpMethod;
/// use evmatch_eventbridge::bus::{ConnectionAuth, ResolvedApiDestination, ResolvedConnection};
///
/// // What a test of an outbound caller may build without a bus.
/// let connection = ResolvedConnection::new(
///     "arn:aws:events:us-east-1:123456789012:connection/crm/1",
///     "crm",
///     ConnectionAuth::Basic { username: "u".into(), password: "p".into() },
/// );
/// let destination = ResolvedApiDestination::new(
///     "arn:aws:events:us-east-1:123456789012:api-destination/orders/2",
///     "orders",
///     "http://127.0.0.1:8080/orders/*",
///     ApiDestinationHttpMethod::Post,
///     connection,
/// )
/// .with_invocation_rate_limit_per_second(10);
/// assert_eq!(destination.invocation_rate_limit_per_second, Some(10));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResolvedApiDestination {
    /// The API destination ARN (what targets name as their `Arn`).
    pub arn: String,
    /// The API destination name.
    pub name: String,
    /// `InvocationEndpoint`; each `*` takes one of the target's `PathParameterValues`.
    pub invocation_endpoint: String,
    /// `HttpMethod`.
    pub http_method: ApiDestinationHttpMethod,
    /// `InvocationRateLimitPerSecond` (the service stores 300 when it was not given).
    pub invocation_rate_limit_per_second: Option<u32>,
    /// The connection, with its secrets.
    pub connection: ResolvedConnection,
}

impl ResolvedApiDestination {
    /// A destination without a rate limit.
    pub fn new(
        arn: impl Into<String>,
        name: impl Into<String>,
        invocation_endpoint: impl Into<String>,
        http_method: ApiDestinationHttpMethod,
        connection: ResolvedConnection,
    ) -> Self {
        ResolvedApiDestination {
            arn: arn.into(),
            name: name.into(),
            invocation_endpoint: invocation_endpoint.into(),
            http_method,
            invocation_rate_limit_per_second: None,
            connection,
        }
    }

    /// The same destination with a rate limit.
    pub fn with_invocation_rate_limit_per_second(mut self, per_second: u32) -> Self {
        self.invocation_rate_limit_per_second = Some(per_second);
        self
    }
}
