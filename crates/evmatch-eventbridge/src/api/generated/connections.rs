// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Connections: the authorization (API key, basic or OAuth client credentials, plus extra header,
//! query and body parameters) that API destinations (see [`super::api_destinations`]) use to call HTTP
//! endpoints; EventBridge keeps the secrets in Secrets Manager. Secret members are marked sensitive
//! in the model, and validation errors never echo their values.
//!
//! ```
//! use evmatch_eventbridge::api::{Request, connections::*};
//!
//! let request = CreateConnectionRequest {
//!     name: "crm".into(),
//!     description: None,
//!     authorization_type: ConnectionAuthorizationType::ApiKey,
//!     auth_parameters: CreateConnectionAuthRequestParameters {
//!         api_key_auth_parameters: Some(CreateConnectionApiKeyAuthRequestParameters {
//!             api_key_name: "x-api-key".into(),
//!             api_key_value: "s3cr3t".into(),
//!         }),
//!         ..Default::default()
//!     },
//!     invocation_connectivity_parameters: None,
//!     kms_key_identifier: None,
//! };
//! request.validate()?;
//! assert!(serde_json::to_string(&request).unwrap().contains(r#""AuthorizationType":"API_KEY""#));
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{Request, Timestamp};

/// Request of `CreateConnection`: creates a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateConnectionRequest {
    /// The name for the connection to create.
    #[serde(rename = "Name")]
    pub name: String,
    /// A description for the connection to create.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The type of authorization to use for the connection.
    #[serde(rename = "AuthorizationType")]
    pub authorization_type: ConnectionAuthorizationType,
    /// The authorization parameters to use to authorize with the endpoint.
    #[serde(rename = "AuthParameters")]
    pub auth_parameters: CreateConnectionAuthRequestParameters,
    /// For connections to private APIs, the parameters to use for invoking the API.
    #[serde(
        rename = "InvocationConnectivityParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_connectivity_parameters: Option<ConnectivityResourceParameters>,
    /// The identifier of the KMS customer managed key for EventBridge to use, if you choose to
    /// use a customer managed key to encrypt this connection.
    #[serde(
        rename = "KmsKeyIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_key_identifier: Option<String>,
}

impl Request for CreateConnectionRequest {
    const OPERATION: &'static str = "CreateConnection";
    type Response = CreateConnectionResponse;
}

/// Response of `CreateConnection`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateConnectionResponse {
    /// The ARN of the connection that was created by the request.
    #[serde(
        rename = "ConnectionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_arn: Option<String>,
    /// The state of the connection that was created by the request.
    #[serde(
        rename = "ConnectionState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_state: Option<ConnectionState>,
    /// A time stamp for the time that the connection was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// A time stamp for the time that the connection was last updated.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
}

/// Request of `DeleteConnection`: deletes a connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeleteConnectionRequest {
    /// The name of the connection to delete.
    #[serde(rename = "Name")]
    pub name: String,
}

impl Request for DeleteConnectionRequest {
    const OPERATION: &'static str = "DeleteConnection";
    type Response = DeleteConnectionResponse;
}

/// Response of `DeleteConnection`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeleteConnectionResponse {
    /// The ARN of the connection that was deleted.
    #[serde(
        rename = "ConnectionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_arn: Option<String>,
    /// The state of the connection before it was deleted.
    #[serde(
        rename = "ConnectionState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_state: Option<ConnectionState>,
    /// A time stamp for the time that the connection was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// A time stamp for the time that the connection was last modified before it was deleted.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
    /// A time stamp for the time that the connection was last authorized before it wa deleted.
    #[serde(
        rename = "LastAuthorizedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_authorized_time: Option<Timestamp>,
}

/// Request of `DescribeConnection`: retrieves details about a connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeConnectionRequest {
    /// The name of the connection to retrieve.
    #[serde(rename = "Name")]
    pub name: String,
}

impl Request for DescribeConnectionRequest {
    const OPERATION: &'static str = "DescribeConnection";
    type Response = DescribeConnectionResponse;
}

