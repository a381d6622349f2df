//! Model `pattern` constraints: the model's Java regular expressions, translated for the `regex`
//! crate and compiled on first use.
//!
//! Invariants: a pattern matches the *whole* value, as Java's `matches()` does; `\w`, `\d`,
//! `\s` and `.` keep their Java meaning; the one look-ahead form the model uses (a leading
//! `(?!…)`) is supported as a second, negative regex. Costs: each pattern is compiled once, on its
//! first match, then matched in linear time.

use std::sync::OnceLock;

/// A model `pattern`, compiled on first use, matched against the whole value as AWS does.
///
/// The model's regexes are Java regexes; they are translated for the `regex` crate keeping Java's
/// meaning (`\w`, `\d`, `\s` and `.` as in Java, a leading `(?!…)` look-ahead supported).
pub struct ModelPattern {
    source: &'static str,
    compiled: OnceLock<Compiled>,
}

struct Compiled {
    positive: regex::Regex,
    /// A leading negative look-ahead `(?!X)`: the value must not start with a match of `X`.
    negative: Option<regex::Regex>,
}

impl ModelPattern {
    pub(in crate::api) const fn new(source: &'static str) -> Self {
        ModelPattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern exactly as in the model (and in AWS's error messages).
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether the whole of `value` matches.
    pub fn is_match(&self, value: &str) -> bool {
        let c = self.compiled.get_or_init(|| compile(self.source));
        c.positive.is_match(value) && !c.negative.as_ref().is_some_and(|n| n.is_match(value))
    }
}

impl std::fmt::Debug for ModelPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ModelPattern({:?})", self.source)
    }
}

fn compile(source: &str) -> Compiled {
    let mut body = source;
    let mut negative = None;
    if let Some(rest) = body.strip_prefix("^(?!") {
        // `^(?!X)Y` — only the model's `^(?!\s*$).+` uses this; X contains no parentheses.
        let end = rest.find(')').expect("look-ahead end");
        let neg = &rest[..end];
        negative =
            Some(regex::Regex::new(&format!("^(?:{})", java_to_rust(neg))).expect("model regex"));
        body = &rest[end + 1..];
    }
    let positive =
        regex::Regex::new(&format!("^(?:{})$", java_to_rust(body))).expect("model regex");
    Compiled { positive, negative }
}

/// Rewrites Java-only meanings: `\w`, `\d`, `\s` are ASCII in Java; `.` excludes all Java line
/// terminators; `$` at the end of a Java `matches()` pattern is redundant.
fn java_to_rust(re: &str) -> String {
    let mut out = String::new();
    let mut in_class = false;
    let mut chars = re.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('w') if in_class => out.push_str("0-9A-Za-z_"),
                Some('w') => out.push_str("[0-9A-Za-z_]"),
                Some('d') if in_class => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some('s') if in_class => out.push_str(r"\t\n\x0B\x0C\r "),
                Some('s') => out.push_str(r"[\t\n\x0B\x0C\r ]"),
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A leading `^` or `]` belongs to the class syntax.
                let rest = chars.as_str();
                if let Some(r) = rest.strip_prefix('^') {
                    out.push('^');
                    chars = r.chars();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str(r"[^\n\r\x{85}\x{2028}\x{2029}]"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_classes_translate() {
        assert_eq!(java_to_rust(r"[\w-]+\d"), r"[0-9A-Za-z_-]+[0-9]");
        assert_eq!(
            java_to_rust(r"a.b[.]"),
            r"a[^\n\r\x{85}\x{2028}\x{2029}]b[.]"
        );
        assert_eq!(java_to_rust(r"[^\x00-\x1F]"), r"[^\x00-\x1F]");
    }

    #[test]
    fn look_ahead_pattern() {
        let p = ModelPattern::new(r"^(?!\s*$).+");
        assert!(p.is_match("a"));
        assert!(p.is_match(" a "));
        assert!(!p.is_match("   "));
        assert!(!p.is_match(""));
        assert!(!p.is_match("a\nb"));
    }
}
