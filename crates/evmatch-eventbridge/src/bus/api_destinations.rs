//! API destinations: `CreateApiDestination`, `DescribeApiDestination`, `ListApiDestinations`,
//! `UpdateApiDestination` and `DeleteApiDestination` on [`EventBridge`], and
//! [`EventBridge::resolve_api_destination`], which hands an embedder that calls destinations out
//! everything it needs, secrets included.
//!
//! An API destination is an HTTP endpoint (`InvocationEndpoint`, `*` standing for the target's
//! path parameters), a method, a rate limit (`InvocationRateLimitPerSecond`, 300 when not given,
//! as AWS stores it) and a connection for authorization. ARNs are
//! `api-destination/<name>/<uuid>`. The state is derived from the connection whenever it is
//! read: `ACTIVE` while the connection exists and is authorized, `INACTIVE` once it is
//! deauthorized or deleted.
//!
//! Invariants: names are unique; a destination is created or updated only with a connection that
//! exists (the ARN must be the connection's current ARN). Costs: each change publishes a new
//! snapshot (see [`super::state`]); reads look the connection up by name (a map lookup).

use std::sync::Arc;

use super::connection_auth::has_secrets;
use super::connections::{connection_name_of_arn, connection_not_found};
use super::outbound::{ResolvedApiDestination, ResolvedConnection};
use super::paging::page;
use super::state::{ApiDestinationRecord, ConnectionRecord, EventBridge, State};
use crate::api::api_destinations::{
    ApiDestination, ApiDestinationState, CreateApiDestinationRequest, CreateApiDestinationResponse,
    DeleteApiDestinationRequest, DeleteApiDestinationResponse, DescribeApiDestinationRequest,
    DescribeApiDestinationResponse, ListApiDestinationsRequest, ListApiDestinationsResponse,
    UpdateApiDestinationRequest, UpdateApiDestinationResponse,
};
use crate::api::connections::ConnectionState;
use crate::{Error, ErrorCode};

/// The rate AWS stores when `InvocationRateLimitPerSecond` is not given.
const DEFAULT_RATE_PER_SECOND: i32 = 300;

/// AWS's `ResourceNotFoundException` for an API destination.
fn api_destination_not_found(name: &str) -> Error {
    Error::service(
        ErrorCode::ResourceNotFound,
        format!(
            "Failed to describe the api-destination(s). An api-destination '{name}' does not exist."
        ),
    )
}

/// The destination name in an API destination ARN (`…:api-destination/<name>/<uuid>`).
fn api_destination_name_of_arn(arn: &str) -> Option<&str> {
    let (_, rest) = arn.split_once(":api-destination/")?;
    Some(rest.split_once('/').map_or(rest, |(name, _)| name))
}

/// The connection whose current ARN is `arn`.
fn connection_by_arn<'s>(state: &'s State, arn: &str) -> Option<&'s ConnectionRecord> {
    let name = connection_name_of_arn(arn)?;
    state
        .connections
        .get(name)
        .map(|c| &**c)
        .filter(|c| c.arn == arn)
}

/// Like [`connection_by_arn`], or AWS's not-found error for the connection.
fn require_connection(state: &State, arn: &str) -> Result<(), Error> {
    match connection_by_arn(state, arn) {
        Some(_) => Ok(()),
        None => Err(connection_not_found(
            connection_name_of_arn(arn).unwrap_or(arn),
        )),
    }
}

/// Whether calls can be made with the connection: it exists, is authorized and has its secrets.
fn usable(connection: Option<&ConnectionRecord>) -> bool {
    connection.is_some_and(|c| c.state == ConnectionState::Authorized && has_secrets(&c.auth))
}

/// `ACTIVE` while the destination's connection is usable, else `INACTIVE`.
fn state_of(state: &State, d: &ApiDestinationRecord) -> ApiDestinationState {
    if usable(connection_by_arn(state, &d.connection_arn)) {
        ApiDestinationState::Active
    } else {
        ApiDestinationState::Inactive
    }
}

