//! Stand-ins for the operations the bus does not serve yet: each answers
//! `OperationDisabledException`. Inherent methods of [`EventBridge`] win over these trait
//! methods, so an operation the bus gains is served by the bus at once; this file goes away when
//! the bus has them all.

use crate::api::{
    Empty, api_destinations as d, connections as c, endpoints as e, events as ev,
    partner_event_sources as p,
};
use crate::bus::EventBridge;
use crate::{Error, ErrorCode};

macro_rules! pending {
    ($($method:ident($request:ty) -> $response:ty;)*) => {
        /// The operations still to come to the bus.
        #[allow(dead_code)]
        pub(super) trait Pending {
            $(fn $method(&self, request: $request) -> Result<$response, Error>;)*
        }
        impl Pending for EventBridge {
            $(fn $method(&self, _: $request) -> Result<$response, Error> {
                Err(Error::service(
                    ErrorCode::OperationDisabled,
                    concat!("This service does not implement ", stringify!($method), " yet."),
                ))
            })*
        }
    };
}

pending! {
    create_connection(c::CreateConnectionRequest) -> c::CreateConnectionResponse;
    describe_connection(c::DescribeConnectionRequest) -> c::DescribeConnectionResponse;
    list_connections(c::ListConnectionsRequest) -> c::ListConnectionsResponse;
    update_connection(c::UpdateConnectionRequest) -> c::UpdateConnectionResponse;
    delete_connection(c::DeleteConnectionRequest) -> c::DeleteConnectionResponse;
    deauthorize_connection(c::DeauthorizeConnectionRequest) -> c::DeauthorizeConnectionResponse;
    create_api_destination(d::CreateApiDestinationRequest) -> d::CreateApiDestinationResponse;
    describe_api_destination(d::DescribeApiDestinationRequest) -> d::DescribeApiDestinationResponse;
    list_api_destinations(d::ListApiDestinationsRequest) -> d::ListApiDestinationsResponse;
    update_api_destination(d::UpdateApiDestinationRequest) -> d::UpdateApiDestinationResponse;
    delete_api_destination(d::DeleteApiDestinationRequest) -> d::DeleteApiDestinationResponse;
    create_endpoint(e::CreateEndpointRequest) -> e::CreateEndpointResponse;
    describe_endpoint(e::DescribeEndpointRequest) -> e::DescribeEndpointResponse;
    list_endpoints(e::ListEndpointsRequest) -> e::ListEndpointsResponse;
    update_endpoint(e::UpdateEndpointRequest) -> e::UpdateEndpointResponse;
    delete_endpoint(e::DeleteEndpointRequest) -> e::DeleteEndpointResponse;
    create_partner_event_source(p::CreatePartnerEventSourceRequest) -> p::CreatePartnerEventSourceResponse;
    describe_partner_event_source(p::DescribePartnerEventSourceRequest) -> p::DescribePartnerEventSourceResponse;
    list_partner_event_sources(p::ListPartnerEventSourcesRequest) -> p::ListPartnerEventSourcesResponse;
    delete_partner_event_source(p::DeletePartnerEventSourceRequest) -> Empty;
    list_partner_event_source_accounts(p::ListPartnerEventSourceAccountsRequest) -> p::ListPartnerEventSourceAccountsResponse;
    activate_event_source(p::ActivateEventSourceRequest) -> Empty;
    deactivate_event_source(p::DeactivateEventSourceRequest) -> Empty;
    describe_event_source(p::DescribeEventSourceRequest) -> p::DescribeEventSourceResponse;
    list_event_sources(p::ListEventSourcesRequest) -> p::ListEventSourcesResponse;
    put_partner_events(ev::PutPartnerEventsRequest) -> ev::PutPartnerEventsResponse;
}
