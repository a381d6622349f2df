//! `Timestamp`: an instant as the JSON 1.1 protocol encodes it, epoch seconds as a JSON number,
//! and as AWS prints it in events and messages (ISO-8601 UTC).
//!
//! Invariants: whole seconds plus nanoseconds below one second, so equal instants compare equal
//! and a value read from the wire is written back as the same number. Costs: constant; `Display`
//! does the calendar arithmetic of [`crate::calendar`] once.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::calendar::civil_from_days;

/// An instant, encoded on the wire as epoch seconds: a JSON integer when it has no fraction
/// (`1700000000`), a JSON number with a fraction otherwise (`1700000000.123`).
///
/// Held as whole seconds plus nanoseconds, so it is `Eq`, `Ord` and `Hash`, and a value read from
/// the wire is written back as the same number.
///
/// ```
/// use evmatch_eventbridge::api::Timestamp;
///
/// let t: Timestamp = serde_json::from_str("1700000000.5").unwrap();
/// assert_eq!((t.secs(), t.subsec_nanos()), (1_700_000_000, 500_000_000));
/// assert_eq!(serde_json::to_string(&t).unwrap(), "1700000000.5");
/// assert_eq!(t.to_string(), "2023-11-14T22:13:20.500Z");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp {
    secs: i64,
    nanos: u32,
}

impl Timestamp {
    /// The Unix epoch.
    pub const EPOCH: Timestamp = Timestamp { secs: 0, nanos: 0 };

    /// `secs` seconds after the epoch (negative: before).
    pub const fn from_secs(secs: i64) -> Self {
        Timestamp { secs, nanos: 0 }
    }

    /// `secs` seconds and `nanos` nanoseconds after the epoch; `nanos` above 999,999,999 carry
    /// into the seconds.
    pub const fn from_secs_and_nanos(secs: i64, nanos: u32) -> Self {
        Timestamp {
            secs: secs + (nanos / 1_000_000_000) as i64,
            nanos: nanos % 1_000_000_000,
        }
    }

    /// `millis` milliseconds after the epoch.
    pub const fn from_millis(millis: i64) -> Self {
        Timestamp {
            secs: millis.div_euclid(1000),
            nanos: (millis.rem_euclid(1000) * 1_000_000) as u32,
        }
    }

    /// From fractional epoch seconds, as the wire carries them; `None` for NaN or infinities and
    /// for values beyond the `i64` range of seconds.
    ///
    /// The fraction is taken from the shortest decimal spelling of the number (what the wire
    /// carried), so `1700000000.123` is exactly 123 ms past the second, not the binary
    /// approximation's 122,999,907 ns; digits past nanoseconds are cut off.
    pub fn from_secs_f64(secs: f64) -> Option<Self> {
        if !secs.is_finite() || secs.abs() >= 9.2e18 {
            return None;
        }
        let text = format!("{}", secs.abs());
        let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
        let whole: i64 = whole.parse().ok()?;
        let mut digits: String = frac.chars().take(9).collect();
        while digits.len() < 9 {
            digits.push('0');
        }
        let nanos: u32 = digits.parse().ok()?;
        Some(if secs < 0.0 && nanos > 0 {
            Timestamp {
                secs: -whole - 1,
                nanos: 1_000_000_000 - nanos,
            }
        } else if secs < 0.0 {
            Timestamp {
                secs: -whole,
                nanos: 0,
            }
        } else {
            Timestamp { secs: whole, nanos }
        })
    }

    /// The current time.
    pub fn now() -> Self {
        SystemTime::now().into()
    }

    /// Whole seconds since the epoch (rounded down).
    pub const fn secs(self) -> i64 {
        self.secs
    }

    /// The nanoseconds past [`secs`](Self::secs).
    pub const fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// Fractional epoch seconds.
    pub fn as_secs_f64(self) -> f64 {
        self.secs as f64 + f64::from(self.nanos) / 1e9
    }
}

impl From<SystemTime> for Timestamp {
    fn from(t: SystemTime) -> Self {
        match t.duration_since(UNIX_EPOCH) {
            Ok(d) => Timestamp {
                secs: d.as_secs() as i64,
                nanos: d.subsec_nanos(),
            },
            Err(e) => {
                let d = e.duration();
                let (secs, nanos) = (d.as_secs() as i64, d.subsec_nanos());
                if nanos == 0 {
                    Timestamp {
                        secs: -secs,
                        nanos: 0,
                    }
                } else {
                    Timestamp {
                        secs: -secs - 1,
                        nanos: 1_000_000_000 - nanos,
                    }
                }
            }
        }
    }
}

impl From<Timestamp> for SystemTime {
    fn from(t: Timestamp) -> Self {
        if t.secs >= 0 {
            UNIX_EPOCH + Duration::new(t.secs as u64, t.nanos)
        } else {
            UNIX_EPOCH - Duration::from_secs(t.secs.unsigned_abs())
                + Duration::from_nanos(u64::from(t.nanos))
        }
    }
}

/// ISO-8601 in UTC with millisecond precision when there is a fraction
/// (`2023-11-14T22:13:20Z`, `2023-11-14T22:13:20.500Z`).
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.secs.div_euclid(86_400);
        let rem = self.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )?;
        if self.nanos != 0 {
            write!(f, ".{:03}", self.nanos / 1_000_000)?;
        }
        f.write_str("Z")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.nanos == 0 {
            s.serialize_i64(self.secs)
        } else {
            s.serialize_f64(self.as_secs_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a timestamp in epoch seconds")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Ok(Timestamp::from_secs(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
                i64::try_from(v)
                    .map(Timestamp::from_secs)
                    .map_err(|_| E::custom("timestamp out of range"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Timestamp, E> {
                Timestamp::from_secs_f64(v).ok_or_else(|| E::custom("timestamp out of range"))
            }
        }
        d.deserialize_any(V)
    }
}
