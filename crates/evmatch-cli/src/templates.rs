//! Finding event patterns in files and checking them offline.
//!
//! This module is what `evmatch validate` runs on. It knows three kinds of file ([`FileKind`]):
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
//! both for a path.
//!
//! Invariants:
//!
//! * Positions are 1-based `line:column`. For a pattern file and for JSON Lines the pattern text
//!   is a verbatim slice of the file, so an error location reported by the pattern parser maps
//!   onto the file ([`FoundPattern::position_of`]). For templates the text is re-serialized, so a
//!   finding points at the start of the pattern's value in the template.
//! * A template pattern that uses a CloudFormation intrinsic function anywhere inside it (a short
//!   form tag such as `!Sub`, or a one-key mapping `Ref` / `Fn::…`) cannot be resolved offline:
//!   it is reported as [`Outcome::Skipped`], never as invalid.
//! * Nothing here panics on malformed input: unreadable files, bad UTF-8 and unparseable
//!   templates are [`TemplateError`]s; a pattern that does not parse is an [`Outcome::Invalid`].
//! * The order of findings is the order of the patterns in the file.
//!
//! ```
//! use evmatch_cli::templates::{patterns_in, FileKind};
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

use std::fmt;
use std::path::{Path, PathBuf};

use evmatch::{Error, Location};

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
            return match parse_json(text) {
                Ok(root) if has_template_keys(&root) => FileKind::Template,
                Ok(_) => FileKind::Pattern,
                // Broken JSON: report it as a template error only when it clearly is one.
                Err(_) if text.contains("\"AWSTemplateFormatVersion\"") => FileKind::Template,
                Err(_) => FileKind::Pattern,
            };
        }
        if ext != "json" && matches!(parse_yaml(text), Ok(root) if has_template_keys(&root)) {
            return FileKind::Template;
        }
        FileKind::Pattern
    }
}

