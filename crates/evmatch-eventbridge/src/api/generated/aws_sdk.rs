// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Conversions between `crate::api` types and `aws-sdk-eventbridge` (feature `aws-sdk`).
//!
//! Covered operations: `PutRule`, `PutTargets`, `PutEvents`, `TestEventPattern`, `DescribeRule`,
//! `ListRules`, `ListTargetsByRule` — their inputs (`<Op>Request` ⇄ `<Op>Input`), outputs
//! (`<Op>Response` ⇄ `<Op>Output`) and every nested type (`Target`, `PutEventsRequestEntry`,
//! `Rule`, …). Ours → SDK is `TryFrom` (the SDK's builders can fail with `BuildError`);
//! SDK → ours is `From`, except for operation inputs, whose SDK fields are all optional:
//! `TryFrom`, failing with AWS's `Member must not be null` `ValidationException`.

#![allow(
    clippy::redundant_closure,
    clippy::needless_question_mark,
    clippy::useless_conversion
)]

use std::collections::HashMap;

use aws_sdk_eventbridge as sdk;
use sdk::error::BuildError;
use sdk::primitives::DateTime;

use super::Timestamp;
use super::events::PutEventsRequest;
use super::events::PutEventsRequestEntry;
use super::events::PutEventsResponse;
use super::events::PutEventsResultEntry;
use super::events::TestEventPatternRequest;
use super::events::TestEventPatternResponse;
use super::rules::DescribeRuleRequest;
use super::rules::DescribeRuleResponse;
use super::rules::ListRulesRequest;
use super::rules::ListRulesResponse;
use super::rules::PutRuleRequest;
use super::rules::PutRuleResponse;
use super::rules::Rule;
use super::rules::RuleState;
use super::tags::Tag;
use super::targets::AppSyncParameters;
use super::targets::AssignPublicIp;
use super::targets::AwsVpcConfiguration;
use super::targets::BatchArrayProperties;
use super::targets::BatchParameters;
use super::targets::BatchRetryStrategy;
use super::targets::CapacityProviderStrategyItem;
use super::targets::DeadLetterConfig;
use super::targets::EcsParameters;
use super::targets::HttpParameters;
use super::targets::InputTransformer;
use super::targets::KinesisParameters;
use super::targets::LaunchType;
use super::targets::ListTargetsByRuleRequest;
use super::targets::ListTargetsByRuleResponse;
use super::targets::NetworkConfiguration;
use super::targets::PlacementConstraint;
use super::targets::PlacementConstraintType;
use super::targets::PlacementStrategy;
use super::targets::PlacementStrategyType;
use super::targets::PropagateTags;
use super::targets::PutTargetsRequest;
use super::targets::PutTargetsResponse;
use super::targets::PutTargetsResultEntry;
use super::targets::RedshiftDataParameters;
use super::targets::RetryPolicy;
use super::targets::RunCommandParameters;
use super::targets::RunCommandTarget;
use super::targets::SageMakerPipelineParameter;
use super::targets::SageMakerPipelineParameters;
use super::targets::SqsParameters;
use super::targets::Target;
use crate::Error;

/// A field the SDK may hold as `Option<T>` or, for defaulted primitives, as plain `T`.
trait IntoOpt<T> {
    fn into_opt(self) -> Option<T>;
}
impl<T> IntoOpt<T> for Option<T> {
    fn into_opt(self) -> Option<T> {
        self
    }
}
impl IntoOpt<bool> for bool {
    fn into_opt(self) -> Option<bool> {
        Some(self)
    }
}
impl IntoOpt<i32> for i32 {
    fn into_opt(self) -> Option<i32> {
        Some(self)
    }
}
impl IntoOpt<i64> for i64 {
    fn into_opt(self) -> Option<i64> {
        Some(self)
    }
}

fn ts_to_sdk(t: Timestamp) -> DateTime {
    DateTime::from_secs_and_nanos(t.secs(), t.subsec_nanos())
}

fn ts_from_sdk(t: DateTime) -> Timestamp {
    Timestamp::from_secs_and_nanos(t.secs(), t.subsec_nanos())
}

fn missing(member: &str) -> Error {
    Error::validation(format!(
        "1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"
    ))
}

impl TryFrom<AppSyncParameters> for sdk::types::AppSyncParameters {
    type Error = BuildError;

    fn try_from(v: AppSyncParameters) -> Result<Self, BuildError> {
        let b =
            sdk::types::AppSyncParameters::builder().set_graph_ql_operation(v.graph_ql_operation);
        Ok(b.build())
    }
}

impl From<sdk::types::AppSyncParameters> for AppSyncParameters {
    fn from(v: sdk::types::AppSyncParameters) -> Self {
        AppSyncParameters {
            graph_ql_operation: v.graph_ql_operation.into_opt(),
        }
    }
}

impl TryFrom<AwsVpcConfiguration> for sdk::types::AwsVpcConfiguration {
    type Error = BuildError;

    fn try_from(v: AwsVpcConfiguration) -> Result<Self, BuildError> {
        let b = sdk::types::AwsVpcConfiguration::builder()
            .set_subnets(Some(v.subnets))
            .set_security_groups(v.security_groups)
            .set_assign_public_ip(
                v.assign_public_ip
                    .map(|x| sdk::types::AssignPublicIp::from(x.as_str())),
            );
        b.build()
    }
}

impl From<sdk::types::AwsVpcConfiguration> for AwsVpcConfiguration {
    fn from(v: sdk::types::AwsVpcConfiguration) -> Self {
        AwsVpcConfiguration {
            subnets: v.subnets,
            security_groups: v.security_groups.into_opt(),
            assign_public_ip: v
                .assign_public_ip
                .into_opt()
                .map(|x| AssignPublicIp::from(x.as_str())),
        }
    }
}

impl TryFrom<BatchArrayProperties> for sdk::types::BatchArrayProperties {
    type Error = BuildError;

