//! `evmatch validate` for CI: the rule settings of templates (schedule expressions, target
//! inputs, SAM event sources), intrinsic functions as unknown values, the YAML shapes
//! CloudFormation accepts, and the `--format json|sarif|github` reports.

mod common;

use common::{assert_no_panic, evmatch, stderr, stdout, temp_file};
use evmatch_cli::discovery::{FileKind, Intrinsics, Outcome, Subject, validate_text_with};
use serde_json::Value;

const RULES: &str = "tests/data/cli/rules.yaml";
const INTRINSICS: &str = "tests/data/cli/intrinsics.yaml";

// --- rule settings ---------------------------------------------------------------------------

#[test]
fn schedule_expressions_and_target_inputs_are_checked_with_aws_texts() {
    let out = evmatch(&["validate", RULES], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/rules.yaml:17:18: Parameter Input is not valid. Reason: Input must be \
         valid JSON.\n\
         tests/data/cli/rules.yaml:21:27: Parameter ScheduleExpression is not valid.\n\
         tests/data/cli/rules.yaml:26:27: ScheduleExpression is supported only on the default \
         event bus.\n\
         tests/data/cli/rules.yaml:39:18: Only one of Input, InputPath, or InputTransformer \
         must be provided for target both.\n\
         tests/data/cli/rules.yaml:50:13: InputTemplate for target typo contains invalid \
         placeholder skus.\n\
         tests/data/cli/rules.yaml:70:33: Parameter ScheduleExpression is not valid.\n\
         tests/data/cli/rules.yaml:77:15: InputTemplate for target FnOrdersLambdaTarget \
         contains invalid placeholder id.\n"
    );
    assert_eq!(
        stderr(&out),
        "tests/data/cli/rules.yaml:30:27: skipped: schedule expression uses the CloudFormation \
         intrinsic function !Ref and cannot be checked offline\n\
         2 patterns checked: 2 valid, 0 invalid, 0 skipped; 14 rule settings checked: 6 valid, \
         7 invalid, 1 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn rule_findings_name_what_they_checked_and_where() {
    let text = std::fs::read_to_string(RULES).unwrap();
    let findings =
        validate_text_with("r.yaml", &text, FileKind::Template, Intrinsics::Skip).unwrap();
    let got: Vec<(Subject, &str, &str)> = findings
        .iter()
        .map(|f| {
            let result = match f.outcome {
                Outcome::Valid => "valid",
                Outcome::Invalid(_) => "invalid",
                Outcome::Skipped(_) => "skipped",
            };
            (f.subject, f.pointer.as_str(), result)
        })
        .collect();
    use Subject::{EventPattern as P, ScheduleExpression as S, Target as T};
    assert_eq!(
        got,
        vec![
            (
                S,
                "/Resources/Nightly/Properties/ScheduleExpression",
                "valid"
            ),
            (T, "/Resources/Nightly/Properties/Targets/0/Input", "valid"),
            (
                T,
                "/Resources/Nightly/Properties/Targets/1/Input",
                "invalid"
            ),
            (
                S,
                "/Resources/Plural/Properties/ScheduleExpression",
                "invalid"
            ),
            (
                S,
                "/Resources/OnCustomBus/Properties/ScheduleExpression",
                "invalid"
            ),
            (
                S,
                "/Resources/FromParameter/Properties/ScheduleExpression",
                "skipped"
            ),
            (P, "/Resources/Shaped/Properties/EventPattern", "valid"),
            (T, "/Resources/Shaped/Properties/Targets/0/Input", "invalid"),
            (
                T,
                "/Resources/Shaped/Properties/Targets/1/InputTransformer",
                "valid"
            ),
            (
                T,
                "/Resources/Shaped/Properties/Targets/2/InputTransformer",
                "invalid"
            ),
            (
                S,
                "/Resources/Fn/Properties/Events/Hourly/Properties/Schedule",
                "valid"
            ),
            (
                T,
                "/Resources/Fn/Properties/Events/Hourly/Properties/Input",
                "valid"
            ),
            (
                S,
                "/Resources/Fn/Properties/Events/Once/Properties/ScheduleExpression",
                "valid"
            ),
            (
                S,
                "/Resources/Fn/Properties/Events/Bad/Properties/ScheduleExpression",
                "invalid"
            ),
            (
                P,
                "/Resources/Fn/Properties/Events/Orders/Properties/Pattern",
                "valid"
            ),
            (
                T,
                "/Resources/Fn/Properties/Events/Orders/Properties/InputTransformer",
                "invalid"
            ),
        ]
    );
    let Outcome::Invalid(err) = &findings[2].outcome else {
        unreachable!()
    };
    assert_eq!(err.code().as_str(), "ValidationException");
}

#[test]
fn json_templates_get_the_rule_checks_too() {
    let template = r#"{"Resources": {"R": {"Type": "AWS::Events::Rule", "Properties": {
  "ScheduleExpression": "cron(0 12 * * * *)",
  "Targets": [{"Id": "t", "Arn": {"Fn::GetAtt": ["Q", "Arn"]}, "InputPath": {"Fn::Sub": "$.x"}}]
}}}}"#;
    let path = temp_file("rule-settings.json", template);
    let out = evmatch(&["validate", path.to_str().unwrap()], b"");
    let p = path.display();
    assert_eq!(
        stdout(&out),
        format!("{p}:2:25: Parameter ScheduleExpression is not valid.\n")
    );
    assert_eq!(
        stderr(&out),
        format!(
            "{p}:3:77: skipped: target input uses the CloudFormation intrinsic function Fn::Sub \
             and cannot be checked offline\n\
             0 patterns checked: 0 valid, 0 invalid, 0 skipped; 2 rule settings checked: 0 \
             valid, 1 invalid, 1 skipped\n"
        )
    );
    assert_eq!(out.status.code(), Some(1));
}

