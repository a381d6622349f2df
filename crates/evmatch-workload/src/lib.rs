//! Deterministic citylots-like event generator and the CL2 rule sets, used by
//! `evmatch bench` and the criterion benches.
//!
//! This is a port of `shared/perf/gen_citylots.py`, the generator of the standard
//! many-rule benchmark workload (event-ruler's CL2 benchmark over San Francisco
//! "citylots" GeoJSON parcels). For the same seed and event count, [`Citylots`]
//! produces the same events, byte for byte, as the Python script writes to
//! `citylots.jsonl` (one event per line; here each event is the line without its
//! newline). To get there the module ports what the script relies on:
//!
//! * CPython's `random.Random(seed)`: MT19937 seeded through `init_by_array` with
//!   the 32-bit words of the seed, `random()` (53 bits from two draws),
//!   `getrandbits`/`_randbelow` rejection sampling, `randint`, `choice`,
//!   `uniform`, `paretovariate` and `sample` (both of its algorithms);
//! * the float arithmetic of the geometry in the same evaluation order (the
//!   transcendental functions are the platform libm's, as in CPython);
//! * Python's `repr(float)` for the coordinates ([`push_py_repr`]).
//!
//! Two things are whole-corpus properties, so the corpus is built up front
//! ([`Citylots::new`]) and rendered lazily: the number of blocks depends on the
//! requested event count, and the surplus events are dropped at the end with one
//! `random.sample`. The Python script (CPython 3.11's `sum`, which adds floats
//! left to right) is the reference; CPython 3.12+ sums floats with compensation
//! and may therefore write slightly different coordinates.
//!
//! The rule sets come from `data/cl2_rules.json` (a copy of
//! `shared/perf/cl2_rules.json`): see [`cl2_sets`]. The expected match count of
//! every rule, computed by the Python script's independent reference matcher, is
//! committed for some corpus sizes: see [`expected_cl2_counts`]. The rule-count
//! scaling rules (exact / mix / mixnn) are generated from a corpus with
//! [`Citylots::scale_rules`], which also computes their expected total matches the
//! way the script does.

use std::collections::{BTreeMap, HashSet};
use std::io::Write as _;

/// The seed `gen_citylots.py` uses by default.
pub const DEFAULT_SEED: u64 = 20_240_601;
/// The size of the real citylots corpus, the script's default event count.
pub const CITYLOTS_EVENTS: usize = 213_068;

// ---------------------------------------------------------------------------
// CPython's random.Random

const MT_N: usize = 624;
const MT_M: usize = 397;

/// A port of CPython's `random.Random` (MT19937 plus the pure-Python helpers
/// of `Lib/random.py`, 3.11), for the methods the generator uses.
#[derive(Clone)]
pub struct PyRandom {
    mt: [u32; MT_N],
    index: usize,
}

