//! The OAuth client-credentials token cache of API destination connections.
//!
//! The token request, as EventBridge makes it: the connection's `HttpMethod` (`GET`, `POST` or
//! `PUT`) to its `AuthorizationEndpoint`, with `Authorization: Basic base64(client_id:client_secret)`
//! (RFC 6749 §2.3.1: the client authenticates with HTTP Basic; the id and secret are not repeated in
//! the body, as RFC 6749 forbids using two client authentication methods at once), the
//! connection's OAuth header parameters, its OAuth query string parameters, and as
//! `application/x-www-form-urlencoded` body `grant_type=client_credentials` (unless the OAuth body
//! parameters give `grant_type` themselves) followed by the OAuth body parameters — for `GET`,
//! which has no body, those pairs go into the query string instead. The answer must be a 2xx
//! JSON object with a string `access_token`; its `expires_in` (seconds) says how long the token
//! is used. Calls send it as `Authorization: Bearer <access_token>`.
//!
//! Invariants: one token per (connection ARN, endpoint, client id, client secret), so an updated
//! connection gets a new token; at most one token request per connection at a time (the
//! others wait for its answer instead of asking too); a token is used until `expires_in` has
//! passed (forever when the answer has none) or until a call answers 401
//! ([`TokenCache::invalidate`]). Costs: one map lookup per call; a token request per expiry.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use evmatch_eventbridge::api::connections::ConnectionHttpParameters;

use super::http_call::{Params, basic_authorization, encode_pairs, with_query};

/// The credentials and parameters of a token request.
pub(crate) struct TokenRequest<'a> {
    pub(crate) connection_arn: &'a str,
    pub(crate) endpoint: &'a str,
    pub(crate) method: &'a str,
    pub(crate) client_id: &'a str,
    pub(crate) client_secret: &'a str,
    pub(crate) params: Option<&'a ConnectionHttpParameters>,
}

impl TokenRequest<'_> {
    fn key(&self) -> String {
        [
            self.connection_arn,
            self.endpoint,
            self.client_id,
            self.client_secret,
        ]
        .join("\0")
    }
}

#[derive(Clone)]
struct Token {
    value: String,
    expires: Option<Instant>,
}

type Slot = Arc<Mutex<Option<Token>>>;

/// Tokens by connection.
#[derive(Default)]
pub(crate) struct TokenCache {
    slots: Mutex<HashMap<String, Slot>>,
}

impl TokenCache {
    fn slot(&self, key: String) -> Slot {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        slots.entry(key).or_default().clone()
    }

    /// A valid token for `req`: the cached one, or a new one from its endpoint.
    pub(crate) fn token(
        &self,
        agent: &ureq::Agent,
        req: &TokenRequest<'_>,
    ) -> Result<String, String> {
        let slot = self.slot(req.key());
        let mut cached = slot.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(t) = cached.as_ref()
            && t.expires.is_none_or(|e| Instant::now() < e)
        {
            return Ok(t.value.clone());
        }
        let token = fetch(agent, req)?;
        let value = token.value.clone();
        *cached = Some(token);
        Ok(value)
    }

    /// Forgets `token` of `req` (a call answered 401): the next call fetches a new one.
    pub(crate) fn invalidate(&self, req: &TokenRequest<'_>, token: &str) {
        let slot = self.slot(req.key());
        let mut cached = slot.lock().unwrap_or_else(|p| p.into_inner());
        if cached.as_ref().is_some_and(|t| t.value == token) {
            *cached = None;
        }
    }
}

fn fetch(agent: &ureq::Agent, req: &TokenRequest<'_>) -> Result<Token, String> {
    let mut form: Vec<(String, String)> = Vec::new();
    let body_params = Params::body(req.params);
    if !body_params.iter().any(|(k, _)| k == "grant_type") {
        form.push(("grant_type".into(), "client_credentials".into()));
    }
    form.extend(body_params);
    let mut query = Params::query(req.params);
    let method = req.method.to_ascii_uppercase();
    let has_body = method != "GET";
    if !has_body {
        query.append(&mut form);
    }
    let url = with_query(req.endpoint, &query);
    let mut builder = ureq::http::Request::builder()
        .method(method.as_str())
        .uri(url.as_str())
        .header("User-Agent", super::http_call::USER_AGENT)
        .header(
            "Authorization",
            basic_authorization(req.client_id, req.client_secret),
        );
    for (k, v) in Params::headers(req.params) {
        builder = builder.header(k, v);
    }
    let answer = if has_body {
        let request = builder
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(encode_pairs(&form))
            .map_err(|e| format!("invalid token request: {e}"))?;
        agent.run(request)
    } else {
        let request = builder
            .body(())
            .map_err(|e| format!("invalid token request: {e}"))?;
        agent.run(request)
    };
    let mut response = answer.map_err(|e| format!("token request failed: {e}"))?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(1 << 20)
        .read_to_string()
        .unwrap_or_default();
    if !(200..300).contains(&status) {
        return Err(format!("authorization endpoint answered {status}"));
    }
    let json: serde_json::Value = serde_json::from_str(&body)
        .map_err(|_| "authorization endpoint answered no JSON object".to_owned())?;
    let value = json
        .get("access_token")
        .and_then(|t| t.as_str())
        .ok_or_else(|| "authorization endpoint answered no access_token".to_owned())?
        .to_owned();
    let expires = json
        .get("expires_in")
        .and_then(|e| e.as_f64().or_else(|| e.as_str()?.parse().ok()))
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| Instant::now() + Duration::from_secs_f64(s.min(1e9)));
    Ok(Token { value, expires })
}
