//! Example events: for each `$or` branch of a pattern, a small JSON event that matches it, or
//! the reason no event can.
//!
//! A branch is an AND of conditions on distinct paths, and the event is ours to choose, so the
//! paths never constrain each other: each field condition is satisfied on its own by one leaf
//! (no arrays are needed, so array consistency never comes into play), and a path whose first
//! satisfiable condition is `{"exists": false}` is simply left out. A branch is therefore
//! unsatisfiable exactly when one of its field conditions has no satisfiable element, which
//! only a `numeric` range can cause: exclusive bounds with no comparable double between them
//! (`[">", 1, "<", 1.0000000000000002]`). Every other operator has a witness: its operand
//! (strings, numbers, `exactly`, `prefix`, `suffix`, IP literals), one expansion of it
//! (`equals-ignore-case` and its prefix/suffix forms), its literal segments (`wildcard`), the
//! first address of the block (`cidr`), and for `anything-but` a value of the excluded type
//! that is not excluded, or else one of another type (a string `anything-but` never excludes a
//! number, a numeric one never excludes a string).
//!
//! Paths become nested objects (`detail.state` → `{"detail": {"state": …}}`). Where a shorter
//! path already put a leaf on the way (`a` and `a.b` in one branch), or past
//! [`MAX_NESTING`] levels, the rest of the path is written as one dotted member name
//! (`{"a": 1, "a.b": 2}`): the engine flattens both spellings to the same path. A first segment
//! that is empty is merged with the next one, because the flattener drops the dot after an
//! empty prefix (`{"": {"b": 1}}` is the path `b`, not `.b`).
//!
//! Invariant: every example is checked against its branch with the reference evaluator before
//! it is returned. Costs: linear in the pattern, except `anything-but` lists, where at most
//! [`CANDIDATES`] candidate values are tested against the list.

use std::fmt;

use super::Pattern;
use super::eval;
use super::ip::IpRange;
use super::ir::{AnythingBut, Branch, Condition, FieldCondition, NumericRange};
use super::number::comparable;

/// Levels of nested objects an example uses at most; deeper paths end in one dotted member
/// name. It also bounds the recursion of rendering and dropping an example's tree.
const MAX_NESTING: usize = 32;

/// Candidate values tried against an `anything-but` before falling back to a value of a type
/// it cannot exclude.
const CANDIDATES: usize = 64;

/// Why no event matches one branch of a pattern (see [`Pattern::example_event`]).
///
/// ```
/// use evmatch::Pattern;
///
/// let p = Pattern::parse(r#"{"x": [{"numeric": [">", 1, "<", 1.0000000000000002]}]}"#)?;
/// let why = p.example_event().unwrap_err();
/// assert_eq!(why.branch(), 0);
/// assert_eq!(why.path(), "x");
/// assert_eq!(
///     why.to_string(),
///     r#"no event matches branch 1 of the pattern: "x" needs {"numeric":[">",1,"<",1.0000000000000002]}, and no number evmatch can compare lies in that range"#
/// );
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Unsatisfiable {
    branch: usize,
    path: String,
    reason: String,
}

impl Unsatisfiable {
    /// The index of the branch (0-based, in the pattern's branch order: `$or` alternatives in
    /// document order).
    pub fn branch(&self) -> usize {
        self.branch
    }

    /// The path whose conditions no value satisfies.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Why no value satisfies the path's conditions.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for Unsatisfiable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no event matches branch {} of the pattern: {} {}",
            self.branch + 1,
            serde_json::Value::from(self.path.as_str()),
            self.reason
        )
    }
}

impl std::error::Error for Unsatisfiable {}

impl Pattern {
    /// A small event (JSON text of an object) that the pattern matches: the example of its
    /// first satisfiable branch, or, when no branch is satisfiable, the first branch's reason.
    ///
    /// The text is compact, on one line, and keeps the operands' spelling (a number condition
    /// `1e400` gives the number `1e400`). Values are picked to be plain: the operand itself,
    /// the first address of a `cidr` block, an integer inside a `numeric` range where there is
    /// one; `{"exists": true}` gives the string `"example"`, and `{"exists": false}` leaves the
    /// path out.
    ///
    /// ```
    /// use evmatch::Pattern;
    ///
    /// let p = Pattern::parse(r#"{"source": ["aws.ec2"], "detail": {"cpu": [{"numeric": [">", 90]}],
    ///                            "host": [{"cidr": "10.0.0.0/24"}], "stopped": [{"exists": false}]}}"#)?;
    /// let event = p.example_event().unwrap();
    /// assert_eq!(event, r#"{"detail":{"cpu":91,"host":"10.0.0.0"},"source":"aws.ec2"}"#);
    /// assert!(p.matches_json(&event)?);
    /// # Ok::<(), evmatch::Error>(())
    /// ```
    pub fn example_event(&self) -> Result<String, Unsatisfiable> {
        let mut first_error = None;
        for (i, branch) in self.branches.iter().enumerate() {
            match example(i, branch) {
                Ok(event) => return Ok(event),
                Err(why) => {
                    first_error.get_or_insert(why);
                }
            }
        }
        Err(first_error.expect("a pattern has at least one branch"))
    }

