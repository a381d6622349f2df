//! The citylots workload: the generated corpus is deterministic, byte-identical
//! to the output of the reference Python generator (`gen_citylots.py`, checked
//! by sha256 digests of its output) and shaped like the real citylots records;
//! the CL2 rule sets, the scaling rules and the expected counts are complete and
//! consistent. CPython's `random` and `repr(float)` ports are tested beside
//! their code, in `src/py_random.rs` and `src/py_repr.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use evmatch_workload::{
    CITYLOTS_EVENTS, Citylots, DEFAULT_SEED, ScaleKind, cl2_set, cl2_sets, expected_cl2_counts,
    expected_scale_totals, expected_sizes,
};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// `sha256sum` of the 20,000-event `citylots.jsonl` that
/// `gen_citylots.py --events 20000` (default seed) writes.
const SHA256_20000: &str = "7ff6037c40e54ace944ea60274d731c751bdb10b61000aac98d686981dc67a04";
/// ... and of the full 213,068-event file (`gen_citylots.py` with defaults).
const SHA256_213068: &str = "a6fd9126741d03be84e1b62dc9082b071eebdcc8f49771f32ca37be3923422e8";
/// `head -5000 citylots.jsonl | sha256sum` for the 20,000-event file.
const SHA256_20000_FIRST5000: &str =
    "71853493da309f19a60effb87199d22bce08766e2631c89b6ef255cc5d6cbdde";

const FIRST50: &str = include_str!("../data/citylots_20000_first50.jsonl");
const SCALE_MIX_100: &str = include_str!("../data/scale_mix_100_20000.jsonl");
const SAMPLE: &str = include_str!("../data/citylots_real_sample40.jsonl");
const CL2_RULES: &str = include_str!("../data/cl2_rules.json");

fn corpus() -> &'static (Citylots, Vec<Vec<u8>>) {
    static C: OnceLock<(Citylots, Vec<Vec<u8>>)> = OnceLock::new();
    C.get_or_init(|| {
        let c = Citylots::new(DEFAULT_SEED, 20_000);
        let v = c.to_vecs();
        (c, v)
    })
}

fn jsonl(events: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in events {
        out.extend_from_slice(e);
        out.push(b'\n');
    }
    out
}

#[test]
fn first_events_are_byte_identical_to_the_python_generator() {
    let (c, events) = corpus();
    assert_eq!(c.len(), 20_000);
    let ours = jsonl(&events[..50]);
    let ours = String::from_utf8(ours).unwrap();
    for (i, (a, b)) in ours.lines().zip(FIRST50.lines()).enumerate() {
        assert_eq!(a, b, "event {i} differs from gen_citylots.py's");
    }
    assert_eq!(ours, FIRST50);
}

#[test]
fn first_5000_events_hash_like_the_python_output() {
    let (_, events) = corpus();
    assert_eq!(sha256_hex(&jsonl(&events[..5000])), SHA256_20000_FIRST5000);
}

#[test]
fn whole_20000_corpus_hashes_like_the_python_output() {
    let (c, events) = corpus();
    let bytes = jsonl(events);
    assert_eq!(sha256_hex(&bytes), SHA256_20000);
    let mut via_writer = Vec::new();
    c.write_jsonl(&mut via_writer).unwrap();
    assert!(via_writer == bytes);
}

/// The full-size corpus: ~1 s in release, slow in debug. Run with
/// `cargo test --release -p evmatch-workload --test workload_citylots -- --ignored`.
#[test]
#[ignore]
fn full_corpus_hashes_like_the_python_output() {
    let c = Citylots::new(DEFAULT_SEED, CITYLOTS_EVENTS);
    assert_eq!(c.len(), CITYLOTS_EVENTS);
    let mut bytes = Vec::new();
    c.write_jsonl(&mut bytes).unwrap();
    assert_eq!(sha256_hex(&bytes), SHA256_213068);
    let exp = expected_scale_totals(DEFAULT_SEED, CITYLOTS_EVENTS).unwrap();
    for k in [1, 100, 10_000, 100_000] {
        for kind in ScaleKind::ALL {
            let s = c.scale_rules(kind, k);
            assert_eq!(s.expected_total_matches, exp[&s.name], "{}", s.name);
        }
    }
}

