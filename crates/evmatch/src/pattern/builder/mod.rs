//! [`PatternBuilder`]: event patterns built in Rust, field by field, validated by the parser.
//!
//! The builder writes the pattern's JSON text and [`build`](PatternBuilder::build) parses it
//! with [`Pattern::parse`]: a pattern built here is exactly the pattern its text is, and a
//! combination AWS refuses (an empty value list, `exists` inside `$or` as a name, a numeric
//! range with nothing inside it, a `$or` of one alternative…) is refused with the same AWS
//! message the text would get. The text is the canonical form ([`Pattern::to_json`]): compact,
//! members in the order they were first added.
//!
//! Paths: [`FieldPath`] is a list of member names. `.field(["detail", "state"], …)` writes the
//! nested objects `{"detail":{"state":[…]}}`; `.field("detail.state", …)` writes one member
//! named `detail.state`. EventBridge joins names with dots without escaping, so both spellings
//! constrain the same path and match the same events; they differ only in the text. Adding to
//! the same names again appends to that value list; a name used both for a value list and for
//! nested fields gives two members of that name (two constraints, as in JSON text).
//!
//! Invariants: the builder is a flat arena of objects (the root is object 0; `$or`
//! alternatives are adopted into the same arena), so cloning, dropping and writing it never
//! recurse, however deep the paths or the `$or` nesting. Costs: writing is linear in the text;
//! `build` is one parse.

mod condition;
mod operand;

pub use condition::{Match, Numeric};
pub use operand::{Literal, Number, Operands};

use super::Pattern;
use crate::error::Error;
use crate::json::write_string;
use crate::limits::PatternLimits;

/// The member names leading to a field, outermost first.
///
/// From one name (`"source"`, `"detail.state"`: a name with a dot is still one member) or from
/// an array, slice or `Vec` of names (`["detail", "state"]`: nested objects). No names at all
/// is the empty path, the same as the one name `""`.
///
/// ```
/// use evmatch::{FieldPath, Pattern};
///
/// assert_eq!(FieldPath::from(["detail", "state"]).names(), ["detail", "state"]);
/// assert_eq!(FieldPath::from("detail.state").names(), ["detail.state"]);
///
/// // Different text, the same path: EventBridge joins names with dots.
/// let nested = Pattern::builder().field(["detail", "state"], ["on"]).build()?;
/// let dotted = Pattern::builder().field("detail.state", ["on"]).build()?;
/// assert_eq!(nested.to_json(), r#"{"detail":{"state":["on"]}}"#);
/// assert_eq!(dotted.to_json(), r#"{"detail.state":["on"]}"#);
/// assert_eq!(nested, dotted);
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldPath(Vec<String>);

impl FieldPath {
    /// The names, outermost first.
    pub fn names(&self) -> &[String] {
        &self.0
    }
}

impl From<&str> for FieldPath {
    fn from(name: &str) -> FieldPath {
        FieldPath(vec![name.to_owned()])
    }
}

impl From<String> for FieldPath {
    fn from(name: String) -> FieldPath {
        FieldPath(vec![name])
    }
}

impl<S: AsRef<str>, const N: usize> From<[S; N]> for FieldPath {
    fn from(names: [S; N]) -> FieldPath {
        FieldPath(names.iter().map(|s| s.as_ref().to_owned()).collect())
    }
}

impl<S: AsRef<str>> From<&[S]> for FieldPath {
    fn from(names: &[S]) -> FieldPath {
        FieldPath(names.iter().map(|s| s.as_ref().to_owned()).collect())
    }
}

impl<S: AsRef<str>> From<Vec<S>> for FieldPath {
    fn from(names: Vec<S>) -> FieldPath {
        FieldPath(names.iter().map(|s| s.as_ref().to_owned()).collect())
    }
}

/// A member of one object of the builder.
#[derive(Debug, Clone, PartialEq)]
enum Member {
    /// `"name": [elements]`.
    List(String, Vec<Match>),
    /// `"name": {object}`: an object of the arena.
    Object(String, usize),
    /// `"$or": [alternatives]`: objects of the arena.
    Or(Vec<usize>),
}

/// Builds a [`Pattern`] from fields and their value lists, nested paths and `$or`.
///
/// ```
/// use evmatch::{Match, Pattern};
///
/// let pattern = Pattern::builder()
///     .field("source", ["aws.ec2"])
///     .field(["detail", "state"], [Match::anything_but(["pending", "running"])])
///     .field(["detail", "cpu"], [Match::numeric().greater_than(90)])
///     .any_of([
///         Pattern::builder().field("region", [Match::prefix("eu-")]),
///         Pattern::builder().field("account", ["123456789012"]),
///     ])
///     .build()?;
/// assert_eq!(
///     pattern.to_json(),
///     r#"{"source":["aws.ec2"],"detail":{"state":[{"anything-but":["pending","running"]}],"cpu":[{"numeric":[">",90]}]},"$or":[{"region":[{"prefix":"eu-"}]},{"account":["123456789012"]}]}"#
/// );
/// assert!(pattern.matches_json(
///     r#"{"source": "aws.ec2", "region": "eu-west-1", "detail": {"state": "stopped", "cpu": 95}}"#
/// )?);
///
/// // What AWS refuses in pattern text, the builder refuses with the same message.
/// let err = Pattern::builder().field("source", Vec::<Match>::new()).build().unwrap_err();
/// assert!(err.to_string().starts_with("Event pattern is not valid. Reason: Empty arrays are not allowed"));
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PatternBuilder {
    /// Objects; 0 is the root.
    objects: Vec<Vec<Member>>,
}

