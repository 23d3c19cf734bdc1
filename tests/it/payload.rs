//! `request --payload`: the request itself, as JSON or as the mini program's
//! `my.getAuthCode` call, and the flags that make no sense with it.

use std::process::{Command as StdCommand, Stdio};

use predicates::prelude::*;

use crate::support::authcode;

#[test]
fn payload_prints_the_request_only() {
    let out = authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID,KYC_INFO", "--payload"])
        .ok();
    assert_eq!(
        out,
        "{\n  \"scopes\": [\n    \"USER_LOGIN_ID\",\n    \"KYC_INFO\"\n  ]\n}\n"
    );
    // --payload never prompts, even with no terminal and no decision.
    authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "--payload"])
        .env_remove("CI")
        .assert()
        .success()
        .stdout("{\n  \"scopes\": [\n    \"USER_LOGIN_ID\"\n  ]\n}\n");
}

#[test]
fn payload_js_is_the_mini_program_call() {
    let out = authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO",
            "--payload",
            "--format",
            "js",
        ])
        .ok();
    assert!(out.starts_with("my.getAuthCode({\n"), "{out}");
    assert!(
        out.contains("scopes: ['USER_LOGIN_ID', 'KYC_INFO'],"),
        "{out}"
    );
    assert!(out.contains("success: (res) =>"), "{out}");
    assert!(out.contains("fail: (res) =>"), "{out}");
    assert!(out.contains("res.authCode"), "{out}");
    assert!(out.trim_end().ends_with("});"), "{out}");
}

#[test]
fn payload_js_passes_node_check() {
    let Some(node) = ["node", "nodejs"].into_iter().find(|n| {
        StdCommand::new(n)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }) else {
        eprintln!("note: node is not on PATH; skipping the `node --check` of --format js");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("call.js");
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID,USER_BIOLOGICAL_MOTHER_NAME,SUBSCRIPTION",
            "--payload",
            "--format",
            "js",
            "-o",
            file.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout("");
    let check = StdCommand::new(node)
        .arg("--check")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "node --check refused it: {}\n{}",
        String::from_utf8_lossy(&check.stderr),
        std::fs::read_to_string(&file).unwrap()
    );
    // And node really rejects broken JavaScript, so the check above means something.
    let bad = dir.path().join("bad.js");
    std::fs::write(&bad, "my.getAuthCode({ scopes: ['A'] ;").unwrap();
    assert!(!StdCommand::new(node)
        .arg("--check")
        .arg(&bad)
        .output()
        .unwrap()
        .status
        .success());
}

#[test]
fn flags_that_payload_would_ignore_are_refused() {
    for flag in [
        &["--approve"][..],
        &["--deny"],
        &["--grant", "USER_JOB"],
        &["--seed", "1"],
        &["--error-code", "11"],
    ] {
        authcode()
            .args(["request", "-s", "USER_JOB", "--payload"])
            .args(flag)
            .run()
            .code(2)
            .stdout_is("");
    }
}

#[test]
fn format_without_payload_is_refused() {
    authcode()
        .args(["request", "-s", "USER_JOB", "--format", "js", "--deny"])
        .refused("applies to --payload only");
}

#[test]
fn unknown_scope_is_refused_before_payload_too() {
    authcode()
        .args(["request", "--scopes", "USER_LOGN_ID", "--payload"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("did you mean USER_LOGIN_ID?"));
}
