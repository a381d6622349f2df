//! One call of an API destination: the HTTP request built from the destination, its
//! connection and the target's `HttpParameters`, sent with [`ureq`].
//!
//! The client is `ureq` 3 (blocking, rustls for `https://`, plain TCP for `http://`), called from
//! the worker threads of the pool: the calls need no async runtime of their own, a worker waits
//! for one call at a time, and ureq compiles quickly next to the server's hyper. Redirects are not
//! followed (a 3xx is the answer), proxies from the environment are not used, and every call
//! (connect, send, answer) must finish within the configured timeout (AWS's: 5 s).
//!
//! The request:
//! * the destination's method and `InvocationEndpoint`, each `*` of its path replaced by the next
//!   of the target's `PathParameterValues` (percent-encoded as a path segment; a `*` left
//!   without a value stays);
//! * the query string: the endpoint's own, then the target's `QueryStringParameters` (in key
//!   order), with the connection's invocation query parameters replacing those of the same key
//!   and the others appended (AWS: the connection's parameters take precedence), form-encoded;
//! * the headers `User-Agent: Amazon/EventBridge/ApiDestinations`,
//!   `Content-Type: application/json; charset=utf-8` and `Range: bytes=0-1048575` as AWS sends
//!   them, then the target's `HeaderParameters` and the connection's invocation headers (each
//!   replacing an earlier header of the same name, names compared without case), then the
//!   authorization (an API key header, `Authorization: Basic …`, or `Authorization: Bearer …`);
//! * the payload as body, except for `GET` and `HEAD`, which have none. The connection's
//!   invocation body parameters are not merged into the payload (the payload is delivered byte
//!   for byte).
//!
//! Invariants: secrets only go into the request, never into an error text. Costs: one URL and
//! header list built per attempt; the answer's body is read (at most 1 MiB) and discarded so the
//! connection can be reused.

use std::time::Duration;

use base64::Engine;
use evmatch_eventbridge::api::connections::ConnectionHttpParameters;
use evmatch_eventbridge::api::targets::HttpParameters;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::oauth::{TokenCache, TokenRequest};
use evmatch_eventbridge::bus::{ConnectionAuth, ResolvedApiDestination};

/// The `User-Agent` of every call, as AWS sends it.
pub(crate) const USER_AGENT: &str = "Amazon/EventBridge/ApiDestinations";

/// Form encoding: everything but the unreserved characters.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path segment: the unreserved characters, sub-delims, `:` and `@` stay.
const SEGMENT: &AsciiSet = &FORM
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// What one attempt gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Answer {
    /// The destination answered with this status.
    Status(u16),
    /// No answer: why, and whether a retry may help.
    Error { text: String, retriable: bool },
}

/// The key/value pairs of connection parameters.
pub(crate) struct Params;

impl Params {
    pub(crate) fn headers(p: Option<&ConnectionHttpParameters>) -> Vec<(String, String)> {
        p.and_then(|p| p.header_parameters.as_ref())
            .into_iter()
            .flatten()
            .filter_map(|h| Some((h.key.clone()?, h.value.clone().unwrap_or_default())))
            .collect()
    }

    pub(crate) fn query(p: Option<&ConnectionHttpParameters>) -> Vec<(String, String)> {
        p.and_then(|p| p.query_string_parameters.as_ref())
            .into_iter()
            .flatten()
            .filter_map(|h| Some((h.key.clone()?, h.value.clone().unwrap_or_default())))
            .collect()
    }

    pub(crate) fn body(p: Option<&ConnectionHttpParameters>) -> Vec<(String, String)> {
        p.and_then(|p| p.body_parameters.as_ref())
            .into_iter()
            .flatten()
            .filter_map(|h| Some((h.key.clone()?, h.value.clone().unwrap_or_default())))
            .collect()
    }
}

/// The `Authorization` value of HTTP Basic authentication (RFC 7617): `Basic
/// base64(user:password)`, used for Basic connections and for OAuth token requests.
pub(crate) fn basic_authorization(user: &str, password: &str) -> String {
    let credentials =
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {credentials}")
}

