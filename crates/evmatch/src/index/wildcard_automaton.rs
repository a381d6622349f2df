//! [`WildcardAutomaton`]: many wildcards compiled into one lazily determinised automaton that
//! reports, for one value, every wildcard matching the whole of it.
//!
//! **Job.** Given wildcards `w0 … wn` (as [`Wildcard`] segments: literal byte strings with a
//! star between each two, a star matching any sequence of bytes), answer "which `wi` match
//! `v`?" in time proportional to `v`'s length plus the number of answers, whatever `n` is.
//!
//! **Where used.** [`WildcardIndex`](super::wildcard_index::WildcardIndex) files most
//! wildcards under one literal segment, which is cheaper per value (a DFA walk over thousands
//! of wildcards touches a new cache line at nearly every byte, and infix wildcards such as
//! `*00042*` keep their trailing loop alive in every later state, so each distinct value builds
//! new states); the wildcards that crowd under one key (more than
//! [`CROWD`](super::wildcard_index::CROWD)) come here, where sharing is what the trie is for.
//!
//! **How.** The wildcards' token sequences (each literal byte a token, each star a token) are
//! merged into a trie, and the trie becomes a Thompson NFA by hand (regex-automata's
//! [`Builder`]): one *sparse* state per trie node with byte children (all its byte transitions
//! in one state), a self-loop over every byte for each node reached through a star, and one
//! match state per wildcard at the node where its tokens end. Sharing prefixes keeps the NFA
//! small and, above all, keeps the ε-closure of a state small: `*00042*`, `*00043*`, … share
//! one leading loop and one digit trie, so a DFA state holds a handful of NFA states rather
//! than one per wildcard. Each wildcard's own path is a tree path plus self-loops, so its match
//! state is reached exactly by the values it matches (prefix sharing adds no cross-talk).
//!
//! The NFA is determinised lazily by regex-automata's hybrid DFA: anchored at the value's
//! start, [`MatchKind::All`] (every pattern, no leftmost preference), one transition per byte
//! from a cache of computed states; after the last byte, the end-of-input transition yields
//! a state whose match set is exactly the wildcards matching the whole value, read directly
//! from that state (no per-pattern scan).
//!
//! **Invariants.** The automaton is immutable once built; it is shared through `Arc` by every
//! clone of a machine. Each matching thread gets its own DFA cache from a [`Pool`] (the first
//! thread to match owns a fast slot; others take one from the pool's per-thread stacks), so
//! readers never lock one another out and never rebuild anything. Nothing is reported for a
//! value unless its walk reached the end: a walk that gives up has reported nothing.
//!
//! **Costs.** Building: O(total wildcard bytes) for the trie and NFA (about 1 µs per short
//! wildcard); DFA states are computed on first use, by the readers' caches. Matching: one
//! table look-up per byte once the states a workload visits are cached, plus one entry per
//! matching wildcard read from the final state; a state never seen before costs O(its NFA
//! states × byte classes). Memory: the NFA (shared), and per matching thread a cache bounded
//! by [`cache_capacity`] (max(2 MB, 256 bytes per NFA state): 10,000 wildcards like
//! `v00042*x` use about 5 MB when every one of them has been matched); a full cache is cleared
//! and refilled.
//!
//! **Giving up.** A set whose values reach new states at nearly every byte (adversarial sets:
//! thousands of `*w*wc*` over random `a`/`b` text, each wildcard half-matched and alive) would
//! make the lazy DFA compute states forever, each from thousands of NFA states. After three
//! clearings, a cache that searched fewer than ten bytes per state since its last clearing
//! gives up (regex-automata's own heuristic); [`WildcardAutomaton::matches`] then returns
//! `false` and the caller checks its wildcards one by one for that value, which is what the
//! value cost before wildcards were compiled. The thread then skips the DFA for values at
//! least as long as the one it gave up on, trying it again every [`RETRY`]-th such value, so
//! that such sets pay for the futile DFA walk only now and then. Short values, and sets whose
//! states fit the cache, never give up (no clearing, no check).

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{Builder, NFA, Transition};
use regex_automata::util::pool::Pool;
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;
use regex_automata::{Anchored, MatchKind};

use crate::pattern::wildcard::Wildcard;

