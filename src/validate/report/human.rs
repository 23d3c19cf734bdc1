//! `--format human`: `path:line:col: error[rule]: message`, the source line with a caret,
//! the hint, and a closing summary.

use std::io::{self, Write};

use super::Reporter;
use crate::output::{sanitize, Paint};
use crate::validate::diagnostic::{DocResult, Severity, Summary};

pub(super) struct Human<'w> {
    out: Box<dyn Write + 'w>,
    paint: Paint,
}

impl<'w> Human<'w> {
    pub(super) fn new(out: Box<dyn Write + 'w>, paint: Paint) -> Human<'w> {
        Human { out, paint }
    }
}

/// One document's diagnostics, each with its place, source line, caret and hint.
pub(super) fn render(doc: &DocResult, p: Paint, out: &mut Vec<u8>) -> io::Result<()> {
    if doc.diagnostics.is_empty() {
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
                " ".repeat(caret_col.saturating_sub(1)),
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
    Ok(())
}

impl Reporter for Human<'_> {
    fn document(&mut self, _doc: &DocResult, rendered: &[u8]) -> io::Result<()> {
        self.out.write_all(rendered)
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if summary.errors + summary.warnings > 0 {
            writeln!(self.out)?;
        }
        let line = summary.line();
        let line = if summary.invalid > 0 {
            self.paint.red(&line)
        } else {
            self.paint.green(&line)
        };
        writeln!(self.out, "{line}")?;
        self.out.flush()
    }
}
