//! Finding event patterns in files and checking them offline: what `evmatch validate` runs on.
//!
//! Three kinds of file hold patterns ([`FileKind`]):
//!
//! * a **pattern file**: the whole file is one pattern, passed to the pattern parser verbatim
//!   (trailing newline included, exactly as `aws events … --event-pattern file://…` sends it);
//! * a **JSON Lines file** (`.jsonl`, `.ndjson`): one pattern per line, blank lines skipped;
//! * a **CloudFormation / SAM template** (JSON or YAML): every property named `EventPattern`, at
//!   any depth, is a pattern; so is `Pattern` in the `Properties` of a SAM event source whose
//!   `Type` is `EventBridgeRule` or `CloudWatchEvent`, and `Pattern` in the
//!   `FilterCriteria.Filters[*]` of an `AWS::Pipes::Pipe`. A pattern given as a mapping is
//!   serialized to compact JSON text (numbers keep their source spelling); a pattern given as a
//!   string is taken as the JSON text itself.
//!
//! [`patterns_in`] turns a file's text into [`FoundPattern`]s; [`check`] validates one with
//! [`Pattern::parse`](evmatch::Pattern::parse) and yields a [`Finding`]; [`validate_file`] does
//! both for a path; [`pattern_files`] lists the files of a directory.
//!
//! In a template, [`validate_text`] also checks the other settings of rules ([`Subject`]):
//! schedule expressions as `PutRule` does and target inputs as `PutTargets` does; and the
//! filters of other services in their [dialects](evmatch::dialect::Dialect): SNS subscriptions'
//! `FilterPolicy` (with `FilterPolicyScope`), Lambda event source mappings' and SAM event
//! sources' `FilterCriteria`, and pipes' filters ([`Subject::FilterPolicy`],
//! [`Subject::FilterPattern`]). A pipe's filter is found with the patterns and carries its
//! Pipes dialect in [`FoundPattern::dialect`]; the others are found by `filters`.
//!
//! The parts: `json` and `yaml` read a template into the positioned document `tree` (`yaml`
//! with `flow_indent` for the flow collections YAML 1.2 refuses and CloudFormation accepts),
//! `cloudformation` finds the patterns in it, `filters` the SNS and Lambda filters and the
//! source of a pipe, `intrinsics` decides where an intrinsic
//! function's value can be assumed, `rule_checks` checks the rules' other settings, `walk`
//! lists a directory.
//!
//! Invariants:
//!
//! * Positions are 1-based `line:column`. For a pattern file and for JSON Lines the pattern text
//!   is a verbatim slice of the file, so an error location reported by the pattern parser maps
//!   onto the file ([`FoundPattern::position_of`]). For templates the text is re-serialized, so a
//!   finding points at the start of the pattern's value in the template.
//! * A template pattern that uses a CloudFormation intrinsic function anywhere inside it (a short
//!   form tag such as `!Sub`, or a one-key mapping `Ref` / `Fn::…`) cannot be resolved offline:
//!   it is reported as [`Outcome::Skipped`], never as invalid — unless [`Intrinsics::Unknown`]
//!   is asked for and every function stands where any string it gives is as valid as another;
//!   then the pattern is checked with stand-ins.
//! * Nothing here panics on malformed input: unreadable files, bad UTF-8, unparseable templates
//!   and YAML templates whose aliases expand beyond the budget ([`MAX_YAML_ALIASES`],
//!   [`MAX_YAML_ALIAS_NODES`]) are [`FileError`]s; a pattern that does not parse is an
//!   [`Outcome::Invalid`].
//! * The order of findings is the order of the patterns in the file.
//! * No recursion follows the input: readers, search and directory walk use explicit stacks, so
//!   nesting depth costs heap, not stack.
//!
//! Costs: linear in the file for pattern files and JSON Lines (plus the pattern parser's own
//! cost per pattern). For a template: linear in the file to read it, then the search visits the
//! document as expanded through YAML aliases, which the alias budget bounds; each pattern found
//! costs its size and the length of its JSON Pointer.
//!
//! ```
//! use evmatch_cli::discovery::{patterns_in, FileKind};
//!
//! let template = "\
//! Resources:
//!   OnStop:
//!     Type: AWS::Events::Rule
//!     Properties:
//!       EventPattern:
//!         source: [aws.ec2]
//!         detail:
//!           state: [stopped]
//!   WithSub:
//!     Type: AWS::Events::Rule
//!     Properties:
//!       EventPattern: !Sub '{\"account\": [\"${AWS::AccountId}\"]}'
//! ";
//! let found = patterns_in(template, FileKind::Template).unwrap();
//! assert_eq!(found.len(), 2);
//! assert_eq!(found[0].text, r#"{"source":["aws.ec2"],"detail":{"state":["stopped"]}}"#);
//! assert_eq!((found[0].line, found[0].column), (6, 9));
//! assert_eq!(found[0].pointer, "/Resources/OnStop/Properties/EventPattern");
//! assert_eq!(found[1].intrinsic.as_deref(), Some("!Sub"));
//! ```

