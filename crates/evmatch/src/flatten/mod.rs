//! Event bytes → flattened fields, skipping every subtree no rule mentions.
//!
//! The flattener walks the raw event once, without recursion, validating it completely (a
//! malformed event is an error, never a partial answer). It consults a [`PathTrie`] of the
//! joined paths rules use: a member whose joined path is neither a used path nor the prefix of
//! one (at a `.` boundary) is skipped — its bytes are still validated, but no key is decoded, no
//! number is converted and nothing is stored. Keys are split at `.` while walking the trie, so
//! `{"a.b": 1}` and `{"a": {"b": 1}}` reach the same path `a.b`.
//!
//! For each leaf at a used path it emits a [`Field`]: the interned path id, the leaf (strings
//! decoded only when they contain escapes, numbers with their token text and comparable value)
//! and its array trail (which element of which enclosing array of containers it sits in). All
//! buffers live in a reusable [`FlatScratch`], so a warmed-up flattener allocates nothing.
//!
//! The fast reader accepts exactly well-formed JSON (plus ignored text after the root object,
//! as Jackson does). When it rejects an input, [`describe`] re-reads it with the
//! Jackson-faithful lexer to report the same message the one-rule API gives.
//!
//! Files: [`walk`] (the event walk and its buffers), [`path_trie`], [`scan`] (tokens),
//! [`decode`] (escapes), [`skip`] (unused values) with [`number_array`] (64-byte blocks of
//! number arrays), [`swar`] and [`arch`] (word-at-a-time and SIMD scanning), [`field`] (the
//! output) and [`reject`] (errors).

pub(crate) mod arch;
mod decode;
mod field;
mod number_array;
mod path_trie;
mod reject;
mod scan;
mod skip;
mod swar;
mod walk;

pub(crate) use field::Leaf;
pub(crate) use path_trie::PathTrie;
pub(crate) use reject::{RejectReason, describe};
pub(crate) use walk::FlatScratch;
pub(crate) use walk::flatten;

#[cfg(test)]
use crate::limits::EventLimits;

#[cfg(test)]
mod tests {
    use super::arch::portable::string_stop_bytewise;
    use super::arch::{Native, Portable, Scanner};
    use super::path_trie::head_word;
    use super::scan::{read_name, scan_string};
    use super::swar::has_dot;
    use super::walk::flatten_with;
    use super::*;

    type Flat = Vec<(u32, String, Vec<(u32, u32)>)>;

    fn limits() -> EventLimits {
        EventLimits {
            max_bytes: usize::MAX,
            max_depth: 1000,
            max_fields: usize::MAX,
        }
    }

    fn trie_of(paths: &[&str]) -> PathTrie {
        let mut trie = PathTrie::default();
        for (i, p) in paths.iter().enumerate() {
            trie.insert(p, i as u32);
        }
        trie
    }

    /// The fields of `event` read with scanner `S`.
    fn flat_with<S: Scanner>(
        trie: &PathTrie,
        event: &[u8],
        unique: bool,
    ) -> Result<Flat, RejectReason> {
        let mut s = FlatScratch::default();
        flatten_with::<S>(trie, event, limits(), unique, &mut s, |_, _| {})?;
        Ok(s.fields
            .iter()
            .map(|f| {
                let v = match s.leaf(event, f) {
                    Leaf::Str(x) => format!("s:{x}"),
                    Leaf::Num(t, v) => format!("n:{t}:{v:?}"),
                    Leaf::Bool(b) => format!("b:{b}"),
                    Leaf::Null => "null".into(),
                };
                (f.path, v, s.trail(f).to_vec())
            })
            .collect())
    }

    /// The fields of `event`: the native and the portable scanners must agree.
    fn run(paths: &[&str], event: &str) -> Result<Flat, RejectReason> {
        let trie = trie_of(paths);
        let native = flat_with::<Native>(&trie, event.as_bytes(), false);
        let portable = flat_with::<Portable>(&trie, event.as_bytes(), false);
        assert_eq!(native, portable, "{event}");
        native
    }

    #[test]
    fn dotted_keys_and_skipping() {
        let got = run(
            &["a.b", "c"],
            r#"{"a":{"b":"x"},"a.b":"y","z":{"b":1},"c":[1,{"d":2}]}"#,
        )
        .unwrap();
        let vals: Vec<_> = got.iter().map(|(p, v, _)| (*p, v.as_str())).collect();
        assert_eq!(vals, [(0, "s:x"), (0, "s:y"), (1, "n:1:Some(1.0)")]);
    }

    #[test]
    fn escapes_and_surrogates() {
        let got = run(&["k"], r#"{"\u006b":"a\u00e9\n\ud83d\ude00\ud83dx\udc00"}"#).unwrap();
        assert_eq!(got[0].1, "s:aé\n😀?x?");
    }

    #[test]
    fn trails() {
        let got = run(&["e.f"], r#"{"e":[{"f":"1"},[{"f":["2","3"]}]]}"#).unwrap();
        assert_eq!(got[0].2, vec![(1, 0)]);
        assert_eq!(got[1].2, vec![(1, 1), (2, 0)]);
        assert_eq!(got[2].2, vec![(1, 1), (2, 0)]);
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "[]",
            "{",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":tru}",
            "{\"a\":truex}",
            "{\"a\":[1 2]}",
            "{\"a\":\"\u{1}\"}",
            "{\"a\":\"\\x\"}",
            "{\"a\":[1,]}",
            "{\"a\":1}}x\u{0}",
            "{\"a\":-}",
            "{\"a\":1e}",
            "{'a':1}",
        ] {
            if bad == "{\"a\":1}}x\u{0}" {
                assert!(run(&["a"], bad).is_ok(), "trailing text is ignored");
                continue;
            }
            assert!(run(&["a"], bad).is_err(), "{bad}");
        }
        let trie = trie_of(&["a"]);
        let mut s = FlatScratch::default();
        assert!(
            flatten(
                &trie,
                b"{\"a\":\"\xff\"}",
                &limits(),
                false,
                &mut s,
                |_, _| {}
            )
            .is_err()
        );
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(5000), "]".repeat(5000));
        assert!(flatten(&trie, deep.as_bytes(), &limits(), false, &mut s, |_, _| {}).is_err());
    }

