//! `wildcard` operands: parsing with event-ruler's error positions, matching, and the
//! complexity measure behind AWS's "Rule is too complex" rejection.
//!
//! Only `*` is special (zero or more bytes); `\*` and `\\` are the only escapes. A wildcard is
//! kept as literal segments separated by stars and matched anchored at both ends with a greedy
//! leftmost search, which is exact for star-only globs and linear in the value.
//!
//! Complexity follows the measure of event-ruler's `MachineComplexityEvaluator` as observed on
//! AWS: each wildcard is an NFA with one state per token (a star state loops
//! and is entered by an ε-move); the complexity of a field is the largest total number of live
//! states of all its distinct wildcards over every possible input. This reproduces every
//! published data point (`*` 2, `*a*` 3, `*a*a*a*a*a*` 11, four `*/datasync/*.x` 16, …).

use std::collections::{HashMap, HashSet, VecDeque};

/// A parsed wildcard operand.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Wildcard {
    text: String,
    /// Literal segments; stars sit between consecutive segments.
    segments: Vec<Vec<u8>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tok {
    Star,
    Byte(u8),
}

impl Wildcard {
    /// The operand as written (decoded JSON string content, escapes of `*` and `\\` kept).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Approximate heap bytes (for machine statistics).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.segments.capacity() * std::mem::size_of::<Vec<u8>>()
            + self.segments.iter().map(Vec::capacity).sum::<usize>()
    }

    /// Parse `text`, or return the library's error text.
    pub fn parse(text: &str) -> Result<Wildcard, String> {
        let bytes = text.as_bytes();
        let mut segments = vec![Vec::new()];
        let mut prev_star = false;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => match bytes.get(i + 1) {
                    Some(&next @ (b'\\' | b'*')) => {
                        segments.last_mut().expect("non-empty").push(next);
                        prev_star = false;
                        i += 2;
                        continue;
                    }
                    _ => return Err(format!("Invalid escape character at pos {}", i + 1)),
                },
                b'*' => {
                    if prev_star {
                        return Err(format!("Consecutive wildcard characters at pos {i}"));
                    }
                    segments.push(Vec::new());
                    prev_star = true;
                }
                b => {
                    segments.last_mut().expect("non-empty").push(b);
                    prev_star = false;
                }
            }
            i += 1;
        }
        Ok(Wildcard {
            text: text.to_string(),
            segments,
        })
    }

    /// Literal segments between stars (`a*b` → `["a", "b"]`, `*` → `["", ""]`).
    pub fn segments(&self) -> &[Vec<u8>] {
        &self.segments
    }

    /// Whether the whole of `value` matches.
    pub fn matches(&self, value: &str) -> bool {
        let v = value.as_bytes();
        let segs = &self.segments;
        if segs.len() == 1 {
            return v == segs[0].as_slice();
        }
        let middle = segs[1..segs.len() - 1].iter().map(Vec::as_slice);
        matches_segments(&segs[0], &segs[segs.len() - 1], middle, v)
    }

    fn tokens(&self) -> Vec<Tok> {
        let mut out = Vec::new();
        for (i, seg) in self.segments.iter().enumerate() {
            if i > 0 {
                out.push(Tok::Star);
            }
            out.extend(seg.iter().map(|&b| Tok::Byte(b)));
        }
        out
    }
}

/// Whether `v` is `first`, then the `middle` segments in order with anything around them,
/// then `last` (a wildcard of at least one star, by its segments): the greedy leftmost scan,
/// which is exact for stars that match any byte sequence.
pub(crate) fn matches_segments<'a>(
    first: &[u8],
    last: &[u8],
    middle: impl Iterator<Item = &'a [u8]>,
    v: &[u8],
) -> bool {
    // Empty ends are skipped rather than compared: comparing zero bytes at an empty `Vec`'s
    // dangling pointer costs glibc's AVX-512 `memcmp` a fault-suppressed masked load, hundreds
    // of nanoseconds on some machines.
    if v.len() < first.len() + last.len()
        || (!first.is_empty() && !v.starts_with(first))
        || (!last.is_empty() && !v.ends_with(last))
    {
        return false;
    }
    let mut window = &v[first.len()..v.len() - last.len()];
    for seg in middle {
        match memchr::memmem::find(window, seg) {
            Some(at) => window = &window[at + seg.len()..],
            None => return false,
        }
    }
    true
}

