//! AWS Signature Version 4 verification of a request's `Authorization` header, for
//! `--verify-sigv4`: the canonical request, the string to sign and the HMAC-SHA256 signature are
//! recomputed with the secret key of the header's key id and compared with the one sent.
//!
//! Invariants: only the header form (`Authorization: AWS4-HMAC-SHA256 Credential=…,
//! SignedHeaders=…, Signature=…`) is accepted, presigned query strings are not; the signature is
//! compared in constant time; the credential scope (date, region, service) is taken from the
//! header as sent — the signature covers it, so a request signed for another region still
//! verifies, as long as the key pair is right; the request time is not checked against the
//! clock. Errors are AWS's: [`SigV4Error`] gives the code and text. Costs: one SHA-256 of the
//! body and four HMACs (plus one per request for the signing key), allocation proportional to
//! the signed headers.

use hmac::{Hmac, Mac};
pub use hyper::header::{HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// The only algorithm SigV4 has.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// A key pair requests may be signed with.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The access key id (`AKIA…`), as it appears in the `Credential=` part of the header.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
}

impl Credentials {
    /// The key pair `access_key_id` / `secret_access_key`.
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
        }
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<hidden>")
            .finish()
    }
}

/// Why a request's signature was refused, with AWS's code and text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SigV4Error {
    /// No `Authorization` header (`MissingAuthenticationTokenException`).
    #[error("Missing Authentication Token")]
    Missing,
    /// An `Authorization` header that is not a complete SigV4 header
    /// (`IncompleteSignatureException`).
    #[error("{0}")]
    Incomplete(String),
    /// A key id that is not configured (`UnrecognizedClientException`).
    #[error("The security token included in the request is invalid.")]
    UnknownKey,
    /// A signature that does not match (`InvalidSignatureException`).
    #[error(
        "The request signature we calculated does not match the signature you provided. Check \
         your AWS Secret Access Key and signing method. Consult the service documentation for \
         details."
    )]
    Mismatch,
}

impl SigV4Error {
    /// AWS's error code.
    pub fn code(&self) -> &'static str {
        match self {
            SigV4Error::Missing => "MissingAuthenticationTokenException",
            SigV4Error::Incomplete(_) => "IncompleteSignatureException",
            SigV4Error::UnknownKey => "UnrecognizedClientException",
            SigV4Error::Mismatch => "InvalidSignatureException",
        }
    }
}

/// The parts of a request the signature covers.
#[derive(Debug, Clone, Copy)]
pub struct SignedRequest<'a> {
    /// The method (`POST`).
    pub method: &'a str,
    /// The path as sent (`/`).
    pub path: &'a str,
    /// The query string as sent, without `?` (empty when there is none).
    pub query: &'a str,
    /// The headers.
    pub headers: &'a HeaderMap,
    /// The body.
    pub body: &'a [u8],
}

/// The parsed `Authorization` header.
struct Authorization<'a> {
    key_id: &'a str,
    /// `date/region/service/aws4_request`
    scope: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

/// Verifies the signature of `request` against the key pairs `keys`.
pub fn verify(request: &SignedRequest<'_>, keys: &[Credentials]) -> Result<(), SigV4Error> {
    let header = request
        .headers
        .get(hyper::header::AUTHORIZATION)
        .ok_or(SigV4Error::Missing)?;
    let header = header
        .to_str()
        .map_err(|_| SigV4Error::Incomplete("Authorization header is not ASCII.".into()))?;
    let auth = parse_authorization(header)?;
    let key = keys
        .iter()
        .find(|k| k.access_key_id == auth.key_id)
        .ok_or(SigV4Error::UnknownKey)?;
    let amz_date = request
        .headers
        .get("x-amz-date")
        .or_else(|| request.headers.get(hyper::header::DATE))
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            SigV4Error::Incomplete(format!(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' \
                 header. Authorization={header}"
            ))
        })?;
    let canonical = canonical_request(request, auth.signed_headers);
    let to_sign = format!(
        "{ALGORITHM}\n{amz_date}\n{}\n{}",
        auth.scope,
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let signing_key = signing_key(&key.secret_access_key, auth.date, auth.region, auth.service);
    let sent = hex::decode(auth.signature).map_err(|_| SigV4Error::Mismatch)?;
    let mut mac = HmacSha256::new_from_slice(&signing_key).expect("HMAC takes any key length");
    mac.update(to_sign.as_bytes());
    mac.verify_slice(&sent).map_err(|_| SigV4Error::Mismatch)
}

