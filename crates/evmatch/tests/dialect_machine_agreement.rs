//! Property: a [`DialectMachine`] answers, for every input, exactly the ids whose filter alone
//! ([`Filter::matches`], the reference evaluator on the projected input) passes it — for SNS
//! policies in both scopes and for Lambda/Pipes filters with the format-mismatch rules, over
//! random filters and inputs drawn from small vocabularies (so that they often meet).

use base64::Engine as _;
use evmatch::dialect::{Dialect, DialectMachine, Filter, Input, Record, SnsMessage};
use proptest::prelude::*;

/// A small deterministic generator driven by proptest's seed.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const CONDITIONS: [&str; 17] = [
    r#""x""#,
    r#""y""#,
    "1",
    "2.5",
    "true",
    "null",
    r#"{"prefix": "x"}"#,
    r#"{"suffix": "y"}"#,
    r#"{"anything-but": ["x", "z"]}"#,
    r#"{"anything-but": {"prefix": "x"}}"#,
    r#"{"numeric": [">", 1]}"#,
    r#"{"numeric": [">=", 0, "<", 3]}"#,
    r#"{"exists": true}"#,
    r#"{"exists": false}"#,
    r#"{"equals-ignore-case": "X"}"#,
    r#"{"wildcard": "x*"}"#,
    r#"{"cidr": "10.0.0.0/8"}"#,
];

fn value_list(g: &mut Gen) -> String {
    let n = 1 + g.below(3);
    let items: Vec<&str> = (0..n).map(|_| g.pick(&CONDITIONS)).collect();
    format!("[{}]", items.join(", "))
}

