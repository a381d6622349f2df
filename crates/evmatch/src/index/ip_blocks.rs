//! [`IpBlocks`]: the `cidr` blocks and IP-address literals of one path, looked up by address.
//!
//! Job: given one parsed [`Address`], report the targets of every registered block that
//! contains it, by the cross-family rule of [`crate::pattern::ip`] (an IPv6 value is also
//! looked up, by its top 32 bits, among the IPv4 blocks; an IPv4 value never among the IPv6
//! ones). An IP-address literal is the block of its one address (/32 or /128), so literals and
//! `cidr` operands share the structure.
//!
//! Layout: per family, one hash table per distinct prefix length, mapping a block's network
//! address to its targets. CIDR blocks nest or are disjoint, so the blocks containing an
//! address are exactly those found under the address masked to each present length: a look-up
//! costs one mask and one hash probe per distinct prefix length (at most 33 for IPv4, 129 for
//! IPv6; usually one to four), plus the targets reported, whatever the number of blocks.
//! A sorted interval list with a running maximum of upper bounds (as for numeric ranges) was
//! the alternative; it degrades to a scan of every block once one wide block precedes many
//! narrow ones (`10.0.0.0/8` next to thousands of `10.x.y.0/24`), which this layout cannot.
//!
//! Invariants: every table is non-empty, and tables are sorted by prefix length; each key is
//! a network address with its host bits clear. Adding and removing cost one hash operation
//! (plus a table insertion or removal when a length appears or disappears); a table emptied by
//! removals is dropped, so memory is given back.

use super::targets::{Targets, remove_one};
use crate::pattern::ip::{Address, IpRange};
use crate::util::FxMap;

/// An address type: the bits of one family.
trait Bits: Copy + Eq + std::hash::Hash {
    /// `self` with all but the first `len` bits cleared.
    fn masked(self, len: u32) -> Self;
}

impl Bits for u32 {
    #[inline]
    fn masked(self, len: u32) -> u32 {
        self & u32::MAX.checked_shl(32 - len).unwrap_or(0)
    }
}

impl Bits for u128 {
    #[inline]
    fn masked(self, len: u32) -> u128 {
        self & u128::MAX.checked_shl(128 - len).unwrap_or(0)
    }
}

/// The blocks of one prefix length, by network address.
#[derive(Debug, Clone)]
struct Level<A> {
    len: u32,
    blocks: FxMap<A, Targets>,
}

/// The blocks of one family (see the module docs).
#[derive(Debug, Clone)]
struct Family<A> {
    /// Sorted by `len`, none empty.
    levels: Vec<Level<A>>,
}

impl<A> Default for Family<A> {
    fn default() -> Self {
        Family { levels: Vec::new() }
    }
}

impl<A: Bits> Family<A> {
    fn add(&mut self, network: A, len: u32, t: u32) {
        let at = match self.levels.binary_search_by_key(&len, |l| l.len) {
            Ok(i) => i,
            Err(i) => {
                self.levels.insert(
                    i,
                    Level {
                        len,
                        blocks: FxMap::default(),
                    },
                );
                i
            }
        };
        self.levels[at].blocks.entry(network).or_default().push(t);
    }

    fn remove(&mut self, network: A, len: u32, t: u32) {
        let Ok(at) = self.levels.binary_search_by_key(&len, |l| l.len) else {
            return;
        };
        let blocks = &mut self.levels[at].blocks;
        if let Some(list) = blocks.get_mut(&network) {
            remove_one(list, t);
            if list.is_empty() {
                blocks.remove(&network);
            }
        }
        if blocks.is_empty() {
            self.levels.remove(at);
        }
    }

    #[inline]
    fn lookup(&self, a: A, hit: &mut impl FnMut(u32)) {
        for level in &self.levels {
            if let Some(list) = level.blocks.get(&a.masked(level.len)) {
                list.iter().for_each(|&t| hit(t));
            }
        }
    }

    fn keys(&self) -> usize {
        self.levels.iter().map(|l| l.blocks.len()).sum()
    }

