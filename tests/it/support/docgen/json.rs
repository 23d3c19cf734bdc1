//! A JSON value as the generator builds it, which can also hold what JSON cannot, and its writer.

/// A JSON value as the generator builds it; it can also hold what JSON cannot.
pub(super) enum J {
    Str(String),
    Num(i64),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    /// A string in single quotes, as the spec's own success sample writes it.
    SingleQuoted(String),
    /// A string whose bytes are written as they are (e.g. not UTF-8).
    RawStr(Vec<u8>),
}

/// How a document is laid out: pretty-printed (files) or on one line (NDJSON).
pub(super) struct Style {
    pub(super) indent: Option<&'static str>,
    pub(super) colon: &'static str,
}

pub(super) const COMPACT: Style = Style {
    indent: None,
    colon: ":",
};

impl J {
    pub(super) fn write(&self, out: &mut Vec<u8>, style: &Style, depth: usize) {
        match self {
            J::Str(s) => write_str(s, out),
            J::Num(n) => out.extend_from_slice(n.to_string().as_bytes()),
            J::SingleQuoted(s) => {
                out.push(b'\'');
                out.extend_from_slice(s.as_bytes());
                out.push(b'\'');
            }
            J::RawStr(bytes) => {
                out.push(b'"');
                out.extend_from_slice(bytes);
                out.push(b'"');
            }
            J::Arr(items) if items.is_empty() => out.extend_from_slice(b"[]"),
            J::Obj(members) if members.is_empty() => out.extend_from_slice(b"{}"),
            J::Arr(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    newline(out, style, depth + 1);
                    item.write(out, style, depth + 1);
                }
                newline(out, style, depth);
                out.push(b']');
            }
            J::Obj(members) => {
                out.push(b'{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    newline(out, style, depth + 1);
                    write_str(key, out);
                    out.extend_from_slice(style.colon.as_bytes());
                    value.write(out, style, depth + 1);
                }
                newline(out, style, depth);
                out.push(b'}');
            }
        }
    }
}

pub(super) fn newline(out: &mut Vec<u8>, style: &Style, depth: usize) {
    if let Some(indent) = style.indent {
        out.push(b'\n');
        for _ in 0..depth {
            out.extend_from_slice(indent.as_bytes());
        }
    }
}

pub(super) fn write_str(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes())
            }
            c => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

pub(super) fn strs(items: &[String]) -> J {
    J::Arr(items.iter().map(|s| J::Str(s.clone())).collect())
}

pub(super) fn get<'a>(members: &'a [(String, J)], key: &str) -> Option<&'a J> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

pub(super) fn get_mut<'a>(members: &'a mut [(String, J)], key: &str) -> Option<&'a mut J> {
    members.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
}
