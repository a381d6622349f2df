//! Property tests of the string forms of [`ValueIndex`] (prefix, suffix and the three
//! ignore-case forms): many operands of one form (or of all five) on one path, added and
//! removed in random order, must report for every value exactly the targets that per-entry
//! evaluation ([`leaf_matches`]) reports, as a multiset; and removing everything gives the
//! memory back.

use proptest::prelude::*;

use super::leaf_match::leaf_matches;
use super::value_index::ValueIndex;
use crate::flatten::Leaf;
use crate::pattern::case::CaseExpansion;
use crate::pattern::ir::Condition;

/// Characters that exercise ASCII case, event-ruler's quote quirk, case-irregular letters
/// (Kelvin sign, long s, dotless and dotted i, final sigma, sharp s and its capital,
/// title case), multi-byte UTF-8 and surrogate pairs.
const ALPHABET: &str = "[aAbB\"kKsSiIσςΣßẞſİıǅǆǄé😀?\u{212A}]";

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("{ALPHABET}{{0,{max}}}")).expect("a valid regex")
}

/// The five forms, by number.
fn condition(form: u8, s: &str) -> Condition {
    match form {
        0 => Condition::Prefix(s.to_string()),
        1 => Condition::Suffix(s.to_string()),
        2 => Condition::PrefixIgnoreCase(CaseExpansion::new(s)),
        3 => Condition::SuffixIgnoreCase(CaseExpansion::new(s)),
        _ => Condition::EqualsIgnoreCase(CaseExpansion::new(s)),
    }
}

fn reported(m: &ValueIndex, leaf: Leaf<'_>) -> Vec<u32> {
    let mut out = Vec::new();
    m.matches(leaf, |t| out.push(t));
    out.sort_unstable();
    out
}

fn expected(live: &[(Condition, u32)], leaf: Leaf<'_>) -> Vec<u32> {
    let mut out: Vec<u32> = live
        .iter()
        .filter(|(c, _)| leaf_matches(c, leaf))
        .map(|(_, t)| *t)
        .collect();
    out.sort_unstable();
    out
}

/// Values to probe: random ones, every operand, and operands with text around them.
fn probes(operands: &[String], extra: &[String]) -> Vec<String> {
    let mut v: Vec<String> = extra.to_vec();
    for o in operands {
        v.push(o.clone());
        v.push(o.to_uppercase());
        v.push(o.to_lowercase());
        v.push(format!("{o}x"));
        v.push(format!("x{o}"));
        if let Some(p) = o.strip_suffix('"') {
            v.push(p.to_uppercase());
        }
        if let Some(s) = o.strip_prefix('"') {
            v.push(s.to_uppercase());
        }
    }
    v
}

fn run(
    forms: &[u8],
    operands: &[String],
    ops: &[(bool, usize, u32)],
    extra: &[String],
) -> Result<(), TestCaseError> {
    let mut m = ValueIndex::default();
    let mut live: Vec<(Condition, u32)> = Vec::new();
    let values = probes(operands, extra);
    for (k, &(add, i, t)) in ops.iter().enumerate() {
        let c = condition(forms[k % forms.len()], &operands[i % operands.len()]);
        if add {
            m.add(&c, t);
            live.push((c, t));
        } else if let Some(j) = live.iter().position(|(x, s)| *s == t && *x == c) {
            m.remove(&c, t);
            live.swap_remove(j);
        }
        for v in &values {
            let leaf = Leaf::Str(v);
            prop_assert_eq!(reported(&m, leaf), expected(&live, leaf), "value {:?}", v);
        }
    }
    for leaf in [Leaf::Null, Leaf::Bool(true), Leaf::Num("1", Some(1.0))] {
        prop_assert!(reported(&m, leaf).is_empty());
    }
    for (c, t) in live.drain(..) {
        m.remove(&c, t);
    }
    prop_assert_eq!(m.size(), (0, 0));
    prop_assert_eq!(m.approx_bytes(), ValueIndex::default().approx_bytes());
    Ok(())
}

fn ops() -> impl Strategy<Value = Vec<(bool, usize, u32)>> {
    // Mostly additions, so that many operands are live at once.
    proptest::collection::vec((prop::bool::weighted(0.7), 0..64usize, 0..4u32), 1..60)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn one_form_agrees_with_per_entry_evaluation(
        form in 0..5u8,
        operands in proptest::collection::vec(text(4), 1..40),
        ops in ops(),
        extra in proptest::collection::vec(text(6), 0..8),
    ) {
        run(&[form], &operands, &ops, &extra)?;
    }

    #[test]
    fn mixed_forms_agree_with_per_entry_evaluation(
        forms in proptest::collection::vec(0..5u8, 1..6),
        operands in proptest::collection::vec(text(4), 1..40),
        ops in ops(),
        extra in proptest::collection::vec(text(6), 0..8),
    ) {
        run(&forms, &operands, &ops, &extra)?;
    }

    #[test]
    fn many_operand_lengths_agree_with_per_entry_evaluation(
        forms in proptest::collection::vec(0..5u8, 1..3),
        operands in proptest::collection::vec("[aAbB\"kß\u{212A}-]{0,12}", 1..40),
        ops in ops(),
        extra in proptest::collection::vec(text(14), 0..8),
    ) {
        // More distinct lengths than the by-length representation serves: tries.
        run(&forms, &operands, &ops, &extra)?;
    }

    #[test]
    fn ascii_operands_agree_with_per_entry_evaluation(
        form in 0..5u8,
        operands in proptest::collection::vec("[aAbB\"-]{0,5}", 1..40),
        ops in ops(),
        extra in proptest::collection::vec("[aAbB\"\u{212A}é-]{0,7}", 0..8),
    ) {
        run(&[form], &operands, &ops, &extra)?;
    }
}

#[test]
fn quote_quirks_and_empty_operands() {
    let mut m = ValueIndex::default();
    let live = vec![
        (condition(0, "ab\""), 1),
        (condition(1, "\"ab"), 2),
        (condition(2, "aB\""), 3),
        (condition(3, "\"aB"), 4),
        (condition(0, ""), 5),
        (condition(2, ""), 6),
        (condition(4, ""), 7),
        (condition(4, "straße"), 8),
        (condition(2, "ß"), 9),
        (condition(3, "\u{212A}"), 10),
    ];
    for (c, t) in &live {
        m.add(c, *t);
    }
    for v in [
        "ab", "AB", "ab\"", "\"ab", "", "STRASSE", "strasse", "SSx", "Sx", "xk", "xK",
    ] {
        let leaf = Leaf::Str(v);
        assert_eq!(reported(&m, leaf), expected(&live, leaf), "{v:?}");
    }
    assert_eq!(reported(&m, Leaf::Str("ab")), vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(reported(&m, Leaf::Str("")), vec![5, 6, 7]);
    assert_eq!(reported(&m, Leaf::Str("STRASSE")), vec![5, 6, 8]);
    assert_eq!(reported(&m, Leaf::Str("SSx")), vec![5, 6, 9]);
    assert_eq!(reported(&m, Leaf::Str("xk")), vec![5, 6, 10]);
    assert_eq!(reported(&m, Leaf::Str("xK")), vec![5, 6]);
}
