//! The exit code is the verdict, whatever becomes of the report: a reader that closes stdout
//! at once (`| head -0`), after one line (`| head -1`) or after 100 bytes (`| head -c 100`)
//! changes nothing, for one wallet and for many, in every format. And what a failed run
//! looks like: its summary red, an empty NDJSON file "found nothing", a BOM mid-file an error.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use crate::support::{authcode, closed_pipe, text};

/// Fixtures every wallet refuses in thousands: a directory of files and a large NDJSON file.
fn refused_everywhere() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..50 {
        fs::write(
            dir.path().join(format!("doc{i:03}.json")),
            format!(r#"{{"scopes": ["NO_SUCH_SCOPE_{i}"]}}"#),
        )
        .unwrap();
    }
    let mut lines = String::new();
    for i in 0..5000 {
        lines.push_str(&format!("{{\"scopes\": [\"NOPE_{i}\"]}}\n"));
    }
    fs::write(dir.path().join("many.ndjson"), lines).unwrap();
    dir
}

/// How a reader treats the report.
#[derive(Debug, Clone, Copy)]
enum Reader {
    /// `| head -0`: stdout closed before the first write.
    Closed,
    /// `| head -1`
    OneLine,
    /// `| head -c 100`
    Bytes100,
}

/// The exit code of `authcode ARGS` when the report goes to `reader`.
fn exit_with(args: &[&str], reader: Reader) -> i32 {
    let mut cmd = authcode();
    cmd.args(args).stderr(Stdio::piped());
    if let Reader::Closed = reader {
        let out = cmd.stdout(closed_pipe()).output().unwrap();
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
        return out.status.code().unwrap();
    }
    let mut child = cmd.stdout(Stdio::piped()).spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut read = Vec::new();
    let mut byte = [0u8; 1];
    // Byte by byte, so that no more than the reader wants is taken from the pipe.
    while stdout.read(&mut byte).unwrap() == 1 {
        read.push(byte[0]);
        let enough = match reader {
            Reader::OneLine => byte[0] == b'\n',
            _ => read.len() == 100,
        };
        if enough {
            break;
        }
    }
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(!read.is_empty(), "{args:?}: nothing written");
    assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
    out.status.code().unwrap()
}

#[test]
fn a_reader_that_stops_early_leaves_the_verdict_for_one_wallet_and_many() {
    let dir = refused_everywhere();
    let d = dir.path().to_str().unwrap();
    let many = dir.path().join("many.ndjson");
    let many = many.to_str().unwrap();
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for format in ["human", "json", "github", "junit"] {
        runs.push(vec!["validate", "--format", format, d]);
        runs.push(vec!["validate", "--format", format, many]);
    }
    for wallets in ["all", "gcash,tng"] {
        for format in ["human", "json"] {
            runs.push(vec!["validate", "--wallet", wallets, "--format", format, d]);
            runs.push(vec![
                "validate", "--wallet", wallets, "--format", format, many,
            ]);
            runs.push(vec![
                "validate", "--wallet", wallets, "--format", format, "-j", "1", many,
            ]);
        }
    }
    for args in &runs {
        // The verdict, read whole.
        assert_eq!(authcode().args(args).run().code, 1, "{args:?}");
        for reader in [Reader::Closed, Reader::OneLine, Reader::Bytes100] {
            assert_eq!(exit_with(args, reader), 1, "{args:?} read as {reader:?}");
        }
    }
}

#[test]
fn an_unreadable_path_still_exits_2_when_nobody_reads_the_report() {
    let dir = refused_everywhere();
    let missing = dir.path().join("missing.json");
    for wallet in ["dana", "all"] {
        let out = authcode()
            .args(["validate", "--wallet", wallet])
            .arg(dir.path())
            .arg(&missing)
            .stdout(closed_pipe())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{wallet}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stderr).contains("cannot read"), "{wallet}");
    }
}

/// The summary line, the last of stdout, under `--color always`.
fn summary(args: &[&str], dir: &Path) -> (i32, String) {
    let out = authcode()
        .args(["--color", "always", "validate"])
        .args(args)
        .current_dir(dir)
        .run();
    let stdout = out.stdout();
    (out.code, stdout.lines().last().unwrap_or("").to_string())
}

const RED: &str = "\x1b[1;31m";
const GREEN: &str = "\x1b[1;32m";