mod cloudformation;
mod filters;
mod flow_indent;
mod intrinsics;
mod json;
mod rule_checks;
mod tree;
mod walk;
mod yaml;

use std::fmt;
use std::path::Path;

use evmatch::Error;
use evmatch::dialect::{Dialect, Filter, FilterError, FilterOptions, SnsApi};

pub use walk::pattern_files;
pub use yaml::{MAX_YAML_ALIAS_NODES, MAX_YAML_ALIASES};

/// How a file holds its patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The whole file is one pattern.
    Pattern,
    /// JSON Lines: one pattern per line; blank lines are skipped.
    JsonLines,
    /// A CloudFormation or SAM template, JSON or YAML.
    Template,
}

impl FileKind {
    /// Detect the kind of a file from its name and text.
    ///
    /// `.jsonl` / `.ndjson` are JSON Lines; `.yaml` / `.yml` are templates; a JSON object whose
    /// top level has `Resources`, `AWSTemplateFormatVersion` or `Transform` is a template; any
    /// other file is one pattern. A file with another extension that is not JSON but parses as
    /// a YAML mapping with one of those keys is a template too.
    pub fn detect(path: &Path, text: &str) -> FileKind {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "jsonl" | "ndjson" => return FileKind::JsonLines,
            "yaml" | "yml" => return FileKind::Template,
            _ => {}
        }
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('{') {
            return match json::parse(text) {
                Ok(doc) if cloudformation::is_template(&doc) => FileKind::Template,
                Ok(_) => FileKind::Pattern,
                // Broken JSON: report it as a template error only when it clearly is one.
                Err(_) if text.contains("\"AWSTemplateFormatVersion\"") => FileKind::Template,
                Err(_) => FileKind::Pattern,
            };
        }
        if ext != "json"
            && matches!(yaml::parse(text), Ok(doc) if cloudformation::is_template(&doc))
        {
            return FileKind::Template;
        }
        FileKind::Pattern
    }
}

/// One pattern found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FoundPattern {
    /// The pattern JSON text, as EventBridge would receive it. Empty when
    /// [`intrinsic`](Self::intrinsic) is set.
    pub text: String,
    /// 1-based line where the pattern starts in the file.
    pub line: usize,
    /// 1-based column where the pattern starts in the file.
    pub column: usize,
    /// JSON Pointer of the pattern inside a template (`/Resources/Rule/Properties/EventPattern`);
    /// empty for pattern files and JSON Lines.
    pub pointer: String,
    /// The CloudFormation intrinsic function the pattern uses (`!Sub`, `Fn::Join`, `Ref`, …),
    /// when it uses one: such a pattern cannot be checked offline as written.
    pub intrinsic: Option<String>,
    /// For a pattern with [`intrinsic`](Self::intrinsic) set: `Ok` with the pattern text where
    /// every intrinsic function stands for an unknown string, when that is sound (see
    /// [`Intrinsics::Unknown`]); else `Err((function, why))`, `why` a clause to follow the
    /// function's name (`" for the whole pattern"`).
    pub assumed: Option<Result<String, (String, String)>>,
    /// File position of the first character of `text`, when `text` is a verbatim slice of the
    /// file (pattern files, JSON Lines).
    verbatim_at: Option<(usize, usize)>,
    /// The filter language the pattern is checked in: [`Dialect::EventBridge`] for an event
    /// pattern, a Pipes dialect for a pipe's filter (from the pipe's source).
    pub dialect: Dialect,
}

