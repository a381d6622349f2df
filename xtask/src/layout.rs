//! Where the generated code puts each operation: the resource modules and the operations each
//! holds, the owner of shapes several modules use, and the operations with `aws-sdk-eventbridge`
//! conversions.
//!
//! Invariant (checked by [`crate::model::Model::new`]): every operation of the model is in exactly
//! one module, and every structure or enum shape used by more than one module has an owner here.

/// Operations by module, in the order the modules are documented.
pub const MODULES: &[(&str, &[&str])] = &[
    (
        "event_buses",
        &[
            "CreateEventBus",
            "DeleteEventBus",
            "DescribeEventBus",
            "ListEventBuses",
            "UpdateEventBus",
        ],
    ),
    (
        "rules",
        &[
            "PutRule",
            "DeleteRule",
            "DescribeRule",
            "EnableRule",
            "DisableRule",
            "ListRules",
            "ListRuleNamesByTarget",
        ],
    ),
    (
        "targets",
        &["PutTargets", "RemoveTargets", "ListTargetsByRule"],
    ),
    (
        "events",
        &["PutEvents", "PutPartnerEvents", "TestEventPattern"],
    ),
    (
        "archives",
        &[
            "CreateArchive",
            "DeleteArchive",
            "DescribeArchive",
            "ListArchives",
            "UpdateArchive",
        ],
    ),
    (
        "replays",
        &[
            "StartReplay",
            "CancelReplay",
            "DescribeReplay",
            "ListReplays",
        ],
    ),
    (
        "connections",
        &[
            "CreateConnection",
            "DeleteConnection",
            "DescribeConnection",
            "ListConnections",
            "UpdateConnection",
            "DeauthorizeConnection",
        ],
    ),
    (
        "api_destinations",
        &[
            "CreateApiDestination",
            "DeleteApiDestination",
            "DescribeApiDestination",
            "ListApiDestinations",
            "UpdateApiDestination",
        ],
    ),
    (
        "partner_event_sources",
        &[
            "CreatePartnerEventSource",
            "DeletePartnerEventSource",
            "DescribePartnerEventSource",
            "ListPartnerEventSources",
            "ListPartnerEventSourceAccounts",
            "ActivateEventSource",
            "DeactivateEventSource",
            "DescribeEventSource",
            "ListEventSources",
        ],
    ),
    ("permissions", &["PutPermission", "RemovePermission"]),
    (
        "tags",
        &["TagResource", "UntagResource", "ListTagsForResource"],
    ),
    (
        "endpoints",
        &[
            "CreateEndpoint",
            "DeleteEndpoint",
            "DescribeEndpoint",
            "ListEndpoints",
            "UpdateEndpoint",
        ],
    ),
];

/// Shapes used by several modules live in the module named here.
pub const OWNERS: &[(&str, &str)] = &[("DeadLetterConfig", "targets"), ("Tag", "tags")];

/// Operations with conversions to and from `aws-sdk-eventbridge` (feature `aws-sdk`).
pub const SDK_OPERATIONS: &[&str] = &[
    "PutRule",
    "PutTargets",
    "PutEvents",
    "TestEventPattern",
    "DescribeRule",
    "ListRules",
    "ListTargetsByRule",
];
