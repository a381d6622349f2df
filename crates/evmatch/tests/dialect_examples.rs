//! Every example of `tests/data/dialects-examples.json` (SNS attributes and body scopes, Lambda
//! and Pipes per source) through the dialect API: the expected delivery, validity or exact
//! error code and text.

use evmatch::dialect::{
    Dialect, Filter, FilterOptions, Input, LAMBDA_CODE, LAMBDA_INVALID_FILTER, PIPES_CODE,
    PIPES_INVALID_FILTER, Record, SnsApi, SnsMessage,
};
use serde_json::Value;

fn examples() -> Value {
    serde_json::from_str(include_str!("data/dialects-examples.json")).unwrap()
}

fn sns_message(body: &str, attributes: &Value) -> SnsMessage {
    let mut msg = SnsMessage::new(body);
    if let Some(attrs) = attributes.as_object() {
        for (name, a) in attrs {
            let value = a
                .get("StringValue")
                .or_else(|| a.get("BinaryValue"))
                .and_then(Value::as_str)
                .unwrap();
            msg = msg.with_attribute(name, a["DataType"].as_str().unwrap(), value);
        }
    }
    msg
}

fn api_of(e: &Value) -> SnsApi {
    match e["api"].as_str() {
        Some("Subscribe") => SnsApi::Subscribe,
        _ => SnsApi::SetSubscriptionAttributes,
    }
}

/// Run the SNS examples of one scope; returns the failures.
fn sns(section: &str, dialect: Dialect) -> (usize, Vec<String>) {
    let all = examples();
    let mut failures = Vec::new();
    let entries = all[section].as_array().unwrap();
    for (i, e) in entries.iter().enumerate() {
        let tag = format!("{section}[{i}]");
        if e["expect"] == "error" {
            let expected = (
                e["error_code"].as_str().unwrap().to_string(),
                e["error_message"].as_str().unwrap().to_string(),
                e["error_location"].as_str().map(str::to_string),
            );
            let err = if let Some(scope) = e["filter_policy_scope"].as_str() {
                Dialect::from_sns_scope(scope).unwrap_err()
            } else {
                let text = match e["policy_text"].as_str() {
                    Some(t) => t.to_string(),
                    None => e["policy"].to_string(),
                };
                let opts = FilterOptions::default().with_sns_api(api_of(e));
                match Filter::parse_with(dialect, &text, &opts) {
                    Ok(_) => {
                        failures.push(format!("{tag}: accepted, expected {expected:?}"));
                        continue;
                    }
                    Err(err) => err,
                }
            };
            let got = (
                err.code().to_string(),
                err.message().to_string(),
                err.location().map(str::to_string),
            );
            if got != expected {
                failures.push(format!("{tag}: got {got:?}, expected {expected:?}"));
            }
            continue;
        }
        let filter = match Filter::parse(dialect, &e["policy"].to_string()) {
            Ok(f) => f,
            Err(err) => {
                failures.push(format!("{tag}: rejected: {err}"));
                continue;
            }
        };
        if e["expect"] == "valid" {
            continue;
        }
        let msg = match dialect {
            Dialect::SnsBody => sns_message(e["message_body"].as_str().unwrap(), &Value::Null),
            _ => sns_message("", &e["message_attributes"]),
        };
        let got = filter.matches(Input::Sns(&msg)).unwrap();
        if Value::Bool(got) != e["expect"] {
            failures.push(format!("{tag}: matched {got}, expected {}", e["expect"]));
        }
    }
    (entries.len(), failures)
}

fn source_dialect(pipes: bool, source: &str) -> Dialect {
    match (pipes, source) {
        (false, "sqs") => Dialect::LambdaSqs,
        (false, "kinesis") => Dialect::LambdaKinesis,
        (false, "dynamodb") => Dialect::LambdaDynamoDb,
        (false, "kafka" | "msk" | "self-managed-kafka") => Dialect::LambdaKafka,
        (false, "mq" | "activemq" | "rabbitmq") => Dialect::LambdaMq,
        (true, "sqs") => Dialect::PipesSqs,
        (true, "kinesis") => Dialect::PipesKinesis,
        (true, "dynamodb") => Dialect::PipesDynamoDb,
        (true, "kafka" | "msk" | "self-managed-kafka") => Dialect::PipesKafka,
        (true, "mq" | "activemq" | "rabbitmq") => Dialect::PipesMq,
        other => panic!("unknown source {other:?}"),
    }
}

/// Run the Lambda or Pipes examples; returns the failures.
fn records(section: &str) -> (usize, Vec<String>) {
    let pipes = section == "pipes";
    let all = examples();
    let mut failures = Vec::new();
    let entries = all[section].as_array().unwrap();
    for (i, e) in entries.iter().enumerate() {
        let tag = format!("{section}[{i}]");
        let dialect = source_dialect(pipes, e["source_type"].as_str().unwrap());
        let pattern = e["pattern"].as_str().unwrap();
        let parsed = Filter::parse(dialect, pattern);
        if e["expect"] == "error" {
            let (code, message) = if pipes {
                (PIPES_CODE, PIPES_INVALID_FILTER)
            } else {
                (LAMBDA_CODE, LAMBDA_INVALID_FILTER)
            };
            let code = e["error_code"].as_str().unwrap_or(code);
            let message = e["error_message"].as_str().unwrap_or(message);
            match parsed {
                Ok(_) => failures.push(format!("{tag}: accepted {pattern}")),
                Err(err) => {
                    if (err.code(), err.to_string().as_str()) != (code, message) {
                        failures.push(format!("{tag}: got {:?} {err}", err.code()));
                    }
                }
            }
            continue;
        }
        let filter = match parsed {
            Ok(f) => f,
            Err(err) => {
                failures.push(format!(
                    "{tag}: rejected {pattern}: {err} ({:?})",
                    err.reason()
                ));
                continue;
            }
        };
        if e["expect"] == "valid" {
            continue;
        }
        let record = Record::from_serde(&e["record"]).unwrap();
        let got = filter.matches(Input::Record(&record)).unwrap();
        if Value::Bool(got) != e["expect"] {
            failures.push(format!(
                "{tag}: matched {got}, expected {} for {pattern}",
                e["expect"]
            ));
        }
    }
    (entries.len(), failures)
}

fn check((count, failures): (usize, Vec<String>), expected_count: usize) {
    assert_eq!(count, expected_count, "example count");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn sns_attributes_examples() {
    check(sns("sns_attributes", Dialect::SnsAttributes), 36);
}

#[test]
fn sns_body_examples() {
    check(sns("sns_body", Dialect::SnsBody), 17);
}

#[test]
fn lambda_examples() {
    check(records("lambda"), 21);
}

#[test]
fn pipes_examples() {
    check(records("pipes"), 38);
}
