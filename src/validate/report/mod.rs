//! Report formats: one file per format, each a [`Reporter`], picked by one `match` in
//! [`reporter`].
//!
//! A document's part of the report is rendered by [`Reporter::render`] on the worker thread
//! that checked it (so it takes `&self`); the writing thread then passes the parts to
//! [`Reporter::document`] in input order and ends with [`Reporter::finish`]. Each format
//! has its own `--quiet` form, made from the summary alone: quiet runs work out no words
//! or positions, so a quiet report cannot show any.

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

/// One report format.
pub(super) trait Reporter: Sync {
    /// Appends `doc`'s part of the report to `out` (a Vec: writing cannot fail).
    fn render(&self, doc: &DocResult, out: &mut Vec<u8>);

    /// Writes one document's rendered part, in input order.
    fn document(&self, sink: &mut Sink<'_>, rendered: &[u8]) -> io::Result<()> {
        sink.out.write_all(rendered)
    }

    /// Ends the report with the run's totals.
    fn finish(&self, sink: &mut Sink<'_>, summary: &Summary) -> io::Result<()>;
}

/// Where a report is written, and what a format keeps while it writes.
pub(super) struct Sink<'w> {
    pub out: Box<dyn Write + 'w>,
    /// Documents passed to [`Reporter::document`] so far.
    pub documents: usize,
    /// Rendered parts a format holds back until the end (JUnit's totals come first).
    pub held: Vec<u8>,
}

impl<'w> Sink<'w> {
    pub(super) fn new(out: Box<dyn Write + 'w>) -> Sink<'w> {
        Sink {
            out,
            documents: 0,
            held: Vec::new(),
        }
    }
}

/// The reporter of `format`; `quiet` gives its short form.
pub(super) fn reporter(format: Format, quiet: bool, paint: Paint) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(human::Human { quiet, paint }),
        Format::Json => Box::new(json::Json { quiet }),
        Format::Github => Box::new(github::Github { quiet }),
        Format::Junit => Box::new(junit::Junit { quiet }),
    }
}

/// The whole report of `format` on the one document `doc`, as a run of one file writes it
/// (for the fuzz target, which checks that every format renders any verdict).
pub fn report_one(format: Format, paint: Paint, doc: &DocResult) -> io::Result<Vec<u8>> {
    let reporter = reporter(format, false, paint);
    let mut rendered = Vec::new();
    reporter.render(doc, &mut rendered);
    let mut out = Vec::new();
    {
        let mut sink = Sink::new(Box::new(&mut out));
        reporter.document(&mut sink, &rendered)?;
        sink.documents += 1;
        let mut summary = Summary {
            files: 1,
            ..Summary::default()
        };
        summary.add(doc);
        reporter.finish(&mut sink, &summary)?;
    }
    Ok(out)
}

/// "1 more problem", "3 more problems": the notice of problems past the listing limit.
pub(super) fn unlisted_notice(n: usize) -> String {
    format!(
        "{n} more {} in this document {} not listed (the first {} are)",
        if n == 1 { "problem" } else { "problems" },
        if n == 1 { "is" } else { "are" },
        super::finding::MAX_FINDINGS
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlisted_notice_agrees_in_number() {
        assert!(unlisted_notice(1).starts_with("1 more problem in this document is not"));
        assert!(unlisted_notice(2).starts_with("2 more problems in this document are not"));
    }
}