type CacheFn = Box<dyn Fn() -> ThreadCache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// One thread's lazy DFA cache, and what it learnt about giving up.
#[derive(Debug)]
struct ThreadCache {
    cache: Cache,
    /// The length of the last value the DFA gave up on (`usize::MAX`: none). Values at least
    /// this long skip the DFA (the caller checks one by one), except every [`RETRY`]-th one,
    /// which tries again and resets this on success.
    gave_up_at: usize,
    /// Values skipped since the last try.
    skipped: u32,
}

/// After giving up, every this-many-th long value tries the DFA again.
const RETRY: u32 = 64;

/// Wildcards compiled into one lazy DFA; see the module docs.
pub(crate) struct WildcardAutomaton {
    dfa: DFA,
    caches: Pool<ThreadCache, CacheFn>,
    start: start::Config,
    /// Approximate heap bytes of the NFA and DFA (not of the per-thread caches).
    bytes: usize,
}

impl std::fmt::Debug for WildcardAutomaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WildcardAutomaton")
            .field("patterns", &self.dfa.pattern_len())
            .field("nfa_states", &self.dfa.get_nfa().states().len())
            .finish_non_exhaustive()
    }
}

/// The lazy DFA cache for an NFA of `nfa_states` states: at least 2 MB (regex-automata's
/// default), and 256 bytes per NFA state, so that a set whose values visit about one DFA
/// state per NFA state (10,000 wildcards like `v00042*x`, every one matched) never clears it.
fn cache_capacity(nfa_states: usize) -> usize {
    (2 << 20).max(nfa_states * 256)
}

/// No node or pattern.
const NIL: u32 = u32::MAX;

/// A trie node over wildcard tokens, in an arena: children and patterns ending here are
/// linked lists (one allocation for the whole trie, not one per node).
#[derive(Clone, Copy)]
struct Node {
    /// The byte leading here from the parent (unused for star children and the root).
    byte: u8,
    /// Whether this node is reached through a star (it loops on every byte).
    looping: bool,
    /// First byte child, and the next sibling in the parent's list.
    first: u32,
    next: u32,
    /// The child through a star.
    star: u32,
    /// First pattern whose tokens end here (further ones chained in [`Trie::next_end`]).
    end: u32,
}

const EMPTY: Node = Node {
    byte: 0,
    looping: false,
    first: NIL,
    next: NIL,
    star: NIL,
    end: NIL,
};

struct Trie {
    nodes: Vec<Node>,
    /// For each pattern, the next pattern ending at the same node.
    next_end: Vec<u32>,
}

/// The token trie of `wildcards` (pattern `i` is `wildcards[i]`). Children are numbered after
/// their parents.
fn trie(wildcards: &[&Wildcard]) -> Trie {
    let bytes: usize = wildcards
        .iter()
        .flat_map(|w| w.segments())
        .map(Vec::len)
        .sum();
    let mut nodes = Vec::with_capacity(bytes / 2 + wildcards.len() + 1);
    nodes.push(EMPTY);
    let mut next_end = vec![NIL; wildcards.len()];
    for (p, w) in wildcards.iter().enumerate() {
        let mut at = 0usize;
        for (i, seg) in w.segments().iter().enumerate() {
            if i > 0 {
                if nodes[at].star == NIL {
                    nodes[at].star = nodes.len() as u32;
                    nodes.push(Node {
                        looping: true,
                        ..EMPTY
                    });
                }
                at = nodes[at].star as usize;
            }
            for &b in seg {
                let mut c = nodes[at].first;
                while c != NIL && nodes[c as usize].byte != b {
                    c = nodes[c as usize].next;
                }
                if c == NIL {
                    c = nodes.len() as u32;
                    nodes.push(Node {
                        byte: b,
                        next: nodes[at].first,
                        ..EMPTY
                    });
                    nodes[at].first = c;
                }
                at = c as usize;
            }
        }
        next_end[p] = nodes[at].end;
        nodes[at].end = p as u32;
    }
    Trie { nodes, next_end }
}

