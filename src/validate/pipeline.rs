//! Checks the units of work (`units.rs`) on worker threads and hands each document's counts
//! back in input order, with its rendered part of the report; the verdict itself is rendered
//! and dropped on the thread that made it. What a verdict is, and how it is rendered, is the
//! [`Judge`]'s: one wallet's check and report format (`mod.rs`), or every chosen wallet's on
//! each document (`across/`). Memory stays bounded by the units in flight, whatever the
//! number of documents.

use std::collections::BTreeMap;
use std::io;
use std::sync::mpsc::{self, TrySendError};
use std::sync::{Arc, Mutex};

use super::inputs::{Input, Unreadable};
use super::units::{self, Units, Work};
use crate::error;

/// What a run makes of each document.
pub(super) trait Judge: Sync {
    /// A document's verdict.
    type Verdict;

    /// What the writing end keeps of a verdict (the run's totals take it): the verdict
    /// itself stays on the thread that made it, which renders it, and is dropped there.
    type Counts: Send;

    /// What a thread keeps from one document to the next (room to reuse).
    type Scratch: Default;

    /// The verdict on one document: `bytes`, which start on line `first_line` of the input
    /// shown as `shown`; `line` when the document is one line of NDJSON.
    fn judge(
        &self,
        scratch: &mut Self::Scratch,
        bytes: &[u8],
        shown: &Arc<str>,
        first_line: usize,
        line: bool,
    ) -> Self::Verdict;

    /// Appends the verdict's part of the report to `out` (a Vec: writing cannot fail).
    fn render(&self, verdict: &Self::Verdict, out: &mut Vec<u8>);

    /// What the run's totals take from the verdict.
    fn counts(&self, verdict: &Self::Verdict) -> Self::Counts;
}

/// What a unit of work yields, in input order.
pub(super) enum Outcome<'b, C> {
    /// A document's counts and its rendered part of the report.
    Checked(&'b C, &'b [u8]),
    Unreadable(&'b Unreadable),
}

/// A verdict, or an input that could not be read.
enum Verdict<V> {
    Checked(V),
    Unreadable(Unreadable),
}

/// The counts of one unit of work's verdicts, with their rendered report parts end to end.
struct Batch<C> {
    docs: Vec<Verdict<C>>,
    text: Vec<u8>,
    /// Where each document's part of `text` ends.
    ends: Vec<usize>,
}

impl<C> Batch<C> {
    fn new() -> Batch<C> {
        Batch {
            docs: Vec::new(),
            text: Vec::new(),
            ends: Vec::new(),
        }
    }

    /// Renders `verdict` and keeps its counts; the verdict is dropped here.
    fn add<J: Judge<Counts = C>>(&mut self, judge: &J, verdict: Verdict<J::Verdict>) {
        self.docs.push(match verdict {
            Verdict::Checked(verdict) => {
                judge.render(&verdict, &mut self.text);
                Verdict::Checked(judge.counts(&verdict))
            }
            Verdict::Unreadable(u) => Verdict::Unreadable(u),
        });
        self.ends.push(self.text.len());
    }

    fn emit(&self, emit: &mut impl FnMut(Outcome<'_, C>) -> io::Result<()>) -> io::Result<()> {
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

/// The inputs' documents through a [`Judge`], on threads.
pub(super) struct Checker<'a, J> {
    pub judge: &'a J,
    /// `--ndjson`: every input holds one document per line.
    pub ndjson: bool,
}

impl<J: Judge> Checker<'_, J> {
    /// Checks one unit of work and renders its report parts.
    fn work(&self, inputs: &[Input], work: Work, scratch: &mut J::Scratch) -> Batch<J::Counts> {
        let mut batch = Batch::new();
        self.check(inputs, work, scratch, |verdict| {
            batch.add(self.judge, verdict)
        });
        batch
    }

    /// Judges each document of `work` in turn, handing each verdict to `each`.
    fn check(
        &self,
        inputs: &[Input],
        work: Work,
        scratch: &mut J::Scratch,
        mut each: impl FnMut(Verdict<J::Verdict>),
    ) {
        match work {
            Work::Files(range) => {
                for input in &inputs[range] {
                    each(self.file(input, scratch));
                }
            }
            Work::Lines {
                shown,
                bytes,
                first_line,
            } => {
                // Every verdict holds the path: give this block its own copy, so that two
                // threads do not bump one shared reference count for every line.
                let shown: Arc<str> = Arc::from(&*shown);
                for (number, line) in units::documents(&bytes, first_line) {
                    each(Verdict::Checked(
                        self.judge.judge(scratch, line, &shown, number, true),
                    ));
                }
            }
            Work::Whole { shown, bytes } => {
                let first_line = units::first_line(&bytes);
                each(Verdict::Checked(
                    self.judge.judge(scratch, &bytes, &shown, first_line, false),
                ));
            }
            Work::Unreadable(u) => each(Verdict::Unreadable(u)),
        }
    }

    fn file(&self, input: &Input, scratch: &mut J::Scratch) -> Verdict<J::Verdict> {
        match input {
            Input::File { path, shown, .. } => match std::fs::read(path) {
                Ok(bytes) => Verdict::Checked(self.judge.judge(
                    scratch,
                    &bytes,
                    shown,
                    units::first_line(&bytes),
                    false,
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

    /// Checks `inputs` on `jobs` threads (`None`: as many as the machine runs at once),
    /// passing every verdict's counts and its rendered report part to `emit` in input order.
    pub(super) fn run(
        &self,
        inputs: &[Input],
        jobs: Option<usize>,
        mut emit: impl FnMut(Outcome<'_, J::Counts>) -> io::Result<()>,
    ) -> io::Result<()> {
        let units = Units::new(inputs, self.ndjson);
        // The machine's parallelism is asked only when there is work for several threads
        // (it reads cgroup files): not for one small file.
        let jobs = match units::units_at_most(inputs, self.ndjson) {
            0 | 1 => 1,
            _ => jobs
                .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
                .unwrap_or(1),
        };
        if jobs <= 1 {
            let mut scratch = J::Scratch::default();
            for unit in units {
                self.work(inputs, unit, &mut scratch).emit(&mut emit)?;
            }
            return Ok(());
        }
        let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Work)>(jobs * 4);
        let work_rx = Mutex::new(work_rx);
        let (done_tx, done_rx) = mpsc::channel::<(usize, Batch<J::Counts>)>();
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                let (work_rx, done_tx) = (&work_rx, done_tx.clone());
                scope.spawn(move || {
                    let mut scratch = J::Scratch::default();
                    loop {
                        let next = match work_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok((i, unit)) = next else { return };
                        let batch = self.work(inputs, unit, &mut scratch);
                        if done_tx.send((i, batch)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(done_tx);

            let mut pending: BTreeMap<usize, Batch<J::Counts>> = BTreeMap::new();
            let mut next_out = 0;
            let mut take = |i: usize, batch: Batch<J::Counts>| -> io::Result<()> {
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
