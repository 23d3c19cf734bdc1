//! `authcode validate`: check getAuthCode request and response documents.
//!
//! How a run flows, one file a step, from the top down; each file imports only files below
//! it (the run calls down, verdicts come back up):
//!
//! ```text
//! mod.rs           run(): the inputs, the pipeline, the report; read_request
//! across           --wallet all (or A,B): each document judged under every wallet, one row
//! pipeline         units of work on threads through a Judge, verdicts in input order
//! units  tally     the inputs cut into units (files, NDJSON blocks); how a run ends
//! config  inputs   what `validate` was asked for; the paths given, directories walked
//!   │
//! document         one document's verdict: encoding, BOM, the pass, then positions
//! check            the one serde pass (findings with paths, no positions), one lane a profile
//! visit            the top-level object: each lane takes each key for its profile's field
//! field_value      a field's value, read once, its rule run in each lane
//! field_rules      the rule of each value      document_rules  the document as a whole
//! fields           what the visitors hand the rules (the field types)
//! walk             any value: its shape, repeated keys
//! walker           where the walk stands; the findings so far, in each profile's lane
//!   │
//! options  index  finding  path  syntax  locate  tape  diagnostic  report
//! ```
//!
//! The ground floor: `options` is how a document is checked and how much of the verdict is
//! worked out; `index` is the profile as the checks look it up, built once and shared by
//! every thread (and a panel of them, each name looked up once for every wallet); `path` is the JSON path type the checks record and `locate` follows
//! (positions and excerpts, only for what is shown); `finding` and `diagnostic` are a
//! problem before and after it is located; `syntax` puts serde_json's errors into the user's
//! words; `tape` is a document parsed once and replayed for a walk under every wallet; `report` writes the
//! verdicts (human, json, github, junit) to stdout, a failed write ending the report and
//! not the run. `read_request` is the one reader of request payloads, for `request --from`
//! and `validate --request` alike.

mod across;
mod check;
mod config;
pub mod diagnostic;
mod document;
mod document_rules;
mod field_rules;
mod field_value;
mod fields;
mod finding;
mod index;
mod inputs;
mod locate;
mod options;
mod path;
mod pipeline;
pub mod report;
mod syntax;
mod tally;
mod tape;
mod units;
mod visit;
mod walk;
mod walker;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::{self, CliError};
use crate::output::ColorMode;
use crate::payload::DocKind;
use crate::profile::Profile;
pub use diagnostic::Refused;
use diagnostic::{Counts, Diagnostic, DocResult, Rule, Severity, Summary};
use pipeline::Outcome;
use report::{Format, Output};
use tally::Tally;

pub(crate) use across::run_across;
pub use config::{Expect, ValidateConfig};
pub use document::check_document;
pub use index::{CheckOptions, ScopeIndex};
pub use inputs::WalkOptions;
pub use locate::excerpt;
pub use options::Options;

/// A request payload read with the validator's request rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPayload {
    /// The scopes asked for, in order, each once.
    pub scopes: Vec<String>,
    /// What is wrong but does not stop the request: a BOM, a repeated scope, a field the
    /// specification does not name.
    pub warnings: Vec<Diagnostic>,
}

/// Reads the request payload `bytes` (shown as `shown` in positions) with the validator's
/// request rules. Refused with the error diagnostics when it is not a valid request; a
/// repeated scope is only a warning here, since the request keeps it once.
pub fn read_request(
    bytes: &[u8],
    shown: &str,
    index: &ScopeIndex,
) -> Result<RequestPayload, Refused> {
    let check = CheckOptions {
        kind: Some(DocKind::Request),
        expected: None,
    };
    let options = Options {
        strict: false,
        detail: true,
        excerpts: false,
        lines: false,
    };
    let first_line = units::first_line(bytes);
    let (result, ids) =
        document::verdict(bytes, &Arc::from(shown), first_line, index, &check, options);
    let unlisted = result.unlisted;
    let (mut errors, mut warnings): (Vec<_>, Vec<_>) = result
        .diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    let (repeats, errors_left): (Vec<_>, Vec<_>) = errors
        .drain(..)
        .partition(|d| d.rule == Rule::DuplicateScope);
    if !errors_left.is_empty() {
        return Err(Refused {
            errors: errors_left,
            unlisted,
        });
    }
    // One warning for each repeated scope, however often it repeats (the request keeps it
    // once); the count of repeats past the listing limit says nothing more here.
    let mut warned: Vec<String> = Vec::new();
    for mut d in repeats {
        let name = d.message.split(' ').next().unwrap_or_default().to_string();
        if d.line.is_none() || warned.contains(&name) {
            continue;
        }
        warned.push(name);
        d.severity = Severity::Warning;
        warnings.push(d);
    }
    warnings.sort_by_key(|d| (d.line, d.column));
    Ok(RequestPayload {
        scopes: ids.iter().map(|&id| index.name(id).to_string()).collect(),
        warnings,
    })
}

