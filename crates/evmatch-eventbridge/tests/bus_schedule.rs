//! Schedule expressions: every recorded valid and invalid schedule expression, the inferred edge
//! spellings, and next-fire times.

use evmatch_eventbridge::api::Timestamp;
use evmatch_eventbridge::bus::schedule::{INVALID_SCHEDULE, RateUnit, Schedule};

/// UTC civil time → timestamp (test helper, independent of the library's conversion).
fn utc(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Timestamp {
    // Days from civil (H. Hinnant), written out again so the test does not trust the code under test.
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2.rem_euclid(400);
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Timestamp::from_secs(days * 86_400 + h * 3600 + mi * 60 + s)
}

fn next(expr: &str, after: Timestamp) -> Option<String> {
    Schedule::parse(expr)
        .unwrap()
        .next_after(after, after)
        .map(|t| t.to_string())
}

fn assert_invalid(expr: &str) {
    let err = Schedule::parse(expr).expect_err(expr);
    assert_eq!(err.code().as_str(), "ValidationException", "{expr}");
    assert_eq!(
        err.to_string(),
        "Parameter ScheduleExpression is not valid.",
        "{expr}"
    );
    assert_eq!(err.to_string(), INVALID_SCHEDULE);
}

// ---------------------------------------------------------------------------------------------
// rate(…)

#[test]
fn rate_valid() {
    for (expr, value, unit) in [
        ("rate(1 minute)", 1, RateUnit::Minute),
        ("rate(5 minutes)", 5, RateUnit::Minute),
        ("rate(1 hour)", 1, RateUnit::Hour),
        ("rate(1 day)", 1, RateUnit::Day),
        ("rate(2 minutes)", 2, RateUnit::Minute),
        ("rate(10 minutes)", 10, RateUnit::Minute),
        ("rate(3 hours)", 3, RateUnit::Hour),
        ("rate(7 days)", 7, RateUnit::Day),
        // [INF] leading zeros and the 2^31-1 bound.
        ("rate(010 minutes)", 10, RateUnit::Minute),
        ("rate(01 minute)", 1, RateUnit::Minute),
        ("rate(2147483647 days)", 2_147_483_647, RateUnit::Day),
    ] {
        assert_eq!(
            Schedule::parse(expr).unwrap(),
            Schedule::Rate { value, unit },
            "{expr}"
        );
    }
}

#[test]
fn rate_plural_with_one_is_invalid() {
    for e in ["rate(1 minutes)", "rate(1 hours)", "rate(1 days)"] {
        assert_invalid(e);
    }
}

#[test]
fn rate_singular_with_more_than_one_is_invalid() {
    for e in [
        "rate(10 minute)",
        "rate(10 hour)",
        "rate(10 day)",
        "rate(3 minute)",
    ] {
        assert_invalid(e);
    }
}

#[test]
fn rate_bad_unit_is_invalid() {
    for e in [
        "rate(10 seconds)",
        "rate(10 years)",
        "rate(10 minutess)",
        "rate(10 MINUTES)",
        "rate(1 Minute)",
        "rate(2 weeks)",
    ] {
        assert_invalid(e);
    }
}

#[test]
fn rate_missing_parts_are_invalid() {
    for e in [
        "rate()",
        "rate(10)",
        "rate(7days)",
        "rate(minutes)",
        "rate(10 )",
        "rate",
    ] {
        assert_invalid(e);
    }
}

#[test]
fn rate_bad_value_is_invalid() {
    for e in [
        "rate(foo minutes)",
        "rate(0 minutes)",
        "rate(-10 minutes)",
        "rate(+10 minutes)",
        "rate(1.5 minutes)",
        "rate(2147483648 days)",
        "rate(99999999999999999999 days)",
    ] {
        assert_invalid(e);
    }
}

#[test]
fn rate_extra_spaces_are_invalid() {
    for e in [
        "rate( 10 minutes )",
        " rate(10 minutes)",
        "rate(10  minutes)",
        "rate(10 minutes) ",
        "RATE(10 minutes)",
        "rate (10 minutes)",
    ] {
        assert_invalid(e);
    }
}

// ---------------------------------------------------------------------------------------------
// cron(…)

#[test]
fn cron_recorded_valid() {
    for e in [
        "cron(0 2 ? * SAT *)",
        "cron(0 12 * * ? *)",
        "cron(5,35 14 * * ? *)",
        "cron(15 10 ? * 6L 2002-2005)",
        "cron(0 2 ? * SAT#3 *)",
        "cron(* * ? * SAT#3 *)",
        "cron(0/5 5 ? JAN 1-5 2022)",
        "cron(0 10 * * ? *)",
        "cron(15 12 * * ? *)",
        "cron(0 18 ? * MON-FRI *)",
        "cron(0 8 1 * ? *)",
        "cron(0/15 * * * ? *)",
        "cron(0/10 * ? * MON-FRI *)",
        "cron(0/5 8-17 ? * MON-FRI *)",
        "cron(0/30 20-23 ? * MON-FRI *)",
        "cron(0/30 0-2 ? * MON-FRI *)",
        "cron(* 1 * * ? *)",
    ] {
        assert!(matches!(Schedule::parse(e), Ok(Schedule::Cron(_))), "{e}");
    }
}

#[test]
fn cron_documented_and_inferred_valid() {
    for e in [
        // `L`, `LW`, `nW`, `nL`, `d#k`, `L` in day-of-week.
        "cron(0 0 L * ? *)",
        "cron(0 0 LW * ? *)",
        "cron(0 0 15W * ? *)",
        "cron(0 0 ? * 6L *)",
        "cron(0 0 ? * FRIL *)",
        "cron(0 0 ? * 3#2 *)",
        "cron(0 0 ? * L *)",
        // Names are case-insensitive; month names in ranges and lists.
        "cron(0 0 ? * mon-fri *)",
        "cron(0 0 1 jan,Jul ? *)",
        "cron(0 0 1 MAR-NOV ? *)",
        // Wrapping ranges and ranges with steps.
        "cron(0 20-2 ? * MON-FRI *)",
        "cron(0 0 ? * FRI-MON *)",
        "cron(0-15/5 * * * ? *)",
        "cron(0 0 1-31/30 * ? *)",
        "cron(*/59 * * * ? *)",
        "cron(*/5 */2 */3 */4 ? */229)",
        // Years at both ends.
        "cron(0 0 1 1 ? 1970)",
        "cron(0 0 1 1 ? 2199)",
        "cron(0 0 1 1 ? 1970-2199)",
        "cron(0 0 1 1 ? 2030/10)",
        // Leading zeros.
        "cron(05 09 01 01 ? *)",
    ] {
        assert!(matches!(Schedule::parse(e), Ok(Schedule::Cron(_))), "{e}");
    }
}

#[test]
fn cron_day_fields_need_exactly_one_question_mark() {
    for e in [
        "cron(0 1 * * * *)",
        "cron(7 20 * * 1-7 *)",
        "cron(0 1 ? * ? *)",
        "cron(0 1 1 * MON *)",
    ] {
        assert_invalid(e);
    }
}

#[test]
fn cron_question_mark_elsewhere_is_invalid() {
    for e in [
        "cron(? 1 * * ? *)",
        "cron(0 ? * * ? *)",
        "cron(0 1 * ? ? *)",
        "cron(0 1 * * ? ?)",
    ] {
        assert_invalid(e);
    }
}

#[test]
fn cron_hash_stands_alone() {
    for e in [
        "cron(0 2 ? * 3#1,6#3 *)",
        "cron(0 2 ? * 3#6 *)",
        "cron(0 2 ? * 3#0 *)",
        "cron(0 2 ? * 8#1 *)",
        "cron(0 2 ? * 3# *)",
        "cron(0 2 ? * #1 *)",
    ] {
        assert_invalid(e);
    }
}

#[test]
fn cron_values_and_steps_out_of_range() {
    for e in [
        "cron(71 8 1 * ? *)",
        "cron(60 8 1 * ? *)",
        "cron(0 24 1 * ? *)",
        "cron(0 0 0 * ? *)",
        "cron(0 0 32 * ? *)",
        "cron(0 0 1 13 ? *)",
        "cron(0 0 1 0 ? *)",
        "cron(0 0 ? * 0 *)",
        "cron(0 0 ? * 8 *)",
        "cron(0 0 1 1 ? 1969)",
        "cron(0 0 1 1 ? 2200)",
        "cron(*/60 * * * ? *)",
        "cron(*/0 * * * ? *)",
        "cron(0 */24 * * ? *)",
        "cron(0 0 */31 * ? *)",
        "cron(0 0 1 */12 ? *)",
        "cron(0 0 1 1 ? 2025-2020)",
        "cron(0 0 32W * ? *)",
        "cron(0 0 0W * ? *)",
        "cron(0 0 ? * 8L *)",
    ] {
        assert_invalid(e);
    }
}

#[test]
fn cron_wrong_field_count() {
    for e in [
        "cron(* * * * *)",
        "cron(0/1 * * ? *)",
        "cron(0 0 1 * ? * *)",
        "cron()",
        "cron(0  0 1 * ? *)",
        "cron( 0 0 1 * ? *)",
        "cron(0 0 1 * ? * )",
    ] {
        assert_invalid(e);
    }
}

#[test]
fn cron_unknown_words_and_punctuation() {
    for e in [
        "cron(INVALID)",
        "cron(0 dummy ? * MON-FRI *)",
        "cron(7 20 * * NOT *)",
        "cron(0/5, 9-18, ?, *, MON-FRI, *)",
        "cron(0 0 ? * MONDAY *)",
        "cron(0 0 1 JANUARY ? *)",
        "cron(0 0 ? JAN MON/2 *)",
        "cron(0 0 ? * 1/2 *)",
        "cron(0 0 1, * ? *)",
        "cron(0 0 1-* * ? *)",
        "cron(0 0 L-2 * ? *)",
        "cron(0 0 1,L * ? *)",
        "cron(0 0 ? * 1,L *)",
        "cron(0 0 1 * ? *",
        "CRON(0 0 1 * ? *)",
        "cron(0 0 1 * ? *) ",
        "cron(-1 0 1 * ? *)",
        "cron(0 0 1 MON ? *)",
        "cron(0 0 ? * JAN *)",
        "cron(0 0 1 * ? Y2K)",
        "at(2026-01-01T00:00:00)",
        "",
    ] {
        assert_invalid(e);
    }
}

// ---------------------------------------------------------------------------------------------
// next_after: rate

#[test]
fn rate_counts_from_the_anchor_minute() {
    let s = Schedule::parse("rate(5 minutes)").unwrap();
    let anchor = utc(2026, 1, 1, 10, 2, 37);
    let first = s.next_after(anchor, anchor).unwrap();
    assert_eq!(first, utc(2026, 1, 1, 10, 7, 0));
    assert_eq!(
        s.next_after(first, anchor).unwrap(),
        utc(2026, 1, 1, 10, 12, 0)
    );
    assert_eq!(
        s.next_after(utc(2026, 1, 1, 10, 11, 59), anchor).unwrap(),
        utc(2026, 1, 1, 10, 12, 0)
    );
    // Before the anchor: the first period end.
    assert_eq!(
        s.next_after(utc(2025, 1, 1, 0, 0, 0), anchor).unwrap(),
        utc(2026, 1, 1, 10, 7, 0)
    );
}

#[test]
fn rate_hours_and_days() {
    let anchor = utc(2026, 3, 1, 15, 30, 10);
    let day = Schedule::parse("rate(1 day)").unwrap();
    assert_eq!(
        day.next_after(utc(2026, 3, 5, 0, 0, 0), anchor).unwrap(),
        utc(2026, 3, 5, 15, 30, 0)
    );
    let hours = Schedule::parse("rate(2 hours)").unwrap();
    assert_eq!(
        hours
            .next_after(utc(2026, 3, 1, 17, 30, 0), anchor)
            .unwrap(),
        utc(2026, 3, 1, 19, 30, 0)
    );
    let huge = Schedule::parse("rate(2147483647 days)").unwrap();
    assert!(huge.next_after(anchor, anchor).is_some());
}

#[test]
fn tick_catches_up_every_missed_instant_once() {
    let s = Schedule::parse("rate(1 minute)").unwrap();
    let anchor = utc(2026, 1, 1, 10, 0, 0);
    let now = utc(2026, 1, 1, 10, 3, 30);
    let mut fired = Vec::new();
    let mut last = anchor;
    while let Some(due) = s.next_after(last, anchor).filter(|&t| t <= now) {
        fired.push(due.to_string());
        last = due;
    }
    assert_eq!(
        fired,
        [
            "2026-01-01T10:01:00Z",
            "2026-01-01T10:02:00Z",
            "2026-01-01T10:03:00Z"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// next_after: cron

#[test]
fn cron_daily_and_strictly_after() {
    let noon = utc(2026, 1, 1, 12, 0, 0);
    assert_eq!(
        next("cron(0 12 * * ? *)", noon).unwrap(),
        "2026-01-02T12:00:00Z"
    );
    assert_eq!(
        next("cron(0 12 * * ? *)", utc(2026, 1, 1, 11, 59, 59)).unwrap(),
        "2026-01-01T12:00:00Z"
    );
    assert_eq!(
        next("cron(15 12 * * ? *)", utc(2026, 12, 31, 12, 15, 0)).unwrap(),
        "2027-01-01T12:15:00Z"
    );
}

#[test]
fn cron_every_minute_and_steps() {
    let t = utc(2026, 1, 1, 10, 7, 30);
    assert_eq!(
        next("cron(* * ? * * *)", t).unwrap(),
        "2026-01-01T10:08:00Z"
    );
    assert_eq!(
        next("cron(0/15 * * * ? *)", t).unwrap(),
        "2026-01-01T10:15:00Z"
    );
    assert_eq!(
        next("cron(5,35 14 * * ? *)", t).unwrap(),
        "2026-01-01T14:05:00Z"
    );
    assert_eq!(
        next("cron(5,35 14 * * ? *)", utc(2026, 1, 1, 14, 5, 0)).unwrap(),
        "2026-01-01T14:35:00Z"
    );
    assert_eq!(
        next("cron(0-15/5 * * * ? *)", utc(2026, 1, 1, 10, 15, 0)).unwrap(),
        "2026-01-01T11:00:00Z"
    );
    assert_eq!(
        next("cron(0/5 8-17 ? * MON-FRI *)", utc(2026, 1, 2, 17, 55, 0)).unwrap(),
        "2026-01-05T08:00:00Z"
    );
}

#[test]
fn cron_weekdays() {
    // 2026-01-02 is a Friday.
    let t = utc(2026, 1, 2, 12, 0, 0);
    assert_eq!(
        next("cron(0 18 ? * MON-FRI *)", t).unwrap(),
        "2026-01-02T18:00:00Z"
    );
    assert_eq!(
        next("cron(0 18 ? * MON-FRI *)", utc(2026, 1, 2, 18, 0, 0)).unwrap(),
        "2026-01-05T18:00:00Z"
    );
    assert_eq!(
        next("cron(0 2 ? * SAT *)", t).unwrap(),
        "2026-01-03T02:00:00Z"
    );
    assert_eq!(
        next("cron(0 2 ? * 7 *)", t).unwrap(),
        "2026-01-03T02:00:00Z"
    );
    assert_eq!(
        next("cron(0 2 ? * L *)", t).unwrap(),
        "2026-01-03T02:00:00Z"
    );
    assert_eq!(
        next("cron(0 2 ? * 1 *)", t).unwrap(),
        "2026-01-04T02:00:00Z"
    );
    assert_eq!(
        next("cron(0 2 ? * FRI-MON *)", t).unwrap(),
        "2026-01-03T02:00:00Z"
    );
    assert_eq!(
        next("cron(0 2 ? * sun,wed *)", t).unwrap(),
        "2026-01-04T02:00:00Z"
    );
}

#[test]
fn cron_nth_and_last_weekday_of_month() {
    let t = utc(2026, 1, 1, 0, 0, 0);
    // Third Saturday: 3, 10, 17.
    assert_eq!(
        next("cron(0 2 ? * SAT#3 *)", t).unwrap(),
        "2026-01-17T02:00:00Z"
    );
    assert_eq!(
        next("cron(* * ? * SAT#3 *)", t).unwrap(),
        "2026-01-17T00:00:00Z"
    );
    // Second Tuesday: 13 January.
    assert_eq!(
        next("cron(0 0 ? * 3#2 *)", t).unwrap(),
        "2026-01-13T00:00:00Z"
    );
    // Fifth Friday: January 2026 has one (30th); February does not, March does not (27th is
    // the fourth), May has 29th.
    assert_eq!(
        next("cron(0 0 ? * 6#5 *)", t).unwrap(),
        "2026-01-30T00:00:00Z"
    );
    assert_eq!(
        next("cron(0 0 ? * 6#5 *)", utc(2026, 1, 30, 0, 0, 0)).unwrap(),
        "2026-05-29T00:00:00Z"
    );
    // Last Friday.
    assert_eq!(
        next("cron(0 0 ? * 6L *)", t).unwrap(),
        "2026-01-30T00:00:00Z"
    );
    assert_eq!(
        next("cron(0 0 ? * FRIL *)", t).unwrap(),
        "2026-01-30T00:00:00Z"
    );
    assert_eq!(
        next("cron(15 10 ? * 6L 2002-2005)", utc(2001, 12, 31, 0, 0, 0)).unwrap(),
        "2002-01-25T10:15:00Z"
    );
}

#[test]
fn cron_last_day_and_weekday_nearest() {
    assert_eq!(
        next("cron(0 0 L * ? *)", utc(2024, 2, 10, 0, 0, 0)).unwrap(),
        "2024-02-29T00:00:00Z"
    );
    assert_eq!(
        next("cron(0 0 L * ? *)", utc(2026, 2, 10, 0, 0, 0)).unwrap(),
        "2026-02-28T00:00:00Z"
    );
    // 31 January 2026 is a Saturday: last weekday is Friday the 30th.
    assert_eq!(
        next("cron(0 0 LW * ? *)", utc(2026, 1, 1, 0, 0, 0)).unwrap(),
        "2026-01-30T00:00:00Z"
    );
    // 1 August 2026 is a Saturday: 1W is Monday the 3rd (stays in the month).
    assert_eq!(
        next("cron(0 0 1W * ? *)", utc(2026, 7, 31, 0, 0, 0)).unwrap(),
        "2026-08-03T00:00:00Z"
    );
    // 15 August 2026 is a Saturday: 15W is Friday the 14th.
    assert_eq!(
        next("cron(0 0 15W 8 ? *)", utc(2026, 1, 1, 0, 0, 0)).unwrap(),
        "2026-08-14T00:00:00Z"
    );
    // 31 May 2026 is a Sunday: 31W is Friday the 29th.
    assert_eq!(
        next("cron(0 0 31W 5 ? *)", utc(2026, 1, 1, 0, 0, 0)).unwrap(),
        "2026-05-29T00:00:00Z"
    );
    // A weekday stays itself; months too short for the day are skipped.
    assert_eq!(
        next("cron(0 0 2W * ? *)", utc(2026, 1, 1, 0, 0, 0)).unwrap(),
        "2026-01-02T00:00:00Z"
    );
    assert_eq!(
        next("cron(0 0 31W * ? *)", utc(2026, 4, 1, 0, 0, 0)).unwrap(),
        "2026-05-29T00:00:00Z"
    );
}

#[test]
fn cron_months_years_and_never() {
    assert_eq!(
        next("cron(0 8 1 * ? *)", utc(2026, 1, 15, 0, 0, 0)).unwrap(),
        "2026-02-01T08:00:00Z"
    );
    assert_eq!(
        next("cron(0 0 1 JAN,JUL ? *)", utc(2026, 1, 15, 0, 0, 0)).unwrap(),
        "2026-07-01T00:00:00Z"
    );
    assert_eq!(
        next("cron(0 0 29 2 ? *)", utc(2026, 3, 1, 0, 0, 0)).unwrap(),
        "2028-02-29T00:00:00Z"
    );
    assert_eq!(
        next("cron(0/5 5 ? JAN 1-5 2022)", utc(2021, 12, 31, 0, 0, 0)).unwrap(),
        "2022-01-02T05:00:00Z"
    );
    // Years in the past: accepted, never fire.
    assert_eq!(
        next("cron(0/5 5 ? JAN 1-5 2022)", utc(2026, 1, 1, 0, 0, 0)),
        None
    );
    assert_eq!(
        next("cron(15 10 ? * 6L 2002-2005)", utc(2026, 1, 1, 0, 0, 0)),
        None
    );
    // A day that never exists.
    assert_eq!(next("cron(0 0 30 2 ? *)", utc(2026, 1, 1, 0, 0, 0)), None);
    // The year field ends at 2199.
    assert_eq!(
        next("cron(0 0 1 1 ? *)", utc(2198, 6, 1, 0, 0, 0)).unwrap(),
        "2199-01-01T00:00:00Z"
    );
    assert_eq!(next("cron(0 0 1 1 ? *)", utc(2199, 1, 1, 0, 0, 0)), None);
    // Before 1970 the first instant is in 1970.
    assert_eq!(
        next("cron(0 0 1 1 ? *)", utc(1969, 6, 1, 0, 0, 0)).unwrap(),
        "1970-01-01T00:00:00Z"
    );
    assert_eq!(
        next("cron(0 0 1 1 ? 2030/10)", utc(2026, 1, 1, 0, 0, 0)).unwrap(),
        "2030-01-01T00:00:00Z"
    );
}

#[test]
fn cron_wrapping_hour_range() {
    let e = "cron(0 22-1 * * ? *)";
    assert_eq!(
        next(e, utc(2026, 1, 1, 2, 0, 0)).unwrap(),
        "2026-01-01T22:00:00Z"
    );
    assert_eq!(
        next(e, utc(2026, 1, 1, 23, 0, 0)).unwrap(),
        "2026-01-02T00:00:00Z"
    );
    assert_eq!(
        next(e, utc(2026, 1, 2, 0, 0, 0)).unwrap(),
        "2026-01-02T01:00:00Z"
    );
    assert_eq!(
        next("cron(0 20-2/3 * * ? *)", utc(2026, 1, 1, 20, 0, 0)).unwrap(),
        "2026-01-01T23:00:00Z"
    );
    assert_eq!(
        next("cron(0 20-2/3 * * ? *)", utc(2026, 1, 1, 23, 0, 0)).unwrap(),
        "2026-01-02T02:00:00Z"
    );
}

#[test]
fn cron_ignores_the_anchor_and_sub_minute_input() {
    let s = Schedule::parse("cron(0/15 * * * ? *)").unwrap();
    let t = Timestamp::from_secs_and_nanos(utc(2026, 1, 1, 10, 14, 59).secs(), 999_999_999);
    assert_eq!(
        s.next_after(t, Timestamp::EPOCH).unwrap(),
        utc(2026, 1, 1, 10, 15, 0)
    );
    assert_eq!("cron(0/15 * * * ? *)".parse::<Schedule>().unwrap(), s);
}

#[test]
fn extreme_timestamps_do_not_overflow() {
    for expr in [
        "rate(1 minute)",
        "rate(2147483647 days)",
        "cron(* * * * ? *)",
    ] {
        let s = Schedule::parse(expr).unwrap();
        for t in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX] {
            for a in [i64::MIN, 0, i64::MAX] {
                let _ = s.next_after(Timestamp::from_secs(t), Timestamp::from_secs(a));
            }
        }
    }
    let every = Schedule::parse("cron(* * * * ? *)").unwrap();
    assert_eq!(
        every
            .next_after(Timestamp::from_secs(i64::MIN), Timestamp::EPOCH)
            .unwrap(),
        Timestamp::EPOCH
    );
    assert_eq!(
        every.next_after(Timestamp::from_secs(i64::MAX), Timestamp::EPOCH),
        None
    );
}