/// Response of `DescribeConnection`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeConnectionResponse {
    /// The ARN of the connection retrieved.
    #[serde(
        rename = "ConnectionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_arn: Option<String>,
    /// The name of the connection retrieved.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description for the connection retrieved.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// For connections to private APIs The parameters EventBridge uses to invoke the resource
    /// endpoint.
    #[serde(
        rename = "InvocationConnectivityParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_connectivity_parameters: Option<DescribeConnectionConnectivityParameters>,
    /// The state of the connection retrieved.
    #[serde(
        rename = "ConnectionState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_state: Option<ConnectionState>,
    /// The reason that the connection is in the current connection state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// The type of authorization specified for the connection.
    #[serde(
        rename = "AuthorizationType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub authorization_type: Option<ConnectionAuthorizationType>,
    /// The ARN of the secret created from the authorization parameters specified for the
    /// connection.
    #[serde(rename = "SecretArn", default, skip_serializing_if = "Option::is_none")]
    pub secret_arn: Option<String>,
    /// The identifier of the KMS customer managed key for EventBridge to use to encrypt the
    /// connection, if one has been specified.
    #[serde(
        rename = "KmsKeyIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_key_identifier: Option<String>,
    /// The parameters to use for authorization for the connection.
    #[serde(
        rename = "AuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub auth_parameters: Option<ConnectionAuthResponseParameters>,
    /// A time stamp for the time that the connection was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// A time stamp for the time that the connection was last modified.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
    /// A time stamp for the time that the connection was last authorized.
    #[serde(
        rename = "LastAuthorizedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_authorized_time: Option<Timestamp>,
}

/// Request of `ListConnections`: retrieves a list of connections from the account.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListConnectionsRequest {
    /// A name prefix to filter results returned.
    #[serde(
        rename = "NamePrefix",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub name_prefix: Option<String>,
    /// The state of the connection.
    #[serde(
        rename = "ConnectionState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_state: Option<ConnectionState>,
    /// The token returned by a previous call, which you can use to retrieve the next set of
    /// results.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The maximum number of connections to return.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}

impl Request for ListConnectionsRequest {
    const OPERATION: &'static str = "ListConnections";
    type Response = ListConnectionsResponse;
}

/// Response of `ListConnections`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListConnectionsResponse {
    /// An array of connections objects that include details about the connections.
    #[serde(
        rename = "Connections",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connections: Option<Vec<Connection>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Request of `UpdateConnection`: updates settings for a connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateConnectionRequest {
    /// The name of the connection to update.
    #[serde(rename = "Name")]
    pub name: String,
    /// A description for the connection.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The type of authorization to use for the connection.
    #[serde(
        rename = "AuthorizationType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub authorization_type: Option<ConnectionAuthorizationType>,
    /// The authorization parameters to use for the connection.
    #[serde(
        rename = "AuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub auth_parameters: Option<UpdateConnectionAuthRequestParameters>,
    /// For connections to private APIs, the parameters to use for invoking the API.
    #[serde(
        rename = "InvocationConnectivityParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_connectivity_parameters: Option<ConnectivityResourceParameters>,
    /// The identifier of the KMS customer managed key for EventBridge to use, if you choose to
    /// use a customer managed key to encrypt this connection.
    #[serde(
        rename = "KmsKeyIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_key_identifier: Option<String>,
}

impl Request for UpdateConnectionRequest {
    const OPERATION: &'static str = "UpdateConnection";
    type Response = UpdateConnectionResponse;
}

/// Response of `UpdateConnection`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateConnectionResponse {
    /// The ARN of the connection that was updated.
    #[serde(
        rename = "ConnectionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_arn: Option<String>,
    /// The state of the connection that was updated.
    #[serde(
        rename = "ConnectionState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_state: Option<ConnectionState>,
    /// A time stamp for the time that the connection was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// A time stamp for the time that the connection was last modified.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
    /// A time stamp for the time that the connection was last authorized.
    #[serde(
        rename = "LastAuthorizedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_authorized_time: Option<Timestamp>,
}

/// Request of `DeauthorizeConnection`: removes all authorization parameters from the
/// connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeauthorizeConnectionRequest {
    /// The name of the connection to remove authorization from.
    #[serde(rename = "Name")]
    pub name: String,
}

impl Request for DeauthorizeConnectionRequest {
    const OPERATION: &'static str = "DeauthorizeConnection";
    type Response = DeauthorizeConnectionResponse;
}

/// Response of `DeauthorizeConnection`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeauthorizeConnectionResponse {
    /// The ARN of the connection that authorization was removed from.
    #[serde(
        rename = "ConnectionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_arn: Option<String>,
    /// The state of the connection.
    #[serde(
        rename = "ConnectionState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_state: Option<ConnectionState>,
    /// A time stamp for the time that the connection was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// A time stamp for the time that the connection was last updated.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
    /// A time stamp for the time that the connection was last authorized.
    #[serde(
        rename = "LastAuthorizedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_authorized_time: Option<Timestamp>,
}

