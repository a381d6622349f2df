//! Schedule expressions of scheduled rules: `rate(value unit)` and six-field `cron(…)`
//! (BUS.md §7).
//!
//! [`Schedule::parse`] accepts exactly AWS's grammar; every rejection is the single
//! `ValidationException` text AWS gives for any malformed expression,
//! `Parameter ScheduleExpression is not valid.` [`Schedule::next_after`] gives the next due
//! minute, in UTC, so an embedder's clock tick can find the rules that are due:
//!
//! ```
//! use evmatch_eventbridge::api::Timestamp;
//! use evmatch_eventbridge::bus::schedule::Schedule;
//!
//! let nightly = Schedule::parse("cron(0 2 ? * SAT#3 *)")?; // 02:00 on the third Saturday
//! let now = Timestamp::from_secs(1_767_225_600); // 2026-01-01T00:00:00Z, a Thursday
//! let due = nightly.next_after(now, now).unwrap();
//! assert_eq!(due.to_string(), "2026-01-17T02:00:00Z");
//!
//! let err = Schedule::parse("rate(1 minutes)").unwrap_err();
//! assert_eq!(err.to_string(), "Parameter ScheduleExpression is not valid.");
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```
//!
//! Invariants: times are UTC and minute-aligned (schedules have a resolution of one minute; the
//! scheduled event's `time` is the due minute); `next_after` is strictly increasing in its first
//! argument and never loops unboundedly (cron years end at 2199, after which it returns `None`).

use std::fmt;

use crate::Error;
use crate::api::Timestamp;
use crate::calendar::{civil_from_days, days_from_civil, days_in_month};

/// AWS's text for every malformed schedule expression.
pub const INVALID_SCHEDULE: &str = "Parameter ScheduleExpression is not valid.";

fn invalid() -> Error {
    Error::validation(INVALID_SCHEDULE)
}

/// A parsed schedule expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// `rate(value unit)`: every `value` units, counted from when the rule was created or
    /// (re-)enabled.
    Rate {
        /// How many units between firings (1..=2³¹−1).
        value: u32,
        /// The unit.
        unit: RateUnit,
    },
    /// `cron(minutes hours day-of-month month day-of-week year)`, in UTC.
    Cron(Cron),
}

/// The unit of a `rate(…)` expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateUnit {
    /// `minute` / `minutes`
    Minute,
    /// `hour` / `hours`
    Hour,
    /// `day` / `days`
    Day,
}

impl RateUnit {
    /// The unit's length in seconds.
    pub const fn seconds(self) -> i64 {
        match self {
            RateUnit::Minute => 60,
            RateUnit::Hour => 3_600,
            RateUnit::Day => 86_400,
        }
    }
}

/// A parsed six-field cron expression: the sets of minutes, hours, months and years it allows
/// and its day condition (day-of-month or day-of-week, whichever is not `?`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    minutes: u64,
    hours: u32,
    months: u16,
    years: [u64; 4],
    days: DayRule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayRule {
    /// Day-of-month values (bits 1..=31).
    MonthDays(u32),
    /// `L`: the last day of the month.
    LastDay,
    /// `LW`: the last weekday (Monday–Friday) of the month.
    LastWeekday,
    /// `nW`: the weekday nearest day n, within the month.
    NearestWeekday(u32),
    /// Day-of-week values (bits 1..=7, 1 = Sunday).
    WeekDays(u8),
    /// `dL`: the last weekday d of the month.
    LastOfWeekDay(u32),
    /// `d#k`: the k-th weekday d of the month.
    NthWeekDay(u32, u32),
}

const MIN_YEAR: i64 = 1970;
const MAX_YEAR: i64 = 2199;

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

impl Schedule {
    /// Parses a `ScheduleExpression` (case-sensitive keywords, single spaces, no surrounding
    /// whitespace). Any malformed expression is a `ValidationException`
    /// `Parameter ScheduleExpression is not valid.`.
    pub fn parse(expression: &str) -> Result<Schedule, Error> {
        if let Some(body) = inner(expression, "rate(") {
            parse_rate(body).ok_or_else(invalid)
        } else if let Some(body) = inner(expression, "cron(") {
            parse_cron(body).map(Schedule::Cron).ok_or_else(invalid)
        } else {
            Err(invalid())
        }
    }

