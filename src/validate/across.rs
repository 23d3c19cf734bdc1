//! `validate --wallet all` (or `--wallet A,B`): every document checked against each chosen
//! built-in wallet, and one line per document saying which accept it.
//!
//! It streams as a one-wallet run does: the same pipeline reads the inputs once, parses each
//! document once and walks it once, judging it under every wallet side by side
//! (`document::judgements`), and the rows are
//! written in input order as they come, so memory does not grow with the number of
//! documents. Exit code: 0 when every chosen wallet accepts every document, 1 when one
//! refuses one (or there is nothing to check), 2 when a path cannot be read (said once on
//! stderr, as in a one-wallet run). Stdin is refused: `--wallet all` is for fixture files.

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::check::Scratch;
use super::config::ValidateConfig;
use super::diagnostic::{plural, Judged, Rule};
use super::document;
use super::index::{CheckOptions, Panel, ScopeIndex};
use super::inputs;
use super::options::Options;
use super::pipeline::{self, Outcome};
use super::report::{Format, Output, Sink};
use super::tally::Tally;
use crate::error::CliError;
use crate::output::Paint;
use crate::profile::BUILTIN;
use crate::text::sanitize;

/// One document's verdicts across the wallets.
#[derive(Debug)]
struct Row {
    path: Arc<str>,
    line: usize,
    /// Whether the document is one line of an NDJSON input (its line is then shown).
    per_line: bool,
    /// The verdict under each chosen wallet, in `authcode wallets` order.
    judged: Vec<Judged>,
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
struct RowJson<'r> {
    row: &'r Row,
    names: &'r [&'static str],
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
struct Totals {
    files: usize,
    documents: usize,
    everywhere: usize,
    some: usize,
    none: usize,
}