impl PyRandom {
    /// `random.Random(seed)` for a non-negative integer seed.
    pub fn new(seed: u64) -> Self {
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
    pub fn next_u32(&mut self) -> u32 {
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
    pub fn random(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 32`.
    pub fn getrandbits(&mut self, k: u32) -> u32 {
        assert!(k <= 32, "getrandbits: only k <= 32 is ported");
        if k == 0 {
            return 0;
        }
        self.next_u32() >> (32 - k)
    }

    /// `_randbelow(n)`: uniform in [0, n), by rejection sampling on
    /// `getrandbits(n.bit_length())`.
    pub fn randbelow(&mut self, n: u32) -> u32 {
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
    pub fn randint(&mut self, a: i64, b: i64) -> i64 {
        let width = u32::try_from(b - a + 1).expect("randint range");
        a + i64::from(self.randbelow(width))
    }

    /// `choice(seq)`.
    pub fn choice<T: Copy>(&mut self, seq: &[T]) -> T {
        let n = u32::try_from(seq.len()).expect("choice: sequence too long");
        seq[self.randbelow(n) as usize]
    }

    /// `uniform(a, b)` = `a + (b - a) * random()`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `paretovariate(alpha)`.
    pub fn paretovariate(&mut self, alpha: f64) -> f64 {
        let u = 1.0 - self.random();
        u.powf(-1.0 / alpha)
    }

    /// The indices (into a population of `n`) that `sample(population, k)`
    /// picks, in pick order.
    pub fn sample_indices(&mut self, n: usize, k: usize) -> Vec<usize> {
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

// ---------------------------------------------------------------------------
// Python's repr(float)

/// Appends Python's `repr(v)` of a float: the shortest decimal that reads back
/// as `v`, in positional notation when the decimal exponent is in [-5, 16)
/// (`0.0001`, `1234567890123456.0`) and otherwise as `1e-05` / `1.5e+16`.
pub fn push_py_repr(buf: &mut Vec<u8>, v: f64) {
    if !v.is_finite() {
        buf.extend_from_slice(if v.is_nan() {
            b"nan"
        } else if v > 0.0 {
            b"inf"
        } else {
            b"-inf"
        });
        return;
    }
    let mut tmp = [0u8; 40];
    let a = v.abs();
    if (1e-4..1e16).contains(&a) {
        // Python prints these positionally, as Rust's `{}` does (same shortest
        // digits); Python adds ".0" to integral values.
        let len = {
            let mut w = &mut tmp[..];
            write!(w, "{v}").expect("float fits");
            40 - w.len()
        };
        buf.extend_from_slice(&tmp[..len]);
        if !tmp[..len].contains(&b'.') {
            buf.extend_from_slice(b".0");
        }
        return;
    }
    // `{:e}` is the shortest round-trip digit string: "-1.2345e-7".
    let len = {
        let mut w = &mut tmp[..];
        write!(w, "{v:e}").expect("float fits");
        40 - w.len()
    };
    let s = &tmp[..len];
    let (neg, s) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let epos = s.iter().position(|&c| c == b'e').expect("exponent");
    let mut digits = [0u8; 24];
    let mut nd = 0;
    for &c in &s[..epos] {
        if c != b'.' {
            digits[nd] = c;
            nd += 1;
        }
    }
    let digits = &digits[..nd];
    let exp: i32 = std::str::from_utf8(&s[epos + 1..])
        .expect("ascii")
        .parse()
        .expect("exponent");
    let decpt = exp + 1; // value = 0.DIGITS * 10^decpt
    if neg {
        buf.push(b'-');
    }
    if decpt <= -4 || decpt > 16 {
        buf.push(digits[0]);
        if nd > 1 {
            buf.push(b'.');
            buf.extend_from_slice(&digits[1..]);
        }
        let e = decpt - 1;
        buf.push(b'e');
        buf.push(if e < 0 { b'-' } else { b'+' });
        let ea = e.unsigned_abs();
        if ea < 10 {
            buf.push(b'0');
        }
        write!(buf, "{ea}").expect("vec write");
    } else if decpt <= 0 {
        buf.extend_from_slice(b"0.");
        buf.extend(std::iter::repeat_n(b'0', (-decpt) as usize));
        buf.extend_from_slice(digits);
    } else {
        let d = decpt as usize;
        if d >= nd {
            buf.extend_from_slice(digits);
            buf.extend(std::iter::repeat_n(b'0', d - nd));
            buf.extend_from_slice(b".0");
        } else {
            buf.extend_from_slice(&digits[..d]);
            buf.push(b'.');
            buf.extend_from_slice(&digits[d..]);
        }
    }
}

/// Python's `repr(v)` of a float, as a `String`.
pub fn py_repr(v: f64) -> String {
    let mut b = Vec::with_capacity(24);
    push_py_repr(&mut b, v);
    String::from_utf8(b).expect("ascii")
}

/// Appends `json.dumps(s)` (ASCII-only output, as Python's default).
fn push_json_str(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    for ch in s.chars() {
        match ch {
            '"' => buf.extend_from_slice(b"\\\""),
            '\\' => buf.extend_from_slice(b"\\\\"),
            '\n' => buf.extend_from_slice(b"\\n"),
            '\r' => buf.extend_from_slice(b"\\r"),
            '\t' => buf.extend_from_slice(b"\\t"),
            '\u{8}' => buf.extend_from_slice(b"\\b"),
            '\u{c}' => buf.extend_from_slice(b"\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(buf, "\\u{u:04x}").expect("vec write");
                }
            }
            c => buf.push(c as u8),
        }
    }
    buf.push(b'"');
}

fn json_str(s: &str) -> String {
    let mut b = Vec::with_capacity(s.len() + 2);
    push_json_str(&mut b, s);
    String::from_utf8(b).expect("ascii")
}

// ---------------------------------------------------------------------------
// The city: street pools and regions (verbatim from gen_citylots.py)

struct PoolSpec {
    name: &'static str,
    /// `avenues(lo, hi, w, skip)` prepended to the pool.
    avenues: Option<(u32, u32, f64, &'static [u32])>,
    /// The `pool("""...""")` text: `NAME|TYPE|WEIGHT` items, `-` for no type.
    spec: &'static str,
}

const POOL_SPECS: &[PoolSpec] = &[
    PoolSpec {
        name: "northeast",
        avenues: None,
        spec: "JEFFERSON|ST|2, BEACH|ST|3, NORTH POINT|ST|4, BAY|ST|5, FRANCISCO|ST|5, CHESTNUT|ST|6, LOMBARD|ST|6, GREENWICH|ST|6, FILBERT|ST|6, UNION|ST|6, GREEN|ST|6, VALLEJO|ST|5, BROADWAY|-|5, PACIFIC|AVE|4, HYDE|ST|9, LARKIN|ST|6, LEAVENWORTH|ST|7, JONES|ST|7, TAYLOR|ST|7, MASON|ST|9, POWELL|ST|7, STOCKTON|ST|7, GRANT|AVE|6, COLUMBUS|AVE|5, KEARNY|ST|5, MONTGOMERY|ST|4, SANSOME|ST|3, BATTERY|ST|3, FRONT|ST|2, DAVIS|ST|2, DRUMM|ST|0.4, VANDEWATER|ST|1, ALTA|ST|1, JACKSON|ST|3, WASHINGTON|ST|3, CLAY|ST|3, VAN NESS|AVE|4, POLK|ST|5, HOUSTON|ST|1, JASON|CT|1, BELLAIR|PL|1, VALPARAISO|ST|1, MACONDRAY|LN|1, FIELDING|ST|1, WINTHROP|ST|1, TELEGRAPH|PL|1, CHARLTON|CT|1",
    },
    PoolSpec {
        name: "pacheights",
        avenues: None,
        spec: "MARINA|BLVD|2, CERVANTES|BLVD|1, AVILA|ST|1, PRADO|ST|1, RICO|WAY|1, CAPRA|WAY|1, ALHAMBRA|ST|1, MALLORCA|WAY|1, BEACH|ST|1, JEFFERSON|ST|0.5, NORTH POINT|ST|2, BAY|ST|2, FRANCISCO|ST|3, CHESTNUT|ST|4, LOMBARD|ST|4, GREENWICH|ST|4, FILBERT|ST|4, UNION|ST|4, GREEN|ST|4, VALLEJO|ST|4, BROADWAY|-|4, PACIFIC|AVE|4, JACKSON|ST|5, WASHINGTON|ST|5, CLAY|ST|5, SACRAMENTO|ST|5, CALIFORNIA|ST|5, PINE|ST|5, BUSH|ST|5, SUTTER|ST|4, POST|ST|4, FILLMORE|ST|5, STEINER|ST|5, PIERCE|ST|5, SCOTT|ST|5, DIVISADERO|ST|5, BRODERICK|ST|4, BAKER|ST|4, LYON|ST|3, WEBSTER|ST|5, BUCHANAN|ST|5, LAGUNA|ST|5, OCTAVIA|ST|5, GOUGH|ST|5, FRANKLIN|ST|5, VAN NESS|AVE|4, POLK|ST|4, LARKIN|ST|4, HYDE|ST|4, LEAVENWORTH|ST|3, JONES|ST|3, TAYLOR|ST|3, MASON|ST|4, POWELL|ST|3, MORAGA|AVE|1, BLAKE|ST|1",
    },
    PoolSpec {
        name: "western_addition",
        avenues: None,
        spec: "GEARY|BLVD|4, O'FARRELL|ST|4, ELLIS|ST|4, EDDY|ST|4, TURK|ST|4, GOLDEN GATE|AVE|4, MCALLISTER|ST|4, FULTON|ST|6, GROVE|ST|4, HAYES|ST|5, FELL|ST|4, OAK|ST|4, PAGE|ST|4, HAIGHT|ST|4, WALLER|ST|3, HERMANN|ST|1, DUBOCE|AVE|2, FILLMORE|ST|4, STEINER|ST|4, PIERCE|ST|4, SCOTT|ST|4, DIVISADERO|ST|4, BRODERICK|ST|3, BAKER|ST|3, WEBSTER|ST|4, BUCHANAN|ST|4, LAGUNA|ST|4, OCTAVIA|ST|3, GOUGH|ST|3, FRANKLIN|ST|2, CENTRAL|AVE|2, MASONIC|AVE|2, LYON|ST|2, PERINE|PL|1, LILY|ST|1, LINDEN|ST|1, IVY|ST|1, BIRCH|ST|1",
    },
    PoolSpec {
        name: "inner_richmond",
        avenues: None,
        spec: "CALIFORNIA|ST|4, SACRAMENTO|ST|3, CLAY|ST|3, WASHINGTON|ST|3, JACKSON|ST|3, PACIFIC|AVE|2, PRESIDIO|AVE|3, WALNUT|ST|2, LAUREL|ST|2, LOCUST|ST|2, SPRUCE|ST|2, MAPLE|ST|2, CHERRY|ST|2, ARGUELLO|BLVD|3, EUCLID|AVE|2, GEARY|BLVD|3, ANZA|ST|2, TURK|BLVD|3, GOLDEN GATE|AVE|2, FULTON|ST|3, MASONIC|AVE|3, ASHBURY|ST|3, CLAYTON|ST|3, COLE|ST|3, SHRADER|ST|3, STANYAN|ST|3, HAIGHT|ST|3, PAGE|ST|3, OAK|ST|2, FELL|ST|2, FREDERICK|ST|3, CARL|ST|2, PARNASSUS|AVE|3, BELVEDERE|ST|2, DELMAR|ST|1, PIEDMONT|ST|1, BUENA VISTA|AVE|1, PARKER|AVE|2, COMMONWEALTH|AVE|1, JORDAN|AVE|1, BEAUMONT|AVE|1, LORAINE|CT|1, BLAKE|ST|1",
    },
    PoolSpec {
        name: "richmond",
        avenues: Some((2, 48, 4.0, &[13])),
        spec: "CLEMENT|ST|6, GEARY|BLVD|6, ANZA|ST|6, BALBOA|ST|6, CABRILLO|ST|6, FULTON|ST|7, LAKE|ST|5, CALIFORNIA|ST|6, EL CAMINO DEL MAR|-|1, SEA CLIFF|AVE|1, FUNSTON|AVE|3, PARK PRESIDIO|BLVD|3, LA PLAYA|ST|1, POINT LOBOS|AVE|1, SEAL ROCK|DR|1",
    },
    PoolSpec {
        name: "sunset",
        avenues: Some((5, 48, 4.0, &[])),
        spec: "LINCOLN|WAY|4, IRVING|ST|7, JUDAH|ST|6, KIRKHAM|ST|6, LAWTON|ST|6, MORAGA|ST|6, NORIEGA|ST|6, ORTEGA|ST|6, PACHECO|ST|5, QUINTARA|ST|3, FUNSTON|AVE|3, SUNSET|BLVD|2, GREAT|HWY|1, LA PLAYA|ST|1",
    },
    PoolSpec {
        name: "parkside",
        avenues: Some((14, 48, 4.0, &[])),
        spec: "QUINTARA|ST|4, RIVERA|ST|5, SANTIAGO|ST|6, TARAVAL|ST|5, ULLOA|ST|5, VICENTE|ST|5, WAWONA|ST|4, SLOAT|BLVD|3, CRESTLAKE|DR|1, GREAT|HWY|1, SUNSET|BLVD|2, SAN DIEGO|AVE|1",
    },
    PoolSpec {
        name: "twinpeaks",
        avenues: None,
        spec: "PORTOLA|DR|4, CLARENDON|AVE|2, WOODSIDE|AVE|2, DEWEY|BLVD|2, LAGUNA HONDA|BLVD|2, SAINT FRANCIS|BLVD|2, MONTEREY|BLVD|3, FOERSTER|ST|2, DARIEN|WAY|2, SAN BENITO|WAY|2, MONTECITO|AVE|1, JUNIPERO SERRA|BLVD|2, SAN ANSELMO|AVE|1, SANTA CLARA|AVE|1, SAN FERNANDO|WAY|1, ULLOA|ST|2, VICENTE|ST|2, TARAVAL|ST|2, 14TH|AVE|1, 15TH|AVE|1, TWIN PEAKS|BLVD|2, CORBETT|AVE|3, GRAND VIEW|AVE|2, MARKET|ST|2, 17TH|ST|2, DIAMOND HEIGHTS|BLVD|2, GOLDMINE|DR|1, BURNETT|AVE|1, CRAGMONT|AVE|1, GARCIA|AVE|1, PACHECO|ST|2, OCEAN|AVE|1, KENSINGTON|WAY|1, SANTA MONICA|WAY|1",
    },
    PoolSpec {
        name: "lakeside",
        avenues: None,
        spec: "OCEAN|AVE|3, JUNIPERO SERRA|BLVD|3, LAKE MERCED|BLVD|2, FONT|BLVD|2, HOLLOWAY|AVE|3, GARFIELD|ST|2, SHIELDS|ST|2, BEVERLY|ST|2, RAMSELL|ST|2, VICTORIA|ST|2, ARCH|ST|2, 19TH|AVE|3, BROTHERHOOD|WAY|1, MONTEREY|BLVD|1, CHUMASERO|DR|1, SERRANO|DR|1, GONZALEZ|DR|1, ACEVEDO|AVE|1, MONTICELLO|ST|2, CORONA|ST|1, STRATFORD|DR|1, HOLLOWAY|AVE|1, LUNADO|WAY|1, PALMETTO|AVE|1",
    },
    PoolSpec {
        name: "castro_mission",
        avenues: None,
        spec: "CASTRO|ST|4, NOE|ST|4, SANCHEZ|ST|4, CHURCH|ST|4, DOLORES|ST|4, GUERRERO|ST|4, VALENCIA|ST|3, DIAMOND|ST|3, DOUGLASS|ST|3, EUREKA|ST|2, HARTFORD|ST|2, COLLINGWOOD|ST|2, 14TH|ST|3, 15TH|ST|3, 16TH|ST|3, 17TH|ST|6, 18TH|ST|4, 19TH|ST|4, 20TH|ST|4, 21ST|ST|3, 22ND|ST|3, MARKET|ST|3, DUBOCE|AVE|2, HENRY|ST|1, BEAVER|ST|1, STATES|ST|1, LIBERTY|ST|2, HILL|ST|2, DORLAND|ST|1, CUMBERLAND|ST|1, SAINT MARYS|AVE|0.5",
    },
    PoolSpec {
        name: "mission",
        avenues: None,
        spec: "MISSION|ST|6, VALENCIA|ST|5, GUERRERO|ST|4, CAPP|ST|3, SHOTWELL|ST|3, SOUTH VAN NESS|AVE|4, FOLSOM|ST|4, HARRISON|ST|4, TREAT|AVE|2, ALABAMA|ST|3, FLORIDA|ST|3, BRYANT|ST|3, YORK|ST|3, HAMPSHIRE|ST|3, 16TH|ST|3, 17TH|ST|4, 18TH|ST|3, 19TH|ST|3, 20TH|ST|3, 21ST|ST|3, 22ND|ST|3, 23RD|ST|3, 24TH|ST|3, 25TH|ST|3, 26TH|ST|3, LEXINGTON|ST|1, BARTLETT|ST|1, OSAGE|ALY|1, LILAC|ST|1, CYPRESS|ST|1, BALMY|ST|1",
    },
    PoolSpec {
        name: "soma",
        avenues: None,
        spec: "MISSION|ST|5, HOWARD|ST|5, FOLSOM|ST|5, HARRISON|ST|5, BRYANT|ST|5, BRANNAN|ST|5, TOWNSEND|ST|4, KING|ST|3, BERRY|ST|2, 01ST|ST|2, 02ND|ST|3, 03RD|ST|3, 04TH|ST|3, 05TH|ST|3, 06TH|ST|3, 07TH|ST|3, 08TH|ST|3, 09TH|ST|2, 10TH|ST|2, 11TH|ST|2, 12TH|ST|2, MARKET|ST|3, NATOMA|ST|2, MINNA|ST|2, TEHAMA|ST|2, CLEMENTINA|ST|2, SHIPLEY|ST|1, CLARA|ST|1, RINGOLD|ST|1, LANGTON|ST|1, RAUSCH|ST|1, BLUXOME|ST|1, THE EMBARCADERO|-|2, SPEAR|ST|2, MAIN|ST|2, BEALE|ST|2, FREMONT|ST|2, RINCON|ST|1",
    },
    PoolSpec {
        name: "potrero",
        avenues: None,
        spec: "RHODE ISLAND|ST|4, DE HARO|ST|3, CAROLINA|ST|3, WISCONSIN|ST|3, ARKANSAS|ST|3, CONNECTICUT|ST|3, MISSOURI|ST|3, TEXAS|ST|3, MISSISSIPPI|ST|3, PENNSYLVANIA|AVE|3, IOWA|ST|2, INDIANA|ST|2, MINNESOTA|ST|2, TENNESSEE|ST|2, 03RD|ST|3, KANSAS|ST|3, VERMONT|ST|3, SAN BRUNO|AVE|2, POTRERO|AVE|3, 16TH|ST|2, 17TH|ST|3, 18TH|ST|3, 19TH|ST|2, 20TH|ST|3, 22ND|ST|3, 23RD|ST|2, 24TH|ST|2, 25TH|ST|2, 26TH|ST|2, MARIPOSA|ST|3, ALAMEDA|ST|1, UTAH|ST|2, HAMPSHIRE|ST|2, YORK|ST|2, BRYANT|ST|2",
    },
    PoolSpec {
        name: "bayview_north",
        avenues: None,
        spec: "03RD|ST|4, EVANS|AVE|3, CESAR CHAVEZ|ST|3, JERROLD|AVE|2, KIRKWOOD|AVE|2, MCKINNON|AVE|2, NEWCOMB|AVE|3, OAKDALE|AVE|3, PALOU|AVE|4, QUESADA|AVE|3, REVERE|AVE|3, SHAFTER|AVE|3, THOMAS|AVE|3, UNDERWOOD|AVE|2, VAN DYKE|AVE|2, WALLACE|AVE|2, YOSEMITE|AVE|2, MENDELL|ST|2, PHELPS|ST|2, LANE|ST|2, KEITH|ST|2, INGALLS|ST|2, JENNINGS|ST|2, HUDSON|AVE|2, LA SALLE|AVE|2, HOLLISTER|AVE|2, GILMAN|AVE|2, INGERSON|AVE|2, JAMESTOWN|AVE|2, ARMSTRONG|AVE|2, BANCROFT|AVE|2, CARROLL|AVE|2, DONNER|AVE|1, EGBERT|AVE|1, FITZGERALD|AVE|1, HAWES|ST|1, GRIFFITH|ST|1, DIAMOND|ST|0.2",
    },
    PoolSpec {
        name: "bayview_bernal",
        avenues: None,
        spec: "BAYSHORE|BLVD|3, SILVER|AVE|3, SAN BRUNO|AVE|3, GOETTINGEN|ST|3, DWIGHT|ST|1, BACON|ST|2, WAYLAND|ST|2, WOOLSEY|ST|2, FELTON|ST|2, BURROWS|ST|2, BOWDOIN|ST|2, HARVARD|ST|2, YALE|ST|2, PRINCETON|ST|2, CAMBRIDGE|ST|2, OXFORD|ST|2, COLBY|ST|2, UNIVERSITY|ST|3, GIRARD|ST|2, BRUSSELS|ST|2, SOMERSET|ST|2, HAMILTON|ST|2, GAVEN|ST|1, MANSELL|ST|2, WILDE|AVE|2, BLANKEN|AVE|2, BLYTHDALE|AVE|2, TUNNEL|AVE|1, VISITACION|AVE|2, SUNNYDALE|AVE|2, CAMPBELL|AVE|1, RAYMOND|AVE|2, LELAND|AVE|2, TUCKER|AVE|1, HAHN|ST|1, GARRISON|AVE|1, BLAIRWOOD|LN|0.5",
    },
    PoolSpec {
        name: "bernal_excelsior",
        avenues: None,
        spec: "CORTLAND|AVE|4, PRECITA|AVE|3, ALEMANY|BLVD|3, MISSION|ST|3, FOLSOM|ST|3, BANKS|ST|2, PUTNAM|ST|2, PRENTISS|ST|2, ANDOVER|ST|3, MOULTRIE|ST|2, ELLSWORTH|ST|2, GATES|ST|2, BOCANA|ST|2, MONTCALM|ST|1, WOOL|ST|2, ROSCOE|ST|1, JUSTIN|DR|1, CRESCENT|AVE|3, RICHLAND|AVE|3, NEY|ST|1, TIFFANY|AVE|2, ELSIE|ST|2, COLERIDGE|ST|2, PROSPECT|AVE|2, HOLLY PARK|CIR|1",
    },
    PoolSpec {
        name: "excelsior",
        avenues: None,
        spec: "ATHENS|ST|3, VIENNA|ST|3, LONDON|ST|3, PARIS|ST|3, LISBON|ST|3, MADRID|ST|3, EDINBURGH|ST|3, NAPLES|ST|3, MUNICH|ST|3, PRAGUE|ST|3, DUBLIN|ST|3, AMAZON|AVE|3, GENEVA|AVE|3, ROLPH|ST|2, EXCELSIOR|AVE|3, PERU|AVE|2, BRAZIL|AVE|3, PERSIA|AVE|3, RUSSIA|AVE|3, FRANCE|AVE|3, ITALY|AVE|3, AVALON|AVE|2, MISSION|ST|4, SAN JOSE|AVE|2, SANTA ROSA|AVE|2, OTSEGO|AVE|2, CONGDON|ST|2",
    },
    PoolSpec {
        name: "noe_glen",
        avenues: None,
        spec: "CHENERY|ST|3, DIAMOND|ST|3, ELK|ST|2, BOSWORTH|ST|3, ARLINGTON|ST|2, CHURCH|ST|3, SANCHEZ|ST|3, NOE|ST|3, CASTRO|ST|3, 24TH|ST|3, 25TH|ST|2, 26TH|ST|2, ELIZABETH|ST|2, JERSEY|ST|2, CLIPPER|ST|3, 27TH|ST|2, 28TH|ST|2, 29TH|ST|2, 30TH|ST|2, DAY|ST|2, VALLEY|ST|2, DUNCAN|ST|2, HOFFMAN|AVE|2, DOUGLASS|ST|2, DIGBY|ST|1, MIGUEL|ST|1, LAIDLEY|ST|1, CHARLES|ST|1, MANGELS|AVE|2, JOOST|AVE|2, MONTEREY|BLVD|2, GLADYS|ST|1, SAN JOSE|AVE|1, DIAMOND|ST|1",
    },
    PoolSpec {
        name: "ingleside",
        avenues: None,
        spec: "OCEAN|AVE|3, HOLLOWAY|AVE|2, GRAFTON|AVE|3, LAKEVIEW|AVE|3, BRIGHTON|AVE|2, PLYMOUTH|AVE|3, CAPITOL|AVE|3, ASHTON|AVE|2, ORIZABA|AVE|2, BRIGHT|ST|2, HEAD|ST|2, VICTORIA|ST|2, ARCH|ST|2, SARGENT|ST|2, RANDOLPH|ST|2, BROAD|ST|2, MONTANA|ST|2, LOBOS|ST|2, MINERVA|ST|2, SAN JOSE|AVE|2, ALEMANY|BLVD|2, JUNIPERO SERRA|BLVD|2, 19TH|AVE|2, BYXBEE|ST|2, ELLINGTON|AVE|1, SANTA YNEZ|AVE|1, SAN RAMON|WAY|1, SAINT CHARLES|AVE|1, ACADIA|ST|0.3, SANTIAGO|ST|0.3",
    },
];

struct Region {
    first: u32,
    last: u32,
    lon0: f64,
    lon1: f64,
    lat0: f64,
    lat1: f64,
    pool: &'static str,
    angle: f64,
    condo_p: f64,
}

#[rustfmt::skip]
const REGIONS: &[Region] = &[
    Region { first: 1, last: 199, lon0: -122.4250, lon1: -122.4000, lat0: 37.7950, lat1: 37.8090, pool: "northeast", angle: 0.0, condo_p: 0.10 },
    Region { first: 200, last: 699, lon0: -122.4500, lon1: -122.4050, lat0: 37.7850, lat1: 37.8050, pool: "pacheights", angle: 0.0, condo_p: 0.10 },
    Region { first: 700, last: 1099, lon0: -122.4500, lon1: -122.4200, lat0: 37.7700, lat1: 37.7870, pool: "western_addition", angle: 0.0, condo_p: 0.07 },
    Region { first: 1100, last: 1399, lon0: -122.4700, lon1: -122.4450, lat0: 37.7650, lat1: 37.7900, pool: "inner_richmond", angle: 0.0, condo_p: 0.06 },
    Region { first: 1400, last: 1699, lon0: -122.5100, lon1: -122.4600, lat0: 37.7720, lat1: 37.7880, pool: "richmond", angle: 0.0, condo_p: 0.04 },
    Region { first: 1700, last: 2099, lon0: -122.5100, lon1: -122.4600, lat0: 37.7530, lat1: 37.7660, pool: "sunset", angle: 0.0, condo_p: 0.03 },
    Region { first: 2100, last: 2599, lon0: -122.5050, lon1: -122.4700, lat0: 37.7350, lat1: 37.7530, pool: "parkside", angle: 0.0, condo_p: 0.02 },
    Region { first: 2600, last: 2999, lon0: -122.4700, lon1: -122.4350, lat0: 37.7300, lat1: 37.7650, pool: "twinpeaks", angle: 0.0, condo_p: 0.04 },
    Region { first: 3000, last: 3299, lon0: -122.4850, lon1: -122.4500, lat0: 37.7130, lat1: 37.7300, pool: "lakeside", angle: 0.0, condo_p: 0.03 },
    Region { first: 3300, last: 3599, lon0: -122.4400, lon1: -122.4150, lat0: 37.7500, lat1: 37.7700, pool: "castro_mission", angle: 0.0, condo_p: 0.07 },
    Region { first: 3600, last: 3699, lon0: -122.4250, lon1: -122.4050, lat0: 37.7450, lat1: 37.7680, pool: "mission", angle: 0.0, condo_p: 0.06 },
    Region { first: 3700, last: 3799, lon0: -122.4150, lon1: -122.3880, lat0: 37.7680, lat1: 37.7920, pool: "soma", angle: -45.0, condo_p: 0.16 },
    Region { first: 3800, last: 4199, lon0: -122.4100, lon1: -122.3850, lat0: 37.7500, lat1: 37.7720, pool: "potrero", angle: 0.0, condo_p: 0.06 },
    Region { first: 4200, last: 4999, lon0: -122.4000, lon1: -122.3750, lat0: 37.7250, lat1: 37.7500, pool: "bayview_north", angle: 0.0, condo_p: 0.02 },
    Region { first: 5000, last: 5699, lon0: -122.4200, lon1: -122.3800, lat0: 37.7150, lat1: 37.7450, pool: "bayview_bernal", angle: 0.0, condo_p: 0.02 },
    Region { first: 5700, last: 6099, lon0: -122.4300, lon1: -122.4050, lat0: 37.7250, lat1: 37.7450, pool: "bernal_excelsior", angle: 0.0, condo_p: 0.03 },
    Region { first: 6100, last: 6499, lon0: -122.4400, lon1: -122.4150, lat0: 37.7100, lat1: 37.7300, pool: "excelsior", angle: 0.0, condo_p: 0.02 },
    Region { first: 6500, last: 6999, lon0: -122.4450, lon1: -122.4250, lat0: 37.7300, lat1: 37.7560, pool: "noe_glen", angle: 0.0, condo_p: 0.04 },
    Region { first: 7000, last: 7599, lon0: -122.4800, lon1: -122.4450, lat0: 37.7100, lat1: 37.7300, pool: "ingleside", angle: 0.0, condo_p: 0.02 },
];

const LAST_BLOCK: u32 = 7599;
/// Planted parcels: MAPBLKLOT -> number of units (events) sharing it (in the
/// script's dict order).
const PLANTED_UNITS: &[(&str, u32)] = &[
    ("1430022", 1),
    ("2607117", 101),
    ("2607218", 35),
    ("3745012", 655),
];
const PLANTED_X_BLOCK: u32 = 3601;
const PLANTED_X: f64 = -122.42916360922355;
const PLANTED_MP_BLOCK: u32 = 5602;
const PLANTED_MP_Y: f64 = 37.729900216217324;
const PLANTED_BLOCKS: &[u32] = &[500, 1430, 2607, 3745, PLANTED_X_BLOCK, PLANTED_MP_BLOCK];

fn region_of(block: u32) -> &'static Region {
    REGIONS
        .iter()
        .find(|r| r.first <= block && block <= r.last)
        .unwrap_or(&REGIONS[REGIONS.len() - 1])
}

fn ordinal(n: u32) -> String {
    let suf = if (10..=20).contains(&(n % 100)) {
        "TH"
    } else {
        match n % 10 {
            1 => "ST",
            2 => "ND",
            3 => "RD",
            _ => "TH",
        }
    };
    format!("{n:02}{suf}")
}

struct Street {
    name: String,
    typ: Option<&'static str>,
}

struct Pool {
    name: &'static str,
    streets: Vec<u32>,
    acc: Vec<f64>,
    tot: f64,
}

fn build_pools() -> (Vec<Street>, Vec<Pool>) {
    let mut streets = Vec::new();
    let mut pools = Vec::new();
    for ps in POOL_SPECS {
        let mut items: Vec<(String, Option<&'static str>, f64)> = Vec::new();
        if let Some((lo, hi, w, skip)) = ps.avenues {
            for n in lo..=hi {
                if !skip.contains(&n) {
                    items.push((ordinal(n), Some("AVE"), w));
                }
            }
        }
        for item in ps.spec.split(',') {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let parts: Vec<&'static str> = item.split('|').collect();
            let name = parts[0].trim();
            let typ = parts.get(1).map_or("ST", |t| t.trim());
            let w: f64 = parts
                .get(2)
                .map_or(2.0, |w| w.trim().parse().expect("weight"));
            items.push((name.to_string(), (typ != "-").then_some(typ), w));
        }
        let mut pool = Pool {
            name: ps.name,
            streets: Vec::new(),
            acc: Vec::new(),
            tot: 0.0,
        };
        for (name, typ, w) in items {
            pool.tot += w;
            pool.acc.push(pool.tot);
            pool.streets.push(streets.len() as u32);
            streets.push(Street { name, typ });
        }
        pools.push(pool);
    }
    (streets, pools)
}

// ---------------------------------------------------------------------------
// The generator

type Ring = Vec<(f64, f64)>;

/// One event before rendering. Condominium units share `geom`.
struct Parcel {
    mapblklot: String,
    blklot: String,
    block_num: String,
    lot_num: String,
    /// FROM_ST / TO_ST (`"0"` for unaddressed parcels).
    from_st: i64,
    to_st: i64,
    /// Index into the street table; `None` renders as STREET "UNKNOWN", ST_TYPE null.
    street: Option<u32>,
    odd_even: u8,
    multi: bool,
    geom: u32,
    planted: bool,
}

#[derive(Clone, Copy)]
struct Frame {
    x0: f64,
    y0: f64,
    l: f64,
    w: f64,
    ang: f64,
}

struct Gen {
    rng: PyRandom,
    target: usize,
    streets: Vec<Street>,
    pools: Vec<Pool>,
    geoms: Vec<Vec<Ring>>,
}

const BASES: [i64; 46] = {
    let mut b = [0i64; 46];
    let mut i = 0;
    while i < 46 {
        b[i] = 100 * i as i64;
        i += 1;
    }
    b
};

impl Gen {
    fn pick_street(&mut self, pool: usize) -> u32 {
        let x = self.rng.random() * self.pools[pool].tot;
        let p = &self.pools[pool];
        let i = p.acc.partition_point(|&a| a < x); // bisect_left
        p.streets[i.min(p.acc.len() - 1)]
    }

    fn lots_in_block(&mut self) -> i64 {
        let r = self.rng.random();
        if r < 0.08 {
            self.rng.randint(1, 6)
        } else if r < 0.85 {
            self.rng.randint(12, 44)
        } else {
            self.rng.randint(44, 80)
        }
    }

    fn condo_units(&mut self) -> u32 {
        let k = (1.0 + self.rng.paretovariate(1.25)) as i64;
        k.clamp(2, 400) as u32
    }

    fn extra_points(&mut self) -> i64 {
        let r = self.rng.random();
        if r < 0.58 {
            0
        } else if r < 0.80 {
            self.rng.randint(1, 4)
        } else if r < 0.955 {
            self.rng.randint(5, 25)
        } else {
            self.rng.randint(26, 110)
        }
    }

    fn block_frame(&mut self, block: u32, region: &Region) -> Frame {
        let rng = &mut self.rng;
        let l = 0.0026 * rng.uniform(0.6, 1.4);
        let w = 0.0011 * rng.uniform(0.7, 1.3);
        let mut x0 = rng.uniform(region.lon0, region.lon1 - l);
        let mut y0 = rng.uniform(region.lat0, region.lat1 - w);
        let mut ang = if region.angle != 0.0 {
            region.angle + rng.uniform(-8.0, 8.0)
        } else {
            // choice((0.0, 0.0, 0.0, uniform(-12, 12))): the tuple is built first
            let u = rng.uniform(-12.0, 12.0);
            rng.choice(&[0.0, 0.0, 0.0, u])
        };
        if block == PLANTED_X_BLOCK {
            x0 = PLANTED_X;
            ang = 0.0;
        }
        if block == PLANTED_MP_BLOCK {
            y0 = PLANTED_MP_Y;
            ang = 0.0;
        }
        // math.radians: x * (pi / 180)
        Frame {
            x0,
            y0,
            l,
            w,
            ang: ang * (std::f64::consts::PI / 180.0),
        }
    }

    fn make_lot_ring(&mut self, f: Frame, xa: f64, xb: f64, side: u32) -> Ring {
        let (ya, yb) = if side == 0 {
            (0.0, f.w / 2.0)
        } else {
            (f.w, f.w / 2.0)
        };
        let mut pts = vec![(xa, ya), (xb, ya), (xb, yb)];
        let n = self.extra_points();
        if n != 0 {
            let amp = (yb - ya) * self.rng.uniform(0.02, 0.25);
            for k in 1..=n {
                let t = k as f64 / (n + 1) as f64;
                pts.push((
                    xb + (xa - xb) * t,
                    yb + amp * (std::f64::consts::PI * t).sin(),
                ));
            }
        }
        pts.push((xa, yb));
        let (ca, sa) = (f.ang.cos(), f.ang.sin());
        let mut out: Ring = Vec::with_capacity(pts.len() + 1);
        for (u, v) in pts {
            if f.ang == 0.0 {
                out.push((f.x0 + u, f.y0 + v));
            } else {
                out.push((f.x0 + u * ca - v * sa, f.y0 + u * sa + v * ca));
            }
        }
        out.push(out[0]);
        out
    }

    fn small_ring(&mut self, f: Frame) -> Ring {
        let cx = f.x0 + self.rng.uniform(0.0, f.l);
        let cy = f.y0 + self.rng.uniform(0.0, f.w);
        let d = self.rng.uniform(0.00002, 0.0001);
        vec![
            (cx, cy),
            (cx + d, cy),
            (cx + d, cy + d),
            (cx, cy + d),
            (cx, cy),
        ]
    }

    fn add_geom(&mut self, rings: Vec<Ring>) -> u32 {
        self.geoms.push(rings);
        (self.geoms.len() - 1) as u32
    }

    /// `Gen.generate()`: all parcels in block order, surplus dropped.
    fn generate(&mut self) -> Vec<Parcel> {
        let est_per_block = 38.0;
        let p_keep = (self.target as f64 / (f64::from(LAST_BLOCK) * est_per_block) * 1.06).min(1.0);
        let mut events: Vec<Parcel> = Vec::new();
        let mut blocks: Vec<(String, u32)> = Vec::new();
        for b in 1..=LAST_BLOCK {
            if PLANTED_BLOCKS.contains(&b) || self.rng.random() < p_keep {
                blocks.push((format!("{b:04}"), b));
            }
        }
        let mut extra_round = 0;
        loop {
            for (bnum, b) in &blocks {
                self.block_events(bnum, *b, &mut events);
            }
            if events.len() >= self.target {
                break;
            }
            // not enough: another sweep with suffixed block numbers (e.g. 1234A)
            extra_round += 1;
            let suffix = b"ABCDEFGH"
                .get(extra_round - 1)
                .map(|&c| c as char)
                .expect("too many events requested: gen_citylots.py stops at 8 extra rounds");
            blocks.clear();
            for b in 1..=LAST_BLOCK {
                if !PLANTED_BLOCKS.contains(&b) && self.rng.random() < p_keep * 0.5 {
                    blocks.push((format!("{b:04}{suffix}"), b));
                }
            }
        }
        if events.len() > self.target {
            let removable: Vec<usize> = (0..events.len()).filter(|&i| !events[i].planted).collect();
            let surplus = events.len() - self.target;
            let mut drop = vec![false; events.len()];
            if surplus <= removable.len() {
                for j in self.rng.sample_indices(removable.len(), surplus) {
                    drop[removable[j]] = true;
                }
            } else {
                // gen_citylots.py fails here (fewer unplanted events than the
                // surplus); drop them all and truncate instead.
                for &i in &removable {
                    drop[i] = true;
                }
            }
            let mut i = 0;
            events.retain(|_| {
                i += 1;
                !drop[i - 1]
            });
            events.truncate(self.target);
        }
        events
    }

    #[allow(clippy::too_many_arguments)]
    fn emit_parcel(
        &mut self,
        out: &mut Vec<Parcel>,
        ctx: (&str, u32, &mut u32, &mut u32),
        geom: u32,
        street: Option<u32>,
        number: i64,
        parity: u8,
        lot_num: Option<&str>,
        units: u32,
        mp: bool,
        planted: bool,
    ) {
        let (bnum, b, lot_counter, unit_counter) = ctx;
        *lot_counter += 1;
        let lot = match lot_num {
            Some(l) => l.to_string(),
            None => format!("{:03}", *lot_counter),
        };
        let mapblklot = format!("{b:04}{lot}");
        let (frm, to, oe) = match street {
            None => (0, 0, b'E'),
            Some(_) => {
                let add = if self.rng.random() < 0.22 {
                    self.rng.choice(&[2, 4, 6, 8, 10, 18, 20, 38, 48, 80])
                } else {
                    0
                };
                (number, number + add, parity)
            }
        };
        let mk = |block_num: String, lot_num: String, blklot: String| Parcel {
            mapblklot: mapblklot.clone(),
            blklot,
            block_num,
            lot_num,
            from_st: frm,
            to_st: to,
            street,
            odd_even: oe,
            multi: mp,
            geom,
            planted,
        };
        if units == 1 {
            out.push(mk(bnum.to_string(), lot.clone(), format!("{bnum}{lot}")));
            return;
        }
        let tblock = if self.rng.random() < 0.2 {
            format!("{bnum}T")
        } else {
            bnum.to_string()
        };
        for _ in 0..units {
            *unit_counter += 1;
            let n = *unit_counter;
            let ulot = if n < 1000 {
                format!("{n:03}")
            } else {
                let c = b"ABCDEFGHJK"[((n / 1000 - 1) as usize).min(9)] as char;
                format!("{:03}{c}", n % 1000)
            };
            out.push(mk(tblock.clone(), ulot.clone(), format!("{tblock}{ulot}")));
        }
    }

    fn block_events(&mut self, bnum: &str, b: u32, events: &mut Vec<Parcel>) {
        let region = region_of(b);
        let pool = self
            .pools
            .iter()
            .position(|p| p.name == region.pool)
            .expect("pool");
        let condo_p = region.condo_p;
        let frame = self.block_frame(b, region);
        let l = frame.l;
        let mut nlots = self.lots_in_block();
        if b == 1430 {
            nlots = nlots.max(30);
        }
        let side_a = self.pick_street(pool);
        let side_b = self.pick_street(pool);
        let end_c = self.pick_street(pool);
        let na = ((nlots + 1) / 2).max(1);
        let nb = (nlots - na).max(0);
        let base_a = self.rng.choice(&BASES);
        let base_b = base_a + self.rng.choice(&[0, 0, 100]);
        let start = events.len();
        let mut lot_counter = 0u32;
        let mut unit_counter = 100 + self.rng.randint(0, 60) as u32;
        let unknown_p = if self.rng.random() < 0.92 { 0.03 } else { 0.4 };

        for (side, n, street, base) in [(0u32, na, side_a, base_a), (1, nb, side_b, base_b)] {
            if n == 0 {
                continue;
            }
            // cuts(n)
            let ws: Vec<f64> = (0..n).map(|_| self.rng.uniform(0.6, 1.6)).collect();
            let tot = ws.iter().fold(0.0, |a, w| a + w); // CPython 3.11 sum()
            let mut xs = vec![0.0];
            let mut acc = 0.0;
            for w in &ws[..ws.len() - 1] {
                acc += w;
                xs.push(l * acc / tot);
            }
            xs.push(l);
            let parity = if side == 0 { b'E' } else { b'O' };
            for j in 0..n {
                let ju = j as usize;
                let ring = self.make_lot_ring(frame, xs[ju], xs[ju + 1], side);
                let number =
                    base + 2 * j * self.rng.choice(&[1, 1, 2, 3]) + if side == 0 { 0 } else { 1 };
                let mut st = Some(street);
                if (j == 0 || j == n - 1) && self.rng.random() < 0.35 {
                    st = Some(end_c);
                }
                if self.rng.random() < unknown_p {
                    st = None;
                }
                let lotn = lot_counter + 1;
                let mapblklot = format!("{b:04}{lotn:03}");
                let mut planted = false;
                let mut units;
                if b == PLANTED_X_BLOCK && j == 0 {
                    units = 1;
                    planted = true;
                } else if let Some(&(_, u)) = PLANTED_UNITS.iter().find(|(m, _)| *m == mapblklot) {
                    units = u;
                    planted = true;
                } else if self.rng.random() < condo_p {
                    units = self.condo_units();
                } else {
                    units = 1;
                }
                let mut mp = false;
                let mut rings = vec![ring];
                if b == PLANTED_MP_BLOCK && side == 0 && j == 0 {
                    mp = true;
                    planted = true;
                    units = 1;
                } else if self.rng.random() < 0.0006 {
                    mp = true;
                }
                if mp {
                    let k = self.rng.randint(1, 3);
                    for _ in 0..k {
                        rings.push(self.small_ring(frame));
                    }
                }
                let geom = self.add_geom(rings);
                self.emit_parcel(
                    events,
                    (bnum, b, &mut lot_counter, &mut unit_counter),
                    geom,
                    st,
                    number,
                    parity,
                    None,
                    units,
                    mp,
                    planted,
                );
            }
        }
        // planted lots that the block's own numbering did not reach
        for &(mbl, units) in PLANTED_UNITS {
            if mbl[..4].parse::<u32>() == Ok(b)
                && !events[start..].iter().any(|e| e.mapblklot == mbl)
            {
                let ring = self.make_lot_ring(frame, l * 0.4, l * 0.5, 0);
                let geom = self.add_geom(vec![ring]);
                self.emit_parcel(
                    events,
                    (bnum, b, &mut lot_counter, &mut unit_counter),
                    geom,
                    Some(side_a),
                    base_a + 40,
                    b'E',
                    Some(&mbl[4..]),
                    units,
                    false,
                    true,
                );
            }
        }
        if b == 500 {
            let ring = self.make_lot_ring(frame, 0.0, l * 0.05, 1);
            let geom = self.add_geom(vec![ring]);
            events.push(Parcel {
                mapblklot: "VACSTWIL".into(),
                blklot: "VACSTWIL".into(),
                block_num: "VACST".into(),
                lot_num: "WIL".into(),
                from_st: 0,
                to_st: 0,
                street: None,
                odd_even: b'E',
                multi: false,
                geom,
                planted: true,
            });
        }
    }
}

// ---------------------------------------------------------------------------
// The corpus

/// A generated citylots-like corpus: the events of `gen_citylots.py --seed S
/// --events N`, in the same order, rendered on demand.
///
/// Building it runs the whole generator (the event count decides how many
/// blocks are laid out, and the surplus is dropped at the end); rendering an
/// event ([`Citylots::write_event`]) formats its JSON text. For `n` below the
/// number of planted events (about 800, which the script refuses), the result
/// is a truncated corpus that the script has no counterpart for.
pub struct Citylots {
    seed: u64,
    streets: Vec<Street>,
    geoms: Vec<Vec<Ring>>,
    parcels: Vec<Parcel>,
}

impl Citylots {
    /// Generates the corpus of `n` events for `seed`.
    pub fn new(seed: u64, n: usize) -> Self {
        let (streets, pools) = build_pools();
        let mut g = Gen {
            rng: PyRandom::new(seed),
            target: n,
            streets,
            pools,
            geoms: Vec::new(),
        };
        let parcels = g.generate();
        Citylots {
            seed,
            streets: g.streets,
            geoms: g.geoms,
            parcels,
        }
    }

    /// The seed the corpus was generated with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The number of events.
    pub fn len(&self) -> usize {
        self.parcels.len()
    }

    /// Whether the corpus has no events.
    pub fn is_empty(&self) -> bool {
        self.parcels.is_empty()
    }

    /// Appends the JSON text of event `i` (the `citylots.jsonl` line without
    /// its newline) to `buf`.
    pub fn write_event(&self, i: usize, buf: &mut Vec<u8>) {
        let p = &self.parcels[i];
        let (street, typ) = match p.street {
            None => ("UNKNOWN", None),
            Some(s) => {
                let s = &self.streets[s as usize];
                (s.name.as_str(), s.typ)
            }
        };
        buf.extend_from_slice(b"{ \"type\": \"Feature\", \"properties\": { \"MAPBLKLOT\": \"");
        buf.extend_from_slice(p.mapblklot.as_bytes());
        buf.extend_from_slice(b"\", \"BLKLOT\": \"");
        buf.extend_from_slice(p.blklot.as_bytes());
        buf.extend_from_slice(b"\", \"BLOCK_NUM\": \"");
        buf.extend_from_slice(p.block_num.as_bytes());
        buf.extend_from_slice(b"\", \"LOT_NUM\": \"");
        buf.extend_from_slice(p.lot_num.as_bytes());
        write!(
            buf,
            "\", \"FROM_ST\": \"{}\", \"TO_ST\": \"{}\", \"STREET\": ",
            p.from_st, p.to_st
        )
        .expect("vec write");
        push_json_str(buf, street);
        buf.extend_from_slice(b", \"ST_TYPE\": ");
        match typ {
            None => buf.extend_from_slice(b"null"),
            Some(t) => {
                buf.push(b'"');
                buf.extend_from_slice(t.as_bytes());
                buf.push(b'"');
            }
        }
        buf.extend_from_slice(b", \"ODD_EVEN\": \"");
        buf.push(p.odd_even);
        buf.extend_from_slice(b"\" }, \"geometry\": { \"type\": \"");
        buf.extend_from_slice(if p.multi { b"MultiPolygon" } else { b"Polygon" });
        buf.extend_from_slice(b"\", \"coordinates\": [ ");
        let rings = &self.geoms[p.geom as usize];
        let write_ring = |buf: &mut Vec<u8>, ring: &Ring| {
            buf.extend_from_slice(b"[ ");
            for (k, &(x, y)) in ring.iter().enumerate() {
                if k > 0 {
                    buf.extend_from_slice(b", ");
                }
                buf.extend_from_slice(b"[ ");
                push_py_repr(buf, x);
                buf.extend_from_slice(b", ");
                push_py_repr(buf, y);
                buf.extend_from_slice(b", 0.0 ]");
            }
            buf.extend_from_slice(b" ]");
        };
        if p.multi {
            for (k, ring) in rings.iter().enumerate() {
                if k > 0 {
                    buf.extend_from_slice(b", ");
                }
                buf.extend_from_slice(b"[ ");
                write_ring(buf, ring);
                buf.extend_from_slice(b" ]");
            }
        } else {
            write_ring(buf, &rings[0]);
        }
        let (fx, fy) = rings[0][0];
        buf.extend_from_slice(b" ], \"firstCoordinates\": { \"x\": ");
        push_py_repr(buf, fx);
        buf.extend_from_slice(b", \"y\": ");
        push_py_repr(buf, fy);
        buf.extend_from_slice(b", \"z\": 0.0 } } }");
    }

    /// Event `i` as a new buffer.
    pub fn event(&self, i: usize) -> Vec<u8> {
        let mut b = Vec::with_capacity(1024);
        self.write_event(i, &mut b);
        b
    }

    /// All events, in order, each in its own buffer.
    pub fn iter(&self) -> impl Iterator<Item = Vec<u8>> + '_ {
        (0..self.len()).map(|i| self.event(i))
    }

    /// All events collected (about 1 KB each).
    pub fn to_vecs(&self) -> Vec<Vec<u8>> {
        self.iter().collect()
    }

    /// The `citylots.jsonl` file the script writes: every event followed by `\n`.
    pub fn write_jsonl<W: std::io::Write>(&self, mut w: W) -> std::io::Result<()> {
        let mut buf = Vec::with_capacity(1 << 16);
        for i in 0..self.len() {
            self.write_event(i, &mut buf);
            buf.push(b'\n');
            if buf.len() >= 1 << 16 {
                w.write_all(&buf)?;
                buf.clear();
            }
        }
        w.write_all(&buf)
    }

    /// The rule-count scaling rules of `gen_citylots.py` (`scale_<kind>_<k>.jsonl`)
    /// for this corpus, with their expected total number of matches, computed as
    /// the script computes it.
    pub fn scale_rules(&self, kind: ScaleKind, k: usize) -> ScaleRules {
        const TYPES: [&str; 12] = [
            "ST", "AVE", "BLVD", "WAY", "DR", "CT", "TER", "PL", "LN", "ALY", "HWY", "CIR",
        ];
        let n = self.len();
        assert!(n > 0, "empty corpus");
        let blk: Vec<&str> = self.parcels.iter().map(|p| p.blklot.as_str()).collect();
        let mut blk_sorted = blk.clone();
        blk_sorted.sort_unstable();
        let fx: Vec<f64> = self
            .parcels
            .iter()
            .map(|p| self.geoms[p.geom as usize][0][0].0)
            .collect();
        let mut fx_sorted = fx.clone();
        fx_sorted.sort_unstable_by(f64::total_cmp);
        let sttype = |i: usize| {
            self.parcels[i]
                .street
                .and_then(|s| self.streets[s as usize].typ)
        };
        let prefix_count = |p: &str| {
            let lo = blk_sorted.partition_point(|b| *b < p);
            blk_sorted[lo..]
                .iter()
                .take_while(|b| b.starts_with(p))
                .count() as u64
        };
        let mut rules = Vec::with_capacity(k);
        let mut total = 0u64;
        let name = format!("scale_{}_{k}", kind.name());
        for r in 0..k {
            let mut i = r * n / k;
            let sub = match kind {
                ScaleKind::Exact => 0,
                ScaleKind::Mix => r % 3,
                ScaleKind::MixNoNumeric => 2 * (r % 2),
            };
            let text = match (kind, sub) {
                (ScaleKind::Exact, _) => {
                    total += 1;
                    format!("{{\"properties\": {{\"BLKLOT\": [{}]}}}}", json_str(blk[i]))
                }
                (_, 0) => {
                    total += prefix_count(blk[i]);
                    format!(
                        "{{\"properties\": {{\"BLKLOT\": [{{\"prefix\": {}}}]}}}}",
                        json_str(blk[i])
                    )
                }
                (_, 1) => {
                    // from a parcel that is not a condo unit (units share geometry)
                    while self.parcels[i].blklot != self.parcels[i].mapblklot {
                        i = (i + 1) % n;
                    }
                    let (a, b) = (fx[i] - 1e-9, fx[i] + 1e-9);
                    let lo = fx_sorted.partition_point(|&v| v <= a); // bisect_right
                    let hi = fx_sorted.partition_point(|&v| v < b); // bisect_left
                    total += hi.saturating_sub(lo) as u64;
                    format!(
                        "{{\"geometry\": {{\"firstCoordinates\": {{\"x\": [{{\"numeric\": [\">\", {}, \"<\", {}]}}]}}}}}}",
                        py_repr(a),
                        py_repr(b)
                    )
                }
                _ => {
                    let t = TYPES[r % TYPES.len()];
                    total += u64::from(sttype(i) != Some(t));
                    format!(
                        "{{\"properties\": {{\"BLKLOT\": [{}], \"ST_TYPE\": [{{\"anything-but\": [{}]}}]}}}}",
                        json_str(blk[i]),
                        json_str(t)
                    )
                }
            };
            rules.push((format!("{name}:{r}"), text));
        }
        ScaleRules {
            name,
            rules,
            expected_total_matches: total,
        }
    }
}

/// The kinds of rule-count scaling rule files of `gen_citylots.py`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleKind {
    /// `scale_exact_K`: exact BLKLOT values, each matching one event.
    Exact,
    /// `scale_mix_K`: 1/3 BLKLOT prefix, 1/3 narrow numeric range on
    /// `geometry.firstCoordinates.x`, 1/3 exact BLKLOT + ST_TYPE anything-but.
    Mix,
    /// `scale_mixnn_K`: the mix without numeric rules (1/2 prefix, 1/2
    /// exact + anything-but).
    MixNoNumeric,
}

impl ScaleKind {
    /// All kinds, in the script's order.
    pub const ALL: [ScaleKind; 3] = [ScaleKind::Exact, ScaleKind::Mix, ScaleKind::MixNoNumeric];

    /// The script's name of the kind: `exact`, `mix` or `mixnn`.
    pub fn name(self) -> &'static str {
        match self {
            ScaleKind::Exact => "exact",
            ScaleKind::Mix => "mix",
            ScaleKind::MixNoNumeric => "mixnn",
        }
    }
}

/// One rule-count scaling rule set.
#[derive(Clone, Debug)]
pub struct ScaleRules {
    /// `scale_<kind>_<k>`, as the script names the file.
    pub name: String,
    /// `(id, pattern JSON text)`; ids are `<name>:<i>`, the text is the file's line.
    pub rules: Vec<(String, String)>,
    /// The total number of (event, rule) matches over the corpus.
    pub expected_total_matches: u64,
}

/// The events of `gen_citylots.py --seed seed --events n`, in order.
pub fn events(seed: u64, n: usize) -> impl Iterator<Item = Vec<u8>> {
    let c = Citylots::new(seed, n);
    (0..c.len()).map(move |i| c.event(i))
}

/// The `n`-event corpus for [`DEFAULT_SEED`] (what `gen_citylots.py --events n`
/// writes), collected.
pub fn generate(n: usize) -> Vec<Vec<u8>> {
    Citylots::new(DEFAULT_SEED, n).to_vecs()
}

// ---------------------------------------------------------------------------
// CL2 rule sets

/// `data/cl2_rules.json`: a verbatim copy of `shared/perf/cl2_rules.json`.
pub const CL2_RULES_JSON: &str = include_str!("../data/cl2_rules.json");

/// A named set of rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSet {
    /// `EXACT`, ..., `COMPLEX_ARRAYS`, `COMBO_COMMON`, `COMBO_ALL`.
    pub name: String,
    /// `(id, pattern JSON text)`. Rule `i` of set `S` is `S:i`; the combos keep
    /// the ids of the sets they are made of. The text is the rule as written in
    /// `cl2_rules.json`.
    pub rules: Vec<(String, String)>,
}

