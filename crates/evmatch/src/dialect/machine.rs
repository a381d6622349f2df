//! [`DialectMachine`]: many filters of one dialect matched together by the engine's
//! [`Machine`] — many subscriptions' policies on a topic, many mappings' or pipes' filters on a
//! source. Each input is projected once ([`super::projection`]) and matched once against every
//! rule's compiled branches; rules that accept everything are kept aside and added to every
//! answer. The cost per input is the projection plus the machine's, which grows with what the
//! input triggers, not with the number of rules.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::envelope::{self, FilterError};
use super::filter::{Filter, FilterOptions};
use super::input::{Input, InputError};
use super::name::Dialect;
use super::projection::{self, Projection};
use super::used_names::{UsedNames, first_segments};
use crate::machine::Machine;

thread_local! {
    static PROJECTION: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Many filters of one dialect, each bound to a rule id, matched together.
///
/// Adding several filters to one id makes the id match when any of them does (Lambda's several
/// filters of one mapping are an OR). Every id's answer is exactly its [`Filter::matches`]
/// answer.
///
/// ```
/// use evmatch::dialect::{Dialect, DialectMachine, Input, SnsMessage};
///
/// let mut topic: DialectMachine<&str> = DialectMachine::new(Dialect::SnsAttributes);
/// topic.add_rule("sports", r#"{"customer_interests": ["rugby", "football"]}"#)?;
/// topic.add_rule("big", r#"{"price_usd": [{"numeric": [">=", 100]}]}"#)?;
/// topic.add_rule("all", "")?; // no policy: every message
/// let msg = SnsMessage::new("order")
///     .with_attribute("customer_interests", "String.Array", r#"["soccer", "rugby"]"#)
///     .with_attribute("price_usd", "Number", "99.5");
/// let mut ids = topic.matches(Input::Sns(&msg))?;
/// ids.sort();
/// assert_eq!(ids, ["all", "sports"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct DialectMachine<R> {
    dialect: Dialect,
    options: FilterOptions,
    machine: Machine<R>,
    everything: HashSet<R>,
    /// The first path segments each id's filters read (to uncount them on removal).
    names: HashMap<R, Vec<Box<str>>>,
    /// What the projection must write.
    used: UsedNames,
}

impl<R: Clone + Eq + Hash> DialectMachine<R> {
    /// An empty machine for `dialect`, parsing with the default [`FilterOptions`].
    pub fn new(dialect: Dialect) -> Self {
        Self::with_options(dialect, FilterOptions::default())
    }

    /// An empty machine for `dialect` whose [`DialectMachine::add_rule`] parses with `options`.
    pub fn with_options(dialect: Dialect, options: FilterOptions) -> Self {
        DialectMachine {
            dialect,
            options,
            machine: Machine::new(),
            everything: HashSet::new(),
            names: HashMap::new(),
            used: UsedNames::default(),
        }
    }

    /// The dialect of every rule.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Parse `text` as one filter of the machine's dialect and bind it to `id`.
    pub fn add_rule(&mut self, id: R, text: &str) -> Result<(), FilterError> {
        let filter = Filter::parse_with(self.dialect, text, &self.options)?;
        self.add_filter(id, &filter)
    }

    /// Bind a parsed filter to `id`; it must be of the machine's dialect.
    pub fn add_filter(&mut self, id: R, filter: &Filter) -> Result<(), FilterError> {
        if filter.dialect() != self.dialect {
            return Err(envelope::dialect_mismatch(self.dialect, filter.dialect()));
        }
        match filter.compiled() {
            None => {
                self.everything.insert(id);
            }
            Some(pattern) => {
                let names = first_segments(pattern);
                self.used.add(&names);
                self.names.entry(id.clone()).or_default().extend(names);
                self.machine.add_pattern(id, pattern);
            }
        }
        Ok(())
    }

    /// Remove every filter bound to `id`; false when `id` is unknown.
    pub fn remove_rule<Q>(&mut self, id: &Q) -> bool
    where
        R: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let in_machine = self.machine.remove_rule(id);
        if let Some(names) = self.names.remove(id) {
            self.used.remove(&names);
        }
        self.everything.remove(id) || in_machine
    }

    /// Whether `id` is present.
    pub fn contains<Q>(&self, id: &Q) -> bool
    where
        R: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.machine.contains(id) || self.everything.contains(id)
    }

    /// Number of rule ids.
    pub fn len(&self) -> usize {
        self.machine.len()
            + self
                .everything
                .iter()
                .filter(|id| !self.machine.contains(*id))
                .count()
    }

    /// Whether no rule is present.
    pub fn is_empty(&self) -> bool {
        self.machine.is_empty() && self.everything.is_empty()
    }

    /// The ids whose filters `input` passes, each once, in no particular order.
    pub fn matches(&self, input: Input<'_>) -> Result<Vec<R>, InputError> {
        let mut out = Vec::new();
        self.matches_into(input, &mut out)?;
        Ok(out)
    }

    /// Like [`DialectMachine::matches`], replacing the contents of `out`; the projection
    /// buffer is per thread, so a warm machine allocates nothing but the ids.
    pub fn matches_into(&self, input: Input<'_>, out: &mut Vec<R>) -> Result<(), InputError> {
        out.clear();
        PROJECTION.with(|cell| match cell.try_borrow_mut() {
            Ok(mut buf) => self.match_projected(input, &mut buf, out),
            Err(_) => self.match_projected(input, &mut String::new(), out),
        })?;
        if !self.everything.is_empty() {
            out.retain(|id| !self.everything.contains(id));
            out.extend(self.everything.iter().cloned());
        }
        Ok(())
    }

    fn match_projected(
        &self,
        input: Input<'_>,
        buf: &mut String,
        out: &mut Vec<R>,
    ) -> Result<(), InputError> {
        if self.machine.is_empty() {
            // Still check the input's kind.
            projection::project(self.dialect, input, buf, Some(&self.used), false)?;
            return Ok(());
        }
        // First with the data's kind guessed (no separate validation); if the engine refuses
        // the document, project exactly and match again (see `projection::project`).
        for exact in [false, true] {
            let text = match projection::project(self.dialect, input, buf, Some(&self.used), exact)?
            {
                Projection::Never => return Ok(()),
                Projection::Borrowed(text) => text,
                Projection::Written => buf.as_str(),
            };
            match self.machine.matches_into(text.as_bytes(), out) {
                Ok(()) => return Ok(()),
                // A body that is not JSON is not delivered.
                Err(_) if self.dialect == Dialect::SnsBody => {
                    out.clear();
                    return Ok(());
                }
                Err(e) if exact => return Err(InputError::Invalid(e.to_string())),
                Err(_) => {}
            }
        }
        unreachable!("the exact projection returns")
    }
}
