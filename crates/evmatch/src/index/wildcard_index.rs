//! [`WildcardIndex`]: many wildcards, each filed under one literal segment, so that a value
//! meets only the wildcards whose chosen segment it contains.
//!
//! **Job.** Given wildcards `w0 … wn`, name for a value `v` a small set of *candidates* that
//! includes every `wi` matching the whole of `v`; the caller confirms each with
//! [`Wildcard::matches`] unless the index says it already matches. The cost is `v`'s length
//! plus the candidates, whatever `n` is, as long as wildcards do not crowd under one key.
//!
//! **Keys.** Each wildcard is filed under its longest literal segment (ties: the first segment,
//! then the last, then the earliest inner one), because the longest segment is the one fewest
//! values contain:
//!
//! * a literal **first** segment: a prefix key, in an [`AffixSet`] walked along the value's
//!   start (`v00042*x00042` under `v00042`);
//! * a literal **last** segment: a suffix key, in an [`AffixSet`] walked along its end
//!   (`*x00042` under `x00042`);
//! * an **inner** segment: an infix key, found anywhere in the value by one Aho-Corasick
//!   automaton over all infix keys (`*00042*` under `00042`), every occurrence reported
//!   (overlapping search), the candidates deduplicated;
//! * no literal byte (`*`): matches every value, no key.
//!
//! The prefix and suffix sets see the value followed (preceded) by a quote — their quote quirk
//! for `prefix`/`suffix` operands — which can only add candidates, never lose one.
//!
//! **Crowds.** Wildcards sharing one key would all be candidates whenever the key occurs
//! (10,000 wildcards `xyz*<n>*` differing only after `xyz` where `xyz` is the longest
//! segment). When more than [`CROWD`] wildcards share a key, they go instead into one
//! [`WildcardAutomaton`] (a lazily determinised DFA over all crowded wildcards of the set),
//! whose answers are exact; if its DFA gives up on a value, the crowded wildcards become
//! candidates.
//!
//! **Invariants.** Immutable once built (the owner rebuilds it; see `wildcard_set`). Every
//! wildcard is in exactly one of the five groups, so a wildcard is named at most once per
//! value. Indexes are the positions in the slice given to [`WildcardIndex::new`].
//!
//! **Costs.** Building: O(total key bytes) plus the automaton of the crowded ones. A look-up:
//! the two affix walks (a few hash look-ups or at most `len + 2` trie nodes each), one
//! Aho-Corasick pass over the value (O(len) plus occurrences), the DFA walk when there are
//! crowds, and the candidates. Memory: the keys once each, the Aho-Corasick automaton (a few
//! bytes per key byte) and the automaton of the crowded ones.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use smallvec::SmallVec;

use super::affix_set::AffixSet;
use super::wildcard_automaton::WildcardAutomaton;
use crate::pattern::wildcard::{Wildcard, matches_segments};
use crate::util::FxMap;

/// More wildcards than this under one key go to the automaton.
pub(crate) const CROWD: usize = 16;

/// Up to this many infix keys, the Aho-Corasick automaton is the one quickest to build.
const SMALL: usize = 256;

/// Where a wildcard is filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Prefix(&'a [u8]),
    Suffix(&'a [u8]),
    Infix(&'a [u8]),
    Everything,
}

/// The key of `w` (see the module docs).
fn key_of(w: &Wildcard) -> Key<'_> {
    let segs = w.segments();
    let last = segs.len() - 1;
    // In order of preference on ties: first, last, then inner segments.
    let candidates = [Key::Prefix(&segs[0]), Key::Suffix(&segs[last])]
        .into_iter()
        .chain(segs[1..last].iter().map(|s| Key::Infix(s)));
    let mut best = Key::Everything;
    let mut best_len = 0;
    for key in candidates {
        if let Key::Prefix(s) | Key::Suffix(s) | Key::Infix(s) = key
            && s.len() > best_len
        {
            best = key;
            best_len = s.len();
        }
    }
    best
}

