//! The report of `evmatch validate`: its findings and file errors, counted and written in the
//! formats CI systems read.
//!
//! A [`Report`] collects the [`Finding`]s of every file and the files that could not be checked
//! ([`FileFailure`]); besides the classic text output (a [`Finding`]'s `Display` and
//! [`failure_line`], written as the files are checked), it renders as
//!
//! * [`Report::json`]: one JSON object, `{"findings": […], "file_errors": […], "summary": {…}}`
//!   (the shape is documented on the method and in `docs/validate.md`);
//! * [`Report::sarif`]: a SARIF 2.1.0 log, which code-scanning services ingest;
//! * [`Report::github`]: GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`),
//!   which annotate the files of a pull request.
//!
//! Invariants: every format lists the same problems in the same order (files in the order
//! checked, findings in file order, then the file errors); valid findings appear only in the
//! JSON report. [`Report::summary`] and [`Report::exit_code`] are the same whatever the format.
//! Costs: linear in the findings.
//!
//! ```
//! use evmatch_cli::discovery::{validate_text, FileKind};
//! use evmatch_cli::report::Report;
//!
//! let mut report = Report::default();
//! report.add_findings(validate_text("p.json", r#"{"a": 1}"#, FileKind::Pattern).unwrap());
//! assert_eq!(
//!     report.github(),
//!     "::error file=p.json,line=1,col=8::Event pattern is not valid. Reason: \"a\" must be an \
//!      object or an array\n"
//! );
//! assert_eq!(report.summary(), "1 pattern checked: 0 valid, 1 invalid, 0 skipped");
//! assert_eq!(report.exit_code(), 1);
//! ```

use serde::Serialize;

use crate::discovery::{FileError, Finding, Outcome, Subject};

/// The SARIF schema a [`Report::sarif`] log names.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A file that could not be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileFailure {
    /// The file (or directory), as given.
    pub path: String,
    /// 1-based `(line, column)` of the problem, when known.
    pub position: Option<(usize, usize)>,
    /// What went wrong (`cannot parse template: …`).
    pub message: String,
}

impl FileFailure {
    /// A failure of `path` from a [`FileError`].
    pub fn from_error(path: &str, error: &FileError) -> Self {
        FileFailure {
            path: path.to_owned(),
            position: error.position(),
            message: error.to_string(),
        }
    }

    /// A failure of `path` with a message (`cannot read directory: …`).
    pub fn new(path: &str, message: String) -> Self {
        FileFailure {
            path: path.to_owned(),
            position: None,
            message,
        }
    }
}

/// Valid, invalid and skipped counts of one kind of check.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Counts {
    /// All of them ([`total`](Self::total)).
    pub checked: usize,
    /// Checked and valid.
    pub valid: usize,
    /// Checked and refused.
    pub invalid: usize,
    /// Not checked (an intrinsic function).
    pub skipped: usize,
}

impl Counts {
    /// All of them.
    pub fn total(&self) -> usize {
        self.checked
    }

    fn add(&mut self, outcome: &Outcome) {
        self.checked += 1;
        match outcome {
            Outcome::Valid => self.valid += 1,
            Outcome::Invalid(_) => self.invalid += 1,
            Outcome::Skipped(_) => self.skipped += 1,
        }
    }
}

/// Everything `evmatch validate` found.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Report {
    /// The findings, in the order the files were checked.
    pub findings: Vec<Finding>,
    /// The files that could not be checked.
    pub failures: Vec<FileFailure>,
}

impl Report {
    /// Add the findings of one file.
    pub fn add_findings(&mut self, findings: impl IntoIterator<Item = Finding>) {
        self.findings.extend(findings);
    }

    /// Add a file that could not be checked.
    pub fn add_failure(&mut self, failure: FileFailure) {
        self.failures.push(failure);
    }

    /// The counts of event patterns.
    pub fn patterns(&self) -> Counts {
        self.counts(|s| s == Subject::EventPattern)
    }

    /// The counts of the other rule settings (schedule expressions, target inputs).
    pub fn rule_settings(&self) -> Counts {
        self.counts(|s| s != Subject::EventPattern && !s.is_filter())
    }

    /// The counts of the filters of other services (SNS filter policies, Lambda and Pipes
    /// filters).
    pub fn filters(&self) -> Counts {
        self.counts(Subject::is_filter)
    }

    fn counts(&self, which: impl Fn(Subject) -> bool) -> Counts {
        let mut counts = Counts::default();
        for f in self.findings.iter().filter(|f| which(f.subject)) {
            counts.add(&f.outcome);
        }
        counts
    }