fn has_template_keys(root: &Node) -> bool {
    match &root.kind {
        Kind::Object(members) => members.iter().any(|(k, _)| {
            matches!(
                k.as_str(),
                "Resources" | "AWSTemplateFormatVersion" | "Transform"
            )
        }),
        _ => false,
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
    /// when it uses one: such a pattern cannot be checked offline.
    pub intrinsic: Option<String>,
    /// File position of the first character of `text`, when `text` is a verbatim slice of the
    /// file (pattern files, JSON Lines).
    verbatim_at: Option<(usize, usize)>,
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
        match (self.verbatim_at, loc) {
            (Some((line, column)), Some(Location { line: l, column: c })) if l >= 1 && c >= 1 => {
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

/// A checked pattern and where it is.
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
}

impl Finding {
    /// The one-line message for this finding: AWS's reason line (`Event pattern is not valid.
    /// Reason: …`) for an invalid pattern, a note for a skipped one, `valid` otherwise.
    pub fn message(&self) -> String {
        match &self.outcome {
            Outcome::Valid => "valid".to_owned(),
            Outcome::Invalid(err) => reason_line(err),
            Outcome::Skipped(name) => format!(
                "skipped: pattern uses the CloudFormation intrinsic function {name} and cannot \
                 be checked offline"
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
pub enum TemplateError {
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
}

impl TemplateError {
    /// The 1-based `(line, column)` of a parse error.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            TemplateError::Parse { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// Find the patterns in `text`, a file of the given kind.
pub fn patterns_in(text: &str, kind: FileKind) -> Result<Vec<FoundPattern>, TemplateError> {
    match kind {
        FileKind::Pattern => {
            let (line, column) = first_non_space(text, 1, 1);
            Ok(vec![FoundPattern {
                text: text.to_owned(),
                line,
                column,
                pointer: String::new(),
                intrinsic: None,
                verbatim_at: Some((1, 1)),
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
                    verbatim_at: Some((i + 1, 1)),
                }
            })
            .collect()),
        FileKind::Template => {
            let body = text.trim_start_matches('\u{feff}').trim_start();
            let root = if body.starts_with('{') {
                parse_json(text)?
            } else {
                parse_yaml(text)?
            };
            let mut found = Vec::new();
            walk(&root, &mut Vec::new(), Ctx::default(), &mut found);
            Ok(found)
        }
    }
}

/// Check one found pattern.
pub fn check(path: &str, found: &FoundPattern) -> Finding {
    let (outcome, (line, column)) = match &found.intrinsic {
        Some(name) => (Outcome::Skipped(name.clone()), (found.line, found.column)),
        None => match evmatch::Pattern::parse(&found.text) {
            Ok(_) => (Outcome::Valid, (found.line, found.column)),
            Err(err) => {
                let at = found.position_of(&err);
                (Outcome::Invalid(err), at)
            }
        },
    };
    Finding {
        path: path.to_owned(),
        line,
        column,
        pointer: found.pointer.clone(),
        outcome,
    }
}

/// Find and check every pattern in `text`; `path` labels the findings.
pub fn validate_text(
    path: &str,
    text: &str,
    kind: FileKind,
) -> Result<Vec<Finding>, TemplateError> {
    Ok(patterns_in(text, kind)?
        .iter()
        .map(|found| check(path, found))
        .collect())
}

/// Read `path`, detect its kind and check every pattern in it.
pub fn validate_file(path: &Path) -> Result<Vec<Finding>, TemplateError> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8(bytes).map_err(|e| TemplateError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })?;
    let kind = FileKind::detect(path, &text);
    validate_text(&path.display().to_string(), &text, kind)
}

/// The files `evmatch validate` checks under `dir`: every `*.json`, `*.jsonl`, `*.ndjson`,
/// `*.yaml` and `*.yml`, recursively, in sorted order, skipping entries whose name starts with
/// a dot.
pub fn pattern_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    collect_files(dir, &mut out)?;
    Ok(out)
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?;
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, out)?;
        } else if let Some(ext) = path.extension().and_then(|e| e.to_str())
            && matches!(
                ext.to_ascii_lowercase().as_str(),
                "json" | "jsonl" | "ndjson" | "yaml" | "yml"
            )
        {
            out.push(path);
        }
    }
    Ok(())
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

// ---------------------------------------------------------------------------------------------
// Document tree shared by the JSON and YAML readers.

#[derive(Debug, Clone)]
struct Node {
    line: usize,
    column: usize,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    Null,
    Bool(bool),
    /// A JSON number, spelled as in the source when the source spelling is valid JSON.
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
    /// A YAML short-form intrinsic (`!Ref`, `!Sub`, …), by tag.
    Tagged(String),
}

#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    /// Inside the `Properties` of a SAM `EventBridgeRule` / `CloudWatchEvent` event source.
    sam_event_properties: bool,
    /// Inside an `AWS::Pipes::Pipe` resource.
    in_pipe: bool,
}

fn walk(node: &Node, path: &mut Vec<String>, ctx: Ctx, out: &mut Vec<FoundPattern>) {
    match &node.kind {
        Kind::Object(members) => {
            let type_of = members.iter().find_map(|(k, v)| match (&**k, &v.kind) {
                ("Type", Kind::String(t)) => Some(t.as_str()),
                _ => None,
            });
            let is_sam_event = matches!(type_of, Some("EventBridgeRule" | "CloudWatchEvent"));
            let in_pipe = ctx.in_pipe || type_of == Some("AWS::Pipes::Pipe");
            // `…/FilterCriteria/Filters/<n>` of a pipe: its `Pattern` is an event pattern.
            let n = path.len();
            let is_pipe_filter =
                in_pipe && n >= 3 && path[n - 3] == "FilterCriteria" && path[n - 2] == "Filters";
            for (key, value) in members {
                let is_pattern = key == "EventPattern"
                    || (key == "Pattern" && (ctx.sam_event_properties || is_pipe_filter));
                path.push(key.clone());
                if is_pattern {
                    out.push(found_in_template(value, path));
                } else {
                    let child = Ctx {
                        sam_event_properties: is_sam_event && key == "Properties",
                        in_pipe,
                    };
                    walk(value, path, child, out);
                }
                path.pop();
            }
        }
        Kind::Array(items) => {
            let child = Ctx {
                sam_event_properties: false,
                ..ctx
            };
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                walk(item, path, child, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn found_in_template(value: &Node, path: &[String]) -> FoundPattern {
    let pointer = path.iter().fold(String::new(), |mut acc, seg| {
        acc.push('/');
        acc.push_str(&seg.replace('~', "~0").replace('/', "~1"));
        acc
    });
    let intrinsic = find_intrinsic(value);
    let text = match (&intrinsic, &value.kind) {
        (Some(_), _) => String::new(),
        (None, Kind::String(s)) => s.clone(),
        (None, _) => {
            let mut s = String::new();
            write_compact(value, &mut s);
            s
        }
    };
    FoundPattern {
        text,
        line: value.line,
        column: value.column,
        pointer,
        intrinsic,
        verbatim_at: None,
    }
}

fn find_intrinsic(node: &Node) -> Option<String> {
    match &node.kind {
        Kind::Tagged(tag) => Some(tag.clone()),
        Kind::Object(members) => {
            if let [(key, _)] = members.as_slice()
                && (key == "Ref" || key.starts_with("Fn::"))
            {
                return Some(key.clone());
            }
            members.iter().find_map(|(_, v)| find_intrinsic(v))
        }
        Kind::Array(items) => items.iter().find_map(find_intrinsic),
        _ => None,
    }
}

fn write_compact(node: &Node, out: &mut String) {
    match &node.kind {
        Kind::Null | Kind::Tagged(_) => out.push_str("null"),
        Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Kind::Number(n) => out.push_str(n),
        Kind::String(s) => out.push_str(&json_string(s)),
        Kind::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Kind::Object(members) => {
            out.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&json_string(k));
                out.push(':');
                write_compact(v, out);
            }
            out.push('}');
        }
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

// ---------------------------------------------------------------------------------------------
// JSON reader with positions. serde_json validates the text first (and bounds its depth), so
// the scanner below only ever sees well-formed JSON; it still fails softly, never panics.

fn parse_json(text: &str) -> Result<Node, TemplateError> {
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        return Err(TemplateError::Parse {
            line: e.line().max(1),
            column: e.column().max(1),
            message: strip_serde_position(&e.to_string()),
        });
    }
    let mut p = JsonScanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        line_start: 0,
    };
    if p.bytes.starts_with("\u{feff}".as_bytes()) {
        p.pos = 3;
        p.line_start = 3;
    }
    p.value().ok_or_else(|| TemplateError::Parse {
        line: p.line,
        column: p.column(),
        message: "malformed JSON".to_owned(),
    })
}

fn strip_serde_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

struct JsonScanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
}

impl JsonScanner<'_> {
    fn column(&self) -> usize {
        self.text
            .get(self.line_start..self.pos)
            .map_or(1, |s| s.chars().count() + 1)
    }

    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.line_start = self.pos;
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                _ => break,
            }
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.skip_ws();
        (self.bytes.get(self.pos) == Some(&b)).then(|| self.pos += 1)
    }

    fn value(&mut self) -> Option<Node> {
        self.skip_ws();
        let (line, column) = (self.line, self.column());
        let kind =
            match *self.bytes.get(self.pos)? {
                b'{' => {
                    self.pos += 1;
                    let mut members = Vec::new();
                    if self.eat(b'}').is_none() {
                        loop {
                            self.skip_ws();
                            let key = self.string()?;
                            self.eat(b':')?;
                            members.push((key, self.value()?));
                            if self.eat(b',').is_none() {
                                self.eat(b'}')?;
                                break;
                            }
                        }
                    }
                    Kind::Object(members)
                }
                b'[' => {
                    self.pos += 1;
                    let mut items = Vec::new();
                    if self.eat(b']').is_none() {
                        loop {
                            items.push(self.value()?);
                            if self.eat(b',').is_none() {
                                self.eat(b']')?;
                                break;
                            }
                        }
                    }
                    Kind::Array(items)
                }
                b'"' => Kind::String(self.string()?),
                b't' => self.word("true", Kind::Bool(true))?,
                b'f' => self.word("false", Kind::Bool(false))?,
                b'n' => self.word("null", Kind::Null)?,
                _ => {
                    let start = self.pos;
                    while self.bytes.get(self.pos).is_some_and(|b| {
                        matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                    }) {
                        self.pos += 1;
                    }
                    if start == self.pos {
                        return None;
                    }
                    Kind::Number(self.text.get(start..self.pos)?.to_owned())
                }
            };
        Some(Node { line, column, kind })
    }

    fn word(&mut self, word: &str, kind: Kind) -> Option<Kind> {
        let end = self.pos + word.len();
        (self.bytes.get(self.pos..end)? == word.as_bytes()).then(|| {
            self.pos = end;
            kind
        })
    }

    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        if self.bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        self.pos += 1;
        loop {
            match *self.bytes.get(self.pos)? {
                b'"' => break,
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        serde_json::from_str(self.text.get(start..self.pos)?).ok()
    }
}

// ---------------------------------------------------------------------------------------------
// YAML reader with positions, on yaml-rust2's event parser. Tags are kept, so CloudFormation
// short forms (`!Ref`, `!Sub`, `!GetAtt`, …) parse and are recognised as intrinsics.

fn parse_yaml(text: &str) -> Result<Node, TemplateError> {
    use yaml_rust2::parser::Parser;
    let mut builder = YamlBuilder {
        chars: text.chars().collect(),
        stack: Vec::new(),
        anchors: Vec::new(),
        root: None,
    };
    let mut parser = Parser::new_from_str(text);
    parser
        .load(&mut builder, false)
        .map_err(|e| TemplateError::Parse {
            line: e.marker().line().max(1),
            column: e.marker().col() + 1,
            message: e.info().to_owned(),
        })?;
    Ok(builder.root.unwrap_or(Node {
        line: 1,
        column: 1,
        kind: Kind::Null,
    }))
}

/// A collection being built.
struct Open {
    line: usize,
    column: usize,
    /// Flow collections (`{`, `[`) are marked exactly; block ones take their first entry's
    /// position (yaml-rust2 marks a block mapping after its first key).
    exact: bool,
    anchor: usize,
    /// Short-form intrinsic tag on the collection (`!If [...]`, `!Sub [...]`).
    tag: Option<String>,
    body: Body,
}

enum Body {
    Seq(Vec<Node>),
    /// Members so far, and a key waiting for its value.
    Map(Vec<(String, Node)>, Option<Node>),
}

struct YamlBuilder {
    chars: Vec<char>,
    stack: Vec<Open>,
    anchors: Vec<(usize, Node)>,
    root: Option<Node>,
}

impl YamlBuilder {
    fn open(
        &mut self,
        mark: yaml_rust2::scanner::Marker,
        anchor: usize,
        tag: Option<String>,
        body: Body,
    ) {
        let (line, column) = self.tag_position(mark, tag.as_deref());
        self.stack.push(Open {
            line,
            column,
            exact: matches!(self.chars.get(mark.index()), Some('{' | '[')) || tag.is_some(),
            anchor,
            tag,
            body,
        });
    }

    /// The 1-based position of a node marked at `mark`: that of its short-form tag when the
    /// tag stands just before it (`!Sub '…'`, or `!Join` ending the line above a block
    /// sequence), so the node is reported where it visibly starts.
    fn tag_position(&self, mark: yaml_rust2::scanner::Marker, tag: Option<&str>) -> (usize, usize) {
        let at = (mark.line().max(1), mark.col() + 1);
        let Some(tag) = tag else {
            return at;
        };
        let mut i = mark.index().min(self.chars.len());
        let mut newlines = 0;
        while i > 0 && matches!(self.chars[i - 1], ' ' | '\t' | '\r' | '\n') {
            newlines += usize::from(self.chars[i - 1] == '\n');
            i -= 1;
        }
        let len = tag.chars().count();
        if i < len || !self.chars[i - len..i].iter().copied().eq(tag.chars()) || newlines >= at.0 {
            return at;
        }
        let start = i - len;
        let line_start = self.chars[..start]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |p| p + 1);
        (at.0 - newlines, start - line_start + 1)
    }

    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.push((anchor, node.clone()));
        }
        let Some(open) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        let first = match &open.body {
            Body::Seq(items) => items.is_empty(),
            Body::Map(members, pending) => members.is_empty() && pending.is_none(),
        };
        if first && !open.exact {
            open.line = node.line;
            open.column = node.column;
        }
        match &mut open.body {
            Body::Seq(items) => items.push(node),
            Body::Map(members, pending) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => members.push((key_text(&key), node)),
            },
        }
    }
}