/// Whether `w` matches every value in which its key `k` is found: `k` is its only literal
/// segment, and the affix sets' quote quirk cannot report it for a value lacking it (a prefix
/// key ending, or a suffix key starting, with `"`).
fn found_means_match(w: &Wildcard, k: Key<'_>) -> bool {
    match (w.segments(), k) {
        ([a, b], Key::Prefix(p)) => b.is_empty() && a.as_slice() == p && !p.ends_with(b"\""),
        ([a, b], Key::Suffix(s)) => a.is_empty() && b.as_slice() == s && !s.starts_with(b"\""),
        ([a, _, b], Key::Infix(_)) => a.is_empty() && b.is_empty(),
        (_, Key::Everything) => true,
        _ => false,
    }
}

/// Wildcards filed under literal keys; see the module docs.
pub(crate) struct WildcardIndex {
    prefixes: AffixSet<false, false>,
    suffixes: AffixSet<true, false>,
    /// One pattern per distinct infix key.
    infixes: Option<AhoCorasick>,
    /// By infix pattern: the wildcards under it.
    infix_members: Vec<SmallVec<[u32; 1]>>,
    /// Wildcards without a literal byte.
    everything: Vec<u32>,
    /// The crowded wildcards' automaton, and by its pattern the wildcard.
    crowded: Option<(WildcardAutomaton, Vec<u32>)>,
    /// Every wildcard's segments, to confirm candidates.
    encoded: Encoded,
    /// Bit `i`: wildcard `i` matches whenever its key is found (its key is its only literal
    /// segment, and not one the quote quirk could report), so it needs no confirming.
    by_key: Vec<u64>,
}

/// Every wildcard's segments in one buffer, so that confirming a candidate reads one
/// contiguous record (the [`Wildcard`] itself lies behind three pointers, which costs cache
/// misses per candidate once there are thousands): for each wildcard its first and last
/// segment, the number of middle ones, then the middle ones, each as a `u32` length (little
/// endian) and its bytes.
#[derive(Default)]
struct Encoded {
    /// Where each wildcard's record starts.
    at: Vec<u32>,
    bytes: Vec<u8>,
}

/// Reads an [`Encoded`] record.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn count(&mut self) -> usize {
        let n = self
            .bytes
            .get(self.at..self.at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, u32::from_le_bytes);
        self.at += 4;
        n as usize
    }

    fn segment(&mut self) -> &'a [u8] {
        let n = self.count();
        let seg = self.bytes.get(self.at..self.at + n).unwrap_or_default();
        self.at += n;
        seg
    }
}

impl Encoded {
    /// Append `w`'s record; `None` past 4 GB.
    fn push(&mut self, w: &Wildcard) -> Option<()> {
        self.at.push(u32::try_from(self.bytes.len()).ok()?);
        let segs = w.segments();
        let last = segs.len() - 1;
        let put_count = |bytes: &mut Vec<u8>, n: usize| -> Option<()> {
            bytes.extend_from_slice(&u32::try_from(n).ok()?.to_le_bytes());
            Some(())
        };
        for seg in [&segs[0], &segs[last]] {
            put_count(&mut self.bytes, seg.len())?;
            self.bytes.extend_from_slice(seg);
        }
        put_count(&mut self.bytes, last - 1)?;
        for seg in &segs[1..last] {
            put_count(&mut self.bytes, seg.len())?;
            self.bytes.extend_from_slice(seg);
        }
        u32::try_from(self.bytes.len()).ok().map(|_| ())
    }

    /// Whether wildcard `i` matches the whole of `v`.
    fn matches(&self, i: u32, v: &[u8]) -> bool {
        let mut r = Reader {
            bytes: &self.bytes,
            at: self.at[i as usize] as usize,
        };
        let first = r.segment();
        let last = r.segment();
        let n = r.count();
        matches_segments(first, last, (0..n).map(|_| r.segment()), v)
    }

    fn approx_bytes(&self) -> usize {
        self.at.capacity() * 4 + self.bytes.capacity()
    }
}

impl std::fmt::Debug for WildcardIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WildcardIndex")
            .field("prefixes", &self.prefixes.len())
            .field("suffixes", &self.suffixes.len())
            .field("infixes", &self.infix_members.len())
            .field("everything", &self.everything.len())
            .field("crowded", &self.crowded.as_ref().map_or(0, |c| c.1.len()))
            .finish()
    }
}