/// Members over `keys`, each a value list (or, when `nest` is given, sometimes an object of
/// `nest` keys), sometimes with a `$or` of two alternatives.
fn members(g: &mut Gen, keys: &[&str], nest: Option<&[&str]>) -> String {
    let n = 1 + g.below(3);
    let mut out: Vec<String> = Vec::new();
    for _ in 0..n {
        let key = g.pick(keys);
        if out.iter().any(|m| m.starts_with(&format!("\"{key}\""))) {
            continue;
        }
        let value = match nest {
            Some(inner) if g.below(3) == 0 => format!("{{{}}}", members(g, inner, None)),
            _ => value_list(g),
        };
        out.push(format!("\"{key}\": {value}"));
    }
    if g.below(4) == 0 {
        let a = members(g, keys, None);
        let b = members(g, keys, None);
        out.push(format!(r#""$or": [{{{a}}}, {{{b}}}]"#));
    }
    out.join(", ")
}

const SCALARS: [&str; 8] = [
    r#""x""#,
    r#""y""#,
    r#""xy""#,
    r#""X""#,
    "1",
    "2.5",
    "true",
    r#""10.1.2.3""#,
];

fn sns_message(g: &mut Gen) -> SnsMessage {
    let mut msg = SnsMessage::new(sns_body(g));
    for key in ["a", "b", "c", "d.e"] {
        let (ty, value) = match g.below(6) {
            0 => continue,
            1 => ("String", g.pick(&["x", "y", "xy", "X", "1", "10.1.2.3"])),
            2 => ("Number", g.pick(&["1", "2.5", "0", "3", "-1e2", "nan"])),
            3 => (
                "String.Array",
                g.pick(&[r#"["x", "z"]"#, r#"[1, "y"]"#, "[]", "x", "[true, null]"]),
            ),
            4 => ("Binary", "AgME"),
            _ => ("String.custom", "x"),
        };
        msg = msg.with_attribute(key, ty, value);
    }
    msg
}

fn sns_body(g: &mut Gen) -> String {
    match g.below(8) {
        0 => "hello".to_string(),
        1 => "[1, 2]".to_string(),
        2 => r#""x""#.to_string(),
        _ => {
            let mut members = Vec::new();
            for key in ["a", "b", "c"] {
                match g.below(4) {
                    0 => {}
                    1 => members.push(format!(
                        r#""{key}": [{}, {}]"#,
                        g.pick(&SCALARS),
                        g.pick(&SCALARS)
                    )),
                    _ => members.push(format!(r#""{key}": {}"#, g.pick(&SCALARS))),
                }
            }
            if g.below(2) == 0 {
                members.push(format!(r#""n": {{"m": {}}}"#, g.pick(&SCALARS)));
            }
            format!("{{{}}}", members.join(", "))
        }
    }
}

/// Data texts: plain, JSON objects and arrays, scalars, and text that only starts like JSON.
const DATA: [&str; 11] = [
    r#"{"a": "x""#,
    "12x",
    "nope",
    "[1,,2]",
    "x",
    "hello",
    r#"{"a": "x", "b": 1}"#,
    r#"{"a": ["y", "xy"]}"#,
    "1",
    r#""x""#,
    "[{\"a\": \"x\"}]",
];

fn record(g: &mut Gen, dialect: Dialect) -> Record {
    let data = g.pick(&DATA);
    let b64 = base64::engine::general_purpose::STANDARD.encode(data);
    let meta = g.pick(&["x", "y"]);
    let text = match dialect {
        Dialect::LambdaSqs | Dialect::PipesSqs => {
            let body = serde_json::to_string(data).unwrap();
            if g.below(6) == 0 {
                format!(r#"{{"messageId": "{meta}", "eventSource": "aws:sqs"}}"#)
            } else {
                format!(r#"{{"messageId": "{meta}", "body": {body}, "eventSource": "aws:sqs"}}"#)
            }
        }
        Dialect::LambdaKinesis => format!(
            r#"{{"kinesis": {{"partitionKey": "{meta}", "data": "{b64}"}}, "eventSource": "aws:kinesis"}}"#
        ),
        _ => {
            let value = if g.below(6) == 0 {
                "/w==".to_string()
            } else {
                b64
            };
            format!(r#"{{"topic": "{meta}", "value": "{value}", "eventSourceKey": "k"}}"#)
        }
    };
    Record::parse(&text).unwrap()
}

fn record_filter(g: &mut Gen, dialect: Dialect) -> String {
    let key = dialect.data_key().unwrap();
    let meta = match dialect {
        Dialect::LambdaSqs | Dialect::PipesSqs => "messageId",
        Dialect::LambdaKinesis => "partitionKey",
        _ => "topic",
    };
    let plain_allowed = dialect != Dialect::LambdaKinesis;
    let mut members = Vec::new();
    match g.below(4) {
        0 => {}
        1 if plain_allowed => members.push(format!(r#""{key}": {}"#, value_list(g))),
        _ => members.push(format!(r#""{key}": {{"a": {}}}"#, value_list(g))),
    }
    if members.is_empty() || g.below(2) == 0 {
        members.push(format!(r#""{meta}": {}"#, value_list(g)));
    }
    format!("{{{}}}", members.join(", "))
}

/// Parse what parses; the machine and the filters must then agree on every input.
/// Returns (filters parsed, id matches reported, filter × input pairs).
fn agree(
    dialect: Dialect,
    texts: Vec<String>,
    inputs: Vec<Input<'_>>,
) -> Result<(usize, usize, usize), TestCaseError> {
    let mut machine = DialectMachine::new(dialect);
    let mut filters = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        if let Ok(f) = Filter::parse(dialect, t) {
            machine.add_filter(i, &f).unwrap();
            filters.push((i, f));
        }
    }
    let (mut hits, mut pairs) = (0, 0);
    for input in inputs {
        pairs += filters.len();
        let mut got = machine.matches(input).unwrap();
        got.sort_unstable();
        let want: Vec<usize> = filters
            .iter()
            .filter(|(_, f)| f.matches(input).unwrap())
            .map(|(i, _)| *i)
            .collect();
        prop_assert_eq!(
            &got,
            &want,
            "{} filters {:?} input {:?}",
            dialect,
            texts,
            input
        );
        hits += got.len();
    }
    Ok((filters.len(), hits, pairs))
}

/// The vocabularies are small enough that filters parse and inputs often match, and varied
/// enough that they often do not: the property is not vacuous.
#[test]
fn generators_meet() {
    let mut g = Gen(7);
    let texts: Vec<String> = (0..200)
        .map(|_| format!("{{{}}}", members(&mut g, &["a", "b", "c", "d.e"], None)))
        .collect();
    let msgs: Vec<SnsMessage> = (0..200).map(|_| sns_message(&mut g)).collect();
    let (parsed, hits, pairs) = agree(
        Dialect::SnsAttributes,
        texts,
        msgs.iter().map(Input::Sns).collect(),
    )
    .unwrap();
    assert!(
        parsed > 100 && hits > pairs / 50 && hits < pairs / 2,
        "{parsed} {hits} {pairs}"
    );
    for dialect in [Dialect::LambdaSqs, Dialect::LambdaKafka] {
        let texts: Vec<String> = (0..100).map(|_| record_filter(&mut g, dialect)).collect();
        let records: Vec<Record> = (0..100).map(|_| record(&mut g, dialect)).collect();
        let (parsed, hits, pairs) =
            agree(dialect, texts, records.iter().map(Input::Record).collect()).unwrap();
        assert!(
            parsed > 50 && hits > pairs / 50 && hits < pairs * 9 / 10,
            "{dialect}: {parsed} {hits} {pairs}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn sns_attributes_machine_agrees(seed in 1u64..) {
        let mut g = Gen(seed);
        let texts: Vec<String> = (0..20).map(|_| format!("{{{}}}", members(&mut g, &["a", "b", "c", "d.e"], None))).collect();
        let msgs: Vec<SnsMessage> = (0..20).map(|_| sns_message(&mut g)).collect();
        agree(Dialect::SnsAttributes, texts, msgs.iter().map(Input::Sns).collect())?;
    }

    #[test]
    fn sns_body_machine_agrees(seed in 1u64..) {
        let mut g = Gen(seed);
        let mut texts: Vec<String> = (0..20).map(|_| format!("{{{}}}", members(&mut g, &["a", "b", "c", "n"], Some(&["m"])))).collect();
        texts.push(String::new());
        let msgs: Vec<SnsMessage> = (0..20).map(|_| SnsMessage::new(sns_body(&mut g))).collect();
        agree(Dialect::SnsBody, texts, msgs.iter().map(Input::Sns).collect())?;
    }

    #[test]
    fn record_machines_agree(seed in 1u64..) {
        let mut g = Gen(seed);
        for dialect in [Dialect::LambdaSqs, Dialect::PipesSqs, Dialect::LambdaKinesis, Dialect::LambdaKafka, Dialect::PipesKafka] {
            let texts: Vec<String> = (0..12).map(|_| record_filter(&mut g, dialect)).collect();
            let records: Vec<Record> = (0..16).map(|_| record(&mut g, dialect)).collect();
            agree(dialect, texts, records.iter().map(Input::Record).collect())?;
        }
    }
}

/// Removing a rule stops the projection from writing what only it read, and nothing else.
#[test]
fn removal_keeps_other_answers() {
    let mut m: DialectMachine<&'static str> = DialectMachine::new(Dialect::SnsAttributes);
    m.add_rule("a", r#"{"a": ["x"]}"#).unwrap();
    m.add_rule("b", r#"{"b": ["y"]}"#).unwrap();
    m.add_rule("b2", r#"{"b": ["y"]}"#).unwrap();
    let msg = SnsMessage::new("")
        .with_attribute("a", "String", "x")
        .with_attribute("b", "String", "y");
    fn sorted(m: &DialectMachine<&'static str>, msg: &SnsMessage) -> Vec<&'static str> {
        let mut v = m.matches(Input::Sns(msg)).unwrap();
        v.sort_unstable();
        v
    }
    assert_eq!(sorted(&m, &msg), ["a", "b", "b2"]);
    assert!(m.remove_rule("b"));
    assert_eq!(sorted(&m, &msg), ["a", "b2"]);
    assert!(m.remove_rule("b2"));
    assert!(!m.remove_rule("b2"));
    assert_eq!(sorted(&m, &msg), ["a"]);
    m.add_rule("b", r#"{"b": [{"exists": false}]}"#).unwrap();
    assert_eq!(sorted(&m, &msg), ["a"]);
    m.add_rule("all", "{}").unwrap();
    assert_eq!(sorted(&m, &msg), ["a", "all"]);
    assert_eq!(m.len(), 3);
}
