//! Re-indenting the lines of YAML flow collections that sit at or left of their parent's
//! indentation, so that a strict YAML 1.2 parser reads what CloudFormation and PyYAML read.
//!
//! Job: YAML 1.2 wants every line inside a flow collection (`[…]`, `{…}`) indented more than
//! the block it is in; PyYAML (and so CloudFormation's YAML reader) does not check, and templates
//! in the wild rely on it:
//!
//! ```yaml
//! Properties:
//!   CustomStatements: [{
//!   Effect: Allow
//!   }]
//! ```
//!
//! [`reindent`] finds the lines that *start inside* a flow collection and adds spaces in front of
//! those indented no deeper than the line that opened the outermost collection, up to one more
//! than that line's indentation. Inside a flow collection leading white space is never content
//! (plain and quoted scalars fold it away), so the document means the same; the pads are
//! returned per line so positions can be mapped back onto the file.
//!
//! The scan is a small lexer, not a YAML parser: it knows quotes (single and double, across
//! lines), comments, block scalars (`|`, `>`) and where a flow collection can start in block
//! context (at the start of a node: after indentation, `- `, `: `, a tag or an anchor). The
//! template reader uses it only as a second try, on a file the parser refused for its
//! indentation, so a file that parses as written is never touched.
//!
//! Invariants: only leading spaces are added; the line count is unchanged. Costs: one pass over
//! the text, and a copy of it when some line is padded.

/// A text with some lines re-indented.
pub(super) struct Reindented {
    /// The re-indented text.
    pub text: String,
    /// Spaces added at the start of each line (0-based), up to the last padded line.
    pub pads: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    Single,
    Double,
}

/// The lexer's state between lines.
#[derive(Default)]
struct State {
    /// Depth of flow collections.
    depth: usize,
    /// Indentation of the line that opened the outermost open flow collection.
    open_indent: usize,
    /// An open quoted scalar.
    quote: Option<Quote>,
    /// Inside a block scalar whose parent line has this indentation.
    block_scalar: Option<usize>,
}

/// `text` with the lines that start inside a flow collection indented past the line that
/// opened it; `None` when no line needs it.
pub(super) fn reindent(text: &str) -> Option<Reindented> {
    let mut state = State::default();
    let mut out = String::with_capacity(text.len() + 64);
    let mut pads = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let indent = line.chars().take_while(|&c| c == ' ').count();
        let blank = line.trim().is_empty();
        if let Some(parent) = state.block_scalar {
            if blank || indent > parent {
                out.push_str(line);
                continue;
            }
            state.block_scalar = None;
        }
        let mut pad = 0;
        if state.depth > 0 && !blank && indent <= state.open_indent {
            pad = state.open_indent + 1 - indent;
            pads.resize(i, 0);
            pads.push(pad);
        }
        out.extend(std::iter::repeat_n(' ', pad));
        out.push_str(line);
        scan_line(line, indent, &mut state);
    }
    (!pads.is_empty()).then_some(Reindented { text: out, pads })
}

/// Advance `state` over one line (of indentation `indent`).
fn scan_line(line: &str, indent: usize, state: &mut State) {
    let chars: Vec<char> = line.trim_end_matches(['\n', '\r']).chars().collect();
    // In block context: whether the next character starts a node.
    let mut node_start = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        if let Some(q) = state.quote {
            match (q, c) {
                (Quote::Double, '\\') => i += 1,
                (Quote::Double, '"') => state.quote = None,
                (Quote::Single, '\'') if next == Some('\'') => i += 1,
                (Quote::Single, '\'') => state.quote = None,
                _ => {}
            }
            i += 1;
            continue;
        }
        let after_space = prev.is_none_or(|p| p == ' ' || p == '\t');
        if c == '#' && after_space {
            return;
        }
        if state.depth > 0 {
            match c {
                '[' | '{' => state.depth += 1,
                ']' | '}' => state.depth -= 1,
                '"' | '\'' if after_space || matches!(prev, Some('[' | '{' | ',' | ':')) => {
                    state.quote = Some(if c == '"' {
                        Quote::Double
                    } else {
                        Quote::Single
                    });
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        let blank_next = next.is_none_or(|n| n == ' ' || n == '\t');
        match c {
            ' ' | '\t' => {}
            '[' | '{' if node_start => {
                state.depth = 1;
                state.open_indent = indent;
                node_start = false;
            }
            '"' | '\'' if node_start => {
                state.quote = Some(if c == '"' {
                    Quote::Double
                } else {
                    Quote::Single
                });
                node_start = false;
            }
            '|' | '>' if node_start => {
                state.block_scalar = Some(indent);
                return;
            }
            '-' | ':' | '?' if blank_next => node_start = true,
            '!' | '&' if node_start => {
                // A tag or an anchor: the node starts after it.
                while i + 1 < chars.len() && chars[i + 1] != ' ' {
                    i += 1;
                }
            }
            _ => node_start = false,
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_a_flow_collection_at_the_key_indentation_are_padded() {
        let text = "a:\n  k: [{\n  x: 1,\n  y: '2'\n  }]\n  z: 3\n";
        let re = reindent(text).unwrap();
        assert_eq!(re.text, "a:\n  k: [{\n   x: 1,\n   y: '2'\n   }]\n  z: 3\n");
        assert_eq!(re.pads, vec![0, 0, 1, 1, 1]);
    }

    #[test]
    fn a_closing_bracket_left_of_the_key_is_padded_past_it() {
        let re = reindent("a:\n    k: [\n    1,\n  ]\n").unwrap();
        assert_eq!(re.text, "a:\n    k: [\n     1,\n     ]\n");
        assert_eq!(re.pads, vec![0, 0, 1, 3]);
    }

    #[test]
    fn quotes_comments_block_scalars_and_plain_brackets_are_not_flow() {
        assert!(reindent("a: x[1\nb: '[\n'\nc: \"{\"\nd: # [\ne: |\n  [\nf: 1\n").is_none());
        // Well-indented flow collections need nothing.
        assert!(reindent("a: [\n  1,\n  2]\nb: !Sub [\n   x]\n").is_none());
    }

    #[test]
    fn tags_and_sequence_entries_start_nodes() {
        let re = reindent("- !Sub [\n- x]\n").unwrap();
        assert_eq!(re.pads, vec![0, 1]);
    }
}