/// Contains information about a connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Connection {
    /// The ARN of the connection.
    #[serde(
        rename = "ConnectionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_arn: Option<String>,
    /// The name of the connection.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The state of the connection.
    #[serde(
        rename = "ConnectionState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_state: Option<ConnectionState>,
    /// The reason that the connection is in the connection state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// The authorization type specified for the connection.
    #[serde(
        rename = "AuthorizationType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub authorization_type: Option<ConnectionAuthorizationType>,
    /// A time stamp for the time that the connection was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// A time stamp for the time that the connection was last modified.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
    /// A time stamp for the time that the connection was last authorized.
    #[serde(
        rename = "LastAuthorizedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_authorized_time: Option<Timestamp>,
}

/// Contains the authorization parameters for the connection if API Key is specified as the
/// authorization type.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectionApiKeyAuthResponseParameters {
    /// The name of the header to use for the `APIKeyValue` used for authorization.
    #[serde(
        rename = "ApiKeyName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_key_name: Option<String>,
}

/// Tthe authorization parameters to use for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectionAuthResponseParameters {
    /// The authorization parameters for Basic authorization.
    #[serde(
        rename = "BasicAuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub basic_auth_parameters: Option<ConnectionBasicAuthResponseParameters>,
    /// The OAuth parameters to use for authorization.
    #[serde(
        rename = "OAuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub o_auth_parameters: Option<ConnectionOAuthResponseParameters>,
    /// The API Key parameters to use for authorization.
    #[serde(
        rename = "ApiKeyAuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_key_auth_parameters: Option<ConnectionApiKeyAuthResponseParameters>,
    /// Additional parameters for the connection that are passed through with every invocation
    /// to the HTTP endpoint.
    #[serde(
        rename = "InvocationHttpParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_http_parameters: Option<ConnectionHttpParameters>,
    /// For private OAuth authentication endpoints.
    #[serde(
        rename = "ConnectivityParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connectivity_parameters: Option<DescribeConnectionConnectivityParameters>,
}

api_enum! {
    /// Values of `ConnectionAuthorizationType`.
    ConnectionAuthorizationType {
        /// `BASIC`
        Basic = "BASIC",
        /// `OAUTH_CLIENT_CREDENTIALS`
        OauthClientCredentials = "OAUTH_CLIENT_CREDENTIALS",
        /// `API_KEY`
        ApiKey = "API_KEY",
    }
}

/// The authorization parameters for the connection if Basic is specified as the authorization
/// type.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectionBasicAuthResponseParameters {
    /// The user name to use for Basic authorization.
    #[serde(rename = "Username", default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// Additional parameter included in the body.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectionBodyParameter {
    /// The key for the parameter.
    #[serde(rename = "Key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The value associated with the key.
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Specifies whether the value is secret.
    #[serde(
        rename = "IsValueSecret",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_value_secret: Option<bool>,
}

/// Additional parameter included in the header.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectionHeaderParameter {
    /// The key for the parameter.
    #[serde(rename = "Key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The value associated with the key.
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Specifies whether the value is a secret.
    #[serde(
        rename = "IsValueSecret",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_value_secret: Option<bool>,
}

/// Any additional parameters for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectionHttpParameters {
    /// Any additional header parameters for the connection.
    #[serde(
        rename = "HeaderParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub header_parameters: Option<Vec<ConnectionHeaderParameter>>,
    /// Any additional query string parameters for the connection.
    #[serde(
        rename = "QueryStringParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub query_string_parameters: Option<Vec<ConnectionQueryStringParameter>>,
    /// Any additional body string parameters for the connection.
    #[serde(
        rename = "BodyParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub body_parameters: Option<Vec<ConnectionBodyParameter>>,
}

/// The client response parameters for the connection when OAuth is specified as the
/// authorization type.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectionOAuthClientResponseParameters {
    /// The client ID associated with the response to the connection request.
    #[serde(rename = "ClientID", default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
}

api_enum! {
    /// Values of `ConnectionOAuthHttpMethod`.
    ConnectionOAuthHttpMethod {
        /// `GET`
        Get = "GET",
        /// `POST`
        Post = "POST",
        /// `PUT`
        Put = "PUT",
    }
}

