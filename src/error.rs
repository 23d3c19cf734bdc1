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
pub struct CliError {
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

    /// Names the environment variable the faulty value came from, if it came from one.
    pub(crate) fn naming_env(mut self, var: Option<&str>) -> CliError {
        if let Some(var) = var {
            self.message.push_str(&format!(" (from {var})"));
            self.hints.push(format!("unset {var} to use the default"));
        }
        self
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

/// Why writing the file `path` (atomically: a temporary file beside it, then a rename)
/// failed, in words that fit `path` rather than the temporary file: "No such file" for a
/// path that exists would mislead.
pub(crate) fn write_reason(path: &std::path::Path, e: &io::Error) -> String {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    if e.kind() == io::ErrorKind::NotFound {
        if !parent.is_dir() {
            return format!(
                "its directory {} does not exist",
                crate::text::display_path(parent)
            );
        }
        if path.exists() {
            // The directory is there but refuses new files: a pseudo-file system such as
            // /proc, where the file itself is the kernel's.
            return "its directory does not take new files (it is not an ordinary directory)"
                .to_string();
        }
    }
    if path.is_dir() {
        return "it is a directory".to_string();
    }
    io_reason(e)
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

/// A catalog that cannot be used; `env` names the variable the path came from, if any.
pub(crate) fn catalog_error(e: crate::profile::ProfileError, env: Option<&str>) -> CliError {
    use crate::profile::ProfileError;
    use crate::text::{display_path, sanitize};
    let shown = |path: &std::path::Path| match env {
        Some(var) => format!("{} (from {var})", display_path(path)),
        None => display_path(path),
    };
    let err = match e {
        ProfileError::Unreadable { path, error } => CliError::usage(format!(
            "cannot read catalog {}: {}",
            shown(&path),
            io_reason(&error)
        )),
        ProfileError::Invalid { path, why } => CliError::usage(format!(
            "invalid catalog {}: {}",
            shown(&path),
            sanitize(&why)
        ))
        .with_hint(
            r#"a catalog is {"name": "...", "scopes": [{"scope": "...", "description": "..."}], "errors": [{"code": "...", "message": "..."}]}"#,
        ),
    };
    match env {
        Some(var) => err.with_hint(format!("unset {var} to use the built-in DANA catalog")),
        None => err,
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
    use crate::text::{brief, sanitize};
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
    use crate::text::brief;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_reason_names_the_real_fault() {
        let not_found = io::Error::from(io::ErrorKind::NotFound);
        let missing_dir = std::path::Path::new("/nonexistent-authcode-dir/out.json");
        assert!(write_reason(missing_dir, &not_found).contains("does not exist"));
        #[cfg(target_os = "linux")]
        assert_eq!(
            write_reason(std::path::Path::new("/proc/version"), &not_found),
            "its directory does not take new files (it is not an ordinary directory)"
        );
        let dir = tempfile::tempdir().unwrap();
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(write_reason(dir.path(), &denied), "it is a directory");
    }
}