/// The NFA of `wildcards`: see the module docs. Children are numbered after their parents, so
/// nodes are emitted in reverse order (children first) without recursion.
fn nfa(wildcards: &[&Wildcard]) -> Option<NFA> {
    let Trie { nodes, next_end } = trie(wildcards);
    let mut b = Builder::new();
    // Match states first, one per pattern (a pattern's own start is unused: every search starts
    // at the shared anchored start).
    let mut matches = Vec::with_capacity(wildcards.len());
    for _ in wildcards {
        b.start_pattern().ok()?;
        let m = b.add_match().ok()?;
        b.finish_pattern(m).ok()?;
        matches.push(m);
    }
    let mut entry = vec![StateID::ZERO; nodes.len()];
    let mut parts = Vec::new();
    let mut kids: Vec<(u8, u32)> = Vec::new();
    for (i, node) in nodes.iter().enumerate().rev() {
        parts.clear();
        kids.clear();
        let mut c = node.first;
        while c != NIL {
            kids.push((nodes[c as usize].byte, c));
            c = nodes[c as usize].next;
        }
        kids.sort_unstable();
        match kids.as_slice() {
            [] => {}
            [(byte, c)] => parts.push(
                b.add_range(Transition {
                    start: *byte,
                    end: *byte,
                    next: entry[*c as usize],
                })
                .ok()?,
            ),
            many => {
                let trans = many
                    .iter()
                    .map(|&(byte, c)| Transition {
                        start: byte,
                        end: byte,
                        next: entry[c as usize],
                    })
                    .collect();
                parts.push(b.add_sparse(trans).ok()?);
            }
        }
        if node.star != NIL {
            parts.push(entry[node.star as usize]);
        }
        let mut p = node.end;
        while p != NIL {
            parts.push(matches[p as usize]);
            p = next_end[p as usize];
        }
        entry[i] = if node.looping {
            let u = b.add_union(Vec::new()).ok()?;
            let any = b
                .add_range(Transition {
                    start: 0,
                    end: 255,
                    next: u,
                })
                .ok()?;
            for &p in &parts {
                b.patch(u, p).ok()?;
            }
            b.patch(u, any).ok()?;
            u
        } else if parts.len() == 1 {
            parts[0]
        } else {
            // Also a node with no outgoing part (only the root of an empty set): a union of
            // nothing fails.
            b.add_union(parts.clone()).ok()?
        };
    }
    b.build(entry[0], entry[0]).ok()
}

impl WildcardAutomaton {
    /// Compile `wildcards`; pattern `i` is `wildcards[i]`. `None` if regex-automata refuses
    /// the NFA (more than 2³¹ states; the caller then checks its wildcards one by one).
    pub fn new(wildcards: &[&Wildcard]) -> Option<WildcardAutomaton> {
        Self::with_capacity(wildcards, None)
    }

    /// [`WildcardAutomaton::new`] with a given cache capacity (default: [`cache_capacity`]).
    fn with_capacity(
        wildcards: &[&Wildcard],
        capacity: Option<usize>,
    ) -> Option<WildcardAutomaton> {
        let nfa = nfa(wildcards)?;
        let nfa_bytes = nfa.memory_usage();
        let capacity = capacity.unwrap_or_else(|| cache_capacity(nfa.states().len()));
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .starts_for_each_pattern(false)
                    .cache_capacity(capacity)
                    .skip_cache_capacity_check(true)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let for_caches = dfa.clone();
        let caches: CacheFn = Box::new(move || ThreadCache {
            cache: for_caches.create_cache(),
            gave_up_at: usize::MAX,
            skipped: 0,
        });
        Some(WildcardAutomaton {
            bytes: nfa_bytes + dfa.memory_usage(),
            dfa,
            caches: Pool::new(caches),
            start: start::Config::new().anchored(Anchored::Yes),
        })
    }

    /// Approximate heap bytes (the NFA; per-thread caches are not counted).
    pub fn approx_bytes(&self) -> usize {
        self.bytes
    }

    /// Call `hit(i)` for every pattern `i` matching the whole of `value` (each once). Returns
    /// `false`, having reported nothing, when the lazy DFA gave up on this value or on a
    /// shorter one recently (see the module docs); the caller must then check the patterns
    /// itself.
    #[inline]
    pub fn matches(&self, value: &[u8], hit: impl FnMut(usize)) -> bool {
        let mut guard = self.caches.get();
        let tc: &mut ThreadCache = &mut guard;
        if value.len() >= tc.gave_up_at {
            tc.skipped += 1;
            if tc.skipped < RETRY {
                return false;
            }
            tc.skipped = 0;
        }
        let walked = self.walk(&mut tc.cache, value, hit);
        if !walked {
            tc.gave_up_at = tc.gave_up_at.min(value.len());
        } else if value.len() >= tc.gave_up_at {
            // A retry went through: long values use the DFA again.
            tc.gave_up_at = usize::MAX;
        }
        walked
    }

