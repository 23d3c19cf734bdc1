//! `--format human`: `path:line:col: error[rule]: message`, the source line with a caret,
//! the hint, and a closing summary.

use std::io::{self, Write};

use super::Reporter;
use crate::output::{sanitize, Paint};
use crate::validate::rules::{DocResult, Severity, Summary};

pub struct Human<'w> {
    out: Box<dyn Write + 'w>,
    paint: Paint,
    wrote_any: bool,
}

impl<'w> Human<'w> {
    pub fn new(out: Box<dyn Write + 'w>, paint: Paint) -> Human<'w> {
        Human {
            out,
            paint,
            wrote_any: false,
        }
    }
}

impl Reporter for Human<'_> {
    fn document(&mut self, doc: &DocResult) -> io::Result<()> {
        if doc.diagnostics.is_empty() {
            return Ok(());
        }
        let p = self.paint;
        let path = sanitize(&doc.path);
        for d in &doc.diagnostics {
            self.wrote_any = true;
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
            writeln!(
                self.out,
                "{} {} {}",
                p.bold(&place),
                label,
                p.bold(&d.message)
            )?;
            let gutter = d.line.map_or(1, |l| l.to_string().len());
            if let (Some(line), Some(source)) = (d.line, &d.source_line) {
                let caret_col = d.caret.unwrap_or(1);
                writeln!(
                    self.out,
                    "{} {} {}",
                    p.blue(&format!("{line:>gutter$}")),
                    p.blue("|"),
                    source
                )?;
                writeln!(
                    self.out,
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
                    self.out,
                    "{} {} {}",
                    " ".repeat(gutter),
                    p.blue("="),
                    p.cyan(&format!("hint: {}", sanitize(hint)))
                )?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.wrote_any {
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
