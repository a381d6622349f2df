//! Loading rules files into a [`Machine`]: [`Machine::add_rules`] and the text and reader
//! forms, which read the file with the machine's pattern limits.
//!
//! Invariants: a file is validated whole before any of its rules is added, so a file with an
//! invalid pattern changes nothing. Costs: those of [`RulesFile::parse_with`], then one
//! [`Machine::add_pattern`] per pattern.

use std::hash::Hash;
use std::io::Read;

use super::Machine;
use crate::rules_file::{RulesFile, RulesFileError, RulesWarning, read_text};

impl<R: Clone + Eq + Hash> Machine<R> {
    /// Add every rule of a rules file, each pattern bound to its rule's id.
    pub fn add_rules(&mut self, rules: &RulesFile)
    where
        R: for<'a> From<&'a str>,
    {
        for rule in rules.rules() {
            for pattern in rule.patterns() {
                self.add_pattern(R::from(rule.id()), pattern);
            }
        }
    }

    /// Read a rules file from `text` (see [`RulesFile`]) with this machine's pattern limits and
    /// add its rules; its warnings. Nothing is added when the file has an error.
    ///
    /// ```
    /// use evmatch::Machine;
    ///
    /// let mut machine: Machine<String> = Machine::new();
    /// let warnings = machine.add_rules_from_str(r#"{"ec2": {"source": ["aws.ec2"]}, "ec2": "{\"source\": [\"aws.s3\"]}"}"#)?;
    /// assert_eq!(warnings.len(), 1); // "ec2" is given twice
    /// assert_eq!(machine.matches_for_event(br#"{"source": "aws.s3"}"#)?, ["ec2"]);
    ///
    /// let err = machine.add_rules_from_str("{\"id\": \"x\", \"pattern\": {\"a\": [1]}}\nnot a rule\n");
    /// assert_eq!(err.unwrap_err().to_string(), "line 2: not a rule line: not valid JSON at column 2: expected true, false or null");
    /// assert_eq!(machine.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_rules_from_str(&mut self, text: &str) -> Result<Vec<RulesWarning>, RulesFileError>
    where
        R: for<'a> From<&'a str>,
    {
        let rules = RulesFile::parse_with(text, &self.config.pattern_limits)?;
        self.add_rules(&rules);
        Ok(rules.into_warnings())
    }

    /// [`add_rules_from_str`](Self::add_rules_from_str) on all of `reader` (UTF-8 text).
    pub fn add_rules_from_reader(
        &mut self,
        reader: impl Read,
    ) -> Result<Vec<RulesWarning>, RulesFileError>
    where
        R: for<'a> From<&'a str>,
    {
        self.add_rules_from_str(&read_text(reader)?)
    }
}
