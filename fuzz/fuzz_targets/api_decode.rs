//! API request bodies: decoding and validation never panic, and a value that validates
//! round-trips through serde unchanged.
#![no_main]

use evmatch_eventbridge::api::{self, Request};
use libfuzzer_sys::fuzz_target;

fn check<R: Request + serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
    body: &str,
) {
    if let Ok(request) = api::decode::<R>(body) {
        let _ = request.validate();
        let text = serde_json::to_string(&request).expect("serializable");
        let again: R = serde_json::from_str(&text).expect("round-trip");
        assert_eq!(again, request);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    check::<api::rules::PutRuleRequest>(body);
    check::<api::targets::PutTargetsRequest>(body);
    check::<api::events::PutEventsRequest>(body);
    check::<api::events::TestEventPatternRequest>(body);
    check::<api::archives::CreateArchiveRequest>(body);
    check::<api::replays::StartReplayRequest>(body);
    check::<api::connections::CreateConnectionRequest>(body);
    check::<api::event_buses::CreateEventBusRequest>(body);
});