/// `Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request,
/// SignedHeaders=<a;b>, Signature=<hex>`.
fn parse_authorization(header: &str) -> Result<Authorization<'_>, SigV4Error> {
    let incomplete = |what: &str| SigV4Error::Incomplete(format!("{what} Authorization={header}"));
    let rest = header
        .strip_prefix(ALGORITHM)
        .filter(|r| r.starts_with(' '))
        .ok_or_else(|| {
            incomplete("Authorization header requires the 'AWS4-HMAC-SHA256' algorithm.")
        })?;
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        if let Some(v) = part.strip_prefix("Credential=") {
            credential = Some(v);
        } else if let Some(v) = part.strip_prefix("SignedHeaders=") {
            signed_headers = Some(v);
        } else if let Some(v) = part.strip_prefix("Signature=") {
            signature = Some(v);
        }
    }
    let missing: Vec<String> = [
        ("Credential", credential.is_none()),
        ("Signature", signature.is_none()),
        ("SignedHeaders", signed_headers.is_none()),
    ]
    .iter()
    .filter(|(_, missing)| *missing)
    .map(|(name, _)| format!("Authorization header requires '{name}' parameter."))
    .collect();
    if !missing.is_empty() {
        return Err(incomplete(&missing.join(" ")));
    }
    let credential = credential.expect("checked");
    let mut parts = credential.splitn(2, '/');
    let key_id = parts.next().unwrap_or_default();
    let scope = parts.next().unwrap_or_default();
    let scope_parts: Vec<&str> = scope.split('/').collect();
    let [date, region, service, "aws4_request"] = scope_parts[..] else {
        return Err(incomplete(&format!(
            "Credential should be scoped to a valid region, not '{}'.",
            scope_parts.get(1).copied().unwrap_or_default()
        )));
    };
    Ok(Authorization {
        key_id,
        scope,
        date,
        region,
        service,
        signed_headers: signed_headers.expect("checked"),
        signature: signature.expect("checked"),
    })
}

