//! Splits the inputs into units of work, checks them on worker threads, and hands the
//! verdicts back in input order. Whole-document files travel in small batches; NDJSON
//! inputs (and stdin) are read in blocks of whole lines, so memory stays bounded by the
//! blocks in flight whatever the input's size.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::ops::Range;
use std::sync::mpsc::{self, TrySendError};
use std::sync::{Arc, Mutex};

use super::diagnostic::DocResult;
use super::document;
use super::index::{CheckOptions, ScopeIndex};
use super::inputs::{Input, Unreadable};
use super::options::Options;
use super::report::Reporter;
use crate::error;

/// Files per unit of work: enough to keep thread hand-offs rare.
const FILE_BATCH: usize = 16;
/// Bytes of NDJSON read per unit of work (rounded to whole lines). 64 KiB blocks fault
/// in fewer pages but double the thread hand-offs; measured, 128 KiB was as fast or faster.
const BLOCK: u64 = 128 * 1024;

/// One unit of work.
enum Work {
    /// Inputs at these indexes, each a whole-document file or an unreadable path.
    Files(Range<usize>),
    /// Whole lines of an NDJSON input, the first being line `first_line`.
    Lines {
        shown: Arc<str>,
        bytes: Vec<u8>,
        first_line: usize,
    },
    /// A whole document read from stdin.
    Whole { shown: Arc<str>, bytes: Vec<u8> },
    /// An input that could not be read.
    Unreadable(Unreadable),
}

/// What a unit of work yields, in input order.
pub(super) enum Outcome<'b> {
    /// A document's verdict and its rendered part of the report.
    Checked(&'b DocResult, &'b [u8]),
    Unreadable(&'b Unreadable),
}

/// A verdict, or an input that could not be read.
enum Verdict {
    Checked(DocResult),
    Unreadable(Unreadable),
}

/// What the workers need, shared by reference.
#[derive(Clone, Copy)]
pub(super) struct Checker<'a> {
    pub index: &'a ScopeIndex,
    pub check: &'a CheckOptions,
    pub options: Options,
    /// `--ndjson`: every input holds one document per line.
    pub ndjson: bool,
    pub reporter: &'a dyn Reporter,
}

/// The verdicts of one unit of work, with their rendered report parts end to end.
struct Batch {
    docs: Vec<Verdict>,
    text: Vec<u8>,
    /// Where each document's part of `text` ends.
    ends: Vec<usize>,
}

impl Batch {
    fn emit(&self, emit: &mut impl FnMut(Outcome<'_>) -> io::Result<()>) -> io::Result<()> {
        let mut start = 0;
        for (doc, &end) in self.docs.iter().zip(&self.ends) {
            emit(match doc {
                Verdict::Checked(doc) => Outcome::Checked(doc, &self.text[start..end]),
                Verdict::Unreadable(u) => Outcome::Unreadable(u),
            })?;
            start = end;
        }
        Ok(())
    }
}

impl Checker<'_> {
    fn streamed(&self, input: &Input) -> bool {
        match input {
            Input::Stdin => true,
            Input::File { ndjson, .. } => *ndjson || self.ndjson,
            Input::Unreadable(_) => false,
        }
    }

    /// Checks one unit of work and renders its report parts.
    fn work(&self, inputs: &[Input], work: Work) -> Batch {
        let docs = self.check(inputs, work);
        let mut text = Vec::new();
        let mut ends = Vec::with_capacity(docs.len());
        for doc in &docs {
            if let Verdict::Checked(doc) = doc {
                self.reporter.render(doc, &mut text);
            }
            ends.push(text.len());
        }
        Batch { docs, text, ends }
    }

    fn check(&self, inputs: &[Input], work: Work) -> Vec<Verdict> {
        match work {
            Work::Files(range) => inputs[range].iter().map(|i| self.file(i)).collect(),
            Work::Lines {
                shown,
                bytes,
                first_line,
            } => {
                // Every verdict holds the path: give this block its own copy, so that two
                // threads do not bump one shared reference count for every line.
                let shown: Arc<str> = Arc::from(&*shown);
                let options = Options {
                    lines: true,
                    ..self.options
                };
                let mut docs = Vec::new();
                for (n, line) in lines(&bytes).enumerate() {
                    let number = first_line + n;
                    let text = match line.strip_prefix(b"\xEF\xBB\xBF") {
                        Some(rest) if number == 1 => rest,
                        _ => line,
                    };
                    if text.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    docs.push(Verdict::Checked(document::check_document(
                        line, &shown, number, self.index, self.check, options,
                    )));
                }
                docs
            }
            Work::Whole { shown, bytes } => vec![Verdict::Checked(document::check_document(
                &bytes,
                &shown,
                first_line(&bytes),
                self.index,
                self.check,
                self.options,
            ))],
            Work::Unreadable(u) => vec![Verdict::Unreadable(u)],
        }
    }

