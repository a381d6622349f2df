//! Rustdoc text from the model's HTML documentation: the first sentence of a documentation
//! string as Markdown, and doc comments escaped so rustdoc reads them as plain text.
//!
//! Hand-written rather than an HTML parser: the model's documentation uses a handful of tags
//! (`<p>`, `<code>`, `<li>`, links) and entities, and only the first sentence is kept. Costs:
//! linear in the documentation string.

use std::fmt::Write as _;

/// The first sentence of an HTML documentation string, as Markdown.
pub fn first_sentence(html: &str) -> String {
    // <code>x</code> -> `x`; drop other tags; unescape entities; collapse whitespace.
    let mut text = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        let j = rest[i..].find('>').map(|j| i + j + 1).unwrap_or(rest.len());
        let tag = &rest[i..j];
        if tag == "<code>" || tag == "</code>" {
            text.push('`');
        } else if tag.starts_with("<p") || tag.starts_with("</p") || tag.starts_with("<li") {
            text.push(' ');
        }
        rest = &rest[j..];
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.replace("``", "");
    // First sentence: up to the first ". " outside backticks (or the end).
    let mut in_code = false;
    let mut end = text.len();
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'`' {
            in_code = !in_code;
        }
        if !in_code && b == b'.' && (i + 1 == bytes.len() || bytes[i + 1] == b' ') {
            let before = &text[..i];
            // Skip common abbreviations.
            if before.ends_with("e.g") || before.ends_with("i.e") || before.ends_with("etc") {
                continue;
            }
            end = i + 1;
            break;
        }
    }
    let mut s = text[..end].trim().to_string();
    if s.matches('`').count() % 2 == 1 {
        s.push('`');
    }
    if !s.is_empty() && !s.ends_with('.') && !s.ends_with(':') {
        s.push('.');
    }
    s
}

/// Write `text` as a doc comment, escaping what rustdoc would misread.
pub fn doc_comment(out: &mut String, indent: &str, text: &str) {
    let mut escaped = String::new();
    let mut in_code = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
            escaped.push(c);
            rest = &rest[1..];
            continue;
        }
        if !in_code && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == ')' || c == ',')
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches('.');
            write!(escaped, "<{url}>").unwrap();
            rest = &rest[url.len()..];
            continue;
        }
        if !in_code && matches!(c, '[' | ']' | '<' | '>' | '*' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
        rest = &rest[c.len_utf8()..];
    }
    // Wrap at ~96 columns.
    let width = 96usize.saturating_sub(indent.len() + 4);
    let mut line = String::new();
    for word in escaped.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            writeln!(out, "{indent}/// {line}").unwrap();
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    writeln!(out, "{indent}/// {line}").unwrap();
}
