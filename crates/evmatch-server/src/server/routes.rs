//! One HTTP request to one answer: the routes of the endpoint.
//!
//! * `POST /` with `X-Amz-Target` — the JSON 1.1 dispatcher ([`evmatch_eventbridge::wire`]),
//!   after the SigV4 check when verification is on; the answer has content type
//!   `application/x-amz-json-1.1` and an `x-amzn-RequestId` (a UUID), as the service's.
//! * `GET /_evmatch/deliveries[?since=N]` — the delivery records with a sequence number above
//!   `N` (default 0), one JSON object per line, oldest first (`application/x-ndjson`).
//! * `GET /_evmatch/health` — `200 ok`.
//! * Anything else — `404` (`405` for another method on a known path), plain text.
//!
//! Invariants: a body longer than the configured limit is refused with `413` and a JSON error
//! before it is read whole (by its `Content-Length`, or as soon as the limit is passed); a
//! handler never panics the connection. Costs: one body buffer per request, one dispatcher call.

use std::convert::Infallible;
use std::sync::Arc;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

use evmatch_eventbridge::bus::EventBridge;
use evmatch_eventbridge::wire;

use super::sigv4::{self, Credentials, SignedRequest};
use crate::deliveries::Deliveries;

/// What every request needs: the bus, the delivery records, the signature keys and the limit.
pub(super) struct App {
    pub(super) bus: Arc<EventBridge>,
    pub(super) deliveries: Arc<Deliveries>,
    pub(super) verify_sigv4: Option<Vec<Credentials>>,
    pub(super) max_body_bytes: usize,
}

type Answer = Response<Full<Bytes>>;

/// The path of the delivery records.
pub const DELIVERIES_PATH: &str = "/_evmatch/deliveries";
/// The path of the health check.
pub const HEALTH_PATH: &str = "/_evmatch/health";

/// Routes one request.
pub(super) async fn route(app: Arc<App>, req: Request<Incoming>) -> Result<Answer, Infallible> {
    let path = req.uri().path().to_string();
    let answer = match (req.method(), path.as_str()) {
        (&Method::POST, "/") => call(&app, req).await,
        (&Method::GET, DELIVERIES_PATH) => deliveries(&app, req.uri().query()),
        (&Method::GET, HEALTH_PATH) => text(StatusCode::OK, "text/plain", "ok".into()),
        (_, "/" | DELIVERIES_PATH | HEALTH_PATH) => text(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain",
            format!("Method {} is not allowed on {path}.\n", req.method()),
        ),
        _ => text(
            StatusCode::NOT_FOUND,
            "text/plain",
            format!("Not found: {} {path}\n", req.method()),
        ),
    };
    Ok(answer)
}

/// `POST /`: body, signature, dispatcher.
async fn call(app: &App, req: Request<Incoming>) -> Answer {
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > app.max_body_bytes as u64) {
        return too_large(app.max_body_bytes);
    }
    let body = match Limited::new(body, app.max_body_bytes).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
            return too_large(app.max_body_bytes);
        }
        Err(e) => {
            return json(wire::Response::error(
                "SerializationException",
                &format!("The request body could not be read: {e}"),
            ));
        }
    };
    if let Some(keys) = &app.verify_sigv4 {
        let signed = SignedRequest {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            query: parts.uri.query().unwrap_or_default(),
            headers: &parts.headers,
            body: &body,
        };
        if let Err(e) = sigv4::verify(&signed, keys) {
            return json(wire::Response::error(e.code(), &e.to_string()));
        }
    }
    let target = parts
        .headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    json(wire::handle(&app.bus, target, &body))
}

fn too_large(limit: usize) -> Answer {
    let mut answer = json(wire::Response::error(
        "SerializationException",
        &format!("The request body is larger than the limit of {limit} bytes."),
    ));
    *answer.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    answer
}

/// `GET /_evmatch/deliveries[?since=N]`.
fn deliveries(app: &App, query: Option<&str>) -> Answer {
    let mut since = 0u64;
    for pair in query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name == "since" {
            match value.parse() {
                Ok(n) => since = n,
                Err(_) => {
                    return text(
                        StatusCode::BAD_REQUEST,
                        "text/plain",
                        format!("since must be a non-negative integer, not '{value}'.\n"),
                    );
                }
            }
        }
    }
    let mut body = String::new();
    for line in app.deliveries.since(since) {
        body.push_str(&line);
        body.push('\n');
    }
    text(StatusCode::OK, "application/x-ndjson", body)
}

/// A JSON 1.1 answer with its request id.
fn json(r: wire::Response) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from(r.body)));
    *answer.status_mut() = StatusCode::from_u16(r.status).unwrap_or(StatusCode::BAD_REQUEST);
    let headers = answer.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(wire::CONTENT_TYPE));
    let id = uuid::Uuid::new_v4().to_string();
    headers.insert(
        "x-amzn-requestid",
        HeaderValue::from_str(&id).expect("a UUID is a header value"),
    );
    answer
}

fn text(status: StatusCode, content_type: &'static str, body: String) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from(body)));
    *answer.status_mut() = status;
    answer
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    answer
}