    fn approx_bytes(&self) -> usize {
        let targets = std::mem::size_of::<Targets>();
        let heap = |v: &Targets| if v.spilled() { v.capacity() * 4 } else { 0 };
        self.levels.capacity() * std::mem::size_of::<Level<A>>()
            + self
                .levels
                .iter()
                .map(|l| {
                    l.blocks.capacity() * (std::mem::size_of::<A>() + targets + 1)
                        + l.blocks.values().map(heap).sum::<usize>()
                })
                .sum::<usize>()
    }
}

/// The IP blocks (CIDR operands and address literals) of one path.
#[derive(Debug, Clone, Default)]
pub(crate) struct IpBlocks {
    v4: Family<u32>,
    v6: Family<u128>,
}

impl IpBlocks {
    /// Whether no block is registered (then values need not be parsed).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.v4.levels.is_empty() && self.v6.levels.is_empty()
    }

    /// Register block `r` for target `t`.
    pub fn add(&mut self, r: &IpRange, t: u32) {
        let len = r.prefix_len();
        match *r {
            IpRange::V4 { low, .. } => self.v4.add(low, len, t),
            IpRange::V6 { low, .. } => self.v6.add(low, len, t),
        }
    }

    /// Unregister one registration of `r` for `t` (the inverse of [`IpBlocks::add`]).
    pub fn remove(&mut self, r: &IpRange, t: u32) {
        let len = r.prefix_len();
        match *r {
            IpRange::V4 { low, .. } => self.v4.remove(low, len, t),
            IpRange::V6 { low, .. } => self.v6.remove(low, len, t),
        }
    }

    /// Call `hit` for the target of every block containing `a`.
    #[inline]
    pub fn lookup(&self, a: Address, hit: &mut impl FnMut(u32)) {
        match a {
            Address::V4(x) => self.v4.lookup(x, hit),
            Address::V6(x) => {
                self.v6.lookup(x, hit);
                self.v4.lookup((x >> 96) as u32, hit);
            }
        }
    }

    /// Distinct blocks, for statistics.
    pub fn keys(&self) -> usize {
        self.v4.keys() + self.v6.keys()
    }

    /// Approximate heap bytes.
    pub fn approx_bytes(&self) -> usize {
        self.v4.approx_bytes() + self.v6.approx_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flatten::Leaf;
    use crate::index::leaf_match::leaf_matches;
    use crate::index::value_index::ValueIndex;
    use crate::pattern::ir::Condition;

    fn hits(b: &IpBlocks, v: &str) -> Vec<u32> {
        let mut out = Vec::new();
        if let Some(a) = Address::parse(v) {
            b.lookup(a, &mut |t| out.push(t));
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn nested_blocks_and_families() {
        let mut b = IpBlocks::default();
        let blocks = [
            "10.0.0.0/8",
            "10.0.0.0/24",
            "10.0.1.0/24",
            "0.0.0.0/0",
            "::/0",
            "a00::/16",
        ];
        for (t, s) in blocks.iter().enumerate() {
            b.add(&IpRange::cidr(s).unwrap(), t as u32);
        }
        b.add(&IpRange::address("10.0.0.1").unwrap(), 6);
        assert_eq!(hits(&b, "10.0.0.1"), [0, 1, 3, 6]);
        assert_eq!(hits(&b, "10.0.1.7"), [0, 2, 3]);
        assert_eq!(hits(&b, "11.0.0.0"), [3]);
        // IPv6 values: the IPv6 blocks, and the IPv4 blocks by their top 32 bits.
        assert_eq!(hits(&b, "a00:1::"), [0, 1, 3, 4, 5, 6]);
        assert_eq!(hits(&b, "ffff::"), [3, 4]);
        for (t, s) in blocks.iter().enumerate() {
            b.remove(&IpRange::cidr(s).unwrap(), t as u32);
        }
        assert_eq!(hits(&b, "10.0.0.1"), [6]);
        b.remove(&IpRange::address("10.0.0.1").unwrap(), 6);
        assert!(b.is_empty());
        assert_eq!(b.keys(), 0);
    }

    #[test]
    fn agrees_with_contains() {
        let blocks = [
            "10.0.0.0/8",
            "10.0.0.0/31",
            "10.1.2.3/17",
            "0.0.0.0/0",
            "128.0.0.0/1",
            "::/0",
            "ffff::/16",
            "2001:db8::/32",
            "2001:db8::/127",
            "a00::/7",
        ];
        let values = [
            "10.0.0.0",
            "10.0.0.1",
            "10.0.0.2",
            "10.1.127.255",
            "10.1.128.0",
            "200.1.1.1",
            "255.255.255.255",
            "a00::",
            "a00:ff::",
            "a01:8000::1",
            "ffff::1",
            "2001:db8::",
            "2001:db8::1",
            "2001:db8::2",
            "::ffff:a00:1",
            "::",
        ];
        let mut b = IpBlocks::default();
        let ranges: Vec<IpRange> = blocks.iter().map(|s| IpRange::cidr(s).unwrap()).collect();
        for (t, r) in ranges.iter().enumerate() {
            b.add(r, t as u32);
        }
        for v in values {
            let want: Vec<u32> = (0..ranges.len() as u32)
                .filter(|&t| ranges[t as usize].contains(v))
                .collect();
            assert_eq!(hits(&b, v), want, "{v}");
        }
    }

    const BLOCKS: &[&str] = &[
        "10.0.0.0/8",
        "10.0.0.0/24",
        "10.0.1.0/24",
        "10.0.0.0/31",
        "0.0.0.0/0",
        "128.0.0.0/1",
        "::/0",
        "a00::/16",
        "a00::/7",
        "ffff::/16",
        "2001:db8::/32",
        "2001:db8::/127",
    ];
    const LITERALS: &[&str] = &["10.0.0.1", "10.0.1.7", "a00:1::", "2001:db8::1", "::1"];
    const VALUES: &[&str] = &[
        "10.0.0.0",
        "10.0.0.1",
        "010.000.000.001",
        "10.0.1.7",
        "10.0.2.0",
        "11.1.1.1",
        "200.1.1.1",
        "255.255.255.255",
        "a00::",
        "a00:1::",
        "a00:1:ffff::",
        "a00:ff::",
        "a00:107::",
        "a01::",
        "ffff::1",
        "2001:db8::",
        "2001:DB8:0:0:0:0:0:1",
        "2001:db8::2",
        "::1",
        "::ffff:a00:1",
        "::",
        "not an address",
        "10.0.0.1 ",
    ];

    /// A `cidr` block or an IP-address literal.
    fn ip_condition(i: usize) -> Condition {
        match BLOCKS.get(i) {
            Some(b) => Condition::Cidr(b.to_string(), IpRange::cidr(b).unwrap()),
            None => {
                let s = LITERALS[i - BLOCKS.len()];
                Condition::IpAddress(s.to_string(), IpRange::address(s).unwrap())
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Many `cidr` blocks and IP literals on one path (duplicates and shared targets
        /// included), added and removed in any order: a path's index reports exactly what
        /// per-entry evaluation does.
        #[test]
        fn value_index_agrees_with_per_entry(
            adds in proptest::collection::vec((0..BLOCKS.len() + LITERALS.len(), 0u32..16), 0..60),
            removals in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 0..60),
        ) {
            let mut idx = ValueIndex::default();
            let mut live: Vec<(Condition, u32)> = Vec::new();
            for &(i, t) in &adds {
                let c = ip_condition(i);
                idx.add(&c, t);
                live.push((c, t));
            }
            let check = |idx: &ValueIndex, live: &[(Condition, u32)]| {
                for v in VALUES {
                    let leaf = Leaf::Str(v);
                    let mut got = Vec::new();
                    idx.matches(leaf, |t| got.push(t));
                    got.sort_unstable();
                    let mut want: Vec<u32> = live
                        .iter()
                        .filter(|(c, _)| leaf_matches(c, leaf))
                        .map(|&(_, t)| t)
                        .collect();
                    want.sort_unstable();
                    proptest::prop_assert_eq!(got, want, "{}", v);
                }
                Ok(())
            };
            check(&idx, &live)?;
            for r in &removals {
                if live.is_empty() {
                    break;
                }
                let (c, t) = live.swap_remove(r.index(live.len()));
                idx.remove(&c, t);
                check(&idx, &live)?;
            }
            if live.is_empty() {
                proptest::prop_assert_eq!(idx.size(), (0, 0));
            }
        }
    }
}
