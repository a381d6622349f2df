//! The generator proper: lays out blocks of lots and turns them into parcels.
//!
//! A port of the reference generator's `Gen` class. [`lay_out`] picks the
//! blocks to lay out (every planted block, the others with a probability sized
//! for the requested count), cuts each block into lots along two street sides,
//! draws each lot's street, number, condominium units and geometry, adds
//! further sweeps with suffixed block numbers (`1234A`) while there are too few
//! events, and finally drops the surplus with one `random.sample` over the
//! unplanted events. The result is a [`Layout`]: one [`Parcel`] per event plus
//! the street and geometry tables the parcels index (condominium units share a
//! geometry). Rendering the parcels as JSON is `citylots.rs`'s job.
//!
//! Invariants: the [`PyRandom`] draws happen in the script's order and number,
//! and the float arithmetic of the geometry follows the script's evaluation
//! order (sums left to right as CPython 3.11's `sum`; `sin`/`cos` from the
//! platform libm, as CPython's); change either and the corpus digests in the
//! tests change. The planted parcels are present at every event count.
//!
//! Costs: linear in the number of events laid out (the block probability aims
//! 6% above the requested count); for the full 213,068 events about a second
//! in release and about 150 MB for the parcels and their rings.

use crate::city::{
    LAST_BLOCK, PLANTED_BLOCKS, PLANTED_MP_BLOCK, PLANTED_MP_Y, PLANTED_UNITS, PLANTED_X,
    PLANTED_X_BLOCK, Pool, Region, Street, build_pools, region_of,
};
use crate::py_random::PyRandom;

/// A polygon ring: `(lon, lat)` points, the first repeated at the end.
pub(crate) type Ring = Vec<(f64, f64)>;

/// The generator's output: the events as parcels, in order, and the tables
/// they index.
pub(crate) struct Layout {
    /// The street table ([`Parcel::street`] indexes it).
    pub(crate) streets: Vec<Street>,
    /// The geometries: one or more rings each ([`Parcel::geom`] indexes it).
    pub(crate) geoms: Vec<Vec<Ring>>,
    /// One parcel per event, in the script's output order.
    pub(crate) parcels: Vec<Parcel>,
}

/// Runs the generator for `seed` until it has `target` events.
pub(crate) fn lay_out(seed: u64, target: usize) -> Layout {
    let (streets, pools) = build_pools();
    let mut g = Gen {
        rng: PyRandom::new(seed),
        target,
        pools,
        geoms: Vec::new(),
    };
    let parcels = g.generate();
    Layout {
        streets,
        geoms: g.geoms,
        parcels,
    }
}

/// One event before rendering. Condominium units share `geom`.
pub(crate) struct Parcel {
    pub(crate) mapblklot: String,
    pub(crate) blklot: String,
    pub(crate) block_num: String,
    pub(crate) lot_num: String,
    /// FROM_ST / TO_ST (`"0"` for unaddressed parcels).
    pub(crate) from_st: i64,
    pub(crate) to_st: i64,
    /// Index into the street table; `None` renders as STREET "UNKNOWN", ST_TYPE null.
    pub(crate) street: Option<u32>,
    pub(crate) odd_even: u8,
    pub(crate) multi: bool,
    pub(crate) geom: u32,
    pub(crate) planted: bool,
}

/// A block's frame: origin, length, width and angle (radians).
#[derive(Clone, Copy)]
struct Frame {
    x0: f64,
    y0: f64,
    l: f64,
    w: f64,
    ang: f64,
}

/// The generator's state while it runs.
struct Gen {
    rng: PyRandom,
    target: usize,
    pools: Vec<Pool>,
    geoms: Vec<Vec<Ring>>,
}

/// The house-number bases a block side starts from: 0, 100, ..., 4500.
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
