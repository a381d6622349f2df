//! `evmatch validate`, end to end: pattern files, JSON Lines, CloudFormation/SAM templates and
//! directories; the output lines, the summary and the exit status.

mod common;

use std::time::{Duration, Instant};

use common::{assert_no_panic, evmatch, stderr, stdout, temp_file};

// --- validate --------------------------------------------------------------------------------

#[test]
fn validate_valid_pattern_file_exits_0() {
    let out = evmatch(&["validate", "../../examples/pattern.json"], b"");
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "1 pattern checked: 1 valid, 0 invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn validate_invalid_pattern_file_reports_the_error_location() {
    let out = evmatch(
        &[
            "validate",
            "../../examples/pattern.json",
            "tests/data/cli/count5.json",
            "tests/data/cli/a1.json",
        ],
        b"",
    );
    assert_eq!(
        stdout(&out),
        "tests/data/cli/count5.json:3:24: Event pattern is not valid. Reason: \"count\" must be \
         an object or an array\n\
         tests/data/cli/a1.json:1:7: Event pattern is not valid. Reason: \"a\" must be an object \
         or an array\n"
    );
    assert_eq!(
        stderr(&out),
        "3 patterns checked: 1 valid, 2 invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_json_lines() {
    let out = evmatch(&["validate", "tests/data/cli/patterns.jsonl"], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/patterns.jsonl:3:23: Event pattern is not valid. Reason: \"count\" must \
         be an object or an array\n"
    );
    assert_eq!(
        stderr(&out),
        "3 patterns checked: 2 valid, 1 invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_cloudformation_json_template() {
    let out = evmatch(&["validate", "tests/data/cli/template.json"], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/template.json:16:25: Event pattern is not valid. Reason: \"count\" must \
         be an object or an array\n\
         tests/data/cli/template.json:23:25: Event pattern is not valid. Reason: \"a\" must be \
         an object or an array\n"
    );
    // The `Ref` there is one element of a value list: checked as an unknown string.
    assert_eq!(
        stderr(&out),
        "4 patterns checked: 2 valid, 2 invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
    // `--intrinsics skip` skips it, as before intrinsics were checked.
    let out = evmatch(
        &[
            "validate",
            "--intrinsics",
            "skip",
            "tests/data/cli/template.json",
        ],
        b"",
    );
    assert_eq!(
        stderr(&out),
        "tests/data/cli/template.json:29:25: skipped: pattern uses the CloudFormation intrinsic \
         function Ref and cannot be checked offline\n\
         4 patterns checked: 1 valid, 2 invalid, 1 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_yaml_template_with_short_forms_sam_and_pipes() {
    let out = evmatch(&["validate", "tests/data/cli/template.yaml"], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/template.yaml:26:21: Event pattern is not valid. Reason: \"count\" must \
         be an object or an array\n\
         tests/data/cli/template.yaml:46:15: Event pattern is not valid. Reason: \"detail-type\" \
         must be an object or an array\n\
         tests/data/cli/template.yaml:53:28: Invalid filter pattern definition. (evmatch: \
         \"body\" must be an object or an array)\n"
    );
    // The SAM SQS event's filter and the pipe's are Lambda and Pipes filters, counted apart.
    assert_eq!(
        stderr(&out),
        "tests/data/cli/template.yaml:35:21: skipped: pattern uses the CloudFormation intrinsic \
         function !Sub for the whole pattern and cannot be checked offline\n\
         5 patterns checked: 2 valid, 2 invalid, 1 skipped; 2 filters checked: 1 valid, 1 \
         invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_valid_and_skipped_only_exits_0() {
    let out = evmatch(&["validate", "tests/data/cli/ok"], b"");
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "2 patterns checked: 2 valid, 0 invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(0));
    let out = evmatch(
        &["validate", "--intrinsics", "skip", "tests/data/cli/ok"],
        b"",
    );
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "tests/data/cli/ok/sub.yml:6:9: skipped: pattern uses the CloudFormation intrinsic \
         function !Ref and cannot be checked offline\n\
         2 patterns checked: 1 valid, 0 invalid, 1 skipped\n"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn validate_recurses_into_directories() {
    let out = evmatch(&["validate", "tests/data/cli/tree"], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/tree/invalid.json:3:24: Event pattern is not valid. Reason: \"count\" \
         must be an object or an array\n\
         tests/data/cli/tree/nested/more.jsonl:2:8: Event pattern is not valid. Reason: \"a\" \
         must be an object or an array\n"
    );
    assert_eq!(
        stderr(&out),
        "4 patterns checked: 2 valid, 2 invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_file_errors_exit_2_and_other_files_are_still_checked() {
    let out = evmatch(
        &[
            "validate",
            "tests/data/cli/no-such-file.json",
            "tests/data/cli/broken.yaml",
            "tests/data/cli/not_utf8.json",
            "tests/data/cli/a1.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_no_panic(&out);
    assert_eq!(
        stdout(&out),
        "tests/data/cli/a1.json:1:7: Event pattern is not valid. Reason: \"a\" must be an object \
         or an array\n"
    );
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(lines[0].starts_with("tests/data/cli/no-such-file.json: error: cannot read file"));
    assert!(lines[1].starts_with("tests/data/cli/broken.yaml:6:12: error: cannot parse template"));
    assert!(lines[2].starts_with("tests/data/cli/not_utf8.json: error: file is not valid UTF-8"));
    assert_eq!(
        lines[3],
        "1 pattern checked: 0 valid, 1 invalid, 0 skipped; 3 files could not be checked"
    );
}

#[test]
fn validate_needs_a_path() {
    let out = evmatch(&["validate"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("<PATH>"));
}

#[test]
fn validate_refuses_the_yaml_alias_bomb_in_well_under_a_second() {
    let start = Instant::now();
    let out = evmatch(&["validate", "tests/data/cli/alias_bomb.yaml"], b"");
    let elapsed = start.elapsed();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "tests/data/cli/alias_bomb.yaml:6:45: error: YAML alias expansion over budget: the \
         aliases would add more than 1000000 nodes to the document\n\
         0 patterns checked: 0 valid, 0 invalid, 0 skipped; 1 file could not be checked\n"
    );
    assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
}

#[test]
fn validate_checks_templates_nested_100000_deep() {
    let depth = 100_000;
    let json = temp_file("deep.json", &common::deep_json_template(depth));
    let block = temp_file("deep-block.yaml", &common::deep_yaml_template(depth, false));
    let flow = temp_file("deep-flow.yaml", &common::deep_yaml_template(depth, true));
    // The patterns are found and refused by the pattern parser (far over 4096 characters).
    for (file, at) in [(&json, "1:85"), (&block, "6:9")] {
        let out = evmatch(&["validate", file.to_str().unwrap()], b"");
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.starts_with(&format!("{}:{at}: ", file.display())),
            "{}",
            &text[..200.min(text.len())]
        );
        assert!(
            text.ends_with("Member must have length less than or equal to 4096\n"),
            "{}",
            &text[text.len().saturating_sub(200)..]
        );
        assert_eq!(
            stderr(&out),
            "1 pattern checked: 0 valid, 1 invalid, 0 skipped\n"
        );
    }
    // yaml-rust2 refuses flow nesting past 255 levels: a file error.
    let out = evmatch(&["validate", flow.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "{}:7:269: error: cannot parse template: recursion limit exceeded\n\
             0 patterns checked: 0 valid, 0 invalid, 0 skipped; 1 file could not be checked\n",
            flow.display()
        )
    );
}
