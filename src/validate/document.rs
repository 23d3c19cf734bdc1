//! One document's verdict: encoding checks, the rule pass, and — only for what the report
//! shows — positions, pointers and source excerpts.

use std::sync::Arc;

use super::check;
use super::diagnostic::{Diagnostic, DocResult, Rule, Severity};
use super::finding::{Finding, Said};
use super::index::{CheckOptions, ScopeId, ScopeIndex};
use super::locate;
use super::options::Options;
use super::path;

/// Checks `bytes`, one document that starts on line `first_line` of the file `path`.
/// Lines and columns of diagnostics are reported within the file.
pub fn check_document(
    bytes: &[u8],
    path: &Arc<str>,
    first_line: usize,
    index: &ScopeIndex,
    check: &CheckOptions,
    options: Options,
) -> DocResult {
    verdict(bytes, path, first_line, index, check, options).0
}

/// The verdict on `bytes` and, for a request, the known scopes it asks for in order.
pub(super) fn verdict(
    bytes: &[u8],
    path: &Arc<str>,
    first_line: usize,
    index: &ScopeIndex,
    check: &CheckOptions,
    options: Options,
) -> (DocResult, Vec<ScopeId>) {
    let mut diagnostics = Vec::new();
    let mut bytes = bytes;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        bytes = rest;
        diagnostics.push(plain(
            Rule::Bom,
            Said {
                message: "the file starts with a UTF-8 byte order mark".into(),
                hint: Some(
                    "JSON text must not begin with a BOM (RFC 8259); save the file without it"
                        .into(),
                ),
            },
            Some(first_line),
            Some(1),
        ));
    }
    let mut kind = None;
    let mut scopes = Vec::new();
    let (mut unlisted, mut unlisted_errors, mut unlisted_warnings) = (0, 0, 0);
    match std::str::from_utf8(bytes) {
        Err(e) => {
            let valid = e.valid_up_to();
            // `valid_up_to` is a char boundary of valid UTF-8.
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let (line, column) = locate::line_col(prefix, valid);
            diagnostics.push(plain(
                Rule::Encoding,
                Said {
                    message: format!(
                        "not UTF-8: invalid byte 0x{:02X} at offset {valid}",
                        bytes[valid]
                    ),
                    hint: Some("JSON text is UTF-8; re-save the file as UTF-8".into()),
                },
                Some(first_line + line - 1),
                Some(column),
            ));
        }
        Ok(src) => match check::check(src, index, check, options) {
            Err(fault) => {
                let excerpts = options.excerpts && !src.trim().is_empty();
                diagnostics.push(located(
                    src, fault.at, fault.rule, fault.said, first_line, excerpts,
                ));
            }
            Ok(checked) => {
                kind = checked.kind;
                scopes = checked.request_scopes;
                if options.detail {
                    let mut found: Vec<(usize, Diagnostic)> = checked
                        .findings
                        .kept
                        .into_iter()
                        .map(|f| locate_finding(src, f, first_line, options.excerpts))
                        .collect();
                    found.sort_by_key(|(at, _)| *at);
                    diagnostics.extend(found.into_iter().map(|(_, d)| d));
                } else {
                    diagnostics.extend(
                        checked
                            .findings
                            .kept
                            .into_iter()
                            .map(|f| plain(f.rule, f.said, None, None)),
                    );
                }
                for &(rule, _, n) in &checked.findings.dropped {
                    unlisted += n;
                    match severity(rule, options.strict) {
                        Severity::Error => unlisted_errors += n,
                        Severity::Warning => unlisted_warnings += n,
                    }
                }
            }
        },
    }
    if options.strict {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    let listed_errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let errors = listed_errors + unlisted_errors;
    let result = DocResult {
        path: Arc::clone(path),
        line: Some(first_line),
        kind,
        valid: errors == 0,
        errors,
        warnings: diagnostics.len() - listed_errors + unlisted_warnings,
        unlisted,
        diagnostics,
    };
    (result, scopes)
}

/// The severity of `rule`'s findings, `--strict` applied.
fn severity(rule: Rule, strict: bool) -> Severity {
    if strict {
        Severity::Error
    } else {
        rule.default_severity()
    }
}

fn plain(rule: Rule, said: Said, line: Option<usize>, column: Option<usize>) -> Diagnostic {
    Diagnostic {
        rule,
        severity: rule.default_severity(),
        message: said.message,
        pointer: None,
        line,
        column,
        hint: said.hint,
        source_line: None,
        caret: None,
    }
}

fn located(
    src: &str,
    at: usize,
    rule: Rule,
    said: Said,
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
        ..plain(rule, said, Some(first_line + line - 1), Some(column))
    }
}

fn locate_finding(
    src: &str,
    f: Finding<'_>,
    first_line: usize,
    excerpts: bool,
) -> (usize, Diagnostic) {
    let at = locate::locate(src, &f.path, f.target).unwrap_or(0);
    let mut d = located(src, at, f.rule, f.said, first_line, excerpts);
    d.pointer = Some(path::pointer(&f.path));
    (at, d)
}
