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

/// One workflow command per diagnostic of `doc`.
fn render(doc: &DocResult, out: &mut Vec<u8>) -> io::Result<()> {
    {
        // Annotations take paths relative to the repository root: no leading "./".
        let path = doc.path.strip_prefix("./").unwrap_or(&doc.path);
        let file = escape_property(&crate::text::sanitize(path));
        for d in &doc.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut props = format!("file={file}");
            if let Some(line) = d.line {
                props.push_str(&format!(",line={line}"));
            }
            if let Some(col) = d.column {
                props.push_str(&format!(",col={col}"));
            }
            props.push_str(&format!(
                ",title={}",
                escape_property(&format!("authcode {}", d.rule.id()))
            ));
            let mut message = crate::text::sanitize(&d.message).into_owned();
            if let Some(hint) = &d.hint {
                message.push_str("\nhint: ");
                message.push_str(&crate::text::sanitize(hint));
            }
            let message = escape_data(&message);
            writeln!(out, "::{command} {props}::{message}")?;
        }
        Ok(())
    }
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
    }
}