    fn try_from(v: BatchArrayProperties) -> Result<Self, BuildError> {
        let b = sdk::types::BatchArrayProperties::builder().set_size(v.size);
        Ok(b.build())
    }
}

impl From<sdk::types::BatchArrayProperties> for BatchArrayProperties {
    fn from(v: sdk::types::BatchArrayProperties) -> Self {
        BatchArrayProperties {
            size: v.size.into_opt(),
        }
    }
}

impl TryFrom<BatchParameters> for sdk::types::BatchParameters {
    type Error = BuildError;

    fn try_from(v: BatchParameters) -> Result<Self, BuildError> {
        let b = sdk::types::BatchParameters::builder()
            .set_job_definition(Some(v.job_definition))
            .set_job_name(Some(v.job_name))
            .set_array_properties(
                v.array_properties
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::BatchArrayProperties::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_retry_strategy(
                v.retry_strategy
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::BatchRetryStrategy::try_from(x)?)
                    })
                    .transpose()?,
            );
        b.build()
    }
}

impl From<sdk::types::BatchParameters> for BatchParameters {
    fn from(v: sdk::types::BatchParameters) -> Self {
        BatchParameters {
            job_definition: v.job_definition,
            job_name: v.job_name,
            array_properties: v
                .array_properties
                .into_opt()
                .map(|x| BatchArrayProperties::from(x)),
            retry_strategy: v
                .retry_strategy
                .into_opt()
                .map(|x| BatchRetryStrategy::from(x)),
        }
    }
}

impl TryFrom<BatchRetryStrategy> for sdk::types::BatchRetryStrategy {
    type Error = BuildError;

    fn try_from(v: BatchRetryStrategy) -> Result<Self, BuildError> {
        let b = sdk::types::BatchRetryStrategy::builder().set_attempts(v.attempts);
        Ok(b.build())
    }
}

impl From<sdk::types::BatchRetryStrategy> for BatchRetryStrategy {
    fn from(v: sdk::types::BatchRetryStrategy) -> Self {
        BatchRetryStrategy {
            attempts: v.attempts.into_opt(),
        }
    }
}

impl TryFrom<CapacityProviderStrategyItem> for sdk::types::CapacityProviderStrategyItem {
    type Error = BuildError;

    fn try_from(v: CapacityProviderStrategyItem) -> Result<Self, BuildError> {
        let b = sdk::types::CapacityProviderStrategyItem::builder()
            .set_capacity_provider(Some(v.capacity_provider))
            .set_weight(v.weight)
            .set_base(v.base);
        b.build()
    }
}

impl From<sdk::types::CapacityProviderStrategyItem> for CapacityProviderStrategyItem {
    fn from(v: sdk::types::CapacityProviderStrategyItem) -> Self {
        CapacityProviderStrategyItem {
            capacity_provider: v.capacity_provider,
            weight: v.weight.into_opt(),
            base: v.base.into_opt(),
        }
    }
}

impl TryFrom<DeadLetterConfig> for sdk::types::DeadLetterConfig {
    type Error = BuildError;

    fn try_from(v: DeadLetterConfig) -> Result<Self, BuildError> {
        let b = sdk::types::DeadLetterConfig::builder().set_arn(v.arn);
        Ok(b.build())
    }
}

impl From<sdk::types::DeadLetterConfig> for DeadLetterConfig {
    fn from(v: sdk::types::DeadLetterConfig) -> Self {
        DeadLetterConfig {
            arn: v.arn.into_opt(),
        }
    }
}

impl TryFrom<DescribeRuleRequest> for sdk::operation::describe_rule::DescribeRuleInput {
    type Error = BuildError;

    fn try_from(v: DescribeRuleRequest) -> Result<Self, BuildError> {
        let b = sdk::operation::describe_rule::DescribeRuleInput::builder()
            .set_name(Some(v.name))
            .set_event_bus_name(v.event_bus_name);
        b.build()
    }
}

impl TryFrom<sdk::operation::describe_rule::DescribeRuleInput> for DescribeRuleRequest {
    type Error = Error;

    fn try_from(v: sdk::operation::describe_rule::DescribeRuleInput) -> Result<Self, Error> {
        Ok(DescribeRuleRequest {
            name: v.name.ok_or_else(|| missing("name"))?,
            event_bus_name: v.event_bus_name.into_opt(),
        })
    }
}

impl TryFrom<DescribeRuleResponse> for sdk::operation::describe_rule::DescribeRuleOutput {
    type Error = BuildError;

    fn try_from(v: DescribeRuleResponse) -> Result<Self, BuildError> {
        let b = sdk::operation::describe_rule::DescribeRuleOutput::builder()
            .set_name(v.name)
            .set_arn(v.arn)
            .set_event_pattern(v.event_pattern)
            .set_schedule_expression(v.schedule_expression)
            .set_state(v.state.map(|x| sdk::types::RuleState::from(x.as_str())))
            .set_description(v.description)
            .set_role_arn(v.role_arn)
            .set_managed_by(v.managed_by)
            .set_event_bus_name(v.event_bus_name)
            .set_created_by(v.created_by);
        Ok(b.build())
    }
}

impl From<sdk::operation::describe_rule::DescribeRuleOutput> for DescribeRuleResponse {
    fn from(v: sdk::operation::describe_rule::DescribeRuleOutput) -> Self {
        DescribeRuleResponse {
            name: v.name.into_opt(),
            arn: v.arn.into_opt(),
            event_pattern: v.event_pattern.into_opt(),
            schedule_expression: v.schedule_expression.into_opt(),
            state: v.state.into_opt().map(|x| RuleState::from(x.as_str())),
            description: v.description.into_opt(),
            role_arn: v.role_arn.into_opt(),
            managed_by: v.managed_by.into_opt(),
            event_bus_name: v.event_bus_name.into_opt(),
            created_by: v.created_by.into_opt(),
        }
    }
}

impl TryFrom<EcsParameters> for sdk::types::EcsParameters {
    type Error = BuildError;

