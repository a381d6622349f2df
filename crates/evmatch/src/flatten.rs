//! Event bytes → flattened fields, skipping every subtree no rule mentions.
//!
//! The flattener walks the raw event once, without recursion, validating it completely (a
//! malformed event is an error, never a partial answer). It consults a [`PathTrie`] of the
//! joined paths rules use: a member whose joined path is neither a used path nor the prefix of
//! one (at a `.` boundary) is skipped — its bytes are still validated, but no key is decoded, no
//! number is converted and nothing is stored. Keys are split at `.` while walking the trie, so
//! `{"a.b": 1}` and `{"a": {"b": 1}}` reach the same path `a.b` (PATTERNS.md §4.3).
//!
//! For each leaf at a used path it emits a [`Field`]: the interned path id, the leaf (strings
//! decoded only when they contain escapes, numbers with their token text and comparable value)
//! and its array trail (PATTERNS.md §3.8). All buffers live in a reusable [`FlatScratch`], so a
//! warmed-up flattener allocates nothing.
//!
//! The fast lexer accepts exactly well-formed JSON (plus ignored text after the root object,
//! as Jackson does). When it rejects an input, [`describe_error`] re-reads it with the
//! Jackson-faithful lexer to report the same message the one-rule API gives.

mod number_array;

use std::collections::HashMap;

use crate::error::EventError;
use crate::pattern::number::comparable;

/// `HashMap` with rustc's FxHash: small, fast, non-cryptographic, for interned keys.
pub(crate) type FxMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// "No node" / "no path".
pub(crate) const NONE: u32 = u32::MAX;

/// One trie node: a joined-path prefix ending at a `.` boundary (or a whole used path).
#[derive(Debug, Clone, Default)]
struct Node {
    children: FxMap<Box<[u8]>, u32>,
    /// `(first 8 bytes zero-padded, length, child)` of every child while there are at most
    /// [`FEW`]: looked up by comparing words instead of hashing.
    few: Vec<(u64, u32, u32)>,
    /// The interned path id when this prefix is itself a used path.
    leaf: u32,
    parent: u32,
    key: Box<[u8]>,
}

/// The used paths, as a trie over their `.`-separated segments; leaves carry path ids.
#[derive(Debug, Clone)]
pub(crate) struct PathTrie {
    nodes: Vec<Node>,
    free: Vec<u32>,
}

/// Nodes with at most this many children are searched linearly.
const FEW: usize = 8;

/// The first 8 bytes of `seg`, zero-padded, little-endian.
#[inline(always)]
fn head_word(seg: &[u8]) -> u64 {
    match seg.get(..8) {
        Some(h) => u64::from_le_bytes(h.try_into().expect("8 bytes")),
        None => {
            let mut w = 0u64;
            for (i, &c) in seg.iter().enumerate() {
                w |= (c as u64) << (8 * i);
            }
            w
        }
    }
}

/// Whether `key` contains `.` (8 bytes at a time; member names are short).
#[inline(always)]
fn has_dot(key: &[u8]) -> bool {
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        if zero_bytes(w ^ (ONES * b'.' as u64)) != 0 {
            return true;
        }
    }
    // The last 0–7 bytes, zero-padded (a zero byte is not a dot): one more word, no call.
    let rest = chunks.remainder();
    let mut last = [0u8; 8];
    last[..rest.len()].copy_from_slice(rest);
    zero_bytes(u64::from_le_bytes(last) ^ (ONES * b'.' as u64)) != 0
}

impl Default for PathTrie {
    fn default() -> Self {
        PathTrie {
            nodes: vec![
                Node {
                    leaf: NONE,
                    parent: NONE,
                    children: std::iter::once((Box::<[u8]>::from(&b""[..]), EMPTY)).collect(),
                    few: vec![(0, 0, EMPTY)],
                    ..Node::default()
                },
                Node {
                    leaf: NONE,
                    parent: ROOT,
                    ..Node::default()
                },
            ],
            free: Vec::new(),
        }
    }
}

pub(crate) const ROOT: u32 = 0;
/// The node of the joined path `""` (the root's empty member name). It always exists: the
/// reference never forms `"" + "." + k`, so members of an object at path `""` start afresh from
/// the root.
pub(crate) const EMPTY: u32 = 1;

impl PathTrie {
    /// The path id of `path`, if used.
    #[cfg(test)]
    pub fn get(&self, path: &str) -> Option<u32> {
        let node = self.walk(ROOT, path.as_bytes());
        (node != NONE && self.nodes[node as usize].leaf != NONE)
            .then(|| self.nodes[node as usize].leaf)
    }

    /// Record `path` as used with id `id` (the path must not be present yet).
    pub fn insert(&mut self, path: &str, id: u32) {
        let mut node = ROOT;
        for seg in path.as_bytes().split(|&b| b == b'.') {
            node = match self.nodes[node as usize].children.get(seg) {
                Some(&n) => n,
                None => {
                    let fresh = Node {
                        children: FxMap::default(),
                        few: Vec::new(),
                        leaf: NONE,
                        parent: node,
                        key: seg.into(),
                    };
                    let n = match self.free.pop() {
                        Some(n) => {
                            self.nodes[n as usize] = fresh;
                            n
                        }
                        None => {
                            self.nodes.push(fresh);
                            (self.nodes.len() - 1) as u32
                        }
                    };
                    self.nodes[node as usize].children.insert(seg.into(), n);
                    self.rebuild_few(node);
                    n
                }
            };
        }
        self.nodes[node as usize].leaf = id;
    }

    /// Forget `path`, pruning nodes that no longer lead anywhere.
    pub fn remove(&mut self, path: &str) {
        let mut node = self.walk(ROOT, path.as_bytes());
        if node == NONE {
            return;
        }
        self.nodes[node as usize].leaf = NONE;
        while node != ROOT && node != EMPTY {
            let n = &self.nodes[node as usize];
            if n.leaf != NONE || !n.children.is_empty() {
                break;
            }
            let parent = n.parent;
            let key = std::mem::take(&mut self.nodes[node as usize].key);
            self.nodes[parent as usize].children.remove(&key);
            self.rebuild_few(parent);
            self.nodes[node as usize] = Node {
                leaf: NONE,
                parent: NONE,
                ..Node::default()
            };
            self.free.push(node);
            node = parent;
        }
    }

