//! The rule-count scaling rules: thousands of generated rules over one corpus.
//!
//! Besides the CL2 sets, the reference generator writes `scale_<kind>_<k>.jsonl`
//! rule files of `k` rules each, drawn from the corpus itself (rule `r` is built
//! from event `r * n / k`), and the total number of (event, rule) matches they
//! must give, which it computes by counting over the corpus rather than by
//! matching. [`Citylots::scale_rules`] builds the same rules and the same total.
//!
//! Invariants: rule texts are the file's lines byte for byte (pinned by a
//! committed 100-rule file in the tests) and the totals are the script's
//! (pinned by the committed `expected_scale_<events>.json`, read by
//! `expected.rs`).
//!
//! Costs: O(n log n) to sort the corpus's BLKLOTs and first x coordinates once
//! per call, then O(log n) per rule (binary searches; a prefix rule also walks
//! its matches).

use crate::citylots::Citylots;
use crate::py_repr::py_repr;

/// A JSON string literal; every string here is printable ASCII, where
/// serde_json's escaping is Python's `json.dumps`'s.
fn json_str(s: &str) -> String {
    serde_json::to_string(s).expect("a str serializes")
}

impl Citylots {
    /// The rule-count scaling rules of `gen_citylots.py` (`scale_<kind>_<k>.jsonl`)
    /// for this corpus, with their expected total number of matches, computed as
    /// the script computes it.
    pub fn scale_rules(&self, kind: ScaleKind, k: usize) -> ScaleRules {
        const TYPES: [&str; 12] = [
            "ST", "AVE", "BLVD", "WAY", "DR", "CT", "TER", "PL", "LN", "ALY", "HWY", "CIR",
        ];
        let n = self.len();
        assert!(n > 0, "empty corpus");
        let parcels = self.parcels();
        let blk: Vec<&str> = parcels.iter().map(|p| p.blklot.as_str()).collect();
        let mut blk_sorted = blk.clone();
        blk_sorted.sort_unstable();
        let fx: Vec<f64> = parcels.iter().map(|p| self.first_point(p).0).collect();
        let mut fx_sorted = fx.clone();
        fx_sorted.sort_unstable_by(f64::total_cmp);
        let sttype = |i: usize| self.street_type(&parcels[i]);
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
                    while parcels[i].blklot != parcels[i].mapblklot {
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
