//! `validate --wallet all` (or `--wallet A,B`): every document checked against each chosen
//! built-in wallet, and one line per document saying which accept it. The inputs are checked once per wallet by the
//! same pipeline as a one-wallet run; the verdicts are then joined document by document.
//!
//! Exit code: 0 when every chosen wallet accepts every document, 1 when one refuses one,
//! 2 when a path cannot be read (said once on stderr, as in a one-wallet run). Stdin is refused: it could be read only once. Unlike a
//! one-wallet run, the verdicts are kept until every wallet is done (memory grows with the
//! number of documents): a fixture set, not a stream, is what this is for.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use super::config::ValidateConfig;
use super::diagnostic::{DocResult, Severity};
use super::index::{CheckOptions, ScopeIndex};
use super::options::Options;
use super::pipeline::Outcome;
use super::report::{self, Format};
use super::{inputs, pipeline};
use crate::error::{self, CliError};
use crate::output::Paint;
use crate::profile::BUILTIN;
use crate::text::sanitize;

/// One document's verdicts across the wallets.
#[derive(Debug, Serialize)]
struct Across {
    path: Arc<str>,
    line: Option<usize>,
    /// The wallets that accept it, in `authcode wallets` order.
    accepted: Vec<&'static str>,
    /// The wallets that refuse it, each with the rules it breaks there.
    refused: Vec<Refusal>,
}

#[derive(Debug, Serialize)]
struct Refusal {
    wallet: &'static str,
    rules: Vec<&'static str>,
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
    // The verdicts are kept and joined; nothing is rendered per document.
    let silent = report::reporter(Format::Json, true, Paint(false));
    let check = CheckOptions {
        kind: config.kind,
        expected: None,
    };
    let mut verdicts: Vec<Vec<DocResult>> = Vec::new();
    let mut unreadable = 0;
    let chosen: Vec<_> = BUILTIN
        .iter()
        .filter(|b| wallets.contains(&b.name))
        .collect();
    for builtin in &chosen {
        let index = ScopeIndex::new(&builtin.profile());
        let checker = pipeline::Checker {
            index: &index,
            check: &check,
            options: Options {
                strict: config.strict,
                detail: true,
                excerpts: false,
                lines: false,
            },
            ndjson: config.ndjson,
            reporter: silent.as_ref(),
        };
        let first = verdicts.is_empty();
        let mut docs = Vec::new();
        checker.run(&inputs, config.jobs, |outcome| {
            match outcome {
                Outcome::Checked(doc, _) => docs.push(doc.clone()),
                // Said once, on the first wallet's pass.
                Outcome::Unreadable(u) if first => {
                    unreadable += 1;
                    let _ = writeln!(
                        io::stderr().lock(),
                        "{} cannot read {}: {}",
                        config.color.stderr().red("error:"),
                        sanitize(&u.shown),
                        u.reason
                    );
                }
                Outcome::Unreadable(_) => {}
            }
            Ok(())
        })?;
        verdicts.push(docs);
    }
    let names: Vec<&'static str> = chosen.iter().map(|b| b.name).collect();
    let rows = join(&names, &verdicts);
    let mut totals = Totals {
        files: inputs.len().saturating_sub(unreadable),
        ..Totals::default()
    };
    for row in &rows {
        totals.documents += 1;
        match (row.accepted.len(), row.refused.len()) {
            (_, 0) => totals.everywhere += 1,
            (0, _) => totals.none += 1,
            _ => totals.some += 1,
        }
    }
    let paint = config.color.stdout();
    let mut out = BufWriter::new(io::stdout().lock());
    match config.format {
        Format::Json => write_json(&mut out, &names, &rows, &totals)?,
        _ => write_human(&mut out, &rows, &totals, config.quiet, paint)?,
    }
    out.flush()?;
    if totals.files == 0 && unreadable == 0 {
        return Err(
            CliError::invalid("no *.json, *.ndjson or *.jsonl file to validate")
                .with_hint("check the paths; files are found by those extensions in directories")
                .into(),
        );
    }
    Ok(if unreadable > 0 {
        error::EXIT_USAGE
    } else if totals.everywhere < totals.documents {
        error::EXIT_INVALID
    } else {
        0
    })
}

/// The verdicts of each wallet (`names`, in [`BUILTIN`] order), joined document by document.
fn join(names: &[&'static str], verdicts: &[Vec<DocResult>]) -> Vec<Across> {
    let count = verdicts.first().map_or(0, Vec::len);
    (0..count)
        .map(|i| {
            let first = &verdicts[0][i];
            let mut row = Across {
                path: Arc::clone(&first.path),
                line: first.line,
                accepted: Vec::new(),
                refused: Vec::new(),
            };
            for (&name, docs) in names.iter().zip(verdicts) {
                let doc = &docs[i];
                if doc.valid {
                    row.accepted.push(name);
                } else {
                    let mut rules: Vec<&'static str> = Vec::new();
                    for d in &doc.diagnostics {
                        if d.severity == Severity::Error && !rules.contains(&d.rule.id()) {
                            rules.push(d.rule.id());
                        }
                    }
                    row.refused.push(Refusal {
                        wallet: name,
                        rules,
                    });
                }
            }
            row
        })
        .collect()
}

/// `path:line: accepted by A, B; refused by C (rule, rule)`; the line number only where a
/// file holds several documents.
fn write_human(
    out: &mut dyn Write,
    rows: &[Across],
    totals: &Totals,
    quiet: bool,
    paint: Paint,
) -> io::Result<()> {
    if !quiet {
        for (i, row) in rows.iter().enumerate() {
            let shared = |j: usize| rows.get(j).is_some_and(|r| r.path == row.path);
            let place = match row.line {
                Some(line) if shared(i + 1) || (i > 0 && shared(i - 1)) => {
                    format!("{}:{line}", row.path)
                }
                _ => row.path.to_string(),
            };
            let mut parts = Vec::new();
            if !row.accepted.is_empty() {
                parts.push(format!(
                    "{} {}",
                    paint.green("accepted by"),
                    row.accepted.join(", ")
                ));
            }
            if !row.refused.is_empty() {
                let refused: Vec<String> = row
                    .refused
                    .iter()
                    .map(|r| format!("{} ({})", r.wallet, r.rules.join(", ")))
                    .collect();
                parts.push(format!(
                    "{} {}",
                    paint.red("refused by"),
                    refused.join(", ")
                ));
            }
            writeln!(out, "{place}: {}", parts.join("; "))?;
        }
    }
    writeln!(out, "{}", totals_line(totals))
}

/// `3 documents in 2 files: 1 accepted by every wallet, 2 by some, 0 by none`
fn totals_line(t: &Totals) -> String {
    use super::diagnostic::plural;
    format!(
        "{} in {}: {} accepted by every wallet, {} by some, {} by none",
        plural(t.documents, "document", "documents"),
        plural(t.files, "file", "files"),
        t.everywhere,
        t.some,
        t.none
    )
}

fn write_json(
    out: &mut dyn Write,
    wallets: &[&str],
    rows: &[Across],
    totals: &Totals,
) -> io::Result<()> {
    let report = serde_json::json!({
        "wallets": wallets,
        "documents": rows,
        "summary": totals,
    });
    serde_json::to_writer(&mut *out, &report)?;
    writeln!(out)
}
