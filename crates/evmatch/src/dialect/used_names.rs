//! [`UsedNames`]: the top-level member names that a machine's filters read, counted per filter,
//! so that a projection writes only the members some filter can see.
//!
//! A member named `n` can only produce paths that start with `n`'s first dot-separated segment
//! (`a.b` is the path `a.b`); a rule path `a.b.c` reads members whose first segment is `a`. A
//! member whose name is empty or starts with `.` joins like the root and is always written. A
//! member no filter reads cannot change any answer — paths are matched independently, and
//! array consistency only relates values at paths a branch reads — so leaving it out keeps
//! every answer and saves writing it. Look-ups are one hash probe per member.

use rustc_hash::FxHashMap;

use crate::pattern::Pattern;

/// Counted first path segments of the filters in a machine.
#[derive(Debug, Clone, Default)]
pub(crate) struct UsedNames {
    counts: FxHashMap<Box<str>, usize>,
}

/// The distinct first segments of a pattern's paths.
pub(crate) fn first_segments(pattern: &Pattern) -> Vec<Box<str>> {
    let mut names: Vec<Box<str>> = pattern
        .branches()
        .iter()
        .flat_map(|b| &b.fields)
        .map(|f| first_segment(&f.path).into())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

fn first_segment(path: &str) -> &str {
    path.as_bytes()
        .iter()
        .position(|&b| b == b'.')
        .map_or(path, |i| &path[..i])
}

impl UsedNames {
    /// Count the names of one filter.
    pub(crate) fn add(&mut self, names: &[Box<str>]) {
        for n in names {
            *self.counts.entry(n.clone()).or_insert(0) += 1;
        }
    }

    /// Uncount the names of one filter.
    pub(crate) fn remove(&mut self, names: &[Box<str>]) {
        for n in names {
            if let Some(c) = self.counts.get_mut(n) {
                *c -= 1;
                if *c == 0 {
                    self.counts.remove(n);
                }
            }
        }
    }

    /// Whether a member named `name` can be read by some filter.
    pub(crate) fn reads(&self, name: &str) -> bool {
        name.is_empty() || name.starts_with('.') || self.counts.contains_key(first_segment(name))
    }
}