impl FoundPattern {
    /// The file position to report for `err`, an error from parsing this pattern.
    ///
    /// When the pattern text is a verbatim part of the file and the error carries a parser
    /// location, that location is translated to a file position; otherwise it is the pattern's
    /// start.
    pub fn position_of(&self, err: &Error) -> (usize, usize) {
        let loc = match err {
            Error::InvalidEventPattern(pe) => pe.locations().first().copied(),
            _ => None,
        };
        match (self.verbatim_at, loc.map(|at| (at.line, at.column))) {
            (Some((line, column)), Some((l, c))) if l >= 1 && c >= 1 => {
                if l == 1 {
                    (line, column + c - 1)
                } else if self.single_line() {
                    // A JSON Lines entry with a stray '\r' inside: stay on the entry's line.
                    (self.line, self.column)
                } else {
                    (line + l - 1, c)
                }
            }
            _ => (self.line, self.column),
        }
    }

    fn single_line(&self) -> bool {
        !self.text.contains('\n')
    }
}

/// The result of checking one pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The pattern is valid.
    Valid,
    /// The pattern was rejected; the error is exactly what EventBridge returns.
    Invalid(Error),
    /// The pattern uses this CloudFormation intrinsic function and cannot be checked offline.
    Skipped(String),
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Subject {
    /// An event pattern.
    EventPattern,
    /// A rule's schedule expression (`ScheduleExpression`, or a SAM `Schedule` /
    /// `ScheduleV2` event source's), checked as `PutRule` checks it.
    ScheduleExpression,
    /// A target's input settings (`Input`, `InputPath`, `InputTransformer`, of a rule target or
    /// a SAM event source), checked as `PutTargets` checks them.
    Target,
    /// An SNS subscription's `FilterPolicy` (of an `AWS::SNS::Subscription` or a SAM `SNS`
    /// event source) in the dialect its `FilterPolicyScope` names, checked as SNS's `Subscribe`
    /// checks it; or that `FilterPolicyScope` itself when SNS would refuse it.
    FilterPolicy,
    /// A Lambda event-source-mapping filter (of an `AWS::Lambda::EventSourceMapping` or a SAM
    /// event source) or an EventBridge Pipes filter: `FilterCriteria.Filters[*].Pattern`, in
    /// the dialect of its event source.
    FilterPattern,
}

impl Subject {
    /// A stable identifier: `event-pattern`, `schedule-expression`, `target-input` (the rule id
    /// of the JSON and SARIF reports).
    pub fn id(self) -> &'static str {
        match self {
            Subject::EventPattern => "event-pattern",
            Subject::ScheduleExpression => "schedule-expression",
            Subject::Target => "target-input",
            Subject::FilterPolicy => "filter-policy",
            Subject::FilterPattern => "filter-pattern",
        }
    }

    /// Whether this is a filter of a service other than EventBridge.
    pub fn is_filter(self) -> bool {
        matches!(self, Subject::FilterPolicy | Subject::FilterPattern)
    }

    /// How a note names it: `pattern`, `schedule expression`, `target input`.
    pub fn noun(self) -> &'static str {
        match self {
            Subject::EventPattern => "pattern",
            Subject::ScheduleExpression => "schedule expression",
            Subject::Target => "target input",
            Subject::FilterPolicy => "filter policy",
            Subject::FilterPattern => "filter",
        }
    }
}

/// A checked pattern (or rule setting) and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// The file, as given by the caller.
    pub path: String,
    /// 1-based line to report: the error location for an invalid pattern when it maps onto the
    /// file, else the pattern's start.
    pub line: usize,
    /// 1-based column to report (see [`line`](Self::line)).
    pub column: usize,
    /// JSON Pointer of the pattern inside a template; empty otherwise.
    pub pointer: String,
    /// What checking the pattern gave.
    pub outcome: Outcome,
    /// What was checked: an event pattern, or another setting of a rule in a template.
    pub subject: Subject,
    /// For a skipped finding under [`Intrinsics::Unknown`]: why the function's value cannot be
    /// assumed, a clause that follows its name in the message.
    pub note: Option<String>,
    /// For an invalid filter of another service: that service's error code
    /// (`InvalidParameter`, `InvalidParameterValueException`, …), which the outcome's error
    /// (carrying the service's message) does not know.
    pub service_code: Option<String>,
}

impl Finding {
    /// The AWS error code of an invalid finding: the service's for a filter, else the error's.
    pub fn code(&self) -> Option<&str> {
        match (&self.service_code, &self.outcome) {
            (Some(code), Outcome::Invalid(_)) => Some(code),
            (None, Outcome::Invalid(e)) => Some(e.code().as_str()),
            _ => None,
        }
    }
}

