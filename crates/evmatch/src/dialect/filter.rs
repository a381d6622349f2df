//! [`Filter`]: one subscription's policy, one mapping's or pipe's filter criteria, or one
//! rule's pattern, parsed and validated in its [`Dialect`] and compiled into engine branches
//! ([`crate::Pattern`]) that match the dialect's projected input.
//!
//! Parsing goes through the dialect's profile ([`super::profile`]) and, for Lambda and Pipes,
//! the format-mismatch rewrite ([`super::mismatch`]); several patterns (Lambda and Pipes
//! `Filters`) are one OR. Matching projects the input ([`super::projection`]) and runs the
//! reference evaluator on it: O(input + pattern).

use super::envelope::{self, FilterError, SnsApi};
use super::input::{Input, InputError};
use super::mismatch;
use super::name::{Dialect, Service};
use super::profile;
use super::projection::{self, Projection};
use crate::json;
use crate::pattern::Pattern;

/// How filters are parsed, beyond their dialect.
///
/// ```
/// use evmatch::dialect::{FilterOptions, SnsApi};
///
/// let opts = FilterOptions::default().with_sns_api(SnsApi::Subscribe).with_max_filters(20);
/// assert_eq!(opts.sns_api, SnsApi::Subscribe);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct FilterOptions {
    /// The SNS call whose error prefix SNS errors carry (default `SetSubscriptionAttributes`).
    pub sns_api: SnsApi,
    /// The most patterns one Lambda or Pipes filter list may hold; `None` is the service's
    /// (Lambda 10, the highest quota; Pipes 5). Other dialects take any number.
    pub max_filters: Option<usize>,
}

impl FilterOptions {
    /// Set [`FilterOptions::sns_api`].
    pub fn with_sns_api(mut self, api: SnsApi) -> FilterOptions {
        self.sns_api = api;
        self
    }

    /// Set [`FilterOptions::max_filters`].
    pub fn with_max_filters(mut self, max: usize) -> FilterOptions {
        self.max_filters = Some(max);
        self
    }

    fn max_filters_for(&self, dialect: Dialect) -> usize {
        self.max_filters.unwrap_or(match dialect.service() {
            Service::Lambda => LAMBDA_MAX_FILTERS,
            Service::Pipes => PIPES_MAX_FILTERS,
            _ => usize::MAX,
        })
    }
}

/// Lambda's filter count limit: 5 by default, 10 with a quota increase; evmatch allows 10.
pub const LAMBDA_MAX_FILTERS: usize = 10;
/// Pipes' filter count limit.
pub const PIPES_MAX_FILTERS: usize = 5;

/// A filter parsed in a dialect: validated by that service's rules and compiled for the one
/// engine.
///
/// ```
/// use evmatch::dialect::{Dialect, Filter, Input, Record};
///
/// // Lambda on SQS: a JSON pattern on the body matches a JSON body, never a plain one.
/// let f = Filter::parse(Dialect::LambdaSqs, r#"{"body": {"City": ["Seattle"]}}"#)?;
/// let json_body = Record::parse(r#"{"body": "{\"City\": \"Seattle\"}"}"#)?;
/// let plain_body = Record::parse(r#"{"body": "Seattle"}"#)?;
/// assert!(f.matches(Input::Record(&json_body))?);
/// assert!(!f.matches(Input::Record(&plain_body))?);
///
/// // Several Lambda filters are an OR; no filter at all passes everything.
/// let any = Filter::parse_list(Dialect::LambdaSqs, &[r#"{"body": ["Seattle"]}"#, r#"{"body": {"City": ["Paris"]}}"#], &Default::default())?;
/// assert!(any.matches(Input::Record(&plain_body))?);
/// assert!(Filter::parse_list(Dialect::LambdaSqs, &[], &Default::default())?.accepts_everything());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Filter {
    dialect: Dialect,
    texts: Vec<String>,
    /// The engine pattern; `None` when the filter lets everything through.
    compiled: Option<Pattern>,
}

impl Filter {
    /// Parse one filter (an SNS policy, one Lambda or Pipes pattern, an EventBridge pattern)
    /// with the default [`FilterOptions`].
    pub fn parse(dialect: Dialect, text: &str) -> Result<Filter, FilterError> {
        Filter::parse_with(dialect, text, &FilterOptions::default())
    }

    /// Parse one filter with `options`.
    pub fn parse_with(
        dialect: Dialect,
        text: &str,
        options: &FilterOptions,
    ) -> Result<Filter, FilterError> {
        Filter::parse_list(dialect, &[text], options)
    }

    /// Parse a list of patterns that match as one OR (Lambda's and Pipes' `Filters`); an empty
    /// list lets everything through. The first invalid pattern's error is returned.
    pub fn parse_list(
        dialect: Dialect,
        patterns: &[&str],
        options: &FilterOptions,
    ) -> Result<Filter, FilterError> {
        let max = options.max_filters_for(dialect);
        if patterns.len() > max {
            return Err(envelope::too_many_filters(dialect, max));
        }
        let mut everything = patterns.is_empty();
        let mut branches = Vec::new();
        for text in patterns {
            match profile::validate(dialect, text, options.sns_api)? {
                None => everything = true,
                Some(parsed) => match dialect.source() {
                    Some(source) => branches.extend(mismatch::rewrite(source, parsed)),
                    None => branches.extend(parsed),
                },
            }
        }
        let text = patterns.join("\n");
        Ok(Filter {
            dialect,
            texts: patterns.iter().map(|t| t.to_string()).collect(),
            compiled: (!everything).then(|| Pattern::from_branches(branches, &text)),
        })
    }

    /// The dialect.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The filter texts, as given.
    pub fn texts(&self) -> &[String] {
        &self.texts
    }

    /// Whether the filter lets every input through (an SNS policy `""` or `{}`, an empty
    /// Lambda or Pipes filter list).
    pub fn accepts_everything(&self) -> bool {
        self.compiled.is_none()
    }

    /// The compiled engine pattern (`None` when the filter accepts everything).
    pub(crate) fn compiled(&self) -> Option<&Pattern> {
        self.compiled.as_ref()
    }

    /// Whether `input` passes the filter. The input must be of the dialect's kind
    /// ([`InputError::WrongKind`]); an EventBridge event must be JSON text of an object. An
    /// SNS body that is not a JSON object never passes a `MessageBody` policy.
    pub fn matches(&self, input: Input<'_>) -> Result<bool, InputError> {
        let mut buf = String::new();
        let projected = projection::project(self.dialect, input, &mut buf, None, true)?;
        let Some(pattern) = &self.compiled else {
            return Ok(true);
        };
        let text = match projected {
            Projection::Never => return Ok(false),
            Projection::Borrowed(text) => text,
            Projection::Written => buf.as_str(),
        };
        if self.dialect == Dialect::EventBridge {
            return pattern
                .matches_json(text)
                .map_err(|e| InputError::Invalid(e.to_string()));
        }
        if self.dialect == Dialect::SnsBody && !json::is_valid(text) {
            return Ok(false);
        }
        match json::parse(text, json::lexer::DEFAULT_MAX_DEPTH) {
            Ok(doc) => Ok(pattern.matches_document(&doc)),
            Err(_) if self.dialect == Dialect::SnsBody => Ok(false),
            Err(e) => Err(InputError::Invalid(e.message)),
        }
    }
}