/// The NFA of one wildcard, determinised lazily over byte classes.
struct Nfa {
    tokens: Vec<Tok>,
}

impl Nfa {
    /// ε-closure of a state set (state i = after i tokens).
    fn close(&self, set: &mut Vec<u16>) {
        let mut i = 0;
        while i < set.len() {
            let s = set[i] as usize;
            if s < self.tokens.len() && self.tokens[s] == Tok::Star {
                let next = (s + 1) as u16;
                if !set.contains(&next) {
                    set.push(next);
                }
            }
            i += 1;
        }
        set.sort_unstable();
    }

    fn step(&self, set: &[u16], byte: Option<u8>) -> Vec<u16> {
        let mut out = Vec::new();
        for &s in set {
            let s = s as usize;
            // A star state (entered through a star token) loops on every byte.
            if s > 0 && self.tokens[s - 1] == Tok::Star && !out.contains(&(s as u16)) {
                out.push(s as u16);
            }
            if let (Some(Tok::Byte(b)), Some(x)) = (self.tokens.get(s), byte)
                && *b == x
                && !out.contains(&((s + 1) as u16))
            {
                out.push((s + 1) as u16);
            }
        }
        self.close(&mut out);
        out
    }
}

/// One wildcard's DFA, built lazily: state sets of its NFA interned to ids.
struct Dfa {
    nfa: Nfa,
    ids: HashMap<Vec<u16>, u32>,
    sets: Vec<Vec<u16>>,
    transitions: HashMap<(u32, Option<u8>), u32>,
}

impl Dfa {
    fn new(nfa: Nfa) -> Self {
        let mut dfa = Dfa {
            nfa,
            ids: HashMap::new(),
            sets: Vec::new(),
            transitions: HashMap::new(),
        };
        let mut start = vec![0u16];
        dfa.nfa.close(&mut start);
        dfa.intern(start);
        dfa
    }

    fn intern(&mut self, set: Vec<u16>) -> u32 {
        if let Some(&id) = self.ids.get(&set) {
            return id;
        }
        let id = self.sets.len() as u32;
        self.sets.push(set.clone());
        self.ids.insert(set, id);
        id
    }

    /// Live NFA states in DFA state `id`.
    fn size(&self, id: u32) -> usize {
        self.sets[id as usize].len()
    }

    fn next(&mut self, id: u32, byte: Option<u8>) -> u32 {
        if let Some(&n) = self.transitions.get(&(id, byte)) {
            return n;
        }
        let set = self.nfa.step(&self.sets[id as usize], byte);
        let n = self.intern(set);
        self.transitions.insert((id, byte), n);
        n
    }
}

/// Exploration budget for [`complexity`]: combined states visited before giving up.
const BUDGET: usize = 200_000;
/// Exploration budget for [`complexity`] in single-wildcard steps (one wildcard, one byte):
/// bounds the time (about a second) when many wildcards share a field.
const STEP_BUDGET: usize = 50_000_000;

