//! `--format github`: GitHub Actions workflow commands, one per listed diagnostic, then the
//! summary line as plain log text. Problems past the listing limit get no annotation (they
//! have no place to point at); the summary counts them. Quiet: the summary line alone.

use std::io::{self, Write};

use super::{Reporter, Sink};
use crate::validate::diagnostic::{DocResult, Severity, Summary};

pub(super) struct Github {
    pub quiet: bool,
}

/// Escapes a command's message, as the Actions runner unescapes it.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value (also `:` and `,`, which delimit properties).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Whether the runner can be given `path` as a `file` property: it unescapes `%0A` and `%0D`
/// back into line breaks, but no other control character (an escape sequence would reach
/// the log raw), so a path holding another one gets no `file`.
fn encodable(path: &str) -> bool {
    !path
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// One workflow command per diagnostic of `doc`.
fn render(doc: &DocResult, out: &mut Vec<u8>) -> io::Result<()> {
    // Annotations take paths relative to the repository root: no leading "./".
    let path = doc.path.strip_prefix("./").unwrap_or(&doc.path);
    // The path itself, line breaks escaped as the runner unescapes them; or, when it cannot
    // be given, none, and the path shown visibly in the message instead.
    let file = encodable(path).then(|| escape_property(path));
    for d in &doc.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = String::new();
        let mut message = String::new();
        match &file {
            Some(file) => {
                props.push_str(&format!("file={file}"));
                if let Some(line) = d.line {
                    props.push_str(&format!(",line={line}"));
                }
                if let Some(col) = d.column {
                    props.push_str(&format!(",col={col}"));
                }
                props.push(',');
            }
            None => {
                message.push_str(&crate::text::sanitize(path));
                for n in [d.line, d.column].into_iter().flatten() {
                    message.push_str(&format!(":{n}"));
                }
                message.push_str(": ");
            }
        }
        props.push_str(&format!(
            "title={}",
            escape_property(&format!("authcode {}", d.rule.id()))
        ));
        message.push_str(&crate::text::sanitize(&d.message));
        if let Some(hint) = &d.hint {
            message.push_str("\nhint: ");
            message.push_str(&crate::text::sanitize(hint));
        }
        let message = escape_data(&message);
        writeln!(out, "::{command} {props}::{message}")?;
    }
    Ok(())
}

impl Reporter for Github {
    fn render(&self, doc: &DocResult, out: &mut Vec<u8>) {
        if !self.quiet {
            // Writing into a Vec cannot fail.
            let _ = render(doc, out);
        }
    }

    fn finish(&self, sink: &mut Sink<'_>, summary: &Summary, _: bool) -> io::Result<()> {
        writeln!(sink.out, "{}", summary.line())?;
        sink.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_requires() {
        assert_eq!(escape_data("50% a\nb\r"), "50%25 a%0Ab%0D");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert!(encodable("a\nb\r\tc.json"));
        assert!(!encodable("a\u{1}b.json") && !encodable("a\u{1b}[31m.json"));
    }
}
