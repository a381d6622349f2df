//! The validation profiles: how each dialect turns filter text into engine branches, with its
//! own operator allow-list, limits, order of checks and error envelope.
//!
//! * EventBridge: the engine as it is.
//! * SNS (both scopes), in the order of DIALECTS §2.9: JSON syntax (the newer Jackson's
//!   message, redacted source); empty text or `{}` means no policy; the engine at the
//!   event-ruler v1.0.x grammar level ([`Grammar::RulerV1_0`]) on the policy re-serialised
//!   compactly, so locations are columns of that text; nesting in the `MessageAttributes`
//!   scope; at most 5 top-level keys; at most 150 depth-weighted combinations
//!   ([`super::sns_policy`]); 256 KB of text.
//! * Lambda: the full engine grammar; every rejection is the one `Invalid filter pattern
//!   definition.`; an empty pattern is rejected; Kinesis and DynamoDB reject a value list at
//!   the data key.
//! * Pipes: as Lambda, and the four `anything-but` object forms (prefix, suffix,
//!   equals-ignore-case, wildcard) the Pipes guide marks unsupported are rejected.
//!
//! Cost: one engine parse (SNS: plus one JSON parse and one compact write of the policy).

use super::envelope::{self, FilterError, SnsApi};
use super::name::{Dialect, Service, Source};
use super::sns_policy;
use crate::error::Error;
use crate::json::{self, Value};
use crate::limits::PatternLimits;
use crate::pattern::ir::{AnythingBut, Branch, Condition};
use crate::pattern::parse::{self, Grammar};

/// SNS's policy size limit, in bytes.
pub(crate) const SNS_MAX_POLICY_BYTES: usize = 256 * 1024;
/// The placeholder reason for a policy over [`SNS_MAX_POLICY_BYTES`] (unrecorded).
pub(crate) const SNS_TOO_LONG: &str = "Filter policy is too long";
/// Engine `$or` combinations allowed while compiling an SNS policy: above SNS's own 150
/// (which it subsumes), so that SNS's check decides, yet bounded so that expansion is cheap.
const SNS_ENGINE_COMBINATIONS: usize = 10_000;

/// Validate `text` as one filter of `dialect`: its engine branches, or `None` when the text
/// means "no filter" (SNS: `""` and `{}`).
pub(crate) fn validate(
    dialect: Dialect,
    text: &str,
    api: SnsApi,
) -> Result<Option<Vec<Branch>>, FilterError> {
    match dialect.service() {
        Service::EventBridge => parse::parse(text, &PatternLimits::default())
            .map(Some)
            .map_err(|e| envelope::wrap_engine(dialect, api, &e)),
        Service::Sns => validate_sns(dialect, text, api),
        Service::Lambda | Service::Pipes => validate_lambda(dialect, text).map(Some),
    }
}

fn validate_sns(
    dialect: Dialect,
    text: &str,
    api: SnsApi,
) -> Result<Option<Vec<Branch>>, FilterError> {
    if text.is_empty() {
        return Ok(None);
    }
    if text.len() > SNS_MAX_POLICY_BYTES {
        return Err(envelope::sns_bare(api, SNS_TOO_LONG));
    }
    let policy = json::parse(text, json::lexer::DEFAULT_MAX_DEPTH)
        .map_err(|e| envelope::sns_json_syntax(api, text, &e.message, e.offset))?;
    if matches!(&policy, Value::Object(m) if m.is_empty()) {
        return Ok(None);
    }
    let mut compact = String::with_capacity(text.len());
    policy.write_compact(&mut compact);
    let limits = PatternLimits {
        max_pattern_chars: usize::MAX,
        max_or_combinations: SNS_ENGINE_COMBINATIONS,
        ..PatternLimits::default()
    };
    let branches = parse::parse_in(&compact, &limits, Grammar::RulerV1_0).map_err(|e| {
        if is_combination_limit(&e) {
            envelope::sns_bare(api, envelope::SNS_TOO_COMPLEX)
        } else {
            envelope::wrap_engine(dialect, api, &e)
        }
    })?;
    if dialect == Dialect::SnsAttributes && sns_policy::is_nested(&policy) {
        return Err(envelope::sns_nested(api));
    }
    if sns_policy::top_level_keys(&policy) > sns_policy::MAX_KEYS {
        return Err(envelope::sns_bare(api, envelope::SNS_TOO_MANY_KEYS));
    }
    if sns_policy::combinations(&policy) > sns_policy::MAX_COMBINATIONS {
        return Err(envelope::sns_bare(api, envelope::SNS_TOO_COMPLEX));
    }
    Ok(Some(branches))
}

/// Whether the engine refused the pattern for its `$or` combinations.
fn is_combination_limit(e: &Error) -> bool {
    matches!(e, Error::InvalidEventPattern(p)
        if p.reason() == parse::too_many_combinations(SNS_ENGINE_COMBINATIONS))
}

fn validate_lambda(dialect: Dialect, text: &str) -> Result<Vec<Branch>, FilterError> {
    if text.is_empty() {
        return Err(envelope::invalid_filter(
            dialect,
            Some("empty pattern".to_string()),
        ));
    }
    let branches = parse::parse(text, &PatternLimits::default())
        .map_err(|e| envelope::wrap_engine(dialect, SnsApi::default(), &e))?;
    let source = dialect
        .source()
        .expect("Lambda and Pipes dialects have a source");
    if matches!(source, Source::Kinesis | Source::DynamoDb) {
        let key = source.data_key();
        if branches
            .iter()
            .any(|b| b.fields.iter().any(|f| f.path == key))
        {
            return Err(envelope::invalid_filter(
                dialect,
                Some(format!(
                    "the data key \"{key}\" of a {} source takes a JSON pattern (an object), not a value list",
                    if source == Source::Kinesis {
                        "Kinesis"
                    } else {
                        "DynamoDB"
                    }
                )),
            ));
        }
    }
    if dialect.service() == Service::Pipes {
        let unsupported = branches
            .iter()
            .flat_map(|b| &b.fields)
            .flat_map(|f| &f.conditions)
            .find_map(|c| match c {
                Condition::AnythingBut(AnythingBut::Prefixes(_)) => Some("prefix"),
                Condition::AnythingBut(AnythingBut::Suffixes(_)) => Some("suffix"),
                Condition::AnythingBut(AnythingBut::EqualsIgnoreCase(_)) => {
                    Some("equals-ignore-case")
                }
                Condition::AnythingBut(AnythingBut::Wildcards(_)) => Some("wildcard"),
                _ => None,
            });
        if let Some(op) = unsupported {
            return Err(envelope::invalid_filter(
                dialect,
                Some(format!("Pipes does not support anything-but with {op}")),
            ));
        }
    }
    Ok(branches)
}
