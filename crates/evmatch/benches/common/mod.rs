//! Helpers shared by the benchmark binaries.

use std::time::{Duration, Instant};

use criterion::Criterion;

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

/// Criterion with short runs (10 samples, 0.5 s warm-up, 2 s measurement), overridable from the
/// command line: the benchmark binaries print their own tables first.
pub fn short_criterion() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args()
}
