//! Connections: `CreateConnection`, `DescribeConnection`, `ListConnections`,
//! `UpdateConnection`, `DeleteConnection` and `DeauthorizeConnection` on [`EventBridge`].
//!
//! A connection holds the authorization (API key, basic, or OAuth client credentials) and the
//! extra HTTP parameters that API destinations use; the service keeps the secrets and never
//! answers with them. ARNs are `connection/<name>/<uuid>`.
//!
//! States, as AWS reports them: `CreateConnection` and `UpdateConnection` answer `AUTHORIZED`
//! for API key and basic authorization and `AUTHORIZING` for OAuth (AWS fetches a token first);
//! in process the OAuth authorization completes at once, so every later read says `AUTHORIZED`.
//! `DeauthorizeConnection` answers `DEAUTHORIZING`, removes the secrets and leaves the connection
//! `DEAUTHORIZED` until an update supplies them again; `DeleteConnection` answers `DELETING`.
//! Deleting a connection that API destinations use is allowed (AWS models no error for it); the
//! destinations stay and report `INACTIVE`.
//!
//! Invariants: names are unique; the stored state is always `AUTHORIZED` (secrets present) or
//! `DEAUTHORIZED` (secrets removed). Costs: each change publishes a new snapshot (see
//! [`super::state`]); listing copies the matching summaries.

use std::sync::Arc;

use super::connection_auth::{self, has_secrets, type_of, without_secrets};
use super::outbound::ConnectionAuth;
use super::paging::page;
use super::state::{ConnectionRecord, EventBridge};
use crate::api::connections::{
    Connection, ConnectionState, ConnectivityResourceParameters, CreateConnectionRequest,
    CreateConnectionResponse, DeauthorizeConnectionRequest, DeauthorizeConnectionResponse,
    DeleteConnectionRequest, DeleteConnectionResponse, DescribeConnectionConnectivityParameters,
    DescribeConnectionRequest, DescribeConnectionResourceParameters, DescribeConnectionResponse,
    ListConnectionsRequest, ListConnectionsResponse, UpdateConnectionRequest,
    UpdateConnectionResponse,
};
use crate::{Error, ErrorCode};

/// AWS's `ResourceNotFoundException` for a connection (the text of `DescribeConnection`, which
/// the other operations share).
pub(super) fn connection_not_found(name: &str) -> Error {
    Error::service(
        ErrorCode::ResourceNotFound,
        format!("Failed to describe the connection(s). Connection '{name}' does not exist."),
    )
}

/// The connection name in a connection ARN (`…:connection/<name>/<uuid>`).
pub(super) fn connection_name_of_arn(arn: &str) -> Option<&str> {
    let (_, rest) = arn.split_once(":connection/")?;
    Some(rest.split_once('/').map_or(rest, |(name, _)| name))
}

/// The state a reader sees: the stored, settled state.
fn settled(record: &ConnectionRecord) -> ConnectionState {
    record.state.clone()
}

/// The state the answer of an authorizing call reports: OAuth needs a token first.
fn authorizing(auth: &ConnectionAuth) -> ConnectionState {
    match auth {
        ConnectionAuth::OAuthClientCredentials { .. } => ConnectionState::Authorizing,
        _ => ConnectionState::Authorized,
    }
}

impl EventBridge {
    fn connection_arn(&self, name: &str, uuid: &str) -> String {
        format!("{}connection/{name}/{uuid}", self.config.arn_prefix())
    }

    /// The Secrets Manager ARN AWS reports for a connection's secret:
    /// `…:secret:events!connection/<name>/<uuid>-<6 characters>`.
    fn connection_secret_arn(&self, name: &str, uuid: &str) -> String {
        let id: Vec<char> = self
            .ids
            .next_id()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let suffix: String = id[id.len().saturating_sub(6)..].iter().collect();
        format!(
            "arn:{}:secretsmanager:{}:{}:secret:events!connection/{name}/{uuid}-{suffix}",
            self.config.partition, self.config.region, self.config.account
        )
    }

