// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Targets: where a rule sends the events it matches (Lambda functions, queues, streams, other buses,
//! API destinations, ECS tasks, …), each with an optional input mode (`Input`, `InputPath` or
//! `InputTransformer`), retry policy and dead-letter queue. `PutTargets` adds or replaces targets by
//! `Id`, `RemoveTargets` removes them, and the result entries report per-target failures.
//!
//! ```
//! use std::collections::BTreeMap;
//! use evmatch_eventbridge::api::{Request, targets::{InputTransformer, PutTargetsRequest, Target}};
//!
//! let request = PutTargetsRequest {
//!     rule: "orders-created".into(),
//!     event_bus_name: Some("orders".into()),
//!     targets: vec![Target {
//!         id: "notify".into(),
//!         arn: "arn:aws:sqs:eu-west-1:123456789012:notify".into(),
//!         input_transformer: Some(InputTransformer {
//!             input_paths_map: Some(BTreeMap::from([("id".into(), "$.detail.id".into())])),
//!             input_template: r#"{"order": <id>, "rule": <aws.events.rule-name>}"#.into(),
//!         }),
//!         ..Default::default()
//!     }],
//! };
//! request.validate()?;
//!
//! let mut bad = request.clone();
//! bad.targets[0].id = "!@#$@!#$".into();
//! assert_eq!(
//!     bad.validate().unwrap_err().to_string(),
//!     r"1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+"
//! );
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Request;
use super::tags::Tag;

/// Request of `PutTargets`: adds the specified targets to the specified rule, or updates the
/// targets if they are already associated with the rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutTargetsRequest {
    /// The name of the rule.
    #[serde(rename = "Rule")]
    pub rule: String,
    /// The name or ARN of the event bus associated with the rule.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
    /// The targets to update or add to the rule.
    #[serde(rename = "Targets")]
    pub targets: Vec<Target>,
}

impl Request for PutTargetsRequest {
    const OPERATION: &'static str = "PutTargets";
    type Response = PutTargetsResponse;
}

/// Response of `PutTargets`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutTargetsResponse {
    /// The number of failed entries.
    #[serde(
        rename = "FailedEntryCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub failed_entry_count: Option<i32>,
    /// The failed target entries.
    #[serde(
        rename = "FailedEntries",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub failed_entries: Option<Vec<PutTargetsResultEntry>>,
}

/// Request of `RemoveTargets`: removes the specified targets from the specified rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RemoveTargetsRequest {
    /// The name of the rule.
    #[serde(rename = "Rule")]
    pub rule: String,
    /// The name or ARN of the event bus associated with the rule.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
    /// The IDs of the targets to remove from the rule.
    #[serde(rename = "Ids")]
    pub ids: Vec<String>,
    /// If this is a managed rule, created by an Amazon Web Services service on your behalf, you
    /// must specify `Force` as `True` to remove targets.
    #[serde(rename = "Force", default, skip_serializing_if = "Option::is_none")]
    pub force: Option<bool>,
}

impl Request for RemoveTargetsRequest {
    const OPERATION: &'static str = "RemoveTargets";
    type Response = RemoveTargetsResponse;
}

/// Response of `RemoveTargets`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RemoveTargetsResponse {
    /// The number of failed entries.
    #[serde(
        rename = "FailedEntryCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub failed_entry_count: Option<i32>,
    /// The failed target entries.
    #[serde(
        rename = "FailedEntries",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub failed_entries: Option<Vec<RemoveTargetsResultEntry>>,
}

/// Request of `ListTargetsByRule`: lists the targets assigned to the specified rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListTargetsByRuleRequest {
    /// The name of the rule.
    #[serde(rename = "Rule")]
    pub rule: String,
    /// The name or ARN of the event bus associated with the rule.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
    /// The token returned by a previous call, which you can use to retrieve the next set of
    /// results.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The maximum number of results to return.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}

impl Request for ListTargetsByRuleRequest {
    const OPERATION: &'static str = "ListTargetsByRule";
    type Response = ListTargetsByRuleResponse;
}