/// The complexity of a set of wildcards on one field, or a value above `cap` as soon as it is
/// known to exceed it (also when the exploration budget runs out).
pub fn complexity<'a>(wildcards: impl IntoIterator<Item = &'a Wildcard>, cap: usize) -> usize {
    let mut seen_text = HashSet::new();
    let mut dfas: Vec<Dfa> = wildcards
        .into_iter()
        .filter(|w| seen_text.insert(w.text.clone()))
        .map(|w| Dfa::new(Nfa { tokens: w.tokens() }))
        .collect();
    if dfas.is_empty() {
        return 0;
    }
    // Alphabet: every literal byte, plus one byte that appears in no wildcard.
    let mut alphabet: Vec<Option<u8>> = dfas
        .iter()
        .flat_map(|d| d.nfa.tokens.iter())
        .filter_map(|t| match t {
            Tok::Byte(b) => Some(Some(*b)),
            Tok::Star => None,
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    alphabet.sort();
    alphabet.push(None);

    // Breadth-first search over the product of the DFAs (each starts in state 0).
    let start = vec![0u32; dfas.len()];
    let mut best = 0;
    let mut visited: HashSet<Vec<u32>> = HashSet::from([start.clone()]);
    let mut queue = VecDeque::from([start]);
    let steps_per_state = dfas.len() * alphabet.len();
    let mut steps = 0usize;
    while let Some(state) = queue.pop_front() {
        let total: usize = state.iter().zip(&dfas).map(|(&id, d)| d.size(id)).sum();
        best = best.max(total);
        steps += steps_per_state;
        if best > cap || visited.len() > BUDGET || steps > STEP_BUDGET {
            return best.max(cap + 1);
        }
        for &byte in &alphabet {
            let next: Vec<u32> = state
                .iter()
                .zip(dfas.iter_mut())
                .map(|(&id, d)| d.next(id, byte))
                .collect();
            if visited.insert(next.clone()) {
                queue.push_back(next);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Wildcard {
        Wildcard::parse(s).unwrap()
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            Wildcard::parse("**").unwrap_err(),
            "Consecutive wildcard characters at pos 1"
        );
        assert_eq!(
            Wildcard::parse("abc**def").unwrap_err(),
            "Consecutive wildcard characters at pos 4"
        );
        assert_eq!(
            Wildcard::parse("é**").unwrap_err(),
            "Consecutive wildcard characters at pos 3"
        );
        assert_eq!(
            Wildcard::parse("a\\").unwrap_err(),
            "Invalid escape character at pos 2"
        );
        assert_eq!(
            Wildcard::parse("a\\nb").unwrap_err(),
            "Invalid escape character at pos 2"
        );
        assert_eq!(
            Wildcard::parse("\\\\**").unwrap_err(),
            "Consecutive wildcard characters at pos 3"
        );
        assert!(Wildcard::parse("a\\**").is_ok());
    }

    #[test]
    fn matching() {
        assert!(w("*").matches(""));
        assert!(w("ab*").matches("ab"));
        assert!(w("a*b*c").matches("aXbYc"));
        assert!(!w("a*b*c").matches("aXbYcZ"));
        assert!(!w("a?c").matches("abc"));
        assert!(w("a\\*b").matches("a*b"));
        assert!(!w("a\\*b").matches("axb"));
        assert!(w("a\\\\b").matches("a\\b"));
        assert!(w("").matches(""));
        assert!(!w("").matches("x"));
        assert!(!w("aa*aa").matches("aaa"));
        assert!(w("aa*aa").matches("aaaa"));
    }

    #[test]
    fn complexity_matches_published_figures() {
        let c = |ps: &[&str]| {
            let ws: Vec<Wildcard> = ps.iter().map(|p| w(p)).collect();
            complexity(&ws, 1000)
        };
        assert_eq!(c(&["*"]), 2);
        assert_eq!(c(&["a*"]), 2);
        assert_eq!(c(&["*a*"]), 3);
        assert_eq!(c(&["*a*b*c*d*e*"]), 7);
        assert_eq!(c(&["*a*a*a*a*a*"]), 11);
        assert_eq!(c(&["*/*/*/*/*/*.json"]), 11);
        assert_eq!(c(&["*.a", "*.b", "*.c", "*.d", "*.e"]), 10);
        assert_eq!(c(&["*.a", "*.b", "*.c", "*.d", "*.e", "*.f"]), 12);
        assert_eq!(c(&["*.bif", "*.tiff", "*.tif", "*.svs"]), 8);
        assert_eq!(c(&["*/datasync/*.bif", "*/datasync/*.tif"]), 8);
        assert_eq!(
            c(&[
                "*/datasync/*.bif",
                "*/datasync/*.tif",
                "*/datasync/*.tiff",
                "*/datasync/*.svs"
            ]),
            16
        );
        assert_eq!(c(&["*:stack/a/*", "*:stack/bb/*", "*:stack/ccc/*"]), 9);
        assert_eq!(
            c(&[
                "*:stack/a/*",
                "*:stack/bb/*",
                "*:stack/ccc/*",
                "*:stack/d/*"
            ]),
            12
        );
    }
}