fn key_text(key: &Node) -> String {
    match &key.kind {
        Kind::String(s) | Kind::Number(s) => s.clone(),
        Kind::Bool(b) => b.to_string(),
        Kind::Null => "null".to_owned(),
        Kind::Tagged(t) => t.clone(),
        _ => {
            let mut s = String::new();
            write_compact(key, &mut s);
            s
        }
    }
}

impl yaml_rust2::parser::MarkedEventReceiver for YamlBuilder {
    fn on_event(&mut self, ev: yaml_rust2::Event, mark: yaml_rust2::scanner::Marker) {
        use yaml_rust2::Event;
        let (line, column) = (mark.line().max(1), mark.col() + 1);
        match ev {
            Event::Scalar(value, style, anchor, tag) => {
                let (line, column) =
                    self.tag_position(mark, intrinsic_tag(tag.as_ref()).as_deref());
                let kind = scalar_kind(value, style, tag);
                self.finish(Node { line, column, kind }, anchor);
            }
            Event::SequenceStart(anchor, tag) => {
                let tag = intrinsic_tag(tag.as_ref());
                self.open(mark, anchor, tag, Body::Seq(Vec::new()));
            }
            Event::MappingStart(anchor, tag) => {
                let tag = intrinsic_tag(tag.as_ref());
                self.open(mark, anchor, tag, Body::Map(Vec::new(), None));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(open) = self.stack.pop() else {
                    return;
                };
                let kind = match (open.tag, open.body) {
                    (Some(tag), _) => Kind::Tagged(tag),
                    (None, Body::Seq(items)) => Kind::Array(items),
                    (None, Body::Map(members, _)) => Kind::Object(members),
                };
                let node = Node {
                    line: open.line,
                    column: open.column,
                    kind,
                };
                self.finish(node, open.anchor);
            }
            Event::Alias(id) => {
                let node = self
                    .anchors
                    .iter()
                    .rev()
                    .find(|(a, _)| *a == id)
                    .map(|(_, n)| Node {
                        line,
                        column,
                        kind: n.kind.clone(),
                    })
                    .unwrap_or(Node {
                        line,
                        column,
                        kind: Kind::Null,
                    });
                self.finish(node, 0);
            }
            _ => {}
        }
    }
}

