//! `authcode validate`: check getAuthCode request and response documents.

pub mod check;
pub mod document;
pub mod inputs;
pub mod locate;
mod pipeline;
pub mod report;
pub mod rules;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::cli::{self, ValidateArgs};
use crate::error::{self, CliError};
use crate::output::ColorMode;
use check::Context;
use document::Options;
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
        let source = match expect {
            Expect::Scopes(_) => "--expect-scopes".to_string(),
            Expect::RequestFile(path) => {
                format!("--request {}", crate::output::display_path(path))
            }
        };
        if scopes.is_empty() {
            return Err(CliError::usage(format!("{source} names no scope")).into());
        }
        ctx.expect(&scopes).map_err(|unknown| {
            let mut err = CliError::usage(format!(
                "{source}: unknown scope {} in the {} catalog",
                crate::output::brief(&unknown),
                crate::output::sanitize(&catalog.name)
            ));
            if let Some(hint) = crate::suggest::did_you_mean(&catalog.suggest(&unknown)) {
                err = err.with_hint(hint);
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
    let checker = pipeline::Checker {
        ctx: &ctx,
        options: Options {
            strict: config.strict,
            excerpts: config.format == Format::Human && !config.quiet,
        },
        ndjson: config.ndjson,
        renderer: report::Renderer {
            format: config.format,
            quiet: config.quiet,
            paint: config.color.stdout(),
        },
    };
    let mut run = Run {
        summary: Summary {
            files: inputs.len(),
            ..Summary::default()
        },
        unreadable: false,
        reporter: reporter.as_mut(),
    };
    checker.run(&inputs, config.jobs, |doc, rendered| {
        run.emit(doc, rendered)
    })?;
    let (summary, unreadable) = (run.summary, run.unreadable);
    reporter.finish(&summary)?;
    if summary.files == 0 {
        // A CI step pointed at the wrong folder must not pass for having checked nothing.
        return Err(
            CliError::invalid("no *.json, *.ndjson or *.jsonl file to validate")
                .with_hint("check the paths; files are found by those extensions in directories")
                .into(),
        );
    }
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
    summary: Summary,
    unreadable: bool,
    reporter: &'r mut (dyn Reporter + 'w),
}

impl Run<'_, '_> {
    fn emit(&mut self, doc: &DocResult, rendered: &[u8]) -> io::Result<()> {
        if doc.diagnostics.iter().any(|d| d.rule == rules::Rule::Io) {
            self.unreadable = true;
        }
        self.summary.add(doc);
        self.reporter.document(doc, rendered)
    }
}