impl Default for PatternBuilder {
    fn default() -> Self {
        PatternBuilder {
            objects: vec![Vec::new()],
        }
    }
}

impl Pattern {
    /// A builder for a pattern (see [`PatternBuilder`]).
    pub fn builder() -> PatternBuilder {
        PatternBuilder::default()
    }
}

impl PatternBuilder {
    /// An empty builder (a pattern needs at least one field: building it empty is AWS's
    /// `Empty objects are not allowed`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Add `elements` to the value list of the field at `path` (any one element matching
    /// suffices). Nested objects are created as needed; adding to the same path again extends
    /// its list.
    pub fn field<M: Into<Match>>(
        mut self,
        path: impl Into<FieldPath>,
        elements: impl IntoIterator<Item = M>,
    ) -> Self {
        let path = path.into().0;
        let (last, parents) = match path.split_last() {
            Some((last, parents)) => (last.as_str(), parents),
            None => ("", &[][..]),
        };
        let mut object = 0;
        for name in parents {
            let found = self.objects[object].iter().find_map(|m| match m {
                Member::Object(n, child) if n == name => Some(*child),
                _ => None,
            });
            object = match found {
                Some(child) => child,
                None => {
                    self.objects.push(Vec::new());
                    let child = self.objects.len() - 1;
                    self.objects[object].push(Member::Object(name.clone(), child));
                    child
                }
            };
        }
        let elements = elements.into_iter().map(Into::into);
        let members = &mut self.objects[object];
        match members.iter_mut().find_map(|m| match m {
            Member::List(n, list) if n == last => Some(list),
            _ => None,
        }) {
            Some(list) => list.extend(elements),
            None => members.push(Member::List(last.to_owned(), elements.collect())),
        }
        self
    }

    /// Add a `$or` of `alternatives` at the top level: the pattern matches when the rest of it
    /// matches together with any one alternative. Alternatives may hold `$or`s themselves;
    /// calling `any_of` twice requires one alternative of each.
    pub fn any_of(mut self, alternatives: impl IntoIterator<Item = PatternBuilder>) -> Self {
        let roots = alternatives
            .into_iter()
            .map(|alternative| self.adopt(alternative))
            .collect();
        self.objects[0].push(Member::Or(roots));
        self
    }

    /// Move `other`'s objects into this arena; the index of its root.
    fn adopt(&mut self, other: PatternBuilder) -> usize {
        let base = self.objects.len();
        self.objects
            .extend(other.objects.into_iter().map(|mut members| {
                for m in &mut members {
                    match m {
                        Member::List(..) => {}
                        Member::Object(_, child) => *child += base,
                        Member::Or(roots) => roots.iter_mut().for_each(|r| *r += base),
                    }
                }
                members
            }));
        base
    }

    /// The pattern text the builder has written so far (not validated).
    pub fn to_json(&self) -> String {
        enum Step<'a> {
            Object(usize),
            Raw(&'static str),
            Name(&'a str),
            List(&'a [Match]),
        }
        let mut out = String::new();
        let mut work = vec![Step::Object(0)];
        while let Some(step) = work.pop() {
            match step {
                Step::Raw(s) => out.push_str(s),
                Step::Name(name) => {
                    write_string(name, &mut out);
                    out.push(':');
                }
                Step::List(list) => {
                    out.push('[');
                    for (i, m) in list.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        out.push_str(m.as_json());
                    }
                    out.push(']');
                }
                Step::Object(object) => {
                    out.push('{');
                    work.push(Step::Raw("}"));
                    for (i, member) in self.objects[object].iter().enumerate().rev() {
                        match member {
                            Member::List(name, list) => {
                                work.push(Step::List(list));
                                work.push(Step::Name(name));
                            }
                            Member::Object(name, child) => {
                                work.push(Step::Object(*child));
                                work.push(Step::Name(name));
                            }
                            Member::Or(roots) => {
                                work.push(Step::Raw("]"));
                                for (j, root) in roots.iter().enumerate().rev() {
                                    work.push(Step::Object(*root));
                                    if j > 0 {
                                        work.push(Step::Raw(","));
                                    }
                                }
                                work.push(Step::Raw("["));
                                work.push(Step::Name("$or"));
                            }
                        }
                        if i > 0 {
                            work.push(Step::Raw(","));
                        }
                    }
                }
            }
        }
        out
    }

    /// The validated pattern, with AWS's limits; AWS's error for anything AWS refuses.
    pub fn build(&self) -> Result<Pattern, Error> {
        Pattern::parse(&self.to_json())
    }

    /// The validated pattern, with other limits.
    pub fn build_with(&self, limits: &PatternLimits) -> Result<Pattern, Error> {
        Pattern::parse_with(&self.to_json(), limits)
    }
}

#[cfg(test)]
mod tests;