    fn rebuild_few(&mut self, node: u32) {
        let n = &self.nodes[node as usize];
        let few = if n.children.len() <= FEW {
            n.children
                .iter()
                .map(|(k, &c)| (head_word(k), k.len() as u32, c))
                .collect()
        } else {
            Vec::new()
        };
        self.nodes[node as usize].few = few;
    }

    /// The child of `node` for one segment `seg`; [`NONE`] when missing.
    #[inline]
    pub fn child(&self, node: u32, seg: &[u8]) -> u32 {
        self.child_headed(node, seg, head_word(seg))
    }

    /// [`Self::child`] with `head == head_word(seg)` already known.
    #[inline(always)]
    fn child_headed(&self, node: u32, seg: &[u8], head: u64) -> u32 {
        let n = &self.nodes[node as usize];
        if n.children.len() <= FEW {
            let len = seg.len() as u32;
            for &(h, l, c) in &n.few {
                // Lengths first: most member names differ in length from every child.
                if l == len
                    && h == head
                    && (len <= 8 || self.nodes[c as usize].key[8..] == seg[8..])
                {
                    return c;
                }
            }
            return NONE;
        }
        match n.children.get(seg) {
            Some(&c) => c,
            None => NONE,
        }
    }

    /// Follow the `.`-separated segments of `key` from `node`; [`NONE`] when a segment is missing.
    #[inline]
    pub fn walk(&self, node: u32, key: &[u8]) -> u32 {
        if !has_dot(key) {
            return self.child(node, key);
        }
        self.walk_dotted(node, key)
    }

    /// [`Self::walk`] for a key known to contain `.`.
    #[cold]
    fn walk_dotted(&self, mut node: u32, key: &[u8]) -> u32 {
        for seg in key.split(|&b| b == b'.') {
            node = self.child(node, seg);
            if node == NONE {
                return NONE;
            }
        }
        node
    }

    /// Whether the joined path `""` or a path under it (`".x"`) is used.
    #[inline]
    fn empty_needed(&self) -> bool {
        let e = &self.nodes[EMPTY as usize];
        e.leaf != NONE || !e.children.is_empty()
    }

    /// The number of distinct root names (first path segments) that lead to used paths.
    #[inline]
    fn roots_needed(&self) -> usize {
        self.nodes[ROOT as usize].children.len() - usize::from(!self.empty_needed())
    }

    #[inline]
    fn leaf(&self, node: u32) -> u32 {
        self.nodes[node as usize].leaf
    }

    #[inline]
    fn children_len(&self, node: u32) -> u32 {
        self.nodes[node as usize].children.len() as u32
    }

    #[inline]
    fn has_children(&self, node: u32) -> bool {
        !self.nodes[node as usize].children.is_empty()
    }

    /// Live nodes and edges (for statistics).
    pub fn size(&self) -> (usize, usize) {
        let live = self.nodes.len() - self.free.len();
        let edges = self.nodes.iter().map(|n| n.children.len()).sum();
        (live, edges)
    }

    /// Approximate heap bytes.
    pub fn approx_bytes(&self) -> usize {
        self.nodes.capacity() * std::mem::size_of::<Node>()
            + self
                .nodes
                .iter()
                .map(|n| n.key.len() + n.children.capacity() * 40)
                .sum::<usize>()
    }
}

/// The kind of a leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Str,
    Num,
    True,
    False,
    Null,
}

/// One flattened field at a used path.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub path: u32,
    pub kind: Kind,
    /// Whether `start..end` indexes the decode arena rather than the input.
    pub in_arena: bool,
    pub start: u32,
    pub end: u32,
    /// The comparable value of a number (NaN when not comparable or not a number).
    pub num: f64,
    /// `trail_start..trail_end` indexes [`FlatScratch::trails`].
    pub trail_start: u32,
    pub trail_end: u32,
}

