//! Decoding an escaped string body (member names and values that contain `\`).

/// Decode an escaped string body (validated by [`scan_string`](super::scan::scan_string)) into `out`, as the reference
/// lexer does: lone surrogates become `?`.
pub(crate) fn decode_into(body: &[u8], out: &mut Vec<u8>) {
    let mut pending_high: Option<u32> = None;
    let mut i = 0;
    let push_char = |out: &mut Vec<u8>, c: char| {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    };
    while i < body.len() {
        if body[i] != b'\\' {
            let run_end = memchr::memchr(b'\\', &body[i..]).map_or(body.len(), |p| i + p);
            if pending_high.take().is_some() {
                out.push(b'?');
            }
            out.extend_from_slice(&body[i..run_end]);
            i = run_end;
            continue;
        }
        let e = body[i + 1];
        i += 2;
        let ch = match e {
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'u' => {
                let v = body[i..i + 4].iter().fold(0u32, |acc, &h| {
                    (acc << 4) | (h as char).to_digit(16).unwrap_or(0)
                });
                i += 4;
                match v {
                    0xD800..=0xDBFF => {
                        if pending_high.replace(v).is_some() {
                            out.push(b'?');
                        }
                        continue;
                    }
                    0xDC00..=0xDFFF => {
                        match pending_high.take() {
                            Some(h) => {
                                let code = 0x10000 + ((h - 0xD800) << 10) + (v - 0xDC00);
                                push_char(out, char::from_u32(code).unwrap_or('?'));
                            }
                            None => out.push(b'?'),
                        }
                        continue;
                    }
                    v => char::from_u32(v).unwrap_or('?'),
                }
            }
            other => other as char,
        };
        if pending_high.take().is_some() {
            out.push(b'?');
        }
        push_char(out, ch);
    }
    if pending_high.is_some() {
        out.push(b'?');
    }
}

#[cfg(test)]
mod tests {
    use super::decode_into;

    #[test]
    fn escapes_and_lone_surrogates() {
        let mut out = Vec::new();
        decode_into(br"a\u00e9\n\ud83d\ude00\ud83dx\udc00\/", &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "a\u{e9}\n\u{1f600}?x?/");
    }
}
