//! Global endpoints: `CreateEndpoint`, `DescribeEndpoint`, `ListEndpoints`, `UpdateEndpoint` and
//! `DeleteEndpoint` on [`EventBridge`].
//!
//! An endpoint pairs two event buses of the same name in two Regions: the service's own Region
//! (the endpoint's home Region, where it is created) and the secondary Region of its routing
//! configuration. The in-process service keeps the definition only; it routes nothing (there is
//! one Region here) and checks no health.
//!
//! States: `CreateEndpoint` answers `CREATING` and `UpdateEndpoint` `UPDATING`, as AWS does; the
//! change completes at once, so the next `DescribeEndpoint` or `ListEndpoints` reports `ACTIVE`
//! (the state SDK waiters poll for). `DeleteEndpoint` removes the endpoint at once (AWS shows
//! `DELETING` for a while).
//!
//! Invariants: names are unique; both buses are in different Regions, one of them in the home
//! Region and the other in the secondary Region, with the same bus name; replication (enabled
//! unless disabled) has a role. Costs: each change publishes a new snapshot (see
//! [`super::state`]); ids are derived from the service's [`IdGenerator`](super::IdGenerator).

use std::sync::Arc;

use super::paging::page;
use super::state::EventBridge;
use crate::api::Timestamp;
use crate::api::endpoints::{
    CreateEndpointRequest, CreateEndpointResponse, DeleteEndpointRequest, DeleteEndpointResponse,
    DescribeEndpointRequest, DescribeEndpointResponse, Endpoint, EndpointEventBus, EndpointState,
    ListEndpointsRequest, ListEndpointsResponse, ReplicationConfig, ReplicationState,
    RoutingConfig, UpdateEndpointRequest, UpdateEndpointResponse,
};
use crate::{Error, ErrorCode};

/// Global endpoints per account and Region (AWS's default quota).
pub(super) const ENDPOINTS_PER_REGION: usize = 100;

/// A stored global endpoint (part of the published state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct EndpointEntry {
    pub(super) name: String,
    pub(super) arn: String,
    pub(super) description: Option<String>,
    pub(super) routing_config: RoutingConfig,
    /// The effective replication configuration (`ENABLED` when the request left it out).
    pub(super) replication_config: ReplicationConfig,
    pub(super) event_buses: Vec<EndpointEventBus>,
    pub(super) role_arn: Option<String>,
    /// `<10 characters>.<3 characters>`, lower-case letters and digits.
    pub(super) endpoint_id: String,
    pub(super) state: EndpointState,
    pub(super) creation_time: Timestamp,
    pub(super) last_modified_time: Timestamp,
}

impl EndpointEntry {
    pub(super) fn endpoint_url(&self) -> String {
        endpoint_url(&self.endpoint_id)
    }

    fn to_endpoint(&self) -> Endpoint {
        Endpoint {
            name: Some(self.name.clone()),
            description: self.description.clone(),
            arn: Some(self.arn.clone()),
            routing_config: Some(self.routing_config.clone()),
            replication_config: Some(self.replication_config.clone()),
            event_buses: Some(self.event_buses.clone()),
            role_arn: self.role_arn.clone(),
            endpoint_id: Some(self.endpoint_id.clone()),
            endpoint_url: Some(self.endpoint_url()),
            state: Some(self.state.clone()),
            state_reason: None,
            creation_time: Some(self.creation_time),
            last_modified_time: Some(self.last_modified_time),
        }
    }
}

/// The URL AWS gives an endpoint: `https://<EndpointId>.endpoint.events.amazonaws.com`.
pub(super) fn endpoint_url(id: &str) -> String {
    format!("https://{id}.endpoint.events.amazonaws.com")
}

fn endpoint_not_found(name: &str) -> Error {
    Error::service(
        ErrorCode::ResourceNotFound,
        format!("Endpoint {name} does not exist."),
    )
}

fn invalid(parameter: &str, reason: &str) -> Error {
    Error::validation(format!(
        "Parameter {parameter} is not valid. Reason: {reason}"
    ))
}

/// `(region, bus name)` of an `event-bus/` ARN (the model's pattern has already been checked).
fn bus_region_and_name(arn: &str) -> (&str, &str) {
    let mut parts = arn.splitn(6, ':');
    let region = parts.nth(3).unwrap_or("");
    let resource = parts.nth(1).unwrap_or("");
    (
        region,
        resource.strip_prefix("event-bus/").unwrap_or(resource),
    )
}

