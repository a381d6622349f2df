//! A streaming JSON tokenizer that reproduces Jackson's read positions and error texts.
//!
//! AWS validates event patterns with event-ruler, which reads them through Jackson 2.x's
//! `ReaderBasedJsonParser` and reports the parser's position in every error message. To give the
//! same message word for word, this lexer follows Jackson's reading model exactly:
//!
//! * whitespace and commas are consumed as part of the following token;
//! * `{ } [ ]`, numbers and `true`/`false`/`null` are consumed entirely when returned;
//! * a string **value** is consumed only up to its opening quote; [`Lexer::string_value`] reads
//!   the rest (as Jackson's `getText()` does), and [`Lexer::next_token`] skips it otherwise;
//! * a **member name** token consumes the name, the colon and the first token of the member's
//!   value, which the next call to `next_token` returns without moving.
//!
//! Syntax errors carry Jackson 2.14's wording. Lone UTF-16 surrogates written as `\u` escapes
//! are accepted and decoded as `?`, as Java does when it converts such strings to UTF-8.
//! Invariant: the lexer never recurses; its nesting stack is bounded by `max_depth`.

mod string;

use crate::error::{Location, jackson_location};

/// A token, as Jackson's `JsonToken`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    /// A member name (fully decoded).
    Name(String),
    /// A string value; its text is read by [`Lexer::string_value`].
    String,
    /// A number; `start..end` is its token text in the source.
    Number {
        start: usize,
        end: usize,
    },
    True,
    False,
    Null,
    /// End of input at the root level.
    Eof,
}

/// A JSON syntax error: Jackson's message (as AWS reports it) and the byte offset of the read
/// position where the problem was found.
///
/// ```
/// let err = "[1,]".parse::<evmatch::json::Value>().unwrap_err();
/// assert_eq!(err.offset(), 4);
/// assert!(err.to_string().starts_with("Unexpected character (']' (code 93))"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub(crate) message: String,
    pub(crate) offset: usize,
}

impl SyntaxError {
    pub(crate) fn new(message: impl Into<String>, offset: usize) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            offset,
        }
    }

    /// The message, in Jackson's words.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The byte offset in the text where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SyntaxError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Object,
    Array,
}

#[derive(Debug, Clone, Copy)]
struct Context {
    scope: Scope,
    /// Byte offset of the opening bracket.
    start: usize,
    /// Whether an entry was already read, so the next one must follow a comma.
    has_entries: bool,
}

const VALID_VALUES: &str =
    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/// Jackson 2.15+'s default nesting limit; deeper input is rejected with its wording.
pub(crate) const DEFAULT_MAX_DEPTH: usize = 1000;

pub(crate) struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    stack: Vec<Context>,
    /// The value token already read by a member-name token (Jackson's `_nextToken`).
    after_name: Option<Token>,
    /// The current token is a string value whose text has not been read.
    string_pending: bool,
    /// Start (after the opening quote) of the current string value.
    string_start: usize,
    /// The most recent token returned.
    current: Token,
    max_depth: usize,
}

