//! How a run ends, for one wallet and for many alike: what it read, and the exit code that
//! follows. The exit code is the verdict on the documents, whatever became of the report (a
//! reader that stopped reading, `| head`, changes nothing).

use std::io::{self, Write};

use super::inputs::Unreadable;
use crate::error::{self, CliError};
use crate::output::Paint;

/// What a run read and found.
#[derive(Debug)]
pub(super) struct Tally {
    inputs: usize,
    documents: usize,
    /// Documents not accepted (by the one wallet, or by one of the chosen wallets).
    refused: usize,
    /// Inputs that could not be read.
    unreadable: usize,
    /// For the `error:` lines of unreadable inputs on stderr.
    paint: Paint,
}

impl Tally {
    /// A run over `inputs` inputs, saying unreadable ones with `paint`.
    pub(super) fn new(inputs: usize, paint: Paint) -> Tally {
        Tally {
            inputs,
            documents: 0,
            refused: 0,
            unreadable: 0,
            paint,
        }
    }

    /// One document judged: `accepted` or not.
    pub(super) fn document(&mut self, accepted: bool) {
        self.documents += 1;
        self.refused += usize::from(!accepted);
    }

    /// An input that could not be read: said on stderr at once, and counted.
    pub(super) fn unreadable(&mut self, u: &Unreadable) {
        self.unreadable += 1;
        let _ = writeln!(
            io::stderr().lock(),
            "{} cannot read {}: {}",
            self.paint.red("error:"),
            crate::text::sanitize(&u.shown),
            u.reason
        );
    }

    /// The files read.
    pub(super) fn files(&self) -> usize {
        self.inputs.saturating_sub(self.unreadable)
    }

    /// Whether the run fails: a document refused, an input unreadable, nothing found.
    pub(super) fn failed(&self) -> bool {
        self.refused > 0 || self.unreadable > 0 || self.documents == 0
    }

    /// The exit code: 2 when an input could not be read, 1 when a document is refused or
    /// there was nothing to check, else 0. `write_error` is why the report could not be
    /// written (a closed pipe is none).
    pub(super) fn exit(&self, write_error: Option<io::Error>) -> anyhow::Result<u8> {
        if let Some(e) = write_error {
            return Err(CliError::usage(format!(
                "cannot write to stdout: {}",
                error::io_reason(&e)
            ))
            .into());
        }
        if self.unreadable > 0 {
            return Ok(error::EXIT_USAGE);
        }
        // A CI step pointed at the wrong folder, or at an empty file, must not pass for
        // having checked nothing.
        if self.files() == 0 {
            return Err(
                CliError::invalid("no *.json, *.ndjson or *.jsonl file to validate")
                    .with_hint(
                        "check the paths; files are found by those extensions in directories",
                    )
                    .into(),
            );
        }
        if self.documents == 0 {
            return Err(CliError::invalid(format!(
                "no document to validate: {} empty or blank",
                if self.files() == 1 {
                    "the input is"
                } else {
                    "the inputs are"
                }
            ))
            .with_hint("each line of NDJSON is one document; an empty file checks nothing")
            .into());
        }
        Ok(if self.refused > 0 {
            error::EXIT_INVALID
        } else {
            0
        })
    }
}
