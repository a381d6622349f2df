//! Small building blocks the layers above share: copy-on-write publication ([`Published`]),
//! left-right replicas changed by replayed operations ([`LeftRight`]),
//! recycled ids ([`FreeIds`]), the cache prefetch hint ([`prefetch`]) and the hash map of
//! interned keys ([`FxMap`]).

mod free_ids;
mod fx_map;
mod left_right;
mod prefetch;
mod published;

pub(crate) use free_ids::FreeIds;
pub(crate) use fx_map::FxMap;
pub(crate) use left_right::{LeftRight, Replica};
pub(crate) use prefetch::prefetch;
pub use published::Published;