impl WildcardIndex {
    /// Index `wildcards` (each with at least one star); wildcard `i` is `wildcards[i]`. `None`
    /// if an automaton cannot be built (too large); the caller then checks one by one.
    pub fn new(wildcards: &[&Wildcard]) -> Option<WildcardIndex> {
        let keys: Vec<Key<'_>> = wildcards.iter().map(|w| key_of(w)).collect();
        let mut crowd: FxMap<Key<'_>, usize> = FxMap::default();
        for &k in &keys {
            if k != Key::Everything {
                *crowd.entry(k).or_default() += 1;
            }
        }
        let mut index = WildcardIndex {
            prefixes: AffixSet::default(),
            suffixes: AffixSet::default(),
            infixes: None,
            infix_members: Vec::new(),
            everything: Vec::new(),
            crowded: None,
            encoded: Encoded::default(),
            by_key: vec![0; wildcards.len().div_ceil(64)],
        };
        for (i, (w, &k)) in wildcards.iter().zip(&keys).enumerate() {
            index.encoded.push(w)?;
            if found_means_match(w, k) {
                index.by_key[i / 64] |= 1 << (i % 64);
            }
        }
        let mut infix_ids: FxMap<&[u8], u32> = FxMap::default();
        let mut infix_keys: Vec<&[u8]> = Vec::new();
        let mut crowded: Vec<u32> = Vec::new();
        for (i, &k) in keys.iter().enumerate() {
            let i = i as u32;
            if k != Key::Everything && crowd[&k] > CROWD {
                crowded.push(i);
                continue;
            }
            match k {
                Key::Prefix(s) => index.prefixes.add(s, i),
                Key::Suffix(s) => index.suffixes.add(s, i),
                Key::Infix(s) => {
                    let p = *infix_ids.entry(s).or_insert_with(|| {
                        infix_keys.push(s);
                        index.infix_members.push(SmallVec::new());
                        infix_keys.len() as u32 - 1
                    });
                    index.infix_members[p as usize].push(i);
                }
                Key::Everything => index.everything.push(i),
            }
        }
        if !infix_keys.is_empty() {
            // A small set (the recent wildcards, rebuilt on every change) takes the automaton
            // quickest to build; a large one lets the crate choose (a contiguous NFA).
            let kind = (infix_keys.len() <= SMALL).then_some(AhoCorasickKind::NoncontiguousNFA);
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(kind)
                .build(&infix_keys)
                .ok()?;
            index.infixes = Some(ac);
        }
        if !crowded.is_empty() {
            let members: Vec<&Wildcard> = crowded.iter().map(|&i| wildcards[i as usize]).collect();
            index.crowded = Some((WildcardAutomaton::new(&members)?, crowded));
        }
        index.infix_members.shrink_to_fit();
        index.everything.shrink_to_fit();
        Some(index)
    }

    /// Call `hit(i)` for every wildcard `i` matching the whole of `v`, each once.
    #[inline]
    pub fn matches(&self, v: &[u8], mut hit: impl FnMut(u32)) {
        let mut confirm = |i: u32| {
            if self.by_key[i as usize / 64] & (1 << (i % 64)) != 0 || self.encoded.matches(i, v) {
                hit(i);
            }
        };
        self.keyed(v, &mut confirm);
        if let Some((automaton, members)) = &self.crowded
            && !automaton.matches(v, |p| hit(members[p]))
        {
            // The DFA gave up on this value: every crowded wildcard is checked.
            for &i in members {
                if self.encoded.matches(i, v) {
                    hit(i);
                }
            }
        }
    }

    /// The candidates of every group but the crowded one.
    #[inline]
    fn keyed(&self, v: &[u8], confirm: &mut impl FnMut(u32)) {
        if !self.prefixes.is_empty() {
            self.prefixes.lookup(v, None, confirm);
        }
        if !self.suffixes.is_empty() {
            self.suffixes.lookup(v, None, confirm);
        }
        if let Some(ac) = &self.infixes {
            let mut found: SmallVec<[u32; 8]> = SmallVec::new();
            for m in ac.find_overlapping_iter(v) {
                found.push(m.pattern().as_u32());
            }
            if found.len() > 1 {
                found.sort_unstable();
                found.dedup();
            }
            for p in found {
                self.infix_members[p as usize]
                    .iter()
                    .for_each(|&i| confirm(i));
            }
        }
        self.everything.iter().for_each(|&i| confirm(i));
    }

