//! `equals-ignore-case`, as event-ruler expands it.
//!
//! Only the pattern is case-mapped: each UTF-16 code unit of the operand becomes the
//! alternatives {lower, upper} (Java ROOT-locale mappings of that one unit, multi-char results
//! included: `ß` → {`ß`, `SS`}); surrogate halves become `?`. A value matches when its UTF-8
//! bytes are one concatenation of chosen alternatives. The relation is
//! deliberately not symmetric and not Unicode case folding.

use smallvec::SmallVec;

/// An operand expanded into per-code-unit alternatives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CaseExpansion {
    /// The operand as written (two operands with the same alternatives stay distinct).
    text: String,
    /// One entry per code unit: one or two distinct UTF-8 alternatives.
    units: Vec<SmallVec<[Box<str>; 2]>>,
    /// When every alternative is one byte (ASCII operands, the usual case): the two bytes each
    /// position accepts (one byte twice when it has no other case). Matching is then one pass.
    bytes: Option<Box<[[u8; 2]]>>,
}

impl CaseExpansion {
    /// The operand as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Approximate heap bytes (for machine statistics).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.units.capacity() * std::mem::size_of::<SmallVec<[Box<str>; 2]>>()
            + self
                .units
                .iter()
                .flatten()
                .map(|alt| alt.len())
                .sum::<usize>()
            + self.bytes.as_ref().map_or(0, |b| b.len() * 2)
    }

    /// Expand `text`.
    pub fn new(text: &str) -> Self {
        let mut units = Vec::with_capacity(text.len());
        for c in text.chars() {
            if c.len_utf16() == 2 {
                // Each surrogate half maps to itself, and becomes `?` in UTF-8.
                units.push(SmallVec::from_iter([Box::from("?")]));
                units.push(SmallVec::from_iter([Box::from("?")]));
                continue;
            }
            let lower: String = c.to_lowercase().collect();
            let upper: String = c.to_uppercase().collect();
            let mut alts: SmallVec<[Box<str>; 2]> = SmallVec::new();
            alts.push(lower.clone().into_boxed_str());
            if upper != lower {
                alts.push(upper.into_boxed_str());
            }
            units.push(alts);
        }
        let bytes = units
            .iter()
            .map(|alts| match alts.as_slice() {
                [a] if a.len() == 1 => Some([a.as_bytes()[0]; 2]),
                [a, b] if a.len() == 1 && b.len() == 1 => Some([a.as_bytes()[0], b.as_bytes()[0]]),
                _ => None,
            })
            .collect();
        CaseExpansion {
            text: text.to_string(),
            units,
            bytes,
        }
    }

    /// The alternatives of each code unit.
    pub fn units(&self) -> &[SmallVec<[Box<str>; 2]>] {
        &self.units
    }

    /// Whether `value` is exactly one expansion.
    pub fn equals(&self, value: &str) -> bool {
        let v = value.as_bytes();
        self.ends(v, b"").contains(&v.len())
    }

    /// Whether `value` starts with an expansion.
    #[cfg(test)]
    pub fn is_prefix_of(&self, value: &str) -> bool {
        !self.ends(value.as_bytes(), b"").is_empty()
    }

    /// Whether `value` ends with an expansion.
    #[cfg(test)]
    pub fn is_suffix_of(&self, value: &str) -> bool {
        self.starts(b"", value.as_bytes())
    }

    /// Whether `value` followed by its closing quote starts with an expansion: event-ruler
    /// matches prefixes against the quoted value, so an operand ending in `"` also matches the
    /// value without it.
    pub fn is_prefix_of_quoted(&self, value: &str) -> bool {
        !self.ends(value.as_bytes(), b"\"").is_empty()
    }

    /// Mirror of [`Self::is_prefix_of_quoted`]: whether the opening quote followed by `value`
    /// ends with an expansion.
    pub fn is_suffix_of_quoted(&self, value: &str) -> bool {
        self.starts(b"\"", value.as_bytes())
    }

    /// The lengths at which `a` followed by `b` can end after the whole expansion, matched
    /// from the start. Nothing is allocated unless many alternatives overlap.
    fn ends(&self, a: &[u8], b: &[u8]) -> Positions {
        if let Some(bytes) = &self.bytes {
            let mut at = Positions::new();
            if fits(bytes, a, b, 0) {
                at.push(bytes.len());
            }
            return at;
        }
        let mut at = Positions::from_buf_and_len([0; 4], 1);
        for alts in &self.units {
            let mut next = Positions::new();
            for &p in &at {
                for alt in alts {
                    let end = p + alt.len();
                    if eq_at(a, b, p, alt.as_bytes()) && !next.contains(&end) {
                        next.push(end);
                    }
                }
            }
            if next.is_empty() {
                return next;
            }
            at = next;
        }
        at
    }

    /// Whether `a` followed by `b` ends with an expansion (the units matched backwards).
    fn starts(&self, a: &[u8], b: &[u8]) -> bool {
        if let Some(bytes) = &self.bytes {
            let len = a.len() + b.len();
            return bytes.len() <= len && fits(bytes, a, b, len - bytes.len());
        }
        let mut at = Positions::from_buf_and_len([a.len() + b.len(), 0, 0, 0], 1);
        for alts in self.units.iter().rev() {
            let mut next = Positions::new();
            for &p in &at {
                for alt in alts {
                    if let Some(start) = p.checked_sub(alt.len())
                        && eq_at(a, b, start, alt.as_bytes())
                        && !next.contains(&start)
                    {
                        next.push(start);
                    }
                }
            }
            if next.is_empty() {
                return false;
            }
            at = next;
        }
        true
    }
}