    fn try_from(v: EcsParameters) -> Result<Self, BuildError> {
        let b = sdk::types::EcsParameters::builder()
            .set_task_definition_arn(Some(v.task_definition_arn))
            .set_task_count(v.task_count)
            .set_launch_type(
                v.launch_type
                    .map(|x| sdk::types::LaunchType::from(x.as_str())),
            )
            .set_network_configuration(
                v.network_configuration
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::NetworkConfiguration::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_platform_version(v.platform_version)
            .set_group(v.group)
            .set_capacity_provider_strategy(
                v.capacity_provider_strategy
                    .map(|x| -> Result<_, BuildError> {
                        Ok(x.into_iter()
                            .map(|x| -> Result<_, BuildError> {
                                Ok(sdk::types::CapacityProviderStrategyItem::try_from(x)?)
                            })
                            .collect::<Result<Vec<_>, _>>()?)
                    })
                    .transpose()?,
            )
            .set_enable_ecs_managed_tags(v.enable_ecs_managed_tags)
            .set_enable_execute_command(v.enable_execute_command)
            .set_placement_constraints(
                v.placement_constraints
                    .map(|x| -> Result<_, BuildError> {
                        Ok(x.into_iter()
                            .map(|x| -> Result<_, BuildError> {
                                Ok(sdk::types::PlacementConstraint::try_from(x)?)
                            })
                            .collect::<Result<Vec<_>, _>>()?)
                    })
                    .transpose()?,
            )
            .set_placement_strategy(
                v.placement_strategy
                    .map(|x| -> Result<_, BuildError> {
                        Ok(x.into_iter()
                            .map(|x| -> Result<_, BuildError> {
                                Ok(sdk::types::PlacementStrategy::try_from(x)?)
                            })
                            .collect::<Result<Vec<_>, _>>()?)
                    })
                    .transpose()?,
            )
            .set_propagate_tags(
                v.propagate_tags
                    .map(|x| sdk::types::PropagateTags::from(x.as_str())),
            )
            .set_reference_id(v.reference_id)
            .set_tags(
                v.tags
                    .map(|x| -> Result<_, BuildError> {
                        Ok(x.into_iter()
                            .map(|x| -> Result<_, BuildError> { Ok(sdk::types::Tag::try_from(x)?) })
                            .collect::<Result<Vec<_>, _>>()?)
                    })
                    .transpose()?,
            );
        b.build()
    }
}

impl From<sdk::types::EcsParameters> for EcsParameters {
    fn from(v: sdk::types::EcsParameters) -> Self {
        EcsParameters {
            task_definition_arn: v.task_definition_arn,
            task_count: v.task_count.into_opt(),
            launch_type: v
                .launch_type
                .into_opt()
                .map(|x| LaunchType::from(x.as_str())),
            network_configuration: v
                .network_configuration
                .into_opt()
                .map(|x| NetworkConfiguration::from(x)),
            platform_version: v.platform_version.into_opt(),
            group: v.group.into_opt(),
            capacity_provider_strategy: v.capacity_provider_strategy.into_opt().map(|x| {
                x.into_iter()
                    .map(|x| CapacityProviderStrategyItem::from(x))
                    .collect()
            }),
            enable_ecs_managed_tags: v.enable_ecs_managed_tags.into_opt(),
            enable_execute_command: v.enable_execute_command.into_opt(),
            placement_constraints: v.placement_constraints.into_opt().map(|x| {
                x.into_iter()
                    .map(|x| PlacementConstraint::from(x))
                    .collect()
            }),
            placement_strategy: v
                .placement_strategy
                .into_opt()
                .map(|x| x.into_iter().map(|x| PlacementStrategy::from(x)).collect()),
            propagate_tags: v
                .propagate_tags
                .into_opt()
                .map(|x| PropagateTags::from(x.as_str())),
            reference_id: v.reference_id.into_opt(),
            tags: v
                .tags
                .into_opt()
                .map(|x| x.into_iter().map(|x| Tag::from(x)).collect()),
        }
    }
}

impl TryFrom<HttpParameters> for sdk::types::HttpParameters {
    type Error = BuildError;

    fn try_from(v: HttpParameters) -> Result<Self, BuildError> {
        let b = sdk::types::HttpParameters::builder()
            .set_path_parameter_values(v.path_parameter_values)
            .set_header_parameters(
                v.header_parameters
                    .map(|x| x.into_iter().collect::<HashMap<_, _>>()),
            )
            .set_query_string_parameters(
                v.query_string_parameters
                    .map(|x| x.into_iter().collect::<HashMap<_, _>>()),
            );
        Ok(b.build())
    }
}

impl From<sdk::types::HttpParameters> for HttpParameters {
    fn from(v: sdk::types::HttpParameters) -> Self {
        HttpParameters {
            path_parameter_values: v.path_parameter_values.into_opt(),
            header_parameters: v
                .header_parameters
                .into_opt()
                .map(|x| x.into_iter().collect()),
            query_string_parameters: v
                .query_string_parameters
                .into_opt()
                .map(|x| x.into_iter().collect()),
        }
    }
}

impl TryFrom<InputTransformer> for sdk::types::InputTransformer {
    type Error = BuildError;

    fn try_from(v: InputTransformer) -> Result<Self, BuildError> {
        let b = sdk::types::InputTransformer::builder()
            .set_input_paths_map(
                v.input_paths_map
                    .map(|x| x.into_iter().collect::<HashMap<_, _>>()),
            )
            .set_input_template(Some(v.input_template));
        b.build()
    }
}

impl From<sdk::types::InputTransformer> for InputTransformer {
    fn from(v: sdk::types::InputTransformer) -> Self {
        InputTransformer {
            input_paths_map: v
                .input_paths_map
                .into_opt()
                .map(|x| x.into_iter().collect()),
            input_template: v.input_template,
        }
    }
}

impl TryFrom<KinesisParameters> for sdk::types::KinesisParameters {
    type Error = BuildError;