/// The response parameters when OAuth is specified as the authorization type.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectionOAuthResponseParameters {
    /// Details about the client parameters returned when OAuth is specified as the
    /// authorization type.
    #[serde(
        rename = "ClientParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_parameters: Option<ConnectionOAuthClientResponseParameters>,
    /// The URL to the HTTP endpoint that authorized the request.
    #[serde(
        rename = "AuthorizationEndpoint",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub authorization_endpoint: Option<String>,
    /// The method used to connect to the HTTP endpoint.
    #[serde(
        rename = "HttpMethod",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub http_method: Option<ConnectionOAuthHttpMethod>,
    /// The additional HTTP parameters used for the OAuth authorization request.
    #[serde(
        rename = "OAuthHttpParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub o_auth_http_parameters: Option<ConnectionHttpParameters>,
}

/// Any additional query string parameter for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectionQueryStringParameter {
    /// The key for a query string parameter.
    #[serde(rename = "Key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The value associated with the key for the query string parameter.
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Specifies whether the value is secret.
    #[serde(
        rename = "IsValueSecret",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_value_secret: Option<bool>,
}

api_enum! {
    /// Values of `ConnectionState`.
    ConnectionState {
        /// `CREATING`
        Creating = "CREATING",
        /// `UPDATING`
        Updating = "UPDATING",
        /// `DELETING`
        Deleting = "DELETING",
        /// `AUTHORIZED`
        Authorized = "AUTHORIZED",
        /// `DEAUTHORIZED`
        Deauthorized = "DEAUTHORIZED",
        /// `AUTHORIZING`
        Authorizing = "AUTHORIZING",
        /// `DEAUTHORIZING`
        Deauthorizing = "DEAUTHORIZING",
        /// `ACTIVE`
        Active = "ACTIVE",
        /// `FAILED_CONNECTIVITY`
        FailedConnectivity = "FAILED_CONNECTIVITY",
    }
}

/// The Amazon Resource Name (ARN) of the Amazon VPC Lattice resource configuration for the
/// resource endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectivityResourceConfigurationArn {
    /// The Amazon Resource Name (ARN) of the Amazon VPC Lattice resource configuration for the
    /// resource endpoint.
    #[serde(rename = "ResourceConfigurationArn")]
    pub resource_configuration_arn: String,
}

/// The parameters for EventBridge to use when invoking the resource endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectivityResourceParameters {
    /// The parameters for EventBridge to use when invoking the resource endpoint.
    #[serde(rename = "ResourceParameters")]
    pub resource_parameters: ConnectivityResourceConfigurationArn,
}

/// The API key authorization parameters for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateConnectionApiKeyAuthRequestParameters {
    /// The name of the API key to use for authorization.
    #[serde(rename = "ApiKeyName")]
    pub api_key_name: String,
    /// The value for the API key to use for authorization.
    #[serde(rename = "ApiKeyValue")]
    pub api_key_value: String,
}

/// The authorization parameters for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateConnectionAuthRequestParameters {
    /// The Basic authorization parameters to use for the connection.
    #[serde(
        rename = "BasicAuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub basic_auth_parameters: Option<CreateConnectionBasicAuthRequestParameters>,
    /// The OAuth authorization parameters to use for the connection.
    #[serde(
        rename = "OAuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub o_auth_parameters: Option<CreateConnectionOAuthRequestParameters>,
    /// The API key authorization parameters to use for the connection.
    #[serde(
        rename = "ApiKeyAuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_key_auth_parameters: Option<CreateConnectionApiKeyAuthRequestParameters>,
    /// The API key authorization parameters to use for the connection.
    #[serde(
        rename = "InvocationHttpParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_http_parameters: Option<ConnectionHttpParameters>,
    /// If you specify a private OAuth endpoint, the parameters for EventBridge to use when
    /// authenticating against the endpoint.
    #[serde(
        rename = "ConnectivityParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connectivity_parameters: Option<ConnectivityResourceParameters>,
}

/// Contains the Basic authorization parameters to use for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateConnectionBasicAuthRequestParameters {
    /// The user name to use for Basic authorization.
    #[serde(rename = "Username")]
    pub username: String,
    /// The password associated with the user name to use for Basic authorization.
    #[serde(rename = "Password")]
    pub password: String,
}

/// The Basic authorization parameters to use for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateConnectionOAuthClientRequestParameters {
    /// The client ID to use for OAuth authorization for the connection.
    #[serde(rename = "ClientID")]
    pub client_id: String,
    /// The client secret associated with the client ID to use for OAuth authorization for the
    /// connection.
    #[serde(rename = "ClientSecret")]
    pub client_secret: String,
}