    /// One example event per branch (one per combination of the `$or` alternatives, in
    /// document order), or the reason that branch cannot match.
    ///
    /// ```
    /// use evmatch::Pattern;
    ///
    /// let p = Pattern::parse(r#"{"$or": [{"a": [{"prefix": "ab"}]}, {"b": [{"anything-but": [1, 2]}]},
    ///                                    {"c": [{"numeric": [">=", 0, "<", 4.9e-324]}]}]}"#)?;
    /// let examples = p.example_events();
    /// assert_eq!(examples[0].as_deref(), Ok(r#"{"a":"ab"}"#));
    /// assert_eq!(examples[1].as_deref(), Ok(r#"{"b":0}"#));
    /// assert_eq!(examples[2].as_deref(), Ok(r#"{"c":0}"#));
    /// # Ok::<(), evmatch::Error>(())
    /// ```
    pub fn example_events(&self) -> Vec<Result<String, Unsatisfiable>> {
        self.branches
            .iter()
            .enumerate()
            .map(|(i, b)| example(i, b))
            .collect()
    }
}

/// The example of branch `index`.
fn example(index: usize, branch: &Branch) -> Result<String, Unsatisfiable> {
    let mut tree = Node::Object(Vec::new());
    // Shorter paths first: a leaf is then never asked for where a longer path has already
    // built an object (see `insert`).
    let mut fields: Vec<&FieldCondition> = branch.fields.iter().collect();
    fields.sort_by_key(|f| f.path.split('.').count());
    for field in fields {
        match witness(field) {
            Ok(Some(leaf)) => insert(&mut tree, &field.path, leaf),
            Ok(None) => {}
            Err(reason) => {
                return Err(Unsatisfiable {
                    branch: index,
                    path: field.path.clone(),
                    reason,
                });
            }
        }
    }
    let mut text = String::new();
    tree.render(&mut text);
    // The construction above is exact; this check keeps a mistake from ever reaching a user.
    let doc = super::parse_event(&text).ok();
    if !doc.is_some_and(|d| eval::matches(std::slice::from_ref(branch), &d)) {
        return Err(Unsatisfiable {
            branch: index,
            path: String::new(),
            reason: format!("has no example evmatch can build (its attempt {text} does not match)"),
        });
    }
    Ok(text)
}

/// The leaf (JSON text) for the first satisfiable condition of `field`; `None` when that
/// condition is `{"exists": false}` (the path stays absent); the reason when none is.
fn witness(field: &FieldCondition) -> Result<Option<String>, String> {
    let mut reasons = Vec::new();
    for condition in &field.conditions {
        match leaf(condition) {
            Ok(leaf) => return Ok(leaf),
            Err(reason) => reasons.push(reason),
        }
    }
    Err(reasons.join("; and "))
}

fn string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// The witness of one condition (see [`witness`]).
fn leaf(condition: &Condition) -> Result<Option<String>, String> {
    Ok(Some(match condition {
        Condition::String(s)
        | Condition::Exactly(s)
        | Condition::IpAddress(s, _)
        | Condition::Prefix(s)
        | Condition::Suffix(s) => string(s),
        Condition::Number(n) => n.text.clone(),
        Condition::Bool(b) => b.to_string(),
        Condition::Null => "null".to_string(),
        Condition::EqualsIgnoreCase(e)
        | Condition::PrefixIgnoreCase(e)
        | Condition::SuffixIgnoreCase(e) => {
            // One expansion: the first alternative of every code unit.
            let s: String = e.units().iter().map(|alts| &*alts[0]).collect();
            string(&s)
        }
        Condition::Wildcard(w) => {
            // The literal segments with every star matching nothing. Stars and escapes are
            // ASCII, so the bytes left are the operand's UTF-8 minus whole characters.
            let bytes: Vec<u8> = w.segments().concat();
            string(&String::from_utf8_lossy(&bytes))
        }
        Condition::Cidr(_, range) => string(&first_address(range)),
        Condition::Numeric(range) => match number_in(range) {
            Some(text) => text,
            None => {
                return Err(format!(
                    "needs {}, and no number evmatch can compare lies in that range",
                    numeric_json(range)
                ));
            }
        },
        Condition::AnythingBut(excluded) => not_excluded(excluded),
        Condition::Exists(true) => string("example"),
        Condition::Exists(false) => return Ok(None),
    }))
}

