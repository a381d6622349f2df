//! Rust names for model names: `snake_case` fields as the AWS SDK for Rust spells them, enum
//! variants, lower-camel wire paths, and string literals for generated code.
//!
//! Invariant: the spellings match the AWS SDK's (`ResourceARN` → `resource_arn`), so the
//! `aws-sdk` conversions can name SDK setters and fields from the same function.

/// Rust keywords: fields with these names are written as raw identifiers (`r#type`).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// snake_case as the AWS SDK for Rust spells member names (`ResourceARN` → `resource_arn`,
/// `GraphQLOperation` → `graph_ql_operation`, `OAuthParameters` → `o_auth_parameters`).
pub fn snake(name: &str) -> String {
    let cs: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in cs.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = cs[i - 1];
            let next = cs.get(i + 1).copied();
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The Rust field name of a member (a raw identifier for keywords).
pub fn field(wire: &str) -> String {
    let s = snake(wire);
    if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// Enum variant name: `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` →
/// `EnabledWithAllCloudtrailManagementEvents`, `distinctInstance` → `DistinctInstance`.
pub fn variant(value: &str) -> String {
    let mut out = String::new();
    let lowercase_words = value.chars().any(|c| c.is_ascii_lowercase());
    for word in value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut cs = word.chars();
        let first = cs.next().unwrap();
        out.push(first.to_ascii_uppercase());
        if lowercase_words {
            out.extend(cs);
        } else {
            out.extend(cs.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// The first letter lower-cased: the member name in AWS's validation paths (`EventBusName` →
/// `eventBusName`).
pub fn lower_camel(s: &str) -> String {
    let mut cs = s.chars();
    let first = cs.next().unwrap();
    first.to_ascii_lowercase().to_string() + cs.as_str()
}

/// The first letter of a sentence lower-cased, unless the first word is an acronym or a product
/// name (`EventBridge`, `API`).
pub fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        // Keep acronyms and product names (`EventBridge`, `API`) as they are.
        Some(c) if cs.clone().next().is_some_and(|d| d.is_ascii_lowercase()) => {
            c.to_lowercase().chain(cs).collect()
        }
        _ => s.to_string(),
    }
}

/// `s` as a Rust string literal: raw unless it contains `"#`.
pub fn rust_str(s: &str) -> String {
    if !s.contains("\"#") {
        format!("r#\"{s}\"#")
    } else {
        format!("{s:?}")
    }
}
