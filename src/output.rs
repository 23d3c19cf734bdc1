//! Writing results: colors per stream, stdout, and atomic files.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use colored::Colorize;

/// When to color a stream (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    Auto,
    Always,
    Never,
}

impl ColorMode {
    /// Whether to color a stream that is (or is not) a terminal. The conventions, first
    /// match wins: `--color always|never`; `NO_COLOR` set (and not empty): no; `CLICOLOR_FORCE`
    /// set (and not empty or `0`): yes; `TERM=dumb`: no; else whether it is a terminal.
    pub fn enabled(self, is_terminal: bool) -> bool {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        match self {
            ColorMode::Always => true,
            ColorMode::Never => false,
            ColorMode::Auto => auto_color(
                is_terminal,
                var("NO_COLOR").is_some(),
                var("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
                var("TERM").is_some_and(|v| v == "dumb"),
            ),
        }
    }

    /// Paint for stdout.
    pub fn stdout(self) -> Paint {
        Paint(self.enabled(io::stdout().is_terminal()))
    }

    /// Paint for stderr.
    pub fn stderr(self) -> Paint {
        Paint(self.enabled(io::stderr().is_terminal()))
    }
}

/// `--color auto` given what the environment says, in the order of [`ColorMode::enabled`].
fn auto_color(is_terminal: bool, no_color: bool, force: bool, dumb: bool) -> bool {
    if no_color {
        false
    } else if force {
        true
    } else {
        !dumb && is_terminal
    }
}

/// Colors text for one stream, or leaves it plain.
///
/// `colored` decides globally; we decide per stream, so it is told to always color and
/// this type chooses whether to ask it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint(pub bool);

impl Paint {
    pub fn init() {
        colored::control::set_override(true);
    }

    fn apply(self, s: &str, f: impl FnOnce(&str) -> colored::ColoredString) -> String {
        if self.0 {
            f(s).to_string()
        } else {
            s.to_string()
        }
    }

    pub fn bold(self, s: &str) -> String {
        self.apply(s, |s| s.bold())
    }
    pub fn red(self, s: &str) -> String {
        self.apply(s, |s| s.red().bold())
    }
    pub fn yellow(self, s: &str) -> String {
        self.apply(s, |s| s.yellow().bold())
    }
    pub fn green(self, s: &str) -> String {
        self.apply(s, |s| s.green().bold())
    }
    pub fn cyan(self, s: &str) -> String {
        self.apply(s, |s| s.cyan().bold())
    }
    pub fn blue(self, s: &str) -> String {
        self.apply(s, |s| s.blue().bold())
    }
    pub fn dim(self, s: &str) -> String {
        self.apply(s, |s| s.dimmed())
    }
}

/// A message line on stderr (`warning: ...`); failures to write it are ignored, since
/// stderr is where we would report them.
pub(crate) fn warn(color: ColorMode, message: &str) {
    let paint = color.stderr();
    let _ = writeln!(
        io::stderr().lock(),
        "{} {}",
        paint.yellow("warning:"),
        message
    );
}

/// Writes `bytes` to stdout and flushes.
pub(crate) fn stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, then a
/// rename. A failure leaves no partial file, and any old file at `path` untouched.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] with the content written by `fill` (tests inject failures through it).
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    // A rename replaces whatever is at `path`: a symlink (`-o /dev/stdout`, a linked file)
    // would become a regular file, and so would a FIFO or a device. So a link to a file is
    // followed to that file, and anything that is not a regular file is written in place.
    let resolved;
    let path = match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
            return fill(&mut file).and_then(|()| file.flush());
        }
        Ok(meta) if meta.is_file() => {
            resolved = std::fs::canonicalize(path)?;
            resolved.as_path()
        }
        _ => path,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".authcode-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    crate::terminal::set_pending_temp(Some(temp.path()));
    let result = fill(temp.as_file_mut())
        .and_then(|()| temp.as_file_mut().sync_all())
        .and_then(|()| {
            // Keep an existing file's permissions; a new file gets the usual 0644-ish mode
            // rather than tempfile's private 0600.
            let perms = match std::fs::metadata(path) {
                Ok(meta) => meta.permissions(),
                Err(_) => default_permissions(),
            };
            temp.as_file().set_permissions(perms)
        });
    let result = result.and_then(|()| temp.persist(path).map(drop).map_err(|e| e.error));
    crate::terminal::set_pending_temp(None);
    result
}

#[cfg(unix)]
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> std::fs::Permissions {
    std::fs::metadata(".").map(|m| m.permissions()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_atomic_write_leaves_old_file_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        let err = write_atomic_with(&path, |f| {
            f.write_all(b"partial")?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "temp file left behind");
    }

    #[test]
    fn auto_color_follows_the_conventions_in_order() {
        // (terminal, NO_COLOR, CLICOLOR_FORCE, TERM=dumb) -> colors
        assert!(auto_color(true, false, false, false));
        assert!(!auto_color(false, false, false, false));
        assert!(!auto_color(true, true, true, false));
        assert!(auto_color(false, false, true, true));
        assert!(!auto_color(true, false, false, true));
    }

    #[test]
    fn atomic_write_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }
}