#[test]
fn a_failed_run_has_a_red_summary_and_a_passing_one_a_green_summary() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("ok.json"),
        r#"{"scopes": ["USER_LOGIN_ID"]}"#,
    )
    .unwrap();
    fs::write(dir.path().join("bad.json"), r#"{"scopes": ["NOPE"]}"#).unwrap();
    // (arguments, exit code, colour of the summary)
    let cases: [(&[&str], i32, &str); 6] = [
        (&["ok.json"], 0, GREEN),
        (&["ok.json", "bad.json"], 1, RED),
        // Every document valid, but a path unreadable: the run fails.
        (&["ok.json", "missing.json"], 2, RED),
        (&["--wallet", "dana,alipayplus", "ok.json"], 1, RED),
        (&["--wallet", "dana", "ok.json"], 0, GREEN),
        (&["--wallet", "all", "ok.json", "missing.json"], 2, RED),
    ];
    for (args, code, colour) in cases {
        let (got, line) = summary(args, dir.path());
        assert_eq!(got, code, "{args:?}: {line:?}");
        assert!(line.starts_with(colour), "{args:?}: {line:?}");
    }
    // Two wallets that accept it: green.
    fs::write(dir.path().join("both.json"), r#"{"scopes": ["auth_base"]}"#).unwrap();
    let (code, line) = summary(&["--wallet", "gcash,tng", "both.json"], dir.path());
    assert_eq!(code, 0, "{line:?}");
    assert!(line.starts_with(GREEN), "{line:?}");
}

#[test]
fn an_empty_or_blank_ndjson_input_found_nothing_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [("empty.ndjson", ""), ("blank.jsonl", "\n  \r\n\t\n")] {
        let path = dir.path().join(name);
        fs::write(&path, content).unwrap();
        for wallet in ["dana", "all"] {
            let out = authcode()
                .args(["validate", "--wallet", wallet])
                .arg(&path)
                .run()
                .code(1);
            assert!(
                out.stderr()
                    .starts_with("error: no document to validate: the input is empty or blank"),
                "{name} {wallet}: {out}"
            );
            assert!(out.stdout().contains("0 documents in 1 file"), "{out}");
        }
    }
    // Blank lines on stdin too; and beside a file with documents, the run found something.
    authcode()
        .args(["validate", "--ndjson", "-"])
        .stdin("\n\n")
        .run()
        .code(1)
        .stderr_has("no document to validate");
    let ok = dir.path().join("ok.ndjson");
    fs::write(&ok, "{\"scopes\": [\"USER_LOGIN_ID\"]}\n").unwrap();
    authcode()
        .arg("validate")
        .arg(dir.path().join("empty.ndjson"))
        .arg(&ok)
        .run()
        .code(0);
}

#[test]
fn a_bom_in_the_middle_of_ndjson_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("joined.ndjson");
    // Two files joined with `cat`, each saved with a BOM.
    fs::write(
        &path,
        "\u{feff}{\"scopes\": [\"USER_LOGIN_ID\"]}\n\u{feff}{\"scopes\": [\"USER_LOGIN_ID\"]}\n",
    )
    .unwrap();
    let out = authcode()
        .args(["validate", "--format", "json"])
        .arg(&path)
        .run()
        .code(1);
    let report = out.json();
    let docs = report["documents"].as_array().unwrap();
    // Line 1: a BOM that opens the file is a warning, as for any file.
    assert_eq!(docs[0]["valid"], true, "{report:#}");
    assert_eq!(docs[0]["diagnostics"][0]["severity"], "warning");
    // Line 2: an error at that line.
    assert_eq!(docs[1]["valid"], false, "{report:#}");
    let d = &docs[1]["diagnostics"][0];
    assert_eq!(
        (d["rule"].as_str(), d["severity"].as_str()),
        (Some("bom"), Some("error"))
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        d["message"],
        "a UTF-8 byte order mark in the middle of the file"
    );
    assert_eq!(report["summary"]["invalid"], 1);
    // Across wallets, the line is refused by every one for it.
    let out = authcode()
        .args(["validate", "--wallet", "dana,gcash"])
        .arg(&path)
        .run()
        .code(1);
    assert!(
        out.stdout()
            .contains("joined.ndjson:2: refused by dana (bom), gcash (bom, unknown-scope)"),
        "{out}"
    );
}