/// The CL2 rule sets (5 rules each, in file order), then the combos
/// `COMBO_COMMON` (40 rules) and `COMBO_ALL` (70 rules), which are unions of
/// whole sets in the order `cl2_rules.json` lists them.
pub fn cl2_sets() -> Vec<RuleSet> {
    let doc = parse_cl2(CL2_RULES_JSON);
    let mut out: Vec<RuleSet> = doc
        .sets
        .iter()
        .map(|(name, rules)| RuleSet {
            name: name.to_string(),
            rules: rules
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("{name}:{i}"), r.to_string()))
                .collect(),
        })
        .collect();
    for combo in ["COMBO_COMMON", "COMBO_ALL"] {
        let members = doc
            .combos
            .iter()
            .find(|(n, _)| *n == combo)
            .unwrap_or_else(|| panic!("{combo} missing from cl2_rules.json"));
        let mut rules = Vec::new();
        for m in &members.1 {
            let set = out.iter().find(|s| s.name == *m).expect("combo member");
            rules.extend(set.rules.iter().cloned());
        }
        out.push(RuleSet {
            name: combo.to_string(),
            rules,
        });
    }
    out
}

/// The CL2 set (or combo) called `name`.
pub fn cl2_set(name: &str) -> Option<RuleSet> {
    cl2_sets().into_iter().find(|s| s.name == name)
}