    fn try_from(v: KinesisParameters) -> Result<Self, BuildError> {
        let b = sdk::types::KinesisParameters::builder()
            .set_partition_key_path(Some(v.partition_key_path));
        b.build()
    }
}

impl From<sdk::types::KinesisParameters> for KinesisParameters {
    fn from(v: sdk::types::KinesisParameters) -> Self {
        KinesisParameters {
            partition_key_path: v.partition_key_path,
        }
    }
}

impl TryFrom<ListRulesRequest> for sdk::operation::list_rules::ListRulesInput {
    type Error = BuildError;

    fn try_from(v: ListRulesRequest) -> Result<Self, BuildError> {
        let b = sdk::operation::list_rules::ListRulesInput::builder()
            .set_name_prefix(v.name_prefix)
            .set_event_bus_name(v.event_bus_name)
            .set_next_token(v.next_token)
            .set_limit(v.limit);
        b.build()
    }
}

impl TryFrom<sdk::operation::list_rules::ListRulesInput> for ListRulesRequest {
    type Error = Error;

    fn try_from(v: sdk::operation::list_rules::ListRulesInput) -> Result<Self, Error> {
        Ok(ListRulesRequest {
            name_prefix: v.name_prefix.into_opt(),
            event_bus_name: v.event_bus_name.into_opt(),
            next_token: v.next_token.into_opt(),
            limit: v.limit.into_opt(),
        })
    }
}

impl TryFrom<ListRulesResponse> for sdk::operation::list_rules::ListRulesOutput {
    type Error = BuildError;

    fn try_from(v: ListRulesResponse) -> Result<Self, BuildError> {
        let b = sdk::operation::list_rules::ListRulesOutput::builder()
            .set_rules(
                v.rules
                    .map(|x| -> Result<_, BuildError> {
                        Ok(x.into_iter()
                            .map(|x| -> Result<_, BuildError> {
                                Ok(sdk::types::Rule::try_from(x)?)
                            })
                            .collect::<Result<Vec<_>, _>>()?)
                    })
                    .transpose()?,
            )
            .set_next_token(v.next_token);
        Ok(b.build())
    }
}

impl From<sdk::operation::list_rules::ListRulesOutput> for ListRulesResponse {
    fn from(v: sdk::operation::list_rules::ListRulesOutput) -> Self {
        ListRulesResponse {
            rules: v
                .rules
                .into_opt()
                .map(|x| x.into_iter().map(|x| Rule::from(x)).collect()),
            next_token: v.next_token.into_opt(),
        }
    }
}

impl TryFrom<ListTargetsByRuleRequest>
    for sdk::operation::list_targets_by_rule::ListTargetsByRuleInput
{
    type Error = BuildError;

    fn try_from(v: ListTargetsByRuleRequest) -> Result<Self, BuildError> {
        let b = sdk::operation::list_targets_by_rule::ListTargetsByRuleInput::builder()
            .set_rule(Some(v.rule))
            .set_event_bus_name(v.event_bus_name)
            .set_next_token(v.next_token)
            .set_limit(v.limit);
        b.build()
    }
}

impl TryFrom<sdk::operation::list_targets_by_rule::ListTargetsByRuleInput>
    for ListTargetsByRuleRequest
{
    type Error = Error;

    fn try_from(
        v: sdk::operation::list_targets_by_rule::ListTargetsByRuleInput,
    ) -> Result<Self, Error> {
        Ok(ListTargetsByRuleRequest {
            rule: v.rule.ok_or_else(|| missing("rule"))?,
            event_bus_name: v.event_bus_name.into_opt(),
            next_token: v.next_token.into_opt(),
            limit: v.limit.into_opt(),
        })
    }
}

impl TryFrom<ListTargetsByRuleResponse>
    for sdk::operation::list_targets_by_rule::ListTargetsByRuleOutput
{
    type Error = BuildError;

    fn try_from(v: ListTargetsByRuleResponse) -> Result<Self, BuildError> {
        let b = sdk::operation::list_targets_by_rule::ListTargetsByRuleOutput::builder()
            .set_targets(
                v.targets
                    .map(|x| -> Result<_, BuildError> {
                        Ok(x.into_iter()
                            .map(|x| -> Result<_, BuildError> {
                                Ok(sdk::types::Target::try_from(x)?)
                            })
                            .collect::<Result<Vec<_>, _>>()?)
                    })
                    .transpose()?,
            )
            .set_next_token(v.next_token);
        Ok(b.build())
    }
}

impl From<sdk::operation::list_targets_by_rule::ListTargetsByRuleOutput>
    for ListTargetsByRuleResponse
{
    fn from(v: sdk::operation::list_targets_by_rule::ListTargetsByRuleOutput) -> Self {
        ListTargetsByRuleResponse {
            targets: v
                .targets
                .into_opt()
                .map(|x| x.into_iter().map(|x| Target::from(x)).collect()),
            next_token: v.next_token.into_opt(),
        }
    }
}

impl TryFrom<NetworkConfiguration> for sdk::types::NetworkConfiguration {
    type Error = BuildError;

    fn try_from(v: NetworkConfiguration) -> Result<Self, BuildError> {
        let b = sdk::types::NetworkConfiguration::builder().set_awsvpc_configuration(
            v.awsvpc_configuration
                .map(|x| -> Result<_, BuildError> {
                    Ok(sdk::types::AwsVpcConfiguration::try_from(x)?)
                })
                .transpose()?,
        );
        Ok(b.build())
    }
}

impl From<sdk::types::NetworkConfiguration> for NetworkConfiguration {
    fn from(v: sdk::types::NetworkConfiguration) -> Self {
        NetworkConfiguration {
            awsvpc_configuration: v
                .awsvpc_configuration
                .into_opt()
                .map(|x| AwsVpcConfiguration::from(x)),
        }
    }
}

impl TryFrom<PlacementConstraint> for sdk::types::PlacementConstraint {
    type Error = BuildError;

