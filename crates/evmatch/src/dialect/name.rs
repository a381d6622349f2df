//! [`Dialect`]: the four filter languages evmatch serves (EventBridge event patterns, SNS
//! subscription filter policies in either scope, Lambda event-source-mapping filters and
//! EventBridge Pipes filters per event source), with their stable names.
//!
//! A dialect is data, not code: the validation profile ([`super::profile`]), the error envelope
//! ([`super::envelope`]) and the input projection ([`super::projection`]) all dispatch on it.
//! Names and lookups are constant-time; nothing here allocates.

use std::fmt;
use std::str::FromStr;

/// A filter language: which service's rules a filter is validated by, and what input it is
/// matched against.
///
/// The names ([`Dialect::name`], `Display`, `FromStr`) are the ones the command line and the
/// line protocol use: `eventbridge`, `sns-attributes`, `sns-body`, `lambda-sqs`,
/// `lambda-kinesis`, `lambda-dynamodb`, `lambda-kafka`, `lambda-mq`, `pipes-sqs`,
/// `pipes-kinesis`, `pipes-dynamodb`, `pipes-kafka`, `pipes-mq`.
///
/// ```
/// use evmatch::dialect::{Dialect, Service, Source};
///
/// let d: Dialect = "lambda-kinesis".parse()?;
/// assert_eq!(d, Dialect::LambdaKinesis);
/// assert_eq!(d.service(), Service::Lambda);
/// assert_eq!(d.source(), Some(Source::Kinesis));
/// assert_eq!(d.data_key(), Some("data"));
/// assert_eq!(Dialect::SnsBody.to_string(), "sns-body");
/// assert!("sns".parse::<Dialect>().is_err());
/// # Ok::<(), evmatch::dialect::UnknownDialect>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Dialect {
    /// EventBridge event patterns, matched against events (the engine as it is).
    EventBridge,
    /// An SNS subscription filter policy with `FilterPolicyScope` `MessageAttributes` (the
    /// default scope): matched against the message attributes.
    SnsAttributes,
    /// An SNS subscription filter policy with `FilterPolicyScope` `MessageBody`: matched
    /// against the message body, which must be a JSON object.
    SnsBody,
    /// A Lambda event-source-mapping filter on an SQS queue (data key `body`).
    LambdaSqs,
    /// A Lambda event-source-mapping filter on a Kinesis stream (data key `data`).
    LambdaKinesis,
    /// A Lambda event-source-mapping filter on a DynamoDB stream (data key `dynamodb`).
    LambdaDynamoDb,
    /// A Lambda event-source-mapping filter on Amazon MSK or self-managed Kafka (data key
    /// `value`).
    LambdaKafka,
    /// A Lambda event-source-mapping filter on Amazon MQ, ActiveMQ or RabbitMQ (data key
    /// `data`).
    LambdaMq,
    /// An EventBridge Pipes filter on an SQS source.
    PipesSqs,
    /// An EventBridge Pipes filter on a Kinesis source.
    PipesKinesis,
    /// An EventBridge Pipes filter on a DynamoDB stream source.
    PipesDynamoDb,
    /// An EventBridge Pipes filter on an MSK or self-managed Kafka source.
    PipesKafka,
    /// An EventBridge Pipes filter on an Amazon MQ source.
    PipesMq,
}

/// The AWS service whose rules a [`Dialect`] follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Service {
    /// Amazon EventBridge rules.
    EventBridge,
    /// Amazon SNS subscriptions.
    Sns,
    /// AWS Lambda event source mappings.
    Lambda,
    /// Amazon EventBridge Pipes.
    Pipes,
}

/// The event source of a Lambda or Pipes [`Dialect`]: it decides the record shape and the
/// data key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// Amazon SQS: data key `body`, the message text (JSON when it is valid JSON).
    Sqs,
    /// Kinesis Data Streams: data key `data`, base64 of (usually) JSON.
    Kinesis,
    /// DynamoDB Streams: data key `dynamodb`, already JSON.
    DynamoDb,
    /// Amazon MSK and self-managed Apache Kafka: data key `value`, base64.
    Kafka,
    /// Amazon MQ (ActiveMQ, RabbitMQ): data key `data`, base64.
    Mq,
}

impl Source {
    /// The record member that holds the message data.
    pub fn data_key(self) -> &'static str {
        match self {
            Source::Sqs => "body",
            Source::Kinesis | Source::Mq => "data",
            Source::DynamoDb => "dynamodb",
            Source::Kafka => "value",
        }
    }
}

/// A dialect name that is not one of [`Dialect::ALL`]'s.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown dialect '{name}': expected one of {}", Dialect::ALL.iter().map(|d| d.name()).collect::<Vec<_>>().join(", "))]
pub struct UnknownDialect {
    /// The name given.
    pub name: String,
}

impl Dialect {
    /// Every dialect, in the order of the names above.
    pub const ALL: [Dialect; 13] = [
        Dialect::EventBridge,
        Dialect::SnsAttributes,
        Dialect::SnsBody,
        Dialect::LambdaSqs,
        Dialect::LambdaKinesis,
        Dialect::LambdaDynamoDb,
        Dialect::LambdaKafka,
        Dialect::LambdaMq,
        Dialect::PipesSqs,
        Dialect::PipesKinesis,
        Dialect::PipesDynamoDb,
        Dialect::PipesKafka,
        Dialect::PipesMq,
    ];

