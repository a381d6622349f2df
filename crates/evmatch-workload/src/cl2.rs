//! The CL2 rule sets: event-ruler's CL2 benchmark rules, adapted to the corpus.
//!
//! `data/cl2_rules.json` holds 14 named sets of 5 rules each (`EXACT`,
//! `WILDCARD`, ..., `COMPLEX_ARRAYS`) and two combos, `COMBO_COMMON` (8 sets,
//! 40 rules) and `COMBO_ALL` (all 14, 70 rules), which are unions of whole sets.
//! [`cl2_sets`] returns the sets in file order, then `COMBO_COMMON` and
//! `COMBO_ALL`.
//!
//! Invariants: rule `i` of set `S` is called `S:i`, and the combos keep their
//! members' ids; each rule's text is its text in the file, byte for byte (key
//! order, spacing and number spelling included), which serde_json's
//! [`RawValue`] gives without re-serializing; the set and combo order is the
//! file's.
//!
//! Costs: every call parses the 7 KB embedded file and allocates the returned
//! sets (16 sets, 180 rule texts counting the combos' copies); callers call it
//! a few times per run.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

/// `data/cl2_rules.json`, embedded.
const CL2_RULES_JSON: &str = include_str!("../data/cl2_rules.json");

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

/// The combos, in the order [`cl2_sets`] appends them.
const COMBOS: [&str; 2] = ["COMBO_COMMON", "COMBO_ALL"];

/// `data/cl2_rules.json` as written: its `comment` is ignored.
#[derive(Deserialize)]
pub(crate) struct Cl2File<'a> {
    #[serde(borrow)]
    sets: Vec<Cl2Set<'a>>,
    /// Combo name -> the names of the sets it is the union of, in order.
    #[serde(borrow)]
    pub(crate) combos: BTreeMap<&'a str, Vec<&'a str>>,
}

/// One entry of the file's `sets`.
#[derive(Deserialize)]
struct Cl2Set<'a> {
    name: &'a str,
    /// Each rule's original text.
    #[serde(borrow)]
    rules: Vec<&'a RawValue>,
}

/// The embedded rules file, parsed.
pub(crate) fn cl2_file() -> Cl2File<'static> {
    serde_json::from_str(CL2_RULES_JSON).expect("data/cl2_rules.json is valid")
}

/// The CL2 rule sets (5 rules each, in file order), then the combos
/// `COMBO_COMMON` (40 rules) and `COMBO_ALL` (70 rules), which are unions of
/// whole sets in the order `cl2_rules.json` lists them.
pub fn cl2_sets() -> Vec<RuleSet> {
    let file = cl2_file();
    let mut out: Vec<RuleSet> = file
        .sets
        .iter()
        .map(|set| RuleSet {
            name: set.name.to_string(),
            rules: set
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("{}:{i}", set.name), r.get().to_string()))
                .collect(),
        })
        .collect();
    for combo in COMBOS {
        let members = file
            .combos
            .get(combo)
            .unwrap_or_else(|| panic!("{combo} missing from cl2_rules.json"));
        let mut rules = Vec::new();
        for m in members {
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
