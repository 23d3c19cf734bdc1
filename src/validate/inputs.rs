//! What to read: paths named on the command line, directories walked as ripgrep and fd
//! walk them, and stdin.
//!
//! A walk honours `.gitignore` (inside a git repository, as ripgrep does), `.ignore`, and
//! the global git excludes; it skips hidden entries, `node_modules` and `.git`, and takes only
//! *.json, *.ndjson and *.jsonl files. `--no-ignore` and `--hidden` lift those filters.
//! The walk is sorted by name, so reports come in the same order on every run. A path named
//! on the command line is always read, whatever its name and whatever ignores it.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One input, in the order it is reported.
#[derive(Debug, Clone)]
pub(super) enum Input {
    Stdin,
    /// A file to read. `ndjson` when its name ends in .ndjson or .jsonl.
    File {
        path: PathBuf,
        shown: Arc<str>,
        ndjson: bool,
    },
    /// A path that cannot be read.
    Unreadable(Unreadable),
}

/// An input that could not be read, and why: an error of the run, not a document.
#[derive(Debug, Clone)]
pub(super) struct Unreadable {
    pub shown: Arc<str>,
    pub reason: String,
}

/// How directories are walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// `--no-ignore`: read ignored files and `node_modules` too.
    pub no_ignore: bool,
    /// `--hidden`: read hidden files and directories too.
    pub hidden: bool,
}

const EXTENSIONS: [&str; 3] = ["json", "ndjson", "jsonl"];

/// Directories a walk does not enter unless `--no-ignore`: installed packages are not the
/// project's payloads.
const IGNORED_DIRS: [&str; 1] = ["node_modules"];

/// Directories a walk never enters, even with `--hidden --no-ignore` (as fd does): git's
/// own files are no payloads. Named on the command line, they are walked.
const NEVER_DIRS: [&str; 1] = [".git"];

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| EXTENSIONS.contains(&e.as_str()))
}

fn shown(path: &Path) -> Arc<str> {
    Arc::from(path.to_string_lossy().as_ref())
}

fn file(path: PathBuf) -> Input {
    let ndjson = matches!(extension(&path).as_deref(), Some("ndjson" | "jsonl"));
    Input::File {
        shown: shown(&path),
        path,
        ndjson,
    }
}

fn unreadable(path: &Path, reason: impl Into<String>) -> Input {
    Input::Unreadable(Unreadable {
        shown: shown(path),
        reason: reason.into(),
    })
}

/// Why `path` could not be opened: `e`, or that it is a symbolic link to nothing.
pub(super) fn reason(path: &Path, e: &std::io::Error) -> String {
    let dangling = e.kind() == std::io::ErrorKind::NotFound
        && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if dangling {
        match fs::read_link(path) {
            Ok(to) => format!(
                "a broken symbolic link (to {}, which does not exist)",
                crate::text::display_path(&to)
            ),
            Err(_) => "a broken symbolic link".to_string(),
        }
    } else {
        crate::error::io_reason(e)
    }
}

/// The inputs named by `paths`, directories expanded.
///
/// A file named explicitly is read whatever its name or type (so `<(cmd)` works); `-` is
/// stdin, read once however often it is named. In a directory, links to files are
/// followed, links to directories are not (no loops), and anything that is not a regular
/// file is reported instead of opened (a FIFO would block).
pub(super) fn collect(paths: &[PathBuf], walk_options: WalkOptions) -> Vec<Input> {
    let mut inputs = Vec::new();
    let mut stdin = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !std::mem::replace(&mut stdin, true) {
                inputs.push(Input::Stdin);
            }
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, walk_options, &mut inputs),
            Ok(_) => inputs.push(file(path.clone())),
            Err(e) => inputs.push(unreadable(path, reason(path, &e))),
        }
    }
    inputs
}

fn walk(dir: &Path, options: WalkOptions, inputs: &mut Vec<Input>) {
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(!options.no_ignore)
        .hidden(!options.hidden)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            let name = entry.file_name();
            !(NEVER_DIRS.iter().any(|d| name == *d)
                || (!options.no_ignore && IGNORED_DIRS.iter().any(|d| name == *d)))
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                if let Some(input) = walk_error(dir, &e) {
                    inputs.push(input);
                }
                continue;
            }
        };
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() || extension(entry.path()).is_none() {
            continue;
        }
        let path = entry.into_path();
        if file_type.is_file() {
            inputs.push(file(path));
        } else if file_type.is_symlink() {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_file() => inputs.push(file(path)),
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => inputs.push(unreadable(&path, "not a regular file")),
                Err(e) => {
                    let why = reason(&path, &e);
                    inputs.push(unreadable(&path, why));
                }
            }
        } else {
            inputs.push(unreadable(&path, not_regular(&file_type)));
        }
    }
}

/// A walk error as an unreadable input: a directory that cannot be listed. A faulty
/// ignore file is not an input; its rules are dropped, as ripgrep drops them.
fn walk_error(root: &Path, e: &ignore::Error) -> Option<Input> {
    let mut path = None;
    let mut cause = e;
    loop {
        match cause {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p.clone());
                cause = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                cause = err;
            }
            ignore::Error::Io(io) => {
                let path = path.unwrap_or_else(|| root.to_path_buf());
                let why = format!("cannot list it: {}", crate::error::io_reason(io));
                return Some(unreadable(&path, why));
            }
            ignore::Error::Loop { child, .. } => {
                return Some(unreadable(child, "a link that loops back to a parent"));
            }
            _ => return None,
        }
    }
}

fn not_regular(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "not a regular file (a FIFO); name it explicitly to read it";
        }
        if file_type.is_socket() {
            return "not a regular file (a socket)";
        }
    }
    let _ = file_type;
    "not a regular file"
}
