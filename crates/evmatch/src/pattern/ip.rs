//! IP addresses and CIDR blocks, as event-ruler's `CIDR` reads them.
//!
//! Admission is two-step: text must *look like* an address (`d+.d+.d+.d+`, or only hex digits
//! and colons with at least one colon), then parse by the JVM's `InetAddress` rules (IPv4: four
//! decimal parts 0–255, leading zeros read as decimal, at most 15 chars; IPv6: 1–4 hex digit
//! groups, at most one `::`; IPv4-mapped IPv6 becomes IPv4).
//!
//! An [`Address`] is kept as a number (32 bits for IPv4, 128 for IPv6) and an [`IpRange`] as the
//! numeric bounds of an aligned block of one family (a CIDR block, or a single address as a /32
//! or /128 block). **Matching across families** follows the library, which compares the address
//! as hex digits (8 for IPv4, 32 for IPv6) against the block's: the value matches when its hex is
//! at least as long as the block's and its first (block length) digits lie in the block's range.
//! In numbers ([`IpRange::contains_address`]): IPv4 in IPv4 and IPv6 in IPv6 compare as usual;
//! an IPv6 value matches an IPv4 block when its top 32 bits lie in it; an IPv4 value never
//! matches an IPv6 block.
//!
//! Costs: parsing a value is one pass over its text and never allocates (only the error texts
//! of [`IpRange::cidr`] do); a containment test is two comparisons.
//!
//! The grammar is written with nom ([`dotted_quad`], [`group`], [`groups`], [`v6`],
//! [`parse_java_int`]); the Java quirks around it (`String.split` dropping trailing empty
//! parts, the look-alike checks that choose between the "Invalid" and "Nonstandard" texts) stay
//! plain code.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, digit1};
use nom::combinator::{all_consuming, map_res, opt, recognize};
use nom::multi::fold_many0;
use nom::sequence::preceded;
use nom::{IResult, Parser};

/// One IP address, IPv4-mapped IPv6 addresses already read as IPv4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Address {
    /// An IPv4 address.
    V4(u32),
    /// An IPv6 address (never IPv4-mapped).
    V6(u128),
}

/// An inclusive range of addresses of one family: a CIDR block, or one address (as a /32 or
/// /128 block).
///
/// Invariant: the range is an aligned block, `low ^ high` is a run of trailing one bits and
/// `low & (low ^ high) == 0`, so it is also `(network, prefix length)` ([`IpRange::prefix_len`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IpRange {
    /// An IPv4 block.
    V4 {
        /// The first address.
        low: u32,
        /// The last address.
        high: u32,
    },
    /// An IPv6 block.
    V6 {
        /// The first address.
        low: u128,
        /// The last address.
        high: u128,
    },
}

/// Why text is not an address (the error texts of [`IpRange::cidr`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotAnAddress {
    /// It looks like an address but does not parse.
    Invalid,
    /// It does not look like an address.
    Nonstandard,
}

impl NotAnAddress {
    fn text(self, addr: &str) -> String {
        match self {
            NotAnAddress::Invalid => format!("Invalid IP address: {addr}"),
            NotAnAddress::Nonstandard => format!("Nonstandard IP address: {addr}"),
        }
    }
}

/// `d+.d+.d+.d+`: the four decimal parts.
fn dotted_quad(s: &str) -> IResult<&str, [&str; 4]> {
    let (rest, (a, _, b, _, c, _, d)) = (
        digit1,
        char('.'),
        digit1,
        char('.'),
        digit1,
        char('.'),
        digit1,
    )
        .parse(s)?;
    Ok((rest, [a, b, c, d]))
}

/// One IPv6 group: 1–4 hex digits.
fn group(s: &str) -> IResult<&str, u16> {
    map_res(take_while_m_n(1, 4, |c: char| c.is_ascii_hexdigit()), |g| {
        u16::from_str_radix(g, 16)
    })
    .parse(s)
}

/// The groups on one side of a `::`: up to eight kept in place, `len` counting on (saturating
/// at nine, which is too many either way).
#[derive(Debug, Clone, Copy, Default)]
struct Groups {
    words: [u16; 8],
    len: usize,
}

