//! One document's verdict: encoding checks, the rule pass, and, only when something was
//! found, positions and source excerpts.

use std::sync::Arc;

use super::check::{self, Context, Failure, Finding};
use super::locate;
use super::rules::{Diagnostic, DocResult, Rule, Severity};

/// How a document is checked besides the catalog.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// `--strict`: warnings count as errors.
    pub strict: bool,
    /// Keep each diagnostic's source line for the caret display (only the human report
    /// shows it).
    pub excerpts: bool,
}

/// Checks `bytes`, one document that starts on line `first_line` of the file `path`.
/// Lines and columns of diagnostics are reported within the file.
pub fn check_document(
    bytes: &[u8],
    path: &Arc<str>,
    first_line: usize,
    ctx: &Context,
    options: Options,
) -> DocResult {
    let mut diagnostics = Vec::new();
    let mut bytes = bytes;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        bytes = rest;
        diagnostics.push(plain(
            Rule::Bom,
            "the file starts with a UTF-8 byte order mark".into(),
            Some("JSON text must not begin with a BOM (RFC 8259); save the file without it".into()),
            Some(first_line),
            Some(1),
        ));
    }
    let mut kind = None;
    match std::str::from_utf8(bytes) {
        Err(e) => {
            let valid = e.valid_up_to();
            // SAFETY of the slice: `valid_up_to` is a char boundary of valid UTF-8.
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let (line, column) = locate::line_col(prefix, valid);
            diagnostics.push(plain(
                Rule::Encoding,
                format!(
                    "not UTF-8: invalid byte 0x{:02X} at offset {valid}",
                    bytes[valid]
                ),
                Some("JSON text is UTF-8; re-save the file as UTF-8".into()),
                Some(first_line + line - 1),
                Some(column),
            ));
        }
        Ok(src) => match check::check(src, ctx) {
            Err(Failure::Syntax {
                rule,
                message,
                hint,
                at,
            }) => {
                let mut d = located(src, at, rule, message, hint, first_line, options.excerpts);
                if src.trim().is_empty() {
                    d.source_line = None;
                }
                diagnostics.push(d);
            }
            Ok(checked) => {
                kind = checked.kind;
                let mut found: Vec<(usize, Diagnostic)> = checked
                    .findings
                    .into_iter()
                    .map(|f| locate_finding(src, f, first_line, options.excerpts))
                    .collect();
                found.sort_by_key(|(at, _)| *at);
                diagnostics.extend(found.into_iter().map(|(_, d)| d));
                if let (n @ 1.., Some(rule)) = (checked.dropped, checked.dropped_rule) {
                    diagnostics.push(plain(
                        rule,
                        format!(
                            "{n} more problems in this document are not listed (at most {} are)",
                            check::MAX_FINDINGS
                        ),
                        None,
                        None,
                        None,
                    ));
                }
            }
        },
    }
    if options.strict {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    let valid = diagnostics.iter().all(|d| d.severity == Severity::Warning);
    DocResult {
        path: Arc::clone(path),
        line: Some(first_line),
        kind,
        valid,
        diagnostics,
    }
}

fn plain(
    rule: Rule,
    message: String,
    hint: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
) -> Diagnostic {
    Diagnostic {
        rule,
        severity: rule.default_severity(),
        message,
        pointer: None,
        line,
        column,
        hint,
        source_line: None,
        caret: None,
    }
}

fn located(
    src: &str,
    at: usize,
    rule: Rule,
    message: String,
    hint: Option<String>,
    first_line: usize,
    excerpts: bool,
) -> Diagnostic {
    let (line, column) = locate::line_col(src, at);
    let (source_line, caret) = match excerpts.then(|| locate::excerpt(src, at)) {
        Some((text, caret)) => (Some(text), Some(caret)),
        None => (None, None),
    };
    Diagnostic {
        source_line,
        caret,
        ..plain(
            rule,
            message,
            hint,
            Some(first_line + line - 1),
            Some(column),
        )
    }
}

fn locate_finding(
    src: &str,
    f: Finding<'_>,
    first_line: usize,
    excerpts: bool,
) -> (usize, Diagnostic) {
    let at = locate::locate(src, &f.path, f.target).unwrap_or(0);
    let mut d = located(src, at, f.rule, f.message, f.hint, first_line, excerpts);
    d.pointer = Some(locate::pointer(&f.path));
    (at, d)
}

/// The verdict for a path that could not be read.
pub fn io_failure(path: &Arc<str>, message: String) -> DocResult {
    DocResult {
        path: Arc::clone(path),
        line: None,
        kind: None,
        valid: false,
        diagnostics: vec![plain(Rule::Io, message, None, None, None)],
    }
}