impl Finding {
    /// The one-line message for this finding: AWS's reason line (`Event pattern is not valid.
    /// Reason: …`) for an invalid pattern, a note for a skipped one, `valid` otherwise.
    pub fn message(&self) -> String {
        match &self.outcome {
            Outcome::Valid => "valid".to_owned(),
            Outcome::Invalid(err) => reason_line(err),
            Outcome::Skipped(name) => format!(
                "skipped: {} uses the CloudFormation intrinsic function {name}{} and cannot be \
                 checked offline",
                self.subject.noun(),
                self.note.as_deref().unwrap_or_default()
            ),
        }
    }
}

/// `path:line:column: message`.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path,
            self.line,
            self.column,
            self.message()
        )
    }
}

/// The first line of an error's message: `pe.summary()` for a pattern error.
pub fn reason_line(err: &Error) -> String {
    match err {
        Error::InvalidEventPattern(pe) => pe.summary(),
        other => other
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
    }
}

/// Why a file could not be searched for patterns.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// The file could not be read.
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    /// The file is not UTF-8.
    #[error("file is not valid UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The template is not valid JSON or YAML.
    #[error("cannot parse template: {message}")]
    Parse {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// The parser's description.
        message: String,
    },
    /// The YAML template's aliases would expand it beyond the budget ([`MAX_YAML_ALIASES`]
    /// aliases, [`MAX_YAML_ALIAS_NODES`] added nodes).
    #[error("YAML alias expansion over budget: {message}")]
    AliasBudgetExceeded {
        /// 1-based line of the alias that crossed the budget.
        line: usize,
        /// 1-based column of that alias.
        column: usize,
        /// Which limit it crossed.
        message: String,
    },
}

impl FileError {
    /// The 1-based `(line, column)` of a parse or alias-budget error.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            FileError::Parse { line, column, .. }
            | FileError::AliasBudgetExceeded { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// Find the patterns in `text`, a file of the given kind.
pub fn patterns_in(text: &str, kind: FileKind) -> Result<Vec<FoundPattern>, FileError> {
    match kind {
        FileKind::Pattern => {
            let (line, column) = first_non_space(text, 1, 1);
            Ok(vec![FoundPattern {
                text: text.to_owned(),
                line,
                column,
                pointer: String::new(),
                intrinsic: None,
                assumed: None,
                verbatim_at: Some((1, 1)),
                dialect: Dialect::EventBridge,
            }])
        }
        FileKind::JsonLines => Ok(text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                let l = l.strip_suffix('\r').unwrap_or(l);
                let (line, column) = first_non_space(l, i + 1, 1);
                FoundPattern {
                    text: l.to_owned(),
                    line,
                    column,
                    pointer: String::new(),
                    intrinsic: None,
                    assumed: None,
                    verbatim_at: Some((i + 1, 1)),
                    dialect: Dialect::EventBridge,
                }
            })
            .collect()),
        FileKind::Template => Ok(cloudformation::find_patterns(&template(text)?)),
    }
}

/// What to do with a template pattern that uses intrinsic functions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Intrinsics {
    /// Skip it (the default).
    #[default]
    Skip,
    /// Check it with each function standing for an unknown string where that is sound (a
    /// function that gives one string, as an element of a field's list of values or the
    /// operand of `prefix`, `suffix`, `equals-ignore-case` or `anything-but`); skip it, saying
    /// why, otherwise.
    Unknown,
}

/// Check one found pattern (a pattern with an intrinsic function is skipped).
pub fn check(path: &str, found: &FoundPattern) -> Finding {
    check_with(path, found, Intrinsics::Skip)
}