/// The first address of a block, as text the `cidr` operator reads back into it.
fn first_address(range: &IpRange) -> String {
    match *range {
        IpRange::V4 { low, .. } => std::net::Ipv4Addr::from(low).to_string(),
        // Every group written out: no `::`, no embedded IPv4 (`::ffff:…` would read as IPv4).
        IpRange::V6 { low, .. } => std::net::Ipv6Addr::from(low)
            .segments()
            .iter()
            .map(|g| format!("{g:x}"))
            .collect::<Vec<_>>()
            .join(":"),
    }
}

/// A number token inside `range` (comparable, so that the range applies to it): a bound that
/// is included, else the nearest integer inside, else the midpoint, else the doubles next to
/// the bounds.
fn number_in(range: &NumericRange) -> Option<String> {
    let mut candidates = Vec::new();
    match (range.low, range.high) {
        (Some((l, true)), _) => candidates.push(l),
        (Some((l, false)), _) => candidates.push(l.floor() + 1.0),
        (None, Some((h, true))) => candidates.push(h),
        (None, Some((h, false))) => candidates.push(h.ceil() - 1.0),
        (None, None) => candidates.push(0.0),
    }
    if let Some((h, inclusive)) = range.high {
        candidates.push(if inclusive { h } else { h.ceil() - 1.0 });
    }
    if let (Some((l, _)), Some((h, _))) = (range.low, range.high) {
        candidates.push(l / 2.0 + h / 2.0);
    }
    if let Some((l, _)) = range.low {
        candidates.push(l.next_up());
    }
    if let Some((h, _)) = range.high {
        candidates.push(h.next_down());
    }
    candidates
        .into_iter()
        .filter(|x| x.is_finite())
        .map(number_text)
        .find(|t| comparable(t).is_some_and(|x| range.contains(x)))
}

/// `x` as a JSON number token: an integer without a fraction where it is one, else the
/// shortest text that reads back as `x`.
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        // The shortest digits, without the exponent's `+` (`1e300`, not `1e+300`); at least
        // two of them where Java needs two to call the number comparable (`4.9e-324`).
        let shortest = zmij::Buffer::new().format_finite(x).replace("e+", "e");
        if comparable(&shortest).is_some() {
            shortest
        } else {
            format!("{x:.1e}")
        }
    }
}

/// `{"numeric":[…]}` for a range, as it could have been written.
fn numeric_json(range: &NumericRange) -> String {
    let mut terms = Vec::new();
    match (range.low, range.high) {
        (Some((l, true)), Some((h, true))) if l == h => {
            terms.push(format!("\"=\",{}", number_text(l)));
        }
        (low, high) => {
            if let Some((l, inclusive)) = low {
                let op = if inclusive { ">=" } else { ">" };
                terms.push(format!("\"{op}\",{}", number_text(l)));
            }
            if let Some((h, inclusive)) = high {
                let op = if inclusive { "<=" } else { "<" };
                terms.push(format!("\"{op}\",{}", number_text(h)));
            }
        }
    }
    format!("{{\"numeric\":[{}]}}", terms.join(","))
}

/// A leaf `anything-but` does not exclude: one of the excluded type if one of
/// [`CANDIDATES`] tries is free, else one of another type, which is never excluded.
fn not_excluded(excluded: &AnythingBut) -> String {
    if let AnythingBut::Numbers(ns) = excluded {
        return (0..CANDIDATES)
            .map(|i| i as f64)
            .find(|&x| !excluded.excludes_number(x))
            .or_else(|| ns.last().map(|&max| max.floor() + 1.0))
            .filter(|&x| x.is_finite() && !excluded.excludes_number(x))
            .map_or_else(|| string("example"), number_text);
    }
    let letters = ('a'..='z').map(String::from);
    std::iter::once("example".to_string())
        .chain((1..).map(|i| format!("example-{i}")).take(CANDIDATES / 2))
        .chain(letters)
        .take(CANDIDATES)
        .find(|s| !excluded.excludes_string(s))
        .map_or_else(|| "0".to_string(), |s| string(&s))
}

