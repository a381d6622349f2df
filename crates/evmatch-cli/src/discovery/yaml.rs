//! The YAML template reader: YAML text to a positioned [`Document`], on saphyr-parser's event
//! parser.
//!
//! Job: read the first document of a YAML CloudFormation/SAM template, keeping where every node
//! starts. Tags are kept, so CloudFormation short forms (`!Ref`, `!Sub`, `!GetAtt`, …) parse and
//! are recognised as intrinsics; plain scalars resolve by the YAML 1.2 core schema, and numbers
//! are written the way JSON spells them.
//!
//! Invariants:
//!
//! * No recursion. A YAML loader that builds a tree recurses once per nesting level, which a
//!   deep block-nested file turns into a stack overflow; this reader pulls the parser's events
//!   one by one ([`Parser::next_event`], an iterative state machine) and keeps open collections
//!   in an explicit stack. The scanner refuses flow
//!   collections (`[`, `{`) nested more than 255 deep ("recursion limit exceeded"); block
//!   nesting is unbounded here.
//! * Aliases share their anchored node instead of copying it, and their expansion has a budget:
//!   at most [`MAX_YAML_ALIASES`] aliases per file, adding at most [`MAX_YAML_ALIAS_NODES`]
//!   nodes to the document as expanded (a scalar or key counts one more node per 64 bytes of
//!   text). A file over the budget is a [`FileError::AliasBudgetExceeded`] at the alias that
//!   crossed it, so a "billion laughs" file (nine levels of ten aliases) is refused at once
//!   instead of growing without bound. An alias inside its own anchor is `null`.
//! * Nothing panics on malformed input: syntax errors are [`FileError::Parse`] with the parser's
//!   message and position.
//! * What CloudFormation accepts is read: a single-pair mapping inside a flow sequence
//!   (`!Sub ["x-${ID}", ID: !Ref Id]`) parses as a one-member mapping, and a file whose flow
//!   collections have lines or a closing bracket at (or left of) the parent key's indentation,
//!   which YAML 1.2 refuses and PyYAML and CloudFormation accept, is read again with those lines
//!   re-indented ([`super::flow_indent`]); positions still point into the file as written.
//!
//! Costs: O(length of the text) for the parse and the tree; the position of a tagged node is
//! found by binary search over the line starts. Every later walk over the document is bounded
//! by the text plus the alias budget.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Tag};

use super::FileError;
use super::flow_indent;
use super::tree::{Builder, Document, NodeKind};

/// Most aliases (`*name`) one YAML file may use.
///
/// CloudFormation and SAM templates use a handful, if any; 10,000 leaves room for generated
/// files while keeping a file's cost bounded.
pub const MAX_YAML_ALIASES: usize = 10_000;

/// Most nodes the aliases of one YAML file may add to it, counted as if every alias were
/// replaced by a copy of its anchored node (nested aliases included); a scalar or key counts
/// one more node per 64 bytes of its text.
///
/// A million nodes is in the range of other YAML libraries' guards against "billion laughs"
/// (go-yaml lets aliases supply 99% of a document's first 400,000 decoded nodes, tapering to
/// 10% at 4,000,000; SnakeYAML allows 50 aliases of collections), far more than any template
/// needs, and a fraction of a second of work.
pub const MAX_YAML_ALIAS_NODES: usize = 1_000_000;

/// The limits on alias expansion in one file.
#[derive(Debug, Clone, Copy)]
pub(super) struct AliasBudget {
    pub max_aliases: usize,
    pub max_nodes: u64,
}

impl Default for AliasBudget {
    fn default() -> Self {
        AliasBudget {
            max_aliases: MAX_YAML_ALIASES,
            max_nodes: MAX_YAML_ALIAS_NODES as u64,
        }
    }
}

/// Read the first YAML document of `text` within the default alias budget.
pub(super) fn parse(text: &str) -> Result<Document, FileError> {
    parse_with(text, AliasBudget::default())
}

