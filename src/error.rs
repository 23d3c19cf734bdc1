//! Errors that end the program, with the exit code and hints they carry, and the words for
//! I/O failures. Nothing of the domain is imported here: the words of each domain error live
//! beside that error (`profile::catalog_error`, `scope_list::unknown_scopes`,
//! `consent::not_requested`, `validate::diagnostic::refused_payload`).

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
