//! Positions in the source text, worked out only for documents that have findings: a JSON
//! pointer path is followed through the text with a small scanner (no recursion, so any
//! nesting depth is safe), and a byte offset becomes a line and a column.

use super::path::{Step, Target};

/// The byte offset of the value (or member key) at `path` in `src`, a JSON text that has
/// already parsed successfully.
pub(super) fn locate(src: &str, path: &[Step<'_>], target: Target) -> Option<usize> {
    let b = src.as_bytes();
    let mut pos = skip_ws(b, 0);
    for (depth, step) in path.iter().enumerate() {
        let last = depth + 1 == path.len();
        match step {
            Step::Key { name, occurrence } => {
                if b.get(pos) != Some(&b'{') {
                    return None;
                }
                pos = skip_ws(b, pos + 1);
                let mut seen = 0;
                loop {
                    if b.get(pos) != Some(&b'"') {
                        return None;
                    }
                    let key_start = pos;
                    let key_end = skip_string(b, pos)?;
                    let matches = key_equals(&src[key_start..key_end], name);
                    pos = skip_ws(b, key_end);
                    if b.get(pos) != Some(&b':') {
                        return None;
                    }
                    pos = skip_ws(b, pos + 1);
                    if matches {
                        if seen == *occurrence {
                            if last && target == Target::Key {
                                return Some(key_start);
                            }
                            break;
                        }
                        seen += 1;
                    }
                    pos = skip_ws(b, skip_value(b, pos)?);
                    match b.get(pos) {
                        Some(b',') => pos = skip_ws(b, pos + 1),
                        _ => return None,
                    }
                }
            }
            Step::Index(index) => {
                if b.get(pos) != Some(&b'[') {
                    return None;
                }
                pos = skip_ws(b, pos + 1);
                for _ in 0..*index {
                    pos = skip_ws(b, skip_value(b, pos)?);
                    match b.get(pos) {
                        Some(b',') => pos = skip_ws(b, pos + 1),
                        _ => return None,
                    }
                }
            }
        }
    }
    (pos < b.len()).then_some(pos)
}

/// Whether the JSON string token `token` (quotes included) decodes to `name`.
fn key_equals(token: &str, name: &str) -> bool {
    let inner = &token[1..token.len() - 1];
    if !inner.contains('\\') {
        return inner == name;
    }
    serde_json::from_str::<String>(token).is_ok_and(|decoded| decoded == name)
}

fn skip_ws(b: &[u8], mut pos: usize) -> usize {
    while let Some(c) = b.get(pos) {
        if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            break;
        }
        pos += 1;
    }
    pos
}

/// The offset just past the string token starting at `pos`.
fn skip_string(b: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    loop {
        let rest = b.get(i..)?;
        let j = rest.iter().position(|&c| c == b'"' || c == b'\\')?;
        i += j;
        if b[i] == b'\\' {
            i += 2;
        } else {
            return Some(i + 1);
        }
    }
}

