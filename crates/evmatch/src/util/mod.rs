//! Small building blocks the layers above share: copy-on-write publication ([`Published`]),
//! recycled ids ([`FreeIds`]) and the cache prefetch hint ([`prefetch`]).

mod free_ids;
mod prefetch;
mod published;

pub(crate) use free_ids::FreeIds;
pub(crate) use prefetch::prefetch;
pub use published::Published;
