//! Filter dialects: what the dialect layer costs per input, and how SNS policies scale.
//!
//! 1. **Per-input overhead.** For SNS attributes, SNS body, Lambda SQS (JSON bodies) and Lambda
//!    Kinesis (base64 JSON data): a [`DialectMachine`] of 100 filters matched against 10,000
//!    inputs, against an EventBridge [`Machine`] of the same 100 patterns matched against the
//!    same inputs' projected documents (written beforehand by this benchmark: the attributes as
//!    a flat object, the body, the record with its data decoded). The ratio is the dialect
//!    path's time over the EventBridge path's: the projection (attribute writing, body
//!    validation, base64 and JSON decoding) plus the format-mismatch condition. Target: ≤ 1.2.
//! 2. **Many SNS policies.** 10,000 SNS `MessageAttributes` policies (distinct stores, an
//!    `anything-but`, a numeric bound and a String.Array list each) in one machine, against the
//!    rate of one policy on the same 10,000 messages (each matches about one policy). Target:
//!    ratio ≥ 0.5.
//!
//! **Checked before timed**: the dialect machine and the EventBridge machine report the same
//! ids for every input, and the many-policy machine reports what the policies alone say on a
//! sample. Inputs come from a fixed seed.
//!
//! `cargo bench -p evmatch --bench dialects` prints both tables, then runs criterion on the SNS
//! cases; `EVMATCH_BENCH_QUICK=1` prints the tables only, with fewer passes. Pin it
//! (`taskset -c 1`) to compare runs.

use std::hint::black_box;
use std::time::Duration;

use base64::Engine as _;
use evmatch::Machine;
use evmatch::dialect::{Dialect, DialectMachine, Filter, Input, Record, SnsMessage};

mod common;
use common::best_of;

const INPUTS: usize = 10_000;
const RULES: usize = 100;
const MANY: usize = 10_000;

fn quick() -> bool {
    std::env::var_os("EVMATCH_BENCH_QUICK").is_some()
}