/// A leaf value, borrowed.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Leaf<'a> {
    Str(&'a str),
    /// Token text and comparable value.
    Num(&'a str, Option<f64>),
    Bool(bool),
    Null,
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    is_object: bool,
    has_entries: bool,
    pushed_trail: bool,
    node: u32,
    array_id: u32,
    index: u32,
    /// With `unique_keys`: used member names of this object not read yet ([`UNBOUNDED`] for
    /// arrays and whenever the frame can never be known complete).
    left: u32,
}

/// [`Frame::left`] of a frame whose rest must always be read.
const UNBOUNDED: u32 = u32::MAX;

/// Reusable buffers of the flattener and its output.
#[derive(Debug, Default)]
pub(crate) struct FlatScratch {
    pub fields: Vec<Field>,
    pub trails: Vec<(u32, u32)>,
    pub arena: Vec<u8>,
    /// Whether any field has a non-empty trail.
    pub any_trail: bool,
    frames: Vec<Frame>,
    trail_stack: Vec<(u32, u32)>,
    key_buf: Vec<u8>,
    /// Bit stack of the containers [`skip_value`] has open.
    kinds: Vec<u64>,
    /// Per trie node: the epoch in which its member was counted in [`Frame::left`].
    seen_stamp: Vec<u32>,
    seen_epoch: u32,
    /// With `unique_keys`: a running average of how many bytes of an event were read, so that
    /// about that much is prefetched (prefetching more slows events that stop early).
    reach: usize,
}

impl FlatScratch {
    /// Fold how far into an event unique-keys reading got into [`Self::reach`].
    fn note_reach(&mut self, read: usize) {
        self.reach = (self.reach * 3 + read) / 4;
    }

    /// A fresh epoch for `seen_stamp`, sized for `nodes` trie nodes.
    fn start_seen_epoch(&mut self, nodes: usize) {
        self.seen_epoch = self.seen_epoch.wrapping_add(1);
        if self.seen_epoch == 0 {
            self.seen_stamp.iter_mut().for_each(|x| *x = 0);
            self.seen_epoch = 1;
        }
        if self.seen_stamp.len() < nodes {
            self.seen_stamp.resize(nodes, 0);
        }
    }

    /// The leaf of `f`; `input` is the event the fields were read from.
    #[inline]
    pub fn leaf<'a>(&'a self, input: &'a [u8], f: &Field) -> Leaf<'a> {
        match f.kind {
            Kind::Str | Kind::Num => {
                let bytes = if f.in_arena {
                    &self.arena[f.start as usize..f.end as usize]
                } else {
                    &input[f.start as usize..f.end as usize]
                };
                if f.kind == Kind::Str {
                    // Validated UTF-8 by the flattener (or written from a `char`).
                    Leaf::Str(str_from_validated(bytes))
                } else {
                    Leaf::Num(ascii_str(bytes), (!f.num.is_nan()).then_some(f.num))
                }
            }
            Kind::True => Leaf::Bool(true),
            Kind::False => Leaf::Bool(false),
            Kind::Null => Leaf::Null,
        }
    }

    /// The array trail of `f`.
    #[inline]
    pub fn trail(&self, f: &Field) -> &[(u32, u32)] {
        &self.trails[f.trail_start as usize..f.trail_end as usize]
    }
}

/// `bytes` as text; `bytes` is ASCII (a number token the lexer accepted, or formatted digits).
#[inline(always)]
fn ascii_str(bytes: &[u8]) -> &str {
    assert!(bytes.is_ascii());
    // SAFETY: ASCII is valid UTF-8 (checked just above; number tokens are short).
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

#[inline]
fn str_from_validated(bytes: &[u8]) -> &str {
    if bytes.is_ascii() {
        // SAFETY: ASCII is valid UTF-8 (checked just above; the usual case, and a cheap check).
        return unsafe { std::str::from_utf8_unchecked(bytes) };
    }
    // The flattener validated these bytes as UTF-8 (or wrote them from a `char`).
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// Limits applied to events.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EventLimits {
    pub max_bytes: usize,
    pub max_depth: usize,
    /// Most values at used paths ([`crate::Config::max_event_fields`]).
    pub max_fields: usize,
    /// Stop once no unread member can feed a used path ([`crate::Config::unique_keys`]).
    pub unique_keys: bool,
}

/// Why the fast reader rejected an event; [`describe_error`] words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Invalid {
    /// Over the size limit, not JSON, not an object, too deep, or not UTF-8.
    Malformed,
    /// More values at used paths than [`EventLimits::max_fields`].
    TooManyFields,
}

/// Whitespace bytes of JSON, as a bit mask over byte values below 64.
const WS_MASK: u64 = (1 << b' ') | (1 << b'\n') | (1 << b'\r') | (1 << b'\t');

/// Past the whitespace at `pos`. Inline fast paths for no whitespace and for one space (the
/// usual `", "` and `": "`).
#[inline(always)]
fn skip_ws(b: &[u8], pos: usize) -> usize {
    match b.get(pos) {
        Some(&c) if c > b' ' => pos,
        Some(b' ') if b.get(pos + 1).is_some_and(|&d| d > b' ') => pos + 1,
        _ => skip_ws_run(b, pos),
    }
}

fn skip_ws_run(b: &[u8], mut pos: usize) -> usize {
    while let Some(&c) = b.get(pos) {
        // Every byte that can start a token is above `' '`; only the four whitespace bytes
        // below it are skipped (others are left for the caller to reject).
        if c > b' ' || WS_MASK & (1 << c) == 0 {
            break;
        }
        pos += 1;
    }
    pos
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of `x` that is zero (exact: no false positives).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    !(((x & !HIGHS) + !HIGHS) | x | !HIGHS)
}

/// The first index at or after `pos` that is not an ASCII digit (8 bytes at a time).
#[inline(always)]
fn digits_end(b: &[u8], mut pos: usize) -> usize {
    while let Some(chunk) = b.get(pos..pos + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let x = w ^ (ONES * b'0' as u64);
        // A byte is a digit iff x <= 9: (x & 0x7f) + 0x76 and x both keep the high bit clear.
        let non_digit = (((x & !HIGHS) + ONES * 0x76) | x) & HIGHS;
        if non_digit != 0 {
            return pos + (non_digit.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while b.get(pos).is_some_and(u8::is_ascii_digit) {
        pos += 1;
    }
    pos
}

/// The first index at or after `pos` holding `"`, `\` or a control byte (or `b.len()`), 8
/// bytes at a time; sets `non_ascii` when a byte ≥ 0x80 was seen (possibly past the stop).
#[inline(always)]
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn string_stop_swar(b: &[u8], mut pos: usize, non_ascii: &mut bool) -> usize {
    let mut high = 0u64;
    while let Some(chunk) = b.get(pos..pos + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        high |= w;
        let stop = zero_bytes(w ^ (ONES * b'"' as u64))
            | zero_bytes(w ^ (ONES * b'\\' as u64))
            | zero_bytes(w & (ONES * 0xe0));
        if stop != 0 {
            *non_ascii |= high & HIGHS != 0;
            return pos + (stop.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    *non_ascii |= high & HIGHS != 0;
    string_stop_scalar(b, pos, non_ascii)
}

#[inline(always)]
fn string_stop_scalar(b: &[u8], mut pos: usize, non_ascii: &mut bool) -> usize {
    while let Some(&c) = b.get(pos) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            break;
        }
        *non_ascii |= c >= 0x80;
        pos += 1;
    }
    pos
}

/// [`string_stop_swar`], 16 bytes at a time with SSE2 (baseline on x86_64).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn string_stop(b: &[u8], mut pos: usize, non_ascii: &mut bool) -> usize {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    let mut high = 0;
    // SAFETY: SSE2 is part of the x86_64 baseline, so the intrinsics are available; every load
    // reads `b[pos..pos + 16]` with `pos + 16 <= b.len()`, and `loadu` needs no alignment.
    unsafe {
        let quote = _mm_set1_epi8(b'"' as i8);
        let backslash = _mm_set1_epi8(b'\\' as i8);
        let control = _mm_set1_epi8(0x1f);
        while pos + 16 <= b.len() {
            let v = _mm_loadu_si128(b.as_ptr().add(pos).cast());
            let stop = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                // v <= 0x1f (unsigned) iff min(v, 0x1f) == v.
                _mm_cmpeq_epi8(_mm_min_epu8(v, control), v),
            );
            let m = _mm_movemask_epi8(stop);
            high |= _mm_movemask_epi8(v);
            if m != 0 {
                *non_ascii |= high != 0;
                return pos + m.trailing_zeros() as usize;
            }
            pos += 16;
        }
    }
    *non_ascii |= high != 0;
    string_stop_swar(b, pos, non_ascii)
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn string_stop(b: &[u8], pos: usize, non_ascii: &mut bool) -> usize {
    string_stop_swar(b, pos, non_ascii)
}

/// Scan a string body starting after the opening quote; returns (index of the closing quote,
/// has escapes). UTF-8 is not checked here: `non_ascii` is set when the body may contain
/// non-ASCII bytes, and the caller validates the input once.
#[inline(always)]
fn scan_string(b: &[u8], mut pos: usize, non_ascii: &mut bool) -> Result<(usize, bool), Invalid> {
    let mut escaped = false;
    loop {
        pos = string_stop(b, pos, non_ascii);
        match b.get(pos) {
            Some(b'"') => return Ok((pos, escaped)),
            Some(b'\\') => {
                escaped = true;
                pos = scan_escape(b, pos)?;
            }
            _ => return Err(Invalid::Malformed),
        }
    }
}

/// A member name just read; its raw body is `b[pos + 1..end]`.
#[derive(Debug, Clone, Copy)]
struct Name {
    /// The index of the closing quote.
    end: usize,
    escaped: bool,
    /// Whether the raw body contains `.`.
    dotted: bool,
    /// [`head_word`] of the raw body.
    head: u64,
}

/// Read the member name whose opening quote is at `pos`. A name of at most 15 bytes without
/// escapes (nearly all of them) costs one 16-byte load: its end, dots, non-ASCII bytes and head
/// word all come from that one register.
#[inline(always)]
fn read_name(b: &[u8], pos: usize, non_ascii: &mut bool) -> Result<Name, Invalid> {
    debug_assert_eq!(b.get(pos), Some(&b'"'));
    #[cfg(target_arch = "x86_64")]
    if let Some(chunk) = b.get(pos + 1..pos + 17) {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_cvtsi128_si64, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8,
            _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of the x86_64 baseline; the load reads the 16 bytes of `chunk`.
        let (v, mask) = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast());
            let eq = |c: u8| _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8))) as u32;
            let control =
                _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v));
            (
                v,
                [
                    eq(b'"'),
                    eq(b'\\') | control as u32,
                    eq(b'.'),
                    _mm_movemask_epi8(v) as u32,
                ],
            )
        };
        let [quote, special, dot, high] = mask;
        let first = (quote | special) & (quote | special).wrapping_neg();
        if first & quote != 0 {
            let len = first.trailing_zeros();
            let below = first - 1;
            *non_ascii |= high & below != 0;
            // SAFETY: as above.
            let word = unsafe { _mm_cvtsi128_si64(v) } as u64;
            return Ok(Name {
                end: pos + 1 + len as usize,
                escaped: false,
                dotted: dot & below != 0,
                head: word & (!0u64).checked_shl(8 * len).map_or(!0, |x| !x),
            });
        }
    }
    let (end, escaped) = scan_string(b, pos + 1, non_ascii)?;
    let raw = &b[pos + 1..end];
    Ok(Name {
        end,
        escaped,
        dotted: has_dot(raw),
        head: head_word(raw),
    })
}

