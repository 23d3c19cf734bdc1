//! `authcode validate`: check getAuthCode request and response documents.

pub mod check;
pub mod document;
pub mod inputs;
pub mod locate;
pub mod report;
pub mod rules;

use std::io::{self, BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};

use crate::catalog::Catalog;
use crate::cli::{self, ValidateArgs};
use crate::error::{self, CliError};
use crate::output::ColorMode;
use check::Context;
use document::Options;
use inputs::Input;
use report::{Format, Reporter};
use rules::{DocKind, DocResult, Summary};

/// What `authcode validate` was asked for.
#[derive(Debug, Clone)]
pub struct ValidateConfig {
    pub paths: Vec<PathBuf>,
    pub ndjson: bool,
    pub kind: Option<DocKind>,
    pub expect: Option<Expect>,
    pub strict: bool,
    pub format: Format,
    pub quiet: bool,
    pub jobs: usize,
    pub color: ColorMode,
}

/// Where the scopes each response must answer come from.
#[derive(Debug, Clone)]
pub enum Expect {
    Scopes(Vec<String>),
    RequestFile(PathBuf),
}

impl ValidateConfig {
    pub fn from_args(args: ValidateArgs, color: ColorMode) -> anyhow::Result<ValidateConfig> {
        let expect = match (args.expect_scopes, args.request) {
            (Some(scopes), _) => Some(Expect::Scopes(
                scopes
                    .iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
            )),
            (None, Some(path)) => Some(Expect::RequestFile(path)),
            (None, None) => None,
        };
        Ok(ValidateConfig {
            paths: args.paths,
            ndjson: args.ndjson,
            kind: args.kind.map(|k| match k {
                cli::Kind::Request => DocKind::Request,
                cli::Kind::Response => DocKind::Response,
            }),
            expect,
            strict: args.strict,
            format: match args.format {
                cli::ReportFormat::Human => Format::Human,
                cli::ReportFormat::Json => Format::Json,
                cli::ReportFormat::Github => Format::Github,
                cli::ReportFormat::Junit => Format::Junit,
            },
            quiet: args.quiet,
            jobs: args
                .jobs
                .map(usize::from)
                .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
                .unwrap_or(1),
            color,
        })
    }
}

/// Runs the command and returns the exit code: 0 all valid, 1 some invalid, 2 when a path
/// could not be read (the rest are still checked).
pub fn run(catalog: &Catalog, config: ValidateConfig) -> anyhow::Result<u8> {
    let mut ctx = Context::new(catalog, config.kind);
    if let Some(expect) = &config.expect {
        let scopes = expected_scopes(expect)?;
        if scopes.is_empty() {
            return Err(CliError::usage("--expect-scopes names no scope").into());
        }
        ctx.expect(&scopes).map_err(|unknown| {
            let mut err = CliError::usage(format!(
                "unknown scope {} to expect",
                crate::output::sanitize(&unknown)
            ));
            if let Some(near) = catalog.suggest(&unknown) {
                err = err.with_hint(format!("did you mean {near}?"));
            }
            err
        })?;
    }
    let mut paths = config.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            return Err(CliError::usage("no input to validate")
                .with_hint("name files or directories (authcode validate fixtures/), or pipe JSON on stdin")
                .into());
        }
        paths.push(PathBuf::from("-"));
    }
    let inputs = inputs::collect(&paths);

    let stdout = io::stdout();
    let out: Box<dyn Write> = Box::new(BufWriter::with_capacity(64 * 1024, stdout.lock()));
    let mut reporter = report::reporter(config.format, config.quiet, config.color.stdout(), out);
    let mut run = Run {
        ctx: &ctx,
        options: Options {
            strict: config.strict,
        },
        ndjson: config.ndjson,
        summary: Summary::default(),
        unreadable: false,
        reporter: reporter.as_mut(),
    };
    run.all(&inputs, config.jobs)?;
    let (summary, unreadable) = (run.summary, run.unreadable);
    reporter.finish(&summary)?;
    Ok(if unreadable {
        error::EXIT_USAGE
    } else if summary.invalid > 0 {
        error::EXIT_INVALID
    } else {
        0
    })
}

fn expected_scopes(expect: &Expect) -> anyhow::Result<Vec<String>> {
    match expect {
        Expect::Scopes(scopes) => Ok(scopes.clone()),
        Expect::RequestFile(path) => {
            let shown = crate::output::display_path(path);
            let bytes = std::fs::read(path).map_err(|e| {
                CliError::usage(format!("cannot read {shown}: {}", error::io_reason(&e)))
            })?;
            let doc = crate::reqfile::scopes_of(&bytes).map_err(|e| {
                let err = CliError::usage(format!("--request {shown}: {}", e.message));
                match e.hint {
                    Some(hint) => err.with_hint(hint),
                    None => err,
                }
            })?;
            Ok(doc.scopes)
        }
    }
}

