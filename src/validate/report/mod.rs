//! Report formats. Each receives the documents in input order, then the summary.

mod github;
mod human;
mod json;
mod junit;

use std::io::{self, Write};

use super::diagnostic::{DocResult, Summary};
use crate::output::Paint;

/// The report formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
    Junit,
}

/// Receives the verdicts in input order, each with its part of the report already
/// rendered by [`Renderer`], and writes the report.
pub trait Reporter {
    fn document(&mut self, doc: &DocResult, rendered: &[u8]) -> io::Result<()>;
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// Renders one document's part of a report. It holds no state, so the worker threads that
/// check documents render them too, and the writer only copies bytes in order.
#[derive(Debug, Clone, Copy)]
pub struct Renderer {
    pub format: Format,
    pub quiet: bool,
    pub paint: Paint,
}

impl Renderer {
    /// Appends `doc`'s part of the report to `out` (a Vec: writing cannot fail).
    pub fn render(&self, doc: &DocResult, out: &mut Vec<u8>) {
        let _ = match (self.quiet, self.format) {
            (true, _) | (_, Format::Junit) => Ok(()),
            (false, Format::Human) => human::render(doc, self.paint, out),
            (false, Format::Json) => json::render(doc, out),
            (false, Format::Github) => github::render(doc, out),
        };
    }
}

/// A reporter of `format` writing to `out`; `quiet` keeps only the summary line.
pub fn reporter<'w>(
    format: Format,
    quiet: bool,
    paint: Paint,
    out: Box<dyn Write + 'w>,
) -> Box<dyn Reporter + 'w> {
    if quiet {
        return Box::new(Quiet { out });
    }
    match format {
        Format::Human => Box::new(human::Human::new(out, paint)),
        Format::Json => Box::new(json::Json::new(out)),
        Format::Github => Box::new(github::Github::new(out)),
        Format::Junit => Box::new(junit::Junit::new(out)),
    }
}

/// `--quiet`: the summary line only.
struct Quiet<'w> {
    out: Box<dyn Write + 'w>,
}

impl Reporter for Quiet<'_> {
    fn document(&mut self, _doc: &DocResult, _rendered: &[u8]) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        writeln!(self.out, "{}", summary.line())?;
        self.out.flush()
    }
}
