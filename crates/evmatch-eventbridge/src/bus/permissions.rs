//! Event bus permissions: `PutPermission` and `RemovePermission` on [`EventBridge`].
//!
//! Invariants: the policy is data only — stored, rendered by `DescribeEventBus`, never enforced;
//! statements are replaced by `Sid`. Costs: the policy is re-rendered on every change to check its
//! size.

use std::sync::Arc;

use evmatch::json::Value;

use super::state::{EventBridge, Policy, find_bus, json_string};
use super::transform;
use crate::api::Empty;
use crate::api::permissions::{PutPermissionRequest, RemovePermissionRequest};
use crate::{Error, ErrorCode};

impl EventBridge {
    /// `PutPermission`: either a whole `Policy` (replacing the bus policy) or one statement from
    /// `Action`, `Principal`, `StatementId` and `Condition` (replacing a statement with that
    /// `Sid`). The policy is data only: it is reported by `DescribeEventBus` and never enforced.
    /// Errors: `ResourceNotFoundException`, `PolicyLengthExceededException`,
    /// `ValidationException`.
    pub fn put_permission(&self, req: PutPermissionRequest) -> Result<Empty, Error> {
        self.validate(&req)?;
        self.modify(|state| {
            let name = find_bus(state, req.event_bus_name.as_deref())?.name.clone();
            let bus = Arc::make_mut(state.buses.get_mut(&name).expect("found above"));
            if let Some(text) = &req.policy {
                bus.policy = Some(parse_policy(text)?);
                return Ok(Empty {});
            }
            let (Some(action), Some(principal), Some(sid)) =
                (&req.action, &req.principal, &req.statement_id)
            else {
                return Err(Error::validation(
                    "Parameter(s) Action, Principal and StatementId must be specified when Policy is not.",
                ));
            };
            let principal_json = if principal == "*" {
                json_string("*")
            } else {
                format!(
                    r#"{{"AWS":{}}}"#,
                    json_string(&format!(
                        "arn:{}:iam::{principal}:root",
                        self.config.partition
                    ))
                )
            };
            let mut statement = format!(
                r#"{{"Sid":{},"Effect":"Allow","Principal":{principal_json},"Action":{},"Resource":{}"#,
                json_string(sid),
                json_string(action),
                json_string(&bus.arn)
            );
            if let Some(c) = &req.condition {
                statement.push_str(&format!(
                    r#","Condition":{{{}:{{{}:{}}}}}"#,
                    json_string(&c.r#type),
                    json_string(&c.key),
                    json_string(&c.value)
                ));
            }
            statement.push('}');
            let policy = bus.policy.get_or_insert_with(|| Policy {
                version: "2012-10-17".into(),
                statements: Vec::new(),
            });
            match policy
                .statements
                .iter_mut()
                .find(|(s, _)| s.as_deref() == Some(sid))
            {
                Some(existing) => existing.1 = statement,
                None => policy.statements.push((Some(sid.clone()), statement)),
            }
            let rendered = policy.render();
            if rendered.encode_utf16().count() > self.config.limits.bus_policy_max_chars {
                return Err(Error::service(
                    ErrorCode::PolicyLengthExceeded,
                    format!(
                        "The policy length exceeds the maximum of {} characters.",
                        self.config.limits.bus_policy_max_chars
                    ),
                ));
            }
            Ok(Empty {})
        })
    }

    /// `RemovePermission`: one statement by `StatementId`, or all with `RemoveAllPermissions`.
    /// Errors: `ResourceNotFoundException` (bus; `Statement with the provided id does not
    /// exist.`), `ValidationException` (neither given).
    pub fn remove_permission(&self, req: RemovePermissionRequest) -> Result<Empty, Error> {
        self.validate(&req)?;
        self.modify(|state| {
            let name = find_bus(state, req.event_bus_name.as_deref())?.name.clone();
            let bus = Arc::make_mut(state.buses.get_mut(&name).expect("found above"));
            if req.remove_all_permissions == Some(true) {
                bus.policy = None;
                return Ok(Empty {});
            }
            let Some(sid) = &req.statement_id else {
                return Err(Error::validation(
                    "Parameter StatementId must be specified when RemoveAllPermissions is not true.",
                ));
            };
            let not_found = || {
                Error::service(
                    ErrorCode::ResourceNotFound,
                    "Statement with the provided id does not exist.",
                )
            };
            let policy = bus.policy.as_mut().ok_or_else(not_found)?;
            let before = policy.statements.len();
            policy.statements.retain(|(s, _)| s.as_deref() != Some(sid));
            if policy.statements.len() == before {
                return Err(not_found());
            }
            if policy.statements.is_empty() {
                bus.policy = None;
            }
            Ok(Empty {})
        })
    }
}

fn parse_policy(text: &str) -> Result<Policy, Error> {
    let invalid = || {
        Error::validation(
            "Parameter Policy is not valid. Reason: Policy must be a JSON object with a Statement.",
        )
    };
    let Ok(doc) = transform::parse_event(text) else {
        return Err(invalid());
    };
    let Value::Object(members) = &doc else {
        return Err(invalid());
    };
    let mut policy = Policy {
        version: "2012-10-17".into(),
        statements: Vec::new(),
    };
    for (k, v) in members {
        match (k.as_str(), v) {
            ("Version", Value::String(s)) => policy.version = s.clone(),
            ("Statement", Value::Array(items)) => {
                for item in items {
                    policy.statements.push(statement(item).ok_or_else(invalid)?);
                }
            }
            ("Statement", item @ Value::Object(_)) => {
                policy.statements.push(statement(item).ok_or_else(invalid)?);
            }
            _ => {}
        }
    }
    fn statement(v: &Value) -> Option<(Option<String>, String)> {
        let Value::Object(members) = v else {
            return None;
        };
        let sid = members.iter().find_map(|(k, v)| match (k.as_str(), v) {
            ("Sid", Value::String(s)) => Some(s.clone()),
            _ => None,
        });
        Some((sid, transform::compact(v)))
    }
    Ok(policy)
}
