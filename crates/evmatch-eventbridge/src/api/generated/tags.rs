// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Tags: key-value labels on rules, event buses and the other taggable resources, addressed by ARN
//! (`ResourceARN` on the wire). At most [`super::ServiceLimits::tags_per_resource`] tags per resource.
//!
//! ```
//! use evmatch_eventbridge::api::{Request, tags::{Tag, TagResourceRequest}};
//!
//! let request = TagResourceRequest {
//!     resource_arn: "arn:aws:events:eu-west-1:123456789012:rule/orders/orders-created".into(),
//!     tags: vec![Tag { key: "team".into(), value: "checkout".into() }],
//! };
//! request.validate()?;
//! assert_eq!(
//!     serde_json::to_string(&request).unwrap(),
//!     r#"{"ResourceARN":"arn:aws:events:eu-west-1:123456789012:rule/orders/orders-created","Tags":[{"Key":"team","Value":"checkout"}]}"#
//! );
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::Request;

/// Request of `TagResource`: assigns one or more tags (key-value pairs) to the specified
/// EventBridge resource.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TagResourceRequest {
    /// The ARN of the EventBridge resource that you're adding tags to.
    #[serde(rename = "ResourceARN")]
    pub resource_arn: String,
    /// The list of key-value pairs to associate with the resource.
    #[serde(rename = "Tags")]
    pub tags: Vec<Tag>,
}

impl Request for TagResourceRequest {
    const OPERATION: &'static str = "TagResource";
    type Response = TagResourceResponse;
}

/// Response of `TagResource`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TagResourceResponse {}

/// Request of `UntagResource`: removes one or more tags from the specified EventBridge
/// resource.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UntagResourceRequest {
    /// The ARN of the EventBridge resource from which you are removing tags.
    #[serde(rename = "ResourceARN")]
    pub resource_arn: String,
    /// The list of tag keys to remove from the resource.
    #[serde(rename = "TagKeys")]
    pub tag_keys: Vec<String>,
}

impl Request for UntagResourceRequest {
    const OPERATION: &'static str = "UntagResource";
    type Response = UntagResourceResponse;
}

/// Response of `UntagResource`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UntagResourceResponse {}

/// Request of `ListTagsForResource`: displays the tags associated with an EventBridge resource.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListTagsForResourceRequest {
    /// The ARN of the EventBridge resource for which you want to view tags.
    #[serde(rename = "ResourceARN")]
    pub resource_arn: String,
}

impl Request for ListTagsForResourceRequest {
    const OPERATION: &'static str = "ListTagsForResource";
    type Response = ListTagsForResourceResponse;
}

/// Response of `ListTagsForResource`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListTagsForResourceResponse {
    /// The list of tag keys and values associated with the resource you specified.
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

/// A key-value pair associated with an Amazon Web Services resource.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tag {
    /// A string you can use to assign a value.
    #[serde(rename = "Key")]
    pub key: String,
    /// The value for the specified tag key.
    #[serde(rename = "Value")]
    pub value: String,
}