/// Read the first YAML document of `text` within `budget`.
///
/// A file refused for the indentation of its flow collections is read again with those lines
/// re-indented; if that fails too, the first error stands.
pub(super) fn parse_with(text: &str, budget: AliasBudget) -> Result<Document, FileError> {
    match read(text, Vec::new(), budget) {
        Err(first @ FileError::Parse { .. }) if is_indentation_error(&first) => {
            match flow_indent::reindent(text) {
                Some(re) => match read(&re.text, re.pads, budget) {
                    Err(e @ FileError::AliasBudgetExceeded { .. }) => Err(e),
                    Err(_) => Err(first),
                    ok => ok,
                },
                None => Err(first),
            }
        }
        other => other,
    }
}

fn is_indentation_error(e: &FileError) -> bool {
    matches!(e, FileError::Parse { message, .. } if message.starts_with("invalid indentation"))
}

/// Read `text`, whose line `i` (0-based) was indented by `pads[i]` more characters than the file
/// has it (none past the end of `pads`).
fn read(text: &str, pads: Vec<usize>, budget: AliasBudget) -> Result<Document, FileError> {
    let mut reader = Reader {
        source: Source::new(text, pads),
        builder: Builder::new(),
        open_anchors: Vec::new(),
        anchors: HashMap::new(),
        budget,
        aliases: 0,
        alias_nodes: 0,
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| reader.source.scan_error(&e))?;
        match event {
            // The first document only.
            Event::StreamEnd | Event::DocumentEnd => break,
            event => reader.event(event, span.start)?,
        }
    }
    Ok(reader.builder.finish())
}

/// The text, for finding where tags start, and how to map its positions onto the file.
struct Source {
    chars: Vec<char>,
    /// Character index of every `'\n'`, ascending.
    newlines: Vec<usize>,
    /// Characters added at the start of each line (0-based) before parsing.
    pads: Vec<usize>,
}

impl Source {
    fn new(text: &str, pads: Vec<usize>) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let newlines = (0..chars.len()).filter(|&i| chars[i] == '\n').collect();
        Source {
            chars,
            newlines,
            pads,
        }
    }

    /// The file position of `(line, column)` of the parsed text.
    fn unpad(&self, (line, column): (usize, usize)) -> (usize, usize) {
        let pad = self.pads.get(line.wrapping_sub(1)).copied().unwrap_or(0);
        (line, column.saturating_sub(pad).max(1))
    }

    /// The 1-based file position of `mark`.
    fn at(&self, mark: Marker) -> (usize, usize) {
        self.unpad((mark.line().max(1), mark.col() + 1))
    }

    fn scan_error(&self, e: &ScanError) -> FileError {
        let (line, column) = self.at(*e.marker());
        FileError::Parse {
            line,
            column,
            message: e.info().to_owned(),
        }
    }

    /// The 1-based position of a node marked at `mark`: that of its short-form tag when the
    /// tag stands just before it (`!Sub '…'`, or `!Join` ending the line above a block
    /// sequence), so the node is reported where it visibly starts.
    fn position(&self, mark: Marker, tag: Option<&str>) -> (usize, usize) {
        self.unpad(self.parsed_position(mark, tag))
    }

    fn parsed_position(&self, mark: Marker, tag: Option<&str>) -> (usize, usize) {
        let at = (mark.line().max(1), mark.col() + 1);
        let Some(tag) = tag else {
            return at;
        };
        let chars = &self.chars;
        let mut i = mark.index().min(chars.len());
        let mut newlines = 0;
        while i > 0 && matches!(chars[i - 1], ' ' | '\t' | '\r' | '\n') {
            newlines += usize::from(chars[i - 1] == '\n');
            i -= 1;
        }
        let len = tag.chars().count();
        if i < len || !chars[i - len..i].iter().copied().eq(tag.chars()) || newlines >= at.0 {
            return at;
        }
        let start = i - len;
        let line_start = match self.newlines.partition_point(|&n| n < start) {
            0 => 0,
            k => self.newlines[k - 1] + 1,
        };
        (at.0 - newlines, start - line_start + 1)
    }

    /// Whether the node marked at `mark` starts with a flow indicator (`{`, `[`), so its mark
    /// is its exact position.
    fn is_flow(&self, mark: Marker) -> bool {
        matches!(self.chars.get(mark.index()), Some('{' | '['))
    }
}

