//! Schedule expressions of scheduled rules: `rate(value unit)` and six-field `cron(…)`.
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
//! The grammar, as the nom parsers below spell it:
//!
//! ```text
//! expression   = "rate(" value " " unit ")"
//!              | "cron(" minutes " " hours " " day-of-month " " month " " day-of-week " " year ")"
//! unit         = "minute" | "minutes" | "hour" | "hours" | "day" | "days"  ; singular iff value is 1
//! set          = item *("," item)        ; minutes 0-59, hours 0-23, month 1-12 or JAN-DEC,
//! item         = ("*" | v | v "-" v) ["/" step]       ; year 1970-2199 (no wrapping ranges)
//! day-of-month = "?" | "L" | "LW" | n "W" | set       ; 1-31
//! day-of-week  = "?" | d "#" k | d "L" | "L" | set    ; 1-7 or SUN-SAT, no steps; k 1-5
//! ```
//!
//! Exactly one of day-of-month and day-of-week is `?`; names and `L`/`W` are case-insensitive,
//! keywords are not; a range `b-a` with `b > a` wraps around (`FRI-MON`, `22-2`).
//!
//! Invariants: times are UTC and minute-aligned (schedules have a resolution of one minute; the
//! scheduled event's `time` is the due minute); `next_after` is strictly increasing in its first
//! argument and never loops unboundedly (cron years end at 2199, after which it returns `None`).
//! Costs: parsing is linear in the expression; `next_after` skips whole years and months that
//! cannot match and otherwise walks day by day, at most the ~84,000 days to 2199.

use std::fmt;

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case};
use nom::character::complete::{alpha1, char, digit1, one_of};
use nom::combinator::{all_consuming, cond, map, map_opt, map_res, opt, value, verify};
use nom::error::ErrorKind;
use nom::multi::separated_list1;
use nom::sequence::{delimited, preceded, separated_pair, terminated};
use nom::{IResult, Parser};

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
        all_consuming(alt((rate, map(cron, Schedule::Cron))))
            .parse(expression)
            .map(|(_, schedule)| schedule)
            .map_err(|_| invalid())
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

// ---------------------------------------------------------------------------------------------
// The grammar, with nom. Every alternative is tried on the same field text and every field must
// be consumed up to the next space or the closing parenthesis, so an alternative that matches
// only a prefix of a field fails the whole expression, as AWS does.

type Parsed<'a, T> = IResult<&'a str, T>;

/// `rate(value unit)`: `value` in 1..=2³¹−1, `unit` singular exactly when `value` is 1.
fn rate(input: &str) -> Parsed<'_, Schedule> {
    let number = map_res(digit1, str::parse::<u32>);
    let body = separated_pair(number, char(' '), alpha1);
    map_opt(delimited(tag("rate("), body, char(')')), |(value, unit)| {
        let (unit, plural) = match unit {
            "minute" => (RateUnit::Minute, false),
            "minutes" => (RateUnit::Minute, true),
            "hour" => (RateUnit::Hour, false),
            "hours" => (RateUnit::Hour, true),
            "day" => (RateUnit::Day, false),
            "days" => (RateUnit::Day, true),
            _ => return None,
        };
        let in_range = (1..=i32::MAX as u32).contains(&value);
        (in_range && plural == (value > 1)).then_some(Schedule::Rate { value, unit })
    })
    .parse(input)
}

/// `cron(minutes hours day-of-month month day-of-week year)`, exactly one of the day fields `?`.
fn cron(input: &str) -> Parsed<'_, Cron> {
    let sp = || char(' ');
    let fields = (
        set(0, 59, &[], SetRules::StepsAndWrap),
        preceded(sp(), set(0, 23, &[], SetRules::StepsAndWrap)),
        preceded(sp(), or_any(day_of_month)),
        preceded(sp(), set(1, 12, &MONTHS, SetRules::StepsAndWrap)),
        preceded(sp(), or_any(day_of_week)),
        preceded(sp(), year_set),
    );
    map_opt(
        delimited(tag("cron("), fields, char(')')),
        |(minutes, hours, dom, months, dow, years)| {
            let days = match (dom, dow) {
                (Some(days), None) | (None, Some(days)) => days,
                _ => return None,
            };
            Some(Cron {
                minutes: bits(minutes) as u64,
                hours: bits(hours) as u32,
                months: bits(months) as u16,
                years,
                days,
            })
        },
    )
    .parse(input)
}

/// `?` (no condition from this field) or the field itself.
fn or_any<'a>(
    field: impl Fn(&'a str) -> Parsed<'a, DayRule>,
) -> impl Parser<&'a str, Output = Option<DayRule>, Error = nom::error::Error<&'a str>> {
    alt((value(None, char('?')), map(field, Some)))
}