/// Check one found pattern, treating intrinsic functions as `intrinsics` says.
pub fn check_with(path: &str, found: &FoundPattern, intrinsics: Intrinsics) -> Finding {
    let mut note = None;
    let mut service_code = None;
    let mut parsed = |text: &str| {
        if found.dialect != Dialect::EventBridge {
            // CloudFormation subscribes with the policy among the attributes; a policy file is
            // checked as the line protocol's default, `SetSubscriptionAttributes`.
            let api = if found.pointer.is_empty() {
                SnsApi::SetSubscriptionAttributes
            } else {
                SnsApi::Subscribe
            };
            let (outcome, code) = check_filter(found.dialect, api, text);
            service_code = code;
            return (outcome, (found.line, found.column));
        }
        match evmatch::Pattern::parse(text) {
            Ok(_) => (Outcome::Valid, (found.line, found.column)),
            Err(err) => {
                let at = found.position_of(&err);
                (Outcome::Invalid(err), at)
            }
        }
    };
    let (outcome, (line, column)) = match (&found.intrinsic, &found.assumed, intrinsics) {
        (Some(_), Some(Ok(text)), Intrinsics::Unknown) => parsed(text),
        (Some(_), Some(Err((name, why))), Intrinsics::Unknown) => {
            note = Some(why.clone());
            (Outcome::Skipped(name.clone()), (found.line, found.column))
        }
        (Some(name), _, _) => (Outcome::Skipped(name.clone()), (found.line, found.column)),
        (None, _, _) => parsed(&found.text),
    };
    Finding {
        path: path.to_owned(),
        line,
        column,
        pointer: found.pointer.clone(),
        outcome,
        subject: subject_of(found.dialect),
        note,
        service_code,
    }
}

/// What a pattern checked in `dialect` is.
fn subject_of(dialect: Dialect) -> Subject {
    match dialect.service() {
        evmatch::dialect::Service::EventBridge => Subject::EventPattern,
        evmatch::dialect::Service::Sns => Subject::FilterPolicy,
        _ => Subject::FilterPattern,
    }
}

/// Check the filter `text` in `dialect`: the outcome, and the service's error code if
/// invalid. An SNS policy is checked as `api` sends it.
///
/// The error carries the service's message; where the service gives no reason (Lambda, Pipes:
/// `Invalid filter pattern definition.`), the engine's reason follows it in parentheses,
/// `(evmatch: <reason>)`, so that the finding says what to fix.
fn check_filter(dialect: Dialect, api: SnsApi, text: &str) -> (Outcome, Option<String>) {
    let options = FilterOptions::default().with_sns_api(api);
    match Filter::parse_with(dialect, text, &options) {
        Ok(_) => (Outcome::Valid, None),
        Err(err) => (
            Outcome::Invalid(Error::Validation(filter_message(&err))),
            Some(err.code().to_owned()),
        ),
    }
}

/// A filter error's message (first line, then the location lines), with the engine's reason
/// added when the service's message does not say it.
pub fn filter_message(err: &FilterError) -> String {
    let mut first = err.message().to_owned();
    if let Some(reason) = err.reason()
        && !first.contains(reason)
    {
        first.push_str(&format!(" (evmatch: {reason})"));
    }
    match err.location() {
        Some(location) => format!("{first}\n{location}"),
        None => first,
    }
}

/// Find and check every pattern in `text`; `path` labels the findings.
///
/// In a template, the other settings of rules are checked too ([`Subject`]); findings come in
/// the order of their positions.
pub fn validate_text(path: &str, text: &str, kind: FileKind) -> Result<Vec<Finding>, FileError> {
    validate_text_with(path, text, kind, Intrinsics::Skip)
}

/// [`validate_text`], treating intrinsic functions as `intrinsics` says.
///
/// ```
/// use evmatch_cli::discovery::{validate_text_with, FileKind, Intrinsics, Outcome, Subject};
///
/// let template = "\
/// Resources:
///   Rule:
///     Type: AWS::Events::Rule
///     Properties:
///       ScheduleExpression: rate(1 minutes)
///       EventPattern:
///         account: [!Ref AWS::AccountId]
/// ";
/// let findings =
///     validate_text_with("t.yaml", template, FileKind::Template, Intrinsics::Unknown).unwrap();
/// assert_eq!(findings[0].subject, Subject::ScheduleExpression);
/// assert_eq!(
///     findings[0].to_string(),
///     "t.yaml:5:27: Parameter ScheduleExpression is not valid."
/// );
/// // `!Ref AWS::AccountId` gives one string, and any string is a valid list element.
/// assert_eq!(findings[1].subject, Subject::EventPattern);
/// assert_eq!(findings[1].outcome, Outcome::Valid);
/// ```
pub fn validate_text_with(
    path: &str,
    text: &str,
    kind: FileKind,
    intrinsics: Intrinsics,
) -> Result<Vec<Finding>, FileError> {
    if kind != FileKind::Template {
        return Ok(patterns_in(text, kind)?
            .iter()
            .map(|found| check(path, found))
            .collect());
    }
    let doc = template(text)?;
    let mut findings: Vec<Finding> = cloudformation::find_patterns(&doc)
        .iter()
        .map(|found| check_with(path, found, intrinsics))
        .collect();
    let others = rule_checks::rule_findings(&doc);
    let filters = filters::find_filters(&doc, &intrinsics::list_parameters(&doc));
    if !others.is_empty() || !filters.is_empty() {
        findings.extend(others.into_iter().map(|f| Finding {
            path: path.to_owned(),
            line: f.line,
            column: f.column,
            pointer: f.pointer,
            outcome: f.outcome,
            subject: f.subject,
            note: None,
            service_code: None,
        }));
        findings.extend(
            filters
                .into_iter()
                .map(|f| filter_finding(path, f, intrinsics)),
        );
        // Stable: patterns keep their order among themselves.
        findings.sort_by_key(|f| (f.line, f.column));
    }
    Ok(findings)
}

