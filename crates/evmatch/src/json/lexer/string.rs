//! Reading string tokens: member names and string values, unescaped as Jackson unescapes them
//! (lone UTF-16 surrogates become `?`), with Jackson's error texts.

use super::{Lexer, Result};

impl Lexer<'_> {
    /// Read a member name; the opening quote is consumed.
    pub(super) fn read_name(&mut self) -> Result<String> {
        self.decode_string("name", " in field name")
    }

    /// The text of the current string value (Jackson's `getText()`), reading it if needed.
    pub(crate) fn string_value(&mut self) -> Result<String> {
        if !self.string_pending {
            // Already read: decode again from the recorded start.
            let saved = self.pos;
            self.pos = self.string_start;
            let s = self.decode_string(
                "string value",
                ": was expecting closing quote for a string value",
            );
            self.pos = saved;
            return s;
        }
        self.read_string(true).map(|s| s.unwrap_or_default())
    }

    pub(super) fn read_string(&mut self, keep: bool) -> Result<Option<String>> {
        self.string_pending = false;
        let s = self.decode_string(
            "string value",
            ": was expecting closing quote for a string value",
        )?;
        Ok(keep.then_some(s))
    }

    /// Decode string content up to and including the closing quote.
    pub(super) fn decode_string(&mut self, what: &str, eof_message: &str) -> Result<String> {
        let mut out = String::new();
        let mut pending_high: Option<u16> = None;
        loop {
            // Fast path: copy a run of plain chars.
            let rest = &self.bytes[self.pos..];
            let run = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            if run > 0 {
                if pending_high.take().is_some() {
                    out.push('?');
                }
                out.push_str(&self.src[self.pos..self.pos + run]);
                self.pos += run;
            }
            let Some(c) = self.bump() else {
                return self.invalid_eof(eof_message);
            };
            match c {
                '"' => {
                    if pending_high.is_some() {
                        out.push('?');
                    }
                    return Ok(out);
                }
                '\\' => {
                    let unit = self.decode_escape()?;
                    match unit {
                        Escaped::Char(ch) => {
                            if pending_high.take().is_some() {
                                out.push('?');
                            }
                            out.push(ch);
                        }
                        Escaped::High(h) => {
                            if pending_high.replace(h).is_some() {
                                out.push('?');
                            }
                        }
                        Escaped::Low(l) => match pending_high.take() {
                            Some(h) => {
                                let code =
                                    0x10000 + (((h as u32) - 0xD800) << 10) + ((l as u32) - 0xDC00);
                                out.push(char::from_u32(code).unwrap_or('?'));
                            }
                            None => out.push('?'),
                        },
                    }
                }
                c => {
                    return self.err(format!(
                        "Illegal unquoted character ({}): has to be escaped using backslash to be included in {what}",
                        Self::char_desc(c)
                    ));
                }
            }
        }
    }

    /// Jackson's `_decodeEscaped`; the backslash is consumed.
    fn decode_escape(&mut self) -> Result<Escaped> {
        let Some(c) = self.bump() else {
            return self.invalid_eof(" in character escape sequence");
        };
        let ch = match c {
            'b' => '\u{8}',
            't' => '\t',
            'n' => '\n',
            'f' => '\u{c}',
            'r' => '\r',
            '"' | '/' | '\\' => c,
            'u' => {
                let mut value: u32 = 0;
                for _ in 0..4 {
                    let Some(h) = self.bump() else {
                        return self.invalid_eof(" in character escape sequence");
                    };
                    let Some(d) = h.to_digit(16) else {
                        return self.unexpected_char(
                            h,
                            "expected a hex-digit for character escape sequence",
                        );
                    };
                    value = (value << 4) | d;
                }
                return Ok(match value {
                    0xD800..=0xDBFF => Escaped::High(value as u16),
                    0xDC00..=0xDFFF => Escaped::Low(value as u16),
                    v => Escaped::Char(char::from_u32(v).unwrap_or('?')),
                });
            }
            other => {
                return self.err(format!(
                    "Unrecognized character escape {}",
                    Self::char_desc(other)
                ));
            }
        };
        Ok(Escaped::Char(ch))
    }
}

enum Escaped {
    Char(char),
    High(u16),
    Low(u16),
}
