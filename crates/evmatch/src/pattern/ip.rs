//! IP addresses and CIDR blocks, as event-ruler's `CIDR` reads them.
//!
//! Admission is two-step: text must *look like* an address (`d+.d+.d+.d+`, or only hex digits
//! and colons with at least one colon), then parse by the JVM's `InetAddress` rules (IPv4: four
//! decimal parts 0–255, leading zeros read as decimal, at most 15 chars; IPv6: 1–4 hex digit
//! groups, at most one `::`; IPv4-mapped IPv6 becomes IPv4). Matching compares upper-case hex
//! renderings of the address bytes as strings — 8 digits for IPv4, 32 for IPv6 — against the
//! block's inclusive `[low, high]`, which is how the library lets families leak into each other
//! (PATTERNS.md §9.6.2). That quirk is reproduced on purpose.

use std::cmp::Ordering;

/// An inclusive range of addresses, as upper-case hex strings of the address bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IpRange {
    low: String,
    high: String,
}

impl IpRange {
    /// Whether the address text `value` lies in the range (false when it is no address).
    pub fn contains(&self, value: &str) -> bool {
        // Checked first so that non-addresses do not build parse_address's error text.
        if !looks_like_v4(value) && !looks_like_v6(value) {
            return false;
        }
        match parse_address(value) {
            Ok(bytes) => self.contains_hex(&hex(&bytes)),
            Err(_) => false,
        }
    }

    fn contains_hex(&self, hex: &str) -> bool {
        hex.cmp(&self.low) != Ordering::Less && hex.cmp(&self.high) != Ordering::Greater
    }

    /// The single address `text`, when it is an IP address.
    pub fn address(text: &str) -> Option<IpRange> {
        // Checked first so that non-addresses do not build parse_address's error text.
        if !looks_like_v4(text) && !looks_like_v6(text) {
            return None;
        }
        let bytes = parse_address(text).ok()?;
        let h = hex(&bytes);
        Some(IpRange {
            low: h.clone(),
            high: h,
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
        let bytes = parse_address(addr)?;
        let bits = bits as usize;
        if bytes.len() == 4 && bits >= 32 {
            return Err("IPv4 mask bits must be < 32".into());
        }
        if bytes.len() == 16 && bits >= 128 {
            return Err("IPv6 mask bits must be < 128".into());
        }
        let mut low = bytes.clone();
        let mut high = bytes;
        for i in 0..low.len() {
            let keep = bits.saturating_sub(i * 8).min(8);
            let mask: u8 = if keep == 0 { 0 } else { 0xFFu8 << (8 - keep) };
            low[i] &= mask;
            high[i] |= !mask;
        }
        Ok(IpRange {
            low: hex(&low),
            high: hex(&high),
        })
    }
}

/// Java's `Integer.parseInt`: optional sign, decimal digits, 32-bit range.
fn parse_java_int(s: &str) -> Option<i32> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i32>().ok()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn looks_like_v4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn looks_like_v6(s: &str) -> bool {
    s.contains(':') && s.bytes().all(|b| b == b':' || b.is_ascii_hexdigit())
}

/// The address bytes (4 or 16) of `text`, or the library's error text.
fn parse_address(text: &str) -> Result<Vec<u8>, String> {
    if looks_like_v4(text) {
        parse_v4(text).ok_or_else(|| format!("Invalid IP address: {text}"))
    } else if looks_like_v6(text) {
        let bytes = parse_v6(text).ok_or_else(|| format!("Invalid IP address: {text}"))?;
        // The JVM turns IPv4-mapped addresses into IPv4 ones.
        if bytes[..10].iter().all(|&b| b == 0) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            Ok(bytes[12..].to_vec())
        } else {
            Ok(bytes)
        }
    } else {
        Err(format!("Nonstandard IP address: {text}"))
    }
}

fn parse_v4(s: &str) -> Option<Vec<u8>> {
    if s.len() > 15 {
        return None;
    }
    s.split('.')
        .map(|p| p.parse::<u32>().ok().filter(|&v| v <= 255).map(|v| v as u8))
        .collect()
}

fn parse_v6(s: &str) -> Option<Vec<u8>> {
    if s.len() < 2 {
        return None;
    }
    let (head, tail) = match s.find("::") {
        Some(i) => {
            let (h, t) = (&s[..i], &s[i + 2..]);
            if t.contains("::") {
                return None;
            }
            (h, Some(t))
        }
        None => (s, None),
    };
    let groups = |part: &str| -> Option<Vec<u16>> {
        if part.is_empty() {
            return Some(Vec::new());
        }
        part.split(':')
            .map(|g| {
                if g.is_empty() || g.len() > 4 {
                    None
                } else {
                    u16::from_str_radix(g, 16).ok()
                }
            })
            .collect()
    };
    let head = groups(head)?;
    let mut words = head;
    match tail {
        Some(t) => {
            let tail = groups(t)?;
            if words.len() + tail.len() >= 8 {
                return None;
            }
            words.resize(8 - tail.len(), 0);
            words.extend(tail);
        }
        None if words.len() != 8 => return None,
        None => {}
    }
    Some(words.iter().flat_map(|w| w.to_be_bytes()).collect())
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