    /// The first due minute strictly after `t` (UTC, seconds 0), or `None` when the schedule
    /// never fires again (a cron expression whose years are over).
    ///
    /// `anchor` is when the rule was created or last enabled: a rate schedule fires at the
    /// anchor's minute plus every whole period (`rate(5 minutes)` enabled at 10:02:37 is due at
    /// 10:07, 10:12, …); cron ignores it. A `tick(now)` that must not skip instants calls this
    /// repeatedly from the last due minute it handled until the result is after `now`.
    pub fn next_after(&self, t: Timestamp, anchor: Timestamp) -> Option<Timestamp> {
        match self {
            Schedule::Rate { value, unit } => {
                // i128: no overflow for any pair of timestamps.
                let period = i128::from(*value) * i128::from(unit.seconds());
                let start = i128::from(anchor.secs().div_euclid(60)) * 60;
                let t = i128::from(t.secs());
                let k = if t < start {
                    1
                } else {
                    (t - start) / period + 1
                };
                i64::try_from(start + k * period)
                    .ok()
                    .map(Timestamp::from_secs)
            }
            Schedule::Cron(cron) => cron.next_after(t),
        }
    }
}

impl std::str::FromStr for Schedule {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Schedule::parse(s)
    }
}

impl fmt::Display for RateUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RateUnit::Minute => "minute",
            RateUnit::Hour => "hour",
            RateUnit::Day => "day",
        })
    }
}

fn inner<'a>(expression: &'a str, keyword: &str) -> Option<&'a str> {
    expression.strip_prefix(keyword)?.strip_suffix(')')
}

fn parse_rate(body: &str) -> Option<Schedule> {
    let (value, unit) = body.split_once(' ')?;
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u32 = value.parse().ok()?;
    if value == 0 || value > i32::MAX as u32 {
        return None;
    }
    let (unit, plural) = match unit {
        "minute" => (RateUnit::Minute, false),
        "minutes" => (RateUnit::Minute, true),
        "hour" => (RateUnit::Hour, false),
        "hours" => (RateUnit::Hour, true),
        "day" => (RateUnit::Day, false),
        "days" => (RateUnit::Day, true),
        _ => return None,
    };
    (plural == (value > 1)).then_some(Schedule::Rate { value, unit })
}

fn parse_cron(body: &str) -> Option<Cron> {
    let fields: Vec<&str> = body.split(' ').collect();
    let [minutes, hours, dom, month, dow, year] = fields[..] else {
        return None;
    };
    let days = match (dom, dow) {
        ("?", "?") => return None,
        (_, "?") => parse_day_of_month(dom)?,
        ("?", _) => parse_day_of_week(dow)?,
        _ => return None,
    };
    let mut years = [0u64; 4];
    for y in parse_set(year, MIN_YEAR as u32, MAX_YEAR as u32, &[], false)? {
        let i = (i64::from(y) - MIN_YEAR) as usize;
        years[i / 64] |= 1 << (i % 64);
    }
    Some(Cron {
        minutes: bits(parse_set(minutes, 0, 59, &[], true)?) as u64,
        hours: bits(parse_set(hours, 0, 23, &[], true)?) as u32,
        months: bits(parse_set(month, 1, 12, &MONTHS, true)?) as u16,
        years,
        days,
    })
}

fn bits(values: Vec<u32>) -> u128 {
    values.into_iter().fold(0, |acc, v| acc | 1 << v)
}

/// A number or (case-insensitive) name within `min..=max`.
fn parse_value(s: &str, min: u32, max: u32, names: &[&str]) -> Option<u32> {
    let v = if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()?
    } else {
        let i = names.iter().position(|n| n.eq_ignore_ascii_case(s))?;
        min + i as u32
    };
    (min..=max).contains(&v).then_some(v)
}

/// A list of `*`, `v`, `a-b` (wrapping when `b < a` and `wrap`), each optionally `/step`.
/// Steps are 1..=(max − min).
fn parse_set(field: &str, min: u32, max: u32, names: &[&str], wrap: bool) -> Option<Vec<u32>> {
    let span = max - min + 1;
    let mut out = Vec::new();
    for item in field.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((range, step)) => {
                if step.is_empty() || !step.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let step: u32 = step.parse().ok()?;
                if step == 0 || step > max - min {
                    return None;
                }
                (range, Some(step))
            }
            None => (item, None),
        };
        let (first, last) = if range == "*" {
            (min, max)
        } else if let Some((a, b)) = range.split_once('-') {
            let (a, b) = (
                parse_value(a, min, max, names)?,
                parse_value(b, min, max, names)?,
            );
            if b < a && !wrap {
                return None;
            }
            (a, b)
        } else {
            let a = parse_value(range, min, max, names)?;
            (a, if step.is_some() { max } else { a })
        };
        let end = if last < first { last + span } else { last };
        let mut x = first;
        while x <= end {
            out.push(if x > max { x - span } else { x });
            x += step.unwrap_or(1);
        }
    }
    Some(out)
}

fn parse_day_of_month(field: &str) -> Option<DayRule> {
    if field.eq_ignore_ascii_case("L") {
        return Some(DayRule::LastDay);
    }
    if field.eq_ignore_ascii_case("LW") {
        return Some(DayRule::LastWeekday);
    }
    if let Some(n) = field.strip_suffix(['W', 'w']) {
        if n.bytes().all(|b| b.is_ascii_digit()) {
            return parse_value(n, 1, 31, &[]).map(DayRule::NearestWeekday);
        }
        return None;
    }
    parse_set(field, 1, 31, &[], true).map(|v| DayRule::MonthDays(bits(v) as u32))
}

