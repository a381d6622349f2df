//! `Display` of an [`Explanation`]: a few aligned lines for a person.
//!
//! A header says whether the pattern matched (and which branch, when it has several). For a
//! match only the matched branch is shown; for a miss every branch (at most
//! [`MAX_BRANCHES_SHOWN`]), each with its failing conditions first. One line per condition:
//! a mark (`miss` or `ok`), the path, the value list and the verdict with the values found,
//! in aligned columns. Long value lists and values are cut (`…`), so a line stays short
//! whatever the event holds. The format is for people and may change; programs should use the
//! JSON shape (`Serialize`).

use std::fmt::{self, Write};

use super::model::{BranchExplanation, Explanation, FieldExplanation, Verdict};

/// Branches shown for a miss; the rest are counted.
const MAX_BRANCHES_SHOWN: usize = 10;
/// Characters of a value list shown before it is cut.
const MAX_CONDITION_CHARS: usize = 48;
/// Characters of one value shown before it is cut.
const MAX_VALUE_CHARS: usize = 40;

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.branches.len();
        if !self.event_is_object {
            return writeln!(f, "no match: the event is not a JSON object");
        }
        if let Some(b) = self.matched_branch() {
            if n == 1 {
                writeln!(f, "match")?;
            } else {
                writeln!(f, "match: branch {} of {n}", b.index + 1)?;
            }
            return write_fields(f, b);
        }
        match n {
            1 => {
                writeln!(f, "no match")?;
                write_fields(f, &self.branches[0])
            }
            _ => {
                writeln!(f, "no match: none of {n} branches matched")?;
                for b in self.branches.iter().take(MAX_BRANCHES_SHOWN) {
                    writeln!(f, "branch {}:", b.index + 1)?;
                    write_fields(f, b)?;
                }
                if n > MAX_BRANCHES_SHOWN {
                    writeln!(f, "… {} more branches", n - MAX_BRANCHES_SHOWN)?;
                }
                Ok(())
            }
        }
    }
}

/// The condition lines of `branch`, failing ones first, in aligned columns.
fn write_fields(f: &mut fmt::Formatter<'_>, branch: &BranchExplanation) -> fmt::Result {
    let rows: Vec<(&str, &str, String, String)> = branch
        .failures()
        .chain(branch.fields.iter().filter(|x| x.verdict.is_matched()))
        .map(|x| {
            let mark = if x.verdict.is_matched() { "ok" } else { "miss" };
            (mark, x.path.as_str(), value_list(x), verdict(x))
        })
        .collect();
    let path_width = rows.iter().map(|r| width(r.1)).max().unwrap_or(0);
    let list_width = rows.iter().map(|r| width(&r.2)).max().unwrap_or(0);
    for (mark, path, list, verdict) in rows {
        let line = format!(
            "  {mark:<4}  {path}{}  {list}{}  {verdict}",
            " ".repeat(path_width - width(path)),
            " ".repeat(list_width - width(&list)),
        );
        writeln!(f, "{}", line.trim_end())?;
    }
    Ok(())
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// `s` cut to `max` characters, the last one an ellipsis.
fn cut(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// The value list as the pattern writes it.
fn value_list(field: &FieldExplanation) -> String {
    cut(
        &format!("[{}]", field.conditions.join(",")),
        MAX_CONDITION_CHARS,
    )
}

/// The values found, with a count when some are not shown.
fn values(field: &FieldExplanation) -> String {
    let mut out = String::new();
    for (i, v) in field.values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&cut(v, MAX_VALUE_CHARS));
    }
    if field.value_count > field.values.len() {
        let _ = write!(out, ", … ({} values)", field.value_count);
    }
    out
}

fn verdict(field: &FieldExplanation) -> String {
    match &field.verdict {
        Verdict::Matched { value: Some(v), .. } => format!("matched {}", cut(v, MAX_VALUE_CHARS)),
        Verdict::Matched { value: None, .. } => "matched: absent".to_string(),
        Verdict::AbsentPath => "absent: no value at this path".to_string(),
        Verdict::WrongType { expected, found } => {
            let names = |kinds: &[super::model::ValueKind]| {
                kinds
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(" or ")
            };
            format!(
                "wrong type: expected {}, found {}: {}",
                names(expected),
                names(found),
                values(field)
            )
        }
        Verdict::NoValueSatisfied => format!("no value matched: {}", values(field)),
        Verdict::ExistsMismatch {
            expected_present: true,
        } => "exists mismatch: expected present, absent".to_string(),
        Verdict::ExistsMismatch {
            expected_present: false,
        } => format!("exists mismatch: expected absent, found {}", values(field)),
        Verdict::ArrayConsistency {
            array,
            elements,
            with,
        } => {
            let elements: Vec<String> = elements.iter().map(usize::to_string).collect();
            format!(
                "array consistency: holds only in another element of {array} than {with} \
                 (elements {})",
                elements.join(", ")
            )
        }
    }
}