/// Contains the OAuth authorization parameters to use for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateConnectionOAuthRequestParameters {
    /// The client parameters for OAuth authorization.
    #[serde(rename = "ClientParameters")]
    pub client_parameters: CreateConnectionOAuthClientRequestParameters,
    /// The URL to the authorization endpoint when OAuth is specified as the authorization type.
    #[serde(rename = "AuthorizationEndpoint")]
    pub authorization_endpoint: String,
    /// The method to use for the authorization request.
    #[serde(rename = "HttpMethod")]
    pub http_method: ConnectionOAuthHttpMethod,
    /// Details about the additional parameters to use for the connection.
    #[serde(
        rename = "OAuthHttpParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub o_auth_http_parameters: Option<ConnectionHttpParameters>,
}

/// If the connection uses a private OAuth endpoint, the parameters for EventBridge to use when
/// authenticating against the endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeConnectionConnectivityParameters {
    /// The parameters for EventBridge to use when invoking the resource endpoint.
    #[serde(rename = "ResourceParameters")]
    pub resource_parameters: DescribeConnectionResourceParameters,
}

/// The parameters for EventBridge to use when invoking the resource endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeConnectionResourceParameters {
    /// The Amazon Resource Name (ARN) of the resource configuration for the private API.
    #[serde(rename = "ResourceConfigurationArn")]
    pub resource_configuration_arn: String,
    /// For connections to private APIs, the Amazon Resource Name (ARN) of the resource
    /// association EventBridge created between the connection and the private API's resource
    /// configuration.
    #[serde(rename = "ResourceAssociationArn")]
    pub resource_association_arn: String,
}

/// Contains the API key authorization parameters to use to update the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateConnectionApiKeyAuthRequestParameters {
    /// The name of the API key to use for authorization.
    #[serde(
        rename = "ApiKeyName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_key_name: Option<String>,
    /// The value associated with the API key to use for authorization.
    #[serde(
        rename = "ApiKeyValue",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_key_value: Option<String>,
}

/// Contains the additional parameters to use for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateConnectionAuthRequestParameters {
    /// The authorization parameters for Basic authorization.
    #[serde(
        rename = "BasicAuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub basic_auth_parameters: Option<UpdateConnectionBasicAuthRequestParameters>,
    /// The authorization parameters for OAuth authorization.
    #[serde(
        rename = "OAuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub o_auth_parameters: Option<UpdateConnectionOAuthRequestParameters>,
    /// The authorization parameters for API key authorization.
    #[serde(
        rename = "ApiKeyAuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_key_auth_parameters: Option<UpdateConnectionApiKeyAuthRequestParameters>,
    /// The additional parameters to use for the connection.
    #[serde(
        rename = "InvocationHttpParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_http_parameters: Option<ConnectionHttpParameters>,
    /// If you specify a private OAuth endpoint, the parameters for EventBridge to use when
    /// authenticating against the endpoint.
    #[serde(
        rename = "ConnectivityParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connectivity_parameters: Option<ConnectivityResourceParameters>,
}

/// The Basic authorization parameters for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateConnectionBasicAuthRequestParameters {
    /// The user name to use for Basic authorization.
    #[serde(rename = "Username", default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The password associated with the user name to use for Basic authorization.
    #[serde(rename = "Password", default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// The OAuth authorization parameters to use for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateConnectionOAuthClientRequestParameters {
    /// The client ID to use for OAuth authorization.
    #[serde(rename = "ClientID", default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The client secret assciated with the client ID to use for OAuth authorization.
    #[serde(
        rename = "ClientSecret",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_secret: Option<String>,
}

/// The OAuth request parameters to use for the connection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateConnectionOAuthRequestParameters {
    /// The client parameters to use for the connection when OAuth is specified as the
    /// authorization type.
    #[serde(
        rename = "ClientParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_parameters: Option<UpdateConnectionOAuthClientRequestParameters>,
    /// The URL to the authorization endpoint when OAuth is specified as the authorization type.
    #[serde(
        rename = "AuthorizationEndpoint",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub authorization_endpoint: Option<String>,
    /// The method used to connect to the HTTP endpoint.
    #[serde(
        rename = "HttpMethod",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub http_method: Option<ConnectionOAuthHttpMethod>,
    /// The additional HTTP parameters used for the OAuth authorization request.
    #[serde(
        rename = "OAuthHttpParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub o_auth_http_parameters: Option<ConnectionHttpParameters>,
}