/// Validate the escape at `b[pos] == b'\\'`; returns the index after it.
#[cold]
fn scan_escape(b: &[u8], pos: usize) -> Result<usize, Invalid> {
    match b.get(pos + 1) {
        Some(b'b' | b't' | b'n' | b'f' | b'r' | b'"' | b'/' | b'\\') => Ok(pos + 2),
        Some(b'u') => {
            let hex = b.get(pos + 2..pos + 6).ok_or(Invalid::Malformed)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return Err(Invalid::Malformed);
            }
            Ok(pos + 6)
        }
        _ => Err(Invalid::Malformed),
    }
}

/// Decode an escaped string body (validated by [`scan_string`]) into `out`, as the reference
/// lexer does: lone surrogates become `?`.
fn decode_into(body: &[u8], out: &mut Vec<u8>) {
    let mut pending_high: Option<u32> = None;
    let mut i = 0;
    let push_char = |out: &mut Vec<u8>, c: char| {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    };
    while i < body.len() {
        if body[i] != b'\\' {
            let run_end = memchr::memchr(b'\\', &body[i..]).map_or(body.len(), |p| i + p);
            if pending_high.take().is_some() {
                out.push(b'?');
            }
            out.extend_from_slice(&body[i..run_end]);
            i = run_end;
            continue;
        }
        let e = body[i + 1];
        i += 2;
        let ch = match e {
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'u' => {
                let v = body[i..i + 4].iter().fold(0u32, |acc, &h| {
                    (acc << 4) | (h as char).to_digit(16).unwrap_or(0)
                });
                i += 4;
                match v {
                    0xD800..=0xDBFF => {
                        if pending_high.replace(v).is_some() {
                            out.push(b'?');
                        }
                        continue;
                    }
                    0xDC00..=0xDFFF => {
                        match pending_high.take() {
                            Some(h) => {
                                let code = 0x10000 + ((h - 0xD800) << 10) + (v - 0xDC00);
                                push_char(out, char::from_u32(code).unwrap_or('?'));
                            }
                            None => out.push(b'?'),
                        }
                        continue;
                    }
                    v => char::from_u32(v).unwrap_or('?'),
                }
            }
            other => other as char,
        };
        if pending_high.take().is_some() {
            out.push(b'?');
        }
        push_char(out, ch);
    }
    if pending_high.is_some() {
        out.push(b'?');
    }
}

