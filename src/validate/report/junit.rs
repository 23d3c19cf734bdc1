//! `--format junit`: JUnit XML, one testcase per document, a failure per invalid document.
//! The suite's totals come first in XML, so the documents are kept until the end.

use std::io::{self, Write};

use super::Reporter;
use crate::validate::diagnostic::{DocResult, Severity, Summary};

pub(super) struct Junit<'w> {
    out: Box<dyn Write + 'w>,
    docs: Vec<DocResult>,
}

impl<'w> Junit<'w> {
    pub(super) fn new(out: Box<dyn Write + 'w>) -> Junit<'w> {
        Junit {
            out,
            docs: Vec::new(),
        }
    }
}

/// Escapes text for XML 1.0, replacing characters XML cannot hold at all.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
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
    text
}

fn unreadable(doc: &DocResult) -> bool {
    doc.diagnostics
        .iter()
        .any(|d| d.rule == crate::validate::diagnostic::Rule::Io)
}

impl Reporter for Junit<'_> {
    fn document(&mut self, doc: &DocResult, _rendered: &[u8]) -> io::Result<()> {
        self.docs.push(doc.clone());
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        // A path that could not be read is an error of the run, not a failed document.
        let errors = self.docs.iter().filter(|d| unreadable(d)).count();
        let failures = summary.invalid - errors;
        let o = &mut self.out;
        writeln!(o, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            o,
            r#"<testsuites name="authcode validate" tests="{}" failures="{failures}" errors="{errors}">"#,
            summary.documents
        )?;
        writeln!(
            o,
            r#"  <testsuite name="authcode validate" tests="{}" failures="{failures}" errors="{errors}" skipped="0">"#,
            summary.documents
        )?;
        for doc in &self.docs {
            let name = match doc.line {
                Some(line) => format!("{}:{line}", doc.path),
                None => doc.path.to_string(),
            };
            let kind = doc.kind.map_or("unknown", |k| match k {
                crate::payload::DocKind::Request => "request",
                crate::payload::DocKind::Response => "response",
            });
            write!(
                o,
                r#"    <testcase classname="authcode.{kind}" name="{}" file="{}""#,
                xml(&name),
                xml(&doc.path)
            )?;
            if doc.diagnostics.is_empty() {
                writeln!(o, "/>")?;
                continue;
            }
            writeln!(o, ">")?;
            if doc.valid {
                writeln!(o, "      <system-out>{}</system-out>", xml(&describe(doc)))?;
            } else {
                let tag = if unreadable(doc) { "error" } else { "failure" };
                let first = doc
                    .diagnostics
                    .iter()
                    .find(|d| d.severity == Severity::Error)
                    .unwrap_or(&doc.diagnostics[0]);
                writeln!(
                    o,
                    r#"      <{tag} type="{}" message="{}">{}</{tag}>"#,
                    first.rule.id(),
                    xml(&first.message),
                    xml(&describe(doc))
                )?;
            }
            writeln!(o, "    </testcase>")?;
        }
        writeln!(o, "  </testsuite>")?;
        writeln!(o, "</testsuites>")?;
        o.flush()
    }
}