/// `pairs` form-encoded: `k1=v1&k2=v2`.
pub(crate) fn encode_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.extend(utf8_percent_encode(k, FORM));
        out.push('=');
        out.extend(utf8_percent_encode(v, FORM));
    }
    out
}

/// `url` with `pairs` appended to its query string.
pub(crate) fn with_query(url: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return url.to_owned();
    }
    let (base, fragment) = url
        .split_once('#')
        .map_or((url, None), |(b, f)| (b, Some(f)));
    let sep = match base.find('?') {
        None => "?",
        Some(i) if i + 1 == base.len() || base.ends_with('&') => "",
        Some(_) => "&",
    };
    let mut out = format!("{base}{sep}{}", encode_pairs(pairs));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// `pairs` with `over` merged in: a pair of `over` replaces the value of an earlier pair with
/// the same key (compared without case when `ignore_case`), the others are appended.
fn merge(
    mut pairs: Vec<(String, String)>,
    over: Vec<(String, String)>,
    ignore_case: bool,
) -> Vec<(String, String)> {
    for (k, v) in over {
        let same = |p: &(String, String)| {
            if ignore_case {
                p.0.eq_ignore_ascii_case(&k)
            } else {
                p.0 == k
            }
        };
        match pairs.iter_mut().find(|p| same(p)) {
            Some(p) => p.1 = v,
            None => pairs.push((k, v)),
        }
    }
    pairs
}

/// The endpoint with each `*` of its path (before `?`) replaced by the next path value.
pub(crate) fn substitute_path(endpoint: &str, values: &[String]) -> String {
    let (path, rest) = endpoint
        .find(['?', '#'])
        .map_or((endpoint, ""), |i| endpoint.split_at(i));
    let mut out = String::with_capacity(endpoint.len());
    let mut values = values.iter();
    for c in path.chars() {
        match (c, c == '*') {
            (_, true) => match values.next() {
                Some(v) => out.extend(utf8_percent_encode(v, SEGMENT)),
                None => out.push('*'),
            },
            (c, false) => out.push(c),
        }
    }
    out.push_str(rest);
    out
}

/// The method, URL and headers (before authorization) of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Prepared {
    pub(crate) method: String,
    pub(crate) url: String,
    pub(crate) headers: Vec<(String, String)>,
}

/// The request of a call to `dest` for a target with `params`, before authorization.
pub(crate) fn prepare(dest: &ResolvedApiDestination, params: Option<&HttpParameters>) -> Prepared {
    let path_values = params
        .and_then(|p| p.path_parameter_values.as_deref())
        .unwrap_or_default();
    let endpoint = substitute_path(&dest.invocation_endpoint, path_values);
    let conn = dest.connection.invocation_http_parameters.as_ref();
    let target_query: Vec<(String, String)> = params
        .and_then(|p| p.query_string_parameters.as_ref())
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let query = merge(target_query, Params::query(conn), false);
    let defaults = vec![
        ("User-Agent".to_owned(), USER_AGENT.to_owned()),
        (
            "Content-Type".to_owned(),
            "application/json; charset=utf-8".to_owned(),
        ),
        ("Range".to_owned(), "bytes=0-1048575".to_owned()),
    ];
    let target_headers: Vec<(String, String)> = params
        .and_then(|p| p.header_parameters.as_ref())
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let headers = merge(
        merge(defaults, target_headers, true),
        Params::headers(conn),
        true,
    );
    Prepared {
        method: dest.http_method.as_str().to_ascii_uppercase(),
        url: with_query(&endpoint, &query),
        headers,
    }
}

/// Makes calls: the HTTP agent and the OAuth tokens.
pub(crate) struct Caller {
    agent: ureq::Agent,
    tokens: TokenCache,
}

impl Caller {
    pub(crate) fn new(timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .proxy(None)
            .timeout_global(Some(timeout))
            .build()
            .into();
        Caller {
            agent,
            tokens: TokenCache::default(),
        }
    }

