//! Report formats. Each receives the documents in input order, then the summary.

mod github;
mod human;
mod json;
mod junit;

use std::io::{self, Write};

use super::rules::{DocResult, Summary};
use crate::output::Paint;

/// The report formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
    Junit,
}

/// Receives the verdicts in input order and writes a report.
pub trait Reporter {
    fn document(&mut self, doc: &DocResult) -> io::Result<()>;
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
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
    fn document(&mut self, _doc: &DocResult) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        writeln!(self.out, "{}", summary.line())?;
        self.out.flush()
    }
}