    fn try_from(v: PlacementConstraint) -> Result<Self, BuildError> {
        let b = sdk::types::PlacementConstraint::builder()
            .set_type(
                v.r#type
                    .map(|x| sdk::types::PlacementConstraintType::from(x.as_str())),
            )
            .set_expression(v.expression);
        Ok(b.build())
    }
}

impl From<sdk::types::PlacementConstraint> for PlacementConstraint {
    fn from(v: sdk::types::PlacementConstraint) -> Self {
        PlacementConstraint {
            r#type: v
                .r#type
                .into_opt()
                .map(|x| PlacementConstraintType::from(x.as_str())),
            expression: v.expression.into_opt(),
        }
    }
}

impl TryFrom<PlacementStrategy> for sdk::types::PlacementStrategy {
    type Error = BuildError;

    fn try_from(v: PlacementStrategy) -> Result<Self, BuildError> {
        let b = sdk::types::PlacementStrategy::builder()
            .set_type(
                v.r#type
                    .map(|x| sdk::types::PlacementStrategyType::from(x.as_str())),
            )
            .set_field(v.field);
        Ok(b.build())
    }
}

impl From<sdk::types::PlacementStrategy> for PlacementStrategy {
    fn from(v: sdk::types::PlacementStrategy) -> Self {
        PlacementStrategy {
            r#type: v
                .r#type
                .into_opt()
                .map(|x| PlacementStrategyType::from(x.as_str())),
            field: v.field.into_opt(),
        }
    }
}

impl TryFrom<PutEventsRequest> for sdk::operation::put_events::PutEventsInput {
    type Error = BuildError;

    fn try_from(v: PutEventsRequest) -> Result<Self, BuildError> {
        let b = sdk::operation::put_events::PutEventsInput::builder()
            .set_entries(Some(
                v.entries
                    .into_iter()
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::PutEventsRequestEntry::try_from(x)?)
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ))
            .set_endpoint_id(v.endpoint_id);
        b.build()
    }
}

impl TryFrom<sdk::operation::put_events::PutEventsInput> for PutEventsRequest {
    type Error = Error;

    fn try_from(v: sdk::operation::put_events::PutEventsInput) -> Result<Self, Error> {
        Ok(PutEventsRequest {
            entries: v
                .entries
                .ok_or_else(|| missing("entries"))?
                .into_iter()
                .map(|x| PutEventsRequestEntry::from(x))
                .collect(),
            endpoint_id: v.endpoint_id.into_opt(),
        })
    }
}

impl TryFrom<PutEventsRequestEntry> for sdk::types::PutEventsRequestEntry {
    type Error = BuildError;

    fn try_from(v: PutEventsRequestEntry) -> Result<Self, BuildError> {
        let b = sdk::types::PutEventsRequestEntry::builder()
            .set_time(v.time.map(|x| ts_to_sdk(x)))
            .set_source(v.source)
            .set_resources(v.resources)
            .set_detail_type(v.detail_type)
            .set_detail(v.detail)
            .set_event_bus_name(v.event_bus_name)
            .set_trace_header(v.trace_header);
        Ok(b.build())
    }
}

impl From<sdk::types::PutEventsRequestEntry> for PutEventsRequestEntry {
    fn from(v: sdk::types::PutEventsRequestEntry) -> Self {
        PutEventsRequestEntry {
            time: v.time.into_opt().map(|x| ts_from_sdk(x)),
            source: v.source.into_opt(),
            resources: v.resources.into_opt(),
            detail_type: v.detail_type.into_opt(),
            detail: v.detail.into_opt(),
            event_bus_name: v.event_bus_name.into_opt(),
            trace_header: v.trace_header.into_opt(),
        }
    }
}

impl TryFrom<PutEventsResponse> for sdk::operation::put_events::PutEventsOutput {
    type Error = BuildError;

    fn try_from(v: PutEventsResponse) -> Result<Self, BuildError> {
        let b = sdk::operation::put_events::PutEventsOutput::builder()
            .set_failed_entry_count(v.failed_entry_count)
            .set_entries(
                v.entries
                    .map(|x| -> Result<_, BuildError> {
                        Ok(x.into_iter()
                            .map(|x| -> Result<_, BuildError> {
                                Ok(sdk::types::PutEventsResultEntry::try_from(x)?)
                            })
                            .collect::<Result<Vec<_>, _>>()?)
                    })
                    .transpose()?,
            );
        Ok(b.build())
    }
}

impl From<sdk::operation::put_events::PutEventsOutput> for PutEventsResponse {
    fn from(v: sdk::operation::put_events::PutEventsOutput) -> Self {
        PutEventsResponse {
            failed_entry_count: v.failed_entry_count.into_opt(),
            entries: v.entries.into_opt().map(|x| {
                x.into_iter()
                    .map(|x| PutEventsResultEntry::from(x))
                    .collect()
            }),
        }
    }
}

impl TryFrom<PutEventsResultEntry> for sdk::types::PutEventsResultEntry {
    type Error = BuildError;

    fn try_from(v: PutEventsResultEntry) -> Result<Self, BuildError> {
        let b = sdk::types::PutEventsResultEntry::builder()
            .set_event_id(v.event_id)
            .set_error_code(v.error_code)
            .set_error_message(v.error_message);
        Ok(b.build())
    }
}

impl From<sdk::types::PutEventsResultEntry> for PutEventsResultEntry {
    fn from(v: sdk::types::PutEventsResultEntry) -> Self {
        PutEventsResultEntry {
            event_id: v.event_id.into_opt(),
            error_code: v.error_code.into_opt(),
            error_message: v.error_message.into_opt(),
        }
    }
}

impl TryFrom<PutRuleRequest> for sdk::operation::put_rule::PutRuleInput {
    type Error = BuildError;