    /// Calls `dest` once with `payload`.
    pub(crate) fn call(
        &self,
        dest: &ResolvedApiDestination,
        params: Option<&HttpParameters>,
        payload: &str,
    ) -> Answer {
        let mut prepared = prepare(dest, params);
        let mut bearer = None;
        let auth = match &dest.connection.authorization {
            ConnectionAuth::ApiKey { key, value } => (key.clone(), value.clone()),
            ConnectionAuth::Basic { username, password } => (
                "Authorization".to_owned(),
                basic_authorization(username, password),
            ),
            ConnectionAuth::OAuthClientCredentials {
                authorization_endpoint,
                http_method,
                client_id,
                client_secret,
                oauth_http_parameters,
            } => {
                let req = TokenRequest {
                    connection_arn: &dest.connection.arn,
                    endpoint: authorization_endpoint,
                    method: http_method.as_str(),
                    client_id,
                    client_secret,
                    params: oauth_http_parameters.as_ref(),
                };
                match self.tokens.token(&self.agent, &req) {
                    Ok(token) => {
                        let header = format!("Bearer {token}");
                        bearer = Some((req, token));
                        ("Authorization".to_owned(), header)
                    }
                    Err(text) => {
                        return Answer::Error {
                            text,
                            retriable: true,
                        };
                    }
                }
            }
            other => {
                return Answer::Error {
                    text: format!(
                        "authorization type {} is not supported",
                        other.authorization_type()
                    ),
                    retriable: false,
                };
            }
        };
        prepared.headers = merge(std::mem::take(&mut prepared.headers), vec![auth], true);
        let answer = self.send(&prepared, payload);
        if answer == Answer::Status(401)
            && let Some((req, token)) = bearer
        {
            self.tokens.invalidate(&req, &token);
        }
        answer
    }

    fn send(&self, p: &Prepared, payload: &str) -> Answer {
        let mut builder = ureq::http::Request::builder()
            .method(p.method.as_str())
            .uri(p.url.as_str());
        for (k, v) in &p.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        let sent = if matches!(p.method.as_str(), "GET" | "HEAD") {
            builder.body(()).map(|r| self.agent.run(r))
        } else {
            builder.body(payload.as_bytes()).map(|r| self.agent.run(r))
        };
        match sent {
            Err(e) => Answer::Error {
                text: format!("invalid request: {e}"),
                retriable: false,
            },
            Ok(Err(e)) => Answer::Error {
                retriable: !matches!(
                    e,
                    ureq::Error::BadUri(_) | ureq::Error::Http(_) | ureq::Error::InvalidProxyUrl
                ),
                text: e.to_string(),
            },
            Ok(Ok(mut response)) => {
                let status = response.status().as_u16();
                // Read the answer so that the connection can be reused; its content is not used.
                let _ = response
                    .body_mut()
                    .with_config()
                    .limit(1 << 20)
                    .read_to_vec();
                Answer::Status(status)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_values_replace_stars_in_order() {
        let vals = vec!["a b".to_owned(), "x/y".to_owned()];
        assert_eq!(
            substitute_path("http://h/p/*/q/*/r/*?s=*", &vals),
            "http://h/p/a%20b/q/x%2Fy/r/*?s=*"
        );
    }

    #[test]
    fn query_appended_and_encoded() {
        let pairs = vec![
            ("a b".to_owned(), "1&2".to_owned()),
            ("c".to_owned(), String::new()),
        ];
        assert_eq!(
            with_query("http://h/p", &pairs),
            "http://h/p?a%20b=1%262&c="
        );
        assert_eq!(
            with_query("http://h/p?x=1#f", &pairs),
            "http://h/p?x=1&a%20b=1%262&c=#f"
        );
        assert_eq!(with_query("http://h/p?", &pairs[1..]), "http://h/p?c=");
    }

    #[test]
    fn later_pairs_replace_earlier() {
        let a = vec![
            ("X-A".to_owned(), "1".to_owned()),
            ("b".to_owned(), "2".to_owned()),
        ];
        let b = vec![
            ("x-a".to_owned(), "3".to_owned()),
            ("c".to_owned(), "4".to_owned()),
        ];
        assert_eq!(
            merge(a, b, true),
            vec![
                ("X-A".to_owned(), "3".to_owned()),
                ("b".to_owned(), "2".to_owned()),
                ("c".to_owned(), "4".to_owned())
            ]
        );
    }
}
