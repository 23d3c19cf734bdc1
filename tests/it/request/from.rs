//! `authcode request --from FILE|-`: reading the scopes from a request payload, and
//! refusing what is not one.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;

use predicates::prelude::*;
use serde_json::{json, Value};

use crate::support::{authcode, hostile_files, is_code};

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text:?}"))
}

#[test]
fn from_file_reads_the_scopes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("request.json");
    std::fs::write(&file, r#"{"scopes": ["KYC_INFO", "USER_LOGIN_ID"]}"#).unwrap();
    let from_file = authcode()
        .args([
            "request",
            "--from",
            file.to_str().unwrap(),
            "--approve",
            "--seed",
            "3",
        ])
        .ok();
    let from_args = authcode()
        .args([
            "request",
            "--scopes",
            "KYC_INFO,USER_LOGIN_ID",
            "--approve",
            "--seed",
            "3",
        ])
        .ok();
    assert_eq!(from_file, from_args);
    assert_eq!(
        parse(&from_file)["authSuccessScopes"],
        json!(["KYC_INFO", "USER_LOGIN_ID"])
    );
}

#[test]
fn from_stdin_reads_the_scopes() {
    let out = authcode()
        .args([
            "request",
            "--from",
            "-",
            "--grant",
            "USER_JOB",
            "--compact",
            "--seed",
            "9",
        ])
        .stdin(r#"{"scopes": ["USER_LOGIN_ID", "USER_JOB"]}"#)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let value = parse(&String::from_utf8(out).unwrap());
    assert!(is_code(&value["authCode"]));
    assert_eq!(value["authSuccessScopes"], json!(["USER_JOB"]));
    assert_eq!(value["authErrorScopes"], json!({"USER_LOGIN_ID": "40006"}));
}

#[test]
fn from_a_spec_style_request_checks_names_too() {
    authcode()
        .args(["request", "--from", "-", "--approve"])
        .stdin(r#"{"scopes": ["user_login_id"]}"#)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "error: <stdin>:1:13: unknown scope \"user_login_id\"",
        ))
        .stderr(predicate::str::contains("did you mean USER_LOGIN_ID?"));
}

#[test]
fn from_a_bad_file_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    authcode()
        .args(["request", "--from", missing.to_str().unwrap(), "--approve"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("error: cannot read "))
        .stderr(predicate::str::contains("missing.json"));

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{'scopes': ['USER_LOGIN_ID']}").unwrap();
    authcode()
        .args(["request", "--from", broken.to_str().unwrap(), "--approve"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("broken.json"))
        .stderr(predicate::str::contains(
            "hint: JSON strings use double quotes",
        ));

    authcode()
        .args(["request", "--from", "-", "--approve"])
        .stdin(r#"{"scopes": "USER_LOGIN_ID"}"#)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("<stdin>"));
}

#[test]
fn from_and_scopes_exclude_each_other() {
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--from",
            "-",
            "--deny",
        ])
        .stdin(r#"{"scopes": ["KYC_INFO"]}"#)
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn request_from_refuses_each_bad_input_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let expected = [
        ("empty.json", "the input is empty"),
        ("blank.json", "the input is empty"),
        ("nul.json", "control character U+0000"),
        ("binary.json", "not UTF-8"),
        ("latin1.json", "not UTF-8"),
        ("surrogate.json", "lone UTF-16 surrogate"),
        ("huge-number.json", "a number too large to read"),
        ("deep.json", "nested more than 128 levels deep"),
        ("deep-object.json", "nested more than 128 levels deep"),
    ];
    for (name, bytes, _) in hostile_files() {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let needle = expected.iter().find(|(n, _)| *n == name).unwrap().1;
        let err = authcode()
            .args([
                OsStr::new("request"),
                OsStr::new("--approve"),
                OsStr::new("--from"),
                path.as_os_str(),
            ])
            .refused(needle);
        assert!(err.contains(name), "the message names the file: {err}");
    }
    // A directory, and a file whose read fails for everyone (root included).
    authcode()
        .args([
            OsStr::new("request"),
            OsStr::new("--approve"),
            OsStr::new("--from"),
            dir.path().as_os_str(),
        ])
        .refused("Is a directory");
    authcode()
        .args([
            OsStr::new("request"),
            OsStr::new("--approve"),
            OsStr::new("--from"),
            OsStr::new("/proc/self/mem"),
        ])
        .refused("Input/output error");
    authcode()
        .args([
            OsStr::new("request"),
            OsStr::new("--approve"),
            OsStr::new("--from"),
            OsStr::new("/nonexistent/x.json"),
        ])
        .refused("No such file");
}

#[test]
fn from_a_file_with_a_bom_crlf_and_escaped_names_reads_the_scopes() {
    let dir = tempfile::tempdir().unwrap();
    // A BOM (warned about), CRLF and a \u-escaped name decode to the scope.
    let from = dir.path().join("req.json");
    fs::write(
        &from,
        b"\xEF\xBB\xBF{\r\n  \"scopes\": [\r\n    \"\\u0055SER_LOGIN_ID\"\r\n  ]\r\n}\r\n",
    )
    .unwrap();
    let out = authcode()
        .args(["request", "--approve", "--compact", "--seed", "1", "--from"])
        .arg(&from)
        .run()
        .success()
        .stderr_has("byte order mark");
    assert_eq!(out.json()["authSuccessScopes"], json!(["USER_LOGIN_ID"]));
}

#[test]
fn from_a_file_whose_name_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join(OsStr::from_bytes(b"req-\xff.json"));
    fs::write(&good, r#"{"scopes": ["USER_JOB"]}"#).unwrap();
    authcode()
        .args(["request", "--deny", "--compact", "--from"])
        .arg(&good)
        .run()
        .ok();
    let missing = dir.path().join(OsStr::from_bytes(b"gone-\xff.json"));
    authcode()
        .args(["request", "--deny", "--from"])
        .arg(&missing)
        .refused("gone-\u{fffd}.json");
}
