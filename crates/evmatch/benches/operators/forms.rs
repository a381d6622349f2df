//! The operator forms the `operators` bench measures, the events it matches them against, and
//! the match counts those events must give.
//!
//! Rule `i` of a form constrains one path with one operand built from `i` (five digits `d`);
//! event values are built from an index `j` the same way, so which rules an event matches is
//! known in advance ([`Form::expected`]) without asking any matcher:
//!
//! * strings are `v{d}-x{d}` (`v00042-x00042`): every string form has an operand that matches
//!   exactly that value's `j` — `v{d}-` as a prefix, `-X{d}` as an ignore-case suffix, `*{d}*`
//!   as an infix wildcard (no other five-digit run occurs in the value), …;
//! * numbers are `10 j + 5`, hit by the literal, by `= 10 j + 5` and by `[10 j, 10 j + 10)`;
//! * addresses are `10.{j / 256}.{j % 256}.7`, hit by the literal and by the `/24` block;
//! * the forms that match almost every value (`anything-but`, `exists`, `true`/`false`/`null`)
//!   are *broad*: an event matches nearly all K of them, and the bench reports the time per
//!   reported rule id.
//!
//! Everything is drawn from a seeded generator ([`Rng`]), so every run sees the same events.

/// A small deterministic generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    /// A generator for one (form, rule count) pair: the same seed always gives the same events.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5eed_0f0b_e7a7_0e00)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The shape of the values a form's rules read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Values {
    /// `"v{d}-x{d}"`.
    Str,
    /// `10 j + 5`.
    Num,
    /// `"10.{j / 256}.{j % 256}.7"`.
    Ip,
    /// `true`, `false` or `null` for `j` = 0, 1, 2.
    BoolNull,
}

/// Which of a form's K rules (ids `0..K`) an event value with index `j` matches.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Expect {
    /// Rule `j` only (none when `j >= K`); values are drawn from `0..K`.
    One,
    /// Every rule but `j`; values are drawn from `0..=K`, so at K = 1 half the events match.
    AllBut,
    /// Every rule (the same pattern K times) when the path is present.
    All,
    /// Every rule (`exists: false`, K times) when the path is absent, none when present; the
    /// path is absent from half the events.
    AllIfAbsent,
    /// The rules `i` with `i % 3 == j` (`true`, `false`, `null` in turn); `j` is drawn from 0..3.
    SameClass,
}

/// One operator form.
pub struct Form {
    /// Short name, for tables and criterion ids.
    pub name: &'static str,
    pub values: Values,
    pub expect: Expect,
    /// The value-list element(s) of rule `i` (`d` = `i` in five digits), e.g. `{"prefix":"v00042-"}`.
    operand: fn(&str, usize) -> String,
}

/// `i` in five digits.
pub fn digits(i: usize) -> String {
    format!("{i:05}")
}

fn num(i: usize) -> usize {
    10 * i + 5
}

fn ip(j: usize) -> String {
    format!("10.{}.{}.7", j / 256, j % 256)
}