fn passes() -> usize {
    if quick() { 5 } else { 15 }
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const INTERESTS: [&str; 6] = [
    "rugby", "football", "baseball", "soccer", "hockey", "tennis",
];
const EVENTS: [&str; 3] = ["order_placed", "order_cancelled", "order_shipped"];

/// The SNS policy of subscription `i` (of `stores` stores).
fn sns_policy(i: usize) -> String {
    format!(
        r#"{{"store": ["store-{i}"], "event": [{{"anything-but": "order_cancelled"}}], "price_usd": [{{"numeric": [">=", {}]}}], "customer_interests": ["{}", "{}"]}}"#,
        i % 50,
        INTERESTS[i % 6],
        INTERESTS[(i + 1) % 6]
    )
}

/// A message with the four attributes, for `stores` stores.
fn sns_message(rng: &mut Rng, stores: usize) -> SnsMessage {
    let interests = format!(
        r#"["{}", "{}"]"#,
        INTERESTS[rng.below(6)],
        INTERESTS[rng.below(6)]
    );
    SnsMessage::new("")
        .with_attribute("store", "String", format!("store-{}", rng.below(stores)))
        .with_attribute("event", "String", EVENTS[rng.below(3)])
        .with_attribute("price_usd", "Number", format!("{}.5", rng.below(100)))
        .with_attribute("customer_interests", "String.Array", interests)
}

/// The projected document of a message, written independently of the library.
fn attributes_document(msg: &SnsMessage) -> String {
    let members: Vec<String> = msg
        .attributes
        .iter()
        .map(|(name, a)| {
            let value = match a.data_type.as_str() {
                "String" => serde_json::to_string(&a.value).unwrap(),
                _ => a.value.clone(),
            };
            format!("{}:{value}", serde_json::to_string(name).unwrap())
        })
        .collect();
    format!("{{{}}}", members.join(","))
}

/// One row: a dialect machine and an EventBridge machine over the same patterns, their inputs.
struct Case {
    name: &'static str,
    dialect: DialectMachine<u32>,
    eventbridge: Machine<u32>,
}

fn case(name: &'static str, dialect: Dialect, patterns: &[String]) -> Case {
    let mut d = DialectMachine::new(dialect);
    let mut e = Machine::new();
    for (i, p) in patterns.iter().enumerate() {
        d.add_filter(i as u32, &Filter::parse(dialect, p).unwrap())
            .unwrap();
        e.add_rule(i as u32, p).unwrap();
    }
    Case {
        name,
        dialect: d,
        eventbridge: e,
    }
}

/// Time both paths, after checking they agree; prints a row and returns the ratio.
fn row(c: &Case, inputs: &[Input<'_>], documents: &[String]) -> f64 {
    let mut a = Vec::new();
    let mut b = Vec::new();
    let mut matches = 0;
    for (input, doc) in inputs.iter().zip(documents) {
        c.dialect.matches_into(*input, &mut a).unwrap();
        c.eventbridge.matches_into(doc.as_bytes(), &mut b).unwrap();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "{}: the paths disagree on {doc}", c.name);
        matches += a.len();
    }
    // Interleaved, best of each: a load burst on a shared machine hits both paths alike.
    let (mut t_dialect, mut t_eb) = (Duration::MAX, Duration::MAX);
    for _ in 0..passes() {
        t_dialect = t_dialect.min(best_of(1, || {
            for input in inputs {
                c.dialect.matches_into(*input, &mut a).unwrap();
                black_box(&a);
            }
        }));
        t_eb = t_eb.min(best_of(1, || {
            for doc in documents {
                c.eventbridge.matches_into(doc.as_bytes(), &mut b).unwrap();
                black_box(&b);
            }
        }));
    }
    let per = |t: Duration| t.as_nanos() as f64 / inputs.len() as f64;
    let ratio = per(t_dialect) / per(t_eb);
    println!(
        "| {:<16} | {:>5} | {:>6.2} | {:>10.0} | {:>10.0} | {:>5.2} |",
        c.name,
        RULES,
        matches as f64 / inputs.len() as f64,
        per(t_dialect),
        per(t_eb),
        ratio
    );
    ratio
}

fn per_input_overhead() {
    println!("\n## Per-input cost: dialect path vs EventBridge path on the projected document\n");
    println!("| case             | rules | hits   | dialect ns | EB ns      | ratio |");
    println!("|------------------|-------|--------|------------|------------|-------|");
    let mut rng = Rng(20_261_207);

    // SNS attributes.
    let policies: Vec<String> = (0..RULES).map(sns_policy).collect();
    let msgs: Vec<SnsMessage> = (0..INPUTS).map(|_| sns_message(&mut rng, RULES)).collect();
    let docs: Vec<String> = msgs.iter().map(attributes_document).collect();
    let inputs: Vec<Input<'_>> = msgs.iter().map(Input::Sns).collect();
    row(
        &case("sns-attributes", Dialect::SnsAttributes, &policies),
        &inputs,
        &docs,
    );

    // SNS body: the same policies, the attributes' document as the body.
    let bodies: Vec<SnsMessage> = docs.iter().map(|d| SnsMessage::new(d.clone())).collect();
    let inputs: Vec<Input<'_>> = bodies.iter().map(Input::Sns).collect();
    row(
        &case("sns-body", Dialect::SnsBody, &policies),
        &inputs,
        &docs,
    );

    // Lambda SQS: the document as a JSON body of an SQS record.
    let patterns: Vec<String> = (0..RULES)
        .map(|i| format!(r#"{{"body": {}}}"#, sns_policy(i)))
        .collect();
    let sqs_record = |doc: &str| {
        format!(
            r#"{{"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d","receiptHandle":"AQEB","body":{},"attributes":{{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183"}},"messageAttributes":{{}},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-2:123456789012:my-queue","awsRegion":"us-east-2"}}"#,
            serde_json::to_string(doc).unwrap()
        )
    };
    let records: Vec<Record> = docs
        .iter()
        .map(|d| Record::parse(&sqs_record(d)).unwrap())
        .collect();
    let projected: Vec<String> = docs
        .iter()
        .map(|d| sqs_record(d).replacen(&serde_json::to_string(d).unwrap(), d, 1))
        .collect();
    let inputs: Vec<Input<'_>> = records.iter().map(Input::Record).collect();
    row(
        &case("lambda-sqs", Dialect::LambdaSqs, &patterns),
        &inputs,
        &projected,
    );

    // Lambda Kinesis: the document base64 in `data`, lifted from `kinesis`.
    let patterns: Vec<String> = (0..RULES)
        .map(|i| format!(r#"{{"data": {}}}"#, sns_policy(i)))
        .collect();
    let b64 = |d: &str| base64::engine::general_purpose::STANDARD.encode(d);
    let records: Vec<Record> = docs
        .iter()
        .map(|d| {
            Record::parse(&format!(
                r#"{{"kinesis":{{"kinesisSchemaVersion":"1.0","partitionKey":"1","sequenceNumber":"49590338271490256608559692538361571095921575989136588898","data":"{}","approximateArrivalTimestamp":1545084650.987}},"eventSource":"aws:kinesis","eventVersion":"1.0","eventID":"shardId-000000000006:4959","eventName":"aws:kinesis:record","awsRegion":"us-east-2"}}"#,
                b64(d)
            ))
            .unwrap()
        })
        .collect();
    let projected: Vec<String> = docs
        .iter()
        .map(|d| {
            format!(
                r#"{{"kinesisSchemaVersion":"1.0","partitionKey":"1","sequenceNumber":"49590338271490256608559692538361571095921575989136588898","data":{d},"approximateArrivalTimestamp":1545084650.987}}"#
            )
        })
        .collect();
    let inputs: Vec<Input<'_>> = records.iter().map(Input::Record).collect();
    row(
        &case("lambda-kinesis", Dialect::LambdaKinesis, &patterns),
        &inputs,
        &projected,
    );
}

fn many_policies() {
    println!("\n## SNS MessageAttributes policies in one machine\n");
    println!(
        "| policies | messages/s | hits/message | ratio to 1 policy | EB path messages/s | EB ratio to 1 |"
    );
    println!(
        "|----------|------------|--------------|-------------------|--------------------|---------------|"
    );
    let mut rng = Rng(7_041_983);
    let msgs: Vec<SnsMessage> = (0..INPUTS).map(|_| sns_message(&mut rng, MANY)).collect();
    let docs: Vec<String> = msgs.iter().map(attributes_document).collect();
    let (mut base, mut eb_base) = (0.0, 0.0);
    for n in [1, MANY] {
        let mut m: DialectMachine<u32> = DialectMachine::new(Dialect::SnsAttributes);
        let mut eb: Machine<u32> = Machine::new();
        let filters: Vec<Filter> = (0..n)
            .map(|i| Filter::parse(Dialect::SnsAttributes, &sns_policy(i)).unwrap())
            .collect();
        for (i, f) in filters.iter().enumerate() {
            m.add_filter(i as u32, f).unwrap();
            eb.add_rule(i as u32, &sns_policy(i)).unwrap();
        }
        let mut out = Vec::new();
        let mut hits = 0;
        for (k, msg) in msgs.iter().enumerate() {
            m.matches_into(Input::Sns(msg), &mut out).unwrap();
            hits += out.len();
            if k % 500 == 0 {
                out.sort_unstable();
                let want: Vec<u32> = (0..n)
                    .filter(|&i| filters[i].matches(Input::Sns(msg)).unwrap())
                    .map(|i| i as u32)
                    .collect();
                assert_eq!(out, want);
            }
        }
        let (mut t, mut t_eb) = (Duration::MAX, Duration::MAX);
        for _ in 0..passes() {
            t = t.min(best_of(1, || {
                for msg in &msgs {
                    m.matches_into(Input::Sns(msg), &mut out).unwrap();
                    black_box(&out);
                }
            }));
            t_eb = t_eb.min(best_of(1, || {
                for doc in &docs {
                    eb.matches_into(doc.as_bytes(), &mut out).unwrap();
                    black_box(&out);
                }
            }));
        }
        let rate = msgs.len() as f64 / t.as_secs_f64();
        let eb_rate = msgs.len() as f64 / t_eb.as_secs_f64();
        if n == 1 {
            base = rate;
            eb_base = eb_rate;
        }
        println!(
            "| {n:>8} | {rate:>10.0} | {:>12.3} | {:>17.2} | {eb_rate:>18.0} | {:>13.2} |",
            hits as f64 / msgs.len() as f64,
            rate / base,
            eb_rate / eb_base
        );
    }
}

fn criterion_benches() {
    let mut c = common::short_criterion();
    let mut rng = Rng(11);
    let msgs: Vec<SnsMessage> = (0..1_000).map(|_| sns_message(&mut rng, MANY)).collect();
    let mut m: DialectMachine<u32> = DialectMachine::new(Dialect::SnsAttributes);
    for i in 0..MANY {
        m.add_rule(i as u32, &sns_policy(i)).unwrap();
    }
    let mut group = c.benchmark_group("dialects");
    group.throughput(criterion::Throughput::Elements(msgs.len() as u64));
    group.bench_function("sns-attributes 10k policies", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            for msg in &msgs {
                m.matches_into(Input::Sns(msg), &mut out).unwrap();
                black_box(&out);
            }
        })
    });
    group.finish();
    c.final_summary();
}

fn main() {
    per_input_overhead();
    many_policies();
    if !quick() {
        criterion_benches();
    }
}