/// Turns the parser's events into a [`Document`].
struct Reader {
    source: Source,
    builder: Builder,
    /// The anchor id of each open collection (0: none).
    open_anchors: Vec<usize>,
    /// Anchor id → its complete node.
    anchors: HashMap<usize, usize>,
    budget: AliasBudget,
    aliases: usize,
    /// Nodes the aliases so far add to the expanded document.
    alias_nodes: u64,
}

impl Reader {
    fn event(&mut self, event: Event<'_>, mark: Marker) -> Result<(), FileError> {
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let intrinsic = intrinsic_tag(tag.as_deref());
                let (line, column) = self.source.position(mark, intrinsic.as_deref());
                let id = match intrinsic {
                    Some(name) => {
                        // Kept for the intrinsic check (`!Ref Name`: which parameter).
                        self.builder
                            .tagged_scalar(line, column, name, value.into_owned())
                    }
                    None => {
                        let kind = scalar_kind(value.into_owned(), style, tag.as_deref());
                        self.builder.scalar(line, column, kind)
                    }
                };
                self.anchor(anchor, id);
            }
            Event::SequenceStart(anchor, tag) => self.open(mark, anchor, tag.as_deref(), true),
            Event::MappingStart(anchor, tag) => self.open(mark, anchor, tag.as_deref(), false),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(id) = self.builder.close() {
                    let anchor = self.open_anchors.pop().unwrap_or(0);
                    self.anchor(anchor, id);
                }
            }
            Event::Alias(anchor) => {
                let (line, column) = self.source.at(mark);
                let over = |message: String| FileError::AliasBudgetExceeded {
                    line,
                    column,
                    message,
                };
                self.aliases += 1;
                if self.aliases > self.budget.max_aliases {
                    return Err(over(format!(
                        "more than {} aliases in one file",
                        self.budget.max_aliases
                    )));
                }
                let target = self.anchors.get(&anchor).copied();
                let nodes = target.map_or(1, |t| self.builder.size(t));
                self.alias_nodes = self.alias_nodes.saturating_add(nodes);
                if self.alias_nodes > self.budget.max_nodes {
                    return Err(over(format!(
                        "the aliases would add more than {} nodes to the document",
                        self.budget.max_nodes
                    )));
                }
                self.builder.alias(line, column, target);
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(_) | Event::DocumentEnd => {}
        }
        Ok(())
    }

    fn open(&mut self, mark: Marker, anchor: usize, tag: Option<&Tag>, seq: bool) {
        let tag = intrinsic_tag(tag);
        let (line, column) = self.source.position(mark, tag.as_deref());
        let exact = self.source.is_flow(mark) || tag.is_some();
        self.builder.open(line, column, exact, tag, seq);
        self.open_anchors.push(anchor);
    }

    fn anchor(&mut self, anchor: usize, id: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, id);
        }
    }
}

/// `!Ref`, `!Sub`, … → `Some("!Ref")`; standard `!!` tags and no tag → `None`.
fn intrinsic_tag(tag: Option<&Tag>) -> Option<String> {
    let tag = tag?;
    (tag.handle == "!" && !tag.suffix.is_empty()).then(|| format!("!{}", tag.suffix))
}

