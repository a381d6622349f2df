//! Checking a template pattern that uses CloudFormation intrinsic functions, where their values
//! can be assumed.
//!
//! Job: [`assume`] decides, for a pattern with intrinsic functions inside, whether the pattern
//! is valid or invalid *whatever* those functions give, and if so returns the pattern text with
//! each function replaced by a stand-in string; otherwise it says why not.
//!
//! The rule (also in `docs/validate.md`): an intrinsic function may stand for an unknown value
//! when both
//!
//! * it **gives one string**: `Ref` (but not of a `List<…>` or `CommaDelimitedList` parameter,
//!   nor `AWS::NotificationARNs`), `Fn::Sub`, `Fn::Join`, `Fn::GetAtt`, `Fn::Select`,
//!   `Fn::ImportValue`, `Fn::Base64`, `Fn::ToJsonString` (and their `!` short forms).
//!   `Fn::If`, `Fn::FindInMap`, `Fn::Split`, `Fn::GetAZs`, `Fn::Cidr`, `Fn::Length` and any
//!   other may give a list, a mapping or a number;
//! * it stands **where every string is valid**: an element of a field's list of values
//!   (`source: [aws.ec2, !Ref Src]`), the operand of `prefix`, `suffix`, `equals-ignore-case`
//!   or `anything-but` (also nested, `anything-but: {prefix: …}`), or an element of an
//!   `anything-but` list. Everywhere else the form of the value decides validity: the whole
//!   pattern, a field's whole value (a string there is refused, a list is not), `numeric`,
//!   `cidr`, `wildcard`, `exists`, `$or`.
//!
//! Then the stand-in (the string `x`) makes the pattern exactly as valid as the deployed one:
//! the parser's verdict on a list element or an operand of those operators does not depend on
//! which string it is.
//!
//! Invariants: the walk is a loop over an explicit stack; nothing inside an intrinsic is
//! visited. Costs: one visit per node of the pattern, plus writing its text.

use std::collections::HashSet;

use evmatch::json::Value;

use super::tree::{Document, NodeId, NodeKind};

/// The string an intrinsic function's value is assumed to be.
pub(super) const STAND_IN: &str = "x";

