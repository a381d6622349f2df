//! The JSON template reader: JSON text to a positioned [`Document`].
//!
//! Job: read a JSON CloudFormation template keeping the `line:column` where every value starts
//! and the source spelling of every number, which `serde_json` cannot give.
//!
//! serde_json first validates the text, so syntax errors carry its wording and position, and
//! the scanner below only ever sees well-formed JSON (it still fails softly, never panics).
//! The scanner is hand-written because it is small and only locates values: strings are
//! decoded by serde_json.
//!
//! Invariants: columns count characters (not bytes) from 1. serde_json refuses a leading
//! byte-order mark, so a template with one is a parse error. Nesting depth is unbounded and
//! costs no stack: open collections live in an explicit stack.
//!
//! Costs: O(length of the text), for validation and for the scan (columns are counted
//! incrementally along each line).

use super::FileError;
use super::tree::{Builder, Document, NodeKind};

/// Read a JSON document.
pub(super) fn parse(text: &str) -> Result<Document, FileError> {
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        return Err(FileError::Parse {
            line: e.line().max(1),
            column: e.column().max(1),
            message: strip_serde_position(&e.to_string()),
        });
    }
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        counted: (0, 1),
    };
    scanner.document().ok_or_else(|| FileError::Parse {
        line: scanner.line,
        column: scanner.column(),
        message: "malformed JSON".to_owned(),
    })
}

/// serde_json's message without its ` at line L column C` suffix (the position is reported
/// separately).
fn strip_serde_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    /// (byte offset, column there) on the current line, the last place a column was counted.
    counted: (usize, usize),
}

/// An open collection, waiting for its next entry or its end.
enum Open {
    Array,
    Object,
}

impl Scanner<'_> {
    /// The 1-based column of `pos`, in characters.
    fn column(&mut self) -> usize {
        let (from, column) = self.counted;
        let column = self
            .text
            .get(from..self.pos)
            .map_or(1, |s| column + s.chars().count());
        self.counted = (self.pos, column);
        column
    }

    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.counted = (self.pos, 1);
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                _ => break,
            }
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.skip_ws();
        (self.bytes.get(self.pos) == Some(&b)).then(|| self.pos += 1)
    }

    /// The document: values in document order, each container's entries between its opening
    /// and its closing, without recursion.
    fn document(&mut self) -> Option<Document> {
        let mut builder = Builder::new();
        let mut open: Vec<Open> = Vec::new();
        loop {
            // A value starts here.
            self.skip_ws();
            let (line, column) = (self.line, self.column());
            let mut opened = false;
            match *self.bytes.get(self.pos)? {
                b'{' => {
                    self.pos += 1;
                    builder.open(line, column, true, None, false);
                    if self.eat(b'}').is_some() {
                        builder.close();
                    } else {
                        open.push(Open::Object);
                        self.member_key(&mut builder)?;
                        opened = true;
                    }
                }
                b'[' => {
                    self.pos += 1;
                    builder.open(line, column, true, None, true);
                    if self.eat(b']').is_some() {
                        builder.close();
                    } else {
                        open.push(Open::Array);
                        opened = true;
                    }
                }
                b'"' => {
                    let s = self.string()?;
                    builder.scalar(line, column, NodeKind::String(s));
                }
                b't' => {
                    let kind = self.word("true", NodeKind::Bool(true))?;
                    builder.scalar(line, column, kind);
                }
                b'f' => {
                    let kind = self.word("false", NodeKind::Bool(false))?;
                    builder.scalar(line, column, kind);
                }
                b'n' => {
                    let kind = self.word("null", NodeKind::Null)?;
                    builder.scalar(line, column, kind);
                }
                _ => {
                    let start = self.pos;
                    while self.bytes.get(self.pos).is_some_and(|b| {
                        matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                    }) {
                        self.pos += 1;
                    }
                    if start == self.pos {
                        return None;
                    }
                    let number = self.text.get(start..self.pos)?.to_owned();
                    builder.scalar(line, column, NodeKind::Number(number));
                }
            }
            if opened {
                continue;
            }
            // A value ended: go on to the next entry, closing the containers that end here.
            loop {
                match open.last() {
                    None => return Some(builder.finish()),
                    Some(Open::Array) => {
                        if self.eat(b',').is_some() {
                            break;
                        }
                        self.eat(b']')?;
                    }
                    Some(Open::Object) => {
                        if self.eat(b',').is_some() {
                            self.member_key(&mut builder)?;
                            break;
                        }
                        self.eat(b'}')?;
                    }
                }
                open.pop();
                builder.close();
            }
        }
    }

    /// `"key":` of an object member.
    fn member_key(&mut self, builder: &mut Builder) -> Option<()> {
        self.skip_ws();
        let key = self.string()?;
        builder.key(key);
        self.eat(b':')
    }

    fn word(&mut self, word: &str, kind: NodeKind) -> Option<NodeKind> {
        let end = self.pos + word.len();
        (self.bytes.get(self.pos..end)? == word.as_bytes()).then(|| {
            self.pos = end;
            kind
        })
    }

    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        if self.bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        self.pos += 1;
        loop {
            match *self.bytes.get(self.pos)? {
                b'"' => break,
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        serde_json::from_str(self.text.get(start..self.pos)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact(text: &str) -> String {
        let doc = parse(text).unwrap();
        doc.to_value(doc.root()).to_string()
    }

    #[test]
    fn values_keep_their_positions_in_characters() {
        let doc = parse("{\"é\": [1,\n  \"x\", {\"k\": null}]}").unwrap();
        let NodeKind::Object(members) = doc.kind(doc.root()) else {
            panic!("not an object")
        };
        let at = |id| (doc.node(id).line, doc.node(id).column);
        assert_eq!(at(doc.root()), (1, 1));
        assert_eq!(at(members[0].1), (1, 7));
        let NodeKind::Array(items) = doc.kind(members[0].1) else {
            panic!("not an array")
        };
        let positions: Vec<_> = items.iter().map(|&i| at(i)).collect();
        assert_eq!(positions, vec![(1, 8), (2, 3), (2, 8)]);
    }

    #[test]
    fn numbers_keep_their_spelling_and_strings_are_decoded() {
        assert_eq!(
            compact(r#" {"a" : [1.50, -0, 1E+3, "\u00e9\t", true, false, null, {}, []]} "#),
            r#"{"a":[1.50,-0,1E+3,"é\t",true,false,null,{},[]]}"#
        );
    }

    #[test]
    fn syntax_errors_are_serde_json_s_with_its_position() {
        let err = parse("{\"a\": [1,]\n}").unwrap_err();
        let FileError::Parse {
            line,
            column,
            message,
        } = err
        else {
            panic!("not a parse error")
        };
        assert_eq!((line, column), (1, 10));
        assert_eq!(message, "expected value");
    }

    #[test]
    fn long_lines_are_read_in_linear_time() {
        // Columns are counted incrementally: 200,000 values on one line stay fast.
        let text = format!("[{}1]", "1,".repeat(200_000));
        let doc = parse(&text).unwrap();
        let NodeKind::Array(items) = doc.kind(doc.root()) else {
            panic!("not an array")
        };
        let last = doc.node(items[200_000]);
        assert_eq!((last.line, last.column), (1, 400_002));
    }

    #[test]
    fn deep_nesting_needs_no_stack() {
        let depth = 100_000;
        let text = format!("{}{}", "{\"a\":[".repeat(depth), "]}".repeat(depth));
        assert_eq!(compact(&text), text);
    }
}