struct Cl2Doc<'a> {
    sets: Vec<(&'a str, Vec<&'a str>)>,
    combos: Vec<(&'a str, Vec<&'a str>)>,
}

/// Finds the sets, rule texts and combos in the rules document, keeping each
/// rule's original text (key order and number spelling included).
fn parse_cl2(text: &str) -> Cl2Doc<'_> {
    let mut sc = Scan { s: text, i: 0 };
    let mut doc = Cl2Doc {
        sets: Vec::new(),
        combos: Vec::new(),
    };
    sc.object(|sc, key| match key {
        "sets" => sc.array(|sc| {
            let mut name = "";
            let mut rules = Vec::new();
            sc.object(|sc, k| match k {
                "name" => name = sc.string(),
                "rules" => sc.array(|sc| rules.push(sc.value())),
                _ => {
                    sc.value();
                }
            });
            doc.sets.push((name, rules));
        }),
        "combos" => sc.object(|sc, name| {
            let mut members = Vec::new();
            sc.array(|sc| members.push(sc.string()));
            doc.combos.push((name, members));
        }),
        _ => {
            sc.value();
        }
    });
    doc
}

/// A minimal scanner over well-formed JSON text that returns value spans.
struct Scan<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Scan<'a> {
    fn ws(&mut self) {
        let b = self.s.as_bytes();
        while self.i < b.len() && b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> u8 {
        self.ws();
        self.s.as_bytes()[self.i]
    }

    fn expect(&mut self, c: u8) {
        assert_eq!(
            self.peek(),
            c,
            "cl2_rules.json: unexpected text at byte {}",
            self.i
        );
        self.i += 1;
    }

    /// A string's raw contents (the rules file has no escapes in names).
    fn string(&mut self) -> &'a str {
        self.expect(b'"');
        let b = self.s.as_bytes();
        let start = self.i;
        while b[self.i] != b'"' {
            self.i += if b[self.i] == b'\\' { 2 } else { 1 };
        }
        self.i += 1;
        &self.s[start..self.i - 1]
    }

    /// Skips one value and returns its text.
    fn value(&mut self) -> &'a str {
        let start = {
            self.ws();
            self.i
        };
        match self.peek() {
            b'"' => {
                self.string();
            }
            b'{' => self.object(|sc, _| {
                sc.value();
            }),
            b'[' => self.array(|sc| {
                sc.value();
            }),
            _ => {
                let b = self.s.as_bytes();
                while self.i < b.len() && !b",]} \t\r\n".contains(&b[self.i]) {
                    self.i += 1;
                }
            }
        }
        &self.s[start..self.i]
    }

    fn object(&mut self, mut member: impl FnMut(&mut Self, &'a str)) {
        self.expect(b'{');
        if self.peek() == b'}' {
            self.i += 1;
            return;
        }
        loop {
            let k = self.string();
            self.expect(b':');
            member(self, k);
            if self.peek() == b',' {
                self.i += 1;
            } else {
                self.expect(b'}');
                return;
            }
        }
    }

    fn array(&mut self, mut elem: impl FnMut(&mut Self)) {
        self.expect(b'[');
        if self.peek() == b']' {
            self.i += 1;
            return;
        }
        loop {
            elem(self);
            if self.peek() == b',' {
                self.i += 1;
            } else {
                self.expect(b']');
                return;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Expected counts

/// Expected counts computed by `gen_citylots.py`'s reference matcher, committed
/// under `data/` for these `(seed, events)` corpora:
/// `(seed, events, expected_cl2_<events>.json, expected_scale_<events>.json)`.
const EXPECTED: &[(u64, usize, &str, &str)] = &[
    (
        DEFAULT_SEED,
        20_000,
        include_str!("../data/expected_cl2_20000.json"),
        include_str!("../data/expected_scale_20000.json"),
    ),
    (
        DEFAULT_SEED,
        CITYLOTS_EVENTS,
        include_str!("../data/expected_cl2_213068.json"),
        include_str!("../data/expected_scale_213068.json"),
    ),
];

/// The corpus sizes (for `seed`) that have committed expected counts.
pub fn expected_sizes(seed: u64) -> Vec<usize> {
    EXPECTED
        .iter()
        .filter(|e| e.0 == seed)
        .map(|e| e.1)
        .collect()
}

/// The expected number of matching events of every CL2 rule over the corpus
/// `Citylots::new(seed, n)`, by set name, aligned with [`cl2_sets`]' rules
/// (the combos included). `None` if no counts are committed for that corpus
/// (see [`expected_sizes`]).
pub fn expected_cl2_counts(seed: u64, n: usize) -> Option<BTreeMap<String, Vec<u64>>> {
    #[derive(serde::Deserialize)]
    struct Doc {
        events: usize,
        seed: u64,
        expected: BTreeMap<String, Vec<u64>>,
    }
    let (_, _, text, _) = EXPECTED.iter().find(|e| e.0 == seed && e.1 == n)?;
    let doc: Doc = serde_json::from_str(text).expect("expected_cl2 json");
    assert!(
        doc.events == n && doc.seed == seed,
        "expected_cl2 file mismatch"
    );
    let mut out = doc.expected;
    let rules = parse_cl2(CL2_RULES_JSON);
    for (combo, members) in &rules.combos {
        let counts = members
            .iter()
            .flat_map(|m| out[*m].iter().copied())
            .collect();
        out.insert(combo.to_string(), counts);
    }
    Some(out)
}

/// The expected total matches of the scaling rule files (`scale_<kind>_<k>`)
/// that the script wrote for the corpus `(seed, n)`, if committed. Compare with
/// [`ScaleRules::expected_total_matches`].
pub fn expected_scale_totals(seed: u64, n: usize) -> Option<BTreeMap<String, u64>> {
    #[derive(serde::Deserialize)]
    struct Doc {
        events: usize,
        seed: u64,
        expected_total_matches: BTreeMap<String, u64>,
    }
    let (_, _, _, text) = EXPECTED.iter().find(|e| e.0 == seed && e.1 == n)?;
    let doc: Doc = serde_json::from_str(text).expect("expected_scale json");
    assert!(
        doc.events == n && doc.seed == seed,
        "expected_scale file mismatch"
    );
    Some(doc.expected_total_matches)
}
