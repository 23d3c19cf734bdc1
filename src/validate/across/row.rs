//! One document's verdicts across the wallets, the run's totals, and how a row and the totals
//! read (JSON or one human line).

use std::io;
use std::sync::Arc;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::output::Paint;
use crate::text::sanitize;
use crate::validate::diagnostic::{plural, Judged, Rule};

/// One document's verdicts across the wallets.
#[derive(Debug)]
pub(super) struct Row {
    pub(super) path: Arc<str>,
    pub(super) line: usize,
    /// Whether the document is one line of an NDJSON input (its line is then shown).
    pub(super) per_line: bool,
    /// The verdict under each chosen wallet, in `authcode wallets` order.
    pub(super) judged: Vec<Judged>,
}

impl Row {
    /// The wallets that accept the document, and those that refuse it with their verdicts.
    fn accepted<'r>(
        &'r self,
        names: &'r [&'static str],
    ) -> impl Iterator<Item = &'static str> + 'r {
        names
            .iter()
            .zip(&self.judged)
            .filter(|(_, j)| j.valid())
            .map(|(&name, _)| name)
    }

    fn refused<'r>(
        &'r self,
        names: &'r [&'static str],
    ) -> impl Iterator<Item = (&'static str, &'r Judged)> + 'r {
        names
            .iter()
            .zip(&self.judged)
            .filter(|(_, j)| !j.valid())
            .map(|(&name, j)| (name, j))
    }
}

/// A row as JSON: `{"path", "line", "accepted": [...], "refused": [{"wallet", "rules"}]}`.
pub(super) struct RowJson<'r> {
    pub(super) row: &'r Row,
    pub(super) names: &'r [&'static str],
}

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Accepted<'r>(&'r RowJson<'r>);
        impl Serialize for Accepted<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.row.accepted(self.0.names))
            }
        }
        struct Refused<'r>(&'r RowJson<'r>);
        impl Serialize for Refused<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.row.refused(self.0.names).map(|(wallet, j)| Refusal {
                    wallet,
                    rules: j.rules.as_slice(),
                }))
            }
        }
        let mut row = s.serialize_struct("Row", 4)?;
        row.serialize_field("path", &*self.row.path)?;
        row.serialize_field("line", &self.row.line)?;
        row.serialize_field("accepted", &Accepted(self))?;
        row.serialize_field("refused", &Refused(self))?;
        row.end()
    }
}

#[derive(Serialize)]
struct Refusal<'r> {
    wallet: &'static str,
    rules: &'r [Rule],
}

/// Totals of a run: documents accepted by every wallet, by some, by none.
#[derive(Debug, Default, Serialize)]
pub(super) struct Totals {
    pub(super) files: usize,
    documents: usize,
    everywhere: usize,
    some: usize,
    none: usize,
}

impl Totals {
    pub(super) fn add(&mut self, wallets: &Acceptance) {
        self.documents += 1;
        match (wallets.accepted, wallets.refused) {
            (_, 0) => self.everywhere += 1,
            (0, _) => self.none += 1,
            _ => self.some += 1,
        }
    }
}

/// How many of the chosen wallets accept a document, and how many refuse it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Acceptance {
    pub(super) accepted: usize,
    pub(super) refused: usize,
}

/// `path:line: accepted by A, B; refused by C (rule, rule)`; the line number where the
/// document is one line of an NDJSON input. Written piece by piece, the pieces made once
/// for the run (`Labels`): a run over every wallet writes one of these for each document.
pub(super) fn write_human(out: &mut Vec<u8>, row: &Row, labels: &Labels) -> io::Result<()> {
    // One reservation for the row: the pieces below are short.
    out.reserve(row.path.len() + 32 * row.judged.len() + 64);
    out.extend_from_slice(sanitize(&row.path).as_bytes());
    if row.per_line {
        out.push(b':');
        out.extend_from_slice(itoa::Buffer::new().format(row.line).as_bytes());
    }
    out.extend_from_slice(b": ");
    let mut accepted = 0;
    for (wallet, judged) in row.judged.iter().enumerate() {
        if judged.valid() {
            out.extend_from_slice(labels.accepted.piece(wallet, accepted == 0));
            accepted += 1;
        }
    }
    if accepted > 0 && accepted < row.judged.len() {
        out.extend_from_slice(b"; ");
    }
    let mut refused = 0;
    for (wallet, judged) in row.judged.iter().enumerate() {
        if !judged.valid() {
            out.extend_from_slice(labels.refused.piece(wallet, refused == 0));
            for (j, rule) in judged.rules.as_slice().iter().enumerate() {
                if j > 0 {
                    out.extend_from_slice(b", ");
                }
                out.extend_from_slice(rule.id().as_bytes());
            }
            out.push(b')');
            refused += 1;
        }
    }
    out.push(b'\n');
    Ok(())
}

/// The pieces of a human row, painted once for the run.
pub(super) struct Labels {
    accepted: Pieces,
    refused: Pieces,
}

impl Labels {
    pub(super) fn new(paint: Paint, names: &[&str]) -> Labels {
        Labels {
            accepted: Pieces::new(&paint.green("accepted by"), names, ""),
            refused: Pieces::new(&paint.red("refused by"), names, " ("),
        }
    }
}

/// Each wallet's name as the first of a list (`accepted by gcash`) and as a later one
/// (`, gcash`).
struct Pieces {
    first: Vec<String>,
    later: Vec<String>,
}

impl Pieces {
    fn new(label: &str, names: &[&str], end: &str) -> Pieces {
        Pieces {
            first: names.iter().map(|n| format!("{label} {n}{end}")).collect(),
            later: names.iter().map(|n| format!(", {n}{end}")).collect(),
        }
    }

    fn piece(&self, wallet: usize, first: bool) -> &[u8] {
        let pieces = if first { &self.first } else { &self.later };
        pieces.get(wallet).map_or(&[][..], |p| p.as_bytes())
    }
}

/// `3 documents in 2 files: 1 accepted by every wallet, 2 by some, 0 by none`
pub(super) fn totals_line(t: &Totals) -> String {
    format!(
        "{} in {}: {} accepted by every wallet, {} by some, {} by none",
        plural(t.documents, "document", "documents"),
        plural(t.files, "file", "files"),
        t.everywhere,
        t.some,
        t.none
    )
}