    /// The dialect's name (`sns-attributes`, `lambda-sqs`, …).
    pub fn name(self) -> &'static str {
        match self {
            Dialect::EventBridge => "eventbridge",
            Dialect::SnsAttributes => "sns-attributes",
            Dialect::SnsBody => "sns-body",
            Dialect::LambdaSqs => "lambda-sqs",
            Dialect::LambdaKinesis => "lambda-kinesis",
            Dialect::LambdaDynamoDb => "lambda-dynamodb",
            Dialect::LambdaKafka => "lambda-kafka",
            Dialect::LambdaMq => "lambda-mq",
            Dialect::PipesSqs => "pipes-sqs",
            Dialect::PipesKinesis => "pipes-kinesis",
            Dialect::PipesDynamoDb => "pipes-dynamodb",
            Dialect::PipesKafka => "pipes-kafka",
            Dialect::PipesMq => "pipes-mq",
        }
    }

    /// The service whose rules apply.
    pub fn service(self) -> Service {
        match self {
            Dialect::EventBridge => Service::EventBridge,
            Dialect::SnsAttributes | Dialect::SnsBody => Service::Sns,
            Dialect::LambdaSqs
            | Dialect::LambdaKinesis
            | Dialect::LambdaDynamoDb
            | Dialect::LambdaKafka
            | Dialect::LambdaMq => Service::Lambda,
            Dialect::PipesSqs
            | Dialect::PipesKinesis
            | Dialect::PipesDynamoDb
            | Dialect::PipesKafka
            | Dialect::PipesMq => Service::Pipes,
        }
    }

    /// The event source of a Lambda or Pipes dialect; `None` for EventBridge and SNS.
    pub fn source(self) -> Option<Source> {
        Some(match self {
            Dialect::LambdaSqs | Dialect::PipesSqs => Source::Sqs,
            Dialect::LambdaKinesis | Dialect::PipesKinesis => Source::Kinesis,
            Dialect::LambdaDynamoDb | Dialect::PipesDynamoDb => Source::DynamoDb,
            Dialect::LambdaKafka | Dialect::PipesKafka => Source::Kafka,
            Dialect::LambdaMq | Dialect::PipesMq => Source::Mq,
            Dialect::EventBridge | Dialect::SnsAttributes | Dialect::SnsBody => return None,
        })
    }

    /// The record member holding the message data (Lambda and Pipes); `None` otherwise.
    pub fn data_key(self) -> Option<&'static str> {
        self.source().map(Source::data_key)
    }

    /// The SNS dialect for a `FilterPolicyScope` value (`MessageAttributes` or `MessageBody`),
    /// or SNS's `InvalidParameter` error for any other value.
    ///
    /// ```
    /// use evmatch::dialect::Dialect;
    ///
    /// assert_eq!(Dialect::from_sns_scope("MessageBody")?, Dialect::SnsBody);
    /// let err = Dialect::from_sns_scope("RandomValue").unwrap_err();
    /// assert_eq!(err.code(), "InvalidParameter");
    /// assert_eq!(err.to_string(), "Invalid parameter: FilterPolicyScope: Invalid value [RandomValue]. Please use either MessageBody or MessageAttributes");
    /// # Ok::<(), evmatch::dialect::FilterError>(())
    /// ```
    pub fn from_sns_scope(scope: &str) -> Result<Dialect, super::FilterError> {
        match scope {
            "MessageAttributes" => Ok(Dialect::SnsAttributes),
            "MessageBody" => Ok(Dialect::SnsBody),
            other => Err(super::envelope::invalid_sns_scope(other)),
        }
    }

    /// The `FilterPolicyScope` of an SNS dialect; `None` for the others.
    pub fn sns_scope(self) -> Option<&'static str> {
        match self {
            Dialect::SnsAttributes => Some("MessageAttributes"),
            Dialect::SnsBody => Some("MessageBody"),
            _ => None,
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Dialect {
    type Err = UnknownDialect;

    /// A dialect by its [name](Dialect::name). Pipes sources also answer to the source names
    /// of the Pipes documentation (`pipes-msk`, `pipes-activemq`, `pipes-rabbitmq`, …), Lambda
    /// ones likewise (`lambda-msk`, `lambda-activemq`, …).
    fn from_str(s: &str) -> Result<Dialect, UnknownDialect> {
        if let Some(d) = Dialect::ALL.iter().find(|d| d.name() == s) {
            return Ok(*d);
        }
        let alias = match s {
            "lambda-msk" | "lambda-self-managed-kafka" => Dialect::LambdaKafka,
            "lambda-activemq" | "lambda-rabbitmq" => Dialect::LambdaMq,
            "pipes-msk" | "pipes-self-managed-kafka" => Dialect::PipesKafka,
            "pipes-activemq" | "pipes-rabbitmq" => Dialect::PipesMq,
            _ => {
                return Err(UnknownDialect {
                    name: s.to_string(),
                });
            }
        };
        Ok(alias)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for d in Dialect::ALL {
            assert_eq!(d.name().parse::<Dialect>(), Ok(d));
        }
        assert_eq!("pipes-msk".parse::<Dialect>(), Ok(Dialect::PipesKafka));
        let e = "x".parse::<Dialect>().unwrap_err();
        assert!(e.to_string().starts_with(
            "unknown dialect 'x': expected one of eventbridge, sns-attributes, sns-body, lambda-sqs"
        ));
    }
}
