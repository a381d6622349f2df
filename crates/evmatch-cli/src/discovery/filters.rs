//! The filters of other services in a CloudFormation or SAM template: SNS subscription filter
//! policies and Lambda event-source-mapping filters, each with the [`Dialect`] it is checked in;
//! and the event source of an EventBridge pipe, which decides its filters' dialect.
//!
//! Job: [`find_filters`] visits the `Resources` of a template and finds
//!
//! * `FilterPolicy` in the `Properties` of an `AWS::SNS::Subscription`, and of an `SNS` event
//!   source of an `AWS::Serverless::Function`: dialect `sns-attributes`, or `sns-body` when the
//!   sibling `FilterPolicyScope` is `MessageBody` (another literal value is a finding of its own,
//!   with SNS's message; a computed one makes the policy a skipped finding);
//! * `FilterCriteria.Filters[*].Pattern` in the `Properties` of an
//!   `AWS::Lambda::EventSourceMapping` (source from `EventSourceArn`, or Kafka with a
//!   `SelfManagedEventSource`), and of an `SQS`, `Kinesis`, `DynamoDB`, `MSK`,
//!   `SelfManagedKafka` or `MQ` event source of an `AWS::Serverless::Function` (source from the
//!   event source's `Type`): dialect `lambda-<source>`.
//!
//! Pipes' filters are found with the event patterns (`super::cloudformation`), which asks
//! [`pipe_source`] for their source. An event source ARN is read when it is a literal ARN
//! (`arn:aws:sqs:…`), a `!Sub` whose text starts like one, or a `Ref` / `GetAtt` of a resource
//! of the template whose type names the service (`AWS::SQS::Queue`, `AWS::Kinesis::Stream`,
//! `AWS::DynamoDB::Table`, `AWS::MSK::Cluster`, `AWS::AmazonMQ::Broker`, …). When the source
//! cannot be told, the filter is checked as an SQS one (the source whose rules refuse the
//! fewest patterns), so that no valid filter is reported invalid.
//!
//! Invariants: findings come in document order of the resources and, within one, of the
//! filters; nothing is guessed from a value computed by an intrinsic function other than the
//! service of an ARN. The walk is flat (resources, their events, their filters): no recursion.
//! Costs: one visit per resource, event source and filter, plus writing each filter's text.

use std::collections::HashSet;

use evmatch::dialect::{Dialect, Source};

use super::FoundPattern;
use super::cloudformation::found_pattern_at;
use super::intrinsics::intrinsic_at;
use super::rule_checks::{escape, member, members, type_of};
use super::tree::{Document, NodeId, NodeKind};

/// A filter found in a template, and the dialect it is checked in.
pub(super) struct FoundFilter {
    /// The filter's text and position, as for an event pattern.
    pub found: FoundPattern,
    /// What decides how it is checked.
    pub kind: FilterKind,
}

/// How a found filter is checked.
pub(super) enum FilterKind {
    /// In this dialect.
    Dialect(Dialect),
    /// An SNS policy whose `FilterPolicyScope` is computed by this intrinsic function: the
    /// scope decides the rules, so the policy cannot be checked offline.
    ScopeIntrinsic(String),
    /// A `FilterPolicyScope` SNS refuses (the literal value, found at `found`'s position): a
    /// finding of its own, with SNS's message.
    BadScope(String),
}

/// The SNS policies and Lambda filters of the template, in document order.
pub(super) fn find_filters(doc: &Document, list_params: &HashSet<String>) -> Vec<FoundFilter> {
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
            Some("AWS::SNS::Subscription") => {
                sns_policy(doc, properties, &base, list_params, &mut out);
            }
            Some("AWS::Lambda::EventSourceMapping") => {
                let source = if member(doc, properties, "SelfManagedEventSource").is_some() {
                    Some(Source::Kafka)
                } else {
                    member(doc, properties, "EventSourceArn").and_then(|arn| arn_source(doc, arn))
                };
                lambda_filters(doc, properties, source, &base, list_params, &mut out);
            }
            Some("AWS::Serverless::Function") => {
                let Some(events) = member(doc, properties, "Events") else {
                    continue;
                };
                for (event, source) in members(doc, events) {
                    let Some(props) = member(doc, *source, "Properties") else {
                        continue;
                    };
                    let at = format!("{base}/Events/{}/Properties", escape(event));
                    let kind = match type_of(doc, *source) {
                        Some("SNS") => {
                            sns_policy(doc, props, &at, list_params, &mut out);
                            continue;
                        }
                        Some("SQS") => Source::Sqs,
                        Some("Kinesis") => Source::Kinesis,
                        Some("DynamoDB") => Source::DynamoDb,
                        Some("MSK" | "SelfManagedKafka") => Source::Kafka,
                        Some("MQ") => Source::Mq,
                        _ => continue,
                    };
                    lambda_filters(doc, props, Some(kind), &at, list_params, &mut out);
                }
            }
            _ => {}
        }
    }
    out
}