/// Runs the command and returns the exit code: 0 all valid, 1 some invalid, 2 when a path
/// could not be read (the rest are still checked).
pub fn run(profile: Profile, config: ValidateConfig) -> anyhow::Result<u8> {
    let index = Arc::new(ScopeIndex::new(profile));
    let profile = &index.profile;
    let mut check = CheckOptions {
        kind: config.kind,
        expected: None,
    };
    if let Some(expect) = &config.expect {
        let scopes = expected_scopes(expect, &index, config.color)?;
        let source = match expect {
            Expect::Scopes(_) => "--expect-scopes".to_string(),
            Expect::RequestFile(path) => {
                format!("--request {}", crate::text::display_path(path))
            }
        };
        if scopes.is_empty() {
            return Err(CliError::usage(format!("{source} names no scope")).into());
        }
        check.expected = Some(index.ids_of(&scopes).map_err(|unknown| {
            let mut err = CliError::usage(format!(
                "{source}: unknown scope {} in the {} catalog",
                crate::text::brief(&unknown),
                crate::text::sanitize(&profile.name)
            ));
            if let Some(hint) = index.hint(&unknown) {
                err = err.with_hint(hint);
            }
            err
        })?);
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
    let inputs = inputs::collect(&paths, config.walk);

    let reporter = report::reporter(config.format, config.quiet, config.color.stdout());
    let judge = OneWallet {
        index: &index,
        check: &check,
        options: Options {
            strict: config.strict,
            detail: !config.quiet,
            excerpts: config.format == Format::Human && !config.quiet,
            lines: false,
        },
        reporter: reporter.as_ref(),
    };
    let checker = pipeline::Checker {
        judge: &judge,
        ndjson: config.ndjson,
    };
    let mut summary = Summary::default();
    let mut tally = Tally::new(inputs.len(), config.color.stderr());
    let mut out = Output::stdout();
    // The emit closure never fails: a report that cannot be written ends quietly, and
    // the checks go on, so the exit code is the verdict on every document.
    checker.run(&inputs, config.jobs, |outcome| {
        match outcome {
            Outcome::Checked(doc, rendered) => {
                summary.add(doc);
                tally.document(doc.valid);
                out.document(reporter.as_ref(), rendered);
            }
            Outcome::Unreadable(u) => tally.unreadable(u),
        }
        Ok(())
    })?;
    summary.files = tally.files();
    out.write(|sink| reporter.finish(sink, &summary, tally.failed()));
    tally.exit(out.close())
}

/// One wallet's check of each document, rendered in the chosen report format.
struct OneWallet<'a> {
    index: &'a ScopeIndex,
    check: &'a CheckOptions,
    options: Options,
    reporter: &'a dyn report::Reporter,
}

impl pipeline::Judge for OneWallet<'_> {
    type Verdict = DocResult;

    type Counts = Counts;
    type Scratch = ();

    fn judge(
        &self,
        _: &mut (),
        bytes: &[u8],
        shown: &Arc<str>,
        first_line: usize,
        line: bool,
    ) -> DocResult {
        let options = Options {
            lines: line,
            ..self.options
        };
        document::check_document(bytes, shown, first_line, self.index, self.check, options)
    }

    fn render(&self, doc: &DocResult, out: &mut Vec<u8>) {
        self.reporter.render(doc, out);
    }

    fn counts(&self, doc: &DocResult) -> Counts {
        doc.counts()
    }
}

fn expected_scopes(
    expect: &Expect,
    index: &ScopeIndex,
    color: ColorMode,
) -> anyhow::Result<Vec<String>> {
    match expect {
        // Read as every scope list typed on the command line is (`scope_list`).
        Expect::Scopes(scopes) => {
            let list = crate::scope_list::read(&index.profile, scopes).map_err(|unknown| {
                crate::scope_list::unknown_scopes(&index.profile, Some("--expect-scopes"), &unknown)
            })?;
            for warning in list.warnings("--expect-scopes") {
                crate::output::warn(color, &warning);
            }
            Ok(list.names)
        }
        Expect::RequestFile(path) => {
            let shown = crate::text::display_path(path);
            let bytes = std::fs::read(path).map_err(|e| {
                CliError::usage(format!("cannot read {shown}: {}", error::io_reason(&e)))
            })?;
            let payload = read_request(&bytes, &shown, index).map_err(|refused| {
                diagnostic::refused_payload(&format!("--request {shown}"), &refused)
            })?;
            // A request without scopes asks for the wallet's default scopes.
            if payload.scopes.is_empty() {
                return Ok(index.profile.default_scopes.clone());
            }
            Ok(payload.scopes)
        }
    }
}