    /// The summary line: `N patterns checked: V valid, I invalid, S skipped`, then
    /// `; M rule settings checked: …` when a template had any, then `; F files could not be
    /// checked` when some could not.
    pub fn summary(&self) -> String {
        let p = self.patterns();
        let mut summary = format!(
            "{} {} checked: {} valid, {} invalid, {} skipped",
            p.total(),
            plural(p.total(), "pattern", "patterns"),
            p.valid,
            p.invalid,
            p.skipped
        );
        let f = self.filters();
        if f.total() > 0 {
            summary.push_str(&format!(
                "; {} {} checked: {} valid, {} invalid, {} skipped",
                f.total(),
                plural(f.total(), "filter", "filters"),
                f.valid,
                f.invalid,
                f.skipped
            ));
        }
        let r = self.rule_settings();
        if r.total() > 0 {
            summary.push_str(&format!(
                "; {} rule {} checked: {} valid, {} invalid, {} skipped",
                r.total(),
                plural(r.total(), "setting", "settings"),
                r.valid,
                r.invalid,
                r.skipped
            ));
        }
        let failed = self.failures.len();
        if failed > 0 {
            summary.push_str(&format!(
                "; {failed} {} could not be checked",
                plural(failed, "file", "files")
            ));
        }
        summary
    }

    /// 2 when a file could not be checked, else 1 when something is invalid, else 0.
    pub fn exit_code(&self) -> u8 {
        if !self.failures.is_empty() {
            2
        } else if self.findings.iter().any(is_invalid) {
            1
        } else {
            0
        }
    }

    /// The JSON report, pretty-printed:
    ///
    /// ```json
    /// {
    ///   "findings": [
    ///     {"file": "t.yaml", "line": 7, "column": 9, "pointer": "/Resources/R/Properties/EventPattern",
    ///      "check": "event-pattern", "result": "invalid", "code": "InvalidEventPatternException",
    ///      "message": "Event pattern is not valid. Reason: …"}
    ///   ],
    ///   "file_errors": [{"file": "b.yaml", "line": 3, "column": 1, "message": "cannot parse template: …"}],
    ///   "summary": {"patterns": {"checked": 1, "valid": 0, "invalid": 1, "skipped": 0},
    ///               "rule_settings": {"checked": 0, …}, "files_failed": 1, "exit_code": 2}
    /// }
    /// ```
    ///
    /// Every finding is listed, valid ones too (`"result": "valid"`, `"message": "valid"`).
    /// `check` is [`Subject::id`]; `result` is `valid`, `invalid` or `skipped`; `code` (AWS's
    /// error code) is there for invalid findings only; `pointer` is `""` outside templates. A
    /// file error's `line` and `column` are `null` when unknown.
    pub fn json(&self) -> String {
        let findings = self
            .findings
            .iter()
            .map(|f| JsonFinding {
                file: &f.path,
                line: f.line,
                column: f.column,
                pointer: &f.pointer,
                check: f.subject.id(),
                result: result(&f.outcome),
                code: f.code(),
                message: f.message(),
            })
            .collect();
        let file_errors = self
            .failures
            .iter()
            .map(|e| JsonFileError {
                file: &e.path,
                line: e.position.map(|p| p.0),
                column: e.position.map(|p| p.1),
                message: &e.message,
            })
            .collect();
        pretty(&JsonReport {
            findings,
            file_errors,
            summary: JsonSummary {
                patterns: self.patterns(),
                filters: self.filters(),
                rule_settings: self.rule_settings(),
                files_failed: self.failures.len(),
                exit_code: self.exit_code(),
            },
        })
    }

    /// A SARIF 2.1.0 log with one run of the `evmatch` tool: one result per invalid finding
    /// (level `error`, rule `event-pattern`, `schedule-expression` or `target-input`), skipped
    /// finding (level `note`) and file error (level `error`, rule `file-error`), each located by
    /// its file (a relative URI reference, as given) and, when known, its start line and
    /// column (in Unicode code points, as the run's `columnKind` says).
    pub fn sarif(&self) -> String {
        let mut results: Vec<SarifResult<'_>> = self
            .findings
            .iter()
            .filter(|f| !matches!(f.outcome, Outcome::Valid))
            .map(|f| {
                let level = if is_invalid(f) { "error" } else { "note" };
                let at = Some((f.line, f.column));
                sarif_result(f.subject.id(), level, f.message(), &f.path, at)
            })
            .collect();
        results.extend(self.failures.iter().map(|e| {
            sarif_result(
                "file-error",
                "error",
                e.message.clone(),
                &e.path,
                e.position,
            )
        }));
        let rules = SARIF_RULES
            .iter()
            .map(|&(id, text)| SarifRule {
                id,
                short_description: SarifText {
                    text: text.to_owned(),
                },
            })
            .collect();
        pretty(&SarifLog {
            schema: SARIF_SCHEMA,
            version: "2.1.0",
            runs: vec![SarifRun {
                tool: SarifTool {
                    driver: SarifDriver {
                        name: "evmatch",
                        version: env!("CARGO_PKG_VERSION"),
                        information_uri: env!("CARGO_PKG_REPOSITORY"),
                        rules,
                    },
                },
                column_kind: "unicodeCodePoints",
                results,
            }],
        })
    }

