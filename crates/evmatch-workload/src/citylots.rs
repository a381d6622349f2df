//! The corpus: the generated events, rendered as the reference generator writes them.
//!
//! [`Citylots::new`] runs the generator (`generator.rs`) once for the whole
//! corpus, because two things are whole-corpus properties: how many blocks are
//! laid out depends on the requested event count, and the surplus events are
//! dropped at the end with one `random.sample`. The events are then rendered
//! on demand: [`Citylots::write_event`] formats one event's JSON text in the
//! script's spelling (its spaced layout, `{ "type": "Feature", "properties":
//! { ... } ... }`, and coordinates as Python's `repr(float)`), and
//! [`Citylots::write_jsonl`] writes the script's `citylots.jsonl`.
//!
//! Invariants: event `i` is byte for byte line `i` of the script's
//! `citylots.jsonl` for the same seed and event count (pinned by sha256 digests
//! in the tests); every event is a valid JSON object shaped like a real
//! citylots record plus `geometry.firstCoordinates`. The script's reference is
//! CPython 3.11, whose `sum` adds floats left to right; CPython 3.12+ sums with
//! compensation and may write slightly different coordinates.
//!
//! The rendering is hand-written: the script's spacing and Python's float
//! spelling are not what serde_json writes. The one string that could need
//! escaping, STREET, goes through serde_json (see `city.rs` for why its
//! escaping equals Python's here).
//!
//! Costs: building costs what the generator costs (see `generator.rs`);
//! rendering formats about 1 KB per event and caches nothing, so
//! [`Citylots::event`] allocates a buffer on every call
//! ([`Citylots::write_event`] reuses the caller's).

use std::io::Write as _;

use crate::generator::{Layout, Parcel, Ring, lay_out};
use crate::py_repr::push_py_repr;

/// The seed the reference generator uses by default.
pub const DEFAULT_SEED: u64 = 20_240_601;
/// The size of the real citylots corpus, the reference generator's default
/// event count.
pub const CITYLOTS_EVENTS: usize = 213_068;

/// A generated citylots-like corpus: the events of `gen_citylots.py --seed S
/// --events N`, in the same order, rendered on demand.
///
/// Building it runs the whole generator (the event count decides how many
/// blocks are laid out, and the surplus is dropped at the end); rendering an
/// event ([`Citylots::write_event`]) formats its JSON text. For `n` below the
/// number of planted events (about 800, which the script refuses), the result
/// is a truncated corpus that the script has no counterpart for.
pub struct Citylots {
    seed: u64,
    layout: Layout,
}

impl Citylots {
    /// Generates the corpus of `n` events for `seed`.
    pub fn new(seed: u64, n: usize) -> Self {
        Citylots {
            seed,
            layout: lay_out(seed, n),
        }
    }

    /// The seed the corpus was generated with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The number of events.
    pub fn len(&self) -> usize {
        self.layout.parcels.len()
    }

    /// Whether the corpus has no events.
    pub fn is_empty(&self) -> bool {
        self.layout.parcels.is_empty()
    }

