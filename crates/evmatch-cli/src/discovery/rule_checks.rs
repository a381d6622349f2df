//! The other settings of a rule in a CloudFormation or SAM template, checked as EventBridge
//! checks them: schedule expressions (`PutRule`) and target inputs (`PutTargets`).
//!
//! Job: [`rule_findings`] visits the `Resources` of a template and checks
//!
//! * in an `AWS::Events::Rule`: `ScheduleExpression` (with the rule's `EventBusName`: a schedule
//!   is allowed on the default bus only) and every `Targets[*]` that has an `Input`, `InputPath`
//!   or `InputTransformer`;
//! * in the `Events` of an `AWS::Serverless::Function` or `AWS::Serverless::StateMachine`: the
//!   `Schedule` of a `Schedule` event source, the `ScheduleExpression` of a `ScheduleV2` one
//!   (rate and cron only: `at(…)` is EventBridge Scheduler's own), and the `Input`, `InputPath`
//!   and `InputTransformer` of `Schedule`, `EventBridgeRule` and `CloudWatchEvent` sources.
//!
//! The checks are evmatch-eventbridge's own: a `PutRuleRequest`'s validation and
//! [`Schedule::parse`] for a schedule, [`validate_target`] for a target, so the messages are
//! AWS's (`Parameter ScheduleExpression is not valid.`, `Parameter Input is not valid. Reason:
//! Input must be valid JSON.`, `InputTemplate for target t1 contains invalid placeholder x.`, …).
//! A target is checked with its literal `Id` (`target` when it has none or computes it; for a
//! SAM event source, SAM's default `<Function><Event>LambdaTarget`) and a stand-in ARN.
//!
//! Invariants: a value computed by an intrinsic function is not guessed at: a schedule or an
//! input given by one is a skipped finding naming the function, and an `InputPathsMap` value
//! given by one stands for some path (only the map's keys matter to the check). Values of the
//! wrong kind (a mapping where CloudFormation wants a string) are left to CloudFormation's own
//! schema check. Findings come in document order.
//!
//! Costs: one visit per resource and per event source or target, plus the checks themselves.

use std::collections::BTreeMap;

use evmatch_eventbridge::api::Request;
use evmatch_eventbridge::api::rules::PutRuleRequest;
use evmatch_eventbridge::api::targets::{InputTransformer, Target};
use evmatch_eventbridge::bus::schedule::Schedule;
use evmatch_eventbridge::bus::transform::validate_target;

use super::intrinsics::intrinsic_at;
use super::tree::{Document, NodeId, NodeKind};
use super::{Outcome, Subject};

/// A checked rule setting: where it is, what it is, and the outcome.
pub(super) struct RuleFinding {
    pub line: usize,
    pub column: usize,
    pub pointer: String,
    pub subject: Subject,
    pub outcome: Outcome,
}

/// The ARN the targets are checked with: the check does not look at it.
const STAND_IN_ARN: &str = "arn:aws:sqs:us-east-1:123456789012:target";

/// A value as the checks see it.
enum Text {
    /// A literal string (or a scalar, as CloudFormation turns it into one).
    Literal(String),
    /// Computed by this intrinsic function.
    Intrinsic(String),
    /// Absent, or of a kind CloudFormation's schema refuses.
    None,
}

