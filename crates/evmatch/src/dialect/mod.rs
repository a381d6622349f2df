//! Filter dialects: SNS subscription filter policies, Lambda event-source-mapping filters and
//! EventBridge Pipes filters, served by the one EventBridge engine.
//!
//! The three services use EventBridge's pattern language on other inputs, with their own
//! validation rules, limits and error texts. A [`Dialect`] names one of them (and, for Lambda
//! and Pipes, the event source); each dialect is
//!
//! * a **validation profile** (module `profile`): the engine's parser (for SNS at the event-ruler
//!   v1.0.x grammar level SNS still uses), then the service's own checks — SNS's nesting rule,
//!   5-key limit and depth-weighted combination count, Kinesis/DynamoDB's refusal of a value
//!   list at the data key, Pipes' refusal of the `anything-but` object forms;
//! * an **error envelope** (module `envelope`): the service's code and exact text ([`FilterError`]);
//! * an **input projection** (module `projection`): the JSON document the engine sees — SNS
//!   attributes by type, the SNS body, a Lambda/Pipes record with its data member decoded and
//!   the format-mismatch rules of its source (module `mismatch`) compiled into the filter.
//!
//! [`Filter`] is one filter parsed in a dialect (Lambda's and Pipes' several patterns are one
//! OR); it matches one [`Input`] (an event, an [`SnsMessage`] or a [`Record`]) with the
//! reference evaluator. [`DialectMachine`] matches many filters of one dialect at once with
//! the engine's [`Machine`](crate::Machine). There is no second engine: parser, IR, evaluator
//! and machine are the EventBridge ones.
//!
//! ```
//! use evmatch::dialect::{Dialect, Filter, Input, Record, SnsMessage};
//!
//! // SNS, MessageAttributes scope: a String.Array attribute matches element by element.
//! let policy = Filter::parse(Dialect::SnsAttributes, r#"{"interests": ["rugby"], "price": [{"numeric": [">", 100]}]}"#)?;
//! let msg = SnsMessage::new("hello")
//!     .with_attribute("interests", "String.Array", r#"["soccer", "rugby"]"#)
//!     .with_attribute("price", "Number", "210.75");
//! assert!(policy.matches(Input::Sns(&msg))?);
//!
//! // SNS errors: InvalidParameter, the API's prefix, the compact location.
//! let err = Filter::parse(Dialect::SnsAttributes, r#"{"a": {"b": ["c"]}}"#).unwrap_err();
//! assert_eq!(err.to_string(), "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy");
//!
//! // Lambda on Kinesis: the data is base64 JSON, the pattern addresses it decoded.
//! let f = Filter::parse(Dialect::LambdaKinesis, r#"{"data": {"City": ["Seattle"]}}"#)?;
//! let rec = Record::parse(r#"{"kinesis": {"partitionKey": "1", "data": "eyJDaXR5IjogIlNlYXR0bGUifQ=="}}"#)?;
//! assert!(f.matches(Input::Record(&rec))?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod envelope;
mod filter;
mod input;
mod machine;
mod mismatch;
mod name;
mod profile;
mod projection;
mod sns_policy;
mod used_names;

pub use envelope::{
    FilterError, LAMBDA_CODE, LAMBDA_INVALID_FILTER, PIPES_CODE, PIPES_INVALID_FILTER, SNS_CODE,
    SNS_NESTED_IN_ATTRIBUTES, SNS_TOO_COMPLEX, SNS_TOO_MANY_KEYS, SnsApi, TOO_MANY_FILTERS,
};
pub use filter::{Filter, FilterOptions, LAMBDA_MAX_FILTERS, PIPES_MAX_FILTERS};
pub use input::{Input, InputError, MessageAttribute, Record, SnsMessage};
pub use machine::DialectMachine;
pub use name::{Dialect, Service, Source, UnknownDialect};
