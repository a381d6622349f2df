//! Tags of event buses and rules on the in-process EventBridge, with each AWS error.

mod common;

use common::*;

#[test]
fn tags_on_rules_and_buses() {
    let f = fixture();
    f.bus("custom");
    f.eb.put_rule(PutRuleRequest {
        name: "r".into(),
        event_pattern: Some(r#"{"source": ["a"]}"#.into()),
        tags: Some(vec![Tag {
            key: "k0".into(),
            value: "v0".into(),
        }]),
        ..Default::default()
    })
    .unwrap();
    f.rule_on("custom", "r", r#"{"source": ["a"]}"#);
    let tag = |k: &str, v: &str| Tag {
        key: k.into(),
        value: v.into(),
    };
    let list = |arn: &str| -> Vec<(String, String)> {
        f.eb.list_tags_for_resource(ListTagsForResourceRequest {
            resource_arn: arn.into(),
        })
        .unwrap()
        .tags
        .unwrap()
        .into_iter()
        .map(|t| (t.key, t.value))
        .collect()
    };
    let rule = "arn:aws:events:us-east-1:111111111111:rule/r";
    let custom_rule = "arn:aws:events:us-east-1:111111111111:rule/custom/r";
    let bus = "arn:aws:events:us-east-1:111111111111:event-bus/custom";
    assert_eq!(list(rule), [("k0".into(), "v0".into())]);
    for arn in [rule, custom_rule, bus] {
        f.eb.tag_resource(TagResourceRequest {
            resource_arn: arn.into(),
            tags: vec![tag("b", "2"), tag("a", "1")],
        })
        .unwrap();
    }
    f.eb.tag_resource(TagResourceRequest {
        resource_arn: bus.into(),
        tags: vec![tag("a", "new")],
    })
    .unwrap();
    assert_eq!(
        list(bus),
        [("a".into(), "new".into()), ("b".into(), "2".into())]
    );
    assert_eq!(list(custom_rule).len(), 2);
    assert_eq!(list(rule).len(), 3);
    f.eb.untag_resource(UntagResourceRequest {
        resource_arn: rule.into(),
        tag_keys: vec!["k0".into(), "zzz".into()],
    })
    .unwrap();
    assert_eq!(
        list(rule),
        [("a".into(), "1".into()), ("b".into(), "2".into())]
    );
    // PutRule on an existing rule ignores Tags.
    f.eb.put_rule(PutRuleRequest {
        name: "r".into(),
        event_pattern: Some(r#"{"source": ["a"]}"#.into()),
        tags: Some(vec![tag("ignored", "x")]),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(list(rule).len(), 2);
    // CreateEventBus tags.
    f.eb.create_event_bus(CreateEventBusRequest {
        name: "tagged".into(),
        tags: Some(vec![tag("t", "1")]),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        list("arn:aws:events:us-east-1:111111111111:event-bus/tagged"),
        [("t".into(), "1".into())]
    );
}

#[test]
fn tag_errors() {
    let f = fixture();
    f.rule("r", r#"{"source": ["a"]}"#);
    assert_err(
        f.eb.tag_resource(TagResourceRequest {
            resource_arn: "arn:aws:events:us-east-1:111111111111:rule/nope".into(),
            tags: vec![],
        }),
        "ResourceNotFoundException",
        "Rule nope does not exist on EventBus default.",
    );
    assert_err(
        f.eb.list_tags_for_resource(ListTagsForResourceRequest {
            resource_arn: "arn:aws:events:us-east-1:111111111111:rule/nobus/r".into(),
        }),
        "ResourceNotFoundException",
        "Rule r does not exist on EventBus nobus.",
    );
    assert_err(
        f.eb.untag_resource(UntagResourceRequest {
            resource_arn: "arn:aws:events:us-east-1:111111111111:event-bus/nope".into(),
            tag_keys: vec!["a".into()],
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
    // Another account's bus is not here.
    assert_err(
        f.eb.list_tags_for_resource(ListTagsForResourceRequest {
            resource_arn: "arn:aws:events:us-east-1:222222222222:event-bus/default".into(),
        }),
        "ResourceNotFoundException",
        "Event bus default does not exist.",
    );
    let (code, _) = err(f.eb.list_tags_for_resource(ListTagsForResourceRequest {
        resource_arn: "arn:aws:sqs:us-east-1:111111111111:q".into(),
    }));
    assert_eq!(code, "ValidationException");
    let many: Vec<Tag> = (0..51)
        .map(|i| Tag {
            key: format!("k{i}"),
            value: "v".into(),
        })
        .collect();
    assert_err(
        f.eb.tag_resource(TagResourceRequest {
            resource_arn: "arn:aws:events:us-east-1:111111111111:rule/r".into(),
            tags: many[..30].to_vec(),
        })
        .and_then(|_| {
            f.eb.tag_resource(TagResourceRequest {
                resource_arn: "arn:aws:events:us-east-1:111111111111:rule/r".into(),
                tags: many[30..].to_vec(),
            })
        }),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
}
