//! Results nobody receives: no match, stdout closed, a pipe closed by its reader.

use std::process::Output;

use super::{as_in_ci, expect, write};
use crate::support::{bin, text, TestCommand};

#[test]
fn scopes_json_without_a_match_prints_an_empty_array() {
    let (stdout, stderr) = expect(&["scopes", "--json", "no-such-scope-anywhere"], 1);
    assert_eq!(stdout, "[]\n");
    assert!(stderr.starts_with("error: no scope matches"), "{stderr}");
    // The table says nothing on stdout, as before.
    let (stdout, _) = expect(&["scopes", "no-such-scope-anywhere"], 1);
    assert_eq!(stdout, "");
}

/// `authcode ARGS` with fd 1 closed by the shell (`>&-`).
#[cfg(target_os = "linux")]
fn with_stdout_closed(args: &[&str]) -> Output {
    TestCommand::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" >&-")
        .arg(bin())
        .args(args)
        .env("CI", "true")
        .output()
        .expect("run sh")
}

// The binary notes a closed fd 1 before Rust's runtime reopens it; it does so on Linux.
#[cfg(target_os = "linux")]
#[test]
fn request_with_stdout_closed_is_exit_2() {
    for args in [
        &["request", "-s", "USER_LOGIN_ID", "--approve"][..],
        &["request", "-s", "USER_LOGIN_ID", "--deny", "-o", "-"],
        &[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--payload",
            "--format",
            "js",
        ],
        // Refused before the prompt would be reached (and not for the lack of a terminal).
        &["request", "-s", "USER_LOGIN_ID"],
    ] {
        let out = with_stdout_closed(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).starts_with("error: stdout is closed"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    // -o FILE does not need stdout.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("response.json");
    let out = with_stdout_closed(&[
        "request",
        "-s",
        "USER_LOGIN_ID",
        "--deny",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(&file).unwrap().contains("40006"));
    // Neither do listings, which end quietly as before.
    let out = with_stdout_closed(&["scopes"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // And stdout sent to /dev/null on purpose is delivered where it was sent.
    let out = as_in_ci(&["request", "-s", "USER_LOGIN_ID", "--approve"])
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/null")
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// `authcode ARGS` writing to a pipe whose reader is already gone (`| head -0`).
fn to_a_closed_pipe(args: &[&str], stdin: Option<&str>) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = as_in_ci(args);
    cmd.stdout(writer);
    if let Some(input) = stdin {
        cmd.stdin(input);
    }
    cmd.output().unwrap()
}

#[test]
fn request_to_a_pipe_closed_by_its_reader_is_exit_2() {
    for (args, stdin) in [
        (&["request", "-s", "USER_LOGIN_ID", "--approve"][..], None),
        (
            &["request", "--from", "-", "--deny"],
            Some(r#"{"scopes": ["KYC_INFO"]}"#),
        ),
        (&["request", "-s", "KYC_INFO", "--payload"], None),
    ] {
        let out = to_a_closed_pipe(args, stdin);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).starts_with(
                "error: stdout was closed before the output was written: it was not delivered\n"
            ),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn listings_to_a_pipe_closed_by_its_reader_end_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let valid = write(dir.path(), "ok.json", r#"{"scopes": ["KYC_INFO"]}"#);
    for (args, stdin) in [
        (&["scopes"][..], None),
        (&["scopes", "--json"], None),
        (&["validate", &valid], None),
        (
            &["validate", "--ndjson", "-"],
            Some("{\"scopes\": [\"KYC_INFO\"]}\n"),
        ),
        (&["schema", "request"], None),
    ] {
        let out = to_a_closed_pipe(args, stdin);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
}
