//! The operation table: every one of the 57 operations of the model, the request type its body
//! decodes to and the [`EventBridge`] method that serves it.
//!
//! Invariants: the table lists each operation once, under the name of its request type's
//! [`Request::OPERATION`] (checked at compile time); bodies are decoded with
//! [`crate::api::decode`], so malformed JSON and wrong member types are `SerializationException`s
//! and missing required members `ValidationException`s before the bus sees the request (the bus
//! methods validate the rest). Costs: one string match on the operation name, one decode of the
//! body, one serialisation of the output.

use crate::Error;
use crate::api::{
    Request, api_destinations, archives, connections, decode, endpoints, event_buses, events,
    partner_event_sources, permissions, replays, rules, tags, targets,
};
use crate::bus::EventBridge;

/// Decodes `body` as `R`, runs `serve` and serialises its output.
fn call<R: Request>(
    body: &str,
    serve: impl FnOnce(R) -> Result<R::Response, Error>,
) -> Result<String, Error> {
    let output = serve(decode::<R>(body)?)?;
    serde_json::to_string(&output).map_err(|e| {
        Error::service(
            crate::ErrorCode::Internal,
            format!("The response could not be serialized: {e}"),
        )
    })
}

/// `a == b`, usable in constants.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The table: `Operation => module::RequestType => bus_method;`. It expands to [`OPERATIONS`],
/// [`dispatch`] and a compile-time check that each name is its request type's operation.
macro_rules! operations {
    ($($op:ident => $module:ident :: $request:ident => $method:ident;)*) => {
        /// The operations [`handle`](super::handle) serves, as named after `AWSEvents.`, in
        /// alphabetical order.
        pub const OPERATIONS: &[&str] = &[$(stringify!($op)),*];

        $(const _: () = assert!(
            same(stringify!($op), <$module::$request as Request>::OPERATION),
            concat!("operation table: ", stringify!($op), " has the wrong request type"),
        );)*

        /// Serves `operation` (`PutRule`) with `body` on `bus`: `None` for an operation the
        /// table does not have, else the output's JSON text or the service's error.
        pub(super) fn dispatch(
            bus: &EventBridge,
            operation: &str,
            body: &str,
        ) -> Option<Result<String, Error>> {
            Some(match operation {
                $(stringify!($op) => call::<$module::$request>(body, |r| bus.$method(r)),)*
                _ => return None,
            })
        }
    };
}

operations! {
    ActivateEventSource => partner_event_sources::ActivateEventSourceRequest => activate_event_source;
    CancelReplay => replays::CancelReplayRequest => cancel_replay;
    CreateApiDestination => api_destinations::CreateApiDestinationRequest => create_api_destination;
    CreateArchive => archives::CreateArchiveRequest => create_archive;
    CreateConnection => connections::CreateConnectionRequest => create_connection;
    CreateEndpoint => endpoints::CreateEndpointRequest => create_endpoint;
    CreateEventBus => event_buses::CreateEventBusRequest => create_event_bus;
    CreatePartnerEventSource => partner_event_sources::CreatePartnerEventSourceRequest => create_partner_event_source;
    DeactivateEventSource => partner_event_sources::DeactivateEventSourceRequest => deactivate_event_source;
    DeauthorizeConnection => connections::DeauthorizeConnectionRequest => deauthorize_connection;
    DeleteApiDestination => api_destinations::DeleteApiDestinationRequest => delete_api_destination;
    DeleteArchive => archives::DeleteArchiveRequest => delete_archive;
    DeleteConnection => connections::DeleteConnectionRequest => delete_connection;
    DeleteEndpoint => endpoints::DeleteEndpointRequest => delete_endpoint;
    DeleteEventBus => event_buses::DeleteEventBusRequest => delete_event_bus;
    DeletePartnerEventSource => partner_event_sources::DeletePartnerEventSourceRequest => delete_partner_event_source;
    DeleteRule => rules::DeleteRuleRequest => delete_rule;
    DescribeApiDestination => api_destinations::DescribeApiDestinationRequest => describe_api_destination;
    DescribeArchive => archives::DescribeArchiveRequest => describe_archive;
    DescribeConnection => connections::DescribeConnectionRequest => describe_connection;
    DescribeEndpoint => endpoints::DescribeEndpointRequest => describe_endpoint;
    DescribeEventBus => event_buses::DescribeEventBusRequest => describe_event_bus;
    DescribeEventSource => partner_event_sources::DescribeEventSourceRequest => describe_event_source;
    DescribePartnerEventSource => partner_event_sources::DescribePartnerEventSourceRequest => describe_partner_event_source;
    DescribeReplay => replays::DescribeReplayRequest => describe_replay;
    DescribeRule => rules::DescribeRuleRequest => describe_rule;
    DisableRule => rules::DisableRuleRequest => disable_rule;
    EnableRule => rules::EnableRuleRequest => enable_rule;
    ListApiDestinations => api_destinations::ListApiDestinationsRequest => list_api_destinations;
    ListArchives => archives::ListArchivesRequest => list_archives;
    ListConnections => connections::ListConnectionsRequest => list_connections;
    ListEndpoints => endpoints::ListEndpointsRequest => list_endpoints;
    ListEventBuses => event_buses::ListEventBusesRequest => list_event_buses;
    ListEventSources => partner_event_sources::ListEventSourcesRequest => list_event_sources;
    ListPartnerEventSourceAccounts => partner_event_sources::ListPartnerEventSourceAccountsRequest => list_partner_event_source_accounts;
    ListPartnerEventSources => partner_event_sources::ListPartnerEventSourcesRequest => list_partner_event_sources;
    ListReplays => replays::ListReplaysRequest => list_replays;
    ListRuleNamesByTarget => rules::ListRuleNamesByTargetRequest => list_rule_names_by_target;
    ListRules => rules::ListRulesRequest => list_rules;
    ListTagsForResource => tags::ListTagsForResourceRequest => list_tags_for_resource;
    ListTargetsByRule => targets::ListTargetsByRuleRequest => list_targets_by_rule;
    PutEvents => events::PutEventsRequest => put_events;
    PutPartnerEvents => events::PutPartnerEventsRequest => put_partner_events;
    PutPermission => permissions::PutPermissionRequest => put_permission;
    PutRule => rules::PutRuleRequest => put_rule;
    PutTargets => targets::PutTargetsRequest => put_targets;
    RemovePermission => permissions::RemovePermissionRequest => remove_permission;
    RemoveTargets => targets::RemoveTargetsRequest => remove_targets;
    StartReplay => replays::StartReplayRequest => start_replay;
    TagResource => tags::TagResourceRequest => tag_resource;
    TestEventPattern => events::TestEventPatternRequest => test_event_pattern;
    UntagResource => tags::UntagResourceRequest => untag_resource;
    UpdateApiDestination => api_destinations::UpdateApiDestinationRequest => update_api_destination;
    UpdateArchive => archives::UpdateArchiveRequest => update_archive;
    UpdateConnection => connections::UpdateConnectionRequest => update_connection;
    UpdateEndpoint => endpoints::UpdateEndpointRequest => update_endpoint;
    UpdateEventBus => event_buses::UpdateEventBusRequest => update_event_bus;
}
