//! [`NumericRanges`]: the `numeric` conditions of one path, looked up by value.

use crate::pattern::ir::NumericRange;

/// Largest block of [`NumericRanges`] before it is split.
const BLOCK: usize = 512;

/// One block of numeric ranges, sorted by lower bound.
#[derive(Debug, Clone, Default)]
struct NumBlock {
    entries: Vec<(NumericRange, u32)>,
    /// `lows[i]`: the lower bound of `entries[i]` (a compact key for the binary search).
    lows: Vec<f64>,
    /// `max_high[i]`: the largest upper bound among `entries[..=i]`.
    max_high: Vec<f64>,
}

impl NumBlock {
    fn refresh(&mut self, from: usize) {
        self.max_high.resize(self.entries.len(), f64::NEG_INFINITY);
        let mut m = if from == 0 {
            f64::NEG_INFINITY
        } else {
            self.max_high[from - 1]
        };
        for i in from..self.entries.len() {
            m = m.max(high_key(&self.entries[i].0));
            self.max_high[i] = m;
        }
    }

    fn low(&self) -> f64 {
        self.lows[0]
    }
}

/// Numeric ranges sorted by lower bound, in blocks of at most [`BLOCK`] (so adding one costs
/// O(block + blocks), not O(ranges)). A look-up of x scans downwards from the last range whose
/// lower bound is <= x and stops as soon as no earlier range reaches x (running maxima of the
/// upper bounds, within blocks and over blocks).
#[derive(Debug, Clone, Default)]
pub(crate) struct NumericRanges {
    blocks: Vec<NumBlock>,
    /// `block_lows[b]`: the lowest lower bound in `blocks[b]`.
    block_lows: Vec<f64>,
    /// `block_max[b]`: the largest upper bound in `blocks[..=b]`.
    block_max: Vec<f64>,
    pub(crate) len: usize,
}

impl NumericRanges {
    fn refresh(&mut self, from: usize) {
        self.block_max.resize(self.blocks.len(), f64::NEG_INFINITY);
        self.block_lows.resize(self.blocks.len(), f64::NEG_INFINITY);
        let mut m = if from == 0 {
            f64::NEG_INFINITY
        } else {
            self.block_max[from - 1]
        };
        for b in from..self.blocks.len() {
            m = m.max(*self.blocks[b].max_high.last().unwrap_or(&f64::NEG_INFINITY));
            self.block_max[b] = m;
            self.block_lows[b] = self.blocks[b].low();
        }
    }

    pub(crate) fn add(&mut self, r: NumericRange, t: u32) {
        let low = low_key(&r);
        if self.blocks.is_empty() {
            let mut blk = NumBlock {
                entries: vec![(r, t)],
                lows: vec![low],
                max_high: Vec::new(),
            };
            blk.refresh(0);
            self.blocks.push(blk);
            self.len += 1;
            self.refresh(0);
            return;
        }
        let b = self
            .block_lows
            .partition_point(|&l| l <= low)
            .saturating_sub(1);
        let blk = &mut self.blocks[b];
        let at = blk.lows.partition_point(|&l| l <= low);
        blk.entries.insert(at, (r, t));
        blk.lows.insert(at, low);
        blk.refresh(at);
        if blk.entries.len() > BLOCK {
            let entries = blk.entries.split_off(BLOCK / 2);
            let lows = blk.lows.split_off(BLOCK / 2);
            blk.max_high.truncate(BLOCK / 2);
            let mut next = NumBlock {
                entries,
                lows,
                max_high: Vec::new(),
            };
            next.refresh(0);
            self.blocks.insert(b + 1, next);
        }
        self.len += 1;
        self.refresh(b);
    }

    pub(crate) fn remove(&mut self, r: &NumericRange, t: u32) {
        let low = low_key(r);
        // Equal lower bounds may span blocks: look from the first block that can hold `low`.
        let first = self
            .block_lows
            .partition_point(|&l| l < low)
            .saturating_sub(1);
        for b in first..self.blocks.len() {
            let blk = &mut self.blocks[b];
            if blk.low() > low {
                break;
            }
            if let Some(i) = blk.entries.iter().position(|(x, s)| *s == t && x == r) {
                blk.entries.remove(i);
                blk.lows.remove(i);
                if blk.entries.is_empty() {
                    self.blocks.remove(b);
                } else {
                    blk.max_high.truncate(blk.entries.len());
                    blk.refresh(i);
                }
                self.len -= 1;
                self.refresh(b);
                return;
            }
        }
    }

    #[inline]
    pub(crate) fn lookup(&self, x: f64, hit: &mut impl FnMut(u32)) {
        let end = self.block_lows.partition_point(|&l| l <= x);
        for b in (0..end).rev() {
            if self.block_max[b] < x {
                break;
            }
            let blk = &self.blocks[b];
            let end = blk.lows.partition_point(|&l| l <= x);
            for i in (0..end).rev() {
                if blk.max_high[i] < x {
                    break;
                }
                let (r, s) = &blk.entries[i];
                if r.contains(x) {
                    hit(*s);
                }
            }
        }
    }

    pub(crate) fn approx_bytes(&self) -> usize {
        self.blocks.capacity() * std::mem::size_of::<NumBlock>()
            + (self.block_max.capacity() + self.block_lows.capacity()) * 8
            + self
                .blocks
                .iter()
                .map(|b| {
                    b.entries.capacity() * std::mem::size_of::<(NumericRange, u32)>()
                        + (b.max_high.capacity() + b.lows.capacity()) * 8
                })
                .sum::<usize>()
    }
}

fn low_key(r: &NumericRange) -> f64 {
    r.low.map_or(f64::NEG_INFINITY, |(v, _)| v)
}

fn high_key(r: &NumericRange) -> f64 {
    r.high.map_or(f64::INFINITY, |(v, _)| v)
}