impl EventBridge {
    fn api_destination_arn(&self, name: &str, uuid: &str) -> String {
        format!("{}api-destination/{name}/{uuid}", self.config.arn_prefix())
    }

    /// `CreateApiDestination`. Errors: `ValidationException` (model),
    /// `ResourceAlreadyExistsException` (`An api-destination '<name>' already exists.`),
    /// `ResourceNotFoundException` (the connection), `LimitExceededException`.
    ///
    /// ```
    /// use evmatch_eventbridge::api::{api_destinations::*, connections::*};
    /// use evmatch_eventbridge::bus::EventBridge;
    ///
    /// let eb = EventBridge::new();
    /// let connection = eb.create_connection(CreateConnectionRequest {
    ///     name: "crm".into(),
    ///     description: None,
    ///     authorization_type: ConnectionAuthorizationType::Basic,
    ///     auth_parameters: CreateConnectionAuthRequestParameters {
    ///         basic_auth_parameters: Some(CreateConnectionBasicAuthRequestParameters {
    ///             username: "u".into(),
    ///             password: "p".into(),
    ///         }),
    ///         ..Default::default()
    ///     },
    ///     invocation_connectivity_parameters: None,
    ///     kms_key_identifier: None,
    /// })?;
    /// let out = eb.create_api_destination(CreateApiDestinationRequest {
    ///     name: "orders".into(),
    ///     description: None,
    ///     connection_arn: connection.connection_arn.unwrap(),
    ///     invocation_endpoint: "https://crm.example.com/orders".into(),
    ///     http_method: ApiDestinationHttpMethod::Post,
    ///     invocation_rate_limit_per_second: None,
    /// })?;
    /// assert_eq!(out.api_destination_state, Some(ApiDestinationState::Active));
    /// let d = eb.describe_api_destination(DescribeApiDestinationRequest { name: "orders".into() })?;
    /// assert_eq!(d.invocation_rate_limit_per_second, Some(300));
    /// # Ok::<(), evmatch_eventbridge::Error>(())
    /// ```
    pub fn create_api_destination(
        &self,
        req: CreateApiDestinationRequest,
    ) -> Result<CreateApiDestinationResponse, Error> {
        self.validate(&req)?;
        let now = self.clock.now();
        self.modify(|state| {
            if state.api_destinations.contains_key(&req.name) {
                return Err(Error::service(
                    ErrorCode::ResourceAlreadyExists,
                    format!("An api-destination '{}' already exists.", req.name),
                ));
            }
            require_connection(state, &req.connection_arn)?;
            if state.api_destinations.len() >= self.config.api_destinations {
                return Err(Error::limit_exceeded());
            }
            let uuid = self.ids.next_id();
            let record = ApiDestinationRecord {
                name: req.name.clone(),
                arn: self.api_destination_arn(&req.name, &uuid),
                description: req.description.clone(),
                connection_arn: req.connection_arn.clone(),
                invocation_endpoint: req.invocation_endpoint.clone(),
                http_method: req.http_method.clone(),
                invocation_rate_limit_per_second: req
                    .invocation_rate_limit_per_second
                    .unwrap_or(DEFAULT_RATE_PER_SECOND),
                creation_time: now,
                last_modified_time: now,
            };
            let out = CreateApiDestinationResponse {
                api_destination_arn: Some(record.arn.clone()),
                api_destination_state: Some(state_of(state, &record)),
                creation_time: Some(now),
                last_modified_time: Some(now),
            };
            state
                .api_destinations
                .insert(req.name.clone(), Arc::new(record));
            Ok(out)
        })
    }