impl Totals {
    fn add(&mut self, wallets: &Acceptance) {
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
struct Acceptance {
    accepted: usize,
    refused: usize,
}

/// Each document judged under every chosen wallet, and its row rendered.
struct AcrossWallets {
    names: Vec<&'static str>,
    panel: Panel,
    check: CheckOptions,
    options: Options,
    format: Format,
    quiet: bool,
    paint: Paint,
    labels: Labels,
}

impl pipeline::Judge for AcrossWallets {
    type Verdict = Row;
    type Counts = Acceptance;

    type Scratch = Scratch;

    fn judge(
        &self,
        scratch: &mut Scratch,
        bytes: &[u8],
        shown: &Arc<str>,
        first_line: usize,
        line: bool,
    ) -> Row {
        let options = Options {
            lines: line,
            ..self.options
        };
        let mut judged = Vec::with_capacity(self.panel.indexes.len());
        document::judgements(
            bytes,
            first_line,
            &self.panel,
            &self.check,
            options,
            scratch,
            &mut judged,
        );
        Row {
            path: Arc::clone(shown),
            line: first_line,
            per_line: line,
            judged,
        }
    }

    fn counts(&self, row: &Row) -> Acceptance {
        let accepted = row.judged.iter().filter(|j| j.valid()).count();
        Acceptance {
            accepted,
            refused: row.judged.len() - accepted,
        }
    }

    fn render(&self, row: &Row, out: &mut Vec<u8>) {
        if self.quiet {
            return;
        }
        // Writing into a Vec cannot fail.
        let _ = match self.format {
            Format::Json => serde_json::to_writer(
                out,
                &RowJson {
                    row,
                    names: &self.names,
                },
            )
            .map_err(io::Error::from),
            _ => write_human(out, row, &self.labels),
        };
    }
}

/// Runs `validate` against the built-in wallets `wallets` and returns the exit code.
pub(crate) fn run_across(wallets: &[&'static str], config: ValidateConfig) -> anyhow::Result<u8> {
    if config.expect.is_some() {
        return Err(CliError::usage(
            "validate with several wallets cannot pair responses with requested scopes (--expect-scopes, --request)",
        )
        .with_hint("pair them with one wallet: --wallet NAME")
        .into());
    }
    if !matches!(config.format, Format::Human | Format::Json) {
        return Err(CliError::usage(
            "validate with several wallets reports in --format human or json",
        )
        .with_hint("for GitHub or JUnit reports, run once per wallet: --wallet NAME")
        .into());
    }
    if config.paths.is_empty() || config.paths.iter().any(|p| p == Path::new("-")) {
        return Err(
            CliError::usage("validate with several wallets reads files, not stdin")
                .with_hint("name files or directories (authcode validate --wallet all fixtures/)")
                .into(),
        );
    }
    let inputs = inputs::collect(&config.paths, config.walk);
    let chosen: Vec<_> = BUILTIN
        .iter()
        .filter(|b| wallets.contains(&b.name))
        .collect();
    let names: Vec<&'static str> = chosen.iter().map(|b| b.name).collect();
    let judge = AcrossWallets {
        labels: Labels::new(config.color.stdout(), &names),
        names,
        panel: Panel::new(
            chosen
                .iter()
                .map(|b| ScopeIndex::new(b.profile()))
                .collect(),
        ),
        check: CheckOptions {
            kind: config.kind,
            expected: None,
        },
        // Only each wallet's verdict and rule ids are shown: no words, no positions.
        options: Options {
            strict: config.strict,
            detail: false,
            excerpts: false,
            lines: false,
        },
        format: config.format,
        quiet: config.quiet,
        paint: config.color.stdout(),
    };
    let checker = pipeline::Checker {
        judge: &judge,
        ndjson: config.ndjson,
    };
    let mut totals = Totals::default();
    let mut tally = Tally::new(inputs.len(), config.color.stderr());
    let mut out = Output::stdout();
    checker.run(&inputs, config.jobs, |outcome| {
        match outcome {
            Outcome::Checked(wallets, rendered) => {
                totals.add(wallets);
                tally.document(wallets.refused == 0);
                if !judge.quiet {
                    out.write(|sink| document(sink, &judge, rendered));
                }
            }
            Outcome::Unreadable(u) => tally.unreadable(u),
        }
        Ok(())
    })?;
    totals.files = tally.files();
    out.write(|sink| finish(sink, &judge, &totals, tally.failed()));
    tally.exit(out.close())
}

/// Writes one document's rendered row.
fn document(sink: &mut Sink<'_>, judge: &AcrossWallets, rendered: &[u8]) -> io::Result<()> {
    if judge.format == Format::Json {
        if sink.documents == 0 {
            sink.out.write_all(b"{\"wallets\": ")?;
            serde_json::to_writer(&mut sink.out, &judge.names)?;
            sink.out.write_all(b", \"documents\": [\n")?;
        } else {
            sink.out.write_all(b",\n")?;
        }
    }
    sink.documents += 1;
    sink.out.write_all(rendered)
}

/// Ends the report with the totals (painted red when the run fails).
fn finish(
    sink: &mut Sink<'_>,
    judge: &AcrossWallets,
    totals: &Totals,
    failed: bool,
) -> io::Result<()> {
    let out = &mut sink.out;
    if judge.format == Format::Json {
        if judge.quiet {
            out.write_all(b"{\"summary\": ")?;
        } else if sink.documents == 0 {
            out.write_all(b"{\"wallets\": ")?;
            serde_json::to_writer(&mut *out, &judge.names)?;
            out.write_all(b", \"documents\": [], \"summary\": ")?;
        } else {
            out.write_all(b"\n], \"summary\": ")?;
        }
        serde_json::to_writer(&mut *out, totals)?;
        out.write_all(b"}\n")?;
    } else {
        let line = totals_line(totals);
        let paint = judge.paint;
        let line = if failed {
            paint.red(&line)
        } else {
            paint.green(&line)
        };
        writeln!(out, "{line}")?;
    }
    out.flush()
}

/// `path:line: accepted by A, B; refused by C (rule, rule)`; the line number where the
/// document is one line of an NDJSON input. Written piece by piece, the pieces made once
/// for the run (`Labels`): a run over every wallet writes one of these for each document.
fn write_human(out: &mut Vec<u8>, row: &Row, labels: &Labels) -> io::Result<()> {
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
struct Labels {
    accepted: Pieces,
    refused: Pieces,
}

impl Labels {
    fn new(paint: Paint, names: &[&str]) -> Labels {
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
fn totals_line(t: &Totals) -> String {
    format!(
        "{} in {}: {} accepted by every wallet, {} by some, {} by none",
        plural(t.documents, "document", "documents"),
        plural(t.files, "file", "files"),
        t.everywhere,
        t.some,
        t.none
    )
}
