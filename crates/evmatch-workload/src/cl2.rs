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
//! order, spacing and number spelling included); the set and combo order is the
//! file's.
//!
//! Costs: every call scans the 7 KB embedded file and allocates the returned
//! sets; callers call it a few times per run.

/// `data/cl2_rules.json`, embedded.
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

pub(crate) struct Cl2Doc<'a> {
    sets: Vec<(&'a str, Vec<&'a str>)>,
    pub(crate) combos: Vec<(&'a str, Vec<&'a str>)>,
}

/// Finds the sets, rule texts and combos in the rules document, keeping each
/// rule's original text (key order and number spelling included).
pub(crate) fn parse_cl2(text: &str) -> Cl2Doc<'_> {
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
