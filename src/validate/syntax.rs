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

/// The syntax fault serde_json reported as `e` while parsing `src`, which is a whole
/// document, or one line of NDJSON when `line` is set.
pub(super) fn translate(src: &str, e: &serde_json::Error, line: bool) -> SyntaxFault {
    let text = e.to_string();
    let bare = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let unit = if line { "the line" } else { "the document" };
    let at = byte_at(src, e.line().max(1), e.column().max(1));
    let mut fault = at.unwrap_or(src.len());
    let rest = src.get(fault..).unwrap_or("");
    let said = |message: String, hint: Option<&str>| Said {
        message,
        hint: hint.map(str::to_string),
    };
    let mut rule = Rule::Syntax;
    let said = if src.trim().is_empty() {
        said("no JSON document: the input is empty".into(), None)
    } else if bare.contains("surrogate")
        || (bare == "unexpected end of hex escape"
            && at.is_some_and(|i| after_high_surrogate(src, i)))
    {
        // serde_json says "unexpected end of hex escape" for `"\ud800"`: it wanted a `\u`
        // with the trailing half, so name the real problem.
        rule = Rule::Encoding;
        said(
            "the string escapes a lone UTF-16 surrogate, which is not Unicode text".into(),
            Some("pair \\uD800-\\uDBFF with \\uDC00-\\uDFFF, or write the character itself"),
        )
    } else if rest.starts_with("//") || rest.starts_with("/*") {
        said(
            "a comment: JSON has no comments".into(),
            Some("remove the comment (JSON with comments is not JSON)"),
        )
    } else if let Some(c) = rest
        .chars()
        .next()
        .filter(|c| c.is_control() && !c.is_ascii_whitespace())
    {
        said(
            format!("a stray control character U+{:04X}", u32::from(c)),
            Some("JSON text holds no control characters outside strings; remove it"),
        )
    } else if rest.starts_with('\'') {
        said(
            "a single quote where JSON expects a value or a key".into(),
            Some("JSON strings use double quotes"),
        )
    } else if bare == "trailing comma" {
        // serde_json stops at the bracket after the comma; point at the comma itself.
        let before = src.get(..fault).unwrap_or(src).trim_end();
        if before.ends_with(',') {
            fault = before.len() - 1;
        }
        said(
            "a comma before the closing bracket".into(),
            Some("JSON allows no trailing comma: remove it"),
        )
    } else if bare == "trailing characters" {
        if line {
            said(
                "more than one JSON value on this line".into(),
                Some("NDJSON holds one document per line"),
            )
        } else {
            said(
                "trailing content after the JSON document".into(),
                Some("a file holds one document; use .ndjson (or --ndjson) for one per line"),
            )
        }
    } else if let Some(what) = bare.strip_prefix("EOF while parsing ") {
        let (message, hint) = match what {
            "a list" => ("inside an array", "close it with ]"),
            "an object" => ("inside an object", "close it with }"),
            "a string" => ("inside a string", "close it with \""),
            _ => ("before the JSON value is complete", "complete the value"),
        };
        said(format!("{unit} ends {message}"), Some(hint))
    } else {
        let (message, hint): (&str, Option<&str>) = match bare {
            "expected `:`" => ("a colon must follow an object key", None),
            "expected `,` or `]`" => ("a comma or ] must follow an array item", None),
            "expected `,` or `}`" => ("a comma or } must follow an object member", None),
            "expected value" | "expected ident" => (
                "not a JSON value",
                Some("a value is a \"string\", a number, an object, an array, true, false or null"),
            ),
            "key must be a string" => ("an object key must be a string in double quotes", None),
            "invalid escape" => (
                "not a JSON escape",
                Some("JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
            ),
            "unexpected end of hex escape" | "invalid unicode code point" => {
                ("a \\u escape needs four hex digits", None)
            }
            "invalid number" => ("not a JSON number", None),
            "number out of range" => ("a number too large to read", None),
            "recursion limit exceeded" => ("nested more than 128 levels deep", None),
            _ if bare.starts_with("control character") => (
                "a control character inside a string",
                Some("escape it: a line break is \\n, a tab \\t"),
            ),
            _ => ("not valid JSON here", None),
        };
        said(message.to_string(), hint)
    };
    SyntaxFault {
        rule,
        said,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The message and hint for `src` parsed as a file (`line` false) or an NDJSON line.
    fn words(src: &str, line: bool) -> (String, Option<String>) {
        let e = serde_json::from_str::<serde::de::IgnoredAny>(src).unwrap_err();
        let fault = translate(src, &e, line);
        (fault.said.message, fault.said.hint)
    }

    #[test]
    fn no_serde_wording_reaches_the_user() {
        let cases = [
            r#"{"scopes": ["#,
            r#"{"scopes": "#,
            r#"{"scopes": "A"#,
            r#"{"scopes" ["A"]}"#,
            r#"{"scopes": ["A" "B"]}"#,
            r#"{"scopes": ["A"] "x": 1}"#,
            r#"{"scopes": [nope]}"#,
            r#"{"scopes": tru}"#,
            r#"{scopes: []}"#,
            "{\"a\": \"\\q\"}",
            "{\"a\": \"\\u12\"}",
            r#"{"a": -}"#,
            "{\"a\": 1\u{0}}",
            "{\"a\": \"x\u{1}y\"}",
            "{ // note\n\"a\": 1}",
            "{\"a\": 1 /* c */}",
            "{\"a\": 1} {\"b\": 2}",
        ];
        let serde_words = [
            "EOF",
            "expected",
            "while parsing",
            "ident",
            "trailing characters",
        ];
        for src in cases {
            for line in [false, true] {
                let (message, hint) = words(src, line);
                let all = format!("{message} {}", hint.unwrap_or_default());
                for w in serde_words {
                    assert!(!all.contains(w), "{src:?} gave {all:?}");
                }
            }
        }
    }

    #[test]
    fn a_cut_short_value_says_where_it_ends() {
        assert_eq!(
            words(r#"{"a": "#, true).0,
            "the line ends before the JSON value is complete"
        );
        assert_eq!(
            words(r#"{"a": "#, false).0,
            "the document ends before the JSON value is complete"
        );
        assert_eq!(
            words(r#"{"a": [1"#, true).0,
            "the line ends inside an array"
        );
    }

    #[test]
    fn comments_are_named() {
        assert_eq!(
            words("{ // c\n}", false).0,
            "a comment: JSON has no comments"
        );
        assert_eq!(
            words("[1, /* c */ 2]", true).0,
            "a comment: JSON has no comments"
        );
    }

    #[test]
    fn ndjson_lines_get_no_file_hint() {
        let (message, hint) = words("{} {}", true);
        assert_eq!(message, "more than one JSON value on this line");
        assert!(!hint.unwrap_or_default().contains(".ndjson"));
        assert!(words("{} {}", false).1.unwrap().contains("--ndjson"));
    }
}
