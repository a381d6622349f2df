//! The rules file of `evmatch match` (and of any command taking `--rules`): the library's
//! [`RulesFile`] loaded into one `Machine` over rule indices, with messages that name the file.
//!
//! The format, its checks and its warnings are the library's ([`evmatch::RulesFile`]). Here:
//! ids are numbered in order of first appearance and kept as JSON strings for the output
//! lines; an error becomes one line `evmatch: FILE:LINE: …`; each warning is printed on stderr
//! as `evmatch: FILE:LINE: warning: …` when the file is loaded.
//!
//! With a filter dialect the file is read as [`RulesTexts`] and each pattern is checked by that
//! dialect's rules alone.
//!
//! Costs: those of [`RulesFile::parse`], then `Machine::add_pattern` per pattern.

use std::path::Path;

use evmatch::dialect::{Dialect, DialectMachine};
use evmatch::{Machine, RulesFile, RulesTexts};

/// Rule ids in file order and the machine over their indices.
pub struct Rules {
    /// Each rule id as a JSON string, ready to be written out.
    pub ids_json: Vec<String>,
    /// The patterns of rule `i` are added under `i` (EventBridge rules).
    pub machine: Machine<u32>,
    /// With a dialect other than EventBridge: the rules as filters of that dialect (and
    /// [`Rules::machine`] is empty).
    pub filters: Option<DialectMachine<u32>>,
    /// The file's warnings, each a whole message line (already printed by [`Rules::load`]).
    pub warnings: Vec<String>,
}

impl Rules {
    /// Read and load the rules file at `path`, printing its warnings on stderr. The patterns
    /// are filters of `dialect`, each checked by that dialect's rules alone; an invalid one
    /// stops the load with the service's message.
    pub fn load_in(path: &Path, dialect: Dialect) -> Result<Rules, String> {
        let text = crate::input::read_text(path)?;
        let name = path.display().to_string();
        let rules = if dialect == Dialect::EventBridge {
            Rules::parse(&name, &text)?
        } else {
            Rules::parse_in(&name, &text, dialect)?
        };
        for warning in &rules.warnings {
            eprintln!("{warning}");
        }
        Ok(rules)
    }

    /// The indices of the rules that match `line` (appended to `out`, which is cleared
    /// first), or why the line cannot be matched.
    pub fn matches_into(&self, line: &[u8], out: &mut Vec<u32>) -> Result<(), String> {
        match &self.filters {
            None => self
                .machine
                .matches_into(line, out)
                .map_err(|e| e.to_string()),
            Some(filters) => {
                out.clear();
                evmatch_cli::dialects::matches_line(filters, line, out)
            }
        }
    }

    /// Load the rules in `text` as filters of `dialect` (not EventBridge): the file is read
    /// without EventBridge's checks ([`RulesTexts`]) and each pattern is checked by the
    /// dialect's rules only, so an SNS `{}` policy loads and an invalid one is refused with
    /// the service's message.
    fn parse_in(name: &str, text: &str, dialect: Dialect) -> Result<Rules, String> {
        let located = |line: Option<usize>, message: &str| match line {
            Some(line) => format!("evmatch: {name}:{line}: {message}"),
            None => format!("evmatch: {name}: {message}"),
        };
        let file = RulesTexts::parse(text).map_err(|e| located(e.line(), &e.message()))?;
        let mut filters = DialectMachine::new(dialect);
        for (index, rule) in file.rules().iter().enumerate() {
            for (pattern, line) in rule.patterns() {
                filters.add_rule(index as u32, pattern).map_err(|e| {
                    located(Some(line), &evmatch_cli::discovery::filter_message(&e))
                })?;
            }
        }
        Ok(Rules {
            ids_json: ids_json(file.rules().iter().map(|rule| rule.id())),
            machine: Machine::new(),
            filters: Some(filters),
            warnings: warnings(file.warnings(), &located),
        })
    }

    /// Load the rules in `text`; `name` labels the messages.
    fn parse(name: &str, text: &str) -> Result<Rules, String> {
        let located = |line: Option<usize>, message: &str| match line {
            Some(line) => format!("evmatch: {name}:{line}: {message}"),
            None => format!("evmatch: {name}: {message}"),
        };
        let file = RulesFile::parse(text).map_err(|e| located(e.line(), &e.message()))?;
        let mut machine = Machine::new();
        for (index, rule) in file.rules().iter().enumerate() {
            for pattern in rule.patterns() {
                machine.add_pattern(index as u32, pattern);
            }
        }
        Ok(Rules {
            ids_json: ids_json(file.rules().iter().map(|rule| rule.id())),
            machine,
            filters: None,
            warnings: warnings(file.warnings(), &located),
        })
    }
}

/// Each rule id as a JSON string, ready to be written out.
fn ids_json<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    ids.map(|id| serde_json::Value::from(id).to_string())
        .collect()
}