/// The `FilterPolicy` (with its `FilterPolicyScope`) of the properties at `props`.
fn sns_policy(
    doc: &Document,
    props: NodeId,
    base: &str,
    list_params: &HashSet<String>,
    out: &mut Vec<FoundFilter>,
) {
    let Some(policy) = member(doc, props, "FilterPolicy") else {
        return;
    };
    let scope = member(doc, props, "FilterPolicyScope");
    let kind = match scope {
        None => FilterKind::Dialect(Dialect::SnsAttributes),
        Some(node) => match (intrinsic_at(doc, node), doc.kind(node)) {
            (Some(name), _) => FilterKind::ScopeIntrinsic(name),
            (None, NodeKind::String(s)) => match Dialect::from_sns_scope(s) {
                Ok(dialect) => FilterKind::Dialect(dialect),
                Err(_) => {
                    let pointer = format!("{base}/FilterPolicyScope");
                    let mut found = found_pattern_at(doc, node, pointer, list_params);
                    found.text = s.clone();
                    out.push(FoundFilter {
                        found,
                        kind: FilterKind::BadScope(s.clone()),
                    });
                    return;
                }
            },
            // Not a string: CloudFormation's own schema check refuses it.
            (None, _) => return,
        },
    };
    let pointer = format!("{base}/FilterPolicy");
    out.push(FoundFilter {
        found: found_pattern_at(doc, policy, pointer, list_params),
        kind,
    });
}

/// The `FilterCriteria.Filters[*].Pattern` of the properties at `props`.
fn lambda_filters(
    doc: &Document,
    props: NodeId,
    source: Option<Source>,
    base: &str,
    list_params: &HashSet<String>,
    out: &mut Vec<FoundFilter>,
) {
    let dialect = match source.unwrap_or(Source::Sqs) {
        Source::Kinesis => Dialect::LambdaKinesis,
        Source::DynamoDb => Dialect::LambdaDynamoDb,
        Source::Kafka => Dialect::LambdaKafka,
        Source::Mq => Dialect::LambdaMq,
        _ => Dialect::LambdaSqs,
    };
    let Some(filters) =
        member(doc, props, "FilterCriteria").and_then(|c| member(doc, c, "Filters"))
    else {
        return;
    };
    let NodeKind::Array(items) = doc.kind(filters) else {
        return;
    };
    for (i, &item) in items.iter().enumerate() {
        if let Some(pattern) = member(doc, item, "Pattern") {
            let pointer = format!("{base}/FilterCriteria/Filters/{i}/Pattern");
            out.push(FoundFilter {
                found: found_pattern_at(doc, pattern, pointer, list_params),
                kind: FilterKind::Dialect(dialect),
            });
        }
    }
}

/// The Pipes dialect of the `AWS::Pipes::Pipe` resource at `resource`: from its `Source` ARN,
/// else from the kind of its `SourceParameters`, else SQS (see the module documentation).
pub(super) fn pipe_dialect(doc: &Document, resource: NodeId) -> Dialect {
    let props = member(doc, resource, "Properties");
    let from_arn = props
        .and_then(|p| member(doc, p, "Source"))
        .and_then(|arn| arn_source(doc, arn));
    let from_parameters = || {
        let params = props.and_then(|p| member(doc, p, "SourceParameters"))?;
        members(doc, params)
            .iter()
            .find_map(|(k, _)| match k.as_str() {
                "SqsQueueParameters" => Some(Source::Sqs),
                "KinesisStreamParameters" => Some(Source::Kinesis),
                "DynamoDBStreamParameters" => Some(Source::DynamoDb),
                "ManagedStreamingKafkaParameters" | "SelfManagedKafkaParameters" => {
                    Some(Source::Kafka)
                }
                "ActiveMQBrokerParameters" | "RabbitMQBrokerParameters" => Some(Source::Mq),
                _ => None,
            })
    };
    match from_arn.or_else(from_parameters) {
        Some(Source::Kinesis) => Dialect::PipesKinesis,
        Some(Source::DynamoDb) => Dialect::PipesDynamoDb,
        Some(Source::Kafka) => Dialect::PipesKafka,
        Some(Source::Mq) => Dialect::PipesMq,
        _ => Dialect::PipesSqs,
    }
}