    fn try_from(v: PutRuleRequest) -> Result<Self, BuildError> {
        let b = sdk::operation::put_rule::PutRuleInput::builder()
            .set_name(Some(v.name))
            .set_schedule_expression(v.schedule_expression)
            .set_event_pattern(v.event_pattern)
            .set_state(v.state.map(|x| sdk::types::RuleState::from(x.as_str())))
            .set_description(v.description)
            .set_role_arn(v.role_arn)
            .set_tags(
                v.tags
                    .map(|x| -> Result<_, BuildError> {
                        Ok(x.into_iter()
                            .map(|x| -> Result<_, BuildError> { Ok(sdk::types::Tag::try_from(x)?) })
                            .collect::<Result<Vec<_>, _>>()?)
                    })
                    .transpose()?,
            )
            .set_event_bus_name(v.event_bus_name);
        b.build()
    }
}

impl TryFrom<sdk::operation::put_rule::PutRuleInput> for PutRuleRequest {
    type Error = Error;

    fn try_from(v: sdk::operation::put_rule::PutRuleInput) -> Result<Self, Error> {
        Ok(PutRuleRequest {
            name: v.name.ok_or_else(|| missing("name"))?,
            schedule_expression: v.schedule_expression.into_opt(),
            event_pattern: v.event_pattern.into_opt(),
            state: v.state.into_opt().map(|x| RuleState::from(x.as_str())),
            description: v.description.into_opt(),
            role_arn: v.role_arn.into_opt(),
            tags: v
                .tags
                .into_opt()
                .map(|x| x.into_iter().map(|x| Tag::from(x)).collect()),
            event_bus_name: v.event_bus_name.into_opt(),
        })
    }
}

impl TryFrom<PutRuleResponse> for sdk::operation::put_rule::PutRuleOutput {
    type Error = BuildError;

    fn try_from(v: PutRuleResponse) -> Result<Self, BuildError> {
        let b = sdk::operation::put_rule::PutRuleOutput::builder().set_rule_arn(v.rule_arn);
        Ok(b.build())
    }
}

impl From<sdk::operation::put_rule::PutRuleOutput> for PutRuleResponse {
    fn from(v: sdk::operation::put_rule::PutRuleOutput) -> Self {
        PutRuleResponse {
            rule_arn: v.rule_arn.into_opt(),
        }
    }
}

impl TryFrom<PutTargetsRequest> for sdk::operation::put_targets::PutTargetsInput {
    type Error = BuildError;

    fn try_from(v: PutTargetsRequest) -> Result<Self, BuildError> {
        let b = sdk::operation::put_targets::PutTargetsInput::builder()
            .set_rule(Some(v.rule))
            .set_event_bus_name(v.event_bus_name)
            .set_targets(Some(
                v.targets
                    .into_iter()
                    .map(|x| -> Result<_, BuildError> { Ok(sdk::types::Target::try_from(x)?) })
                    .collect::<Result<Vec<_>, _>>()?,
            ));
        b.build()
    }
}

impl TryFrom<sdk::operation::put_targets::PutTargetsInput> for PutTargetsRequest {
    type Error = Error;

    fn try_from(v: sdk::operation::put_targets::PutTargetsInput) -> Result<Self, Error> {
        Ok(PutTargetsRequest {
            rule: v.rule.ok_or_else(|| missing("rule"))?,
            event_bus_name: v.event_bus_name.into_opt(),
            targets: v
                .targets
                .ok_or_else(|| missing("targets"))?
                .into_iter()
                .map(|x| Target::from(x))
                .collect(),
        })
    }
}

impl TryFrom<PutTargetsResponse> for sdk::operation::put_targets::PutTargetsOutput {
    type Error = BuildError;

    fn try_from(v: PutTargetsResponse) -> Result<Self, BuildError> {
        let b = sdk::operation::put_targets::PutTargetsOutput::builder()
            .set_failed_entry_count(v.failed_entry_count)
            .set_failed_entries(
                v.failed_entries
                    .map(|x| -> Result<_, BuildError> {
                        Ok(x.into_iter()
                            .map(|x| -> Result<_, BuildError> {
                                Ok(sdk::types::PutTargetsResultEntry::try_from(x)?)
                            })
                            .collect::<Result<Vec<_>, _>>()?)
                    })
                    .transpose()?,
            );
        Ok(b.build())
    }
}

impl From<sdk::operation::put_targets::PutTargetsOutput> for PutTargetsResponse {
    fn from(v: sdk::operation::put_targets::PutTargetsOutput) -> Self {
        PutTargetsResponse {
            failed_entry_count: v.failed_entry_count.into_opt(),
            failed_entries: v.failed_entries.into_opt().map(|x| {
                x.into_iter()
                    .map(|x| PutTargetsResultEntry::from(x))
                    .collect()
            }),
        }
    }
}

impl TryFrom<PutTargetsResultEntry> for sdk::types::PutTargetsResultEntry {
    type Error = BuildError;

    fn try_from(v: PutTargetsResultEntry) -> Result<Self, BuildError> {
        let b = sdk::types::PutTargetsResultEntry::builder()
            .set_target_id(v.target_id)
            .set_error_code(v.error_code)
            .set_error_message(v.error_message);
        Ok(b.build())
    }
}

impl From<sdk::types::PutTargetsResultEntry> for PutTargetsResultEntry {
    fn from(v: sdk::types::PutTargetsResultEntry) -> Self {
        PutTargetsResultEntry {
            target_id: v.target_id.into_opt(),
            error_code: v.error_code.into_opt(),
            error_message: v.error_message.into_opt(),
        }
    }
}

impl TryFrom<RedshiftDataParameters> for sdk::types::RedshiftDataParameters {
    type Error = BuildError;

    fn try_from(v: RedshiftDataParameters) -> Result<Self, BuildError> {
        let b = sdk::types::RedshiftDataParameters::builder()
            .set_secret_manager_arn(v.secret_manager_arn)
            .set_database(Some(v.database))
            .set_db_user(v.db_user)
            .set_sql(v.sql)
            .set_statement_name(v.statement_name)
            .set_with_event(v.with_event)
            .set_sqls(v.sqls);
        b.build()
    }
}