impl Groups {
    fn push(mut self, g: u16) -> Groups {
        if let Some(w) = self.words.get_mut(self.len) {
            *w = g;
        }
        self.len = (self.len + 1).min(9);
        self
    }

    /// The groups as one number, the first group highest.
    fn value(&self) -> u128 {
        self.words[..self.len.min(8)]
            .iter()
            .fold(0, |a, &g| a << 16 | u128::from(g))
    }
}

/// Groups separated by `:`, possibly none (a `:` not followed by a group is left unread).
fn groups(s: &str) -> IResult<&str, Groups> {
    let (rest, first) = opt(group).parse(s)?;
    match first {
        None => Ok((rest, Groups::default())),
        Some(g) => fold_many0(
            preceded(char(':'), group),
            move || Groups::default().push(g),
            Groups::push,
        )
        .parse(rest),
    }
}

/// `head ("::" tail)?`.
fn v6(s: &str) -> IResult<&str, (Groups, Option<Groups>)> {
    (groups, opt(preceded(tag("::"), groups))).parse(s)
}

impl Address {
    /// The address `text`, when it is one (same admission rules as `cidr` operands).
    pub fn parse(text: &str) -> Option<Address> {
        parse_address(text).ok()
    }
}

impl IpRange {
    /// Whether the address text `value` lies in the range (false when it is no address).
    pub fn contains(&self, value: &str) -> bool {
        Address::parse(value).is_some_and(|a| self.contains_address(a))
    }

    /// Whether `a` lies in the range, by the cross-family rule of the module docs.
    #[inline]
    pub fn contains_address(&self, a: Address) -> bool {
        match (*self, a) {
            (IpRange::V4 { low, high }, Address::V4(x)) => low <= x && x <= high,
            (IpRange::V4 { low, high }, Address::V6(x)) => {
                let top = (x >> 96) as u32;
                low <= top && top <= high
            }
            (IpRange::V6 { low, high }, Address::V6(x)) => low <= x && x <= high,
            (IpRange::V6 { .. }, Address::V4(_)) => false,
        }
    }

    /// The number of leading bits every address of the block shares (32 or 128 for one
    /// address).
    pub fn prefix_len(&self) -> u32 {
        match *self {
            IpRange::V4 { low, high } => (low ^ high).leading_zeros(),
            IpRange::V6 { low, high } => (low ^ high).leading_zeros(),
        }
    }

    /// The single address `text`, when it is an IP address.
    pub fn address(text: &str) -> Option<IpRange> {
        Some(match Address::parse(text)? {
            Address::V4(a) => IpRange::V4 { low: a, high: a },
            Address::V6(a) => IpRange::V6 { low: a, high: a },
        })
    }

    /// The block of a `cidr` operand, or the library's error text.
    pub fn cidr(text: &str) -> Result<IpRange, String> {
        // Java's `String.split("/")`: trailing empty parts are dropped.
        let mut parts: Vec<&str> = text.split('/').collect();
        while parts.last() == Some(&"") {
            parts.pop();
        }
        let [addr, bits] = parts[..] else {
            return Err("Malformed CIDR, one '/' required".into());
        };
        let bits: i32 = parse_java_int(bits)
            .ok_or_else(|| "Malformed CIDR, mask bits must be an integer".to_string())?;
        if bits < 0 {
            return Err("Malformed CIDR, mask bits must not be negative".into());
        }
        let bits = bits as u32;
        match parse_address(addr).map_err(|e| e.text(addr))? {
            Address::V4(_) if bits >= 32 => Err("IPv4 mask bits must be < 32".into()),
            Address::V6(_) if bits >= 128 => Err("IPv6 mask bits must be < 128".into()),
            Address::V4(a) => {
                let host = u32::MAX >> bits;
                Ok(IpRange::V4 {
                    low: a & !host,
                    high: a | host,
                })
            }
            Address::V6(a) => {
                let host = u128::MAX >> bits;
                Ok(IpRange::V6 {
                    low: a & !host,
                    high: a | host,
                })
            }
        }
    }
}

/// Java's `Integer.parseInt`: optional sign, decimal digits, 32-bit range.
fn parse_java_int(s: &str) -> Option<i32> {
    let signed: IResult<&str, &str> =
        all_consuming(recognize((opt(alt((char('+'), char('-')))), digit1))).parse(s);
    signed.ok()?;
    s.parse::<i32>().ok()
}