/// An example event under construction: leaves are JSON text.
enum Node {
    Leaf(String),
    /// Members in insertion order.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The member `key` of an object node.
    fn member(&mut self, key: &str) -> Option<&mut Node> {
        match self {
            Node::Object(members) => members.iter_mut().find(|(k, _)| k == key).map(|(_, n)| n),
            Node::Leaf(_) => None,
        }
    }

    fn push(&mut self, key: String, node: Node) -> &mut Node {
        let Node::Object(members) = self else {
            unreachable!("members are only added to objects");
        };
        members.push((key, node));
        &mut members.last_mut().expect("just pushed").1
    }

    /// Compact JSON, members sorted by name. Recursion depth: at most [`MAX_NESTING`] + 1.
    fn render(&self, out: &mut String) {
        match self {
            Node::Leaf(text) => out.push_str(text),
            Node::Object(members) => {
                let mut sorted: Vec<&(String, Node)> = members.iter().collect();
                sorted.sort_by(|a, b| a.0.cmp(&b.0));
                out.push('{');
                for (i, (key, node)) in sorted.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&string(key));
                    out.push(':');
                    node.render(out);
                }
                out.push('}');
            }
        }
    }
}

/// Put `leaf` at `path` in `tree`. Called shortest paths first (by segment count), so the
/// member a leaf lands on is free: only a path with more segments could have made an object
/// there, and a path with as many segments ending there would be the same path.
fn insert(tree: &mut Node, path: &str, leaf: String) {
    let mut segments: Vec<String> = path.split('.').map(str::to_string).collect();
    // The flattener writes `{"": {"b": …}}` as `b`: an empty first name takes the next along.
    while segments.len() > 1 && segments[0].is_empty() {
        let second = segments.remove(1);
        segments[0] = format!(".{second}");
    }
    let mut node = tree;
    let mut i = 0;
    while i < segments.len() {
        let last = i + 1 == segments.len();
        let free_object = !last
            && i < MAX_NESTING
            && node
                .member(&segments[i])
                .is_none_or(|m| matches!(m, Node::Object(_)));
        if !free_object {
            // The rest of the path as one member name (a leaf is in the way, or it is deep).
            let key = segments[i..].join(".");
            node.push(key, Node::Leaf(leaf));
            return;
        }
        if node.member(&segments[i]).is_none() {
            node.push(segments[i].clone(), Node::Object(Vec::new()));
        }
        node = node.member(&segments[i]).expect("present or just added");
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::Pattern;

    fn one(pattern: &str) -> String {
        let p = Pattern::parse(pattern).unwrap();
        let e = p
            .example_event()
            .unwrap_or_else(|e| panic!("{pattern}: {e}"));
        assert!(p.matches_json(&e).unwrap(), "{pattern} → {e}");
        e
    }

    #[test]
    fn every_operator_has_a_plain_example() {
        let cases = [
            (r#"{"a":["x"]}"#, r#"{"a":"x"}"#),
            (r#"{"a":[1e400]}"#, r#"{"a":1e400}"#),
            (r#"{"a":[-0.50]}"#, r#"{"a":-0.50}"#),
            (r#"{"a":[true]}"#, r#"{"a":true}"#),
            (r#"{"a":[false]}"#, r#"{"a":false}"#),
            (r#"{"a":[null]}"#, r#"{"a":null}"#),
            (r#"{"a":["10.0.0.1"]}"#, r#"{"a":"10.0.0.1"}"#),
            (r#"{"a":[{"exactly":"x\"y"}]}"#, r#"{"a":"x\"y"}"#),
            (r#"{"a":[{"prefix":"ab"}]}"#, r#"{"a":"ab"}"#),
            (r#"{"a":[{"suffix":".png"}]}"#, r#"{"a":".png"}"#),
            (r#"{"a":[{"equals-ignore-case":"AbC"}]}"#, r#"{"a":"abc"}"#),
            (r#"{"a":[{"equals-ignore-case":"😀"}]}"#, r#"{"a":"??"}"#),
            (
                r#"{"a":[{"prefix":{"equals-ignore-case":"STRASSE"}}]}"#,
                r#"{"a":"strasse"}"#,
            ),
            (
                r#"{"a":[{"suffix":{"equals-ignore-case":".PNG"}}]}"#,
                r#"{"a":".png"}"#,
            ),
            (r#"{"a":[{"wildcard":"a*b\\*c*"}]}"#, r#"{"a":"ab*c"}"#),
            (
                r#"{"a":[{"anything-but":"example"}]}"#,
                r#"{"a":"example-1"}"#,
            ),
            (
                r#"{"a":[{"anything-but":["x","y"]}]}"#,
                r#"{"a":"example"}"#,
            ),
            (r#"{"a":[{"anything-but":[0,1,2]}]}"#, r#"{"a":3}"#),
            (r#"{"a":[{"anything-but":5}]}"#, r#"{"a":0}"#),
            (
                r#"{"a":[{"anything-but":{"prefix":["e","a"]}}]}"#,
                r#"{"a":"b"}"#,
            ),
            (
                r#"{"a":[{"anything-but":{"suffix":"e"}}]}"#,
                r#"{"a":"example-1"}"#,
            ),
            (
                r#"{"a":[{"anything-but":{"equals-ignore-case":["EXAMPLE"]}}]}"#,
                r#"{"a":"example-1"}"#,
            ),
            (r#"{"a":[{"anything-but":{"wildcard":"*"}}]}"#, r#"{"a":0}"#),
            (r#"{"a":[{"numeric":["=",3.5]}]}"#, r#"{"a":3.5}"#),
            (r#"{"a":[{"numeric":[">",0]}]}"#, r#"{"a":1}"#),
            (
                r#"{"a":[{"numeric":[">",0.5,"<",0.75]}]}"#,
                r#"{"a":0.625}"#,
            ),
            (r#"{"a":[{"numeric":["<",-2.5]}]}"#, r#"{"a":-3}"#),
            (r#"{"a":[{"numeric":["<=",1e300]}]}"#, r#"{"a":1e300}"#),
            (r#"{"a":[{"numeric":[">",5e9]}]}"#, r#"{"a":5000000001}"#),
            (r#"{"a":[{"cidr":"10.1.2.3/16"}]}"#, r#"{"a":"10.1.0.0"}"#),
            (
                r#"{"a":[{"cidr":"2001:db8::/32"}]}"#,
                r#"{"a":"2001:db8:0:0:0:0:0:0"}"#,
            ),
            (r#"{"a":[{"exists":true}]}"#, r#"{"a":"example"}"#),
            (r#"{"a":[{"exists":false}]}"#, r#"{}"#),
            (r#"{"a":[{"exists":false}],"b":["x"]}"#, r#"{"b":"x"}"#),
            (r#"{"a":{"b":{"c":["x"]}}}"#, r#"{"a":{"b":{"c":"x"}}}"#),
            (
                r#"{"a.b":["x"],"a":{"c":["y"]}}"#,
                r#"{"a":{"b":"x","c":"y"}}"#,
            ),
            (r#"{"a":["x"],"a.b":["y"]}"#, r#"{"a":"x","a.b":"y"}"#),
            (r#"{"":{"b":["x"]}}"#, r#"{"b":"x"}"#),
            (r#"{".b":["x"]}"#, r#"{".b":"x"}"#),
            (r#"{"a..b":["x"]}"#, r#"{"a":{"":{"b":"x"}}}"#),
            (
                r#"{"a":[{"numeric":[">",1,"<",1.0000000000000002]},"z"]}"#,
                r#"{"a":"z"}"#,
            ),
        ];
        for (pattern, want) in cases {
            assert_eq!(one(pattern), want, "{pattern}");
        }
    }

    #[test]
    fn deep_paths_end_in_one_dotted_name() {
        let path = vec!["k"; 100].join(".");
        let e = one(&format!(r#"{{"{path}":["x"]}}"#));
        assert_eq!(e.matches('{').count(), super::MAX_NESTING + 1, "{e}");
    }

    #[test]
    fn an_empty_range_is_the_reason() {
        let p = Pattern::parse(
            r#"{"$or":[{"a":[{"numeric":[">",1,"<",1.0000000000000002]}]},{"b":["x"]}]}"#,
        )
        .unwrap();
        assert_eq!(p.example_event().unwrap(), r#"{"b":"x"}"#);
        let all = p.example_events();
        let why = all[0].as_ref().unwrap_err();
        assert_eq!((why.branch(), why.path()), (0, "a"));
        assert_eq!(
            why.reason(),
            r#"needs {"numeric":[">",1,"<",1.0000000000000002]}, and no number evmatch can compare lies in that range"#
        );
        let p = Pattern::parse(
            r#"{"a":[{"numeric":[">",0,"<",4.9e-324]},{"numeric":[">=",1,"<",1.0000000000000002]}]}"#,
        )
        .unwrap();
        assert_eq!(p.example_event().unwrap(), r#"{"a":1}"#);
        let p = Pattern::parse(r#"{"a":[{"numeric":[">",1.7976931348623157e308]}]}"#).unwrap();
        assert!(p.example_event().is_err());
    }
}