/// The offset just past the value starting at `pos`.
fn skip_value(b: &[u8], pos: usize) -> Option<usize> {
    match b.get(pos)? {
        b'"' => skip_string(b, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = pos;
            loop {
                match b.get(i)? {
                    b'"' => {
                        i = skip_string(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = pos;
            while let Some(c) = b.get(i) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                i += 1;
            }
            Some(i)
        }
    }
}

/// The 1-based line and character column of byte `offset`.
pub(super) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(src, offset.min(src.len()));
    let before = &src.as_bytes()[..offset];
    let line = 1 + before.iter().filter(|&&c| c == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    let column = 1 + src[line_start..offset].chars().count();
    (line, column)
}

fn floor_char_boundary(src: &str, mut i: usize) -> usize {
    while !src.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Widest source excerpt shown under a diagnostic.
const WINDOW: usize = 100;

/// The line holding byte `offset`, cut to a window around it, and the 1-based character
/// column of `offset` in that excerpt. Control characters are made visible.
pub fn excerpt(src: &str, offset: usize) -> (String, usize) {
    let offset = floor_char_boundary(src, offset.min(src.len()));
    let b = src.as_bytes();
    let start = memchr::memrchr(b'\n', &b[..offset]).map_or(0, |i| i + 1);
    // Enough bytes for the window's characters after `offset`; past them the line's end
    // does not matter (and need not be searched for, once per diagnostic).
    let limit = floor_char_boundary(src, (offset + 4 * (WINDOW + 2)).min(src.len()));
    let line = match memchr::memchr(b'\n', &b[offset..limit]) {
        Some(i) => strip_cr(&src[start..offset + i]),
        None if limit == src.len() => strip_cr(&src[start..]),
        None => &src[start..limit],
    };
    let col = src[start..offset].chars().count();
    // Count the line's characters only as far as the window needs, and copy only the
    // window: a document may be one line of a hundred megabytes.
    let len = match line.get(offset - start..) {
        Some(rest) => col + rest.chars().take(WINDOW + 1).count(),
        None => line.chars().count(),
    };
    let from = col
        .saturating_sub(WINDOW / 2)
        .min(len.saturating_sub(WINDOW));
    let to = (from + WINDOW).min(len);
    let mut text = String::with_capacity(4 * (to - from) + 8);
    let mut caret = 1;
    if from > 0 {
        text.push('…');
        caret += 1;
    }
    // Usually the window is plain ASCII text: copy it whole.
    if line.is_ascii() && to <= line.len() {
        let window = &line[from..to];
        if !window.bytes().any(|b| b.is_ascii_control()) {
            text.push_str(window);
            caret += col.min(len) - from;
            if to < len {
                text.push('…');
            }
            return (text, caret);
        }
    }
    // A control character shows as its escape (`\r`, `\u{1b}`), wider than the character:
    // the window is cut again to WINDOW shown characters, on the side farther from the caret.
    let shown: Vec<(char, usize)> = line
        .chars()
        .skip(from)
        .take(to - from)
        .map(|c| (c, shown_width(c)))
        .collect();
    let at = col - from;
    let (mut lo, mut hi) = (0, shown.len());
    let mut width: usize = shown.iter().map(|&(_, w)| w).sum();
    while width > WINDOW && hi > lo + 1 {
        let left: usize = shown[lo..at.min(hi)].iter().map(|&(_, w)| w).sum();
        if left > WINDOW / 2 && lo < at {
            width -= shown[lo].1;
            lo += 1;
        } else {
            hi -= 1;
            width -= shown[hi].1;
        }
    }
    if lo > 0 && from == 0 {
        text.push('…');
        caret += 1;
    }
    for (i, &(c, w)) in shown[lo..hi].iter().enumerate() {
        if c == '\t' {
            text.push(' ');
        } else if c.is_control() {
            text.extend(c.escape_default());
        } else {
            text.push(c);
        }
        if lo + i < at {
            caret += w;
        }
    }
    if from + hi < len {
        text.push('…');
    }
    (text, caret)
}

/// The line without its CRLF ending's `\r` (one: the others are the line's own).
fn strip_cr(line: &str) -> &str {
    line.strip_suffix('\r').unwrap_or(line)
}

/// How many characters `c` takes in an excerpt: a tab shows as one space, a control
/// character as its escape.
fn shown_width(c: char) -> usize {
    if c != '\t' && c.is_control() {
        c.escape_default().len()
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn key(k: &str) -> Step<'_> {
        Step::key(k)
    }

    #[test]
    fn follows_nested_paths() {
        let src = "{\n  \"a\": {\"b\": [1, {\"c\": \"x\"}]},\n  \"d\": 2\n}";
        let at = locate(
            src,
            &[key("a"), key("b"), Step::Index(1), key("c")],
            Target::Value,
        )
        .unwrap();
        assert_eq!(&src[at..at + 3], "\"x\"");
        assert_eq!(line_col(src, at), (2, 24));
        let at = locate(src, &[key("d")], Target::Key).unwrap();
        assert_eq!(line_col(src, at), (3, 3));
        assert_eq!(locate(src, &[], Target::Value), Some(0));
    }

    #[test]
    fn finds_the_nth_duplicate_and_escaped_keys() {
        let src = r#"{"k": 1, "\u006b": 2, "s": "a\"b", "t": 3}"#;
        let second = locate(
            src,
            &[Step::Key {
                name: Cow::Borrowed("k"),
                occurrence: 1,
            }],
            Target::Value,
        )
        .unwrap();
        assert_eq!(&src[second..second + 1], "2");
        let t = locate(src, &[key("t")], Target::Value).unwrap();
        assert_eq!(&src[t..t + 1], "3");
    }

    #[test]
    fn crlf_and_unicode_columns() {
        let src = "{\r\n\"é\": \"x\"\r\n}";
        let at = locate(src, &[key("é")], Target::Value).unwrap();
        assert_eq!(line_col(src, at), (2, 6));
    }

    #[test]
    fn excerpt_windows_long_lines() {
        let long = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let (text, caret) = excerpt(&long, 500);
        assert!(text.chars().count() <= WINDOW + 2);
        assert_eq!(text.chars().nth(caret - 1), Some('X'));
    }

    /// Escapes are wider than the characters they show: the excerpt still holds the
    /// window, and the caret stays on its character.
    #[test]
    fn excerpt_counts_escapes_in_its_window() {
        for (caret_at, src) in [
            (
                3,
                "\r\r{{{{{{\r{{{\r\r\r{{\r{{{{{{{\r".to_owned() + &"{".repeat(80),
            ),
            (150, "\u{1b}".repeat(300)),
            (0, "\r".repeat(300)),
            (299, "\u{1}".repeat(300)),
        ] {
            let (text, caret) = excerpt(&src, caret_at);
            assert!(text.chars().count() <= WINDOW + 2, "{text}");
            let shown = escape_all(&src[caret_at..].chars().next().unwrap().to_string());
            let at: String = text.chars().skip(caret - 1).collect();
            assert!(
                at.starts_with(&shown),
                "caret {caret} not on {shown:?} in {text}"
            );
        }
    }

    fn escape_all(s: &str) -> String {
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    }
}