struct Run<'r, 'w> {
    ctx: &'r Context,
    options: Options,
    ndjson: bool,
    summary: Summary,
    unreadable: bool,
    reporter: &'r mut (dyn Reporter + 'w),
}

impl Run<'_, '_> {
    fn emit(&mut self, doc: &DocResult) -> io::Result<()> {
        if doc.diagnostics.iter().any(|d| d.rule == rules::Rule::Io) {
            self.unreadable = true;
        }
        self.summary.add(doc);
        self.reporter.document(doc)
    }

    /// Checks every input, reporting in input order. Runs of whole-document files are
    /// checked in parallel; NDJSON inputs are streamed line by line.
    fn all(&mut self, inputs: &[Input], jobs: usize) -> io::Result<()> {
        self.summary.files = inputs.len();
        let mut i = 0;
        while i < inputs.len() {
            let streamed = |input: &Input| match input {
                Input::Stdin => true,
                Input::File { ndjson, .. } => *ndjson || self.ndjson,
                Input::Unreadable { .. } => false,
            };
            if streamed(&inputs[i]) {
                self.stream(&inputs[i])?;
                i += 1;
                continue;
            }
            let end = inputs[i..]
                .iter()
                .position(streamed)
                .map_or(inputs.len(), |n| i + n);
            self.parallel(&inputs[i..end], jobs)?;
            i = end;
        }
        Ok(())
    }

    fn parallel(&mut self, inputs: &[Input], jobs: usize) -> io::Result<()> {
        let (ctx, options) = (self.ctx, self.options);
        let check = move |input: &Input| -> DocResult {
            match input {
                Input::File { path, shown, .. } => match std::fs::read(path) {
                    Ok(bytes) => {
                        document::check_document(&bytes, shown, first_line(&bytes), ctx, options)
                    }
                    Err(e) => document::io_failure(shown, error::io_reason(&e)),
                },
                Input::Unreadable { shown, reason } => document::io_failure(shown, reason.clone()),
                Input::Stdin => unreachable!("stdin is streamed"),
            }
        };
        let jobs = jobs.min(inputs.len()).max(1);
        if jobs == 1 {
            for input in inputs {
                self.emit(&check(input))?;
            }
            return Ok(());
        }
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::sync_channel::<(usize, DocResult)>(1024);
            for _ in 0..jobs {
                let tx = tx.clone();
                let (next, stop, check) = (&next, &stop, &check);
                scope.spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else { break };
                        if tx.send((i, check(input))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            let mut pending: std::collections::BTreeMap<usize, DocResult> = Default::default();
            let mut expected = 0;
            for (i, doc) in rx {
                pending.insert(i, doc);
                while let Some(doc) = pending.remove(&expected) {
                    if let Err(e) = self.emit(&doc) {
                        stop.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                    expected += 1;
                }
            }
            Ok(())
        })
    }

    /// Checks an NDJSON input (or stdin) document by document without holding it whole.
    fn stream(&mut self, input: &Input) -> io::Result<()> {
        let (reader, shown): (Box<dyn Read>, Arc<str>) = match input {
            Input::Stdin => (Box::new(io::stdin().lock()), Arc::from("<stdin>")),
            Input::File { path, shown, .. } => match std::fs::File::open(path) {
                Ok(f) => (Box::new(f), Arc::clone(shown)),
                Err(e) => return self.emit(&document::io_failure(shown, error::io_reason(&e))),
            },
            Input::Unreadable { shown, reason } => {
                return self.emit(&document::io_failure(shown, reason.clone()))
            }
        };
        let mut reader = io::BufReader::with_capacity(256 * 1024, reader);
        let per_line = self.ndjson || matches!(input, Input::File { ndjson: true, .. });
        if !per_line {
            let mut bytes = Vec::new();
            if let Err(e) = reader.read_to_end(&mut bytes) {
                return self.emit(&document::io_failure(&shown, error::io_reason(&e)));
            }
            let doc = document::check_document(
                &bytes,
                &shown,
                first_line(&bytes),
                self.ctx,
                self.options,
            );
            return self.emit(&doc);
        }
        let mut line = Vec::new();
        let mut number = 0;
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => return Ok(()),
                Ok(_) => {}
                Err(e) => return self.emit(&document::io_failure(&shown, error::io_reason(&e))),
            }
            number += 1;
            let text = line
                .strip_prefix(b"\xEF\xBB\xBF")
                .filter(|_| number == 1)
                .unwrap_or(&line);
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let doc = document::check_document(&line, &shown, number, self.ctx, self.options);
            self.emit(&doc)?;
        }
    }
}

/// The line a whole-file document starts on (after leading blank lines).
fn first_line(bytes: &[u8]) -> usize {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    1 + bytes[..start].iter().filter(|&&b| b == b'\n').count()
}
