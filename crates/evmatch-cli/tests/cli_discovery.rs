//! `evmatch_cli::discovery`: file-kind detection, finding patterns (with positions) in pattern files,
//! JSON Lines and CloudFormation/SAM templates, mapping error locations, and checking.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use evmatch::{Error, Location, PatternError};
use evmatch_cli::discovery::{
    FileError, FileKind, MAX_YAML_ALIAS_NODES, MAX_YAML_ALIASES, Outcome, check, pattern_files,
    patterns_in, validate_file, validate_text,
};

use common::{data, read};

/// (line, column, pointer, intrinsic, text) of every pattern found.
fn summary(text: &str, kind: FileKind) -> Vec<(usize, usize, String, Option<String>, String)> {
    patterns_in(text, kind)
        .unwrap()
        .into_iter()
        .map(|f| (f.line, f.column, f.pointer, f.intrinsic, f.text))
        .collect()
}

fn pattern_error(reason: &str, source: &str, at: &[(usize, usize)]) -> Error {
    let locations = at
        .iter()
        .map(|&(line, column)| Location { line, column })
        .collect();
    Error::InvalidEventPattern(PatternError::new(reason, source, locations))
}

// --- kind detection ----------------------------------------------------------------------------

#[test]
fn detects_kinds_by_extension_and_content() {
    let kind = |name: &str, text: &str| FileKind::detect(Path::new(name), text);
    assert_eq!(kind("p.jsonl", "{}"), FileKind::JsonLines);
    assert_eq!(kind("p.NDJSON", "{}"), FileKind::JsonLines);
    assert_eq!(kind("t.yaml", "a: 1"), FileKind::Template);
    assert_eq!(kind("t.yml", "{}"), FileKind::Template);
    assert_eq!(kind("t.json", r#"{"Resources": {}}"#), FileKind::Template);
    assert_eq!(
        kind("t.json", r#" {"AWSTemplateFormatVersion": "2010-09-09"}"#),
        FileKind::Template
    );
    assert_eq!(
        kind("t.json", r#"{"Transform": "AWS::Serverless-2016-10-31"}"#),
        FileKind::Template
    );
    // A pattern, even one with a field named like a template key at a lower level.
    assert_eq!(
        kind("p.json", r#"{"detail": {"Resources": ["x"]}}"#),
        FileKind::Pattern
    );
    assert_eq!(kind("p.json", r#"{"source": [""#), FileKind::Pattern);
    assert_eq!(kind("p", "not json at all"), FileKind::Pattern);
    // A broken JSON template is still a template, so its parse error is reported as such.
    assert_eq!(
        kind("t.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n"),
        FileKind::Template
    );
    // Other extensions: YAML templates are recognised by content.
    assert_eq!(
        kind("stack.template", "Resources:\n  R:\n    Type: X\n"),
        FileKind::Template
    );
}

// --- pattern files and JSON Lines ----------------------------------------------------------------

#[test]
fn a_pattern_file_is_one_verbatim_pattern() {
    let text = "\n\n  {\"source\": [\"aws.ec2\"]}\n";
    let found = summary(text, FileKind::Pattern);
    assert_eq!(found, vec![(3, 3, String::new(), None, text.to_owned())]);
}

#[test]
fn json_lines_skip_blank_lines_and_strip_line_endings() {
    let found = summary(&read("patterns.jsonl"), FileKind::JsonLines);
    let lines: Vec<(usize, usize, &str)> = found
        .iter()
        .map(|(l, c, _, _, t)| (*l, *c, t.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (1, 1, r#"{"source": ["aws.ec2"]}"#),
            (3, 1, r#"{"detail": {"count": 5}}"#),
            (4, 1, r#"{"source": [{"prefix": "aws."}]}"#),
        ]
    );
}

#[test]
fn error_locations_map_onto_the_file_for_verbatim_patterns() {
    // Pattern file: the pattern's location is the file's location.
    let text = "{\n  \"detail\": {\"count\": 5}\n}\n";
    let found = &patterns_in(text, FileKind::Pattern).unwrap()[0];
    let err = pattern_error("\"count\" must be an object or an array", text, &[(2, 24)]);
    assert_eq!(found.position_of(&err), (2, 24));
    // No location: the pattern's start.
    let bare = Error::InvalidEventPattern(PatternError::bare("too complex"));
    assert_eq!(found.position_of(&bare), (1, 1));
    // A service error has no location either.
    assert_eq!(found.position_of(&Error::Validation("x".into())), (1, 1));

    // JSON Lines: the entry's line, the error's column.
    let jsonl = "{\"source\": [\"x\"]}\n   {\"a\":1}\n";
    let found = &patterns_in(jsonl, FileKind::JsonLines).unwrap()[1];
    assert_eq!((found.line, found.column), (2, 4));
    let err = pattern_error(
        "\"a\" must be an object or an array",
        "   {\"a\":1}",
        &[(1, 10)],
    );
    assert_eq!(found.position_of(&err), (2, 10));
    // A location past line 1 cannot be on the entry's line: fall back to its start.
    let odd = "{\"a\":\r1}";
    let found = &patterns_in(odd, FileKind::JsonLines).unwrap()[0];
    let err = pattern_error("x", odd, &[(2, 2)]);
    assert_eq!(found.position_of(&err), (1, 1));
}

#[test]
fn template_patterns_are_reported_at_their_value() {
    let text = read("template.yaml");
    let found = &patterns_in(&text, FileKind::Template).unwrap()[1];
    let err = pattern_error(
        "\"count\" must be an object or an array",
        &found.text,
        &[(1, 21)],
    );
    assert_eq!(found.position_of(&err), (26, 21));
}

// --- JSON templates ------------------------------------------------------------------------------

#[test]
fn finds_event_patterns_in_a_json_template() {
    let found = summary(&read("template.json"), FileKind::Template);
    let p = |name: &str| format!("/Resources/{name}/Properties/EventPattern");
    assert_eq!(
        found,
        vec![
            (
                7,
                25,
                p("Valid"),
                None,
                r#"{"source":["aws.ec2"],"detail":{"state":[{"anything-but":"running"}]}}"#
                    .to_owned()
            ),
            (
                16,
                25,
                p("Invalid"),
                None,
                r#"{"detail":{"count":5}}"#.to_owned()
            ),
            (23, 25, p("AsString"), None, r#"{"a":1}"#.to_owned()),
            (29, 25, p("WithRef"), Some("Ref".to_owned()), String::new()),
        ]
    );
}

#[test]
fn json_mappings_keep_number_spelling_and_string_escapes() {
    let text = r#"{"Resources": {"R": {"Properties": {"EventPattern":
        {"detail": {"n": [{"numeric": [">", 1.50, "<=", 1e3]}], "s": ["\u00e9\"x"]}}}}}}"#;
    let found = summary(text, FileKind::Template);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].4,
        r#"{"detail":{"n":[{"numeric":[">",1.50,"<=",1e3]}],"s":["é\"x"]}}"#
    );
    assert_eq!((found[0].0, found[0].1), (2, 9));
}

#[test]
fn template_strings_are_escaped_by_the_engine_s_json_writer() {
    // evmatch::json writes the control characters without a short escape as `\u00XX`, upper
    // case; the pattern parser reads them back to the same characters.
    let text = "Resources:\n  R:\n    EventPattern: {detail: {s: [\"\\x01\\x1f\\t\\\"\\\\/é\"]}}\n";
    let found = summary(text, FileKind::Template);
    assert_eq!(found[0].4, r#"{"detail":{"s":["\u0001\u001F\t\"\\/é"]}}"#);
    assert!(matches!(
        check("t.yaml", &patterns_in(text, FileKind::Template).unwrap()[0]).outcome,
        Outcome::Valid
    ));
}

#[test]
fn finds_event_patterns_at_any_depth_and_fn_intrinsics() {
    let text = r#"{
  "Transform": "X",
  "Metadata": {"Docs": [{"EventPattern": {"source": ["a"]}}]},
  "Resources": {
    "R": {"Properties": {"EventPattern": {"detail": {"x": [{"Fn::Sub": "${A}"}]}}}}
  },
  "Outputs": {"P": {"Value": {"Fn::Join": ["", ["x"]]}}}
}"#;
    let found = summary(text, FileKind::Template);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].2, "/Metadata/Docs/0/EventPattern");
    assert_eq!(found[0].4, r#"{"source":["a"]}"#);
    assert_eq!(found[1].2, "/Resources/R/Properties/EventPattern");
    assert_eq!(found[1].3.as_deref(), Some("Fn::Sub"));
}

#[test]
fn pointer_segments_are_escaped() {
    let text = r#"{"Resources": {"a/b~c": {"EventPattern": {"x": ["y"]}}}}"#;
    assert_eq!(
        summary(text, FileKind::Template)[0].2,
        "/Resources/a~1b~0c/EventPattern"
    );
}

#[test]
fn json_template_syntax_errors_have_positions() {
    let err = patterns_in("{\"Resources\": {\n  \"R\": [1,]\n}}", FileKind::Template).unwrap_err();
    assert!(matches!(err, FileError::Parse { .. }), "{err:?}");
    assert_eq!(err.position().map(|(line, _)| line), Some(2));
    assert!(
        err.to_string().starts_with("cannot parse template: "),
        "{err}"
    );
}

// --- YAML templates ------------------------------------------------------------------------------

#[test]
fn finds_patterns_in_a_yaml_template_with_short_forms_sam_and_pipes() {
    let found = summary(&read("template.yaml"), FileKind::Template);
    let got: Vec<(usize, usize, &str, Option<&str>, &str)> = found
        .iter()
        .map(|(l, c, p, i, t)| (*l, *c, p.as_str(), i.as_deref(), t.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                16,
                9,
                "/Resources/ValidRule/Properties/EventPattern",
                None,
                r#"{"source":["aws.ec2"],"detail":{"state":[{"prefix":"stop"}]}}"#
            ),
            (
                26,
                21,
                "/Resources/InvalidRule/Properties/EventPattern",
                None,
                r#"{"detail":{"count":5}}"#
            ),
            (
                31,
                9,
                "/Resources/StringRule/Properties/EventPattern",
                None,
                "{\"source\": [\"aws.s3\"]}\n"
            ),
            (
                35,
                21,
                "/Resources/SubRule/Properties/EventPattern",
                Some("!Sub"),
                ""
            ),
            (
                46,
                15,
                "/Resources/Handler/Properties/Events/OnStop/Properties/Pattern",
                None,
                r#"{"detail-type":"EC2 Instance State-change Notification"}"#
            ),
            // The SQS event's Lambda FilterCriteria (line 53) is not an EventBridge pattern.
            (
                63,
                24,
                "/Resources/Pipe/Properties/SourceParameters/FilterCriteria/Filters/0/Pattern",
                None,
                r#"{"body": {"count": [5]}}"#
            ),
        ]
    );
}

#[test]
fn yaml_scalars_resolve_like_json() {
    let text = "\
Resources:
  R:
    Properties:
      EventPattern:
        detail:
          a: [007, 0x10, 0o17, -3, +4, 1.5, 1e3, .5]
          b: [true, False, null, ~, \"5\", '6', !!str 7, yes, 2024-01-01]
          c: [{numeric: ['>', 0]}]
";
    let found = summary(text, FileKind::Template);
    assert_eq!(
        found[0].4,
        r#"{"detail":{"a":[7,16,15,-3,4,1.5,1e3,0.5],"b":[true,false,null,null,"5","6","7","yes","2024-01-01"],"c":[{"numeric":[">",0]}]}}"#
    );
}

#[test]
fn yaml_intrinsics_in_any_form_are_skipped() {
    let text = "\
Resources:
  A:
    Properties:
      EventPattern:
        source: [aws.ec2]
        detail:
          id: !If [Cond, [a], [b]]
  B:
    Properties:
      EventPattern:
        account:
          - Ref: AWS::AccountId
  C:
    Properties:
      EventPattern: !Join
        - ''
        - ['{\"source\": [\"', !Ref Src, '\"]}']
  D:
    Properties:
      EventPattern:
        source: [!GetAtt X.Y]
";
    let found = summary(text, FileKind::Template);
    let intrinsics: Vec<Option<&str>> = found.iter().map(|f| f.3.as_deref()).collect();
    assert_eq!(
        intrinsics,
        vec![Some("!If"), Some("Ref"), Some("!Join"), Some("!GetAtt")]
    );
    // A pattern that is itself a tagged node is reported where its tag starts.
    assert_eq!((found[2].0, found[2].1), (15, 21));
    assert!(found.iter().all(|f| f.4.is_empty()));
}

#[test]
fn tagged_values_are_reported_at_their_tag() {
    let text = "\
Resources:
  A:
    EventPattern: !If [C, {a: [1]}, {b: [2]}]
  B:
    EventPattern:   !Sub   \"{}\"
  C:
    EventPattern: !Join
      - ''
      - [a]
";
    let at: Vec<(usize, usize)> = summary(text, FileKind::Template)
        .iter()
        .map(|f| (f.0, f.1))
        .collect();
    assert_eq!(at, vec![(3, 19), (5, 21), (7, 19)]);
}

#[test]
fn yaml_anchors_and_aliases_are_followed() {
    let text = "\
Common: &ec2 {source: [aws.ec2]}
Resources:
  R:
    Properties:
      EventPattern: *ec2
";
    let found = summary(text, FileKind::Template);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].4, r#"{"source":["aws.ec2"]}"#);
    assert_eq!((found[0].0, found[0].1), (5, 21));
}

#[test]
fn pattern_outside_sam_event_properties_is_not_a_pattern() {
    let text = "\
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      Pattern: {a: 1}
      Events:
        E:
          Type: CloudWatchEvent
          Properties:
            Pattern: {source: [aws.ec2]}
";
    let found = summary(text, FileKind::Template);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].2,
        "/Resources/F/Properties/Events/E/Properties/Pattern"
    );
}

#[test]
fn yaml_syntax_errors_have_positions() {
    let err = patterns_in(&read("broken.yaml"), FileKind::Template).unwrap_err();
    assert_eq!(err.position(), Some((6, 12)));
    assert!(
        err.to_string().starts_with("cannot parse template: "),
        "{err}"
    );
}

#[test]
fn empty_and_pattern_free_templates_have_no_patterns() {
    assert!(summary("", FileKind::Template).is_empty());
    assert!(summary("Resources: {}\n", FileKind::Template).is_empty());
    assert!(summary("{\"Resources\": {}}", FileKind::Template).is_empty());
}

// --- checking ------------------------------------------------------------------------------------

#[test]
fn skipped_findings_do_not_need_the_parser() {
    let text = read("template.json");
    let found = patterns_in(&text, FileKind::Template).unwrap();
    let finding = check("t.json", &found[3]);
    assert_eq!(finding.outcome, Outcome::Skipped("Ref".to_owned()));
    assert_eq!(
        finding.to_string(),
        "t.json:29:25: skipped: pattern uses the CloudFormation intrinsic function Ref and \
         cannot be checked offline"
    );
}

#[test]
fn validate_text_reports_invalid_patterns_with_aws_reasons() {
    let findings = validate_text("p.jsonl", &read("patterns.jsonl"), FileKind::JsonLines).unwrap();
    let outcomes: Vec<bool> = findings
        .iter()
        .map(|f| matches!(f.outcome, Outcome::Valid))
        .collect();
    assert_eq!(outcomes, vec![true, false, true]);
    assert_eq!(
        findings[1].to_string(),
        "p.jsonl:3:23: Event pattern is not valid. Reason: \"count\" must be an object or an \
         array"
    );
    let Outcome::Invalid(err) = &findings[1].outcome else {
        unreachable!()
    };
    assert_eq!(err.code().as_str(), "InvalidEventPatternException");
}

#[test]
fn validate_file_reads_detects_and_checks() {
    let findings = validate_file(Path::new(&data("template.yaml"))).unwrap();
    let kinds: Vec<&str> = findings
        .iter()
        .map(|f| match f.outcome {
            Outcome::Valid => "valid",
            Outcome::Invalid(_) => "invalid",
            Outcome::Skipped(_) => "skipped",
        })
        .collect();
    // The SAM SQS event's Lambda filter (`{"body": 1}`, line 53) is checked as Lambda does.
    assert_eq!(
        kinds,
        vec![
            "valid", "invalid", "valid", "skipped", "invalid", "invalid", "valid"
        ]
    );
    assert!(findings.iter().all(|f| f.path.ends_with("template.yaml")));
}

#[test]
fn validate_file_errors() {
    let missing = validate_file(Path::new(&data("no-such-file.json"))).unwrap_err();
    assert!(matches!(missing, FileError::Io(_)), "{missing:?}");
    let bad = validate_file(Path::new(&data("not_utf8.json"))).unwrap_err();
    assert!(matches!(bad, FileError::NotUtf8 { offset: 12 }), "{bad:?}");
    assert_eq!(
        bad.to_string(),
        "file is not valid UTF-8 (invalid byte at offset 12)"
    );
}

#[test]
fn pattern_files_walks_directories_in_order() {
    let root = data("tree");
    let files: Vec<String> = pattern_files(Path::new(&root))
        .unwrap()
        .into_iter()
        .map(|p| {
            p.strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(
        files,
        vec!["invalid.json", "nested/more.jsonl", "valid.json"]
    );
}

// --- bounded cost: the YAML alias budget and deep nesting ---------------------------------------

#[test]
fn the_alias_bomb_fixture_is_nine_levels_of_ten_aliases() {
    assert_eq!(read("alias_bomb.yaml"), common::alias_bomb(9));
}

#[test]
fn the_yaml_alias_bomb_is_refused_at_once_with_its_position() {
    let bomb = common::alias_bomb(9);
    let start = Instant::now();
    let err = patterns_in(&bomb, FileKind::Template).unwrap_err();
    let elapsed = start.elapsed();
    assert!(
        matches!(err, FileError::AliasBudgetExceeded { .. }),
        "{err:?}"
    );
    // l4 expands to 111,111 nodes; its aliases so far added 123,440: the eighth `*l4` of l5
    // crosses 1,000,000.
    assert_eq!(err.position(), Some((6, 45)));
    assert_eq!(
        err.to_string(),
        "YAML alias expansion over budget: the aliases would add more than 1000000 nodes to the \
         document"
    );
    assert!(elapsed < Duration::from_millis(500), "took {elapsed:?}");
    // Through the file, as `evmatch validate` reads it.
    let err = validate_file(Path::new(&data("alias_bomb.yaml"))).unwrap_err();
    assert_eq!(err.position(), Some((6, 45)));
}

#[test]
fn aliases_within_the_budget_are_expanded() {
    // Four levels add 123,440 nodes: within the budget.
    let text = format!(
        "{}Resources:\n  R:\n    Properties:\n      EventPattern: {{detail: {{n: *l1}}}}\n",
        common::alias_bomb(4)
    );
    let found = summary(&text, FileKind::Template);
    let l0 = format!("[{}]", ["\"lol\""; 10].join(","));
    let l1 = format!("[{}]", vec![l0; 10].join(","));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].4, format!(r#"{{"detail":{{"n":{l1}}}}}"#));
}

#[test]
fn the_alias_budget_limits_the_number_of_aliases() {
    let text = |n: usize| format!("a: &a 1\nb: [{}]\n", "*a, ".repeat(n));
    assert!(patterns_in(&text(MAX_YAML_ALIASES), FileKind::Template).is_ok());
    let err = patterns_in(&text(MAX_YAML_ALIASES + 1), FileKind::Template).unwrap_err();
    assert_eq!(err.position(), Some((2, 5 + 4 * MAX_YAML_ALIASES)));
    assert_eq!(
        err.to_string(),
        "YAML alias expansion over budget: more than 10000 aliases in one file"
    );
}

#[test]
fn the_alias_budget_counts_the_text_aliases_repeat() {
    // A 64 KiB string counts 1,025 nodes each time: under a thousand repeats fit.
    let text = |n: usize| {
        format!(
            "a: &a \"{}\"\nb: [{}]\n",
            "x".repeat(64 * 1024),
            "*a, ".repeat(n)
        )
    };
    let fits = MAX_YAML_ALIAS_NODES / 1025;
    assert!(patterns_in(&text(fits), FileKind::Template).is_ok());
    let err = patterns_in(&text(fits + 1), FileKind::Template).unwrap_err();
    assert!(
        matches!(err, FileError::AliasBudgetExceeded { .. }),
        "{err:?}"
    );
}

#[test]
fn a_json_template_nested_100000_deep_gives_its_pattern() {
    let depth = 100_000;
    let text = common::deep_json_template(depth);
    assert_eq!(
        FileKind::detect(Path::new("t.json"), &text),
        FileKind::Template
    );
    let found = patterns_in(&text, FileKind::Template).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, common::deep_pattern_text(depth));
    // Far over AWS's 4096 characters: invalid, and no stack overflow on the way.
    let finding = check("t.json", &found[0]);
    assert!(matches!(finding.outcome, Outcome::Invalid(_)));
}

#[test]
fn a_json_pattern_file_nested_100000_deep_is_one_invalid_pattern() {
    let text = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert_eq!(
        FileKind::detect(Path::new("p.json"), &text),
        FileKind::Pattern
    );
    let findings = validate_text("p.json", &text, FileKind::Pattern).unwrap();
    assert!(matches!(findings[0].outcome, Outcome::Invalid(_)));
}

#[test]
fn a_yaml_template_nested_100000_deep_in_block_style_gives_its_pattern() {
    let depth = 100_000;
    let text = common::deep_yaml_template(depth, false);
    let found = patterns_in(&text, FileKind::Template).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, common::deep_pattern_text(depth));
    assert_eq!((found[0].line, found[0].column), (6, 9));
    // A deep YAML file that is not a template.
    let list = format!("{}x\n", "- ".repeat(depth));
    assert_eq!(
        FileKind::detect(Path::new("deep.template"), &list),
        FileKind::Pattern
    );
    assert!(summary(&list, FileKind::Template).is_empty());
}

#[test]
fn a_yaml_template_nested_100000_deep_in_flow_style_is_a_parse_error() {
    let text = common::deep_yaml_template(100_000, true);
    let err = patterns_in(&text, FileKind::Template).unwrap_err();
    // yaml-rust2 refuses flow collections nested deeper than 255; the 256th `[` is the error.
    assert_eq!(err.position(), Some((7, 14 + 255)));
    assert_eq!(
        err.to_string(),
        "cannot parse template: recursion limit exceeded"
    );
}