/// Whether `s` has the shape of an IPv6 address: only hex digits and colons, at least one colon
/// (a character class, not a grammar: no parser needed).
fn looks_like_v6(s: &str) -> bool {
    s.contains(':') && s.bytes().all(|b| b == b':' || b.is_ascii_hexdigit())
}

/// The address `text`, or why it is none.
fn parse_address(text: &str) -> Result<Address, NotAnAddress> {
    if let Ok((_, parts)) = all_consuming(dotted_quad).parse(text) {
        // The JVM's limit on the text of an IPv4 address.
        if text.len() > 15 {
            return Err(NotAnAddress::Invalid);
        }
        let mut a = 0u32;
        for p in parts {
            let v = p
                .parse::<u32>()
                .ok()
                .filter(|&v| v <= 255)
                .ok_or(NotAnAddress::Invalid)?;
            a = a << 8 | v;
        }
        return Ok(Address::V4(a));
    }
    if !looks_like_v6(text) {
        return Err(NotAnAddress::Nonstandard);
    }
    let a = parse_v6(text).ok_or(NotAnAddress::Invalid)?;
    // The JVM turns IPv4-mapped addresses (`::ffff:a.b.c.d` in hex) into IPv4 ones.
    if a >> 32 == 0xFFFF {
        Ok(Address::V4(a as u32))
    } else {
        Ok(Address::V6(a))
    }
}

