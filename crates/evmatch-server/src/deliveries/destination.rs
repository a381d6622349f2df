//! What an API destination call needs to know about the destination and its connection, with
//! the secrets: [`ApiDestination`], [`Connection`], [`Authorization`], and the [`Resolver`] that
//! finds them by destination ARN (the bus, or a closure in tests).
//!
//! Invariants: these values carry secrets (API key values, passwords, client secrets); they are
//! never written to the delivery log. Costs: plain data, cloned once per attempt by the resolver.

use std::sync::Arc;

use evmatch_eventbridge::api::connections::ConnectionHttpParameters;

/// An API destination, resolved with its connection.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiDestination {
    /// The destination's ARN.
    pub arn: String,
    /// The destination's name.
    pub name: String,
    /// The URL to call; each `*` in its path is replaced by one of the target's
    /// `PathParameterValues`, in order.
    pub invocation_endpoint: String,
    /// The HTTP method (`POST`, `GET`, `HEAD`, `OPTIONS`, `PUT`, `PATCH`, `DELETE`).
    pub http_method: String,
    /// At most this many calls per second (AWS's default, 300, when `None`).
    pub invocation_rate_limit_per_second: Option<u32>,
    /// The connection: authorization and extra parameters.
    pub connection: Connection,
}

impl ApiDestination {
    /// A destination calling `http_method invocation_endpoint` through `connection`, without a
    /// rate limit of its own.
    pub fn new(
        arn: impl Into<String>,
        invocation_endpoint: impl Into<String>,
        http_method: impl Into<String>,
        connection: Connection,
    ) -> Self {
        let arn = arn.into();
        let name = arn.rsplit_once('/').map_or("", |(_, n)| n).to_owned();
        ApiDestination {
            arn,
            name,
            invocation_endpoint: invocation_endpoint.into(),
            http_method: http_method.into(),
            invocation_rate_limit_per_second: None,
            connection,
        }
    }

    /// The same destination with a rate limit.
    pub fn with_rate_limit(mut self, per_second: u32) -> Self {
        self.invocation_rate_limit_per_second = Some(per_second);
        self
    }
}

/// A connection of an API destination, with its secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Connection {
    /// The connection's ARN (the key of the OAuth token cache).
    pub arn: String,
    /// The connection's name.
    pub name: String,
    /// How calls are authorized.
    pub authorization: Authorization,
    /// Headers and query parameters added to every call (they win over the target's
    /// `HttpParameters` of the same name).
    pub invocation_http_parameters: Option<ConnectionHttpParameters>,
}

impl Connection {
    /// A connection named after the last part of `arn`, without extra parameters.
    pub fn new(arn: impl Into<String>, authorization: Authorization) -> Self {
        let arn = arn.into();
        let name = arn.split('/').nth(1).unwrap_or_default().to_owned();
        Connection {
            arn,
            name,
            authorization,
            invocation_http_parameters: None,
        }
    }

    /// The same connection with invocation parameters.
    pub fn with_invocation_http_parameters(mut self, params: ConnectionHttpParameters) -> Self {
        self.invocation_http_parameters = Some(params);
        self
    }
}

/// How the calls of a connection are authorized.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Authorization {
    /// A header `key: value`.
    ApiKey {
        /// The header name.
        key: String,
        /// The header value.
        value: String,
    },
    /// `Authorization: Basic base64(username:password)`.
    Basic {
        /// The user name.
        username: String,
        /// The password.
        password: String,
    },
    /// OAuth 2.0 client credentials: a token from `authorization_endpoint`, sent as
    /// `Authorization: Bearer <token>`.
    OAuthClientCredentials {
        /// The token URL.
        authorization_endpoint: String,
        /// The method of the token request (`GET`, `POST`, `PUT`).
        http_method: String,
        /// The client id.
        client_id: String,
        /// The client secret.
        client_secret: String,
        /// Extra headers, query and body parameters of the token request.
        oauth_http_parameters: Option<ConnectionHttpParameters>,
    },
}

/// Finds an API destination by ARN; `None` for an unknown destination or one whose connection
/// is not authorized. Any `Fn(&str) -> Option<ApiDestination>` is one.
pub trait Resolver: Send + Sync {
    /// The destination `arn`, resolved.
    fn resolve(&self, arn: &str) -> Option<ApiDestination>;
}

impl<F: Fn(&str) -> Option<ApiDestination> + Send + Sync> Resolver for F {
    fn resolve(&self, arn: &str) -> Option<ApiDestination> {
        self(arn)
    }
}

/// A shared resolver.
pub type SharedResolver = Arc<dyn Resolver>;

/// Whether `arn` names an API destination (`arn:<partition>:events:<region>:<account>:api-destination/…`).
pub fn is_api_destination(arn: &str) -> bool {
    let mut parts = arn.splitn(6, ':');
    parts.next() == Some("arn")
        && parts.next().is_some()
        && parts.next() == Some("events")
        && parts.next().is_some()
        && parts.next().is_some()
        && parts
            .next()
            .is_some_and(|r| r.starts_with("api-destination/"))
}
