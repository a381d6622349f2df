//! [`FxMap`]: the hash map of interned keys (paths, operands, ids).

use std::collections::HashMap;

/// `HashMap` with rustc's FxHash: small, fast, non-cryptographic, for keys the engine interns
/// (the keys come from rules, not from events).
pub(crate) type FxMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;