/// The checks AWS makes on the bus pair, the secondary Region and the replication role.
fn check_definition(
    home: &str,
    routing: &RoutingConfig,
    buses: &[EndpointEventBus],
    replication: &ReplicationConfig,
    role_arn: Option<&str>,
) -> Result<(), Error> {
    let [a, b] = buses else {
        // The model's list-size check (exactly 2) runs first.
        return Err(invalid(
            "EventBuses",
            "Exactly two event buses are required.",
        ));
    };
    let (ra, na) = bus_region_and_name(&a.event_bus_arn);
    let (rb, nb) = bus_region_and_name(&b.event_bus_arn);
    if ra == rb {
        return Err(invalid(
            "EventBuses",
            "The event buses must be in different Regions.",
        ));
    }
    if na != nb {
        return Err(invalid(
            "EventBuses",
            "The event buses must have the same name.",
        ));
    }
    let other = match (ra == home, rb == home) {
        (true, _) => rb,
        (_, true) => ra,
        _ => {
            return Err(invalid(
                "EventBuses",
                &format!("One of the event buses must be in the Region {home}."),
            ));
        }
    };
    let route = &routing.failover_config.secondary.route;
    if route != other {
        return Err(invalid(
            "RoutingConfig",
            &format!("The secondary Region {route} must be the Region of the other event bus."),
        ));
    }
    if !matches!(replication.state, Some(ReplicationState::Disabled)) && role_arn.is_none() {
        return Err(invalid(
            "RoleArn",
            "RoleArn is required when replication is enabled.",
        ));
    }
    Ok(())
}

/// The replication configuration as stored: `State` defaults to `ENABLED`.
fn effective_replication(given: Option<ReplicationConfig>) -> ReplicationConfig {
    let state = given
        .and_then(|c| c.state)
        .unwrap_or(ReplicationState::Enabled);
    ReplicationConfig { state: Some(state) }
}

/// An `EndpointId` of AWS's form (`abcde12345.xyz`, matching the model's
/// `^[A-Za-z0-9\-]+[\.][A-Za-z0-9\-]+$`), derived from a fresh id of the service's generator.
fn endpoint_id(seed: &str) -> String {
    const DIGITS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let hash = |salt: u8| {
        seed.bytes()
            .chain([salt])
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            })
    };
    let chars = |mut n: u64, len: usize| -> String {
        (0..len)
            .map(|_| {
                let c = DIGITS[(n % 36) as usize] as char;
                n /= 36;
                c
            })
            .collect()
    };
    format!("{}.{}", chars(hash(1), 10), chars(hash(2), 3))
}

impl EventBridge {
    fn endpoint_arn(&self, name: &str) -> String {
        format!("{}endpoint/{name}", self.config.arn_prefix())
    }

    /// `CreateEndpoint`: answers `State` `CREATING`; the endpoint is `ACTIVE` from then on.
    /// Errors: `ResourceAlreadyExistsException`, `LimitExceededException` (100 endpoints),
    /// `ValidationException` (the model's constraints, then buses in the same Region or with
    /// different names, no bus in this Region, a secondary Region that is not the other bus's,
    /// replication enabled without `RoleArn`).
    pub fn create_endpoint(
        &self,
        req: CreateEndpointRequest,
    ) -> Result<CreateEndpointResponse, Error> {
        self.validate(&req)?;
        let replication = effective_replication(req.replication_config);
        check_definition(
            &self.config.region,
            &req.routing_config,
            &req.event_buses,
            &replication,
            req.role_arn.as_deref(),
        )?;
        let now = self.clock.now();
        self.modify(|state| {
            if state.endpoints.contains_key(&req.name) {
                return Err(Error::service(
                    ErrorCode::ResourceAlreadyExists,
                    format!("Endpoint {} already exists.", req.name),
                ));
            }
            if state.endpoints.len() >= ENDPOINTS_PER_REGION {
                return Err(Error::limit_exceeded());
            }
            let entry = EndpointEntry {
                name: req.name.clone(),
                arn: self.endpoint_arn(&req.name),
                description: req.description.clone(),
                routing_config: req.routing_config.clone(),
                replication_config: replication.clone(),
                event_buses: req.event_buses.clone(),
                role_arn: req.role_arn.clone(),
                endpoint_id: endpoint_id(&self.ids.next_id()),
                state: EndpointState::Active,
                creation_time: now,
                last_modified_time: now,
            };
            let out = CreateEndpointResponse {
                name: Some(entry.name.clone()),
                arn: Some(entry.arn.clone()),
                routing_config: Some(entry.routing_config.clone()),
                replication_config: Some(entry.replication_config.clone()),
                event_buses: Some(entry.event_buses.clone()),
                role_arn: entry.role_arn.clone(),
                state: Some(EndpointState::Creating),
            };
            state.endpoints.insert(req.name.clone(), Arc::new(entry));
            Ok(out)
        })
    }