    /// `DescribeApiDestination`. Errors: `ResourceNotFoundException`.
    pub fn describe_api_destination(
        &self,
        req: DescribeApiDestinationRequest,
    ) -> Result<DescribeApiDestinationResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let d = snap
            .api_destinations
            .get(&req.name)
            .ok_or_else(|| api_destination_not_found(&req.name))?;
        Ok(DescribeApiDestinationResponse {
            api_destination_arn: Some(d.arn.clone()),
            name: Some(d.name.clone()),
            description: d.description.clone(),
            api_destination_state: Some(state_of(&snap, d)),
            connection_arn: Some(d.connection_arn.clone()),
            invocation_endpoint: Some(d.invocation_endpoint.clone()),
            http_method: Some(d.http_method.clone()),
            invocation_rate_limit_per_second: Some(d.invocation_rate_limit_per_second),
            creation_time: Some(d.creation_time),
            last_modified_time: Some(d.last_modified_time),
        })
    }

    /// `ListApiDestinations`: by name, filtered by `NamePrefix` and `ConnectionArn` (exact),
    /// paged by `Limit` (default 100) and `NextToken`. Errors: `ValidationException` (a
    /// `NextToken` of another query).
    pub fn list_api_destinations(
        &self,
        req: ListApiDestinationsRequest,
    ) -> Result<ListApiDestinationsResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let prefix = req.name_prefix.as_deref().unwrap_or("");
        let items: Vec<ApiDestination> = snap
            .api_destinations
            .values()
            .filter(|d| d.name.starts_with(prefix))
            .filter(|d| {
                req.connection_arn
                    .as_deref()
                    .is_none_or(|c| d.connection_arn == c)
            })
            .map(|d| ApiDestination {
                api_destination_arn: Some(d.arn.clone()),
                name: Some(d.name.clone()),
                api_destination_state: Some(state_of(&snap, d)),
                connection_arn: Some(d.connection_arn.clone()),
                invocation_endpoint: Some(d.invocation_endpoint.clone()),
                http_method: Some(d.http_method.clone()),
                invocation_rate_limit_per_second: Some(d.invocation_rate_limit_per_second),
                creation_time: Some(d.creation_time),
                last_modified_time: Some(d.last_modified_time),
            })
            .collect();
        let query = format!(
            "ListApiDestinations\0{prefix}\0{}",
            req.connection_arn.as_deref().unwrap_or("")
        );
        let (api_destinations, next_token) =
            page(items, req.next_token.as_deref(), req.limit, &query)?;
        Ok(ListApiDestinationsResponse {
            api_destinations: Some(api_destinations),
            next_token,
        })
    }

    /// `UpdateApiDestination`: replaces the members given. Errors: `ResourceNotFoundException`
    /// (the destination, then a new connection), `ValidationException` (model).
    pub fn update_api_destination(
        &self,
        req: UpdateApiDestinationRequest,
    ) -> Result<UpdateApiDestinationResponse, Error> {
        self.validate(&req)?;
        let now = self.clock.now();
        self.modify(|state| {
            if !state.api_destinations.contains_key(&req.name) {
                return Err(api_destination_not_found(&req.name));
            }
            if let Some(arn) = &req.connection_arn {
                require_connection(state, arn)?;
            }
            let mut d = state
                .api_destinations
                .get(&req.name)
                .map(|d| (**d).clone())
                .ok_or_else(|| api_destination_not_found(&req.name))?;
            if let Some(v) = &req.description {
                d.description = Some(v.clone());
            }
            if let Some(v) = &req.connection_arn {
                d.connection_arn = v.clone();
            }
            if let Some(v) = &req.invocation_endpoint {
                d.invocation_endpoint = v.clone();
            }
            if let Some(v) = &req.http_method {
                d.http_method = v.clone();
            }
            if let Some(v) = req.invocation_rate_limit_per_second {
                d.invocation_rate_limit_per_second = v;
            }
            d.last_modified_time = now;
            let out = UpdateApiDestinationResponse {
                api_destination_arn: Some(d.arn.clone()),
                api_destination_state: Some(state_of(state, &d)),
                creation_time: Some(d.creation_time),
                last_modified_time: Some(now),
            };
            state.api_destinations.insert(req.name.clone(), Arc::new(d));
            Ok(out)
        })
    }

    /// `DeleteApiDestination`: rule targets naming the destination stay (as on AWS; their
    /// deliveries fail). Errors: `ResourceNotFoundException`.
    pub fn delete_api_destination(
        &self,
        req: DeleteApiDestinationRequest,
    ) -> Result<DeleteApiDestinationResponse, Error> {
        self.validate(&req)?;
        self.modify(|state| {
            state
                .api_destinations
                .remove(&req.name)
                .ok_or_else(|| api_destination_not_found(&req.name))?;
            Ok(DeleteApiDestinationResponse {})
        })
    }

    /// The API destination with ARN `arn` and its connection, **with the connection's secrets**,
    /// for an embedder that makes the HTTP calls of API destination targets. `None` when no
    /// destination has that ARN, or its connection is deleted or deauthorized (the destination
    /// is `INACTIVE`). Reads one snapshot; never waits for a control-plane operation.
    ///
    /// ```
    /// use evmatch_eventbridge::api::{api_destinations::*, connections::*};
    /// use evmatch_eventbridge::bus::{ConnectionAuth, EventBridge};
    ///
    /// let eb = EventBridge::new();
    /// let connection_arn = eb
    ///     .create_connection(CreateConnectionRequest {
    ///         name: "crm".into(),
    ///         description: None,
    ///         authorization_type: ConnectionAuthorizationType::ApiKey,
    ///         auth_parameters: CreateConnectionAuthRequestParameters {
    ///             api_key_auth_parameters: Some(CreateConnectionApiKeyAuthRequestParameters {
    ///                 api_key_name: "x-api-key".into(),
    ///                 api_key_value: "s3cr3t".into(),
    ///             }),
    ///             ..Default::default()
    ///         },
    ///         invocation_connectivity_parameters: None,
    ///         kms_key_identifier: None,
    ///     })?
    ///     .connection_arn
    ///     .unwrap();
    /// let arn = eb
    ///     .create_api_destination(CreateApiDestinationRequest {
    ///         name: "orders".into(),
    ///         description: None,
    ///         connection_arn,
    ///         invocation_endpoint: "http://127.0.0.1:8080/orders".into(),
    ///         http_method: ApiDestinationHttpMethod::Post,
    ///         invocation_rate_limit_per_second: Some(5),
    ///     })?
    ///     .api_destination_arn
    ///     .unwrap();
    /// let resolved = eb.resolve_api_destination(&arn).unwrap();
    /// assert_eq!(resolved.invocation_rate_limit_per_second, Some(5));
    /// assert_eq!(
    ///     resolved.connection.authorization,
    ///     ConnectionAuth::ApiKey { key: "x-api-key".into(), value: "s3cr3t".into() }
    /// );
    ///
    /// eb.deauthorize_connection(DeauthorizeConnectionRequest { name: "crm".into() })?;
    /// assert!(eb.resolve_api_destination(&arn).is_none());
    /// # Ok::<(), evmatch_eventbridge::Error>(())
    /// ```
    pub fn resolve_api_destination(&self, arn: &str) -> Option<ResolvedApiDestination> {
        let snap = self.snapshot();
        let d = snap
            .api_destinations
            .get(api_destination_name_of_arn(arn)?)
            .filter(|d| d.arn == arn)?;
        let c = connection_by_arn(&snap, &d.connection_arn);
        if !usable(c) {
            return None;
        }
        let c = c?;
        let mut connection = ResolvedConnection::new(&c.arn, &c.name, c.auth.clone());
        connection.invocation_http_parameters = c.invocation_http_parameters.clone();
        let mut out = ResolvedApiDestination::new(
            &d.arn,
            &d.name,
            &d.invocation_endpoint,
            d.http_method.clone(),
            connection,
        );
        out.invocation_rate_limit_per_second =
            u32::try_from(d.invocation_rate_limit_per_second).ok();
        Some(out)
    }
}