/// `!Ref`, `!Sub`, … → `Some("!Ref")`; standard `!!` tags and no tag → `None`.
fn intrinsic_tag(tag: Option<&yaml_rust2::parser::Tag>) -> Option<String> {
    let tag = tag?;
    (tag.handle == "!" && !tag.suffix.is_empty()).then(|| format!("!{}", tag.suffix))
}

fn scalar_kind(
    value: String,
    style: yaml_rust2::scanner::TScalarStyle,
    tag: Option<yaml_rust2::parser::Tag>,
) -> Kind {
    use yaml_rust2::scanner::TScalarStyle;
    if let Some(name) = intrinsic_tag(tag.as_ref()) {
        return Kind::Tagged(name);
    }
    if tag.as_ref().is_some_and(|t| t.suffix == "str") || style != TScalarStyle::Plain {
        return Kind::String(value);
    }
    // YAML 1.2 core schema resolution of plain scalars.
    match value.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" => return Kind::Bool(true),
        "false" | "False" | "FALSE" => return Kind::Bool(false),
        _ => {}
    }
    match yaml_number(&value) {
        Some(n) => Kind::Number(n),
        None => Kind::String(value),
    }
}

/// The JSON spelling of a YAML 1.2 core-schema number, or `None` when `s` is not one.
fn yaml_number(s: &str) -> Option<String> {
    let is_json_number = serde_json::from_str::<serde::de::IgnoredAny>(s).is_ok()
        && s.starts_with(|c: char| c == '-' || c.is_ascii_digit());
    if is_json_number {
        return Some(s.to_owned());
    }
    let unsigned = s.strip_prefix('+').unwrap_or(s);
    let (neg, digits) = match unsigned.strip_prefix('-') {
        Some(rest) if unsigned.len() == s.len() => (true, rest),
        _ => (false, unsigned),
    };
    let sign = if neg { "-" } else { "" };
    if let Some(hex) = s.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(|n| n.to_string());
    }
    if let Some(oct) = s.strip_prefix("0o") {
        return u64::from_str_radix(oct, 8).ok().map(|n| n.to_string());
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = digits.trim_start_matches('0');
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        return Some(format!("{sign}{trimmed}"));
    }
    let float_chars = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if float_chars && digits.bytes().any(|b| b.is_ascii_digit()) {
        let f: f64 = s.parse().ok()?;
        if f.is_finite() {
            return serde_json::to_string(&f).ok();
        }
    }
    None
}
