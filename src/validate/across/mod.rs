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
//!
//! Here: the checks of the command line, the judge the pipeline runs, and the report's frame;
//! `row.rs`: a document's row and the run's totals, as data and as text.

mod row;

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use crate::error::CliError;
use crate::output::Paint;
use crate::profile::BUILTIN;
use crate::validate::check::Scratch;
use crate::validate::config::ValidateConfig;
use crate::validate::document;
use crate::validate::index::{CheckOptions, Panel, ScopeIndex};
use crate::validate::inputs;
use crate::validate::options::Options;
use crate::validate::pipeline::{self, Outcome};
use crate::validate::report::{Format, Output, Sink};
use crate::validate::tally::Tally;
use row::{totals_line, write_human, Acceptance, Labels, Row, RowJson, Totals};

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