/// Every form, in table order.
pub const FORMS: &[Form] = &[
    Form::one("exact", Values::Str, |d, _| format!(r#""v{d}-x{d}""#)),
    Form::one("exactly", Values::Str, |d, _| {
        format!(r#"{{"exactly":"v{d}-x{d}"}}"#)
    }),
    Form::one("number", Values::Num, |_, i| num(i).to_string()),
    Form::one("numeric =", Values::Num, |_, i| {
        format!(r#"{{"numeric":["=",{}]}}"#, num(i))
    }),
    Form::one("numeric range", Values::Num, |_, i| {
        format!(r#"{{"numeric":[">=",{},"<",{}]}}"#, 10 * i, 10 * i + 10)
    }),
    Form::one("ip literal", Values::Ip, |_, i| format!(r#""{}""#, ip(i))),
    Form::one("prefix", Values::Str, |d, _| {
        format!(r#"{{"prefix":"v{d}-"}}"#)
    }),
    Form::one("suffix", Values::Str, |d, _| {
        format!(r#"{{"suffix":"-x{d}"}}"#)
    }),
    Form::one("equals-ignore-case", Values::Str, |d, _| {
        format!(r#"{{"equals-ignore-case":"V{d}-X{d}"}}"#)
    }),
    Form::one("prefix ignore-case", Values::Str, |d, _| {
        format!(r#"{{"prefix":{{"equals-ignore-case":"V{d}-"}}}}"#)
    }),
    Form::one("suffix ignore-case", Values::Str, |d, _| {
        format!(r#"{{"suffix":{{"equals-ignore-case":"-X{d}"}}}}"#)
    }),
    Form::one("wildcard v{d}*x{d}", Values::Str, |d, _| {
        format!(r#"{{"wildcard":"v{d}*x{d}"}}"#)
    }),
    Form::one("wildcard *x{d}", Values::Str, |d, _| {
        format!(r#"{{"wildcard":"*x{d}"}}"#)
    }),
    Form::one("wildcard *{d}*", Values::Str, |d, _| {
        format!(r#"{{"wildcard":"*{d}*"}}"#)
    }),
    Form::one("cidr /24", Values::Ip, |_, i| {
        format!(r#"{{"cidr":"10.{}.{}.0/24"}}"#, i / 256, i % 256)
    }),
    Form::broad("anything-but value", Values::Str, Expect::AllBut, |d, _| {
        format!(r#"{{"anything-but":"v{d}-x{d}"}}"#)
    }),
    Form::broad("anything-but list", Values::Str, Expect::AllBut, |d, _| {
        format!(r#"{{"anything-but":["v{d}-x{d}","v{d}-y{d}","w{d}"]}}"#)
    }),
    Form::broad(
        "anything-but prefix",
        Values::Str,
        Expect::AllBut,
        |d, _| format!(r#"{{"anything-but":{{"prefix":"v{d}-"}}}}"#),
    ),
    Form::broad(
        "anything-but suffix",
        Values::Str,
        Expect::AllBut,
        |d, _| format!(r#"{{"anything-but":{{"suffix":"-x{d}"}}}}"#),
    ),
    Form::broad(
        "anything-but ignore-case",
        Values::Str,
        Expect::AllBut,
        |d, _| format!(r#"{{"anything-but":{{"equals-ignore-case":"V{d}-X{d}"}}}}"#),
    ),
    Form::broad(
        "anything-but wildcard",
        Values::Str,
        Expect::AllBut,
        |d, _| format!(r#"{{"anything-but":{{"wildcard":"v{d}-*"}}}}"#),
    ),
    Form::broad("exists true (same)", Values::Str, Expect::All, |_, _| {
        r#"{"exists":true}"#.to_string()
    }),
    Form::broad(
        "exists false (same)",
        Values::Str,
        Expect::AllIfAbsent,
        |_, _| r#"{"exists":false}"#.to_string(),
    ),
    Form::broad(
        "true/false/null",
        Values::BoolNull,
        Expect::SameClass,
        |_, i| ["true", "false", "null"][i % 3].to_string(),
    ),
];

impl Form {
    const fn one(name: &'static str, values: Values, operand: fn(&str, usize) -> String) -> Form {
        Form {
            name,
            values,
            expect: Expect::One,
            operand,
        }
    }

    const fn broad(
        name: &'static str,
        values: Values,
        expect: Expect,
        operand: fn(&str, usize) -> String,
    ) -> Form {
        Form {
            name,
            values,
            expect,
            operand,
        }
    }

    /// Whether an event matches about K of this form's K rules (not about one).
    pub fn is_broad(&self) -> bool {
        self.expect != Expect::One
    }

    /// Rule `i`: `{"detail":{"<field>":[operand]}}`.
    pub fn rule(&self, field: &str, i: usize) -> String {
        format!(
            r#"{{"detail":{{"{field}":[{}]}}}}"#,
            (self.operand)(&digits(i), i)
        )
    }

    /// Draw the value index for one event against `k` rules (`None`: the path is absent).
    pub fn draw(&self, rng: &mut Rng, k: usize) -> Option<usize> {
        match self.expect {
            Expect::One | Expect::All => Some(rng.below(k)),
            Expect::AllBut => Some(rng.below(k + 1)),
            Expect::AllIfAbsent => (rng.next() & 1 == 1).then(|| rng.below(k)),
            Expect::SameClass => Some(rng.below(3)),
        }
    }

    /// The JSON text of value `j` of this form's shape.
    pub fn value(&self, j: usize) -> String {
        value(self.values, j)
    }

    /// (count, sum of ids) of the rules `0..k` that an event with value index `j` matches.
    pub fn expected(&self, k: usize, j: Option<usize>) -> Tally {
        let all = Tally {
            count: k as u64,
            id_sum: (k as u64) * (k as u64).saturating_sub(1) / 2,
        };
        match (self.expect, j) {
            (Expect::AllIfAbsent, None) => all,
            (_, None) | (Expect::AllIfAbsent, Some(_)) => Tally::default(),
            (Expect::One, Some(j)) if j < k => Tally {
                count: 1,
                id_sum: j as u64,
            },
            (Expect::One, Some(_)) => Tally::default(),
            (Expect::AllBut, Some(j)) if j < k => Tally {
                count: all.count - 1,
                id_sum: all.id_sum - j as u64,
            },
            (Expect::AllBut | Expect::All, Some(_)) => all,
            (Expect::SameClass, Some(j)) => {
                let ids = (j..k).step_by(3).map(|i| i as u64);
                Tally {
                    count: ids.clone().count() as u64,
                    id_sum: ids.sum(),
                }
            }
        }
    }
}

/// The JSON text of value `j` of shape `values`.
pub fn value(values: Values, j: usize) -> String {
    match values {
        Values::Str => {
            let d = digits(j);
            format!(r#""v{d}-x{d}""#)
        }
        Values::Num => num(j).to_string(),
        Values::Ip => format!(r#""{}""#, ip(j)),
        Values::BoolNull => ["true", "false", "null"][j % 3].to_string(),
    }
}

/// How many rules matched and the sum of their ids: cheap to compare for every event.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Tally {
    pub count: u64,
    pub id_sum: u64,
}

impl Tally {
    pub fn of(ids: &[u32]) -> Tally {
        Tally {
            count: ids.len() as u64,
            id_sum: ids.iter().map(|&i| u64::from(i)).sum(),
        }
    }

    /// The same tally with every id moved up by `offset`.
    pub fn shifted(self, offset: usize) -> Tally {
        Tally {
            count: self.count,
            id_sum: self.id_sum + self.count * offset as u64,
        }
    }

    pub fn add(&mut self, other: Tally) {
        self.count += other.count;
        self.id_sum += other.id_sum;
    }
}

/// One event: an EventBridge envelope whose `detail` holds a few members no rule reads and
/// `members` (name, JSON value text), in order.
pub fn event(rng: &mut Rng, members: &[(&str, String)]) -> Vec<u8> {
    let n = rng.next();
    let id = format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        n >> 32,
        (n >> 16) & 0xffff,
        n & 0xffff,
        rng.next() & 0xffff,
        rng.next() & 0xffff_ffff_ffff
    );
    let second = rng.below(86_400);
    let mut detail = format!(
        r#""state":"{}","size":{},"tags":["team-{}","prod"]"#,
        ["running", "stopped", "pending"][rng.below(3)],
        rng.below(1 << 20),
        rng.below(50)
    );
    for (name, value) in members {
        detail.push_str(&format!(r#","{name}":{value}"#));
    }
    format!(
        r#"{{"version":"0","id":"{id}","detail-type":"Operator Bench","source":"bench.operators","account":"123456789012","time":"2026-12-07T{:02}:{:02}:{:02}Z","region":"eu-west-1","resources":["arn:aws:bench:eu-west-1:123456789012:item/{}"],"detail":{{{detail}}}}}"#,
        second / 3600,
        second / 60 % 60,
        second % 60,
        n % 100_000,
    )
    .into_bytes()
}
