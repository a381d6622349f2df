//! Event bus permissions on the in-process EventBridge: policy statements and each AWS error.

mod common;

use common::*;

#[test]
fn put_and_remove_permission_statements() {
    let f = fixture();
    f.bus("custom");
    let policy = || {
        f.eb.describe_event_bus(DescribeEventBusRequest {
            name: Some("custom".into()),
        })
        .unwrap()
        .policy
    };
    f.eb.put_permission(PutPermissionRequest {
        event_bus_name: Some("custom".into()),
        action: Some("events:PutEvents".into()),
        principal: Some("222222222222".into()),
        statement_id: Some("s1".into()),
        ..Default::default()
    })
    .unwrap();
    f.eb.put_permission(PutPermissionRequest {
        event_bus_name: Some("custom".into()),
        action: Some("events:PutEvents".into()),
        principal: Some("*".into()),
        statement_id: Some("org".into()),
        condition: Some(Condition {
            r#type: "StringEquals".into(),
            key: "aws:PrincipalOrgID".into(),
            value: "o-1234567890".into(),
        }),
        ..Default::default()
    })
    .unwrap();
    let bus = "arn:aws:events:us-east-1:111111111111:event-bus/custom";
    assert_eq!(
        policy().unwrap(),
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"s1","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::222222222222:root"}},"Action":"events:PutEvents","Resource":"{bus}"}},{{"Sid":"org","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"{bus}","Condition":{{"StringEquals":{{"aws:PrincipalOrgID":"o-1234567890"}}}}}}]}}"#
        )
    );
    f.eb.remove_permission(RemovePermissionRequest {
        statement_id: Some("s1".into()),
        event_bus_name: Some("custom".into()),
        ..Default::default()
    })
    .unwrap();
    assert!(!policy().unwrap().contains("s1"));
    assert_err(
        f.eb.remove_permission(RemovePermissionRequest {
            statement_id: Some("s1".into()),
            event_bus_name: Some("custom".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Statement with the provided id does not exist.",
    );
    f.eb.remove_permission(RemovePermissionRequest {
        statement_id: Some("org".into()),
        event_bus_name: Some("custom".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(policy(), None);
    // A whole policy; RemoveAllPermissions.
    let doc = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "x", "Effect": "Allow", "Principal": "*", "Action": "events:PutEvents", "Resource": "*"}]}"#;
    f.eb.put_permission(PutPermissionRequest {
        event_bus_name: Some("custom".into()),
        policy: Some(doc.into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        policy().unwrap(),
        r#"{"Version":"2012-10-17","Statement":[{"Sid":"x","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*"}]}"#
    );
    f.eb.remove_permission(RemovePermissionRequest {
        remove_all_permissions: Some(true),
        event_bus_name: Some("custom".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(policy(), None);
}

#[test]
fn permission_errors() {
    let mut limits = evmatch_eventbridge::api::ServiceLimits::default();
    limits.bus_policy_max_chars = 300;
    let f = fixture_with(EventBridgeConfig::new(ACCOUNT, REGION).with_limits(limits));
    let stmt = |sid: &str| PutPermissionRequest {
        action: Some("events:PutEvents".into()),
        principal: Some("222222222222".into()),
        statement_id: Some(sid.into()),
        ..Default::default()
    };
    assert_err(
        f.eb.put_permission(PutPermissionRequest {
            event_bus_name: Some("nope".into()),
            ..stmt("a")
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
    let (code, _) = err(f.eb.put_permission(PutPermissionRequest {
        principal: None,
        ..stmt("a")
    }));
    assert_eq!(code, "ValidationException");
    let (code, _) = err(f.eb.put_permission(PutPermissionRequest {
        policy: Some("not json".into()),
        ..Default::default()
    }));
    assert_eq!(code, "ValidationException");
    f.eb.put_permission(stmt("a")).unwrap();
    assert_err(
        f.eb.put_permission(stmt("b")),
        "PolicyLengthExceededException",
        "The policy length exceeds the maximum of 300 characters.",
    );
    assert_err(
        f.eb.remove_permission(RemovePermissionRequest {
            statement_id: Some("zzz".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Statement with the provided id does not exist.",
    );
    let (code, _) = err(f.eb.remove_permission(RemovePermissionRequest::default()));
    assert_eq!(code, "ValidationException");
    assert_err(
        f.eb.remove_permission(RemovePermissionRequest {
            remove_all_permissions: Some(true),
            event_bus_name: Some("nope".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
}