    /// Approximate heap bytes.
    pub fn approx_bytes(&self) -> usize {
        self.prefixes.approx_bytes()
            + self.suffixes.approx_bytes()
            + self.infixes.as_ref().map_or(0, |ac| ac.memory_usage())
            + self.infix_members.capacity() * std::mem::size_of::<SmallVec<[u32; 1]>>()
            + self
                .infix_members
                .iter()
                .map(|m| if m.spilled() { m.capacity() * 4 } else { 0 })
                .sum::<usize>()
            + self.everything.capacity() * 4
            + self
                .crowded
                .as_ref()
                .map_or(0, |(a, m)| a.approx_bytes() + m.capacity() * 4)
            + self.encoded.approx_bytes()
            + self.by_key.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Wildcard {
        Wildcard::parse(s).unwrap()
    }

    #[test]
    fn keys_are_the_longest_segment() {
        assert_eq!(key_of(&w("v00042*x00042")), Key::Prefix(b"v00042"));
        assert_eq!(key_of(&w("v*x00042")), Key::Suffix(b"x00042"));
        assert_eq!(key_of(&w("*x00042")), Key::Suffix(b"x00042"));
        assert_eq!(key_of(&w("a*bcd*ef")), Key::Infix(b"bcd"));
        assert_eq!(key_of(&w("*00042*")), Key::Infix(b"00042"));
        assert_eq!(key_of(&w("ab*cd")), Key::Prefix(b"ab"));
        assert_eq!(key_of(&w("*")), Key::Everything);
    }

    /// The index reports exactly the wildcards matching each value, each once.
    fn check(texts: &[String], values: &[&str]) {
        let ws: Vec<Wildcard> = texts.iter().map(|t| w(t)).collect();
        let refs: Vec<&Wildcard> = ws.iter().collect();
        let index = WildcardIndex::new(&refs).unwrap();
        for v in values {
            let mut got = Vec::new();
            index.matches(v.as_bytes(), |i| got.push(i as usize));
            got.sort_unstable();
            let expect: Vec<usize> = (0..ws.len()).filter(|&i| ws[i].matches(v)).collect();
            assert_eq!(got, expect, "value {v:?}");
        }
    }

    #[test]
    fn every_shape_is_found() {
        let texts: Vec<String> = [
            "*", "a*", "*a", "*a*", "a*b", "a*b*c", "*00042*", "*0004*", "v00042*x", "*x00042",
            "aa*aa", "a\\*b*", "*\\\\*", "é*", "ab\"*", "*\"ab",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        check(
            &texts,
            &[
                "",
                "a",
                "aa",
                "aaa",
                "aaaa",
                "ab",
                "abc",
                "aXbYc",
                "v00042x",
                "vx00042",
                "00042",
                "000420004",
                "a*b",
                "a\\b",
                "é",
                "xyz",
                "ab\"",
                "\"ab",
            ],
        );
    }

    #[test]
    fn crowded_keys_go_to_the_automaton() {
        let texts: Vec<String> = (0..40).map(|i| format!("xyzxyz*{i}*")).collect();
        let ws: Vec<Wildcard> = texts.iter().map(|t| w(t)).collect();
        let refs: Vec<&Wildcard> = ws.iter().collect();
        let index = WildcardIndex::new(&refs).unwrap();
        assert_eq!(index.crowded.as_ref().map(|c| c.1.len()), Some(40));
        check(&texts, &["xyzxyz-17-", "xyzxyz", "xyzxyz39", "abc17"]);
    }

    #[test]
    fn repeated_infix_occurrences_name_a_wildcard_once() {
        let texts: Vec<String> = ["*aa*", "*a*", "*aa*b"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        check(&texts, &["aaaaaaa", "aaab", "b"]);
    }
}