/// Byte offsets where a partial expansion can stand (rarely more than one).
type Positions = SmallVec<[usize; 4]>;

/// Whether each byte from `p` on of `a` followed by `b` is one of the two at its position in
/// `bytes`.
#[inline]
fn fits(bytes: &[[u8; 2]], a: &[u8], b: &[u8], p: usize) -> bool {
    if p + bytes.len() > a.len() + b.len() {
        return false;
    }
    bytes.iter().enumerate().all(|(i, &[x, y])| {
        let at = p + i;
        let c = if at < a.len() { a[at] } else { b[at - a.len()] };
        c == x || c == y
    })
}

/// Whether the bytes `p..p + alt.len()` of `a` followed by `b` equal `alt`.
#[inline]
fn eq_at(a: &[u8], b: &[u8], p: usize, alt: &[u8]) -> bool {
    let end = p + alt.len();
    if end <= a.len() {
        return &a[p..end] == alt;
    }
    if p >= a.len() {
        return b.get(p - a.len()..end - a.len()) == Some(alt);
    }
    let split = a.len() - p;
    a[p..] == alt[..split] && b.get(..end - a.len()) == Some(&alt[split..])
}

#[cfg(test)]
mod tests {
    use super::CaseExpansion;

    #[test]
    fn java_case_rules() {
        let m = |p: &str, v: &str| CaseExpansion::new(p).equals(v);
        assert!(m("ABC", "abc"));
        assert!(m("straße", "STRASSE"));
        assert!(!m("straße", "strasse"));
        assert!(m("ẞ", "ß"));
        assert!(!m("ß", "ẞ"));
        assert!(m("\u{212A}", "k"));
        assert!(!m("k", "\u{212A}"));
        assert!(m("k", "K"));
        assert!(!m("ǅ", "ǅ"));
        assert!(m("ı", "I"));
        assert!(m("ς", "Σ"));
        assert!(!m("Σ", "ς"));
        assert!(!m("😀", "😀"));
        assert!(m("😀", "??"));
        assert!(m("", ""));
        assert!(CaseExpansion::new("straße").is_prefix_of("STRASSEN"));
        assert!(CaseExpansion::new(".PNG").is_suffix_of("x.png"));
        // The quoted forms see the closing (opening) quote, also inside one alternative.
        assert!(CaseExpansion::new("aB\"").is_prefix_of_quoted("Ab"));
        assert!(!CaseExpansion::new("aB\"").is_prefix_of_quoted("Abc"));
        assert!(!CaseExpansion::new("aB\"").is_prefix_of("Ab"));
        assert!(CaseExpansion::new("\"aB").is_suffix_of_quoted("Ab"));
        assert!(!CaseExpansion::new("\"aB").is_suffix_of_quoted("xAb"));
        assert!(CaseExpansion::new("ab").is_prefix_of_quoted("ABC"));
        assert!(CaseExpansion::new("ab").is_suffix_of_quoted("CAB"));
        assert!(!CaseExpansion::new("abc").is_prefix_of_quoted("ab"));
        assert!(!CaseExpansion::new("abc").is_suffix_of_quoted("bc"));
        // An alternative ("SS") must not be cut short by the quote after the value.
        assert!(!CaseExpansion::new("ß").is_prefix_of_quoted("S"));
        assert!(!CaseExpansion::new("ß").is_suffix_of_quoted("S"));
        assert!(CaseExpansion::new("ß").is_prefix_of_quoted("SS"));
    }

    /// The straightforward matcher over whole strings, quotes concatenated in.
    fn reference_ends(e: &CaseExpansion, v: &[u8]) -> Vec<usize> {
        let mut at = vec![0];
        for alts in e.units() {
            let mut next = Vec::new();
            for &p in &at {
                for alt in alts {
                    let end = p + alt.len();
                    if v.get(p..end) == Some(alt.as_bytes()) && !next.contains(&end) {
                        next.push(end);
                    }
                }
            }
            at = next;
        }
        at
    }

    proptest::proptest! {
        #[test]
        fn matchers_agree_with_concatenation(
            pattern in "[sSkKß\u{212A}ſiIİı\"a]{0,5}",
            value in "[sSkKß\u{212A}ſiIİı\"a]{0,6}",
        ) {
            let e = CaseExpansion::new(&pattern);
            let v = value.as_bytes();
            let ends = reference_ends(&e, v);
            proptest::prop_assert_eq!(e.equals(&value), ends.contains(&v.len()));
            proptest::prop_assert_eq!(e.is_prefix_of(&value), !ends.is_empty());
            let quoted = format!("{value}\"");
            proptest::prop_assert_eq!(
                e.is_prefix_of_quoted(&value),
                !reference_ends(&e, quoted.as_bytes()).is_empty()
            );
            // A suffix is an expansion equal to the text from some byte on.
            let suffix = |text: &str| {
                let t = text.as_bytes();
                (0..=t.len()).any(|k| reference_ends(&e, &t[k..]).contains(&(t.len() - k)))
            };
            proptest::prop_assert_eq!(e.is_suffix_of(&value), suffix(&value));
            proptest::prop_assert_eq!(e.is_suffix_of_quoted(&value), suffix(&format!("\"{value}")));
        }
    }
}