impl From<sdk::types::RedshiftDataParameters> for RedshiftDataParameters {
    fn from(v: sdk::types::RedshiftDataParameters) -> Self {
        RedshiftDataParameters {
            secret_manager_arn: v.secret_manager_arn.into_opt(),
            database: v.database,
            db_user: v.db_user.into_opt(),
            sql: v.sql.into_opt(),
            statement_name: v.statement_name.into_opt(),
            with_event: v.with_event.into_opt(),
            sqls: v.sqls.into_opt(),
        }
    }
}

impl TryFrom<RetryPolicy> for sdk::types::RetryPolicy {
    type Error = BuildError;

    fn try_from(v: RetryPolicy) -> Result<Self, BuildError> {
        let b = sdk::types::RetryPolicy::builder()
            .set_maximum_retry_attempts(v.maximum_retry_attempts)
            .set_maximum_event_age_in_seconds(v.maximum_event_age_in_seconds);
        Ok(b.build())
    }
}

impl From<sdk::types::RetryPolicy> for RetryPolicy {
    fn from(v: sdk::types::RetryPolicy) -> Self {
        RetryPolicy {
            maximum_retry_attempts: v.maximum_retry_attempts.into_opt(),
            maximum_event_age_in_seconds: v.maximum_event_age_in_seconds.into_opt(),
        }
    }
}

impl TryFrom<Rule> for sdk::types::Rule {
    type Error = BuildError;

    fn try_from(v: Rule) -> Result<Self, BuildError> {
        let b = sdk::types::Rule::builder()
            .set_name(v.name)
            .set_arn(v.arn)
            .set_event_pattern(v.event_pattern)
            .set_state(v.state.map(|x| sdk::types::RuleState::from(x.as_str())))
            .set_description(v.description)
            .set_schedule_expression(v.schedule_expression)
            .set_role_arn(v.role_arn)
            .set_managed_by(v.managed_by)
            .set_event_bus_name(v.event_bus_name);
        Ok(b.build())
    }
}

impl From<sdk::types::Rule> for Rule {
    fn from(v: sdk::types::Rule) -> Self {
        Rule {
            name: v.name.into_opt(),
            arn: v.arn.into_opt(),
            event_pattern: v.event_pattern.into_opt(),
            state: v.state.into_opt().map(|x| RuleState::from(x.as_str())),
            description: v.description.into_opt(),
            schedule_expression: v.schedule_expression.into_opt(),
            role_arn: v.role_arn.into_opt(),
            managed_by: v.managed_by.into_opt(),
            event_bus_name: v.event_bus_name.into_opt(),
        }
    }
}

impl TryFrom<RunCommandParameters> for sdk::types::RunCommandParameters {
    type Error = BuildError;

    fn try_from(v: RunCommandParameters) -> Result<Self, BuildError> {
        let b = sdk::types::RunCommandParameters::builder().set_run_command_targets(Some(
            v.run_command_targets
                .into_iter()
                .map(|x| -> Result<_, BuildError> {
                    Ok(sdk::types::RunCommandTarget::try_from(x)?)
                })
                .collect::<Result<Vec<_>, _>>()?,
        ));
        b.build()
    }
}

impl From<sdk::types::RunCommandParameters> for RunCommandParameters {
    fn from(v: sdk::types::RunCommandParameters) -> Self {
        RunCommandParameters {
            run_command_targets: v
                .run_command_targets
                .into_iter()
                .map(|x| RunCommandTarget::from(x))
                .collect(),
        }
    }
}

impl TryFrom<RunCommandTarget> for sdk::types::RunCommandTarget {
    type Error = BuildError;

    fn try_from(v: RunCommandTarget) -> Result<Self, BuildError> {
        let b = sdk::types::RunCommandTarget::builder()
            .set_key(Some(v.key))
            .set_values(Some(v.values));
        b.build()
    }
}

impl From<sdk::types::RunCommandTarget> for RunCommandTarget {
    fn from(v: sdk::types::RunCommandTarget) -> Self {
        RunCommandTarget {
            key: v.key,
            values: v.values,
        }
    }
}

impl TryFrom<SageMakerPipelineParameter> for sdk::types::SageMakerPipelineParameter {
    type Error = BuildError;

    fn try_from(v: SageMakerPipelineParameter) -> Result<Self, BuildError> {
        let b = sdk::types::SageMakerPipelineParameter::builder()
            .set_name(Some(v.name))
            .set_value(Some(v.value));
        b.build()
    }
}

impl From<sdk::types::SageMakerPipelineParameter> for SageMakerPipelineParameter {
    fn from(v: sdk::types::SageMakerPipelineParameter) -> Self {
        SageMakerPipelineParameter {
            name: v.name,
            value: v.value,
        }
    }
}

impl TryFrom<SageMakerPipelineParameters> for sdk::types::SageMakerPipelineParameters {
    type Error = BuildError;

    fn try_from(v: SageMakerPipelineParameters) -> Result<Self, BuildError> {
        let b = sdk::types::SageMakerPipelineParameters::builder().set_pipeline_parameter_list(
            v.pipeline_parameter_list
                .map(|x| -> Result<_, BuildError> {
                    Ok(x.into_iter()
                        .map(|x| -> Result<_, BuildError> {
                            Ok(sdk::types::SageMakerPipelineParameter::try_from(x)?)
                        })
                        .collect::<Result<Vec<_>, _>>()?)
                })
                .transpose()?,
        );
        Ok(b.build())
    }
}

impl From<sdk::types::SageMakerPipelineParameters> for SageMakerPipelineParameters {
    fn from(v: sdk::types::SageMakerPipelineParameters) -> Self {
        SageMakerPipelineParameters {
            pipeline_parameter_list: v.pipeline_parameter_list.into_opt().map(|x| {
                x.into_iter()
                    .map(|x| SageMakerPipelineParameter::from(x))
                    .collect()
            }),
        }
    }
}

impl TryFrom<SqsParameters> for sdk::types::SqsParameters {
    type Error = BuildError;

    fn try_from(v: SqsParameters) -> Result<Self, BuildError> {
        let b = sdk::types::SqsParameters::builder().set_message_group_id(v.message_group_id);
        Ok(b.build())
    }
}