    /// GitHub Actions workflow commands, one line each: `::error file=…,line=…,col=…::message`
    /// per invalid finding and file error, `::notice …` per skipped finding. Property values
    /// escape `%`, `\r`, `\n`, `:` and `,`; messages escape `%`, `\r` and `\n`, as GitHub
    /// requires.
    pub fn github(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            let command = match f.outcome {
                Outcome::Valid => continue,
                Outcome::Invalid(_) => "error",
                Outcome::Skipped(_) => "notice",
            };
            out.push_str(&github_line(
                command,
                &f.path,
                Some((f.line, f.column)),
                &f.message(),
            ));
        }
        for e in &self.failures {
            out.push_str(&github_line("error", &e.path, e.position, &e.message));
        }
        out
    }
}

/// The JSON summary lists filters only when there were some (older reports have no member).
fn no_filters(counts: &Counts) -> bool {
    counts.total() == 0
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

fn is_invalid(f: &Finding) -> bool {
    matches!(f.outcome, Outcome::Invalid(_))
}

fn result(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Valid => "valid",
        Outcome::Invalid(_) => "invalid",
        Outcome::Skipped(_) => "skipped",
    }
}

/// The text line of a file error: `path:line:column: error: message`, or
/// `path: error: message` without a position.
pub fn failure_line(e: &FileFailure) -> String {
    match e.position {
        Some((line, column)) => format!("{}:{line}:{column}: error: {}", e.path, e.message),
        None => format!("{}: error: {}", e.path, e.message),
    }
}

fn pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("the report types always serialize");
    text.push('\n');
    text
}

/// The rules of the SARIF log: id and short description.
const SARIF_RULES: &[(&str, &str)] = &[
    (
        "event-pattern",
        "An event pattern EventBridge would refuse (PutRule, TestEventPattern).",
    ),
    (
        "schedule-expression",
        "A schedule expression EventBridge would refuse (PutRule).",
    ),
    (
        "target-input",
        "A target's Input, InputPath or InputTransformer EventBridge would refuse (PutTargets).",
    ),
    (
        "filter-policy",
        "An SNS subscription filter policy (or FilterPolicyScope) SNS would refuse (Subscribe).",
    ),
    (
        "filter-pattern",
        "A Lambda event source mapping or EventBridge Pipes filter the service would refuse.",
    ),
    ("file-error", "A file that could not be read or parsed."),
];

#[derive(Serialize)]
struct JsonReport<'a> {
    findings: Vec<JsonFinding<'a>>,
    file_errors: Vec<JsonFileError<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    pointer: &'a str,
    check: &'static str,
    result: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    message: String,
}

#[derive(Serialize)]
struct JsonFileError<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    patterns: Counts,
    #[serde(skip_serializing_if = "no_filters")]
    filters: Counts,
    rule_settings: Counts,
    files_failed: usize,
    exit_code: u8,
}

#[derive(Serialize)]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: SarifTool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct SarifTool {
    driver: SarifDriver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifDriver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<SarifRule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule {
    id: &'static str,
    short_description: SarifText,
}

#[derive(Serialize)]
struct SarifText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    level: &'static str,
    message: SarifText,
    locations: Vec<SarifLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: SarifPhysical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysical {
    artifact_location: SarifArtifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion>,
}

#[derive(Serialize)]
struct SarifArtifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: usize,
    start_column: usize,
}

fn sarif_result<'a>(
    rule: &'a str,
    level: &'static str,
    message: String,
    path: &str,
    position: Option<(usize, usize)>,
) -> SarifResult<'a> {
    SarifResult {
        rule_id: rule,
        level,
        message: SarifText { text: message },
        locations: vec![SarifLocation {
            physical_location: SarifPhysical {
                artifact_location: SarifArtifact {
                    uri: uri_reference(path),
                },
                region: position.map(|(start_line, start_column)| SarifRegion {
                    start_line,
                    start_column,
                }),
            },
        }],
    }
}

/// `path` as a URI reference: `\` becomes `/`, and every byte outside the unreserved
/// characters, `/` and `:` is percent-encoded.
pub fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One workflow command line.
fn github_line(
    command: &str,
    path: &str,
    position: Option<(usize, usize)>,
    message: &str,
) -> String {
    let mut line = format!("::{command} file={}", github_property(path));
    if let Some((l, c)) = position {
        line.push_str(&format!(",line={l},col={c}"));
    }
    line.push_str("::");
    line.push_str(&github_data(message));
    line.push('\n');
    line
}

/// A workflow command's message: `%`, `\r`, `\n` escaped.
pub fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as [`github_data`], and `:` and `,` too.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_data_and_properties() {
        assert_eq!(github_data("50%\r\nx: a,b"), "50%25%0D%0Ax: a,b");
        assert_eq!(github_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(
            github_line("error", "d/a,b:c.yaml", Some((3, 4)), "m: 100%"),
            "::error file=d/a%2Cb%3Ac.yaml,line=3,col=4::m: 100%25\n"
        );
        assert_eq!(
            github_line("error", "x.json", None, "m"),
            "::error file=x.json::m\n"
        );
    }

    #[test]
    fn uri_references_are_percent_encoded() {
        assert_eq!(uri_reference("a b\\c%d/é.yaml"), "a%20b/c%25d/%C3%A9.yaml");
    }
}
