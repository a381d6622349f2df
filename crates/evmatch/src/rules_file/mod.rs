//! Rules files: rule ids and their patterns, as text, read and validated in one go.
//!
//! Two forms, told apart by the text:
//!
//! * one JSON object mapping each rule id to its pattern,
//!   `{"ec2": {"source": ["aws.ec2"]}, "s3": "{\"source\": [\"aws.s3\"]}"}`;
//! * JSON Lines, one rule per line, `{"id": "ec2", "pattern": {"source": ["aws.ec2"]}}` (a file
//!   that is exactly one such line is JSON Lines, not a two-rule object). Blank lines are
//!   skipped; other members of a line are ignored.
//!
//! A pattern is a JSON object (the pattern itself, kept as its raw text so that AWS's messages
//! quote it as written), a string holding the pattern text, or a list of these, which binds
//! several patterns (OR) to one id; nested lists are flattened. Ids are strings; other JSON
//! ids are taken as their text.
//!
//! Invariants: rules are kept in order of their ids' first appearance, and a repeated id adds
//! its patterns to the first rule of that id (with a [`RulesWarning::DuplicateId`]). Every line
//! is read before any pattern is checked, so a line that is not a rule is reported before an
//! invalid pattern on an earlier line; then the first invalid pattern stops the load. A file
//! with no rules loads, with [`RulesWarning::Empty`]. No recursion follows the input: nested
//! lists are flattened in one loop over their text ([`lists`]).
//!
//! Costs: one serde_json pass over the text and one scan of each list, then one pattern parse
//! per pattern; the loaded patterns are held until the file is dropped.

mod lists;
mod report;

pub use report::{RulesFileError, RulesWarning};

use std::collections::HashMap;
use std::io::Read;

use serde_json::value::RawValue;

use crate::limits::PatternLimits;
use crate::pattern::Pattern;

/// One rule of a rules file: its id and its patterns (it matches when any of them does).
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    id: String,
    patterns: Vec<Pattern>,
    line: usize,
}

impl Rule {
    /// The rule id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The rule's patterns, in file order.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// The 1-based line on which the id first appears.
    pub fn line(&self) -> usize {
        self.line
    }
}

/// A rules file, read and validated: its rules in file order, and warnings about it.
///
/// ```
/// use evmatch::{Machine, RulesFile, RulesWarning};
///
/// let text = r#"{"id": "ec2", "pattern": {"source": ["aws.ec2"]}}
/// {"id": "s3", "pattern": "{\"source\": [\"aws.s3\"]}"}
/// {"id": "ec2", "pattern": [{"detail-type": ["Scheduled Event"]}]}"#;
/// let rules = RulesFile::parse(text)?;
/// assert_eq!(rules.rules().len(), 2);
/// assert_eq!(rules.rules()[0].patterns().len(), 2);
/// assert_eq!(
///     rules.warnings()[0].to_string(),
///     "line 3: rule id \"ec2\" was already used on line 1; these patterns are added to that rule, \
///      which matches when any of its patterns matches"
/// );
///
/// let mut machine: Machine<String> = Machine::new();
/// machine.add_rules(&rules);
/// assert_eq!(machine.matches_for_event(br#"{"source": "aws.s3"}"#)?, ["s3"]);
///
/// let err = RulesFile::parse(r#"{"bad": {"source": "aws.ec2"}}"#).unwrap_err();
/// assert!(err.to_string().starts_with(
///     "line 1: rule \"bad\": Event pattern is not valid. Reason: \"source\" must be an object or an array"
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RulesFile {
    rules: Vec<Rule>,
    warnings: Vec<RulesWarning>,
}

/// A rules file read without checking its patterns: the same ids, order, lines and warnings as
/// [`RulesFile`], with each pattern kept as its text. For patterns checked by other rules than
/// EventBridge's, such as a filter dialect's ([`crate::dialect`]).
///
/// ```
/// use evmatch::RulesTexts;
///
/// // `{}` is no EventBridge pattern, but it is an SNS policy (one that lets everything through).
/// let file = RulesTexts::parse(r#"{"id": "all", "pattern": {}}"#)?;
/// let rule = &file.rules()[0];
/// assert_eq!((rule.id(), rule.line()), ("all", 1));
/// assert_eq!(rule.patterns().collect::<Vec<_>>(), [("{}", 1)]);
/// # Ok::<(), evmatch::RulesFileError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesTexts {
    rules: Vec<RuleTexts>,
    warnings: Vec<RulesWarning>,
}