/// The file's warnings as message lines.
fn warnings(
    warnings: &[evmatch::RulesWarning],
    located: &dyn Fn(Option<usize>, &str) -> String,
) -> Vec<String> {
    warnings
        .iter()
        .map(|w| located(w.line(), &format!("warning: {}", w.message())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids (as written out) and, per event, the ids it matches.
    fn matches(text: &str, events: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
        let rules = Rules::parse("rules", text).unwrap();
        let matched = events
            .iter()
            .map(|event| {
                let mut ids = Vec::new();
                rules
                    .machine
                    .matches_into(event.as_bytes(), &mut ids)
                    .unwrap();
                ids.sort_unstable();
                ids.iter()
                    .map(|&i| rules.ids_json[i as usize].clone())
                    .collect()
            })
            .collect();
        (rules.ids_json, matched)
    }

    const EVENTS: [&str; 3] = [
        r#"{"source": "aws.ec2", "n": 5}"#,
        r#"{"source": "aws.s3"}"#,
        r#"{"n": 50}"#,
    ];

    #[test]
    fn an_object_maps_ids_to_patterns_in_file_order() {
        let text = r#"{"ec2": {"source": ["aws.ec2"]},
                       "small": "{\"n\": [{\"numeric\": [\"<\", 10]}]}",
                       "any": [{"source": ["aws.s3"]}, "{\"n\": [50]}"]}"#;
        let (ids, matched) = matches(text, &EVENTS);
        assert_eq!(ids, [r#""ec2""#, r#""small""#, r#""any""#]);
        assert_eq!(
            matched,
            [
                vec![r#""ec2""#, r#""small""#],
                vec![r#""any""#],
                vec![r#""any""#]
            ]
        );
    }

    #[test]
    fn json_lines_give_one_rule_per_line() {
        let text = "{\"id\": \"ec2\", \"pattern\": {\"source\": [\"aws.ec2\"]}}\n\n  \n\
                    {\"id\": 7, \"pattern\": \"{\\\"n\\\": [5]}\"}\r\n\
                    {\"id\": \"ec2\", \"pattern\": {\"n\": [50]}}\n";
        let (ids, matched) = matches(text, &EVENTS);
        // A number id is its text; a repeated id adds to the same rule.
        assert_eq!(ids, [r#""ec2""#, r#""7""#]);
        assert_eq!(
            matched,
            [vec![r#""ec2""#, r#""7""#], vec![], vec![r#""ec2""#]]
        );
    }

    #[test]
    fn a_single_rule_line_is_json_lines_not_an_object() {
        let (ids, _) = matches(r#"{"id": "only", "pattern": {"source": ["aws.ec2"]}}"#, &[]);
        assert_eq!(ids, [r#""only""#]);
        // With the members the other way round it is an object of two rules.
        let (ids, _) = matches(
            r#"{"pattern": {"source": ["a"]}, "id": {"source": ["b"]}}"#,
            &[],
        );
        assert_eq!(ids, [r#""pattern""#, r#""id""#]);
    }

    #[test]
    fn ids_are_written_as_json_strings() {
        let (ids, _) = matches(r#"{"a\"b\u00e9\n": {"x": [1]}}"#, &[]);
        assert_eq!(ids, [r#""a\"bé\n""#]);
    }

    #[test]
    fn an_invalid_pattern_names_the_file_line_and_rule() {
        let text = "{\"id\": \"ok\", \"pattern\": {\"a\": [1]}}\n{\"id\": \"bad\", \"pattern\": {\"a\": 1}}\n";
        let err = Rules::parse("r.jsonl", text).err().unwrap();
        assert_eq!(
            err,
            "evmatch: r.jsonl:2: rule \"bad\": Event pattern is not valid. Reason: \"a\" must be \
             an object or an array\n at [Source: (String)\"{\"a\": 1}\"; line: 1, column: 8]"
        );
        // In the object form, the line of the rule (here all on line 1).
        let err = Rules::parse("r.json", r#"{"bad": {"a": 1}}"#)
            .err()
            .unwrap();
        assert!(err.starts_with("evmatch: r.json:1: rule \"bad\": Event pattern is not valid."));
    }

    #[test]
    fn a_line_that_is_not_a_rule_stops_the_load() {
        let text = "{\"id\": \"a\", \"pattern\": {\"a\": [1]}}\n{\"id\": \"b\"}\n";
        let err = Rules::parse("r.jsonl", text).err().unwrap();
        assert_eq!(
            err,
            "evmatch: r.jsonl:2: not a rule line: it has no \"pattern\" member (a rule line is \
             {\"id\": …, \"pattern\": …})"
        );
        // Lines are read before any pattern is checked: the bad line wins over an earlier
        // invalid pattern.
        let text = "{\"id\": \"a\", \"pattern\": {\"a\": 1}}\nnope\n";
        let err = Rules::parse("r.jsonl", text).err().unwrap();
        assert!(
            err.starts_with("evmatch: r.jsonl:2: not a rule line"),
            "{err}"
        );
    }

    #[test]
    fn warnings_name_the_file_and_line() {
        let rules = Rules::parse("r.json", "{\"a\": {\"x\": [1]},\n \"a\": {\"y\": [2]}}").unwrap();
        assert_eq!(
            rules.warnings,
            [
                "evmatch: r.json:2: warning: rule id \"a\" was already used on line 1; these \
              patterns are added to that rule, which matches when any of its patterns matches"
            ]
        );
        let rules = Rules::parse("r.json", "\n").unwrap();
        assert_eq!(
            rules.warnings,
            ["evmatch: r.json: warning: the rules file holds no rules"]
        );
        assert!(rules.ids_json.is_empty());
    }
}
