//! One document's verdict: encoding checks, the rule pass, and — only for what the report
//! shows — positions, pointers and source excerpts.

use std::sync::Arc;

use super::check::{self, Checked, Scratch};
use super::diagnostic::{Diagnostic, DocResult, Judged, Rule, Severity};
use super::finding::{say, Detail, Finding, Said};
use super::index::{CheckOptions, Panel, ScopeId, ScopeIndex};
use super::locate;
use super::options::Options;
use super::path;
use super::syntax::SyntaxFault;
use crate::payload::DocKind;

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
    let (src, mut diagnostics) = decode(bytes, first_line, options);
    let mut found = Found::default();
    if let Some(src) = src {
        let checked = check::check(src, index, check, options);
        found = add_checked(&mut diagnostics, src, checked, first_line, options);
    }
    let scopes = std::mem::take(&mut found.scopes);
    (
        conclude(path, first_line, options, diagnostics, found),
        scopes,
    )
}

/// The verdicts on `bytes` under each profile of `panel`, in order, appended to `out`, as
/// a run across wallets shows them: the errors and their rules, in the order a one-wallet
/// report lists them, and no words or positions. The text is decoded and parsed once, then
/// walked under each profile (`scratch`: what the thread keeps between documents).
pub(super) fn judgements(
    bytes: &[u8],
    first_line: usize,
    panel: &Panel,
    check: &CheckOptions,
    options: Options,
    scratch: &mut Scratch,
    out: &mut Vec<Judged>,
) {
    let (src, decoded) = decode(bytes, first_line, options);
    let mut found = Judged::default();
    for d in &decoded {
        found.listed(
            d.rule,
            if options.strict {
                Severity::Error
            } else {
                d.severity
            },
        );
    }
    match src.map(|src| {
        check::record(src, options)
            .and_then(|tape| check::check_recorded(&tape, panel, check, scratch))
    }) {
        Some(Ok(checked)) => {
            for checked in checked {
                let mut judged = found;
                for f in &checked.findings.kept {
                    judged.listed(f.rule, severity(f.rule, options.strict));
                }
                for &(rule, _, n) in &checked.findings.dropped {
                    if severity(rule, options.strict) == Severity::Error {
                        judged.errors += n;
                    }
                }
                out.push(judged);
            }
        }
        // Not UTF-8, or not JSON: the same verdict under every profile.
        unparsed => {
            if let Some(Err(fault)) = unparsed {
                found.listed(fault.rule, severity(fault.rule, options.strict));
            }
            out.extend(std::iter::repeat_n(found, panel.indexes.len()));
        }
    }
}

/// The text of `bytes` once its encoding is checked (`None`: not UTF-8), and what was
/// found on the way: a byte order mark, a byte that is not UTF-8.
fn decode(bytes: &[u8], first_line: usize, options: Options) -> (Option<&str>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut bytes = bytes;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        bytes = rest;
        diagnostics.push(if options.lines && first_line > 1 {
            // Files joined with `cat` keep each one's BOM: past the first line it is no
            // file's start, and no JSON parser takes it.
            Diagnostic {
                severity: Severity::Error,
                ..plain(
                    Rule::Bom,
                    Said {
                        message: "a UTF-8 byte order mark in the middle of the file".into(),
                        hint: Some(
                            "remove it (joining files with `cat` copies the BOM each one starts with)"
                                .into(),
                        ),
                    },
                    Some(first_line),
                    Some(1),
                )
            }
        } else {
            plain(
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
            )
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(src) => (Some(src), diagnostics),
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
            (None, diagnostics)
        }
    }
}

/// What a check found besides the listed diagnostics.
#[derive(Default)]
struct Found {
    kind: Option<DocKind>,
    /// A request's known scopes, in order.
    scopes: Vec<ScopeId>,
    /// Problems past the listing limit: all of them, the errors, the warnings.
    unlisted: usize,
    unlisted_errors: usize,
    unlisted_warnings: usize,
}

/// Adds the findings of a check of `src` to `diagnostics`, located when `options` asks.
fn add_checked(
    diagnostics: &mut Vec<Diagnostic>,
    src: &str,
    checked: Result<Checked, SyntaxFault>,
    first_line: usize,
    options: Options,
) -> Found {
    let mut found = Found::default();
    match checked {
        Err(fault) => {
            let excerpts = options.excerpts && !src.trim().is_empty();
            diagnostics.push(located(
                src, fault.at, fault.rule, fault.said, first_line, excerpts,
            ));
        }
        Ok(checked) => {
            found.kind = checked.kind;
            found.scopes = checked.request_scopes;
            if options.detail {
                let mut located: Vec<(usize, Diagnostic)> = checked
                    .findings
                    .kept
                    .into_iter()
                    .map(|f| locate_finding(src, f, first_line, options.excerpts))
                    .collect();
                located.sort_by_key(|(at, _)| *at);
                diagnostics.extend(located.into_iter().map(|(_, d)| d));
            } else {
                diagnostics.extend(
                    checked
                        .findings
                        .kept
                        .into_iter()
                        .map(|f| plain(f.rule, f.said(), None, None)),
                );
            }
            for &(rule, _, n) in &checked.findings.dropped {
                found.unlisted += n;
                match severity(rule, options.strict) {
                    Severity::Error => found.unlisted_errors += n,
                    Severity::Warning => found.unlisted_warnings += n,
                }
            }
        }
    }
    found
}

/// The verdict from the diagnostics and counts of one document.
fn conclude(
    path: &Arc<str>,
    first_line: usize,
    options: Options,
    mut diagnostics: Vec<Diagnostic>,
    found: Found,
) -> DocResult {
    if options.strict {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    let listed_errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let errors = listed_errors + found.unlisted_errors;
    DocResult {
        path: Arc::clone(path),
        line: Some(first_line),
        kind: found.kind,
        valid: errors == 0,
        errors,
        warnings: diagnostics.len() - listed_errors + found.unlisted_warnings,
        unlisted: found.unlisted,
        diagnostics,
    }
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

fn locate_finding(src: &str, f: Finding, first_line: usize, excerpts: bool) -> (usize, Diagnostic) {
    let (rule, target) = (f.rule, f.target);
    let Detail { said, path: steps } = f.detail.map_or_else(
        || Detail {
            said: say(""),
            path: Vec::new(),
        },
        |d| *d,
    );
    let at = locate::locate(src, &steps, target).unwrap_or(0);
    let mut d = located(src, at, rule, said, first_line, excerpts);
    d.pointer = Some(path::pointer(&steps));
    (at, d)
}
