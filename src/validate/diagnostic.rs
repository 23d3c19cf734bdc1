//! What `validate` reports: the rule ids, severities, located diagnostics, each document's
//! verdict and the run's totals.

use serde::Serialize;

use crate::error::CliError;

/// A rule, with a stable id used in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    Syntax,
    Encoding,
    Bom,
    NotObject,
    DuplicateKey,
    UnknownKind,
    UnknownField,
    MissingField,
    WrongType,
    Empty,
    UnknownScope,
    DuplicateScope,
    ScopeConflict,
    InvalidAuthCode,
    UnknownErrorCode,
    ScopeUnanswered,
    ScopeNotRequested,
    MisspelledField,
}

impl Rule {
    /// The stable id, as in `error[unknown-scope]`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::Syntax => "syntax",
            Rule::Encoding => "encoding",
            Rule::Bom => "bom",
            Rule::NotObject => "not-object",
            Rule::DuplicateKey => "duplicate-key",
            Rule::UnknownKind => "unknown-kind",
            Rule::UnknownField => "unknown-field",
            Rule::MissingField => "missing-field",
            Rule::WrongType => "wrong-type",
            Rule::Empty => "empty",
            Rule::UnknownScope => "unknown-scope",
            Rule::DuplicateScope => "duplicate-scope",
            Rule::ScopeConflict => "scope-conflict",
            Rule::InvalidAuthCode => "invalid-auth-code",
            Rule::UnknownErrorCode => "unknown-error-code",
            Rule::ScopeUnanswered => "scope-unanswered",
            Rule::ScopeNotRequested => "scope-not-requested",
            Rule::MisspelledField => "misspelled-field",
        }
    }

    /// The severity before `--strict`.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::Bom | Rule::UnknownField | Rule::UnknownErrorCode => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem found in a document, located in its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    /// JSON pointer of the offending value ("" is the whole document).
    pub pointer: Option<String>,
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters) in that line.
    pub column: Option<usize>,
    pub hint: Option<String>,
    /// The source line, for the caret display (not in JSON reports).
    #[serde(skip)]
    pub source_line: Option<String>,
    /// The 1-based character column of the caret in `source_line`.
    #[serde(skip)]
    pub caret: Option<usize>,
}

/// A diagnostic of a payload as one line: `FILE:LINE:COL: message`.
pub(crate) fn located(shown: &str, d: &Diagnostic) -> String {
    match (d.line, d.column) {
        (Some(line), Some(column)) => format!("{shown}:{line}:{column}: {}", d.message),
        _ => format!("{shown}: {}", d.message),
    }
}

/// Why a request payload was refused: the errors listed, and how many more problems were
/// found past the listing limit.
#[derive(Debug)]
pub struct Refused {
    pub errors: Vec<Diagnostic>,
    pub unlisted: usize,
}

/// A request payload that the validator refused: its first error, then the others and
/// the hints.
pub(crate) fn refused_payload(shown: &str, refused: &Refused) -> CliError {
    let errors = &refused.errors;
    let Some(first) = errors.first() else {
        return CliError::usage(format!("{shown}: not a request payload"));
    };
    let mut err = CliError::usage(located(shown, first));
    if let Some(hint) = &first.hint {
        err = err.with_hint(hint.clone());
    }
    for d in &errors[1..] {
        // Each fault keeps its own hint (a did-you-mean), as `unknown_scopes` gives it.
        err = err.with_hint(match &d.hint {
            Some(hint) => format!("also {} ({hint})", located(shown, d)),
            None => format!("also {}", located(shown, d)),
        });
    }
    match refused.unlisted {
        0 => err,
        1 => err.with_hint("and 1 more problem, not listed"),
        n => err.with_hint(format!("and {n} more problems, not listed")),
    }
}

/// The verdict on one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocResult {
    /// The path as shown (`<stdin>` for standard input).
    pub path: std::sync::Arc<str>,
    /// The line the document starts on.
    pub line: Option<usize>,
    pub kind: Option<crate::payload::DocKind>,
    pub valid: bool,
    /// Errors found, listed or not.
    pub errors: usize,
    /// Warnings found, listed or not.
    pub warnings: usize,
    /// Problems found past the listing limit: counted in `errors` and `warnings`, not
    /// listed in `diagnostics`.
    pub unlisted: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a run's totals take from one document's verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub valid: bool,
    pub errors: usize,
    pub warnings: usize,
    pub unlisted: usize,
}

impl DocResult {
    /// What the run's totals take from this verdict.
    pub fn counts(&self) -> Counts {
        Counts {
            valid: self.valid,
            errors: self.errors,
            warnings: self.warnings,
            unlisted: self.unlisted,
        }
    }
}

/// One document's verdict under one wallet, as a run across wallets shows it: how many
/// errors (listed or not), and the rules of the listed ones. Kept small and without
/// allocation: such a run makes one for every wallet of every document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Judged {
    pub errors: usize,
    pub rules: RuleList,
}

impl Judged {
    pub(super) fn valid(&self) -> bool {
        self.errors == 0
    }

    /// Counts a listed problem of `rule` found with `severity`.
    pub(super) fn listed(&mut self, rule: Rule, severity: Severity) {
        if severity == Severity::Error {
            self.errors += 1;
            self.rules.push(rule);
        }
    }
}

/// Rules, each once, in the order first met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RuleList {
    /// The rules held, one bit each (`Rule as u32`): there are fewer than 32.
    seen: u32,
    len: u8,
    rules: [Rule; 32],
}

impl Default for RuleList {
    fn default() -> RuleList {
        RuleList {
            seen: 0,
            len: 0,
            rules: [Rule::Syntax; 32],
        }
    }
}

impl RuleList {
    pub(super) fn push(&mut self, rule: Rule) {
        let bit = 1u32 << rule as u32;
        if self.seen & bit == 0 {
            self.seen |= bit;
            self.rules[usize::from(self.len)] = rule;
            self.len += 1;
        }
    }

    pub(super) fn as_slice(&self) -> &[Rule] {
        &self.rules[..usize::from(self.len)]
    }
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub valid: usize,
    pub invalid: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Problems counted in `errors` and `warnings` but not listed (past the limit per
    /// document).
    pub unlisted: usize,
}

impl Summary {
    pub fn add(&mut self, doc: &Counts) {
        self.documents += 1;
        if doc.valid {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
        self.errors += doc.errors;
        self.warnings += doc.warnings;
        self.unlisted += doc.unlisted;
    }

    /// `N documents in M files: V valid, I invalid, E errors, W warnings`
    pub fn line(&self) -> String {
        format!(
            "{} in {}: {} valid, {} invalid, {}, {}",
            plural(self.documents, "document", "documents"),
            plural(self.files, "file", "files"),
            self.valid,
            self.invalid,
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
        )
    }
}

/// `1 document`, `3 documents`: a count with its noun, for summary lines.
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