/// Where a node sits in a pattern.
#[derive(Clone, Copy)]
enum Ctx<'d> {
    /// The pattern itself.
    Root,
    /// A mapping of fields (the pattern, a nested field's mapping, a `$or` branch).
    Fields,
    /// A field's value.
    FieldValue,
    /// The value of `$or`.
    Or,
    /// An element of a field's list of values.
    ListItem,
    /// The operand of an operator.
    Operand(&'d str),
    /// An element of an operator's list operand.
    OperandItem(&'d str),
}

/// The names of the template's parameters whose `Ref` gives a list.
pub(super) fn list_parameters(doc: &Document) -> HashSet<String> {
    let mut out = HashSet::new();
    let NodeKind::Object(top) = doc.kind(doc.root()) else {
        return out;
    };
    let Some((_, params)) = top.iter().rev().find(|(k, _)| k == "Parameters") else {
        return out;
    };
    let NodeKind::Object(params) = doc.kind(*params) else {
        return out;
    };
    for (name, param) in params {
        let NodeKind::Object(members) = doc.kind(*param) else {
            continue;
        };
        let is_list = members.iter().any(|(k, v)| {
            k == "Type"
                && matches!(doc.kind(*v), NodeKind::String(t)
                    if t.contains("List<") || t == "CommaDelimitedList")
        });
        if is_list {
            out.insert(name.clone());
        }
    }
    out
}

/// The intrinsic function the node `id` itself is: a short-form tag, or a one-key mapping
/// `Ref` / `Fn::…`.
pub(super) fn intrinsic_at(doc: &Document, id: NodeId) -> Option<String> {
    match doc.kind(id) {
        NodeKind::Tagged(tag) => Some(tag.clone()),
        NodeKind::Object(members) => match members.as_slice() {
            [(key, _)] if key == "Ref" || key.starts_with("Fn::") => Some(key.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The pattern at `pattern` with every intrinsic function replaced by [`STAND_IN`], when that
/// is sound; else the first offending function and why (`" for the whole pattern"`, …, a
/// clause to append to its name).
pub(super) fn assume(
    doc: &Document,
    pattern: NodeId,
    list_params: &HashSet<String>,
) -> Result<String, (String, String)> {
    let mut stand_ins = HashSet::new();
    let mut work = vec![(pattern, Ctx::Root)];
    while let Some((id, ctx)) = work.pop() {
        if let Some(name) = intrinsic_at(doc, id) {
            if let Some(reason) = gives_a_list_or_more(doc, id, &name, list_params) {
                return Err((name, reason));
            }
            if let Some(reason) = placement(ctx) {
                return Err((name, reason));
            }
            stand_ins.insert(id);
            continue;
        }
        let before = work.len();
        match (doc.kind(id), ctx) {
            (NodeKind::Object(members), Ctx::Root | Ctx::Fields | Ctx::FieldValue) => {
                for (key, value) in members {
                    let ctx = if key == "$or" {
                        Ctx::Or
                    } else {
                        Ctx::FieldValue
                    };
                    work.push((*value, ctx));
                }
            }
            (NodeKind::Array(items), Ctx::Or) => {
                work.extend(items.iter().map(|&item| (item, Ctx::Fields)));
            }
            (NodeKind::Array(items), Ctx::FieldValue) => {
                work.extend(items.iter().map(|&item| (item, Ctx::ListItem)));
            }
            (NodeKind::Object(members), Ctx::ListItem | Ctx::Operand(_)) => {
                for (key, value) in members {
                    work.push((*value, Ctx::Operand(key)));
                }
            }
            (NodeKind::Array(items), Ctx::Operand(op)) => {
                work.extend(items.iter().map(|&item| (item, Ctx::OperandItem(op))));
            }
            (NodeKind::Object(members), _) => {
                work.extend(members.iter().map(|(_, v)| (*v, Ctx::OperandItem(""))));
            }
            (NodeKind::Array(items), _) => {
                work.extend(items.iter().map(|&item| (item, Ctx::OperandItem(""))));
            }
            _ => {}
        }
        // Visit in document order.
        work[before..].reverse();
    }
    let stand_in = |id: NodeId| {
        stand_ins
            .contains(&id)
            .then(|| Value::String(STAND_IN.to_owned()))
    };
    Ok(doc.to_value_with(pattern, &stand_in).to_string())
}

/// Why the intrinsic at `id` may not give one string, if it may not.
fn gives_a_list_or_more(
    doc: &Document,
    id: NodeId,
    name: &str,
    list_params: &HashSet<String>,
) -> Option<String> {
    let base = name
        .strip_prefix("Fn::")
        .or_else(|| name.strip_prefix('!'))
        .unwrap_or(name);
    match base {
        "Ref" => {
            let target = match doc.kind(id) {
                NodeKind::Object(members) => match doc.kind(members[0].1) {
                    NodeKind::String(s) => Some(s.as_str()),
                    _ => None,
                },
                _ => doc.tag_arg(id),
            };
            match target {
                Some(t) if list_params.contains(t) || t == "AWS::NotificationARNs" => {
                    Some(format!(" of {t}, which gives a list,"))
                }
                _ => None,
            }
        }
        "Sub" | "Join" | "GetAtt" | "Select" | "ImportValue" | "Base64" | "ToJsonString" => None,
        _ => Some(", which may give a list, a mapping or a number,".to_owned()),
    }
}

/// Why a string of unknown content is not enough at `ctx`, if it is not.
fn placement(ctx: Ctx<'_>) -> Option<String> {
    match ctx {
        Ctx::ListItem => None,
        Ctx::Operand("prefix" | "suffix" | "equals-ignore-case" | "anything-but") => None,
        Ctx::OperandItem("anything-but") => None,
        Ctx::Root => Some(" for the whole pattern".to_owned()),
        Ctx::FieldValue => Some(" for the whole value of a field".to_owned()),
        Ctx::Operand(op) | Ctx::OperandItem(op) if !op.is_empty() => Some(format!(
            " in \"{op}\", where the value's form decides validity,"
        )),
        _ => Some(", where the value's form decides validity,".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `assume` on the `EventPattern` of resource `R` in a YAML template.
    fn assumed(template: &str) -> Result<String, (String, String)> {
        let doc = super::super::yaml::parse(template).unwrap();
        let NodeKind::Object(top) = doc.kind(doc.root()) else {
            panic!("not a mapping")
        };
        let mut id = top.iter().find(|(k, _)| k == "Resources").unwrap().1;
        for key in ["R", "Properties", "EventPattern"] {
            let NodeKind::Object(members) = doc.kind(id) else {
                panic!("not a mapping")
            };
            id = members.iter().find(|(k, _)| k == key).unwrap().1;
        }
        assume(&doc, id, &list_parameters(&doc))
    }

    fn pattern(body: &str) -> String {
        format!(
            "Parameters:\n  L: {{Type: CommaDelimitedList}}\n  S: {{Type: String}}\nResources:\n  \
             R:\n    Properties:\n      EventPattern:\n{body}"
        )
    }

    #[test]
    fn functions_giving_a_string_where_any_string_is_valid_become_stand_ins() {
        let text = pattern(
            "        source: [aws.ec2, !Ref S]\n        account: [{Ref: AWS::AccountId}]\n        \
             detail:\n          a: [{prefix: !Sub '${S}-'}, {suffix: !Join ['', [x]]}]\n          \
             b: [{anything-but: [c, !GetAtt X.Y]}, {anything-but: {prefix: !Select [0, [p]]}}]\n          \
             c: [{equals-ignore-case: !ImportValue E}]\n          \
             $or: [{d: [!Base64 q]}, {e: [1]}]\n",
        );
        assert_eq!(
            assumed(&text).unwrap(),
            r#"{"source":["aws.ec2","x"],"account":["x"],"detail":{"a":[{"prefix":"x"},{"suffix":"x"}],"b":[{"anything-but":["c","x"]},{"anything-but":{"prefix":"x"}}],"c":[{"equals-ignore-case":"x"}],"$or":[{"d":["x"]},{"e":[1]}]}}"#
        );
    }

    #[test]
    fn elsewhere_the_first_offending_function_and_why() {
        let why = |body: &str| assumed(&pattern(body)).unwrap_err();
        let pair = |name: &str, reason: &str| (name.to_owned(), reason.to_owned());
        assert_eq!(
            why("        source: !Ref S\n"),
            pair("!Ref", " for the whole value of a field")
        );
        assert_eq!(
            why("        n: [{numeric: ['>', !Ref S]}]\n"),
            pair(
                "!Ref",
                " in \"numeric\", where the value's form decides validity,"
            )
        );
        assert_eq!(
            why("        n: [{wildcard: !Sub '${S}*'}]\n"),
            pair(
                "!Sub",
                " in \"wildcard\", where the value's form decides validity,"
            )
        );
        assert_eq!(
            why("        n: [ok, !Ref L]\n"),
            pair("!Ref", " of L, which gives a list,")
        );
        assert_eq!(
            why("        n: [{Fn::FindInMap: [M, a, b]}]\n"),
            pair(
                "Fn::FindInMap",
                ", which may give a list, a mapping or a number,"
            )
        );
        assert_eq!(
            why("        $or: [!Ref S]\n"),
            pair("!Ref", ", where the value's form decides validity,")
        );
        let whole = "Resources:\n  R:\n    Properties:\n      EventPattern: !Sub '{}'\n";
        assert_eq!(
            assumed(whole).unwrap_err(),
            pair("!Sub", " for the whole pattern")
        );
    }
}
