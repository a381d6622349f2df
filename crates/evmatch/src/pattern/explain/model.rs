//! The data model of an explanation: why a pattern matched an event, or why not.
//!
//! An [`Explanation`] holds one [`BranchExplanation`] per `$or` branch of the pattern, each
//! holding one [`FieldExplanation`] per field condition (a dotted path and its value list), in
//! the branch's evaluation order. Every field condition carries a [`Verdict`]. Condition and
//! value texts are compact JSON; at most [`MAX_VALUES_SHOWN`] values are kept per path, with
//! the total count beside them, so an explanation's size is bounded by the pattern's size plus
//! five leaves per path.
//!
//! Invariant: [`Explanation::matched`] is exactly the pattern's answer for the event
//! (`Pattern::matches*`), and a branch is `matched` exactly when the reference evaluator finds a
//! consistent choice of fields for it.

/// How many of the values found at a path an explanation keeps (the count keeps the rest).
pub const MAX_VALUES_SHOWN: usize = 5;

/// Why a pattern matched an event, or why it did not: one entry per `$or` branch.
///
/// Built by [`Pattern::explain`](crate::Pattern::explain) (and its `_value` and `_document`
/// variants) and [`Machine::explain`](crate::Machine::explain). `Display` renders it for a person
/// (failing conditions first); `Serialize` renders the JSON shape documented in
/// `docs/explain.md`.
///
/// ```
/// use evmatch::{Pattern, Verdict};
///
/// let pattern = Pattern::parse(r#"{"source": ["aws.ec2"], "detail": {"cpu": [{"numeric": [">", 90]}]}}"#)?;
/// let why = pattern.explain(r#"{"source": "aws.ec2", "detail": {"cpu": "high"}}"#)?;
/// assert!(!why.matched());
/// let cpu = &why.branches[0].fields[0];
/// assert_eq!(cpu.path, "detail.cpu");
/// assert_eq!(cpu.conditions, [r#"{"numeric":[">",90]}"#]);
/// assert_eq!(cpu.values, [r#""high""#]);
/// assert!(matches!(cpu.verdict, Verdict::WrongType { .. }));
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explanation {
    /// Whether the pattern matched: whether some branch matched.
    pub matched: bool,
    /// Whether the event was a JSON object. A pattern matches no other value; then `branches`
    /// is empty.
    pub event_is_object: bool,
    /// One entry per `$or` branch, in the pattern's branch order.
    pub branches: Vec<BranchExplanation>,
}

impl Explanation {
    /// Whether the pattern matched the event: the same answer as `Pattern::matches*`.
    pub fn matched(&self) -> bool {
        self.matched
    }

    /// The first branch that matched, if any.
    pub fn matched_branch(&self) -> Option<&BranchExplanation> {
        self.branches.iter().find(|b| b.matched)
    }
}

/// One `$or` branch: every field condition must hold, on consistent array elements.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BranchExplanation {
    /// The branch's position among the pattern's branches, from 0.
    pub index: usize,
    /// Whether the branch matched.
    pub matched: bool,
    /// One entry per field condition, in evaluation order (paths sorted as UTF-16 code units).
    pub fields: Vec<FieldExplanation>,
}

impl BranchExplanation {
    /// The field conditions that did not hold.
    pub fn failures(&self) -> impl Iterator<Item = &FieldExplanation> {
        self.fields.iter().filter(|f| !f.verdict.is_matched())
    }
}

/// One field condition of a branch: a path, its value list, what the event holds there, and
/// the verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldExplanation {
    /// The dotted path (`detail.state`).
    pub path: String,
    /// The value list, one compact AWS JSON text per element (`"x"`, `{"prefix":"a"}`,
    /// `{"numeric":[">",0]}`); any one element suffices.
    pub conditions: Vec<String>,
    /// The first [`MAX_VALUES_SHOWN`] values the event holds at the path, as compact JSON text,
    /// in document order.
    pub values: Vec<String>,
    /// How many values the event holds at the path.
    pub value_count: usize,
    /// Whether and why the condition held or failed.
    pub verdict: Verdict,
}

/// Whether a field condition held, and if not, why.
///
/// Verdicts of a branch that did not match are given for each condition on its own, except
/// [`Verdict::ArrayConsistency`], which names the condition that held on its own but not
/// together with the ones before it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// The condition held. `value` is the compact JSON text of the value that satisfied it
    /// (`None` when the path's absence satisfied `{"exists": false}`); `condition` is the
    /// index, in the value list, of the element that accepted it.
    Matched {
        /// The satisfying value, or `None` for absence.
        value: Option<String>,
        /// The accepting value-list element.
        condition: usize,
    },
    /// The event holds no value at the path (objects and empty arrays are not values).
    AbsentPath,
    /// No value at the path has a type the value list can accept: a string against
    /// `numeric`, a number against `prefix`.
    WrongType {
        /// The types the value list accepts.
        expected: Vec<ValueKind>,
        /// The types of the values found, in order of first appearance.
        found: Vec<ValueKind>,
    },
    /// Values of an acceptable type are there, but none satisfies the value list.
    NoValueSatisfied,
    /// The value list is made of `exists` conditions and the path's presence is the opposite
    /// of what they ask for.
    ExistsMismatch {
        /// What the pattern asked: `true` for present, `false` for absent.
        expected_present: bool,
    },
    /// The condition holds on its own, but only for values in other elements of an array of
    /// objects than the one the earlier conditions of the branch were satisfied in.
    ArrayConsistency {
        /// The array's path.
        array: String,
        /// The element indexes involved, ascending: the element the earlier conditions chose
        /// and the elements where this condition's satisfying values are.
        elements: Vec<usize>,
        /// The path of the earlier condition whose value fixed the array's element.
        with: String,
    },
}

impl Verdict {
    /// Whether the condition held.
    pub fn is_matched(&self) -> bool {
        matches!(self, Verdict::Matched { .. })
    }
}

/// The type of a JSON leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValueKind {
    /// A string.
    String,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// `null`.
    Null,
}

impl ValueKind {
    /// The lower-case name: `string`, `number`, `boolean`, `null`.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::String => "string",
            ValueKind::Number => "number",
            ValueKind::Boolean => "boolean",
            ValueKind::Null => "null",
        }
    }
}