    proptest::proptest! {
        /// The native (SSE2 on x86_64) and portable string scanners agree with the
        /// byte-at-a-time one.
        #[test]
        fn string_scanners_agree(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => 0x20u8..0x7f,
                    1 => proptest::sample::select(&[b'"', b'\\', 0x00, 0x1f, 0x7f, 0x80, 0xc3, 0xff][..]),
                ],
                0..80,
            ),
            start in 0usize..80,
        ) {
            let start = start.min(bytes.len());
            let (mut a, mut b, mut c) = (false, false, false);
            let want = string_stop_bytewise(&bytes, start, &mut a);
            proptest::prop_assert_eq!(Portable::string_stop(&bytes, start, &mut b), want);
            proptest::prop_assert_eq!(Native::string_stop(&bytes, start, &mut c), want);
            // The fast scanners may over-report non-ASCII (bytes past the stop), never miss it.
            proptest::prop_assert!(!a || (b && c));
        }

        /// The one-load member-name reader agrees with scanning the string and its body.
        #[test]
        fn name_reader_agrees(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => 0x20u8..0x7f,
                    1 => proptest::sample::select(&[b'"', b'\\', b'.', 0x00, 0x1f, 0x80, 0xc3][..]),
                ],
                0..40,
            ),
        ) {
            let mut b = vec![b'"'];
            b.extend_from_slice(&bytes);
            let (mut a, mut c) = (false, false);
            let want = scan_string::<Portable>(&b, 1, &mut a);
            let got = read_name::<Native>(&b, 0, &mut c);
            match (want, got) {
                (Ok((end, escaped)), Ok(name)) => {
                    let raw = &b[1..end];
                    proptest::prop_assert_eq!(
                        (name.end, name.escaped, name.dotted, name.head),
                        (end, escaped, has_dot(raw), head_word(raw))
                    );
                    proptest::prop_assert!(!raw.iter().any(|&x| x >= 0x80) || c);
                }
                (Err(_), Err(_)) => {}
                (w, g) => proptest::prop_assert!(false, "{w:?} vs {g:?}"),
            }
        }
    }

    /// Event text made of JSON fragments (and some damage), to compare the scanners on.
    fn event_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let part = prop_oneof![
            Just("{".to_string()),
            Just("}".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just(",".to_string()),
            Just(":".to_string()),
            Just(" ".to_string()),
            Just("\"a\":".to_string()),
            Just("\"a.b\":".to_string()),
            Just("\"b\":".to_string()),
            Just("\"\":".to_string()),
            Just("\"a very long member name indeed\":".to_string()),
            Just("\"x\\u0061\":".to_string()),
            Just("1".to_string()),
            Just("-0.5e3".to_string()),
            Just("true".to_string()),
            Just("null".to_string()),
            Just("[1, 2.5, -3]".to_string()),
            "\"[a-z.\\\\\"\u{e9}\u{1}]{0,40}\"".prop_map(|s| s),
        ];
        proptest::collection::vec(part, 0..40).prop_map(|parts| format!("{{{}", parts.concat()))
    }

    /// Well-formed events with the names the path sets use, long strings (several 16-byte
    /// blocks, escapes, non-ASCII) and nested arrays of objects.
    fn valid_event() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            (-1e6f64..1e6).prop_map(|x| serde_json::json!(x)),
            "[a-z\\.\"\u{e9}\u{1f600}\n ]{0,48}".prop_map(serde_json::Value::String),
        ];
        let name = prop_oneof![
            Just("a".to_string()),
            Just("b".to_string()),
            Just("a.b".to_string()),
            Just(String::new()),
            Just("a very long member name indeed".to_string()),
            "[a-z.]{0,20}",
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                proptest::collection::vec((name.clone(), inner), 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
        .prop_map(|v| match v {
            serde_json::Value::Object(_) => v.to_string(),
            other => serde_json::json!({ "a": other, "b": [other] }).to_string(),
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The whole flattener gives the same fields and the same errors with the portable
        /// scanner as with the native one (SSE2 on x86_64), in both reading modes: the code
        /// other architectures run is tested here too.
        #[test]
        fn portable_and_native_scanners_flatten_alike(
            text in proptest::prop_oneof![event_text(), valid_event()],
            unique: bool,
        ) {
            for paths in [&["a", "b"][..], &["a.b", ""][..], &["a very long member name indeed"][..]] {
                let trie = trie_of(paths);
                let native = flat_with::<Native>(&trie, text.as_bytes(), unique);
                let portable = flat_with::<Portable>(&trie, text.as_bytes(), unique);
                proptest::prop_assert_eq!(native, portable, "{}", &text);
            }
        }
    }
}
