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

    /// Ends the report with the run's totals; `failed` when the run fails (a document
    /// invalid, an input unreadable, nothing found).
    fn finish(&self, sink: &mut Sink<'_>, summary: &Summary, failed: bool) -> io::Result<()>;
}

/// Where a report is written, and what a format keeps while it writes.
pub(super) struct Sink<'w> {
    pub out: Box<dyn Write + 'w>,
    /// Documents passed to [`Reporter::document`] so far.
    pub documents: usize,
    /// Rendered parts a format holds back until the end (JUnit's totals come first).
    pub held: Held,
}

impl<'w> Sink<'w> {
    pub(super) fn new(out: Box<dyn Write + 'w>) -> Sink<'w> {
        Sink {
            out,
            documents: 0,
            held: Held::default(),
        }
    }
}

/// The report on stdout as a run writes it. A write that fails ends the report, not the
/// run: the checks go on, so the exit code is still the verdict; a reader that stopped
/// reading (`| head`) is no error.
pub(super) struct Output<'w> {
    /// `None` once a write failed: the rest of the report is dropped.
    sink: Option<Sink<'w>>,
    /// Why a write failed, unless the reader closed the pipe.
    error: Option<io::Error>,
}

impl Output<'static> {
    /// Stdout, buffered.
    pub(super) fn stdout() -> Output<'static> {
        Output::new(Box::new(io::BufWriter::with_capacity(
            64 * 1024,
            io::stdout().lock(),
        )))
    }
}

impl<'w> Output<'w> {
    pub(super) fn new(out: Box<dyn Write + 'w>) -> Output<'w> {
        Output {
            sink: Some(Sink::new(out)),
            error: None,
        }
    }

    /// Writes with `write`, unless an earlier write failed.
    pub(super) fn write(&mut self, write: impl FnOnce(&mut Sink<'w>) -> io::Result<()>) {
        if let Some(sink) = &mut self.sink {
            if let Err(e) = write(sink) {
                // Dropping the writer flushes what it holds once more, ignoring the error.
                self.sink = None;
                if e.kind() != io::ErrorKind::BrokenPipe {
                    self.error = Some(e);
                }
            }
        }
    }

    /// Writes one document's rendered part with `reporter`.
    pub(super) fn document(&mut self, reporter: &dyn Reporter, rendered: &[u8]) {
        self.write(|sink| {
            let written = reporter.document(sink, rendered);
            sink.documents += 1;
            written
        });
    }

    /// Ends the report; returns why it could not be written, if a write failed for
    /// another reason than a closed pipe.
    pub(super) fn close(mut self) -> Option<io::Error> {
        if let Some(mut sink) = self.sink.take() {
            if let Err(e) = sink.out.flush() {
                if e.kind() != io::ErrorKind::BrokenPipe {
                    return Some(e);
                }
            }
        }
        self.error
    }
}

/// What a format holds back while it writes: in memory, or past the first
/// [`HELD_IN_MEMORY`] bytes in an unnamed temporary file, so that memory does not grow with
/// the report.
#[derive(Default)]
pub(super) struct Held {
    memory: Vec<u8>,
    file: Option<io::BufWriter<std::fs::File>>,
}

/// Bytes held in memory before they go to a temporary file.
const HELD_IN_MEMORY: usize = 1 << 20;

impl Held {
    /// Holds `bytes`.
    pub(super) fn hold(&mut self, bytes: &[u8]) -> io::Result<()> {
        if let Some(file) = &mut self.file {
            return file.write_all(bytes);
        }
        if self.memory.len() + bytes.len() <= HELD_IN_MEMORY {
            self.memory.extend_from_slice(bytes);
            return Ok(());
        }
        let mut file = io::BufWriter::new(tempfile::tempfile().map_err(|e| {
            io::Error::new(
                e.kind(),
                format!(
                    "cannot make a temporary file for the report: {}",
                    crate::error::io_reason(&e)
                ),
            )
        })?);
        file.write_all(&std::mem::take(&mut self.memory))?;
        file.write_all(bytes)?;
        self.file = Some(file);
        Ok(())
    }

    /// Writes what is held to `out`, in order.
    pub(super) fn write_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.memory)?;
        if let Some(file) = self.file.take() {
            use std::io::Seek;
            let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.seek(io::SeekFrom::Start(0))?;
            io::copy(&mut file, out)?;
        }
        Ok(())
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
        summary.add(&doc.counts());
        reporter.finish(&mut sink, &summary, !doc.valid)?;
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
