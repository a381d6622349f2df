//! Target lists and exact-string keys shared by the per-path indexes.
//!
//! A *target* is a `u32` chosen by the trigger index (a branch to check, or a rule matched
//! outright, see [`super::RULE_MATCHED`]); every index maps a key to a short list of them.

use smallvec::SmallVec;

/// Targets of one key; most keys have one or two.
pub(crate) type Targets = SmallVec<[u32; 4]>;

/// An exact-string key, inline up to 16 bytes.
pub(crate) type StrKey = SmallVec<[u8; 16]>;

/// Remove one occurrence of `t` from `list` (order is not kept).
pub(crate) fn remove_one<A: smallvec::Array<Item = u32>>(list: &mut SmallVec<A>, t: u32) {
    if let Some(i) = list.iter().position(|&s| s == t) {
        list.swap_remove(i);
    }
}