/// Day-of-month: `L` (last day), `LW` (last weekday), `nW` (weekday nearest day n), or a set of
/// days 1..=31.
fn day_of_month(input: &str) -> Parsed<'_, DayRule> {
    alt((
        value(DayRule::LastWeekday, tag_no_case("LW")),
        value(DayRule::LastDay, tag_no_case("L")),
        map(
            terminated(number(1, 31, &[]), one_of("Ww")),
            DayRule::NearestWeekday,
        ),
        map(set(1, 31, &[], SetRules::StepsAndWrap), |v| {
            DayRule::MonthDays(bits(v) as u32)
        }),
    ))
    .parse(input)
}

/// Day-of-week (1 = `SUN` … 7 = `SAT`): `d#k` (k-th weekday d of the month, k 1..=5), `dL`
/// (last weekday d), `L` (Saturday), or a set without steps.
fn day_of_week(input: &str) -> Parsed<'_, DayRule> {
    let day = || number(1, 7, &WEEKDAYS);
    let nth = map_res(one_of("12345"), |k| k.to_digit(10).ok_or(()));
    alt((
        map(separated_pair(day(), char('#'), nth), |(d, k)| {
            DayRule::NthWeekDay(d, k)
        }),
        map(terminated(day(), one_of("Ll")), DayRule::LastOfWeekDay),
        value(DayRule::WeekDays(1 << 7), tag_no_case("L")),
        map(set(1, 7, &WEEKDAYS, SetRules::WrapOnly), |v| {
            DayRule::WeekDays(bits(v) as u8)
        }),
    ))
    .parse(input)
}

/// Years 1970..=2199, as bits of `[u64; 4]` (ranges do not wrap).
fn year_set(input: &str) -> Parsed<'_, [u64; 4]> {
    map(
        set(MIN_YEAR as u32, MAX_YEAR as u32, &[], SetRules::StepsOnly),
        |values| {
            let mut years = [0u64; 4];
            for y in values {
                let i = (i64::from(y) - MIN_YEAR) as usize;
                years[i / 64] |= 1 << (i % 64);
            }
            years
        },
    )
    .parse(input)
}

/// What a set field allows besides `*`, values, ranges and lists: `/step` after an item, and
/// ranges `b-a` with `b > a` that wrap around.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SetRules {
    /// Minutes, hours, day-of-month, month.
    StepsAndWrap,
    /// Day-of-week.
    WrapOnly,
    /// Years.
    StepsOnly,
}

/// A comma list of `*`, `v` or `a-b`, each optionally `/step` (1..=max−min), as the values it
/// allows.
fn set(
    min: u32,
    max: u32,
    names: &'static [&'static str],
    rules: SetRules,
) -> impl Fn(&str) -> Parsed<'_, Vec<u32>> {
    move |input| {
        let range = alt((
            value(None, char('*')),
            map(
                (
                    number(min, max, names),
                    opt(preceded(char('-'), number(min, max, names))),
                ),
                Some,
            ),
        ));
        let step = verify(
            preceded(char('/'), map_res(digit1, str::parse::<u32>)),
            |s| (1..=max - min).contains(s),
        );
        let step = map(
            cond(rules != SetRules::WrapOnly, opt(step)),
            Option::flatten,
        );
        let item = map_opt((range, step), |(range, step)| {
            let (first, last) = match range {
                None => (min, max),
                Some((a, Some(b))) if b < a && rules == SetRules::StepsOnly => return None,
                Some((a, Some(b))) => (a, b),
                Some((a, None)) => (a, if step.is_some() { max } else { a }),
            };
            Some(expand(first, last, step.unwrap_or(1), min, max))
        });
        map(separated_list1(char(','), item), |items| items.concat()).parse(input)
    }
}

/// The values from `first` to `last` by `step`, wrapping past `max` back to `min`.
fn expand(first: u32, last: u32, step: u32, min: u32, max: u32) -> Vec<u32> {
    let span = max - min + 1;
    let end = if last < first { last + span } else { last };
    (first..=end)
        .step_by(step as usize)
        .map(|x| if x > max { x - span } else { x })
        .collect()
}

/// A number, or a (case-insensitive) name from `names` standing for `min`, `min + 1`, …; within
/// `min..=max`.
fn number(min: u32, max: u32, names: &'static [&'static str]) -> impl Fn(&str) -> Parsed<'_, u32> {
    move |input| {
        let name = |input| {
            names
                .iter()
                .zip(min..)
                .find_map(|(n, v)| {
                    tag_no_case::<_, _, nom::error::Error<&str>>(*n)
                        .parse(input)
                        .ok()
                        .map(|(rest, _)| (rest, v))
                })
                .ok_or(nom::Err::Error(nom::error::Error::new(
                    input,
                    ErrorKind::Tag,
                )))
        };
        verify(alt((map_res(digit1, str::parse::<u32>), name)), |v| {
            (min..=max).contains(v)
        })
        .parse(input)
    }
}

fn bits(values: Vec<u32>) -> u128 {
    values.into_iter().fold(0, |acc, v| acc | 1 << v)
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
