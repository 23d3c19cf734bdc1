//! Closed pipes: a reader that is gone before the first write, or that stops after one
//! line (`| head -1`), ends every command quietly with its usual exit code.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use crate::support::{authcode, closed_pipe, text};

fn every_command(fixtures: &Path) -> Vec<Vec<String>> {
    let f = fixtures.to_str().unwrap();
    let mut all: Vec<Vec<&str>> = vec![
        vec!["scopes"],
        vec!["scopes", "--json"],
        vec!["scopes", "office"],
        vec!["--color", "always", "scopes"],
        vec!["request", "--scopes", "USER_LOGIN_ID,KYC_INFO", "--approve"],
        vec![
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--deny",
            "--compact",
        ],
        vec![
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO",
            "--grant",
            "KYC_INFO",
        ],
        vec!["request", "--scopes", "USER_LOGIN_ID", "--payload"],
        vec![
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--payload",
            "--format",
            "js",
        ],
        vec!["schema", "request"],
        vec!["schema", "response", "--compact"],
        vec!["--help"],
        vec!["--version"],
        vec!["validate", "--help"],
        vec!["request", "--help"],
    ];
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        all.push(vec!["completions", shell]);
    }
    for format in ["human", "json", "github", "junit"] {
        all.push(vec!["validate", "--format", format, f]);
        all.push(vec!["validate", "--format", format, "-j", "1", f]);
    }
    all.push(vec!["validate", "--quiet", f]);
    all.into_iter()
        .map(|args| args.into_iter().map(String::from).collect())
        .collect()
}

/// A directory of many documents, some invalid, for long reports.
fn fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        let body = if i % 3 == 0 {
            r#"{"scopes": ["USER_LOGN_ID", "KYC_INFO", "KYC_INFO"]}"#
        } else {
            r#"{"authErrorScopes": {"USER_LOGIN_ID": "40006"}}"#
        };
        fs::write(dir.path().join(format!("doc{i:04}.json")), body).unwrap();
    }
    let mut lines = String::new();
    for _ in 0..2000 {
        lines.push_str("{\"scopes\": [\"BAD\"]}\n");
    }
    fs::write(dir.path().join("many.ndjson"), lines).unwrap();
    dir
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let dir = fixtures();
    for args in every_command(dir.path()) {
        let out = authcode()
            .args(&args)
            .stdin_from(Stdio::null())
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        // A response lost to a closed pipe was not delivered: flags::delivery tests the words.
        if args[0] == "request" && !args.iter().any(|a| a == "--help") {
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            continue;
        }
        // A closed stdout ends the report, not the verdict: the fixtures hold invalid
        // documents, so validate still exits 1.
        let verdict = if args.iter().any(|a| a == "validate") && !args.iter().any(|a| a == "--help")
        {
            1
        } else {
            0
        };
        assert_eq!(
            out.status.code(),
            Some(verdict),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
    }
    // stdin streamed to a closed stdout.
    let out = authcode()
        .args(["validate", "--ndjson", "-"])
        .stdin_from(fs::File::open(dir.path().join("many.ndjson")).unwrap())
        .stdout(closed_pipe())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    // Every line is invalid: the verdict stands though nobody reads the report.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn a_reader_that_stops_after_one_line_ends_the_output_quietly() {
    let dir = fixtures();
    let path = dir.path().to_str().unwrap();
    for args in [
        vec!["scopes"],
        vec!["validate", "--format", "human", path],
        vec!["validate", "--format", "github", path],
        vec!["validate", "--format", "junit", path],
        vec!["validate", "--format", "json", path],
    ] {
        let mut child = authcode()
            .args(&args)
            .stdin_from(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader is dropped here, like `head -1` exiting.
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty(), "{args:?}");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {:?} {}",
            out.status,
            text(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
    }
}
