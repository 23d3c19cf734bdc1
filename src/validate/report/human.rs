//! `--format human`: `path:line:col: error[rule]: message`, the source line with a caret,
//! the hint, and a closing summary. Quiet: the summary line alone.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use super::{Reporter, Sink};
use crate::output::Paint;
use crate::text::sanitize;
use crate::validate::diagnostic::{DocResult, Severity, Summary};

pub(super) struct Human {
    pub quiet: bool,
    pub paint: Paint,
}

/// The blanks that put a caret under the character after `before` on screen: each
/// character's display width, two columns for CJK, none for a combining accent. (The
/// excerpt already shows tabs and control characters as printable text.)
fn caret_padding(before: impl Iterator<Item = char>) -> String {
    before
        .flat_map(|c| std::iter::repeat_n(' ', c.width().unwrap_or(0)))
        .collect()
}

/// One document's diagnostics, each with its place, source line, caret and hint, and
/// the notice of those past the listing limit.
fn render(doc: &DocResult, p: Paint, out: &mut Vec<u8>) -> io::Result<()> {
    if doc.diagnostics.is_empty() && doc.unlisted == 0 {
        return Ok(());
    }
    let path = sanitize(&doc.path);
    for d in &doc.diagnostics {
        let place = match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{path}:{l}:{c}:"),
            (Some(l), None) => format!("{path}:{l}:"),
            _ => format!("{path}:"),
        };
        let label = format!("{}[{}]:", d.severity.as_str(), d.rule.id());
        let label = match d.severity {
            Severity::Error => p.red(&label),
            Severity::Warning => p.yellow(&label),
        };
        writeln!(out, "{} {} {}", p.bold(&place), label, p.bold(&d.message))?;
        let gutter = d.line.map_or(1, |l| l.to_string().len());
        if let (Some(line), Some(source)) = (d.line, &d.source_line) {
            let caret_col = d.caret.unwrap_or(1);
            writeln!(
                out,
                "{} {} {}",
                p.blue(&format!("{line:>gutter$}")),
                p.blue("|"),
                source
            )?;
            writeln!(
                out,
                "{} {} {}{}",
                " ".repeat(gutter),
                p.blue("|"),
                caret_padding(source.chars().take(caret_col.saturating_sub(1))),
                match d.severity {
                    Severity::Error => p.red("^"),
                    Severity::Warning => p.yellow("^"),
                }
            )?;
        }
        if let Some(hint) = &d.hint {
            writeln!(
                out,
                "{} {} {}",
                " ".repeat(gutter),
                p.blue("="),
                p.cyan(&format!("hint: {}", sanitize(hint)))
            )?;
        }
    }
    if doc.unlisted > 0 {
        writeln!(
            out,
            "{} {} {}",
            p.bold(&format!("{path}:")),
            p.cyan("note:"),
            super::unlisted_notice(doc.unlisted)
        )?;
    }
    Ok(())
}

impl Reporter for Human {
    fn render(&self, doc: &DocResult, out: &mut Vec<u8>) {
        if !self.quiet {
            // Writing into a Vec cannot fail.
            let _ = render(doc, self.paint, out);
        }
    }

    fn finish(&self, sink: &mut Sink<'_>, summary: &Summary, failed: bool) -> io::Result<()> {
        if !self.quiet && summary.errors + summary.warnings > 0 {
            writeln!(sink.out)?;
        }
        let line = summary.line();
        let line = if failed {
            self.paint.red(&line)
        } else {
            self.paint.green(&line)
        };
        writeln!(sink.out, "{line}")?;
        sink.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::caret_padding;

    #[test]
    fn caret_padding_counts_screen_columns() {
        assert_eq!(caret_padding("ab".chars()).len(), 2);
        assert_eq!(caret_padding("名前".chars()).len(), 4);
        assert_eq!(caret_padding("e\u{301}x".chars()).len(), 2);
        assert_eq!(caret_padding("…a".chars()).len(), 2);
    }
}
