//! The event walk: one pass over the event bytes, without recursion, emitting a [`Field`] for
//! each leaf at a used path and handing unused subtrees to [`skip_value`].
//!
//! The walk keeps a stack of open containers ([`Frame`]s) at live trie nodes. With
//! `unique_keys` it also counts, per open object, the used member names not read yet, and
//! stops as soon as no array is open and every count is zero (see
//! [`MachineConfig::unique_keys`](crate::MachineConfig::unique_keys)).

use super::arch::{Native, Scanner};
use super::decode::decode_into;
use super::field::{Field, Leaf, LeafKind, ascii_str, str_from_validated};
use super::path_trie::{EMPTY, NONE, PathTrie, ROOT};
use super::reject::RejectReason;
use super::scan::{read_name, scan_literal, scan_number, scan_string, skip_ws};
use super::skip::skip_value;
use super::swar::has_dot;
use crate::limits::EventLimits;
use crate::pattern::number::comparable;
use crate::util::prefetch;

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
}

impl FlatScratch {
    /// The leaf of `f`; `input` is the event the fields were read from.
    #[inline]
    pub fn leaf<'a>(&'a self, input: &'a [u8], f: &Field) -> Leaf<'a> {
        match f.kind {
            LeafKind::Str | LeafKind::Num => {
                let bytes = if f.in_arena {
                    &self.arena[f.start as usize..f.end as usize]
                } else {
                    &input[f.start as usize..f.end as usize]
                };
                if f.kind == LeafKind::Str {
                    // Validated UTF-8 by the flattener (or written from a `char`).
                    Leaf::Str(str_from_validated(bytes))
                } else {
                    Leaf::Num(ascii_str(bytes), (!f.num.is_nan()).then_some(f.num))
                }
            }
            LeafKind::True => Leaf::Bool(true),
            LeafKind::False => Leaf::Bool(false),
            LeafKind::Null => Leaf::Null,
        }
    }

    /// The array trail of `f`.
    #[inline]
    pub fn trail(&self, f: &Field) -> &[(u32, u32)] {
        &self.trails[f.trail_start as usize..f.trail_end as usize]
    }
}

/// Ask the CPU to start loading the first `bytes` of `input` into cache now.
#[inline(always)]
fn prefetch_input(input: &[u8], bytes: usize) {
    for off in (64..input.len().min(bytes)).step_by(64) {
        // `off < input.len()`: the address is inside `input` (and a prefetch never faults).
        prefetch(input.as_ptr().wrapping_add(off));
    }
}

/// How much of an event [`prefetch_input`] asks for at most (beyond that the lines would be evicted
/// before they are read).
const PREFETCH_BYTES: usize = 4096;

/// Flatten `input` into `s.fields`. Only paths present in `trie` produce fields.
///
/// Unused subtrees go to [`skip_value`]. UTF-8 is validated once for the whole input (strings
/// only flag that they may hold non-ASCII bytes; outside strings the grammar admits none). With
/// `unique_keys`, reading stops once no array is open and, in every open object, every name
/// leading to a used path has been read
/// ([`MachineConfig::unique_keys`](crate::MachineConfig::unique_keys)); the unread rest is not
/// validated. `on_string(path, raw)` is told of each string leaf without escapes as soon as it
/// is read (the matcher prefetches its look-up).
// Never inlined: the flattener is large, and inlined into the matcher it made both slower
// (about 200 instructions per event more on NUMERIC, by callgrind).
#[inline(never)]
pub(crate) fn flatten(
    trie: &PathTrie,
    input: &[u8],
    limits: &EventLimits,
    unique_keys: bool,
    s: &mut FlatScratch,
    on_string: impl Fn(u32, &[u8]),
) -> Result<(), RejectReason> {
    flatten_with::<Native>(trie, input, *limits, unique_keys, s, on_string)
}

