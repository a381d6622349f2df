//! Small building blocks the layers above share: copy-on-write publication ([`Published`]),
//! recycled ids ([`FreeIds`]), the cache prefetch hint ([`prefetch`]) and the hash map of
//! interned keys ([`FxMap`]).

mod free_ids;
mod fx_map;
mod prefetch;
mod published;

pub(crate) use free_ids::FreeIds;
pub(crate) use fx_map::FxMap;
pub(crate) use prefetch::prefetch;
pub use published::Published;