    /// The DFA walk behind [`WildcardAutomaton::matches`].
    #[inline]
    fn walk(&self, cache: &mut Cache, value: &[u8], mut hit: impl FnMut(usize)) -> bool {
        let dfa = &self.dfa;
        let Ok(mut sid) = dfa.start_state(cache, &self.start) else {
            return false;
        };
        cache.search_start(0);
        for (i, &byte) in value.iter().enumerate() {
            match dfa.next_state(cache, sid, byte) {
                Ok(next) => sid = next,
                Err(_) => {
                    cache.search_finish(i);
                    return false;
                }
            }
            if sid.is_tagged() && sid.is_dead() {
                cache.search_finish(i);
                return true;
            }
            if i & 63 == 63 {
                cache.search_update(i);
            }
        }
        let end = dfa.next_eoi_state(cache, sid);
        cache.search_finish(value.len());
        let Ok(sid) = end else {
            return false;
        };
        if sid.is_match() {
            for k in 0..dfa.match_len(cache, sid) {
                hit(dfa.match_pattern(cache, sid, k).as_usize());
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(texts: &[&str]) -> (Vec<Wildcard>, WildcardAutomaton) {
        let ws: Vec<Wildcard> = texts.iter().map(|t| Wildcard::parse(t).unwrap()).collect();
        let refs: Vec<&Wildcard> = ws.iter().collect();
        let a = WildcardAutomaton::new(&refs).unwrap();
        (ws, a)
    }

    fn hits(a: &WildcardAutomaton, v: &str) -> Vec<usize> {
        let mut out = Vec::new();
        assert!(a.matches(v.as_bytes(), |i| out.push(i)));
        out.sort_unstable();
        out
    }

    #[test]
    fn reports_every_whole_value_match() {
        let texts = [
            "*", "a*", "*a", "*a*", "a*b", "a*b*c", "*00042*", "*0004*", "v00042*x", "*x00042",
            "ab", "aa*aa", "a\\*b", "*\\\\*", "", "é*",
        ];
        let (ws, a) = set(&texts);
        for v in [
            "", "a", "aa", "aaa", "aaaa", "ab", "abc", "aXbYc", "aXbYcZ", "v00042x", "v00042yx",
            "vx00042", "00042", "0004", "a*b", "axb", "a\\b", "é", "éa", "xyz",
        ] {
            let expect: Vec<usize> = (0..ws.len()).filter(|&i| ws[i].matches(v)).collect();
            assert_eq!(hits(&a, v), expect, "value {v:?}");
        }
    }

    /// Many half-matched `*w*wc*` over random `a`/`b` text with a tiny cache: the lazy DFA
    /// gives up, and long values then skip it (every [`RETRY`]-th one tries again, and gives
    /// up again).
    #[test]
    fn gives_up_on_thrashing_sets() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut text = |n: usize| -> String {
            (0..n)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    if seed & 1 == 0 { 'a' } else { 'b' }
                })
                .collect()
        };
        let ws: Vec<Wildcard> = (0..200)
            .map(|_| {
                let w = text(8);
                Wildcard::parse(&format!("*{w}*{w}c*")).unwrap()
            })
            .collect();
        let refs: Vec<&Wildcard> = ws.iter().collect();
        let a = WildcardAutomaton::with_capacity(&refs, Some(0)).unwrap();
        let long = text(20_000);
        let mut walked = 0;
        for _ in 0..RETRY * 2 {
            walked += usize::from(a.matches(long.as_bytes(), |_| panic!("no `c` in the text")));
        }
        assert_eq!(walked, 0, "the DFA gives up, then skips long values");
        let guard = a.caches.get();
        assert_eq!(guard.gave_up_at, long.len());
    }

    #[test]
    fn empty_set_matches_nothing() {
        let (_, a) = set(&[]);
        assert_eq!(hits(&a, "anything"), Vec::<usize>::new());
        assert_eq!(hits(&a, ""), Vec::<usize>::new());
    }

    #[test]
    fn shared_prefixes_keep_patterns_apart() {
        let (_, a) = set(&["*ab*c", "*ab*d", "*ab", "ab*"]);
        assert_eq!(hits(&a, "xabyc"), [0]);
        assert_eq!(hits(&a, "xabyd"), [1]);
        assert_eq!(hits(&a, "xab"), [2]);
        assert_eq!(hits(&a, "abab"), [2, 3]);
        assert_eq!(hits(&a, "abc"), [0, 3]);
    }
}