/// One rule of a [`RulesTexts`]: its id, its pattern texts and the lines they are on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleTexts {
    id: String,
    /// Each pattern's text and the line of the entry that gave it.
    patterns: Vec<(String, usize)>,
    line: usize,
}

impl RuleTexts {
    /// The rule id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The 1-based line on which the id first appears.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Each pattern's text and the line it is on, in file order.
    pub fn patterns(&self) -> impl Iterator<Item = (&str, usize)> {
        self.patterns
            .iter()
            .map(|(text, line)| (text.as_str(), *line))
    }
}

impl RulesTexts {
    /// Read the rules in `text` (both forms of [`RulesFile`]) without checking any pattern.
    pub fn parse(text: &str) -> Result<RulesTexts, RulesFileError> {
        let mut rules: Vec<RuleTexts> = Vec::new();
        let mut warnings = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for Entry { id, pattern, line } in entries(text)? {
            let index = match by_id.get(&id) {
                Some(&i) => {
                    warnings.push(RulesWarning::DuplicateId {
                        id: id.clone(),
                        line,
                        first_line: rules[i].line,
                    });
                    i
                }
                None => {
                    by_id.insert(id.clone(), rules.len());
                    rules.push(RuleTexts {
                        id: id.clone(),
                        patterns: Vec::new(),
                        line,
                    });
                    rules.len() - 1
                }
            };
            let texts = lists::patterns_of(pattern);
            if texts.is_empty() {
                warnings.push(RulesWarning::NoPatterns { id, line });
            }
            rules[index]
                .patterns
                .extend(texts.into_iter().map(|text| (text, line)));
        }
        if rules.is_empty() {
            warnings.push(RulesWarning::Empty);
        }
        Ok(RulesTexts { rules, warnings })
    }

    /// The rules, in order of their ids' first appearance.
    pub fn rules(&self) -> &[RuleTexts] {
        &self.rules
    }

    /// Warnings about the file.
    pub fn warnings(&self) -> &[RulesWarning] {
        &self.warnings
    }
}

/// One rule as written: its id, its pattern value and the line it is on.
struct Entry<'a> {
    id: String,
    pattern: &'a RawValue,
    line: usize,
}

impl RulesFile {
    /// Read the rules in `text`, validating every pattern with AWS's limits.
    pub fn parse(text: &str) -> Result<RulesFile, RulesFileError> {
        Self::parse_with(text, &PatternLimits::default())
    }

    /// Read the rules in `text`, validating every pattern with `limits`.
    pub fn parse_with(text: &str, limits: &PatternLimits) -> Result<RulesFile, RulesFileError> {
        let texts = RulesTexts::parse(text)?;
        let mut rules = Vec::with_capacity(texts.rules.len());
        for rule in texts.rules {
            let mut patterns = Vec::with_capacity(rule.patterns.len());
            for (text, line) in &rule.patterns {
                let pattern = Pattern::parse_with(text, limits).map_err(|error| {
                    RulesFileError::InvalidPattern {
                        line: *line,
                        id: rule.id.clone(),
                        error,
                    }
                })?;
                patterns.push(pattern);
            }
            rules.push(Rule {
                id: rule.id,
                patterns,
                line: rule.line,
            });
        }
        Ok(RulesFile {
            rules,
            warnings: texts.warnings,
        })
    }

    /// Read a rules file from `reader` (all of it, as UTF-8 text) and [`parse`](Self::parse) it.
    pub fn from_reader(reader: impl Read) -> Result<RulesFile, RulesFileError> {
        Self::parse(&read_text(reader)?)
    }

    /// The rules, in order of their ids' first appearance.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The warnings, in file order (an empty file's last).
    pub fn warnings(&self) -> &[RulesWarning] {
        &self.warnings
    }

    /// The warnings, taking them.
    pub fn into_warnings(self) -> Vec<RulesWarning> {
        self.warnings
    }
}

impl std::str::FromStr for RulesFile {
    type Err = RulesFileError;

    fn from_str(text: &str) -> Result<RulesFile, RulesFileError> {
        RulesFile::parse(text)
    }
}

