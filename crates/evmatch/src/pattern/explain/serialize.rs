//! `serde::Serialize` of an [`Explanation`]: the stable JSON shape documented in
//! `docs/explain.md`.
//!
//! Condition and value texts are embedded as JSON (through `serde_json`'s `RawValue`), not as
//! strings holding JSON: `"conditions": [{"prefix":"a"}]`, `"values": ["abc", 5]`. The shape is
//! defined for `serde_json`; other serializers see those members as `RawValue` wrappers.
//! Members are written in a fixed order; new members may be added, none removed or renamed.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::model::{BranchExplanation, Explanation, FieldExplanation, ValueKind, Verdict};

impl Serialize for Explanation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("matched", &self.matched)?;
        m.serialize_entry("event_is_object", &self.event_is_object)?;
        m.serialize_entry("branches", &self.branches)?;
        m.end()
    }
}

impl Serialize for BranchExplanation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("index", &self.index)?;
        m.serialize_entry("matched", &self.matched)?;
        m.serialize_entry("fields", &self.fields)?;
        m.end()
    }
}

impl Serialize for FieldExplanation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("path", &self.path)?;
        m.serialize_entry("conditions", &JsonTexts(&self.conditions))?;
        m.serialize_entry("values", &JsonTexts(&self.values))?;
        m.serialize_entry("value_count", &self.value_count)?;
        m.serialize_entry("verdict", &self.verdict)?;
        m.end()
    }
}

impl Serialize for Verdict {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        match self {
            Verdict::Matched { value, condition } => {
                m.serialize_entry("kind", "matched")?;
                m.serialize_entry("condition", condition)?;
                m.serialize_entry("absent", &value.is_none())?;
                if let Some(v) = value {
                    m.serialize_entry("value", &JsonText(v))?;
                }
            }
            Verdict::AbsentPath => m.serialize_entry("kind", "absent_path")?,
            Verdict::WrongType { expected, found } => {
                m.serialize_entry("kind", "wrong_type")?;
                m.serialize_entry("expected", expected)?;
                m.serialize_entry("found", found)?;
            }
            Verdict::NoValueSatisfied => m.serialize_entry("kind", "no_value_satisfied")?,
            Verdict::ExistsMismatch { expected_present } => {
                m.serialize_entry("kind", "exists_mismatch")?;
                m.serialize_entry("expected_present", expected_present)?;
            }
            Verdict::ArrayConsistency {
                array,
                elements,
                with,
            } => {
                m.serialize_entry("kind", "array_consistency")?;
                m.serialize_entry("array", array)?;
                m.serialize_entry("elements", elements)?;
                m.serialize_entry("with", with)?;
            }
        }
        m.end()
    }
}

impl Serialize for ValueKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A compact JSON text, embedded as JSON.
struct JsonText<'a>(&'a str);

impl Serialize for JsonText<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The texts are written by the engine's JSON writer and are always valid JSON; should
        // one not be, it is written as a string rather than failing the whole explanation.
        match serde_json::from_str::<&RawValue>(self.0) {
            Ok(raw) => raw.serialize(s),
            Err(_) => s.serialize_str(self.0),
        }
    }
}

/// A list of compact JSON texts, embedded as a JSON array.
struct JsonTexts<'a>(&'a [String]);

impl Serialize for JsonTexts<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for text in self.0 {
            seq.serialize_element(&JsonText(text))?;
        }
        seq.end()
    }
}