#[test]
fn generator_is_deterministic_and_seeded() {
    let a = Citylots::new(DEFAULT_SEED, 3000);
    let b = Citylots::new(DEFAULT_SEED, 3000);
    let c = Citylots::new(DEFAULT_SEED + 1, 3000);
    assert_eq!(a.len(), 3000);
    assert_eq!(a.to_vecs(), b.to_vecs());
    assert_ne!(a.to_vecs(), c.to_vecs());
    // the free functions are the same corpus
    let first: Vec<Vec<u8>> = evmatch_workload::events(DEFAULT_SEED, 3000)
        .take(20)
        .collect();
    assert_eq!(first, a.to_vecs()[..20]);
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.first().map_or(0, depth),
        _ => 0,
    }
}

#[test]
fn every_event_parses_and_has_the_real_records_shape() {
    let sample: Vec<Value> = SAMPLE
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(sample.len(), 40);
    let top = keys(&sample[0]);
    let props = keys(&sample[0]["properties"]);
    // the generator adds geometry.firstCoordinates (as event-ruler's citylots2)
    let mut geom = keys(&sample[0]["geometry"]);
    geom.insert("firstCoordinates".into());

    let (_, events) = corpus();
    let mut multi = 0;
    let mut null_type = 0;
    let mut blklots = BTreeSet::new();
    for (i, e) in events.iter().enumerate() {
        let v: Value = serde_json::from_slice(e).unwrap_or_else(|err| panic!("event {i}: {err}"));
        assert_eq!(keys(&v), top, "event {i}");
        assert_eq!(v["type"], "Feature");
        let p = &v["properties"];
        assert_eq!(keys(p), props, "event {i}");
        for k in &props {
            assert!(
                p[k].is_string() || (k == "ST_TYPE" && p[k].is_null()),
                "event {i} {k}"
            );
        }
        null_type += usize::from(p["ST_TYPE"].is_null());
        assert!(
            blklots.insert(p["BLKLOT"].as_str().unwrap().to_string()),
            "BLKLOT unique"
        );
        let g = &v["geometry"];
        assert_eq!(keys(g), geom, "event {i}");
        let coords = &g["coordinates"];
        match g["type"].as_str().unwrap() {
            "Polygon" => assert_eq!(depth(coords), 3),
            "MultiPolygon" => {
                multi += 1;
                assert_eq!(depth(coords), 4)
            }
            t => panic!("geometry type {t}"),
        }
        let first = if depth(coords) == 3 {
            &coords[0][0]
        } else {
            &coords[0][0][0]
        };
        let fc = &g["firstCoordinates"];
        assert_eq!(fc["x"], first[0]);
        assert_eq!(fc["y"], first[1]);
        assert_eq!(fc["z"].as_f64(), Some(0.0));
        let x = fc["x"].as_f64().unwrap();
        let y = fc["y"].as_f64().unwrap();
        assert!(
            (-122.52..-122.35).contains(&x) && (37.70..37.82).contains(&y),
            "event {i}"
        );
    }
    assert!(multi >= 1, "the planted MultiPolygon");
    assert!(null_type > 100 && null_type < events.len() / 5);
}