/// The rule settings of a template, checked, in document order.
pub(super) fn rule_findings(doc: &Document) -> Vec<RuleFinding> {
    let mut out = Vec::new();
    let Some(resources) = member(doc, doc.root(), "Resources") else {
        return out;
    };
    for (name, resource) in members(doc, resources) {
        let Some(properties) = member(doc, *resource, "Properties") else {
            continue;
        };
        let base = format!("/Resources/{}/Properties", escape(name));
        match type_of(doc, *resource) {
            Some("AWS::Events::Rule") => events_rule(doc, properties, &base, &mut out),
            Some(kind @ ("AWS::Serverless::Function" | "AWS::Serverless::StateMachine")) => {
                let suffix = if kind == "AWS::Serverless::Function" {
                    "LambdaTarget"
                } else {
                    "StepFunctionsTarget"
                };
                let Some(events) = member(doc, properties, "Events") else {
                    continue;
                };
                for (event, source) in members(doc, events) {
                    let Some(props) = member(doc, *source, "Properties") else {
                        continue;
                    };
                    let at = format!("{base}/Events/{}/Properties", escape(event));
                    let default_id = format!("{name}{event}{suffix}");
                    let kind = type_of(doc, *source);
                    sam_event(doc, kind, props, &at, default_id, &mut out);
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|f| (f.line, f.column));
    out
}

fn events_rule(doc: &Document, props: NodeId, base: &str, out: &mut Vec<RuleFinding>) {
    if let Some(schedule) = member(doc, props, "ScheduleExpression") {
        let bus = match member(doc, props, "EventBusName").map(|b| text(doc, b)) {
            Some(Text::Literal(bus)) => Some(bus),
            _ => None,
        };
        let pointer = format!("{base}/ScheduleExpression");
        out.push(schedule_finding(doc, schedule, bus, pointer, false));
    }
    let Some(targets) = member(doc, props, "Targets") else {
        return;
    };
    let NodeKind::Array(items) = doc.kind(targets) else {
        return;
    };
    for (i, &target) in items.iter().enumerate() {
        let id = match member(doc, target, "Id").map(|id| text(doc, id)) {
            Some(Text::Literal(id)) => id,
            _ => "target".to_owned(),
        };
        let pointer = format!("{base}/Targets/{i}");
        out.extend(target_finding(doc, target, id, &pointer));
    }
}

fn sam_event(
    doc: &Document,
    kind: Option<&str>,
    props: NodeId,
    base: &str,
    default_id: String,
    out: &mut Vec<RuleFinding>,
) {
    let schedule = match kind {
        Some("Schedule") => Some(("Schedule", false)),
        Some("ScheduleV2") => Some(("ScheduleExpression", true)),
        _ => None,
    };
    if let Some((key, v2)) = schedule
        && let Some(node) = member(doc, props, key)
    {
        out.push(schedule_finding(
            doc,
            node,
            None,
            format!("{base}/{key}"),
            v2,
        ));
    }
    if matches!(
        kind,
        Some("Schedule" | "EventBridgeRule" | "CloudWatchEvent")
    ) {
        // SAM names the rule's target `Target.Id`, by default `<Function><Event>LambdaTarget`
        // (`…StepFunctionsTarget` for a state machine).
        let id = member(doc, props, "Target")
            .and_then(|t| member(doc, t, "Id"))
            .map(|id| text(doc, id));
        let id = match id {
            Some(Text::Literal(id)) => id,
            _ => default_id,
        };
        out.extend(target_finding(doc, props, id, base));
    }
}

/// The finding for the schedule expression at `node`. `scheduler`: an EventBridge Scheduler
/// expression, whose `at(…)` form is not the rule grammar's (and is not checked).
fn schedule_finding(
    doc: &Document,
    node: NodeId,
    event_bus_name: Option<String>,
    pointer: String,
    scheduler: bool,
) -> RuleFinding {
    let outcome = match text(doc, node) {
        Text::Intrinsic(name) => Outcome::Skipped(name),
        Text::None => Outcome::Valid,
        Text::Literal(expr) if scheduler && expr.starts_with("at(") => Outcome::Valid,
        Text::Literal(expr) => {
            let request = PutRuleRequest {
                name: "rule".into(),
                schedule_expression: Some(expr.clone()),
                event_bus_name: if scheduler { None } else { event_bus_name },
                ..Default::default()
            };
            let checked = request.validate().and_then(|()| Schedule::parse(&expr));
            outcome_of(checked.map(|_| ()))
        }
    };
    finding(doc, node, pointer, Subject::ScheduleExpression, outcome)
}

/// The finding for the input settings of the target (or SAM event source) at `node`, if it has
/// any.
fn target_finding(doc: &Document, node: NodeId, id: String, base: &str) -> Option<RuleFinding> {
    let modes = ["Input", "InputPath", "InputTransformer"];
    let (key, first) = modes
        .iter()
        .find_map(|&k| member(doc, node, k).map(|n| (k, n)))?;
    let pointer = format!("{base}/{key}");
    let mut target = Target {
        id,
        arn: STAND_IN_ARN.into(),
        ..Default::default()
    };
    let mut skipped = None;
    let mut literal = |key: &str| match member(doc, node, key).map(|n| text(doc, n)) {
        Some(Text::Literal(s)) => Some(s),
        Some(Text::Intrinsic(name)) => {
            skipped.get_or_insert(name);
            None
        }
        _ => None,
    };
    target.input = literal("Input");
    target.input_path = literal("InputPath");
    if let Some(transformer) = member(doc, node, "InputTransformer") {
        match transformer_of(doc, transformer) {
            Ok(t) => target.input_transformer = t,
            Err(name) => {
                skipped.get_or_insert(name);
            }
        }
    }
    let outcome = match skipped {
        Some(name) => Outcome::Skipped(name),
        None => outcome_of(validate_target(&target)),
    };
    Some(finding(doc, first, pointer, Subject::Target, outcome))
}

/// The `InputTransformer` at `node`; `Err` with the intrinsic function that computes part of it
/// that matters (the template, a key of the paths map, the map itself).
fn transformer_of(doc: &Document, node: NodeId) -> Result<Option<InputTransformer>, String> {
    if let Some(name) = intrinsic_at(doc, node) {
        return Err(name);
    }
    let input_template = match member(doc, node, "InputTemplate").map(|n| text(doc, n)) {
        Some(Text::Literal(t)) => t,
        Some(Text::Intrinsic(name)) => return Err(name),
        _ => String::new(),
    };
    let input_paths_map = match member(doc, node, "InputPathsMap") {
        None => None,
        Some(map) => {
            if let Some(name) = intrinsic_at(doc, map) {
                return Err(name);
            }
            let mut paths = BTreeMap::new();
            for (key, value) in members(doc, map) {
                let path = match text(doc, *value) {
                    Text::Literal(p) => p,
                    // Some path, computed: only the key matters to the check.
                    _ => "$".to_owned(),
                };
                paths.insert(key.clone(), path);
            }
            Some(paths)
        }
    };
    Ok(Some(InputTransformer {
        input_paths_map,
        input_template,
    }))
}

fn outcome_of(checked: Result<(), evmatch_eventbridge::Error>) -> Outcome {
    match checked {
        Ok(()) => Outcome::Valid,
        Err(evmatch_eventbridge::Error::Matching(e)) => Outcome::Invalid(e),
        Err(e) => Outcome::Invalid(evmatch::Error::Validation(e.to_string())),
    }
}

fn finding(
    doc: &Document,
    node: NodeId,
    pointer: String,
    subject: Subject,
    outcome: Outcome,
) -> RuleFinding {
    let n = doc.node(node);
    RuleFinding {
        line: n.line,
        column: n.column,
        pointer,
        subject,
        outcome,
    }
}

/// The value at `node` as text.
fn text(doc: &Document, node: NodeId) -> Text {
    if let Some(name) = intrinsic_at(doc, node) {
        return Text::Intrinsic(name);
    }
    match doc.kind(node) {
        NodeKind::String(s) | NodeKind::Number(s) => Text::Literal(s.clone()),
        NodeKind::Bool(b) => Text::Literal(b.to_string()),
        _ => Text::None,
    }
}

pub(super) fn type_of(doc: &Document, node: NodeId) -> Option<&str> {
    match member(doc, node, "Type").map(|t| doc.kind(t)) {
        Some(NodeKind::String(t)) => Some(t.as_str()),
        _ => None,
    }
}

/// The value of the last member `key` of the mapping at `node` (CloudFormation keeps the last
/// of duplicate keys).
pub(super) fn member(doc: &Document, node: NodeId, key: &str) -> Option<NodeId> {
    members(doc, node)
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| *v)
}

pub(super) fn members(doc: &Document, node: NodeId) -> &[(String, NodeId)] {
    match doc.kind(node) {
        NodeKind::Object(m) => m,
        _ => &[],
    }
}

/// A JSON Pointer segment.
pub(super) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
