//! What to read: paths named on the command line, directories walked in sorted order, and
//! stdin.

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
    /// A path that cannot be read, and why.
    Unreadable {
        shown: Arc<str>,
        reason: String,
    },
}

const EXTENSIONS: [&str; 3] = ["json", "ndjson", "jsonl"];

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
    Input::Unreadable {
        shown: shown(path),
        reason: reason.into(),
    }
}

/// The inputs named by `paths`, directories expanded.
///
/// A file named explicitly is read whatever its name or type (so `<(cmd)` works); in a
/// directory only *.json, *.ndjson and *.jsonl are read, links to files are followed,
/// links to directories are not (no loops), and anything that is not a regular file is
/// reported instead of opened (a FIFO would block).
pub(super) fn collect(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut inputs),
            Ok(_) => inputs.push(file(path.clone())),
            Err(e) => inputs.push(unreadable(path, crate::error::io_reason(&e))),
        }
    }
    inputs
}

fn walk(dir: &Path, inputs: &mut Vec<Input>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            inputs.push(unreadable(
                dir,
                format!("cannot list directory: {}", crate::error::io_reason(&e)),
            ));
            return;
        }
    };
    let mut entries: Vec<(PathBuf, Option<fs::FileType>)> = entries
        .filter_map(Result::ok)
        .map(|e| (e.path(), e.file_type().ok()))
        .collect();
    entries.sort_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
    for (path, file_type) in entries {
        let Some(file_type) = file_type else {
            continue;
        };
        if file_type.is_dir() {
            walk(&path, inputs);
            continue;
        }
        if extension(&path).is_none() {
            continue;
        }
        if file_type.is_file() {
            inputs.push(file(path));
        } else if file_type.is_symlink() {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_file() => inputs.push(file(path)),
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => inputs.push(unreadable(&path, "not a regular file")),
                Err(e) => inputs.push(unreadable(&path, crate::error::io_reason(&e))),
            }
        } else {
            inputs.push(unreadable(&path, not_regular(&file_type)));
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