/// All of `reader` as UTF-8 text.
pub(crate) fn read_text(mut reader: impl Read) -> Result<String, RulesFileError> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| RulesFileError::Read {
            message: format!("cannot read: {e}"),
        })?;
    String::from_utf8(bytes).map_err(|e| RulesFileError::Read {
        message: format!(
            "not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// The rules of either form, in file order.
fn entries(text: &str) -> Result<Vec<Entry<'_>>, RulesFileError> {
    match ordered_members(text) {
        // A rules object, unless the whole file is one `{"id": …, "pattern": …}` line.
        Ok(members) if !is_rule_line(&members) => {
            let mut lines = LineCounter::new(text);
            return Ok(members
                .into_iter()
                .map(|(id, pattern)| Entry {
                    id,
                    line: lines.line_of(pattern.get()),
                    pattern,
                })
                .collect());
        }
        Ok(_) => {}
        Err(e) => {
            // One object spread over lines (its first line is an unfinished value), with a
            // syntax error: report it where it is in the whole text.
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            let unfinished = serde_json::from_str::<&RawValue>(first)
                .is_err_and(|e| e.classify() == serde_json::error::Category::Eof);
            if text.trim_start().starts_with('{') && unfinished && first.len() < text.trim().len() {
                return Err(RulesFileError::Syntax {
                    line: e.line(),
                    // serde_json puts the end of the text at column 0 of a last empty line.
                    column: e.column().max(1),
                    message: plain(&e),
                });
            }
        }
    }
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let not_a_rule = |message: String| RulesFileError::NotARule {
            line: i + 1,
            message,
        };
        let members = ordered_members(line).map_err(|e| not_a_rule(line_problem(line, &e)))?;
        let member = |name: &str| {
            let mut found = members.iter().filter(|(k, _)| k == name);
            match (found.next(), found.next()) {
                (Some((_, v)), None) => Ok(*v),
                (None, _) => Err(not_a_rule(format!(
                    "it has no \"{name}\" member (a rule line is {{\"id\": …, \"pattern\": …}})"
                ))),
                (Some(_), Some(_)) => Err(not_a_rule(format!(
                    "it has more than one \"{name}\" member"
                ))),
            }
        };
        let (id, pattern) = (member("id")?, member("pattern")?);
        let id = match serde_json::from_str::<String>(id.get()) {
            Ok(s) => s,
            Err(_) => id.get().to_string(),
        };
        entries.push(Entry {
            id,
            pattern,
            line: i + 1,
        });
    }
    Ok(entries)
}

fn is_rule_line(members: &[(String, &RawValue)]) -> bool {
    members.len() == 2 && members[0].0 == "id" && members[1].0 == "pattern"
}

/// The members of a JSON object in document order, values kept as raw text borrowed from
/// `text`.
fn ordered_members(text: &str) -> Result<Vec<(String, &RawValue)>, serde_json::Error> {
    struct Members<'a>(Vec<(String, &'a RawValue)>);
    impl<'de: 'a, 'a> serde::Deserialize<'de> for Members<'a> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V<'a>(std::marker::PhantomData<&'a ()>);
            impl<'de: 'a, 'a> serde::de::Visitor<'de> for V<'a> {
                type Value = Members<'a>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Members<'a>, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                        out.push(entry);
                    }
                    Ok(Members(out))
                }
            }
            d.deserialize_map(V(std::marker::PhantomData))
        }
    }
    serde_json::from_str::<Members>(text).map(|m| m.0)
}

/// Why a line is not a rule, in plain words.
fn line_problem(line: &str, e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => {
            let kind = match line.trim_start().as_bytes().first() {
                Some(b'[') => "an array",
                Some(b'"') => "a string",
                Some(b't' | b'f') => "a boolean",
                Some(b'n') => "null",
                _ => "a number",
            };
            format!("a rule line is a JSON object {{\"id\": …, \"pattern\": …}}, not {kind}")
        }
        _ => format!(
            "not valid JSON at column {}: {}",
            e.column().max(1),
            plain(e)
        ),
    }
}

/// serde_json's description of a syntax error, in plain words and without its position.
fn plain(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let what = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(what, _)| what);
    match what {
        "expected value" => "expected a JSON value".to_owned(),
        "expected ident" => "expected true, false or null".to_owned(),
        "trailing characters" => "unexpected text after the end of the JSON value".to_owned(),
        "trailing comma" => "a comma before a closing bracket".to_owned(),
        "key must be a string" => "a member name must be a string in double quotes".to_owned(),
        "EOF while parsing an object"
        | "EOF while parsing a list"
        | "EOF while parsing a value"
        | "EOF while parsing a string" => "the text ends before the JSON value does".to_owned(),
        other => other.replace('`', "'"),
    }
}

/// Lines of sub-slices of one text, counted incrementally (the slices come in text order).
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line on which `slice`, a part of the text at or after the previous one,
    /// starts.
    fn line_of(&mut self, slice: &str) -> usize {
        let start = (slice.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        if start >= self.offset && start <= self.text.len() {
            self.line += self.text.as_bytes()[self.offset..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.offset = start;
        }
        self.line
    }
}

#[cfg(test)]
mod tests;