/// Scan a number token starting at `pos` (JSON grammar
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`); returns its end.
#[inline(always)]
fn scan_number(b: &[u8], mut pos: usize) -> Result<usize, Invalid> {
    if b.get(pos) == Some(&b'-') {
        pos += 1;
    }
    let int = pos;
    pos = digits_end(b, pos);
    if pos == int || (b[int] == b'0' && pos > int + 1) {
        return Err(Invalid::Malformed);
    }
    if b.get(pos) == Some(&b'.') {
        let frac = pos + 1;
        pos = digits_end(b, frac);
        if pos == frac {
            return Err(Invalid::Malformed);
        }
    }
    if matches!(b.get(pos), Some(b'e' | b'E')) {
        pos += 1;
        if matches!(b.get(pos), Some(b'+' | b'-')) {
            pos += 1;
        }
        let exp = pos;
        pos = digits_end(b, exp);
        if pos == exp {
            return Err(Invalid::Malformed);
        }
    }
    Ok(pos)
}

/// Check the literal `word` at `pos`; returns its end.
#[inline(always)]
fn scan_literal(b: &[u8], pos: usize, word: &[u8]) -> Result<usize, Invalid> {
    if b.get(pos..pos + word.len()) == Some(word) {
        Ok(pos + word.len())
    } else {
        Err(Invalid::Malformed)
    }
}

/// Past a member name at `pos` (which must be `"`), the whitespace and the `:` after it, and the
/// whitespace after that: the index of the member's value.
#[inline(always)]
fn skip_member_name(b: &[u8], pos: usize, non_ascii: &mut bool) -> Result<usize, Invalid> {
    if b.get(pos) != Some(&b'"') {
        return Err(Invalid::Malformed);
    }
    let end = read_name(b, pos, non_ascii)?.end;
    let pos = skip_ws(b, end + 1);
    if b.get(pos) != Some(&b':') {
        return Err(Invalid::Malformed);
    }
    Ok(skip_ws(b, pos + 1))
}

/// Validate and skip the value starting at `pos` (its first byte; whitespace already skipped),
/// without recursion; returns the index after it. `depth` is the nesting depth of the value's
/// container; containers opened here count towards `max_depth`. `kinds` is a bit stack (1 =
/// object) of the containers opened here.
fn skip_value(
    b: &[u8],
    mut pos: usize,
    depth: usize,
    max_depth: usize,
    kinds: &mut Vec<u64>,
    non_ascii: &mut bool,
) -> Result<usize, Invalid> {
    let mut level = 0usize;
    let mut in_object = false;
    // Arrays starting before this gave up on the block path already ([`number_array`]).
    let mut no_fast_until = 0;
    let mut c = *b.get(pos).ok_or(Invalid::Malformed)?;
    'value: loop {
        match c {
            b'"' => pos = scan_string(b, pos + 1, non_ascii)?.0 + 1,
            b'-' | b'0'..=b'9' => {
                pos = scan_number(b, pos)?;
                if level > 0 && !in_object {
                    // A run of numbers in an array (coordinates): stay in this loop.
                    loop {
                        pos = skip_ws(b, pos);
                        if b.get(pos) != Some(&b',') {
                            break;
                        }
                        pos = skip_ws(b, pos + 1);
                        c = *b.get(pos).ok_or(Invalid::Malformed)?;
                        if !matches!(c, b'-' | b'0'..=b'9') {
                            continue 'value;
                        }
                        pos = scan_number(b, pos)?;
                    }
                }
            }
            b't' => pos = scan_literal(b, pos, b"true")?,
            b'f' => pos = scan_literal(b, pos, b"false")?,
            b'n' => pos = scan_literal(b, pos, b"null")?,
            b'[' | b'{' => {
                if depth + level >= max_depth {
                    return Err(Invalid::Malformed);
                }
                let mut block_skipped = false;
                if c == b'[' && pos >= no_fast_until {
                    match number_array::skip(b, pos, max_depth - depth - level) {
                        Ok(end) => (pos, block_skipped) = (end, true),
                        Err(stop) => no_fast_until = stop,
                    }
                }
                if !block_skipped {
                    in_object = c == b'{';
                    let (word, bit) = (level >> 6, 1u64 << (level & 63));
                    if word == kinds.len() {
                        kinds.push(0);
                    }
                    if in_object {
                        kinds[word] |= bit;
                    } else {
                        kinds[word] &= !bit;
                    }
                    level += 1;
                    pos = skip_ws(b, pos + 1);
                    let n = *b.get(pos).ok_or(Invalid::Malformed)?;
                    if n != if in_object { b'}' } else { b']' } {
                        if in_object {
                            pos = skip_member_name(b, pos, non_ascii)?;
                        }
                        c = *b.get(pos).ok_or(Invalid::Malformed)?;
                        continue;
                    }
                    // An empty container: close it and go on as after any value.
                    pos += 1;
                    level -= 1;
                    in_object =
                        level > 0 && kinds[(level - 1) >> 6] & (1 << ((level - 1) & 63)) != 0;
                }
            }
            _ => return Err(Invalid::Malformed),
        }
        // After a value: `,` and the next value, or closing brackets.
        loop {
            if level == 0 {
                return Ok(pos);
            }
            pos = skip_ws(b, pos);
            let n = *b.get(pos).ok_or(Invalid::Malformed)?;
            if n == b',' {
                pos = skip_ws(b, pos + 1);
                if in_object {
                    pos = skip_member_name(b, pos, non_ascii)?;
                }
                c = *b.get(pos).ok_or(Invalid::Malformed)?;
                break;
            }
            if n != if in_object { b'}' } else { b']' } {
                return Err(Invalid::Malformed);
            }
            pos += 1;
            level -= 1;
            in_object = level > 0 && kinds[(level - 1) >> 6] & (1 << ((level - 1) & 63)) != 0;
        }
    }
}