    /// `DescribeEndpoint`. An endpoint whose home Region is not `HomeRegion` (when given) does
    /// not exist. Errors: `ResourceNotFoundException`.
    pub fn describe_endpoint(
        &self,
        req: DescribeEndpointRequest,
    ) -> Result<DescribeEndpointResponse, Error> {
        self.validate(&req)?;
        if req
            .home_region
            .as_deref()
            .is_some_and(|r| r != self.config.region)
        {
            return Err(endpoint_not_found(&req.name));
        }
        let snap = self.snapshot();
        let e = snap
            .endpoints
            .get(&req.name)
            .ok_or_else(|| endpoint_not_found(&req.name))?
            .to_endpoint();
        Ok(DescribeEndpointResponse {
            name: e.name,
            description: e.description,
            arn: e.arn,
            routing_config: e.routing_config,
            replication_config: e.replication_config,
            event_buses: e.event_buses,
            role_arn: e.role_arn,
            endpoint_id: e.endpoint_id,
            endpoint_url: e.endpoint_url,
            state: e.state,
            state_reason: e.state_reason,
            creation_time: e.creation_time,
            last_modified_time: e.last_modified_time,
        })
    }

    /// `ListEndpoints`: by name, filtered by `NamePrefix` and `HomeRegion`, `MaxResults`
    /// (default 100) per page. Errors: `ValidationException` (a `NextToken` of another query).
    pub fn list_endpoints(
        &self,
        req: ListEndpointsRequest,
    ) -> Result<ListEndpointsResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let prefix = req.name_prefix.as_deref().unwrap_or("");
        let region = req.home_region.as_deref();
        let here = region.is_none_or(|r| r == self.config.region);
        let items: Vec<Endpoint> = snap
            .endpoints
            .values()
            .filter(|e| here && e.name.starts_with(prefix))
            .map(|e| e.to_endpoint())
            .collect();
        let query = format!("ListEndpoints\0{prefix}\0{}", region.unwrap_or(""));
        let (endpoints, next_token) =
            page(items, req.next_token.as_deref(), req.max_results, &query)?;
        Ok(ListEndpointsResponse {
            endpoints: Some(endpoints),
            next_token,
        })
    }

    /// `UpdateEndpoint`: replaces the members given, checks the result as `CreateEndpoint` does
    /// and answers `State` `UPDATING`; the endpoint is `ACTIVE` again from then on. Errors:
    /// `ResourceNotFoundException`, `ValidationException`.
    pub fn update_endpoint(
        &self,
        req: UpdateEndpointRequest,
    ) -> Result<UpdateEndpointResponse, Error> {
        self.validate(&req)?;
        let now = self.clock.now();
        self.modify(|state| {
            let entry = state
                .endpoints
                .get_mut(&req.name)
                .ok_or_else(|| endpoint_not_found(&req.name))?;
            let mut next = (**entry).clone();
            if req.description.is_some() {
                next.description = req.description.clone();
            }
            if let Some(r) = &req.routing_config {
                next.routing_config = r.clone();
            }
            if let Some(r) = &req.replication_config {
                next.replication_config = effective_replication(Some(r.clone()));
            }
            if let Some(b) = &req.event_buses {
                next.event_buses = b.clone();
            }
            if req.role_arn.is_some() {
                next.role_arn = req.role_arn.clone();
            }
            check_definition(
                &self.config.region,
                &next.routing_config,
                &next.event_buses,
                &next.replication_config,
                next.role_arn.as_deref(),
            )?;
            next.last_modified_time = now;
            let out = UpdateEndpointResponse {
                name: Some(next.name.clone()),
                arn: Some(next.arn.clone()),
                routing_config: Some(next.routing_config.clone()),
                replication_config: Some(next.replication_config.clone()),
                event_buses: Some(next.event_buses.clone()),
                role_arn: next.role_arn.clone(),
                endpoint_id: Some(next.endpoint_id.clone()),
                endpoint_url: Some(next.endpoint_url()),
                state: Some(EndpointState::Updating),
            };
            *entry = Arc::new(next);
            Ok(out)
        })
    }

    /// `DeleteEndpoint`: the endpoint is gone at once. Errors: `ResourceNotFoundException`.
    pub fn delete_endpoint(
        &self,
        req: DeleteEndpointRequest,
    ) -> Result<DeleteEndpointResponse, Error> {
        self.validate(&req)?;
        self.modify(|state| {
            state
                .endpoints
                .remove(&req.name)
                .ok_or_else(|| endpoint_not_found(&req.name))?;
            Ok(DeleteEndpointResponse {})
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_ids_have_aws_form() {
        let a = endpoint_id("00000000-0000-4000-8000-000000000001");
        let b = endpoint_id("00000000-0000-4000-8000-000000000002");
        assert_ne!(a, b);
        let re = regex::Regex::new(r"^[a-z0-9]{10}\.[a-z0-9]{3}$").unwrap();
        assert!(re.is_match(&a) && re.is_match(&b), "{a} {b}");
    }

    #[test]
    fn bus_arns_split_into_region_and_name() {
        assert_eq!(
            bus_region_and_name("arn:aws:events:us-west-2:123456789012:event-bus/orders"),
            ("us-west-2", "orders")
        );
    }
}
