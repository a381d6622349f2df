//! Helpers shared by the benchmark binaries.

use std::time::{Duration, Instant};

/// Best wall time of `passes` runs of `f`.
pub fn best_of(passes: usize, mut f: impl FnMut()) -> Duration {
    (0..passes)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .expect("at least one pass")
}