    /// Appends the JSON text of event `i` (the `citylots.jsonl` line without
    /// its newline) to `buf`.
    pub fn write_event(&self, i: usize, buf: &mut Vec<u8>) {
        let p = &self.layout.parcels[i];
        let (street, typ) = match p.street {
            None => ("UNKNOWN", None),
            Some(s) => {
                let s = &self.layout.streets[s as usize];
                (s.name.as_str(), s.typ)
            }
        };
        buf.extend_from_slice(b"{ \"type\": \"Feature\", \"properties\": { \"MAPBLKLOT\": \"");
        buf.extend_from_slice(p.mapblklot.as_bytes());
        buf.extend_from_slice(b"\", \"BLKLOT\": \"");
        buf.extend_from_slice(p.blklot.as_bytes());
        buf.extend_from_slice(b"\", \"BLOCK_NUM\": \"");
        buf.extend_from_slice(p.block_num.as_bytes());
        buf.extend_from_slice(b"\", \"LOT_NUM\": \"");
        buf.extend_from_slice(p.lot_num.as_bytes());
        write!(
            buf,
            "\", \"FROM_ST\": \"{}\", \"TO_ST\": \"{}\", \"STREET\": ",
            p.from_st, p.to_st
        )
        .expect("vec write");
        // Street names are printable ASCII (see `city.rs`), where serde_json's
        // string escaping is `json.dumps`'s.
        serde_json::to_writer(&mut *buf, street).expect("a str serializes");
        buf.extend_from_slice(b", \"ST_TYPE\": ");
        match typ {
            None => buf.extend_from_slice(b"null"),
            Some(t) => {
                buf.push(b'"');
                buf.extend_from_slice(t.as_bytes());
                buf.push(b'"');
            }
        }
        buf.extend_from_slice(b", \"ODD_EVEN\": \"");
        buf.push(p.odd_even);
        buf.extend_from_slice(b"\" }, \"geometry\": { \"type\": \"");
        buf.extend_from_slice(if p.multi { b"MultiPolygon" } else { b"Polygon" });
        buf.extend_from_slice(b"\", \"coordinates\": [ ");
        let rings = &self.layout.geoms[p.geom as usize];
        let write_ring = |buf: &mut Vec<u8>, ring: &Ring| {
            buf.extend_from_slice(b"[ ");
            for (k, &(x, y)) in ring.iter().enumerate() {
                if k > 0 {
                    buf.extend_from_slice(b", ");
                }
                buf.extend_from_slice(b"[ ");
                push_py_repr(buf, x);
                buf.extend_from_slice(b", ");
                push_py_repr(buf, y);
                buf.extend_from_slice(b", 0.0 ]");
            }
            buf.extend_from_slice(b" ]");
        };
        if p.multi {
            for (k, ring) in rings.iter().enumerate() {
                if k > 0 {
                    buf.extend_from_slice(b", ");
                }
                buf.extend_from_slice(b"[ ");
                write_ring(buf, ring);
                buf.extend_from_slice(b" ]");
            }
        } else {
            write_ring(buf, &rings[0]);
        }
        let (fx, fy) = rings[0][0];
        buf.extend_from_slice(b" ], \"firstCoordinates\": { \"x\": ");
        push_py_repr(buf, fx);
        buf.extend_from_slice(b", \"y\": ");
        push_py_repr(buf, fy);
        buf.extend_from_slice(b", \"z\": 0.0 } } }");
    }

    /// Event `i` as a new buffer.
    pub fn event(&self, i: usize) -> Vec<u8> {
        let mut b = Vec::with_capacity(1024);
        self.write_event(i, &mut b);
        b
    }

    /// All events, in order, each in its own buffer.
    pub fn iter(&self) -> impl Iterator<Item = Vec<u8>> + '_ {
        (0..self.len()).map(|i| self.event(i))
    }

    /// All events collected (about 1 KB each).
    pub fn to_vecs(&self) -> Vec<Vec<u8>> {
        self.iter().collect()
    }

    /// The `citylots.jsonl` file the script writes: every event followed by `\n`.
    pub fn write_jsonl<W: std::io::Write>(&self, mut w: W) -> std::io::Result<()> {
        let mut buf = Vec::with_capacity(1 << 16);
        for i in 0..self.len() {
            self.write_event(i, &mut buf);
            buf.push(b'\n');
            if buf.len() >= 1 << 16 {
                w.write_all(&buf)?;
                buf.clear();
            }
        }
        w.write_all(&buf)
    }

    /// The parcels behind the events, in event order.
    pub(crate) fn parcels(&self) -> &[Parcel] {
        &self.layout.parcels
    }

    /// The first point of a parcel's geometry (its `firstCoordinates`).
    pub(crate) fn first_point(&self, p: &Parcel) -> (f64, f64) {
        self.layout.geoms[p.geom as usize][0][0]
    }

    /// A parcel's ST_TYPE (`None` for no type or no street).
    pub(crate) fn street_type(&self, p: &Parcel) -> Option<&'static str> {
        p.street.and_then(|s| self.layout.streets[s as usize].typ)
    }
}

/// The events of `Citylots::new(seed, n)`, in order, from an iterator that owns
/// the corpus.
pub fn events(seed: u64, n: usize) -> impl Iterator<Item = Vec<u8>> {
    let c = Citylots::new(seed, n);
    (0..c.len()).map(move |i| c.event(i))
}