/// The event source an ARN at `node` names, when it can be told offline.
fn arn_source(doc: &Document, node: NodeId) -> Option<Source> {
    match doc.kind(node) {
        NodeKind::String(arn) => arn_service(arn),
        NodeKind::Tagged(tag) => {
            let arg = doc.tag_arg(node)?;
            match tag.as_str() {
                "!Sub" => arn_service(arg),
                "!GetAtt" | "!Ref" => resource_source(doc, arg.split('.').next()?),
                _ => None,
            }
        }
        NodeKind::Object(m) => match m.as_slice() {
            [(key, value)] => match (key.as_str(), doc.kind(*value)) {
                ("Fn::Sub", NodeKind::String(s)) => arn_service(s),
                ("Fn::Sub", NodeKind::Array(items)) => match items.first().map(|i| doc.kind(*i)) {
                    Some(NodeKind::String(s)) => arn_service(s),
                    _ => None,
                },
                ("Ref" | "Fn::GetAtt", NodeKind::String(s)) => {
                    resource_source(doc, s.split('.').next()?)
                }
                ("Fn::GetAtt", NodeKind::Array(items)) => match items.first().map(|i| doc.kind(*i))
                {
                    Some(NodeKind::String(s)) => resource_source(doc, s),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// The event source of an ARN's service segment (`arn:<partition>:<service>:…`); `!Sub`
/// placeholders (`${AWS::Partition}`) stand for one segment's text.
fn arn_service(arn: &str) -> Option<Source> {
    let mut plain = String::with_capacity(arn.len());
    let mut rest = arn;
    while let Some(start) = rest.find("${") {
        plain.push_str(&rest[..start]);
        plain.push('x');
        rest = rest[start..]
            .find('}')
            .map_or("", |end| &rest[start + end + 1..]);
    }
    plain.push_str(rest);
    let mut parts = plain.split(':');
    if parts.next()? != "arn" {
        return None;
    }
    parts.next()?;
    match parts.next()? {
        "sqs" => Some(Source::Sqs),
        "kinesis" => Some(Source::Kinesis),
        "dynamodb" => Some(Source::DynamoDb),
        "kafka" => Some(Source::Kafka),
        "mq" => Some(Source::Mq),
        _ => None,
    }
}

/// The event source a resource of the template is, by its type.
fn resource_source(doc: &Document, logical_id: &str) -> Option<Source> {
    let resources = member(doc, doc.root(), "Resources")?;
    let resource = member(doc, resources, logical_id)?;
    match type_of(doc, resource)? {
        "AWS::SQS::Queue" => Some(Source::Sqs),
        "AWS::Kinesis::Stream" | "AWS::Kinesis::StreamConsumer" => Some(Source::Kinesis),
        "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable" => Some(Source::DynamoDb),
        "AWS::MSK::Cluster" | "AWS::MSK::ServerlessCluster" => Some(Source::Kafka),
        "AWS::AmazonMQ::Broker" => Some(Source::Mq),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arn_services() {
        assert_eq!(arn_service("arn:aws:sqs:us-east-1:1:q"), Some(Source::Sqs));
        assert_eq!(
            arn_service("arn:${AWS::Partition}:kinesis:${AWS::Region}:1:stream/s"),
            Some(Source::Kinesis)
        );
        assert_eq!(
            arn_service("arn:aws:kafka:r:1:cluster/c"),
            Some(Source::Kafka)
        );
        assert_eq!(arn_service("arn:aws:mq:r:1:broker:b"), Some(Source::Mq));
        assert_eq!(
            arn_service("arn:aws:dynamodb:r:1:table/t/stream/x"),
            Some(Source::DynamoDb)
        );
        assert_eq!(arn_service("arn:aws:sns:r:1:t"), None);
        assert_eq!(arn_service("sqs"), None);
    }
}