/// Response of `ListTargetsByRule`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListTargetsByRuleResponse {
    /// The targets assigned to the rule.
    #[serde(rename = "Targets", default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<Vec<Target>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Contains the GraphQL operation to be parsed and executed, if the event target is an AppSync
/// API.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AppSyncParameters {
    /// The GraphQL operation; that is, the query, mutation, or subscription to be parsed and
    /// executed by the GraphQL service.
    #[serde(
        rename = "GraphQLOperation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub graph_ql_operation: Option<String>,
}

api_enum! {
    /// Values of `AssignPublicIp`.
    AssignPublicIp {
        /// `ENABLED`
        Enabled = "ENABLED",
        /// `DISABLED`
        Disabled = "DISABLED",
    }
}

/// This structure specifies the VPC subnets and security groups for the task, and whether a
/// public IP address is to be used.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AwsVpcConfiguration {
    /// Specifies the subnets associated with the task.
    #[serde(rename = "Subnets")]
    pub subnets: Vec<String>,
    /// Specifies the security groups associated with the task.
    #[serde(
        rename = "SecurityGroups",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub security_groups: Option<Vec<String>>,
    /// Specifies whether the task's elastic network interface receives a public IP address.
    #[serde(
        rename = "AssignPublicIp",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub assign_public_ip: Option<AssignPublicIp>,
}

/// The array properties for the submitted job, such as the size of the array.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BatchArrayProperties {
    /// The size of the array, if this is an array batch job.
    #[serde(rename = "Size", default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i32>,
}

/// The custom parameters to be used when the target is an Batch job.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BatchParameters {
    /// The ARN or name of the job definition to use if the event target is an Batch job.
    #[serde(rename = "JobDefinition")]
    pub job_definition: String,
    /// The name to use for this execution of the job, if the target is an Batch job.
    #[serde(rename = "JobName")]
    pub job_name: String,
    /// The array properties for the submitted job, such as the size of the array.
    #[serde(
        rename = "ArrayProperties",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub array_properties: Option<BatchArrayProperties>,
    /// The retry strategy to use for failed jobs, if the target is an Batch job.
    #[serde(
        rename = "RetryStrategy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retry_strategy: Option<BatchRetryStrategy>,
}

/// The retry strategy to use for failed jobs, if the target is an Batch job.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BatchRetryStrategy {
    /// The number of times to attempt to retry, if the job fails.
    #[serde(rename = "Attempts", default, skip_serializing_if = "Option::is_none")]
    pub attempts: Option<i32>,
}

/// The details of a capacity provider strategy.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CapacityProviderStrategyItem {
    /// The short name of the capacity provider.
    #[serde(rename = "capacityProvider")]
    pub capacity_provider: String,
    /// The weight value designates the relative percentage of the total number of tasks
    /// launched that should use the specified capacity provider.
    #[serde(rename = "weight", default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i32>,
    /// The base value designates how many tasks, at a minimum, to run on the specified capacity
    /// provider.
    #[serde(rename = "base", default, skip_serializing_if = "Option::is_none")]
    pub base: Option<i32>,
}

/// Configuration details of the Amazon SQS queue for EventBridge to use as a dead-letter queue
/// (DLQ).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeadLetterConfig {
    /// The ARN of the SQS queue specified as the target for the dead-letter queue.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
}