fn scalar_kind(value: String, style: ScalarStyle, tag: Option<&Tag>) -> NodeKind {
    if let Some(name) = intrinsic_tag(tag) {
        return NodeKind::Tagged(name);
    }
    if tag.is_some_and(|t| t.suffix == "str") || style != ScalarStyle::Plain {
        return NodeKind::String(value);
    }
    // YAML 1.2 core schema resolution of plain scalars.
    match value.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        _ => {}
    }
    match yaml_number(&value) {
        Some(n) => NodeKind::Number(n),
        None => NodeKind::String(value),
    }
}

/// The JSON spelling of a YAML 1.2 core-schema number, or `None` when `s` is not one.
fn yaml_number(s: &str) -> Option<String> {
    let is_json_number = serde_json::from_str::<serde::de::IgnoredAny>(s).is_ok()
        && s.starts_with(|c: char| c == '-' || c.is_ascii_digit());
    if is_json_number {
        return Some(s.to_owned());
    }
    let unsigned = s.strip_prefix('+').unwrap_or(s);
    let (neg, digits) = match unsigned.strip_prefix('-') {
        Some(rest) if unsigned.len() == s.len() => (true, rest),
        _ => (false, unsigned),
    };
    let sign = if neg { "-" } else { "" };
    if let Some(hex) = s.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(|n| n.to_string());
    }
    if let Some(oct) = s.strip_prefix("0o") {
        return u64::from_str_radix(oct, 8).ok().map(|n| n.to_string());
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = digits.trim_start_matches('0');
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        return Some(format!("{sign}{trimmed}"));
    }
    let float_chars = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if float_chars && digits.bytes().any(|b| b.is_ascii_digit()) {
        let f: f64 = s.parse().ok()?;
        if f.is_finite() {
            return serde_json::to_string(&f).ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact(text: &str) -> String {
        let doc = parse(text).unwrap();
        doc.to_value(doc.root()).to_string()
    }

    fn budget(max_aliases: usize, max_nodes: u64) -> AliasBudget {
        AliasBudget {
            max_aliases,
            max_nodes,
        }
    }

    #[test]
    fn aliases_repeat_their_anchor() {
        assert_eq!(
            compact("a: &x {k: [1, 2]}\nb: *x\nc: [*x, *x]\n"),
            r#"{"a":{"k":[1,2]},"b":{"k":[1,2]},"c":[{"k":[1,2]},{"k":[1,2]}]}"#
        );
        // An alias inside its own anchor has nothing complete to repeat.
        assert_eq!(compact("a: &x [1, *x]\n"), r#"{"a":[1,null]}"#);
        // A redefined anchor: later aliases see the later node.
        assert_eq!(compact("- &x 1\n- *x\n- &x 2\n- *x\n"), "[1,1,2,2]");
    }

    #[test]
    fn alias_budget_counts_expanded_nodes() {
        // `{k: [1, 2]}` is 4 nodes; two aliases add 8.
        let text = "a: &x {k: [1, 2]}\nb: *x\nc: *x\n";
        assert!(parse_with(text, budget(2, 8)).is_ok());
        let err = parse_with(text, budget(2, 7)).unwrap_err();
        assert_eq!(err.position(), Some((3, 4)));
        assert_eq!(
            err.to_string(),
            "YAML alias expansion over budget: the aliases would add more than 7 nodes to the \
             document"
        );
    }

    #[test]
    fn alias_budget_counts_aliases() {
        let text = "a: &x 1\nb: [*x, *x, *x]\n";
        assert!(parse_with(text, budget(3, 100)).is_ok());
        let err = parse_with(text, budget(2, 100)).unwrap_err();
        assert_eq!(err.position(), Some((2, 13)));
        assert_eq!(
            err.to_string(),
            "YAML alias expansion over budget: more than 2 aliases in one file"
        );
    }

    #[test]
    fn alias_budget_counts_long_text() {
        // A 640-byte string counts 11 nodes each time it is repeated.
        let text = format!("a: &x {}\nb: [*x, *x]\n", "y".repeat(640));
        assert!(parse_with(&text, budget(10, 22)).is_ok());
        assert!(parse_with(&text, budget(10, 21)).is_err());
    }

    #[test]
    fn nested_aliases_count_their_whole_expansion() {
        // b = [a, a] expands to 1 + 2 * 3 = 7 nodes.
        let text = "a: &a [1, 2]\nb: &b [*a, *a]\nc: [*b, *b]\n";
        // 2 * 3 for b's aliases, then 2 * 7 for c's.
        assert!(parse_with(text, budget(4, 20)).is_ok());
        assert!(parse_with(text, budget(4, 19)).is_err());
    }

    #[test]
    fn only_the_first_document_is_read() {
        assert_eq!(compact("a: 1\n---\nb: [\n"), r#"{"a":1}"#);
        assert_eq!(compact(""), "null");
    }

    #[test]
    fn tags_are_located_with_the_line_index() {
        let doc = parse("a:\n  x: 1\n  b: [!Ref A,   !Sub B]\n").unwrap();
        let NodeKind::Object(members) = doc.kind(doc.root()) else {
            panic!("not a mapping")
        };
        let NodeKind::Object(inner) = doc.kind(members[0].1) else {
            panic!("not a mapping")
        };
        let NodeKind::Array(items) = doc.kind(inner[1].1) else {
            panic!("not a sequence")
        };
        let at: Vec<_> = items
            .iter()
            .map(|&i| (doc.node(i).line, doc.node(i).column))
            .collect();
        assert_eq!(at, vec![(3, 7), (3, 17)]);
    }
    #[test]
    fn flow_collections_at_the_parent_key_indentation_are_read_as_cloudformation_does() {
        let text = "\
Resources:
  P:
    Properties:
      CustomStatements: [{
      Effect: Allow,
      Action: 's3:*'
      }]
      Tail: [
    1]
";
        assert_eq!(
            compact(text),
            r#"{"Resources":{"P":{"Properties":{"CustomStatements":[{"Effect":"Allow","Action":"s3:*"}],"Tail":[1]}}}}"#
        );
        // Positions point into the file as written.
        let doc = parse(text).unwrap();
        let statements = at_id(&doc, &["Resources", "P", "Properties", "CustomStatements"]);
        let NodeKind::Array(items) = doc.kind(statements) else {
            panic!("not a sequence")
        };
        let NodeKind::Object(members) = doc.kind(items[0]) else {
            panic!("not a mapping")
        };
        let start = |id: usize| (doc.node(id).line, doc.node(id).column);
        assert_eq!(start(items[0]), (4, 26));
        assert_eq!(start(members[0].1), (5, 15));
        let tail = at_id(&doc, &["Resources", "P", "Properties", "Tail"]);
        let NodeKind::Array(items) = doc.kind(tail) else {
            panic!("not a sequence")
        };
        assert_eq!(start(items[0]), (9, 5));
    }

    fn at_id(doc: &Document, pointer: &[&str]) -> usize {
        let mut id = doc.root();
        for key in pointer {
            let NodeKind::Object(members) = doc.kind(id) else {
                panic!("not a mapping")
            };
            id = members.iter().find(|(k, _)| k == key).unwrap().1;
        }
        id
    }

    #[test]
    fn a_file_that_still_fails_keeps_its_first_error() {
        let err = parse("a:\n  k: [\n  1,\n b: ]\n  c\n").unwrap_err();
        assert!(matches!(err, FileError::Parse { .. }), "{err:?}");
    }

    #[test]
    fn a_single_pair_mapping_in_a_flow_sequence_is_a_one_member_mapping() {
        let text = "\
Resources:
  B:
    Properties:
      BucketName: !Sub [ \"x-${ID}\", ID: !Select [2, !Split [\"/\", !Ref AWS::StackId]] ]
      Plain: [a, k: [1, 2], b]
";
        assert_eq!(
            compact(text),
            r#"{"Resources":{"B":{"Properties":{"BucketName":null,"Plain":["a",{"k":[1,2]},"b"]}}}}"#
        );
    }
}