/// The 128 bits of an IPv6 address: at most one `::`, which stands for at least one zero
/// group, and eight groups in all.
fn parse_v6(s: &str) -> Option<u128> {
    if s.len() < 2 {
        return None;
    }
    let (_, (head, tail)) = all_consuming(v6).parse(s).ok()?;
    match tail {
        Some(tail) => {
            if head.len + tail.len >= 8 {
                return None;
            }
            let shift = 16 * (8 - head.len) as u32;
            Some(head.value().checked_shl(shift).unwrap_or(0) | tail.value())
        }
        None if head.len != 8 => None,
        None => Some(head.value()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_blocks() {
        let r = IpRange::cidr("10.0.0.0/24").unwrap();
        assert!(r.contains("10.0.0.255"));
        assert!(!r.contains("10.0.1.0"));
        assert!(r.contains("010.0.0.5"));
        assert!(r.contains("0a00:0000::"));
        assert!(!r.contains("10.0.0.5 "));
        assert!(
            IpRange::cidr("10.0.0.0/8")
                .unwrap()
                .contains("::ffff:a00:1")
        );
        assert!(
            IpRange::cidr("2001:db8::/32")
                .unwrap()
                .contains("2001:DB8:0:0:0:0:0:1")
        );
    }

    #[test]
    fn cidr_errors() {
        let e = |s| IpRange::cidr(s).unwrap_err();
        assert_eq!(e("10.0.0.1"), "Malformed CIDR, one '/' required");
        assert_eq!(e("10.0.0.0/"), "Malformed CIDR, one '/' required");
        assert_eq!(e("10.0.0.0//24"), "Malformed CIDR, one '/' required");
        assert_eq!(
            e("10.0.0.0/xx"),
            "Malformed CIDR, mask bits must be an integer"
        );
        assert_eq!(
            e("10.0.0.0/-1"),
            "Malformed CIDR, mask bits must not be negative"
        );
        assert_eq!(e("10.0.0.0/32"), "IPv4 mask bits must be < 32");
        assert_eq!(e("::1/128"), "IPv6 mask bits must be < 128");
        assert_eq!(e("999.1.1.1/24"), "Invalid IP address: 999.1.1.1");
        assert_eq!(e("example.com/24"), "Nonstandard IP address: example.com");
        assert_eq!(e("10.0.0/24"), "Nonstandard IP address: 10.0.0");
        assert_eq!(
            e("::ffff:10.0.0.1/24"),
            "Nonstandard IP address: ::ffff:10.0.0.1"
        );
        assert_eq!(e("::ffff:0:0/96"), "IPv4 mask bits must be < 32");
        assert!(IpRange::cidr("10.0.0.0/+24").is_ok());
        assert!(IpRange::cidr("10.0.0.0/24/").is_ok());
        assert_eq!(e("/24"), "Nonstandard IP address: ");
        assert!(IpRange::cidr("1.2.3.4/-0").is_ok());
        assert!(IpRange::cidr("0010.010.010.010/8").is_err());
        assert!(IpRange::cidr("010.010.010.010/8").is_ok());
    }

    #[test]
    fn cross_family() {
        let r = |s| IpRange::cidr(s).unwrap();
        // An IPv6 value matches an IPv4 block when its top 32 bits lie in it.
        assert!(r("10.0.0.0/24").contains("a00:ff::"));
        assert!(r("10.0.0.0/24").contains("a00:0:ffff::1"));
        assert!(!r("10.0.0.0/24").contains("a00:100::"));
        // An IPv4 value never matches an IPv6 block.
        assert!(!r("::/0").contains("255.255.255.255"));
        assert!(!r("ffff::/16").contains("255.255.255.255"));
        assert!(!r("::/0").contains("0.0.0.0"));
        // IPv4-mapped values are IPv4 ones.
        assert!(!r("::/0").contains("::ffff:a00:1"));
        // A single IPv4 address is a /32 block.
        let one = IpRange::address("10.0.0.1").unwrap();
        assert_eq!(one.prefix_len(), 32);
        assert!(one.contains("a00:1::"));
        assert!(!one.contains("a00:2::"));
        assert!(!IpRange::address("a00:1::").unwrap().contains("10.0.0.1"));
        assert_eq!(r("10.0.0.0/24").prefix_len(), 24);
        assert_eq!(r("::/0").prefix_len(), 0);
        assert_eq!(r("2001:db8::/127").prefix_len(), 127);
    }

    /// The cross-family rule in its hex form: the value's hex digits are at least as many as
    /// the block's, and their first (block length) digits lie in the block's range.
    fn hex_rule(r: &IpRange, a: Address) -> bool {
        let (low, high) = match *r {
            IpRange::V4 { low, high } => (format!("{low:08X}"), format!("{high:08X}")),
            IpRange::V6 { low, high } => (format!("{low:032X}"), format!("{high:032X}")),
        };
        let v = match a {
            Address::V4(x) => format!("{x:08X}"),
            Address::V6(x) => format!("{x:032X}"),
        };
        v.len() >= low.len() && {
            let p = &v[..low.len()];
            low.as_str() <= p && p <= high.as_str()
        }
    }

    proptest::proptest! {
        #[test]
        fn numeric_rule_is_the_hex_rule(
            net in proptest::prelude::any::<u128>(),
            bits in 0u32..129,
            v4_block in proptest::prelude::any::<bool>(),
            x in proptest::prelude::any::<u128>(),
            v4_value in proptest::prelude::any::<bool>(),
            near in proptest::prelude::any::<bool>(),
        ) {
            let r = if v4_block {
                let bits = bits.min(32);
                let host = u32::MAX.checked_shr(bits).unwrap_or(0);
                let n = net as u32;
                IpRange::V4 { low: n & !host, high: n | host }
            } else {
                let host = u128::MAX.checked_shr(bits).unwrap_or(0);
                IpRange::V6 { low: net & !host, high: net | host }
            };
            // Half the values are drawn next to the block, so that hits are frequent.
            let x = if near {
                match r {
                    IpRange::V4 { low, .. } if v4_value => u128::from(low ^ (x as u32 & 0xFF)),
                    IpRange::V4 { low, .. } => u128::from(low ^ (x as u32 & 0xFF)) << 96 | x >> 32,
                    IpRange::V6 { low, .. } => low ^ (x & 0xFFFF),
                }
            } else {
                x
            };
            let a = if v4_value { Address::V4(x as u32) } else { Address::V6(x) };
            proptest::prop_assert_eq!(r.contains_address(a), hex_rule(&r, a));
        }
    }

    #[test]
    fn addresses() {
        let a = IpRange::address("10.0.0.1").unwrap();
        assert!(a.contains("010.000.000.001"));
        assert!(
            IpRange::address("2001:db8::1")
                .unwrap()
                .contains("2001:DB8:0:0:0:0:0:1")
        );
        assert!(IpRange::address("1:2:3:4:5:6:7::8").is_none());
        assert!(IpRange::address(":1::").is_none());
        assert!(IpRange::address("abc").is_none());
    }
}