/// The custom parameters to be used when the target is an Amazon ECS task.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EcsParameters {
    /// The ARN of the task definition to use if the event target is an Amazon ECS task.
    #[serde(rename = "TaskDefinitionArn")]
    pub task_definition_arn: String,
    /// The number of tasks to create based on `TaskDefinition`.
    #[serde(rename = "TaskCount", default, skip_serializing_if = "Option::is_none")]
    pub task_count: Option<i32>,
    /// Specifies the launch type on which your task is running.
    #[serde(
        rename = "LaunchType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub launch_type: Option<LaunchType>,
    /// Use this structure if the Amazon ECS task uses the `awsvpc` network mode.
    #[serde(
        rename = "NetworkConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub network_configuration: Option<NetworkConfiguration>,
    /// Specifies the platform version for the task.
    #[serde(
        rename = "PlatformVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub platform_version: Option<String>,
    /// Specifies an ECS task group for the task.
    #[serde(rename = "Group", default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The capacity provider strategy to use for the task.
    #[serde(
        rename = "CapacityProviderStrategy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub capacity_provider_strategy: Option<Vec<CapacityProviderStrategyItem>>,
    /// Specifies whether to enable Amazon ECS managed tags for the task.
    #[serde(
        rename = "EnableECSManagedTags",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_ecs_managed_tags: Option<bool>,
    /// Whether or not to enable the execute command functionality for the containers in this
    /// task.
    #[serde(
        rename = "EnableExecuteCommand",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_execute_command: Option<bool>,
    /// An array of placement constraint objects to use for the task.
    #[serde(
        rename = "PlacementConstraints",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub placement_constraints: Option<Vec<PlacementConstraint>>,
    /// The placement strategy objects to use for the task.
    #[serde(
        rename = "PlacementStrategy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub placement_strategy: Option<Vec<PlacementStrategy>>,
    /// Specifies whether to propagate the tags from the task definition to the task.
    #[serde(
        rename = "PropagateTags",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub propagate_tags: Option<PropagateTags>,
    /// The reference ID to use for the task.
    #[serde(
        rename = "ReferenceId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reference_id: Option<String>,
    /// The metadata that you apply to the task to help you categorize and organize them.
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

/// These are custom parameter to be used when the target is an API Gateway APIs or EventBridge
/// ApiDestinations.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HttpParameters {
    /// The path parameter values to be used to populate API Gateway API or EventBridge
    /// ApiDestination path wildcards ("\*").
    #[serde(
        rename = "PathParameterValues",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub path_parameter_values: Option<Vec<String>>,
    /// The headers that need to be sent as part of request invoking the API Gateway API or
    /// EventBridge ApiDestination.
    #[serde(
        rename = "HeaderParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub header_parameters: Option<BTreeMap<String, String>>,
    /// The query string keys/values that need to be sent as part of request invoking the API
    /// Gateway API or EventBridge ApiDestination.
    #[serde(
        rename = "QueryStringParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub query_string_parameters: Option<BTreeMap<String, String>>,
}

/// Contains the parameters needed for you to provide custom input to a target based on one or
/// more pieces of data extracted from the event.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InputTransformer {
    /// Map of JSON paths to be extracted from the event.
    #[serde(
        rename = "InputPathsMap",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub input_paths_map: Option<BTreeMap<String, String>>,
    /// Input template where you specify placeholders that will be filled with the values of the
    /// keys from `InputPathsMap` to customize the data sent to the target.
    #[serde(rename = "InputTemplate")]
    pub input_template: String,
}

/// This object enables you to specify a JSON path to extract from the event and use as the
/// partition key for the Amazon Kinesis data stream, so that you can control the shard to which
/// the event goes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct KinesisParameters {
    /// The JSON path to be extracted from the event and used as the partition key.
    #[serde(rename = "PartitionKeyPath")]
    pub partition_key_path: String,
}

api_enum! {
    /// Values of `LaunchType`.
    LaunchType {
        /// `EC2`
        Ec2 = "EC2",
        /// `FARGATE`
        Fargate = "FARGATE",
        /// `EXTERNAL`
        External = "EXTERNAL",
    }
}

/// This structure specifies the network configuration for an ECS task.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NetworkConfiguration {
    /// Use this structure to specify the VPC subnets and security groups for the task, and
    /// whether a public IP address is to be used.
    #[serde(
        rename = "awsvpcConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub awsvpc_configuration: Option<AwsVpcConfiguration>,
}

/// An object representing a constraint on task placement.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlacementConstraint {
    /// The type of constraint.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<PlacementConstraintType>,
    /// A cluster query language expression to apply to the constraint.
    #[serde(
        rename = "expression",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub expression: Option<String>,
}

api_enum! {
    /// Values of `PlacementConstraintType`.
    PlacementConstraintType {
        /// `distinctInstance`
        DistinctInstance = "distinctInstance",
        /// `memberOf`
        MemberOf = "memberOf",
    }
}

