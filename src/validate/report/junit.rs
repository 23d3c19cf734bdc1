//! `--format junit`: JUnit XML, one testcase per document, a failure per invalid document.
//! The suite's totals come first in XML, so the rendered testcases are held until the end
//! (past a megabyte, in a temporary file: memory does not grow with the report).
//! Quiet: the totals with no testcase, still a well-formed report.

use std::io::{self, Write};

use super::{Reporter, Sink};
use crate::validate::diagnostic::{DocResult, Severity, Summary};

pub(super) struct Junit {
    pub quiet: bool,
}

/// Escapes text for XML 1.0, replacing characters XML cannot hold at all.
fn xml(s: &str) -> String {
    escape(s, false)
}

/// Escapes an attribute value for XML 1.0: line breaks and tabs as character references,
/// which a parser gives back as they are (written raw, it would read each as a space).
fn attr(s: &str) -> String {
    escape(s, true)
}

/// Whether a path can be an attribute value as it is: XML 1.0 cannot hold the control
/// characters below U+0020 but tab, line feed and carriage return, even as references.
fn holdable(s: &str) -> bool {
    !s.chars()
        .any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' if attribute => out.push_str(&format!("&#{};", u32::from(c))),
            '\t' | '\n' => out.push(c),
            // Allowed in XML 1.0, but only safe as references (no raw C1 byte reaches a
            // terminal that shows the report).
            '\u{7F}'..='\u{9F}' if attribute => out.push_str(&format!("&#x{:X};", u32::from(c))),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                out.extend(c.escape_default())
            }
            c => out.push(c),
        }
    }
    out
}

fn describe(doc: &DocResult) -> String {
    let mut text = String::new();
    for d in &doc.diagnostics {
        let place = match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", doc.path),
            _ => doc.path.to_string(),
        };
        text.push_str(&format!(
            "{place}: {}[{}]: {}\n",
            d.severity.as_str(),
            d.rule.id(),
            d.message
        ));
        if let Some(hint) = &d.hint {
            text.push_str(&format!("  hint: {hint}\n"));
        }
    }
    if doc.unlisted > 0 {
        text.push_str(&format!(
            "{}: note: {}\n",
            doc.path,
            super::unlisted_notice(doc.unlisted)
        ));
    }
    text
}

/// One testcase element.
fn render(doc: &DocResult, o: &mut Vec<u8>) -> io::Result<()> {
    let name = match doc.line {
        Some(line) => format!("{}:{line}", doc.path),
        None => doc.path.to_string(),
    };
    let kind = doc.kind.map_or("unknown", |k| k.as_str());
    write!(
        o,
        r#"    <testcase classname="authcode.{kind}" name="{}""#,
        attr(&name)
    )?;
    // The file's real path, or none when XML cannot hold it (the name shows it visibly).
    if holdable(&doc.path) {
        write!(o, r#" file="{}""#, attr(&doc.path))?;
    }
    if doc.diagnostics.is_empty() && doc.unlisted == 0 {
        return writeln!(o, "/>");
    }
    writeln!(o, ">")?;
    if doc.valid {
        writeln!(o, "      <system-out>{}</system-out>", xml(&describe(doc)))?;
    } else {
        let first = doc
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or(doc.diagnostics.first());
        let (rule, message) = first.map_or(("unlisted", String::new()), |d| {
            (d.rule.id(), attr(&d.message))
        });
        writeln!(
            o,
            r#"      <failure type="{rule}" message="{message}">{}</failure>"#,
            xml(&describe(doc))
        )?;
    }
    writeln!(o, "    </testcase>")
}

impl Reporter for Junit {
    fn render(&self, doc: &DocResult, out: &mut Vec<u8>) {
        if !self.quiet {
            // Writing into a Vec cannot fail.
            let _ = render(doc, out);
        }
    }

    fn document(&self, sink: &mut Sink<'_>, rendered: &[u8]) -> io::Result<()> {
        sink.held.hold(rendered)
    }

    fn finish(&self, sink: &mut Sink<'_>, summary: &Summary, _: bool) -> io::Result<()> {
        let o = &mut sink.out;
        let (tests, failures) = (summary.documents, summary.invalid);
        writeln!(o, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            o,
            r#"<testsuites name="authcode validate" tests="{tests}" failures="{failures}" errors="0">"#,
        )?;
        writeln!(
            o,
            r#"  <testsuite name="authcode validate" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#,
        )?;
        sink.held.write_to(o)?;
        writeln!(o, "  </testsuite>")?;
        writeln!(o, "</testsuites>")?;
        o.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_keep_line_breaks_as_references() {
        assert_eq!(attr("a\nb\r\tc\"<"), "a&#10;b&#13;&#9;c&quot;&lt;");
        assert_eq!(xml("a\nb"), "a\nb");
        assert_eq!(attr("a\u{85}b"), "a&#x85;b");
        assert_eq!(attr("a\u{1}b"), "a\\u{1}b");
        assert!(holdable("a\nb\r\t.json") && !holdable("a\u{1}.json"));
    }
}