    /// How many units of work `inputs` can make at most (threads past that would idle).
    fn units_at_most(&self, inputs: &[Input]) -> usize {
        let mut units: usize = 0;
        let mut files: usize = 0;
        for input in inputs {
            match input {
                Input::Stdin => return usize::MAX,
                Input::File { path, .. } if self.streamed(input) => {
                    let size = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
                    let blocks = usize::try_from(size / BLOCK + 1).unwrap_or(usize::MAX);
                    units = units.saturating_add(blocks);
                }
                _ => files += 1,
            }
        }
        units.saturating_add(files.div_ceil(FILE_BATCH))
    }

    fn file(&self, input: &Input) -> Verdict {
        match input {
            Input::File { path, shown, .. } => match std::fs::read(path) {
                Ok(bytes) => Verdict::Checked(document::check_document(
                    &bytes,
                    shown,
                    first_line(&bytes),
                    self.index,
                    self.check,
                    self.options,
                )),
                Err(e) => Verdict::Unreadable(Unreadable {
                    shown: Arc::clone(shown),
                    reason: error::io_reason(&e),
                }),
            },
            Input::Unreadable(u) => Verdict::Unreadable(u.clone()),
            Input::Stdin => unreachable!("stdin is streamed"),
        }
    }

    /// Checks `inputs` on `jobs` threads, passing every verdict and its rendered report
    /// part to `emit` in input order.
    pub(super) fn run(
        &self,
        inputs: &[Input],
        jobs: usize,
        mut emit: impl FnMut(Outcome<'_>) -> io::Result<()>,
    ) -> io::Result<()> {
        let units = Units::new(*self, inputs);
        if jobs.min(self.units_at_most(inputs)) <= 1 {
            for unit in units {
                self.work(inputs, unit).emit(&mut emit)?;
            }
            return Ok(());
        }
        let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Work)>(jobs * 4);
        let work_rx = Mutex::new(work_rx);
        let (done_tx, done_rx) = mpsc::channel::<(usize, Batch)>();
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                let (work_rx, done_tx) = (&work_rx, done_tx.clone());
                scope.spawn(move || loop {
                    let next = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((i, unit)) = next else { return };
                    if done_tx.send((i, self.work(inputs, unit))).is_err() {
                        return;
                    }
                });
            }
            drop(done_tx);

            let mut pending: BTreeMap<usize, Batch> = BTreeMap::new();
            let mut next_out = 0;
            let mut take = |i: usize, batch: Batch| -> io::Result<()> {
                pending.insert(i, batch);
                while let Some(batch) = pending.remove(&next_out) {
                    batch.emit(&mut emit)?;
                    next_out += 1;
                }
                Ok(())
            };
            for (i, unit) in units.enumerate() {
                let mut item = (i, unit);
                loop {
                    match work_tx.try_send(item) {
                        Ok(()) => break,
                        Err(TrySendError::Full(back)) => {
                            item = back;
                            match done_rx.recv() {
                                Ok((j, docs)) => take(j, docs)?,
                                Err(_) => return Ok(()),
                            }
                        }
                        Err(TrySendError::Disconnected(_)) => return Ok(()),
                    }
                }
                while let Ok((j, docs)) = done_rx.try_recv() {
                    take(j, docs)?;
                }
            }
            drop(work_tx);
            for (j, docs) in done_rx {
                take(j, docs)?;
            }
            Ok(())
        })
    }
}

/// The units of work of a run, in input order, reading streamed inputs as it goes.
struct Units<'a> {
    checker: Checker<'a>,
    inputs: &'a [Input],
    next: usize,
    reading: Option<Reading>,
}

/// A streamed input being read.
struct Reading {
    shown: Arc<str>,
    reader: Box<dyn Read>,
    /// Bytes of an unfinished line carried to the next block.
    carry: Vec<u8>,
    next_line: usize,
    /// Whether the input holds one document per line (else all of it is one document).
    per_line: bool,
}