/// The task placement strategy for a task or service.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlacementStrategy {
    /// The type of placement strategy.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<PlacementStrategyType>,
    /// The field to apply the placement strategy against.
    #[serde(rename = "field", default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

api_enum! {
    /// Values of `PlacementStrategyType`.
    PlacementStrategyType {
        /// `random`
        Random = "random",
        /// `spread`
        Spread = "spread",
        /// `binpack`
        Binpack = "binpack",
    }
}

api_enum! {
    /// Values of `PropagateTags`.
    PropagateTags {
        /// `TASK_DEFINITION`
        TaskDefinition = "TASK_DEFINITION",
    }
}

/// Represents a target that failed to be added to a rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutTargetsResultEntry {
    /// The ID of the target.
    #[serde(rename = "TargetId", default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
    /// The error code that indicates why the target addition failed.
    #[serde(rename = "ErrorCode", default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// The error message that explains why the target addition failed.
    #[serde(
        rename = "ErrorMessage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub error_message: Option<String>,
}

/// These are custom parameters to be used when the target is a Amazon Redshift cluster to
/// invoke the Amazon Redshift Data API ExecuteStatement based on EventBridge events.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RedshiftDataParameters {
    /// The name or ARN of the secret that enables access to the database.
    #[serde(
        rename = "SecretManagerArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub secret_manager_arn: Option<String>,
    /// The name of the database.
    #[serde(rename = "Database")]
    pub database: String,
    /// The database user name.
    #[serde(rename = "DbUser", default, skip_serializing_if = "Option::is_none")]
    pub db_user: Option<String>,
    /// The SQL statement text to run.
    #[serde(rename = "Sql", default, skip_serializing_if = "Option::is_none")]
    pub sql: Option<String>,
    /// The name of the SQL statement.
    #[serde(
        rename = "StatementName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub statement_name: Option<String>,
    /// Indicates whether to send an event back to EventBridge after the SQL statement runs.
    #[serde(rename = "WithEvent", default, skip_serializing_if = "Option::is_none")]
    pub with_event: Option<bool>,
    /// One or more SQL statements to run.
    #[serde(rename = "Sqls", default, skip_serializing_if = "Option::is_none")]
    pub sqls: Option<Vec<String>>,
}

/// Represents a target that failed to be removed from a rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RemoveTargetsResultEntry {
    /// The ID of the target.
    #[serde(rename = "TargetId", default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
    /// The error code that indicates why the target removal failed.
    #[serde(rename = "ErrorCode", default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// The error message that explains why the target removal failed.
    #[serde(
        rename = "ErrorMessage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub error_message: Option<String>,
}

/// A `RetryPolicy` object that includes information about the retry policy settings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RetryPolicy {
    /// The maximum number of retry attempts to make before the request fails.
    #[serde(
        rename = "MaximumRetryAttempts",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub maximum_retry_attempts: Option<i32>,
    /// The maximum amount of time, in seconds, to continue to make retry attempts.
    #[serde(
        rename = "MaximumEventAgeInSeconds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub maximum_event_age_in_seconds: Option<i32>,
}

/// This parameter contains the criteria (either InstanceIds or a tag) used to specify which EC2
/// instances are to be sent the command.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RunCommandParameters {
    /// Currently, we support including only one RunCommandTarget block, which specifies either
    /// an array of InstanceIds or a tag.
    #[serde(rename = "RunCommandTargets")]
    pub run_command_targets: Vec<RunCommandTarget>,
}

/// Information about the EC2 instances that are to be sent the command, specified as key-value
/// pairs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RunCommandTarget {
    /// Can be either `tag:` tag-key or `InstanceIds`.
    #[serde(rename = "Key")]
    pub key: String,
    /// If `Key` is `tag:` tag-key, `Values` is a list of tag values.
    #[serde(rename = "Values")]
    pub values: Vec<String>,
}