/// The finding of an SNS policy or Lambda filter found in a template.
fn filter_finding(path: &str, filter: filters::FoundFilter, intrinsics: Intrinsics) -> Finding {
    let mut found = filter.found;
    match filter.kind {
        filters::FilterKind::Dialect(dialect) => {
            found.dialect = dialect;
            check_with(path, &found, intrinsics)
        }
        filters::FilterKind::ScopeIntrinsic(name) => Finding {
            path: path.to_owned(),
            line: found.line,
            column: found.column,
            pointer: found.pointer,
            outcome: Outcome::Skipped(name),
            subject: Subject::FilterPolicy,
            note: Some(" in its FilterPolicyScope".to_owned()),
            service_code: None,
        },
        filters::FilterKind::BadScope(scope) => {
            // `from_sns_scope` refuses what `find_filters` found refused.
            let err = Dialect::from_sns_scope(&scope).err();
            Finding {
                path: path.to_owned(),
                line: found.line,
                column: found.column,
                pointer: found.pointer,
                outcome: Outcome::Invalid(Error::Validation(
                    err.as_ref().map(filter_message).unwrap_or_default(),
                )),
                subject: Subject::FilterPolicy,
                note: None,
                service_code: err.map(|e| e.code().to_owned()),
            }
        }
    }
}

/// Read a template, JSON or YAML.
fn template(text: &str) -> Result<tree::Document, FileError> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('{') {
        json::parse(text)
    } else {
        yaml::parse(text)
    }
}

/// Read `path`, detect its kind and check every pattern in it.
pub fn validate_file(path: &Path) -> Result<Vec<Finding>, FileError> {
    validate_file_with(path, Intrinsics::Skip)
}

/// [`validate_file`], treating intrinsic functions as `intrinsics` says.
pub fn validate_file_with(path: &Path, intrinsics: Intrinsics) -> Result<Vec<Finding>, FileError> {
    validate_file_in(path, intrinsics, Dialect::EventBridge)
}

/// [`validate_file_with`], a pattern file or a JSON Lines file holding filters of `dialect`
/// (an SNS policy is checked as `SetSubscriptionAttributes` sends it); a template says itself
/// which dialect each of its filters is in.
///
/// ```no_run
/// use evmatch::dialect::Dialect;
/// use evmatch_cli::discovery::{validate_file_in, Intrinsics};
///
/// let findings = validate_file_in("policy.json".as_ref(), Intrinsics::Unknown, Dialect::SnsBody)?;
/// # Ok::<(), evmatch_cli::discovery::FileError>(())
/// ```
pub fn validate_file_in(
    path: &Path,
    intrinsics: Intrinsics,
    dialect: Dialect,
) -> Result<Vec<Finding>, FileError> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8(bytes).map_err(|e| FileError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })?;
    let kind = FileKind::detect(path, &text);
    let name = path.display().to_string();
    if kind == FileKind::Template || dialect == Dialect::EventBridge {
        return validate_text_with(&name, &text, kind, intrinsics);
    }
    Ok(patterns_in(&text, kind)?
        .into_iter()
        .map(|mut found| {
            found.dialect = dialect;
            check(&name, &found)
        })
        .collect())
}

/// The position of the first non-whitespace character of `text`, which starts at `line:column`.
fn first_non_space(text: &str, mut line: usize, mut column: usize) -> (usize, usize) {
    for c in text.chars() {
        match c {
            '\n' => {
                line += 1;
                column = 1;
            }
            ' ' | '\t' | '\r' => column += 1,
            _ => return (line, column),
        }
    }
    (line, column)
}