    /// The association AWS reports for a private-API resource configuration.
    fn resource_association_arn(&self, record: &ConnectionRecord) -> String {
        let hex: String = record
            .arn
            .rsplit('/')
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_hexdigit)
            .take(17)
            .collect();
        format!(
            "arn:{}:vpc-lattice:{}:{}:servicenetworkresourceassociation/snra-{hex:0>17}",
            self.config.partition, self.config.region, self.config.account
        )
    }

    fn describe_connectivity(
        &self,
        record: &ConnectionRecord,
        p: &ConnectivityResourceParameters,
    ) -> DescribeConnectionConnectivityParameters {
        DescribeConnectionConnectivityParameters {
            resource_parameters: DescribeConnectionResourceParameters {
                resource_configuration_arn: p
                    .resource_parameters
                    .resource_configuration_arn
                    .clone(),
                resource_association_arn: self.resource_association_arn(record),
            },
        }
    }

    /// `CreateConnection`: stores the connection and its secrets. Errors: `ValidationException`
    /// (model; not exactly the `AuthParameters` kind the `AuthorizationType` names),
    /// `ResourceAlreadyExistsException` (`Connection <name> already exists.`),
    /// `LimitExceededException`.
    ///
    /// ```
    /// use evmatch_eventbridge::api::connections::*;
    /// use evmatch_eventbridge::bus::EventBridge;
    ///
    /// let eb = EventBridge::new();
    /// let out = eb.create_connection(CreateConnectionRequest {
    ///     name: "crm".into(),
    ///     description: None,
    ///     authorization_type: ConnectionAuthorizationType::ApiKey,
    ///     auth_parameters: CreateConnectionAuthRequestParameters {
    ///         api_key_auth_parameters: Some(CreateConnectionApiKeyAuthRequestParameters {
    ///             api_key_name: "x-api-key".into(),
    ///             api_key_value: "s3cr3t".into(),
    ///         }),
    ///         ..Default::default()
    ///     },
    ///     invocation_connectivity_parameters: None,
    ///     kms_key_identifier: None,
    /// })?;
    /// assert_eq!(out.connection_state, Some(ConnectionState::Authorized));
    /// assert!(out.connection_arn.unwrap().starts_with("arn:aws:events:us-east-1:123456789012:connection/crm/"));
    /// let described = eb.describe_connection(DescribeConnectionRequest { name: "crm".into() })?;
    /// assert!(!serde_json::to_string(&described).unwrap().contains("s3cr3t"));
    /// # Ok::<(), evmatch_eventbridge::Error>(())
    /// ```
    pub fn create_connection(
        &self,
        req: CreateConnectionRequest,
    ) -> Result<CreateConnectionResponse, Error> {
        self.validate(&req)?;
        let auth = connection_auth::from_create(&req.authorization_type, &req.auth_parameters)?;
        let now = self.clock.now();
        self.modify(|state| {
            if state.connections.contains_key(&req.name) {
                return Err(Error::service(
                    ErrorCode::ResourceAlreadyExists,
                    format!("Connection {} already exists.", req.name),
                ));
            }
            if state.connections.len() >= self.config.connections {
                return Err(Error::limit_exceeded());
            }
            let uuid = self.ids.next_id();
            let arn = self.connection_arn(&req.name, &uuid);
            let answer = authorizing(&auth);
            let record = ConnectionRecord {
                name: req.name.clone(),
                arn: arn.clone(),
                secret_arn: self.connection_secret_arn(&req.name, &uuid),
                description: req.description.clone(),
                auth: auth.clone(),
                invocation_http_parameters: req.auth_parameters.invocation_http_parameters.clone(),
                auth_connectivity_parameters: req.auth_parameters.connectivity_parameters.clone(),
                invocation_connectivity_parameters: req.invocation_connectivity_parameters.clone(),
                kms_key_identifier: req.kms_key_identifier.clone(),
                state: ConnectionState::Authorized,
                creation_time: now,
                last_modified_time: now,
                last_authorized_time: Some(now),
            };
            state.connections.insert(req.name.clone(), Arc::new(record));
            Ok(CreateConnectionResponse {
                connection_arn: Some(arn),
                connection_state: Some(answer),
                creation_time: Some(now),
                last_modified_time: Some(now),
            })
        })
    }

    /// `DescribeConnection`: everything but the secrets (`ApiKeyValue`, `Password`,
    /// `ClientSecret` and the values of `IsValueSecret` parameters are left out). Errors:
    /// `ResourceNotFoundException`.
    pub fn describe_connection(
        &self,
        req: DescribeConnectionRequest,
    ) -> Result<DescribeConnectionResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let c = snap
            .connections
            .get(&req.name)
            .ok_or_else(|| connection_not_found(&req.name))?;
        let mut auth_parameters =
            connection_auth::describe(&c.auth, c.invocation_http_parameters.as_ref());
        auth_parameters.connectivity_parameters = c
            .auth_connectivity_parameters
            .as_ref()
            .map(|p| self.describe_connectivity(c, p));
        Ok(DescribeConnectionResponse {
            connection_arn: Some(c.arn.clone()),
            name: Some(c.name.clone()),
            description: c.description.clone(),
            invocation_connectivity_parameters: c
                .invocation_connectivity_parameters
                .as_ref()
                .map(|p| self.describe_connectivity(c, p)),
            connection_state: Some(settled(c)),
            state_reason: None,
            authorization_type: Some(type_of(&c.auth)),
            secret_arn: Some(c.secret_arn.clone()),
            kms_key_identifier: c.kms_key_identifier.clone(),
            auth_parameters: Some(auth_parameters),
            creation_time: Some(c.creation_time),
            last_modified_time: Some(c.last_modified_time),
            last_authorized_time: c.last_authorized_time,
        })
    }

    /// `ListConnections`: by name, filtered by `NamePrefix` and `ConnectionState`, paged by
    /// `Limit` (default 100) and `NextToken`. Errors: `ValidationException` (a `NextToken` of
    /// another query).
    pub fn list_connections(
        &self,
        req: ListConnectionsRequest,
    ) -> Result<ListConnectionsResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let prefix = req.name_prefix.as_deref().unwrap_or("");
        let items: Vec<Connection> = snap
            .connections
            .values()
            .filter(|c| c.name.starts_with(prefix))
            .filter(|c| {
                req.connection_state
                    .as_ref()
                    .is_none_or(|s| *s == settled(c))
            })
            .map(|c| Connection {
                connection_arn: Some(c.arn.clone()),
                name: Some(c.name.clone()),
                connection_state: Some(settled(c)),
                state_reason: None,
                authorization_type: Some(type_of(&c.auth)),
                creation_time: Some(c.creation_time),
                last_modified_time: Some(c.last_modified_time),
                last_authorized_time: c.last_authorized_time,
            })
            .collect();
        let query = format!(
            "ListConnections\0{prefix}\0{}",
            req.connection_state.as_ref().map_or("", |s| s.as_str())
        );
        let (connections, next_token) = page(items, req.next_token.as_deref(), req.limit, &query)?;
        Ok(ListConnectionsResponse {
            connections: Some(connections),
            next_token,
        })
    }

    /// `UpdateConnection`: a new description, KMS key, connectivity, invocation parameters
    /// (replaced as a whole) or authorization. Members of the same authorization type are merged
    /// into the stored ones; a new `AuthorizationType` needs its parameters complete. A
    /// deauthorized connection is authorized again once it has its secrets back. Errors:
    /// `ResourceNotFoundException`, `ValidationException`.
    pub fn update_connection(
        &self,
        req: UpdateConnectionRequest,
    ) -> Result<UpdateConnectionResponse, Error> {
        self.validate(&req)?;
        let now = self.clock.now();
        self.modify(|state| {
            let current = state
                .connections
                .get_mut(&req.name)
                .ok_or_else(|| connection_not_found(&req.name))?;
            let auth = connection_auth::merge_update(
                &current.auth,
                req.authorization_type.as_ref(),
                req.auth_parameters.as_ref(),
            )?;
            let c = Arc::make_mut(current);
            let reauthorizes = req.authorization_type.is_some() || req.auth_parameters.is_some();
            c.auth = auth;
            if let Some(d) = &req.description {
                c.description = Some(d.clone());
            }
            if let Some(k) = &req.kms_key_identifier {
                c.kms_key_identifier = Some(k.clone());
            }
            if let Some(p) = &req.invocation_connectivity_parameters {
                c.invocation_connectivity_parameters = Some(p.clone());
            }
            if let Some(p) = &req.auth_parameters {
                if let Some(h) = &p.invocation_http_parameters {
                    c.invocation_http_parameters = Some(h.clone());
                }
                if let Some(cp) = &p.connectivity_parameters {
                    c.auth_connectivity_parameters = Some(cp.clone());
                }
            }
            c.last_modified_time = now;
            let answer = if has_secrets(&c.auth) {
                c.state = ConnectionState::Authorized;
                if reauthorizes {
                    c.last_authorized_time = Some(now);
                    authorizing(&c.auth)
                } else {
                    ConnectionState::Authorized
                }
            } else {
                c.state = ConnectionState::Deauthorized;
                ConnectionState::Deauthorized
            };
            Ok(UpdateConnectionResponse {
                connection_arn: Some(c.arn.clone()),
                connection_state: Some(answer),
                creation_time: Some(c.creation_time),
                last_modified_time: Some(c.last_modified_time),
                last_authorized_time: c.last_authorized_time,
            })
        })
    }

    /// `DeleteConnection`: answers `DELETING`. API destinations that use the connection stay
    /// (and report `INACTIVE`). Errors: `ResourceNotFoundException`.
    pub fn delete_connection(
        &self,
        req: DeleteConnectionRequest,
    ) -> Result<DeleteConnectionResponse, Error> {
        self.validate(&req)?;
        self.modify(|state| {
            let c = state
                .connections
                .remove(&req.name)
                .ok_or_else(|| connection_not_found(&req.name))?;
            Ok(DeleteConnectionResponse {
                connection_arn: Some(c.arn.clone()),
                connection_state: Some(ConnectionState::Deleting),
                creation_time: Some(c.creation_time),
                last_modified_time: Some(c.last_modified_time),
                last_authorized_time: c.last_authorized_time,
            })
        })
    }

    /// `DeauthorizeConnection`: removes the secrets (API key value, password, client secret);
    /// answers `DEAUTHORIZING`, then the connection is `DEAUTHORIZED` and its API destinations
    /// `INACTIVE` until `UpdateConnection` supplies the secrets again. Errors:
    /// `ResourceNotFoundException`.
    pub fn deauthorize_connection(
        &self,
        req: DeauthorizeConnectionRequest,
    ) -> Result<DeauthorizeConnectionResponse, Error> {
        self.validate(&req)?;
        let now = self.clock.now();
        self.modify(|state| {
            let c = state
                .connections
                .get_mut(&req.name)
                .ok_or_else(|| connection_not_found(&req.name))?;
            let c = Arc::make_mut(c);
            c.auth = without_secrets(&c.auth);
            c.state = ConnectionState::Deauthorized;
            c.last_modified_time = now;
            Ok(DeauthorizeConnectionResponse {
                connection_arn: Some(c.arn.clone()),
                connection_state: Some(ConnectionState::Deauthorizing),
                creation_time: Some(c.creation_time),
                last_modified_time: Some(c.last_modified_time),
                last_authorized_time: c.last_authorized_time,
            })
        })
    }
}