type Result<T> = std::result::Result<T, SyntaxError>;

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str, max_depth: usize) -> Self {
        Lexer {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            stack: Vec::new(),
            after_name: None,
            string_pending: false,
            string_start: 0,
            current: Token::Eof,
            max_depth,
        }
    }

    /// The byte offset of the read position.
    pub fn pos(&self) -> usize {
        self.pos
    }

    fn err<T>(&self, message: impl Into<String>) -> Result<T> {
        Err(SyntaxError {
            message: message.into(),
            offset: self.pos,
        })
    }

    /// Jackson's `_getCharDesc`.
    fn char_desc(c: char) -> String {
        let unit = {
            let mut buf = [0u16; 2];
            c.encode_utf16(&mut buf)[0] as u32
        };
        let shown = if (0xD800..0xE000).contains(&unit) {
            '?'
        } else {
            c
        };
        if c.is_control() && (unit < 0x20 || (0x7F..=0x9F).contains(&unit)) {
            format!("(CTRL-CHAR, code {unit})")
        } else if unit > 255 {
            format!("'{shown}' (code {unit} / 0x{unit:x})")
        } else {
            format!("'{shown}' (code {unit})")
        }
    }

    fn unexpected_char<T>(&self, c: char, comment: &str) -> Result<T> {
        self.err(format!(
            "Unexpected character ({}): {comment}",
            Self::char_desc(c)
        ))
    }

    fn unexpected_number_char<T>(&self, c: char, comment: &str) -> Result<T> {
        self.err(format!(
            "Unexpected character ({}) in numeric value: {comment}",
            Self::char_desc(c)
        ))
    }

    fn invalid_eof<T>(&self, message: &str) -> Result<T> {
        self.err(format!("Unexpected end-of-input{message}"))
    }

    fn scope_desc(&self) -> &'static str {
        match self.stack.last() {
            None => "root",
            Some(c) if c.scope == Scope::Object => "Object",
            Some(_) => "Array",
        }
    }

    fn start_location(&self, ctx: Option<&Context>) -> String {
        let location = match ctx {
            Some(c) => Location::at(self.src, c.start),
            None => Location { line: 1, column: 0 },
        };
        jackson_location(self.src, location)
    }

    /// The char at the read position, consuming it.
    fn bump(&mut self) -> Option<char> {
        let c = self.src[self.pos..].chars().next()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    /// Jackson's refusal of a comment (its `ALLOW_COMMENTS` feature is off).
    fn comment_error<T>(&self) -> Result<T> {
        self.unexpected_char(
            '/',
            "maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
        )
    }

    /// Jackson's `_throwInvalidSpace`: a control character between tokens.
    fn invalid_space<T>(&self, c: char) -> Result<T> {
        self.err(format!(
            "Illegal character ({}): only regular white space (\\r, \\n, \\t) is allowed between tokens",
            Self::char_desc(c)
        ))
    }

    /// Jackson's `_skipWSOrEnd`: the next significant char, consumed.
    fn skip_ws(&mut self) -> Result<Option<char>> {
        while let Some(c) = self.bump() {
            match c {
                ' ' | '\t' | '\n' | '\r' => {}
                '/' => return self.comment_error(),
                c if (c as u32) < 0x20 => return self.invalid_space(c),
                c => return Ok(Some(c)),
            }
        }
        Ok(None)
    }

    /// The next token.
    pub fn next_token(&mut self) -> Result<Token> {
        if let Some(t) = self.after_name.take() {
            self.open_scope_for(&t)?;
            self.current = t.clone();
            return Ok(t);
        }
        if self.string_pending {
            self.read_string(false)?;
        }
        let Some(c) = self.skip_ws()? else {
            if let Some(ctx) = self.stack.last() {
                let marker = if ctx.scope == Scope::Array {
                    "Array"
                } else {
                    "Object"
                };
                let msg = format!(
                    ": expected close marker for {marker} (start marker at {})",
                    self.start_location(Some(ctx))
                );
                return self.invalid_eof(&msg);
            }
            self.current = Token::Eof;
            return Ok(Token::Eof);
        };
        if c == ']' || c == '}' {
            return self.close_scope(c);
        }
        let mut c = c;
        let in_object = matches!(self.stack.last(), Some(ctx) if ctx.scope == Scope::Object);
        if let Some(ctx) = self.stack.last_mut() {
            if ctx.has_entries {
                if c != ',' {
                    let desc = self.scope_desc();
                    return self.unexpected_char(
                        c,
                        &format!("was expecting comma to separate {desc} entries"),
                    );
                }
                match self.skip_ws()? {
                    Some(next) => c = next,
                    None => {
                        let msg = format!(" within/between {} entries", self.scope_desc());
                        return self.invalid_eof(&msg);
                    }
                }
            } else {
                ctx.has_entries = true;
            }
        }
        if in_object {
            if c != '"' {
                return self.unexpected_char(c, "was expecting double-quote to start field name");
            }
            let name = self.read_name()?;
            let c = self.skip_colon()?;
            let value = self.value_token(c, true)?;
            self.after_name = Some(value);
            self.current = Token::Name(name.clone());
            return Ok(Token::Name(name));
        }
        let t = self.value_token(c, false)?;
        self.open_scope_for(&t)?;
        self.current = t.clone();
        Ok(t)
    }

    fn open_scope_for(&mut self, t: &Token) -> Result<()> {
        let scope = match t {
            Token::StartObject => Scope::Object,
            Token::StartArray => Scope::Array,
            Token::String => {
                self.string_pending = true;
                return Ok(());
            }
            _ => return Ok(()),
        };
        if self.stack.len() >= self.max_depth {
            return self.err(format!(
                "Document nesting depth ({}) exceeds the maximum allowed ({}, from `StreamReadConstraints.getMaxNestingDepth()`)",
                self.stack.len() + 1,
                self.max_depth
            ));
        }
        self.stack.push(Context {
            scope,
            start: self.pos - 1,
            has_entries: false,
        });
        Ok(())
    }

    fn close_scope(&mut self, c: char) -> Result<Token> {
        let (want, other, token) = if c == ']' {
            (Scope::Array, '}', Token::EndArray)
        } else {
            (Scope::Object, ']', Token::EndObject)
        };
        match self.stack.last() {
            Some(ctx) if ctx.scope == want => {
                self.stack.pop();
                // The closed value is an entry of its parent.
                self.current = token.clone();
                Ok(token)
            }
            ctx => {
                let desc = self.scope_desc();
                let msg = format!(
                    "Unexpected close marker '{c}': expected '{other}' (for {desc} starting at {})",
                    self.start_location(ctx)
                );
                self.err(msg)
            }
        }
    }

    /// Jackson's `_skipColon`: consumes the colon and returns the first char of the value.
    fn skip_colon(&mut self) -> Result<char> {
        let mut got_colon = false;
        while let Some(c) = self.bump() {
            match c {
                ' ' | '\t' | '\n' | '\r' => {}
                '/' => return self.comment_error(),
                c if (c as u32) < 0x20 => return self.invalid_space(c),
                c if got_colon => return Ok(c),
                ':' => got_colon = true,
                c => {
                    return self.unexpected_char(
                        c,
                        "was expecting a colon to separate field name and value",
                    );
                }
            }
        }
        let msg = format!(" within/between {} entries", self.scope_desc());
        self.invalid_eof(&msg)
    }

    /// The value token starting with `c` (already consumed).
    fn value_token(&mut self, c: char, after_name: bool) -> Result<Token> {
        match c {
            '"' => {
                self.string_start = self.pos;
                Ok(Token::String)
            }
            '[' => Ok(Token::StartArray),
            '{' => Ok(Token::StartObject),
            '}' if after_name => self.unexpected_char(c, "expected a value"),
            't' => self.match_literal("true", Token::True),
            'f' => self.match_literal("false", Token::False),
            'n' => self.match_literal("null", Token::Null),
            '-' | '0'..='9' => self.number(c),
            _ => self.odd_value(c),
        }
    }

    /// Jackson's `_handleOddValue`.
    fn odd_value(&mut self, c: char) -> Result<Token> {
        match c {
            'N' => {
                self.match_literal("NaN", Token::Null)?;
                return self.err(
                    "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow",
                );
            }
            'I' => {
                self.match_literal("Infinity", Token::Null)?;
                return self.err(
                    "Non-standard token 'Infinity': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow",
                );
            }
            '+' => {
                let Some(next) = self.bump() else {
                    return self.invalid_eof(" in a Number value");
                };
                return self.invalid_number_start(next, false, true);
            }
            _ => {}
        }
        if is_java_identifier_start(c) {
            return self.invalid_token(c.to_string());
        }
        self.unexpected_char(c, &format!("expected a valid value {VALID_VALUES}"))
    }

    /// Jackson's `_reportInvalidToken`: the matched part plus following identifier chars.
    fn invalid_token<T>(&mut self, mut matched: String) -> Result<T> {
        while let Some(c) = self.peek() {
            if !is_java_identifier_part(c) {
                break;
            }
            self.pos += c.len_utf8();
            matched.push(c);
            if matched.encode_utf16().count() >= 256 {
                matched.push_str("...");
                break;
            }
        }
        self.err(format!(
            "Unrecognized token '{matched}': was expecting {VALID_VALUES}"
        ))
    }

    /// Jackson's `_matchToken` for `word`, whose first char is already consumed.
    fn match_literal(&mut self, word: &str, token: Token) -> Result<Token> {
        for (i, expected) in word.char_indices().skip(1) {
            match self.peek() {
                Some(c) if c == expected => self.pos += 1,
                _ => return self.invalid_token(word[..i].to_string()),
            }
        }
        if let Some(c) = self.peek()
            && c >= '0'
            && c != ']'
            && c != '}'
            && is_java_identifier_part(c)
        {
            return self.invalid_token(word.to_string());
        }
        Ok(token)
    }

    /// Jackson's `_handleInvalidNumberStart`.
    fn invalid_number_start(&mut self, c: char, negative: bool, has_sign: bool) -> Result<Token> {
        if c == 'I' {
            let sign = if negative { "-" } else { "+" };
            match self.bump() {
                None => return self.invalid_eof(" in a Number value"),
                Some('N') => {
                    let word = format!("{sign}INF");
                    self.match_rest(&word, 3)?;
                    return self.err(format!("Non-standard token '{word}': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"));
                }
                Some('n') => {
                    let word = format!("{sign}Infinity");
                    self.match_rest(&word, 3)?;
                    return self.err(format!("Non-standard token '{word}': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"));
                }
                Some(_) => self.pos -= 1,
            }
        }
        if has_sign && !negative {
            return self.unexpected_number_char(
                '+',
                "JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow",
            );
        }
        let message = if negative {
            "expected digit (0-9) to follow minus sign, for valid numeric value"
        } else {
            "expected digit (0-9) for valid numeric value"
        };
        self.unexpected_number_char(c, message)
    }

    /// Match the chars of `word` from index `from` on (ASCII words only).
    fn match_rest(&mut self, word: &str, from: usize) -> Result<()> {
        for i in from..word.len() {
            match self.peek() {
                Some(c) if c as u32 == word.as_bytes()[i] as u32 => self.pos += 1,
                _ => return self.invalid_token(word[..i].to_string()),
            }
        }
        Ok(())
    }

    /// Jackson's `_parseNumber2`; `first` (a digit or `-`) is already consumed.
    fn number(&mut self, first: char) -> Result<Token> {
        let start = self.pos - 1;
        let negative = first == '-';
        let mut c = if negative {
            match self.bump() {
                Some(c) => c,
                None => return self.invalid_eof("No digit following minus sign"),
            }
        } else {
            first
        };
        let mut eof = false;
        let mut int_len = 0;
        if c == '0'
            && let Some(d) = self.peek()
            && d.is_ascii_digit()
        {
            return self.err("Invalid numeric value: Leading zeroes not allowed");
        }
        while c.is_ascii_digit() {
            int_len += 1;
            match self.bump() {
                Some(n) => c = n,
                None => {
                    eof = true;
                    c = '\0';
                    break;
                }
            }
        }
        if int_len == 0 {
            return self.invalid_number_start(c, negative, false);
        }
        if c == '.' && !eof {
            let mut fract_len = 0;
            loop {
                match self.bump() {
                    Some(n) if n.is_ascii_digit() => fract_len += 1,
                    Some(n) => {
                        c = n;
                        break;
                    }
                    None => {
                        eof = true;
                        break;
                    }
                }
            }
            if fract_len == 0 {
                return self.unexpected_number_char(c, "Decimal point not followed by a digit");
            }
        }
        if (c == 'e' || c == 'E') && !eof {
            let Some(mut n) = self.bump() else {
                return self.invalid_eof("expected a digit for number exponent");
            };
            if n == '-' || n == '+' {
                match self.bump() {
                    Some(m) => n = m,
                    None => return self.invalid_eof("expected a digit for number exponent"),
                }
            }
            let mut exp_len = 0;
            c = n;
            while c.is_ascii_digit() {
                exp_len += 1;
                match self.bump() {
                    Some(m) => c = m,
                    None => {
                        eof = true;
                        break;
                    }
                }
            }
            if exp_len == 0 {
                return self
                    .unexpected_number_char(c, "Exponent indicator not followed by a digit");
            }
        }
        if !eof {
            self.pos -= c.len_utf8();
            if self.stack.is_empty() {
                // Jackson's `_verifyRootSpace`.
                self.pos += c.len_utf8();
                if !matches!(c, ' ' | '\t' | '\r' | '\n') {
                    return self.unexpected_char(c, "Expected space separating root-level values");
                }
                let end = self.pos - c.len_utf8();
                return Ok(Token::Number { start, end });
            }
        }
        Ok(Token::Number {
            start,
            end: self.pos,
        })
    }

    /// Jackson's `getText()` for the current token, as used in some error messages.
    pub fn token_text(&mut self) -> Result<String> {
        Ok(match self.current.clone() {
            Token::StartObject => "{".into(),
            Token::EndObject => "}".into(),
            Token::StartArray => "[".into(),
            Token::EndArray => "]".into(),
            Token::Name(n) => n,
            Token::String => self.string_value()?,
            Token::Number { start, end } => self.src[start..end].to_string(),
            Token::True => "true".into(),
            Token::False => "false".into(),
            Token::Null => "null".into(),
            Token::Eof => String::new(),
        })
    }
}