/// The canonical request: method, canonical URI, canonical query string, the signed headers
/// (lower-case names, values trimmed with inner runs of spaces collapsed, repeated headers
/// joined by `,`), the signed-header list and the body's SHA-256 (or the literal of an
/// `x-amz-content-sha256: UNSIGNED-PAYLOAD` header).
fn canonical_request(request: &SignedRequest<'_>, signed_headers: &str) -> String {
    let mut out = String::with_capacity(256);
    out.push_str(request.method);
    out.push('\n');
    out.push_str(&canonical_uri(request.path));
    out.push('\n');
    out.push_str(&canonical_query(request.query));
    out.push('\n');
    for name in signed_headers.split(';') {
        out.push_str(name);
        out.push(':');
        let values: Vec<String> = request
            .headers
            .get_all(name)
            .iter()
            .map(|v| collapse_spaces(&String::from_utf8_lossy(v.as_bytes())))
            .collect();
        out.push_str(&values.join(","));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(signed_headers);
    out.push('\n');
    let unsigned = request
        .headers
        .get("x-amz-content-sha256")
        .is_some_and(|v| v.as_bytes() == b"UNSIGNED-PAYLOAD");
    if unsigned {
        out.push_str("UNSIGNED-PAYLOAD");
    } else {
        out.push_str(&hex::encode(Sha256::digest(request.body)));
    }
    out
}

fn collapse_spaces(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every path segment URI-encoded once more (the SDKs of every service but S3 encode the path
/// twice); an empty path is `/`.
fn canonical_uri(path: &str) -> String {
    if path.is_empty() {
        return "/".into();
    }
    path.split('/')
        .map(uri_encode)
        .collect::<Vec<_>>()
        .join("/")
}

/// The query parameters, each name and value decoded then encoded the SigV4 way, sorted by name
/// then value, joined by `&`.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                uri_encode(&percent_decode(k)),
                uri_encode(&percent_decode(v)),
            )
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// SigV4's URI encoding: every byte but `A-Z a-z 0-9 - _ . ~` as `%XX` (upper-case hex).
fn uri_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> Vec<u8> {
    let mut key = format!("AWS4{secret}").into_bytes();
    for part in [date, region, service, "aws4_request"] {
        key = hmac(&key, part.as_bytes());
    }
    key
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// Signs `request` with `key` for `date` (`20261207T150000Z`), `region` and `service`, setting
/// nothing: returns the `Authorization` header value for the headers named in `signed_headers`
/// (`host;x-amz-date`). For tests and clients of this crate; the server only verifies.
pub fn authorization_header(
    request: &SignedRequest<'_>,
    key: &Credentials,
    amz_date: &str,
    region: &str,
    service: &str,
    signed_headers: &str,
) -> String {
    let date = amz_date.get(..8).unwrap_or(amz_date);
    let scope = format!("{date}/{region}/{service}/aws4_request");
    let canonical = canonical_request(request, signed_headers);
    let to_sign = format!(
        "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let signature = hex::encode(hmac(
        &signing_key(&key.secret_access_key, date, region, service),
        to_sign.as_bytes(),
    ));
    format!(
        "{ALGORITHM} Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        key.access_key_id
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Credentials {
        Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn post<'a>(headers: &'a HeaderMap, body: &'a [u8]) -> SignedRequest<'a> {
        SignedRequest {
            method: "POST",
            path: "/",
            query: "",
            headers,
            body,
        }
    }

    /// AWS's published SigV4 test vectors `get-vanilla` and `post-vanilla`.
    #[test]
    fn the_published_vanilla_vectors() {
        for (method, signature) in [
            (
                "GET",
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            ),
            (
                "POST",
                "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
            ),
        ] {
            let mut h = headers(&[
                ("host", "example.amazonaws.com"),
                ("x-amz-date", "20150830T123600Z"),
            ]);
            let auth = authorization_header(
                &SignedRequest {
                    method,
                    ..post(&h, b"")
                },
                &key(),
                "20150830T123600Z",
                "us-east-1",
                "service",
                "host;x-amz-date",
            );
            assert_eq!(
                auth,
                format!(
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
                     SignedHeaders=host;x-amz-date, Signature={signature}"
                )
            );
            h.insert("authorization", HeaderValue::from_str(&auth).unwrap());
            let request = SignedRequest {
                method,
                ..post(&h, b"")
            };
            assert_eq!(verify(&request, &[key()]), Ok(()));
        }
    }

    #[test]
    fn refusals() {
        let mut h = headers(&[("host", "h"), ("x-amz-date", "20261207T150000Z")]);
        let body = br#"{}"#;
        assert_eq!(verify(&post(&h, body), &[key()]), Err(SigV4Error::Missing));
        let auth = authorization_header(
            &post(&h, body),
            &key(),
            "20261207T150000Z",
            "us-east-1",
            "events",
            "host;x-amz-date",
        );
        h.insert("authorization", HeaderValue::from_str(&auth).unwrap());
        assert_eq!(verify(&post(&h, body), &[key()]), Ok(()));
        // Another body, another secret, another key id.
        assert_eq!(
            verify(&post(&h, b"{ }"), &[key()]),
            Err(SigV4Error::Mismatch)
        );
        let wrong = Credentials::new("AKIDEXAMPLE", "other");
        assert_eq!(verify(&post(&h, body), &[wrong]), Err(SigV4Error::Mismatch));
        let other = Credentials::new("AKIDOTHER", "x");
        assert_eq!(
            verify(&post(&h, body), &[other]),
            Err(SigV4Error::UnknownKey)
        );
        assert_eq!(SigV4Error::UnknownKey.code(), "UnrecognizedClientException");
        assert_eq!(SigV4Error::Mismatch.code(), "InvalidSignatureException");
        // An incomplete header.
        h.insert(
            "authorization",
            HeaderValue::from_static(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/us-east-1/events/aws4_request",
            ),
        );
        assert_eq!(
            verify(&post(&h, body), &[key()]),
            Err(SigV4Error::Incomplete(
                "Authorization header requires 'Signature' parameter. Authorization header requires \
                 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 \
                 Credential=AKIDEXAMPLE/20261207/us-east-1/events/aws4_request"
                    .into()
            ))
        );
    }

    #[test]
    fn canonical_parts() {
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("/a b/%2F"), "/a%20b/%252F");
        assert_eq!(canonical_query("b=2&a=1&a=0&c"), "a=0&a=1&b=2&c=");
        assert_eq!(canonical_query("x=a%20b"), "x=a%20b");
        assert_eq!(collapse_spaces("  a   b  "), "a b");
    }
}
