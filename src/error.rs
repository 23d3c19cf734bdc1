//! Errors that end the program, with the exit code and hints they carry.

use std::fmt;
use std::io;

/// Exit code for "checked and found invalid" or "nothing matched".
pub(crate) const EXIT_INVALID: u8 = 1;
/// Exit code for a usage or I/O error.
pub(crate) const EXIT_USAGE: u8 = 2;
/// Exit code when the user interrupted (Ctrl-C, Esc).
pub(crate) const EXIT_INTERRUPTED: u8 = 130;

/// An error the user sees as `error: ...` plus `hint: ...` lines.
#[derive(Debug)]
pub(crate) struct CliError {
    pub message: String,
    pub hints: Vec<String>,
    pub code: u8,
}

impl CliError {
    /// A usage or I/O error (exit 2).
    pub(crate) fn usage(message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            hints: Vec::new(),
            code: EXIT_USAGE,
        }
    }

    /// "Nothing matched" or "invalid" (exit 1).
    pub(crate) fn invalid(message: impl Into<String>) -> CliError {
        CliError {
            code: EXIT_INVALID,
            ..CliError::usage(message)
        }
    }

    /// Adds a `hint:` line.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> CliError {
        self.hints.push(hint.into());
        self
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

/// The user interrupted a prompt; nothing was printed on stdout.
#[derive(Debug)]
pub(crate) struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

/// Why an I/O operation failed, without Rust's "(os error N)" suffix.
pub(crate) fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Whether the error was caused by writing to a closed pipe (`authcode scopes | head -1`).
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

// The words of the core's errors, chosen here at the edge.

impl From<crate::profile::ProfileError> for CliError {
    fn from(e: crate::profile::ProfileError) -> CliError {
        use crate::output::{display_path, sanitize};
        use crate::profile::ProfileError;
        match e {
            ProfileError::Unreadable { path, error } => CliError::usage(format!(
                "cannot read catalog {}: {}",
                display_path(&path),
                io_reason(&error)
            )),
            ProfileError::Invalid { path, why } => CliError::usage(format!(
                "invalid catalog {}: {}",
                display_path(&path),
                sanitize(&why)
            ))
            .with_hint(
                r#"a catalog is {"name": "...", "scopes": [{"scope": "...", "description": "..."}], "errors": [{"code": "...", "message": "..."}]}"#,
            ),
        }
    }
}

/// A diagnostic of a payload as one line: `FILE:LINE:COL: message`.
pub(crate) fn located(shown: &str, d: &crate::validate::diagnostic::Diagnostic) -> String {
    match (d.line, d.column) {
        (Some(line), Some(column)) => format!("{shown}:{line}:{column}: {}", d.message),
        _ => format!("{shown}: {}", d.message),
    }
}

/// A request payload that the validator refused: its first error, then the others and
/// the hints.
pub(crate) fn refused_payload(
    shown: &str,
    errors: &[crate::validate::diagnostic::Diagnostic],
) -> CliError {
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
    err
}

/// Scopes the profile does not know, typed in `flag` (`None`: the request's own `--scopes`):
/// the first as the error, every other as an `also unknown` hint, each with its did-you-mean.
pub(crate) fn unknown_scopes(
    profile: &crate::profile::Profile,
    flag: Option<&str>,
    unknown: &crate::scope_list::UnknownScopes,
) -> CliError {
    use crate::output::{brief, sanitize};
    let wallet = sanitize(&profile.name);
    let suggester = profile.suggester();
    let hint = |name: &str| profile.scope_hint_with(&suggester, name);
    let (first, others) = match unknown.0.split_first() {
        Some((first, others)) => (first.as_str(), others),
        None => ("", &[][..]),
    };
    let prefix = flag.map(|f| format!("{f}: ")).unwrap_or_default();
    let mut err = CliError::usage(format!(
        "{prefix}unknown scope {} in the {wallet} catalog",
        brief(first)
    ));
    if let Some(h) = hint(first) {
        err = err.with_hint(h);
    }
    for name in others {
        let also = match hint(name) {
            Some(h) => format!("also unknown: {} ({h})", brief(name)),
            None => format!("also unknown: {}", brief(name)),
        };
        err = err.with_hint(also);
    }
    err.with_hint(format!(
        "`authcode scopes` lists the scopes of the {wallet} catalog"
    ))
}

/// `--grant` named scopes that were not requested.
pub(crate) fn not_requested(
    profile: &crate::profile::Profile,
    stray: &crate::consent::NotRequested,
    requested: &[String],
) -> CliError {
    use crate::output::brief;
    let first = &stray.names[0];
    let mut err = CliError::usage(format!(
        "--grant names {}, which is not among the requested scopes",
        brief(first)
    ));
    // Ranked among the requested scopes, by their names and descriptions.
    let among = crate::suggest::Suggester::new(requested.iter().map(|name| {
        let description = profile.scope(name).map_or("", |s| s.description.as_str());
        (name.as_str(), description)
    }));
    if let Some(hint) = crate::suggest::scope_hint(first, &among.suggest(first)) {
        err = err.with_hint(hint);
    }
    for other in &stray.names[1..] {
        err = err.with_hint(format!("also not requested: {}", brief(other)));
    }
    err.with_hint(format!("requested: {}", requested.join(", ")))
}