impl From<sdk::types::SqsParameters> for SqsParameters {
    fn from(v: sdk::types::SqsParameters) -> Self {
        SqsParameters {
            message_group_id: v.message_group_id.into_opt(),
        }
    }
}

impl TryFrom<Tag> for sdk::types::Tag {
    type Error = BuildError;

    fn try_from(v: Tag) -> Result<Self, BuildError> {
        let b = sdk::types::Tag::builder()
            .set_key(Some(v.key))
            .set_value(Some(v.value));
        b.build()
    }
}

impl From<sdk::types::Tag> for Tag {
    fn from(v: sdk::types::Tag) -> Self {
        Tag {
            key: v.key,
            value: v.value,
        }
    }
}

impl TryFrom<Target> for sdk::types::Target {
    type Error = BuildError;

    fn try_from(v: Target) -> Result<Self, BuildError> {
        let b = sdk::types::Target::builder()
            .set_id(Some(v.id))
            .set_arn(Some(v.arn))
            .set_role_arn(v.role_arn)
            .set_input(v.input)
            .set_input_path(v.input_path)
            .set_input_transformer(
                v.input_transformer
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::InputTransformer::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_kinesis_parameters(
                v.kinesis_parameters
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::KinesisParameters::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_run_command_parameters(
                v.run_command_parameters
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::RunCommandParameters::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_ecs_parameters(
                v.ecs_parameters
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::EcsParameters::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_batch_parameters(
                v.batch_parameters
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::BatchParameters::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_sqs_parameters(
                v.sqs_parameters
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::SqsParameters::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_http_parameters(
                v.http_parameters
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::HttpParameters::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_redshift_data_parameters(
                v.redshift_data_parameters
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::RedshiftDataParameters::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_sage_maker_pipeline_parameters(
                v.sage_maker_pipeline_parameters
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::SageMakerPipelineParameters::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_dead_letter_config(
                v.dead_letter_config
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::DeadLetterConfig::try_from(x)?)
                    })
                    .transpose()?,
            )
            .set_retry_policy(
                v.retry_policy
                    .map(|x| -> Result<_, BuildError> { Ok(sdk::types::RetryPolicy::try_from(x)?) })
                    .transpose()?,
            )
            .set_app_sync_parameters(
                v.app_sync_parameters
                    .map(|x| -> Result<_, BuildError> {
                        Ok(sdk::types::AppSyncParameters::try_from(x)?)
                    })
                    .transpose()?,
            );
        b.build()
    }
}

impl From<sdk::types::Target> for Target {
    fn from(v: sdk::types::Target) -> Self {
        Target {
            id: v.id,
            arn: v.arn,
            role_arn: v.role_arn.into_opt(),
            input: v.input.into_opt(),
            input_path: v.input_path.into_opt(),
            input_transformer: v
                .input_transformer
                .into_opt()
                .map(|x| InputTransformer::from(x)),
            kinesis_parameters: v
                .kinesis_parameters
                .into_opt()
                .map(|x| KinesisParameters::from(x)),
            run_command_parameters: v
                .run_command_parameters
                .into_opt()
                .map(|x| RunCommandParameters::from(x)),
            ecs_parameters: v.ecs_parameters.into_opt().map(|x| EcsParameters::from(x)),
            batch_parameters: v
                .batch_parameters
                .into_opt()
                .map(|x| BatchParameters::from(x)),
            sqs_parameters: v.sqs_parameters.into_opt().map(|x| SqsParameters::from(x)),
            http_parameters: v
                .http_parameters
                .into_opt()
                .map(|x| HttpParameters::from(x)),
            redshift_data_parameters: v
                .redshift_data_parameters
                .into_opt()
                .map(|x| RedshiftDataParameters::from(x)),
            sage_maker_pipeline_parameters: v
                .sage_maker_pipeline_parameters
                .into_opt()
                .map(|x| SageMakerPipelineParameters::from(x)),
            dead_letter_config: v
                .dead_letter_config
                .into_opt()
                .map(|x| DeadLetterConfig::from(x)),
            retry_policy: v.retry_policy.into_opt().map(|x| RetryPolicy::from(x)),
            app_sync_parameters: v
                .app_sync_parameters
                .into_opt()
                .map(|x| AppSyncParameters::from(x)),
        }
    }
}

impl TryFrom<TestEventPatternRequest>
    for sdk::operation::test_event_pattern::TestEventPatternInput
{
    type Error = BuildError;

    fn try_from(v: TestEventPatternRequest) -> Result<Self, BuildError> {
        let b = sdk::operation::test_event_pattern::TestEventPatternInput::builder()
            .set_event_pattern(Some(v.event_pattern))
            .set_event(Some(v.event));
        b.build()
    }
}

impl TryFrom<sdk::operation::test_event_pattern::TestEventPatternInput>
    for TestEventPatternRequest
{
    type Error = Error;

    fn try_from(
        v: sdk::operation::test_event_pattern::TestEventPatternInput,
    ) -> Result<Self, Error> {
        Ok(TestEventPatternRequest {
            event_pattern: v.event_pattern.ok_or_else(|| missing("eventPattern"))?,
            event: v.event.ok_or_else(|| missing("event"))?,
        })
    }
}

impl TryFrom<TestEventPatternResponse>
    for sdk::operation::test_event_pattern::TestEventPatternOutput
{
    type Error = BuildError;

    fn try_from(v: TestEventPatternResponse) -> Result<Self, BuildError> {
        let b = sdk::operation::test_event_pattern::TestEventPatternOutput::builder()
            .set_result(v.result);
        Ok(b.build())
    }
}

impl From<sdk::operation::test_event_pattern::TestEventPatternOutput> for TestEventPatternResponse {
    fn from(v: sdk::operation::test_event_pattern::TestEventPatternOutput) -> Self {
        TestEventPatternResponse {
            result: v.result.into_opt(),
        }
    }
}