/// [`flatten`] with the scanner `S` (tests run [`Portable`](super::arch::Portable) too).
#[inline(always)]
pub(crate) fn flatten_with<S: Scanner>(
    trie: &PathTrie,
    input: &[u8],
    limits: EventLimits,
    unique_keys: bool,
    s: &mut FlatScratch,
    on_string: impl Fn(u32, &[u8]),
) -> Result<(), RejectReason> {
    s.fields.clear();
    s.trails.clear();
    s.arena.clear();
    s.frames.clear();
    s.trail_stack.clear();
    s.any_trail = false;
    let b = input;
    // Have the first lines on their way while the first members are read: every byte will be
    // read, or with `unique_keys` (which may stop early) about as many as lately.
    prefetch_input(
        b,
        if unique_keys {
            (s.reach + 128).min(PREFETCH_BYTES)
        } else {
            PREFETCH_BYTES
        },
    );
    let (max_depth, max_fields) = (limits.max_depth, limits.max_fields);
    let mut non_ascii = false;
    let mut pos = skip_ws(b, 0);
    if b.get(pos) != Some(&b'{') || max_depth == 0 {
        return Err(RejectReason::Malformed);
    }
    pos += 1;
    let unique = unique_keys;
    let root_left = if unique {
        s.start_seen_epoch(trie.node_slots());
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
                return Err(RejectReason::Malformed);
            }
            return Ok(());
        }
        pos = skip_ws(b, pos);
        let Some(&c0) = b.get(pos) else {
            return Err(RejectReason::Malformed);
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
                return Err(RejectReason::Malformed);
            }
            pos = skip_ws(b, pos + 1);
            c = *b.get(pos).ok_or(RejectReason::Malformed)?;
        } else {
            top.has_entries = true;
        }
        // Resolve the trie node of the value and its array-element position.
        let (node, element) = if top.is_object {
            if c != b'"' {
                return Err(RejectReason::Malformed);
            }
            // Frames are only opened at live trie nodes.
            debug_assert_ne!(top.node, NONE);
            let name = read_name::<S>(b, pos, &mut non_ascii)?;
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
                return Err(RejectReason::Malformed);
            }
            pos = skip_ws(b, pos + 1);
            c = *b.get(pos).ok_or(RejectReason::Malformed)?;
            (node, None)
        } else {
            let idx = top.index;
            top.index += 1;
            (top.node, Some((top.array_id, idx)))
        };
        if node == NONE {
            pos = match c {
                b'"' => scan_string::<S>(b, pos + 1, &mut non_ascii)?.0 + 1,
                b'-' | b'0'..=b'9' => scan_number(b, pos)?,
                _ => skip_value::<S>(b, pos, depth, max_depth, &mut s.kinds, &mut non_ascii)?,
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
                    pos = skip_value::<S>(b, pos, depth, max_depth, &mut s.kinds, &mut non_ascii)?;
                    continue;
                }
                if depth >= max_depth {
                    return Err(RejectReason::Malformed);
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
                let (end, escaped) = scan_string::<S>(b, pos + 1, &mut non_ascii)?;
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
                    push_field(
                        s,
                        max_fields,
                        path,
                        LeafKind::Str,
                        in_arena,
                        start,
                        stop,
                        f64::NAN,
                    )?;
                }
                pos = end + 1;
            }
            b'-' | b'0'..=b'9' => {
                let end = scan_number(b, pos)?;
                let path = trie.leaf(node);
                if path != NONE {
                    let text = ascii_str(&b[pos..end]);
                    let num = comparable(text).unwrap_or(f64::NAN);
                    push_field(s, max_fields, path, LeafKind::Num, false, pos, end, num)?;
                }
                pos = end;
            }
            b't' | b'f' | b'n' => {
                let (word, kind): (&[u8], LeafKind) = match c {
                    b't' => (b"true", LeafKind::True),
                    b'f' => (b"false", LeafKind::False),
                    _ => (b"null", LeafKind::Null),
                };
                let end = scan_literal(b, pos, word)?;
                let path = trie.leaf(node);
                if path != NONE {
                    push_field(s, max_fields, path, kind, false, pos, pos, f64::NAN)?;
                }
                pos = end;
            }
            _ => return Err(RejectReason::Malformed),
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
        return Err(RejectReason::Malformed);
    }
    Ok(())
}

#[inline]
#[allow(clippy::too_many_arguments)]
fn push_field(
    s: &mut FlatScratch,
    max_fields: usize,
    path: u32,
    kind: LeafKind,
    in_arena: bool,
    start: usize,
    end: usize,
    num: f64,
) -> Result<(), RejectReason> {
    if s.fields.len() >= max_fields {
        return Err(RejectReason::TooManyFields);
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
