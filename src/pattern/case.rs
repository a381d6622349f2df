//! `equals-ignore-case`, as event-ruler expands it.
//!
//! Only the pattern is case-mapped: each UTF-16 code unit of the operand becomes the
//! alternatives {lower, upper} (Java ROOT-locale mappings of that one unit, multi-char results
//! included: `ß` → {`ß`, `SS`}); surrogate halves become `?`. A value matches when its UTF-8
//! bytes are one concatenation of chosen alternatives (PATTERNS.md §8.5). The relation is
//! deliberately not symmetric and not Unicode case folding.

use smallvec::SmallVec;

/// An operand expanded into per-code-unit alternatives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CaseExpansion {
    text: String,
    /// One entry per code unit: one or two distinct UTF-8 alternatives.
    units: Vec<SmallVec<[Box<str>; 2]>>,
}

impl CaseExpansion {
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
        CaseExpansion {
            text: text.to_string(),
            units,
        }
    }

    /// The operand as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The alternatives of each code unit.
    pub fn units(&self) -> &[SmallVec<[Box<str>; 2]>] {
        &self.units
    }

    /// Byte lengths at which `value` can end after matching the whole expansion from `start`.
    fn ends(&self, value: &[u8], start: usize) -> Vec<usize> {
        let mut at = vec![start];
        for alts in &self.units {
            let mut next: Vec<usize> = Vec::new();
            for &p in &at {
                for alt in alts {
                    let end = p + alt.len();
                    if value.get(p..end) == Some(alt.as_bytes()) && !next.contains(&end) {
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

    /// Whether `value` is exactly one expansion.
    pub fn equals(&self, value: &str) -> bool {
        self.ends(value.as_bytes(), 0).contains(&value.len())
    }

    /// Whether `value` starts with an expansion.
    pub fn is_prefix_of(&self, value: &str) -> bool {
        !self.ends(value.as_bytes(), 0).is_empty()
    }

    /// Whether `value` ends with an expansion.
    pub fn is_suffix_of(&self, value: &str) -> bool {
        // Match the units backwards from the end of the value.
        let v = value.as_bytes();
        let mut at = vec![v.len()];
        for alts in self.units.iter().rev() {
            let mut next: Vec<usize> = Vec::new();
            for &p in &at {
                for alt in alts {
                    if let Some(start) = p.checked_sub(alt.len())
                        && &v[start..p] == alt.as_bytes()
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
    }
}