/// Ask the CPU to start loading the first `bytes` of `input` into cache now.
#[inline(always)]
fn prefetch(input: &[u8], bytes: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        for off in (64..input.len().min(bytes)).step_by(64) {
            // SAFETY: SSE is part of the x86_64 baseline; a prefetch never faults, and the
            // address is inside `input`.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(input.as_ptr().add(off).cast()) };
        }
    }
}

/// How much of an event [`prefetch`] asks for at most (beyond that the lines would be evicted
/// before they are read).
const PREFETCH_BYTES: usize = 4096;

/// Flatten `input` into `s.fields`. Only paths present in `trie` produce fields.
///
/// Unused subtrees go to [`skip_value`]. UTF-8 is validated once for the whole input (strings
/// only flag that they may hold non-ASCII bytes; outside strings the grammar admits none). With
/// `limits.unique_keys`, reading stops once no array is open and, in every open object, every
/// name leading to a used path has been read ([`crate::Config::unique_keys`]); the unread rest
/// is not validated. `on_string(path, raw)` is told of each string leaf without escapes as soon
/// as it is read (the matcher prefetches its look-up).
// Never inlined: the flattener is large, and inlined into the matcher it made both slower
// (about 200 instructions per event more on NUMERIC, by callgrind).
#[inline(never)]
pub(crate) fn flatten(
    trie: &PathTrie,
    input: &[u8],
    limits: EventLimits,
    s: &mut FlatScratch,
    on_string: impl Fn(u32, &[u8]),
) -> Result<(), Invalid> {
    s.fields.clear();
    s.trails.clear();
    s.arena.clear();
    s.frames.clear();
    s.trail_stack.clear();
    s.any_trail = false;
    let b = input;
    // Have the first lines on their way while the first members are read: every byte will be
    // read, or with `unique_keys` (which may stop early) about as many as lately.
    prefetch(
        b,
        if limits.unique_keys {
            (s.reach + 128).min(PREFETCH_BYTES)
        } else {
            PREFETCH_BYTES
        },
    );
    let mut non_ascii = false;
    let mut pos = skip_ws(b, 0);
    if b.get(pos) != Some(&b'{') || limits.max_depth == 0 {
        return Err(Invalid::Malformed);
    }
    pos += 1;
    let unique = limits.unique_keys;
    let root_left = if unique {
        s.start_seen_epoch(trie.nodes.len());
        trie.roots_needed() as u32
    } else {
        UNBOUNDED
    };
    s.frames.push(Frame {
        is_object: true,
        has_entries: false,
        pushed_trail: false,
        node: ROOT,
        array_id: 0,
        index: 0,
        left: root_left,
    });
    // Open frames whose rest may still feed a used path; none left: stop early.
    let mut unfinished = usize::from(root_left != 0);
    let mut next_array = 0u32;
    loop {
        if unfinished == 0 {
            // Nothing later can feed a used path: stop (the rest is not validated).
            s.note_reach(pos);
            if non_ascii && std::str::from_utf8(&b[..pos]).is_err() {
                return Err(Invalid::Malformed);
            }
            return Ok(());
        }
        pos = skip_ws(b, pos);
        let Some(&c0) = b.get(pos) else {
            return Err(Invalid::Malformed);
        };
        let depth = s.frames.len();
        let top = s.frames.last_mut().expect("open frame");
        let close = if top.is_object { b'}' } else { b']' };
        if c0 == close {
            pos += 1;
            let f = s.frames.pop().expect("open frame");
            if f.left != 0 {
                unfinished -= 1;
            }
            if f.pushed_trail {
                s.trail_stack.pop();
            }
            if s.frames.is_empty() {
                break;
            }
            continue;
        }
        let mut c = c0;
        if top.has_entries {
            if c != b',' {
                return Err(Invalid::Malformed);
            }
            pos = skip_ws(b, pos + 1);
            c = *b.get(pos).ok_or(Invalid::Malformed)?;
        } else {
            top.has_entries = true;
        }
        // Resolve the trie node of the value and its array-element position.
        let (node, element) = if top.is_object {
            if c != b'"' {
                return Err(Invalid::Malformed);
            }
            // Frames are only opened at live trie nodes.
            debug_assert_ne!(top.node, NONE);
            let name = read_name(b, pos, &mut non_ascii)?;
            let end = name.end;
            let (node, dotted) = if name.escaped {
                s.key_buf.clear();
                decode_into(&b[pos + 1..end], &mut s.key_buf);
                let dotted = has_dot(&s.key_buf);
                let node = if dotted {
                    trie.walk_dotted(top.node, &s.key_buf)
                } else {
                    trie.child(top.node, &s.key_buf)
                };
                (node, dotted)
            } else if name.dotted {
                (trie.walk_dotted(top.node, &b[pos + 1..end]), true)
            } else {
                let key = &b[pos + 1..end];
                (trie.child_headed(top.node, key, name.head), false)
            };
            // With unique names, a plain used name is read once: count it (a dotted name like
            // "a.b" is not counted: other "a.…" names may follow).
            if top.left != UNBOUNDED
                && top.left != 0
                && node != NONE
                && (depth > 1 || node != EMPTY || trie.empty_needed())
                && s.seen_stamp[node as usize] != s.seen_epoch
                && !dotted
            {
                s.seen_stamp[node as usize] = s.seen_epoch;
                top.left -= 1;
                if top.left == 0 {
                    unfinished -= 1;
                }
            }
            pos = skip_ws(b, end + 1);
            if b.get(pos) != Some(&b':') {
                return Err(Invalid::Malformed);
            }
            pos = skip_ws(b, pos + 1);
            c = *b.get(pos).ok_or(Invalid::Malformed)?;
            (node, None)
        } else {
            let idx = top.index;
            top.index += 1;
            (top.node, Some((top.array_id, idx)))
        };
        if node == NONE {
            pos = match c {
                b'"' => scan_string(b, pos + 1, &mut non_ascii)?.0 + 1,
                b'-' | b'0'..=b'9' => scan_number(b, pos)?,
                _ => skip_value(
                    b,
                    pos,
                    depth,
                    limits.max_depth,
                    &mut s.kinds,
                    &mut non_ascii,
                )?,
            };
            continue;
        }
        match c {
            b'{' | b'[' => {
                let is_object = c == b'{';
                // The joined path "" behaves like the root: its members start a fresh path
                // (`"" + "." + k` is never formed, as in the reference).
                let node = if is_object && node == EMPTY {
                    ROOT
                } else {
                    node
                };
                let keep = trie.has_children(if node == EMPTY { ROOT } else { node })
                    || (!is_object && trie.leaf(node) != NONE);
                if !keep {
                    pos = skip_value(
                        b,
                        pos,
                        depth,
                        limits.max_depth,
                        &mut s.kinds,
                        &mut non_ascii,
                    )?;
                    continue;
                }
                if depth >= limits.max_depth {
                    return Err(Invalid::Malformed);
                }
                pos += 1;
                let mut pushed_trail = false;
                if let Some(e) = element {
                    s.trail_stack.push(e);
                    pushed_trail = true;
                }
                let array_id = if !is_object {
                    next_array += 1;
                    next_array
                } else {
                    0
                };
                // An array may always hold more elements; a `""`-joined object is the root's.
                let left = if unique && is_object && node != ROOT {
                    trie.children_len(node)
                } else {
                    UNBOUNDED
                };
                unfinished += usize::from(left != 0);
                s.frames.push(Frame {
                    is_object,
                    has_entries: false,
                    pushed_trail,
                    node,
                    array_id,
                    index: 0,
                    left,
                });
            }
            b'"' => {
                let (end, escaped) = scan_string(b, pos + 1, &mut non_ascii)?;
                let path = trie.leaf(node);
                if path != NONE {
                    let (in_arena, start, stop) = if escaped {
                        let a = s.arena.len();
                        decode_into(&b[pos + 1..end], &mut s.arena);
                        (true, a, s.arena.len())
                    } else {
                        on_string(path, &b[pos + 1..end]);
                        (false, pos + 1, end)
                    };
                    push_field(s, &limits, path, Kind::Str, in_arena, start, stop, f64::NAN)?;
                }
                pos = end + 1;
            }
            b'-' | b'0'..=b'9' => {
                let end = scan_number(b, pos)?;
                let path = trie.leaf(node);
                if path != NONE {
                    let text = ascii_str(&b[pos..end]);
                    let num = comparable(text).unwrap_or(f64::NAN);
                    push_field(s, &limits, path, Kind::Num, false, pos, end, num)?;
                }
                pos = end;
            }
            b't' | b'f' | b'n' => {
                let (word, kind): (&[u8], Kind) = match c {
                    b't' => (b"true", Kind::True),
                    b'f' => (b"false", Kind::False),
                    _ => (b"null", Kind::Null),
                };
                let end = scan_literal(b, pos, word)?;
                let path = trie.leaf(node);
                if path != NONE {
                    push_field(s, &limits, path, kind, false, pos, pos, f64::NAN)?;
                }
                pos = end;
            }
            _ => return Err(Invalid::Malformed),
        }
    }
    if unique {
        s.note_reach(pos);
    }
    // Text after the root object is ignored (as Jackson does), but the whole input must be
    // UTF-8: checked once here (strings flagged possible non-ASCII bytes; elsewhere the
    // grammar admits none).
    let utf8_ok = if non_ascii {
        std::str::from_utf8(b).is_ok()
    } else {
        b[pos..].is_ascii() || std::str::from_utf8(&b[pos..]).is_ok()
    };
    if !utf8_ok {
        return Err(Invalid::Malformed);
    }
    Ok(())
}