fn parse_day_of_week(field: &str) -> Option<DayRule> {
    if field.eq_ignore_ascii_case("L") {
        return Some(DayRule::WeekDays(1 << 7));
    }
    if let Some((d, k)) = field.split_once('#') {
        let d = parse_value(d, 1, 7, &WEEKDAYS)?;
        if k.len() != 1 {
            return None;
        }
        let k = parse_value(k, 1, 5, &[])?;
        return Some(DayRule::NthWeekDay(d, k));
    }
    if let Some(d) = field.strip_suffix(['L', 'l']) {
        return parse_value(d, 1, 7, &WEEKDAYS).map(DayRule::LastOfWeekDay);
    }
    if field.contains('/') {
        return None;
    }
    parse_set(field, 1, 7, &WEEKDAYS, true).map(|v| DayRule::WeekDays(bits(v) as u8))
}

impl Cron {
    /// The first minute strictly after `t` that the expression allows.
    fn next_after(&self, t: Timestamp) -> Option<Timestamp> {
        // Clamp to the field's years first: no overflow for extreme timestamps.
        let first = days_from_civil(MIN_YEAR, 1, 1) * 86_400 - 60;
        let end = days_from_civil(MAX_YEAR + 1, 1, 1) * 86_400;
        let t = t.secs().clamp(first, end);
        let start = (t.div_euclid(60) + 1) * 60;
        let mut day = start.div_euclid(86_400);
        let mut minute = start.rem_euclid(86_400) / 60;
        loop {
            let (y, m, d) = civil_from_days(day);
            if y > MAX_YEAR {
                return None;
            }
            if y < MIN_YEAR {
                (day, minute) = (days_from_civil(MIN_YEAR, 1, 1), 0);
                continue;
            }
            if !self.year(y) {
                let next = (y + 1..=MAX_YEAR).find(|&y| self.year(y))?;
                (day, minute) = (days_from_civil(next, 1, 1), 0);
                continue;
            }
            if self.months & (1 << m) == 0 {
                day = match (m + 1..=12).find(|&m| self.months & (1 << m) != 0) {
                    Some(next) => days_from_civil(y, next, 1),
                    None => days_from_civil(y + 1, 1, 1),
                };
                minute = 0;
                continue;
            }
            if self.day(y, m, d, day)
                && let Some(at) = self.time_of_day(minute)
            {
                return Some(Timestamp::from_secs(day * 86_400 + at * 60));
            }
            (day, minute) = (day + 1, 0);
        }
    }

    fn year(&self, y: i64) -> bool {
        let i = (y - MIN_YEAR) as usize;
        self.years[i / 64] & (1 << (i % 64)) != 0
    }

    /// The first allowed minute of the day at or after `from` (minutes since midnight).
    fn time_of_day(&self, from: i64) -> Option<i64> {
        (from / 60..24).find_map(|h| {
            if self.hours & (1 << h) == 0 {
                return None;
            }
            let first = if h == from / 60 { from % 60 } else { 0 };
            (first..60)
                .find(|&mi| self.minutes & (1 << mi) != 0)
                .map(|mi| h * 60 + mi)
        })
    }

    /// Whether day `d` of month `m` of year `y` (`days` since the epoch) satisfies the day
    /// condition.
    fn day(&self, y: i64, m: u32, d: u32, days: i64) -> bool {
        let dim = days_in_month(y, m);
        // 1 = Sunday … 7 = Saturday, for day n of this month; 1970-01-01 was a Thursday.
        let weekday_of = |n: u32| (days - i64::from(d) + i64::from(n) + 4).rem_euclid(7) as u32 + 1;
        let weekday = weekday_of(d);
        match self.days {
            DayRule::MonthDays(set) => set & (1 << d) != 0,
            DayRule::LastDay => d == dim,
            DayRule::LastWeekday => {
                let mut n = dim;
                while matches!(weekday_of(n), 1 | 7) {
                    n -= 1;
                }
                d == n
            }
            DayRule::NearestWeekday(n) => {
                if n > dim {
                    return false;
                }
                let target = match weekday_of(n) {
                    7 if n == 1 => 3,
                    7 => n - 1,
                    1 if n == dim => n - 2,
                    1 => n + 1,
                    _ => n,
                };
                d == target
            }
            DayRule::WeekDays(set) => set & (1 << weekday) != 0,
            DayRule::LastOfWeekDay(w) => weekday == w && d + 7 > dim,
            DayRule::NthWeekDay(w, k) => weekday == w && (d - 1) / 7 + 1 == k,
        }
    }
}
