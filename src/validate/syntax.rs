//! serde_json's syntax errors in the user's words, pointed at the fault.

use super::diagnostic::Rule;
use super::finding::Said;

/// Why a text is not a JSON document, and the byte offset of the fault.
#[derive(Debug)]
pub(super) struct SyntaxFault {
    /// `syntax`, or `encoding` for an escaped lone surrogate.
    pub rule: Rule,
    pub said: Said,
    pub at: usize,
}

/// The syntax fault serde_json reported as `e` while parsing `src`.
pub(super) fn translate(src: &str, e: &serde_json::Error) -> SyntaxFault {
    let text = e.to_string();
    let bare = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let at = byte_at(src, e.line().max(1), e.column().max(1));
    let mut fault = at.unwrap_or(src.len());
    let (rule, message, hint) = if src.trim().is_empty() {
        (
            Rule::Syntax,
            "no JSON document: the input is empty".to_string(),
            None,
        )
    } else if bare.contains("surrogate")
        || (bare == "unexpected end of hex escape"
            && at.is_some_and(|i| after_high_surrogate(src, i)))
    {
        // serde_json says "unexpected end of hex escape" for `"\ud800"`: it wanted a `\u`
        // with the trailing half, so name the real problem.
        let bare = if bare.contains("surrogate") {
            bare
        } else {
            "lone leading surrogate in hex escape"
        };
        (
            Rule::Encoding,
            format!(
                "{bare}: the string escapes a lone UTF-16 surrogate, which is not Unicode text"
            ),
            Some("pair \\uD800-\\uDBFF with \\uDC00-\\uDFFF, or write the character itself".into()),
        )
    } else if at.is_some_and(|i| src.as_bytes().get(i) == Some(&b'\'')) {
        (
            Rule::Syntax,
            "a single quote where JSON expects a value or a key".to_string(),
            Some("JSON strings use double quotes".into()),
        )
    } else if bare == "trailing characters" {
        (
            Rule::Syntax,
            "trailing content after the JSON document".to_string(),
            Some("a file holds one document; use .ndjson (or --ndjson) for one per line".into()),
        )
    } else if bare == "trailing comma" {
        // serde_json stops at the bracket after the comma; point at the comma itself.
        let before = src.get(..fault).unwrap_or(src).trim_end();
        if before.ends_with(',') {
            fault = before.len() - 1;
        }
        (
            Rule::Syntax,
            "a comma before the closing bracket".to_string(),
            Some("JSON allows no trailing comma: remove it".into()),
        )
    } else if bare == "recursion limit exceeded" {
        (
            Rule::Syntax,
            "nested more than 128 levels deep".to_string(),
            None,
        )
    } else {
        (Rule::Syntax, bare.to_string(), None)
    };
    SyntaxFault {
        rule,
        said: Said { message, hint },
        at: fault.min(src.len()),
    }
}

/// Whether the text just before byte `at` is a `\uD800`-`\uDBFF` escape (the leading half
/// of a surrogate pair).
fn after_high_surrogate(src: &str, at: usize) -> bool {
    let before = &src.as_bytes()[..at.min(src.len())];
    before[before.len().saturating_sub(8)..]
        .windows(6)
        .any(|w| {
            w[..2] == *b"\\u"
                && matches!(w[2], b'd' | b'D')
                && matches!(w[3], b'8' | b'9' | b'a' | b'b' | b'A' | b'B')
                && w[4..].iter().all(u8::is_ascii_hexdigit)
        })
}

/// The byte offset serde_json's `line`/`column` (1-based line, byte column) point at.
fn byte_at(src: &str, line: usize, column: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut start = 0;
    for _ in 1..line {
        start += b.get(start..)?.iter().position(|&c| c == b'\n')? + 1;
    }
    let at = start + column.saturating_sub(1);
    (at <= b.len()).then_some(at)
}