/// Java's `Character.isJavaIdentifierStart`, close enough for error messages.
fn is_java_identifier_start(c: char) -> bool {
    c.is_alphabetic() || c == '$' || c == '_' || matches!(c, '\u{a2}'..='\u{a5}')
}

/// Java's `Character.isJavaIdentifierPart`, close enough for error messages.
fn is_java_identifier_part(c: char) -> bool {
    is_java_identifier_start(c)
        || c.is_alphanumeric()
        || matches!(c as u32, 0..=8 | 0x0E..=0x1B | 0x7F..=0x9F)
        || c == '\u{feff}'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> std::result::Result<Vec<Token>, String> {
        let mut lx = Lexer::new(s, DEFAULT_MAX_DEPTH);
        let mut out = vec![];
        loop {
            let t = lx.next_token().map_err(|e| e.message)?;
            if t == Token::Eof {
                return Ok(out);
            }
            out.push(t);
        }
    }

    #[test]
    fn reads_values() {
        let t = tokens(r#"{"a":[1,"x",true,null,{"b":-2.5e3}]}"#).unwrap();
        assert_eq!(t.len(), 13);
    }

    #[test]
    fn syntax_errors_use_jackson_wording() {
        let cases = [
            (
                r#"{"a":["x"],}"#,
                "Unexpected character ('}' (code 125)): was expecting double-quote to start field name",
            ),
            (
                r#"{"a" ["x"]}"#,
                "Unexpected character ('[' (code 91)): was expecting a colon to separate field name and value",
            ),
            (
                r#"{"a":[.5]}"#,
                "Unexpected character ('.' (code 46)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            ),
            (
                r#"{"a":[1.]}"#,
                "Unexpected character (']' (code 93)) in numeric value: Decimal point not followed by a digit",
            ),
            (
                r#"{"a":[-]}"#,
                "Unexpected character (']' (code 93)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value",
            ),
            (
                r#"{"a":[01]}"#,
                "Invalid numeric value: Leading zeroes not allowed",
            ),
            (
                r#"{"a":[TRUE]}"#,
                "Unrecognized token 'TRUE': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            ),
            (
                r#"{"a":["\q"]}"#,
                "Unrecognized character escape 'q' (code 113)",
            ),
            (
                r#"{"a":["x]}"#,
                "Unexpected end-of-input: was expecting closing quote for a string value",
            ),
            (
                "{\"a\":[\"\u{1}\"]}",
                "Illegal unquoted character ((CTRL-CHAR, code 1)): has to be escaped using backslash to be included in string value",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(tokens(input).unwrap_err(), want, "{input}");
        }
    }

    #[test]
    fn lone_surrogates_become_question_marks() {
        let mut lx = Lexer::new(r#""\ud83dx\ud83d\ude00""#, DEFAULT_MAX_DEPTH);
        assert_eq!(lx.next_token().unwrap(), Token::String);
        assert_eq!(lx.string_value().unwrap(), "?x😀");
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(5000);
        let err = tokens(&deep).unwrap_err();
        assert!(err.starts_with("Document nesting depth (1001)"), "{err}");
    }
}