#[test]
fn cl2_sets_match_the_rules_file() {
    let doc: Value = serde_json::from_str(CL2_RULES).unwrap();
    let sets = cl2_sets();
    let by_name: BTreeMap<&str, _> = sets.iter().map(|s| (s.name.as_str(), s)).collect();
    let file_sets = doc["sets"].as_array().unwrap();
    assert_eq!(file_sets.len(), 14);
    for fs in file_sets {
        let name = fs["name"].as_str().unwrap();
        let set = by_name
            .get(name)
            .unwrap_or_else(|| panic!("missing set {name}"));
        let rules = fs["rules"].as_array().unwrap();
        assert_eq!(set.rules.len(), 5, "{name}");
        for (i, ((id, text), want)) in set.rules.iter().zip(rules).enumerate() {
            assert_eq!(id, &format!("{name}:{i}"));
            let got: Value = serde_json::from_str(text).unwrap();
            assert_eq!(&got, want, "{id}");
        }
    }
    let common = cl2_set("COMBO_COMMON").unwrap();
    let all = cl2_set("COMBO_ALL").unwrap();
    assert_eq!(common.rules.len(), 40);
    assert_eq!(all.rules.len(), 70);
    assert_eq!(sets.len(), 16);
    let ids: BTreeSet<&str> = all.rules.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(ids.len(), 70);
    // combos keep the member sets' ids and texts
    for (id, text) in &common.rules {
        assert!(all.rules.iter().any(|r| &r.0 == id && &r.1 == text), "{id}");
    }
}

#[test]
fn expected_counts_cover_every_rule() {
    assert_eq!(expected_sizes(DEFAULT_SEED), vec![20_000, CITYLOTS_EVENTS]);
    assert!(expected_cl2_counts(DEFAULT_SEED, 12_345).is_none());
    assert!(expected_cl2_counts(1, 20_000).is_none());
    for n in expected_sizes(DEFAULT_SEED) {
        let exp = expected_cl2_counts(DEFAULT_SEED, n).unwrap();
        for set in cl2_sets() {
            let counts = &exp[&set.name];
            assert_eq!(counts.len(), set.rules.len(), "{}", set.name);
            assert!(counts.iter().all(|&c| c as usize <= n));
        }
        // planted values: EXACT selects the same events at every size
        assert_eq!(exp["EXACT"], [1, 101, 35, 655, 1]);
    }
    let e = expected_cl2_counts(DEFAULT_SEED, 20_000).unwrap();
    assert_eq!(e["NUMERIC"], [1, 10, 13650, 6350, 11073]);
    assert_eq!(&e["COMBO_ALL"][65..], &e["COMPLEX_ARRAYS"][..]);
}

#[test]
fn planted_values_are_present() {
    // EXACT counts come from planted MAPBLKLOTs: count them in our own output.
    let (_, events) = corpus();
    let mut n = BTreeMap::<String, u64>::new();
    for e in events {
        let v: Value = serde_json::from_slice(e).unwrap();
        *n.entry(v["properties"]["MAPBLKLOT"].as_str().unwrap().into())
            .or_default() += 1;
    }
    let got: Vec<u64> = ["1430022", "2607117", "2607218", "3745012", "VACSTWIL"]
        .iter()
        .map(|k| n.get(*k).copied().unwrap_or(0))
        .collect();
    assert_eq!(
        got,
        expected_cl2_counts(DEFAULT_SEED, 20_000).unwrap()["EXACT"]
    );
}

#[test]
fn scale_rules_match_the_python_files_and_totals() {
    let (c, _) = corpus();
    let exp = expected_scale_totals(DEFAULT_SEED, 20_000).unwrap();
    for k in [1, 100, 10_000] {
        for kind in ScaleKind::ALL {
            let s = c.scale_rules(kind, k);
            assert_eq!(s.name, format!("scale_{}_{k}", kind.name()));
            assert_eq!(s.rules.len(), k);
            assert_eq!(s.expected_total_matches, exp[&s.name], "{}", s.name);
        }
    }
    let mix = c.scale_rules(ScaleKind::Mix, 100);
    let text: String = mix.rules.iter().map(|r| format!("{}\n", r.1)).collect();
    assert_eq!(text, SCALE_MIX_100);
    assert_eq!(mix.rules[7].0, "scale_mix_100:7");
}

fn sha256_hex(data: &[u8]) -> String {
    format!("{:x}", Sha256::digest(data))
}

#[test]
fn sha256_self_check() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256_hex(FIRST50.as_bytes()),
        "4b640c347cf3f560a0d4fd4e44d812e017af70ed8337e54502f5ed2b00bb5822"
    );
}
