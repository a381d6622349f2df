//! CPython's `random.Random`, as far as the citylots generator uses it.
//!
//! [`PyRandom`] is MT19937 seeded the way CPython seeds an integer (`init_by_array`
//! over the seed's 32-bit words, least significant first), plus the pure-Python
//! helpers of `Lib/random.py` (3.11) the generator calls: `random()` (53 bits from
//! two draws), `getrandbits(k <= 32)`, `_randbelow` (rejection sampling on
//! `getrandbits(n.bit_length())`), `randint`, `choice`, `uniform`,
//! `paretovariate` and `sample` (both of its algorithms, returned as indices).
//!
//! Invariant: for the same seed, every method returns what CPython's method of
//! the same name returns, draw for draw (the unit tests below pin values printed
//! by CPython 3.11). The generator's output depends on the exact sequence of
//! draws, so a method must consume exactly as many 32-bit words as CPython's.
//!
//! Costs: 2.5 KB of state; one word costs a few nanoseconds, plus a 624-word
//! twist every 624 words. `sample_indices` allocates its result and either a
//! pool of `n` indices or a set of `k`.
//!
//! Hand-written on purpose: no crate reproduces CPython's seeding and helpers,
//! which are most of this file; the MT19937 core alone is forty lines and pinned
//! by the tests.

use std::collections::HashSet;

const MT_N: usize = 624;
const MT_M: usize = 397;

/// A port of CPython's `random.Random` (MT19937 plus the pure-Python helpers
/// of `Lib/random.py`, 3.11), for the methods the generator uses.
#[derive(Clone)]
pub(crate) struct PyRandom {
    mt: [u32; MT_N],
    index: usize,
}

impl PyRandom {
    /// `random.Random(seed)` for a non-negative integer seed.
    pub(crate) fn new(seed: u64) -> Self {
        // random_seed(): the absolute value's 32-bit words, least significant first.
        let key: Vec<u32> = if seed >> 32 == 0 {
            vec![seed as u32]
        } else {
            vec![seed as u32, (seed >> 32) as u32]
        };
        let mut r = PyRandom {
            mt: [0; MT_N],
            index: MT_N,
        };
        r.init_by_array(&key);
        r
    }

    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..MT_N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = MT_N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.mt;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..MT_N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= MT_N {
                mt[0] = mt[MT_N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..MT_N - 1 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= MT_N {
                mt[0] = mt[MT_N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
    }

    /// One 32-bit MT19937 output (`genrand_uint32`).
    pub(crate) fn next_u32(&mut self) -> u32 {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        const MATRIX_A: u32 = 0x9908_b0df;
        if self.index >= MT_N {
            let mt = &mut self.mt;
            for kk in 0..MT_N {
                let y = (mt[kk] & UPPER) | (mt[(kk + 1) % MT_N] & LOWER);
                let mag = if y & 1 == 0 { 0 } else { MATRIX_A };
                mt[kk] = mt[(kk + MT_M) % MT_N] ^ (y >> 1) ^ mag;
            }
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: a float in [0, 1) with 53 random bits.
    pub(crate) fn random(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 32`.
    pub(crate) fn getrandbits(&mut self, k: u32) -> u32 {
        assert!(k <= 32, "getrandbits: only k <= 32 is ported");
        if k == 0 {
            return 0;
        }
        self.next_u32() >> (32 - k)
    }

    /// `_randbelow(n)`: uniform in [0, n), by rejection sampling on
    /// `getrandbits(n.bit_length())`.
    pub(crate) fn randbelow(&mut self, n: u32) -> u32 {
        assert!(n > 0);
        let k = 32 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }

    /// `randint(a, b)`: uniform in [a, b].
    pub(crate) fn randint(&mut self, a: i64, b: i64) -> i64 {
        let width = u32::try_from(b - a + 1).expect("randint range");
        a + i64::from(self.randbelow(width))
    }

    /// `choice(seq)`.
    pub(crate) fn choice<T: Copy>(&mut self, seq: &[T]) -> T {
        let n = u32::try_from(seq.len()).expect("choice: sequence too long");
        seq[self.randbelow(n) as usize]
    }

    /// `uniform(a, b)` = `a + (b - a) * random()`.
    pub(crate) fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `paretovariate(alpha)`.
    pub(crate) fn paretovariate(&mut self, alpha: f64) -> f64 {
        let u = 1.0 - self.random();
        u.powf(-1.0 / alpha)
    }

    /// The indices (into a population of `n`) that `sample(population, k)`
    /// picks, in pick order.
    pub(crate) fn sample_indices(&mut self, n: usize, k: usize) -> Vec<usize> {
        assert!(k <= n, "Sample larger than population");
        let mut setsize: u128 = 21;
        if k > 5 {
            let e = ((k * 3) as f64).ln() / 4f64.ln();
            setsize += 4u128.saturating_pow(e.ceil() as u32);
        }
        let mut result = Vec::with_capacity(k);
        let below =
            |r: &mut Self, m: usize| r.randbelow(u32::try_from(m).expect("sample")) as usize;
        if n as u128 <= setsize {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = below(self, n - i);
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = below(self, n);
                while selected.contains(&j) {
                    j = below(self, n);
                }
                selected.insert(j);
                result.push(j);
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::PyRandom;

    #[test]
    fn py_random_matches_cpython() {
        // values printed by CPython 3.11's random.Random
        let mut r = PyRandom::new(20_240_601);
        let f: Vec<f64> = (0..3).map(|_| r.random()).collect();
        assert_eq!(
            f,
            [0.11799648743459645, 0.42023788001924456, 0.7849756275030207]
        );
        let i: Vec<i64> = (0..5).map(|_| r.randint(0, 60)).collect();
        assert_eq!(i, [37, 58, 54, 15, 27]);
        let range: Vec<u32> = (0..46).collect();
        assert_eq!(r.choice(&range), 20);
        assert_eq!(r.paretovariate(1.25), 1.1979831730027224);
        assert_eq!(r.uniform(-12.0, 12.0), -1.571215236249694);

        let mut r = PyRandom::new((1 << 40) + 12345);
        assert_eq!(r.random(), 0.31036222241287226);
        assert_eq!(r.getrandbits(18), 30118);
        let mut s = r.sample_indices(1000, 7); // set-based algorithm
        s.sort();
        assert_eq!(s, [3, 141, 142, 208, 546, 830, 865]);
        let mut s = r.sample_indices(30, 10); // pool-based algorithm
        s.sort();
        assert_eq!(s, [0, 2, 6, 8, 9, 12, 19, 21, 24, 26]);

        assert_eq!(PyRandom::new(0).random(), 0.8444218515250481);
    }
}
