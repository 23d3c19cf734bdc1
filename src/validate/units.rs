//! The inputs cut into units of work, in input order: whole-document files in small
//! batches; NDJSON inputs (and stdin) read as they go, in blocks of whole lines, so memory
//! stays bounded by the blocks in flight whatever the input's size.

use std::io::{self, Read};
use std::ops::Range;
use std::sync::Arc;

use super::inputs::{Input, Unreadable};
use crate::error;

/// Files per unit of work: enough to keep thread hand-offs rare.
pub(super) const FILE_BATCH: usize = 16;
/// Bytes of NDJSON read per unit of work (rounded to whole lines). 64 KiB blocks fault
/// in fewer pages but double the thread hand-offs; measured, 128 KiB was as fast or faster.
pub(super) const BLOCK: u64 = 128 * 1024;

/// One unit of work.
pub(super) enum Work {
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

/// Whether `input` is read as it goes (one document per line, or stdin) rather than whole;
/// `ndjson` is `--ndjson`.
pub(super) fn streamed(input: &Input, ndjson: bool) -> bool {
    match input {
        Input::Stdin => true,
        Input::File { ndjson: lines, .. } => *lines || ndjson,
        Input::Unreadable(_) => false,
    }
}

/// How many units of work `inputs` can make at most (threads past that would idle).
pub(super) fn units_at_most(inputs: &[Input], ndjson: bool) -> usize {
    let mut units: usize = 0;
    let mut files: usize = 0;
    for input in inputs {
        match input {
            Input::Stdin => return usize::MAX,
            Input::File { path, .. } if streamed(input, ndjson) => {
                let size = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
                let blocks = usize::try_from(size / BLOCK + 1).unwrap_or(usize::MAX);
                units = units.saturating_add(blocks);
            }
            _ => files += 1,
        }
    }
    units.saturating_add(files.div_ceil(FILE_BATCH))
}

/// The units of work of a run, in input order, reading streamed inputs as it goes.
pub(super) struct Units<'a> {
    inputs: &'a [Input],
    ndjson: bool,
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
    /// The units of `inputs`; `ndjson` is `--ndjson` (every input one document per line).
    pub(super) fn new(inputs: &'a [Input], ndjson: bool) -> Units<'a> {
        Units {
            inputs,
            ndjson,
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
            if !streamed(input, self.ndjson) {
                let start = self.next;
                let end = self.inputs[start..]
                    .iter()
                    .take(FILE_BATCH)
                    .position(|i| streamed(i, self.ndjson))
                    .map_or((start + FILE_BATCH).min(self.inputs.len()), |n| start + n);
                self.next = end;
                return Some(Work::Files(start..end));
            }
            self.next += 1;
            let per_line = self.ndjson || matches!(input, Input::File { ndjson: true, .. });
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

/// The documents of a block of NDJSON lines whose first is line `first_line`: each line
/// that is not blank, with its number. A BOM that opens the file does not make its line
/// a document.
pub(super) fn documents(bytes: &[u8], first_line: usize) -> impl Iterator<Item = (usize, &[u8])> {
    lines(bytes)
        .enumerate()
        .map(move |(n, line)| (first_line + n, line))
        .filter(|&(number, line)| {
            let text = match line.strip_prefix(b"\xEF\xBB\xBF") {
                Some(rest) if number == 1 => rest,
                _ => line,
            };
            !text.iter().all(u8::is_ascii_whitespace)
        })
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

/// The line a whole document starts on: that of its first non-blank byte.
pub(super) fn first_line(bytes: &[u8]) -> usize {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    1 + bytes[..start].iter().filter(|&&b| b == b'\n').count()
}