impl<'a> Units<'a> {
    fn new(checker: Checker<'a>, inputs: &'a [Input]) -> Units<'a> {
        Units {
            checker,
            inputs,
            next: 0,
            reading: None,
        }
    }
}

impl Iterator for Units<'_> {
    type Item = Work;

    fn next(&mut self) -> Option<Work> {
        loop {
            if let Some(reading) = &mut self.reading {
                match reading.next_block() {
                    Ok(Some(work)) => return Some(work),
                    Ok(None) => self.reading = None,
                    Err(e) => {
                        let shown = Arc::clone(&reading.shown);
                        self.reading = None;
                        return Some(Work::Unreadable(Unreadable {
                            shown,
                            reason: error::io_reason(&e),
                        }));
                    }
                }
                continue;
            }
            let input = self.inputs.get(self.next)?;
            if !self.checker.streamed(input) {
                let start = self.next;
                let end = self.inputs[start..]
                    .iter()
                    .take(FILE_BATCH)
                    .position(|i| self.checker.streamed(i))
                    .map_or((start + FILE_BATCH).min(self.inputs.len()), |n| start + n);
                self.next = end;
                return Some(Work::Files(start..end));
            }
            self.next += 1;
            let per_line = self.checker.ndjson || matches!(input, Input::File { ndjson: true, .. });
            let (reader, shown): (Box<dyn Read>, Arc<str>) = match input {
                Input::Stdin => (Box::new(io::stdin()), Arc::from("<stdin>")),
                Input::File { path, shown, .. } => match std::fs::File::open(path) {
                    Ok(f) => (Box::new(f), Arc::clone(shown)),
                    Err(e) => {
                        return Some(Work::Unreadable(Unreadable {
                            shown: Arc::clone(shown),
                            reason: error::io_reason(&e),
                        }))
                    }
                },
                Input::Unreadable(_) => unreachable!("not streamed"),
            };
            self.reading = Some(Reading {
                shown,
                reader,
                carry: Vec::new(),
                next_line: 1,
                per_line,
            });
        }
    }
}

impl Reading {
    /// The next block of whole lines (or, for a single document, all of it).
    fn next_block(&mut self) -> io::Result<Option<Work>> {
        if !self.per_line {
            if self.next_line == 0 {
                return Ok(None);
            }
            self.next_line = 0;
            let mut bytes = Vec::new();
            self.reader.read_to_end(&mut bytes)?;
            return Ok(Some(Work::Whole {
                shown: Arc::clone(&self.shown),
                bytes,
            }));
        }
        loop {
            let mut bytes = std::mem::take(&mut self.carry);
            bytes.reserve_exact(BLOCK as usize);
            let before = bytes.len();
            let read = (&mut self.reader).take(BLOCK).read_to_end(&mut bytes)?;
            if read == 0 {
                if bytes.is_empty() {
                    return Ok(None);
                }
                return Ok(Some(self.block(bytes)));
            }
            match memchr::memrchr(b'\n', &bytes[before..]) {
                Some(i) => {
                    self.carry = bytes.split_off(before + i + 1);
                    // Drop the final newline so the block splits into its lines exactly.
                    bytes.pop();
                    return Ok(Some(self.block(bytes)));
                }
                None => self.carry = bytes,
            }
        }
    }

    fn block(&mut self, bytes: Vec<u8>) -> Work {
        let first_line = self.next_line;
        self.next_line += 1 + memchr::memchr_iter(b'\n', &bytes).count();
        Work::Lines {
            shown: Arc::clone(&self.shown),
            bytes,
            first_line,
        }
    }
}

/// The lines of `bytes`, split at each newline (found with SIMD, not byte by byte).
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', bytes);
    std::iter::from_fn(move || {
        if start > bytes.len() {
            return None;
        }
        let end = ends.next().unwrap_or(bytes.len());
        let line = &bytes[start..end];
        start = end + 1;
        Some(line)
    })
}

/// The line a whole-file document starts on (after leading blank lines).
/// The line a whole document starts on: that of its first non-blank byte.
pub(super) fn first_line(bytes: &[u8]) -> usize {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    1 + bytes[..start].iter().filter(|&&b| b == b'\n').count()
}