#[inline]
#[allow(clippy::too_many_arguments)]
fn push_field(
    s: &mut FlatScratch,
    limits: &EventLimits,
    path: u32,
    kind: Kind,
    in_arena: bool,
    start: usize,
    end: usize,
    num: f64,
) -> Result<(), Invalid> {
    if s.fields.len() >= limits.max_fields {
        return Err(Invalid::TooManyFields);
    }
    let trail_start = s.trails.len() as u32;
    if !s.trail_stack.is_empty() {
        s.any_trail = true;
        s.trails.extend_from_slice(&s.trail_stack);
    }
    s.fields.push(Field {
        path,
        kind,
        in_arena,
        start: start as u32,
        end: end as u32,
        num,
        trail_start,
        trail_end: s.trails.len() as u32,
    });
    Ok(())
}

/// Why `input` was rejected, in the one-rule API's words.
pub(crate) fn describe_error(input: &[u8], limits: EventLimits, why: Invalid) -> EventError {
    if why == Invalid::TooManyFields {
        return EventError::new(
            format!(
                "Event has more than the configured maximum of {} values at paths the rules use",
                limits.max_fields
            ),
            None,
        );
    }
    if input.len() > limits.max_bytes {
        return EventError::new(
            format!(
                "Event is {} bytes, more than the configured maximum of {} bytes",
                input.len(),
                limits.max_bytes
            ),
            None,
        );
    }
    let text = match std::str::from_utf8(input) {
        Ok(t) => t,
        Err(e) => {
            return EventError::new("Invalid UTF-8 in event".to_string(), Some(e.valid_up_to()));
        }
    };
    let parsed = crate::json::parse(
        text,
        crate::json::ParseLimits {
            max_depth: limits.max_depth,
        },
    );
    match parsed {
        Err(e) => EventError::new(e.message, Some(e.offset)),
        Ok(crate::json::Value::Object(_)) => EventError::new("Event could not be read", Some(0)),
        Ok(_) => EventError::new("Event must be a JSON object", Some(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Flat = Vec<(u32, String, Vec<(u32, u32)>)>;

    fn run(paths: &[&str], event: &str) -> Result<Flat, Invalid> {
        let mut trie = PathTrie::default();
        for (i, p) in paths.iter().enumerate() {
            trie.insert(p, i as u32);
        }
        let mut s = FlatScratch::default();
        let limits = EventLimits {
            max_bytes: usize::MAX,
            max_depth: 1000,
            max_fields: usize::MAX,
            unique_keys: false,
        };
        flatten(&trie, event.as_bytes(), limits, &mut s, |_, _| {})?;
        Ok(s.fields
            .iter()
            .map(|f| {
                let v = match s.leaf(event.as_bytes(), f) {
                    Leaf::Str(x) => format!("s:{x}"),
                    Leaf::Num(t, v) => format!("n:{t}:{v:?}"),
                    Leaf::Bool(b) => format!("b:{b}"),
                    Leaf::Null => "null".into(),
                };
                (f.path, v, s.trail(f).to_vec())
            })
            .collect())
    }

    #[test]
    fn has_dot_at_every_offset() {
        for len in 0..20 {
            let plain = vec![b'a'; len];
            assert!(!has_dot(&plain));
            for at in 0..len {
                let mut dotted = plain.clone();
                dotted[at] = b'.';
                assert!(has_dot(&dotted), "{len} {at}");
            }
        }
    }

    #[test]
    fn dotted_keys_and_skipping() {
        let got = run(
            &["a.b", "c"],
            r#"{"a":{"b":"x"},"a.b":"y","z":{"b":1},"c":[1,{"d":2}]}"#,
        )
        .unwrap();
        let vals: Vec<_> = got.iter().map(|(p, v, _)| (*p, v.as_str())).collect();
        assert_eq!(vals, [(0, "s:x"), (0, "s:y"), (1, "n:1:Some(1.0)")]);
    }

    #[test]
    fn escapes_and_surrogates() {
        let got = run(&["k"], r#"{"\u006b":"a\u00e9\n\ud83d\ude00\ud83dx\udc00"}"#).unwrap();
        assert_eq!(got[0].1, "s:aé\n😀?x?");
    }

    #[test]
    fn trails() {
        let got = run(&["e.f"], r#"{"e":[{"f":"1"},[{"f":["2","3"]}]]}"#).unwrap();
        assert_eq!(got[0].2, vec![(1, 0)]);
        assert_eq!(got[1].2, vec![(1, 1), (2, 0)]);
        assert_eq!(got[2].2, vec![(1, 1), (2, 0)]);
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "[]",
            "{",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":tru}",
            "{\"a\":truex}",
            "{\"a\":[1 2]}",
            "{\"a\":\"\u{1}\"}",
            "{\"a\":\"\\x\"}",
            "{\"a\":[1,]}",
            "{\"a\":1}}x\u{0}",
            "{\"a\":-}",
            "{\"a\":1e}",
            "{'a':1}",
        ] {
            if bad == "{\"a\":1}}x\u{0}" {
                assert!(run(&["a"], bad).is_ok(), "trailing text is ignored");
                continue;
            }
            assert!(run(&["a"], bad).is_err(), "{bad}");
        }
        let mut trie = PathTrie::default();
        trie.insert("a", 0);
        let mut s = FlatScratch::default();
        let limits = EventLimits {
            max_bytes: usize::MAX,
            max_depth: 1000,
            max_fields: usize::MAX,
            unique_keys: false,
        };
        assert!(flatten(&trie, b"{\"a\":\"\xff\"}", limits, &mut s, |_, _| {}).is_err());
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(5000), "]".repeat(5000));
        assert!(flatten(&trie, deep.as_bytes(), limits, &mut s, |_, _| {}).is_err());
    }

    proptest::proptest! {
        /// The SSE2 and SWAR string scanners agree with the byte-at-a-time one.
        #[test]
        fn string_scanners_agree(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => 0x20u8..0x7f,
                    1 => proptest::sample::select(&[b'"', b'\\', 0x00, 0x1f, 0x7f, 0x80, 0xc3, 0xff][..]),
                ],
                0..80,
            ),
            start in 0usize..80,
        ) {
            let start = start.min(bytes.len());
            let (mut a, mut b, mut c) = (false, false, false);
            let want = string_stop_scalar(&bytes, start, &mut a);
            proptest::prop_assert_eq!(string_stop_swar(&bytes, start, &mut b), want);
            proptest::prop_assert_eq!(string_stop(&bytes, start, &mut c), want);
            // The fast scanners may over-report non-ASCII (bytes past the stop), never miss it.
            proptest::prop_assert!(!a || (b && c));
        }

        /// The one-load member-name reader agrees with scanning the string and its body.
        #[test]
        fn name_reader_agrees(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => 0x20u8..0x7f,
                    1 => proptest::sample::select(&[b'"', b'\\', b'.', 0x00, 0x1f, 0x80, 0xc3][..]),
                ],
                0..40,
            ),
        ) {
            let mut b = vec![b'"'];
            b.extend_from_slice(&bytes);
            let (mut a, mut c) = (false, false);
            let want = scan_string(&b, 1, &mut a);
            let got = read_name(&b, 0, &mut c);
            match (want, got) {
                (Ok((end, escaped)), Ok(name)) => {
                    let raw = &b[1..end];
                    proptest::prop_assert_eq!(
                        (name.end, name.escaped, name.dotted, name.head),
                        (end, escaped, has_dot(raw), head_word(raw))
                    );
                    proptest::prop_assert!(!raw.iter().any(|&x| x >= 0x80) || c);
                }
                (Err(_), Err(_)) => {}
                (w, g) => proptest::prop_assert!(false, "{w:?} vs {g:?}"),
            }
        }
    }

    #[test]
    fn trie_remove_prunes() {
        let mut t = PathTrie::default();
        t.insert("a.b.c", 0);
        t.insert("a.x", 1);
        t.remove("a.b.c");
        assert_eq!(t.get("a.b.c"), None);
        assert_eq!(t.get("a.x"), Some(1));
        assert_eq!(t.size().0, 4);
        t.remove("a.x");
        assert_eq!(t.size().0, 2);
    }
}