/// Name/Value pair of a parameter to start execution of a SageMaker AI Model Building Pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SageMakerPipelineParameter {
    /// Name of parameter to start execution of a SageMaker AI Model Building Pipeline.
    #[serde(rename = "Name")]
    pub name: String,
    /// Value of parameter to start execution of a SageMaker AI Model Building Pipeline.
    #[serde(rename = "Value")]
    pub value: String,
}

/// These are custom parameters to use when the target is a SageMaker AI Model Building Pipeline
/// that starts based on EventBridge events.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SageMakerPipelineParameters {
    /// List of Parameter names and values for SageMaker AI Model Building Pipeline execution.
    #[serde(
        rename = "PipelineParameterList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pipeline_parameter_list: Option<Vec<SageMakerPipelineParameter>>,
}

/// The custom parameters for EventBridge to use for a target that is an Amazon SQS fair or FIFO
/// queue.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SqsParameters {
    /// The ID of the message group to use as the target.
    #[serde(
        rename = "MessageGroupId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_group_id: Option<String>,
}

/// Targets are the resources to be invoked when a rule is triggered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Target {
    /// The ID of the target within the specified rule.
    #[serde(rename = "Id")]
    pub id: String,
    /// The Amazon Resource Name (ARN) of the target.
    #[serde(rename = "Arn")]
    pub arn: String,
    /// The Amazon Resource Name (ARN) of the IAM role to be used for this target when the rule
    /// is triggered.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Valid JSON text passed to the target.
    #[serde(rename = "Input", default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The value of the JSONPath that is used for extracting part of the matched event when
    /// passing it to the target.
    #[serde(rename = "InputPath", default, skip_serializing_if = "Option::is_none")]
    pub input_path: Option<String>,
    /// Settings to enable you to provide custom input to a target based on certain event data.
    #[serde(
        rename = "InputTransformer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub input_transformer: Option<InputTransformer>,
    /// The custom parameter you can use to control the shard assignment, when the target is a
    /// Kinesis data stream.
    #[serde(
        rename = "KinesisParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kinesis_parameters: Option<KinesisParameters>,
    /// Parameters used when you are using the rule to invoke Amazon EC2 Run Command.
    #[serde(
        rename = "RunCommandParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub run_command_parameters: Option<RunCommandParameters>,
    /// Contains the Amazon ECS task definition and task count to be used, if the event target
    /// is an Amazon ECS task.
    #[serde(
        rename = "EcsParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ecs_parameters: Option<EcsParameters>,
    /// If the event target is an Batch job, this contains the job definition, job name, and
    /// other parameters.
    #[serde(
        rename = "BatchParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub batch_parameters: Option<BatchParameters>,
    /// Contains the message group ID to use when the target is an Amazon SQS fair or FIFO
    /// queue.
    #[serde(
        rename = "SqsParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sqs_parameters: Option<SqsParameters>,
    /// Contains the HTTP parameters to use when the target is a API Gateway endpoint or
    /// EventBridge ApiDestination.
    #[serde(
        rename = "HttpParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub http_parameters: Option<HttpParameters>,
    /// Contains the Amazon Redshift Data API parameters to use when the target is a Amazon
    /// Redshift cluster.
    #[serde(
        rename = "RedshiftDataParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub redshift_data_parameters: Option<RedshiftDataParameters>,
    /// Contains the SageMaker AI Model Building Pipeline parameters to start execution of a
    /// SageMaker AI Model Building Pipeline.
    #[serde(
        rename = "SageMakerPipelineParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sage_maker_pipeline_parameters: Option<SageMakerPipelineParameters>,
    /// The `DeadLetterConfig` that defines the target queue to send dead-letter queue events
    /// to.
    #[serde(
        rename = "DeadLetterConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dead_letter_config: Option<DeadLetterConfig>,
    /// The retry policy configuration to use for the dead-letter queue.
    #[serde(
        rename = "RetryPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retry_policy: Option<RetryPolicy>,
    /// Contains the GraphQL operation to be parsed and executed, if the event target is an
    /// AppSync API.
    #[serde(
        rename = "AppSyncParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub app_sync_parameters: Option<AppSyncParameters>,
}
