//! The format-mismatch rules of Lambda and Pipes (DIALECTS §3.4), compiled into the filter.
//!
//! Each branch of a parsed filter is classified by what it asks of the record's data member
//! ([`PatternKind`]): nothing, a value list at the data key (a "plain-string pattern"), paths
//! under it (a "JSON pattern"), or both. Together with the projected record's [`DataKind`],
//! the source decides ([`outcome`]) whether the branch is matched as it is, matched without its
//! data conditions ("metadata only", Kafka and MQ), or dropped. The branch is then rewritten
//! into at most two engine branches, each with one more condition on the projection's
//! [`DATA_KIND_MEMBER`]: `[kinds matched in full]` on the branch, `[kinds matched on metadata
//! only]` on the branch without its data conditions. So "drop" wins over what the engine would
//! otherwise answer (`{"exists": false}` under a plain body), and the rule is decided per
//! filter and per branch, inside the one engine.
//!
//! Cost: at registration only; a branch gains one field condition.

use super::name::Source;
use super::projection::{DATA_KIND_MEMBER, DataKind};
use crate::pattern::ir::{Branch, Condition, FieldCondition, path_order};

/// What a branch asks of the data member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PatternKind {
    /// Nothing: the data key is not in the branch.
    Absent,
    /// A value list at the data key itself.
    Plain,
    /// Paths under the data key.
    Json,
    /// Both (can only match a record without the data member).
    Mixed,
}

/// What happens to a branch for a record whose data is of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Match the branch as it is.
    Full,
    /// Match the branch without its data conditions.
    MetadataOnly,
    /// The branch cannot match.
    Drop,
}

/// The kind of `branch` for data key `key`.
pub(crate) fn classify(branch: &Branch, key: &str) -> PatternKind {
    let mut plain = false;
    let mut json = false;
    for f in &branch.fields {
        if f.path == key {
            plain = true;
        } else if is_under(&f.path, key) {
            json = true;
        }
    }
    match (plain, json) {
        (false, false) => PatternKind::Absent,
        (true, false) => PatternKind::Plain,
        (false, true) => PatternKind::Json,
        (true, true) => PatternKind::Mixed,
    }
}

fn is_under(path: &str, key: &str) -> bool {
    path.len() > key.len() && path.starts_with(key) && path.as_bytes()[key.len()] == b'.'
}

/// DIALECTS §3.4, per source. A record without the data member is matched in full (the engine
/// then sees the data key absent). A JSON scalar is valid JSON that no JSON pattern matches.
pub(crate) fn outcome(source: Source, pattern: PatternKind, data: DataKind) -> Outcome {
    use DataKind as D;
    use PatternKind as P;
    if pattern == P::Absent || data == D::Missing {
        return Outcome::Full;
    }
    let fits = matches!((pattern, data), (P::Plain, D::Plain) | (P::Json, D::Json));
    if fits {
        return Outcome::Full;
    }
    match source {
        Source::Kafka | Source::Mq => Outcome::MetadataOnly,
        Source::Sqs | Source::Kinesis | Source::DynamoDb => Outcome::Drop,
    }
}

/// Rewrite the branches of one parsed filter for `source` (see the module doc).
pub(crate) fn rewrite(source: Source, branches: Vec<Branch>) -> Vec<Branch> {
    let key = source.data_key();
    let mut out = Vec::with_capacity(branches.len());
    for branch in branches {
        let kind = classify(&branch, key);
        if kind == PatternKind::Absent {
            out.push(branch);
            continue;
        }
        let (mut full, mut meta) = (Vec::new(), Vec::new());
        for data in DataKind::ALL {
            match outcome(source, kind, data) {
                Outcome::Full => full.push(data),
                Outcome::MetadataOnly => meta.push(data),
                Outcome::Drop => {}
            }
        }
        if !meta.is_empty() {
            let fields = branch
                .fields
                .iter()
                .filter(|f| f.path != key && !is_under(&f.path, key))
                .cloned()
                .collect();
            out.push(with_kinds(Branch { fields }, &meta));
        }
        if !full.is_empty() {
            out.push(with_kinds(branch, &full));
        }
    }
    out
}

/// `branch` and a condition that the data kind is one of `kinds`, kept in path order.
fn with_kinds(mut branch: Branch, kinds: &[DataKind]) -> Branch {
    let field = FieldCondition {
        path: DATA_KIND_MEMBER.to_string(),
        conditions: kinds
            .iter()
            .map(|k| Condition::String(k.as_str().to_string()))
            .collect(),
    };
    let at = branch
        .fields
        .partition_point(|f| path_order(&f.path, &field.path).is_lt());
    branch.fields.insert(at, field);
    branch
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_tables() {
        use DataKind as D;
        use Outcome::*;
        use PatternKind as P;
        // SQS
        assert_eq!(outcome(Source::Sqs, P::Plain, D::Plain), Full);
        assert_eq!(outcome(Source::Sqs, P::Json, D::Plain), Drop);
        assert_eq!(outcome(Source::Sqs, P::Plain, D::Json), Drop);
        assert_eq!(outcome(Source::Sqs, P::Plain, D::Scalar), Drop);
        assert_eq!(outcome(Source::Sqs, P::Json, D::Json), Full);
        assert_eq!(outcome(Source::Sqs, P::Absent, D::Plain), Full);
        // Kinesis, DynamoDB
        assert_eq!(outcome(Source::Kinesis, P::Json, D::Plain), Drop);
        assert_eq!(outcome(Source::Kinesis, P::Json, D::Binary), Drop);
        assert_eq!(outcome(Source::DynamoDb, P::Json, D::Json), Full);
        // Kafka, MQ
        assert_eq!(outcome(Source::Kafka, P::Json, D::Plain), MetadataOnly);
        assert_eq!(outcome(Source::Kafka, P::Plain, D::Json), MetadataOnly);
        assert_eq!(outcome(Source::Mq, P::Plain, D::Binary), MetadataOnly);
        assert_eq!(outcome(Source::Mq, P::Plain, D::Plain), Full);
    }
}