// --- intrinsic functions ---------------------------------------------------------------------

#[test]
fn intrinsics_are_skipped_by_default() {
    let out = evmatch(&["validate", INTRINSICS], b"");
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 8, "{err}");
    assert!(err.ends_with("7 patterns checked: 0 valid, 0 invalid, 7 skipped\n"));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn intrinsics_as_unknown_strings_where_sound_and_skipped_with_the_reason_elsewhere() {
    let out = evmatch(&["validate", "--intrinsics", "unknown", INTRINSICS], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/intrinsics.yaml:20:9: Event pattern is not valid. Reason: \"count\" must \
         be an object or an array\n"
    );
    let f = "tests/data/cli/intrinsics.yaml";
    assert_eq!(
        stderr(&out),
        format!(
            "{f}:25:21: skipped: pattern uses the CloudFormation intrinsic function !Sub for the \
             whole pattern and cannot be checked offline\n\
             {f}:30:9: skipped: pattern uses the CloudFormation intrinsic function !Ref for the \
             whole value of a field and cannot be checked offline\n\
             {f}:35:9: skipped: pattern uses the CloudFormation intrinsic function !Ref in \
             \"numeric\", where the value's form decides validity, and cannot be checked offline\n\
             {f}:41:9: skipped: pattern uses the CloudFormation intrinsic function !If, which may \
             give a list, a mapping or a number, and cannot be checked offline\n\
             {f}:46:9: skipped: pattern uses the CloudFormation intrinsic function !Ref of \
             Subnets, which gives a list, and cannot be checked offline\n\
             7 patterns checked: 1 valid, 1 invalid, 5 skipped\n"
        )
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn json_intrinsics_in_value_lists_are_checked_as_unknown_strings() {
    let out = evmatch(
        &[
            "validate",
            "--intrinsics=unknown",
            "tests/data/cli/template.json",
            "tests/data/cli/ok",
        ],
        b"",
    );
    assert_eq!(stdout(&out).lines().count(), 2);
    assert_eq!(
        stderr(&out),
        "6 patterns checked: 4 valid, 2 invalid, 0 skipped\n"
    );
}

// --- YAML as CloudFormation reads it -----------------------------------------------------------

#[test]
fn flow_collections_at_the_key_indentation_are_read() {
    let out = evmatch(&["validate", "tests/data/cli/flow_indent.yaml"], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/flow_indent.yaml:14:21: Event pattern is not valid. Reason: \"count\" \
         must be an object or an array\n"
    );
    assert_eq!(
        stderr(&out),
        "1 pattern checked: 0 valid, 1 invalid, 0 skipped\n"
    );
}

#[test]
fn single_pair_mappings_in_flow_sequences_are_read() {
    let out = evmatch(&["validate", "tests/data/cli/flow_pair.yaml"], b"");
    // `[x-1, name: 2]` is a list of a string and the mapping {"name": 2}.
    assert_eq!(
        stdout(&out),
        "tests/data/cli/flow_pair.yaml:10:9: Event pattern is not valid. Reason: Unrecognized \
         match type name\n"
    );
    assert_eq!(
        stderr(&out),
        "1 pattern checked: 0 valid, 1 invalid, 0 skipped\n"
    );
}

// --- formats ---------------------------------------------------------------------------------

const MIXED: [&str; 4] = [
    "tests/data/cli/flow_indent.yaml",
    "tests/data/cli/broken.yaml",
    "tests/data/cli/ok",
    "tests/data/cli/a1.json",
];

fn validate_as(format: &str, paths: &[&str]) -> std::process::Output {
    let mut args = vec!["validate", "--format", format];
    args.extend_from_slice(paths);
    let out = evmatch(&args, b"");
    assert_no_panic(&out);
    out
}

#[test]
fn github_annotations_are_exact_and_an_unreadable_file_hides_nothing() {
    let out = validate_as("github", &MIXED);
    assert_eq!(
        stdout(&out),
        "::error file=tests/data/cli/flow_indent.yaml,line=14,col=21::Event pattern is not \
         valid. Reason: \"count\" must be an object or an array\n\
         ::notice file=tests/data/cli/ok/sub.yml,line=6,col=9::skipped: pattern uses the \
         CloudFormation intrinsic function !Ref and cannot be checked offline\n\
         ::error file=tests/data/cli/a1.json,line=1,col=7::Event pattern is not valid. Reason: \
         \"a\" must be an object or an array\n\
         ::error file=tests/data/cli/broken.yaml,line=6,col=12::cannot parse template: illegal \
         placement of ':' indicator\n"
    );
    assert_eq!(
        stderr(&out),
        "4 patterns checked: 1 valid, 2 invalid, 1 skipped; 1 file could not be checked\n"
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn github_escapes_what_workflow_commands_require() {
    let path = temp_file("a,b:c%.json", "{\"a\":\n1}");
    let out = validate_as("github", &[path.to_str().unwrap()]);
    let dir = path.parent().unwrap().display().to_string();
    let escaped = format!("{dir}/a,b:c%.json")
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert_eq!(
        stdout(&out),
        format!(
            "::error file={escaped},line=2,col=2::Event pattern is not valid. Reason: \"a\" must \
             be an object or an array\n"
        )
    );
    let missing = validate_as("github", &["no such%\nfile.json"]);
    let line = stdout(&missing);
    assert!(
        line.starts_with("::error file=no such%25%0Afile.json::cannot read file: "),
        "{line}"
    );
    assert_eq!(line.matches('\n').count(), 1, "one line: {line:?}");
}

/// (ruleId, level, message.text, artifactLocation.uri, (startLine, startColumn)).
type SarifRow = (String, String, String, String, Option<(u64, u64)>);

#[test]
fn sarif_has_every_required_member() {
    let out = validate_as("sarif", &MIXED);
    assert_eq!(out.status.code(), Some(2));
    let log: Value = serde_json::from_str(&stdout(&out)).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["tool"]["driver"]["name"], "evmatch");
    let rules: Vec<&str> = runs[0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = runs[0]["results"].as_array().unwrap();
    let got: Vec<SarifRow> = results
        .iter()
        .map(|r| {
            let rule = r["ruleId"].as_str().unwrap();
            assert!(rules.contains(&rule), "{rule} is declared");
            let locations = r["locations"].as_array().unwrap();
            assert_eq!(locations.len(), 1);
            let physical = &locations[0]["physicalLocation"];
            let region = physical.get("region").map(|region| {
                let line = region["startLine"].as_u64().unwrap();
                let column = region["startColumn"].as_u64().unwrap();
                assert!(line >= 1 && column >= 1);
                (line, column)
            });
            (
                rule.to_owned(),
                r["level"].as_str().unwrap().to_owned(),
                r["message"]["text"].as_str().unwrap().to_owned(),
                physical["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                region,
            )
        })
        .collect();
    let s = |x: &str| x.to_owned();
    assert_eq!(
        got,
        vec![
            (
                s("event-pattern"),
                s("error"),
                s("Event pattern is not valid. Reason: \"count\" must be an object or an array"),
                s("tests/data/cli/flow_indent.yaml"),
                Some((14, 21))
            ),
            (
                s("event-pattern"),
                s("note"),
                s(
                    "skipped: pattern uses the CloudFormation intrinsic function !Ref and cannot \
                   be checked offline"
                ),
                s("tests/data/cli/ok/sub.yml"),
                Some((6, 9))
            ),
            (
                s("event-pattern"),
                s("error"),
                s("Event pattern is not valid. Reason: \"a\" must be an object or an array"),
                s("tests/data/cli/a1.json"),
                Some((1, 7))
            ),
            (
                s("file-error"),
                s("error"),
                s("cannot parse template: illegal placement of ':' indicator"),
                s("tests/data/cli/broken.yaml"),
                Some((6, 12))
            ),
        ]
    );
}

#[test]
fn sarif_rule_settings_and_file_errors_without_a_position() {
    let out = validate_as("sarif", &[RULES, "tests/data/cli/no-such-file.json"]);
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let rules: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        vec![
            "target-input",
            "schedule-expression",
            "schedule-expression",
            "schedule-expression",
            "target-input",
            "target-input",
            "schedule-expression",
            "target-input",
            "file-error"
        ]
    );
    let last = &results[8]["locations"][0]["physicalLocation"];
    assert_eq!(
        last["artifactLocation"]["uri"],
        "tests/data/cli/no-such-file.json"
    );
    assert!(last.get("region").is_none());
}

#[test]
fn json_lists_every_finding_file_error_and_count() {
    let out = validate_as("json", &MIXED);
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 4);
    assert_eq!(
        findings[0],
        serde_json::json!({
            "file": "tests/data/cli/flow_indent.yaml",
            "line": 14,
            "column": 21,
            "pointer": "/Resources/Rule/Properties/EventPattern",
            "check": "event-pattern",
            "result": "invalid",
            "code": "InvalidEventPatternException",
            "message": "Event pattern is not valid. Reason: \"count\" must be an object or an array"
        })
    );
    let results: Vec<&str> = findings
        .iter()
        .map(|f| f["result"].as_str().unwrap())
        .collect();
    assert_eq!(results, vec!["invalid", "skipped", "valid", "invalid"]);
    assert_eq!(findings[2]["message"], "valid");
    assert!(findings[2].get("code").is_none());
    assert_eq!(
        report["file_errors"],
        serde_json::json!([{
            "file": "tests/data/cli/broken.yaml",
            "line": 6,
            "column": 12,
            "message": "cannot parse template: illegal placement of ':' indicator"
        }])
    );
    assert_eq!(
        report["summary"],
        serde_json::json!({
            "patterns": {"checked": 4, "valid": 1, "invalid": 2, "skipped": 1},
            "rule_settings": {"checked": 0, "valid": 0, "invalid": 0, "skipped": 0},
            "files_failed": 1,
            "exit_code": 2
        })
    );
    assert_eq!(
        stderr(&out),
        "4 patterns checked: 1 valid, 2 invalid, 1 skipped; 1 file could not be checked\n"
    );
}

#[test]
fn formats_of_a_clean_run_exit_0_and_report_nothing_to_annotate() {
    let clean = ["../../examples/pattern.json"];
    let github = validate_as("github", &clean);
    assert_eq!(
        (stdout(&github).as_str(), github.status.code()),
        ("", Some(0))
    );
    let sarif = validate_as("sarif", &clean);
    let log: Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(sarif.status.code(), Some(0));
    let text = validate_as("text", &clean);
    assert_eq!(stdout(&text), "");
    assert_eq!(
        stderr(&text),
        "1 pattern checked: 1 valid, 0 invalid, 0 skipped\n"
    );
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let out = evmatch(&["validate", "--format", "xml", RULES], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("possible values: text, json, sarif, github"));
}
