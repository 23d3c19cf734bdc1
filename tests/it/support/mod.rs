//! What the tests share: the one command builder (`command`: clean environment, own store,
//! timeout, children killed on drop), the outcome of a run with assertions, the validate-JSON
//! runner, file-system and pipe helpers, the pty harness (`pty`) and the seeded document
//! generator (`docgen`).
//!
//! A test reads as the command line it runs:
//!
//! ```ignore
//! let out = authcode().args(["request", "--scopes", "USER_JOB", "--deny"]).run().ok();
//! authcode().args(["request", "--scopes", "NOPE", "--approve"]).refused("unknown scope NOPE");
//! let (code, report) = validate_json(["--ndjson", "-"], "{\"scopes\": []}\n");
//! ```

#![allow(dead_code)] // not every module uses every helper

mod command;
pub mod docgen;
pub mod postgres;
pub mod pty;

/// The built-in wallets, in `authcode wallets` order.
pub const WALLETS: [&str; 7] = [
    "dana",
    "alipayplus",
    "alipayplus-connect",
    "gcash",
    "tng",
    "alipayhk",
    "alipaycn",
];

pub use command::{authcode, bin, Running, StoreGuard, TestCommand, ENV_THAT_CHANGES_OUTPUT};

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::io::FromRawFd;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use serde_json::Value;

/// The outcome of one run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Run {
    pub fn stdout(&self) -> String {
        text(&self.stdout)
    }

    pub fn stderr(&self) -> String {
        text(&self.stderr)
    }

    /// stdout as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout()))
    }

    /// Asserts exit `code`.
    pub fn code(self, code: i32) -> Run {
        assert_eq!(self.code, code, "{self}");
        self
    }

    /// Asserts exit 0 and an empty stderr.
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "{self}");
        assert!(self.stderr.is_empty(), "{self}");
        self
    }

    /// Asserts exit 0 (stderr may hold warnings).
    pub fn success(self) -> Run {
        self.code(0)
    }

    /// Asserts a refusal: exit 2, nothing on stdout, and stderr opening with an `error: `
    /// line that contains `needle`, without raw control characters. Returns stderr.
    pub fn refused(self, needle: &str) -> String {
        assert_eq!(self.code, 2, "{self}");
        assert_clean_stderr(&self.stderr);
        assert!(self.stdout.is_empty(), "{self}");
        let err = self.stderr();
        assert!(err.starts_with("error: "), "{self}");
        assert!(err.contains(needle), "{needle:?} not in: {err}");
        err
    }

    /// Asserts that stdout is exactly `expected`.
    pub fn stdout_is(self, expected: &str) -> Run {
        assert_eq!(self.stdout(), expected, "{self}");
        self
    }

    /// Asserts that stderr contains `needle`.
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(self.stderr().contains(needle), "{needle:?} not in: {self}");
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code,
            self.stdout(),
            self.stderr()
        )
    }
}

/// No arguments, for [`validate_json`].
pub const NO_ARGS: [&str; 0] = [];

/// Runs `authcode validate --format json ARGS` with `stdin`; returns the exit code and the
/// parsed report.
pub fn validate_json<I, S>(args: I, stdin: impl Into<Vec<u8>>) -> (i32, Value)
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let run = authcode()
        .args(["validate", "--format", "json"])
        .args(args)
        .stdin(stdin)
        .run();
    assert_clean_stderr(&run.stderr);
    let report = serde_json::from_slice(&run.stdout)
        .unwrap_or_else(|e| panic!("the report is not JSON ({e}): {run}"));
    (run.code, report)
}

/// [`validate_json`], with what went to stderr (unreadable inputs are said there).
pub fn validate_json_stderr<I, S>(args: I, stdin: impl Into<Vec<u8>>) -> (i32, Value, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let run = authcode()
        .args(["validate", "--format", "json"])
        .args(args)
        .stdin(stdin)
        .run();
    assert_clean_stderr(&run.stderr);
    let report = serde_json::from_slice(&run.stdout)
        .unwrap_or_else(|e| panic!("the report is not JSON ({e}): {run}"));
    (
        run.code,
        report,
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

/// The report entry of one document given on stdin, checked with `extra` options.
pub fn check_one(doc: &str, extra: &[&str]) -> Value {
    let (_, report) = validate_json(extra, doc);
    let documents = report["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 1, "{report:#}");
    documents[0].clone()
}

/// The report entry of the document whose path ends with `name`.
pub fn doc<'r>(report: &'r Value, name: &str) -> &'r Value {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no document {name} in {report:#}"))
}

/// The rule ids of a report entry's diagnostics, in order.
pub fn rules(doc: &Value) -> Vec<String> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Text from bytes, lossily.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// No panic message, backtrace hint or raw control character other than newline.
pub fn assert_clean_stderr(stderr: &[u8]) {
    let s = text(stderr);
    assert!(!s.contains("panicked"), "panic: {s}");
    assert!(!s.contains("RUST_BACKTRACE"), "backtrace hint: {s}");
    assert!(
        !stderr.iter().any(|&b| b < 0x20 && b != b'\n'),
        "control characters on stderr: {s:?}"
    );
}

/// A minted code: 32 ASCII letters and digits.
pub fn is_code(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The names in `dir`, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Whether `program ARGS` runs and succeeds here (for tests that need a system tool).
pub fn usable(program: &str, args: &[&str]) -> bool {
    StdCommand::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A pipe whose read end is already closed: every write to it fails with EPIPE.
pub fn closed_pipe() -> fs::File {
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    unsafe {
        libc::close(fds[0]);
        fs::File::from_raw_fd(fds[1])
    }
}

/// Makes a FIFO at `path`.
pub fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

/// A file `name` holding `content` in a new temporary directory.
pub fn temp_file(name: &str, content: impl AsRef<[u8]>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, content).unwrap();
    (dir, path)
}

/// Contents every reader (validate, request --from, --catalog) must survive, with the rule
/// `validate` reports for each.
pub fn hostile_files() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    vec![
        ("empty.json", b"".to_vec(), "syntax"),
        ("blank.json", b"  \n\t \r\n ".to_vec(), "syntax"),
        (
            "nul.json",
            b"{\"scopes\": [\"USER_LOGIN_ID\"]\x00}".to_vec(),
            "syntax",
        ),
        (
            "binary.json",
            vec![
                0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0xff, 0xfe, 0x00, 0x9c,
            ],
            "encoding",
        ),
        (
            "latin1.json",
            b"{\"scopes\": [\"USER_LOGIN_ID\", \"caf\xe9\"]}".to_vec(),
            "encoding",
        ),
        (
            "surrogate.json",
            br#"{"scopes": ["\ud800"]}"#.to_vec(),
            "encoding",
        ),
        (
            "huge-number.json",
            br#"{"authErrorScopes": {"USER_LOGIN_ID": 1e999}}"#.to_vec(),
            "syntax",
        ),
        (
            "deep.json",
            [b"[".repeat(100_000), b"]".repeat(100_000)].concat(),
            "syntax",
        ),
        (
            "deep-object.json",
            [
                br#"{"scopes":"#.repeat(100_000),
                b"1".to_vec(),
                b"}".repeat(100_000),
            ]
            .concat(),
            "syntax",
        ),
    ]
}

/// Waits until `ready()` holds, asking again every 10 ms for at most 10 s, else fails the
/// test naming `what`: for conditions nothing signals (a row in the store, the clock).
pub fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let started = std::time::Instant::now();
    while !ready() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "waited 10 s for {what}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}
