//! `authcode request` without a terminal: decision flags, codes, inputs, output files.

mod common;

use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use common::{authcode, ok};
use predicates::prelude::*;
use serde_json::{json, Value};

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text:?}"))
}

fn is_code(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The spec's failure sample, verbatim.
const SPEC_FAILURE_SAMPLE: &str = r#"{
    "authErrorScopes":{
       "USER_LOGIN_ID":"40006"
    }
}"#;

#[test]
fn deny_reproduces_the_spec_failure_sample() {
    let out = ok(&["request", "--scopes", "USER_LOGIN_ID", "--deny"]);
    assert_eq!(parse(&out), parse(SPEC_FAILURE_SAMPLE));
    // Pretty-printed with a 2-space indent, one final newline.
    assert_eq!(
        out,
        "{\n  \"authErrorScopes\": {\n    \"USER_LOGIN_ID\": \"40006\"\n  }\n}\n"
    );
}

#[test]
fn compact_prints_one_line() {
    let out = ok(&[
        "request",
        "--scopes",
        "USER_LOGIN_ID",
        "--deny",
        "--compact",
    ]);
    assert_eq!(out, "{\"authErrorScopes\":{\"USER_LOGIN_ID\":\"40006\"}}\n");
    let out = ok(&[
        "request",
        "--scopes",
        "USER_LOGIN_ID,KYC_INFO",
        "--approve",
        "--seed",
        "1",
        "--compact",
    ]);
    assert_eq!(out.lines().count(), 1);
    assert!(out.ends_with("}\n"));
}

#[test]
fn approve_grants_every_scope_with_a_seeded_code() {
    let out = ok(&[
        "request",
        "--scopes",
        "USER_LOGIN_ID",
        "--approve",
        "--seed",
        "42",
    ]);
    assert_eq!(
        out,
        "{\n  \"authCode\": \"9RWLmNP8He46pUbcPW8ISx1al24uMGaK\",\n  \"authSuccessScopes\": [\n    \"USER_LOGIN_ID\"\n  ]\n}\n"
    );
    let out = ok(&[
        "request",
        "--scopes",
        "KYC_INFO,USER_LOGIN_ID",
        "--approve",
        "--seed",
        "1",
    ]);
    let value = parse(&out);
    assert!(is_code(&value["authCode"]), "{value}");
    assert_eq!(
        value,
        json!({
            "authCode": value["authCode"],
            "authSuccessScopes": ["KYC_INFO", "USER_LOGIN_ID"],
        })
    );
    // No authErrorScopes key at all when everything was granted.
    assert_eq!(value.as_object().unwrap().len(), 2);
}

#[test]
fn deny_of_several_scopes_keeps_request_order_and_has_no_code() {
    let out = ok(&[
        "request",
        "--scopes",
        "USER_JOB,KYC_INFO",
        "--scopes",
        "USER_LOGIN_ID",
        "--deny",
        "--compact",
    ]);
    assert_eq!(
        out,
        "{\"authErrorScopes\":{\"USER_JOB\":\"40006\",\"KYC_INFO\":\"40006\",\"USER_LOGIN_ID\":\"40006\"}}\n"
    );
}

#[test]
fn grant_gives_a_partial_response_in_request_order() {
    let out = ok(&[
        "request",
        "--scopes",
        "USER_LOGIN_ID,KYC_INFO,USER_JOB",
        // Named in another order than requested: the response keeps the request's order.
        "--grant",
        "USER_JOB,USER_LOGIN_ID",
        "--seed",
        "42",
        "--error-code",
        "11",
        "--compact",
    ]);
    assert_eq!(
        out,
        "{\"authCode\":\"lG3jMh4YSPN5pjv07ljvFmtUMGDUtT7C\",\"authSuccessScopes\":[\"USER_LOGIN_ID\",\"USER_JOB\"],\"authErrorScopes\":{\"KYC_INFO\":\"11\"}}\n"
    );
}

#[test]
fn grant_of_everything_or_repeated_grant_flags() {
    let all = ok(&[
        "request",
        "--scopes",
        "USER_LOGIN_ID,KYC_INFO",
        "--grant",
        "KYC_INFO",
        "--grant",
        "USER_LOGIN_ID",
        "--seed",
        "5",
    ]);
    let approve = ok(&[
        "request",
        "--scopes",
        "USER_LOGIN_ID,KYC_INFO",
        "--approve",
        "--seed",
        "5",
    ]);
    assert_eq!(all, approve);
}

#[test]
fn grant_of_a_scope_not_requested_is_exit_2() {
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--grant",
            "KYC_INFO",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: --grant names KYC_INFO, which is not among the requested scopes\n",
        ))
        .stderr(predicate::str::contains("hint: requested: USER_LOGIN_ID"));
}

#[test]
fn decision_flags_exclude_each_other() {
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--approve",
            "--deny",
        ])
        .assert()
        .code(2)
        .stdout("");
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--deny",
            "--grant",
            "USER_LOGIN_ID",
        ])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn error_code_value_is_used_for_denied_scopes() {
    for code in ["11", "3", "10", "40006"] {
        let out = ok(&[
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--deny",
            "--error-code",
            code,
        ]);
        assert_eq!(
            parse(&out),
            json!({"authErrorScopes": {"USER_LOGIN_ID": code}})
        );
    }
}

#[test]
fn unknown_error_code_is_accepted_with_a_warning() {
    let assert = authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--deny",
            "--error-code",
            "99999",
        ])
        .assert()
        .success()
        .stderr(predicate::str::starts_with("warning: error code 99999"))
        .stderr(predicate::str::contains("known: 3, 10, 11, 40006"));
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(
        parse(&out),
        json!({"authErrorScopes": {"USER_LOGIN_ID": "99999"}})
    );
}

#[test]
fn blank_error_code_is_refused() {
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--deny",
            "--error-code",
            "",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("error: "));
}

#[test]
fn seed_is_deterministic_per_seed_and_scopes() {
    let run = |seed: &str, scopes: &str| {
        let out = ok(&["request", "--scopes", scopes, "--approve", "--seed", seed]);
        let value = parse(&out);
        assert!(is_code(&value["authCode"]), "{value}");
        value["authCode"].as_str().unwrap().to_string()
    };
    let first = run("7", "USER_LOGIN_ID");
    assert_eq!(first, run("7", "USER_LOGIN_ID"));
    assert_ne!(first, run("8", "USER_LOGIN_ID"));
    assert_ne!(first, run("7", "USER_LOGIN_ID,KYC_INFO"));
}

#[test]
fn codes_are_32_alphanumerics_and_fresh_without_a_seed() {
    let mut codes = std::collections::HashSet::new();
    for _ in 0..5 {
        let value = parse(&ok(&["request", "--scopes", "USER_LOGIN_ID", "--approve"]));
        assert!(is_code(&value["authCode"]), "{value}");
        assert!(codes.insert(value["authCode"].as_str().unwrap().to_string()));
    }
}

#[test]
fn repeated_and_comma_separated_scopes_keep_their_order() {
    let out = ok(&[
        "request",
        "--scopes",
        "USER_JOB,KYC_INFO",
        "--scopes",
        "USER_LOGIN_ID",
        "--payload",
        "--compact",
    ]);
    assert_eq!(
        out,
        "{\"scopes\":[\"USER_JOB\",\"KYC_INFO\",\"USER_LOGIN_ID\"]}\n"
    );
    // Blanks around commas are not part of the names.
    let out = ok(&[
        "request",
        "--scopes",
        "USER_JOB, KYC_INFO",
        "--payload",
        "--compact",
    ]);
    assert_eq!(out, "{\"scopes\":[\"USER_JOB\",\"KYC_INFO\"]}\n");
}

#[test]
fn duplicate_scopes_are_kept_once_in_first_position_with_a_warning() {
    let assert = authcode()
        .args([
            "request",
            "--scopes",
            "KYC_INFO,USER_LOGIN_ID",
            "--scopes",
            "KYC_INFO,USER_JOB,USER_LOGIN_ID,KYC_INFO",
            "--deny",
            "--compact",
        ])
        .assert()
        .success();
    let output = assert.get_output();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "{\"authErrorScopes\":{\"KYC_INFO\":\"40006\",\"USER_LOGIN_ID\":\"40006\",\"USER_JOB\":\"40006\"}}\n"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    // One warning per repeated scope, however often it repeats.
    assert_eq!(stderr.matches("warning:").count(), 2, "{stderr}");
    assert!(stderr.contains("KYC_INFO"), "{stderr}");
    assert!(stderr.contains("USER_LOGIN_ID"), "{stderr}");
}

#[test]
fn from_file_reads_the_scopes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("request.json");
    std::fs::write(&file, r#"{"scopes": ["KYC_INFO", "USER_LOGIN_ID"]}"#).unwrap();
    let from_file = ok(&[
        "request",
        "--from",
        file.to_str().unwrap(),
        "--approve",
        "--seed",
        "3",
    ]);
    let from_args = ok(&[
        "request",
        "--scopes",
        "KYC_INFO,USER_LOGIN_ID",
        "--approve",
        "--seed",
        "3",
    ]);
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
        .write_stdin(r#"{"scopes": ["USER_LOGIN_ID", "USER_JOB"]}"#)
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
        .write_stdin(r#"{"scopes": ["user_login_id"]}"#)
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
        .write_stdin(r#"{"scopes": "USER_LOGIN_ID"}"#)
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
        .write_stdin(r#"{"scopes": ["KYC_INFO"]}"#)
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn unknown_scope_is_exit_2_with_a_did_you_mean() {
    for typo in ["user_login_id", "USER_LOGN_ID"] {
        authcode()
            .args([
                "request",
                "--scopes",
                &format!("KYC_INFO,{typo}"),
                "--approve",
            ])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with(format!(
                "error: unknown scope {typo}"
            )))
            .stderr(predicate::str::contains(
                "\n  hint: did you mean USER_LOGIN_ID?",
            ));
    }
    // Nothing close: no did-you-mean, still a hint where to look.
    authcode()
        .args(["request", "--scopes", "PAYMENT", "--approve"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("error: unknown scope PAYMENT"))
        .stderr(predicate::str::contains("did you mean").not())
        .stderr(predicate::str::contains("authcode scopes"));
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

#[test]
fn no_scopes_is_exit_2() {
    authcode()
        .args(["request", "--approve"])
        .assert()
        .code(2)
        .stdout("");
    authcode()
        .args(["request", "--scopes", "", "--approve"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("error: no scopes to request"));
    authcode()
        .args(["request", "--scopes", " , ", "--approve"])
        .assert()
        .code(2)
        .stdout("");
    authcode()
        .args(["request", "--from", "-", "--approve"])
        .write_stdin(r#"{"scopes": []}"#)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: <stdin>:1:12: scopes is empty",
        ));
}

#[test]
fn payload_prints_the_request_only() {
    let out = ok(&["request", "--scopes", "USER_LOGIN_ID,KYC_INFO", "--payload"]);
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
    let out = ok(&[
        "request",
        "--scopes",
        "USER_LOGIN_ID,KYC_INFO",
        "--payload",
        "--format",
        "js",
    ]);
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
fn format_without_payload_is_a_usage_error() {
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--format",
            "js",
            "--deny",
        ])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn no_decision_and_no_terminal_fails_at_once() {
    for ci in [None, Some("true")] {
        let mut cmd = authcode();
        cmd.args(["request", "--scopes", "USER_LOGIN_ID"])
            .timeout(Duration::from_secs(10));
        match ci {
            Some(v) => cmd.env("CI", v),
            None => cmd.env_remove("CI"),
        };
        let start = Instant::now();
        cmd.assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with("error: "))
            .stderr(predicate::str::contains("--approve"))
            .stderr(predicate::str::contains("--deny"))
            .stderr(predicate::str::contains("--grant"));
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "took {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn stdin_null_fails_at_once_too() {
    // assert_cmd always gives the child a pipe; this one gets /dev/null.
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("authcode"))
        .args(["request", "--scopes", "USER_LOGIN_ID"])
        .env_remove("CI")
        .env_remove("AUTHCODE_CATALOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("authcode request waited for input on /dev/null");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for flag in ["--approve", "--deny", "--grant"] {
        assert!(stderr.contains(flag), "{stderr}");
    }
}

#[test]
fn a_pipe_on_stdin_is_never_read_as_keystrokes() {
    // Enter and "y" would accept the first choice if they were read as keys.
    authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID"])
        .env_remove("CI")
        .write_stdin("\n\ny\n")
        .timeout(Duration::from_secs(10))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--approve"));
}

#[test]
fn exit_0_whatever_the_decision() {
    for flag in [&["--approve"][..], &["--deny"], &["--grant", "KYC_INFO"]] {
        authcode()
            .args(["request", "--scopes", "USER_LOGIN_ID,KYC_INFO"])
            .args(flag)
            .assert()
            .code(0);
    }
}

fn dir_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn output_writes_the_file_and_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("response.json");
    authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "--deny", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "{\n  \"authErrorScopes\": {\n    \"USER_LOGIN_ID\": \"40006\"\n  }\n}\n"
    );
    // --output replaces an old file, and the long name works the same.
    let expected = ok(&[
        "request",
        "--scopes",
        "USER_LOGIN_ID",
        "--approve",
        "--seed",
        "4",
        "--compact",
    ]);
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--approve",
            "--seed",
            "4",
            "--compact",
            "--output",
        ])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    assert_eq!(
        dir_names(dir.path()),
        ["response.json"],
        "temp file left behind"
    );
}

#[cfg(unix)]
#[test]
fn output_file_is_readable_by_others_like_a_normal_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("response.json");
    authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "--deny", "-o"])
        .arg(&file)
        .assert()
        .success();
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "mode {mode:o}");
}

#[test]
fn output_into_a_missing_directory_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.json"), "old").unwrap();
    let target = dir.path().join("missing").join("response.json");
    authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "--deny", "-o"])
        .arg(&target)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("error: cannot write "))
        .stderr(predicate::str::contains("response.json"));
    assert!(!target.exists());
    assert_eq!(dir_names(dir.path()), ["old.json"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("old.json")).unwrap(),
        "old"
    );
}

#[test]
fn output_that_cannot_be_renamed_into_place_leaves_no_temp_file() {
    // The target is a directory: the temp file is written, the rename fails, and the temp
    // file must be gone afterwards.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("response.json");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside.txt"), "keep").unwrap();
    std::fs::write(dir.path().join("old.json"), "old").unwrap();
    authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "--approve", "-o"])
        .arg(&target)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("error: cannot write "));
    assert_eq!(dir_names(dir.path()), ["old.json", "response.json"]);
    assert_eq!(dir_names(&target), ["inside.txt"]);
    assert_eq!(
        std::fs::read_to_string(target.join("inside.txt")).unwrap(),
        "keep"
    );
}

#[test]
fn a_failed_run_leaves_an_old_output_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("response.json");
    std::fs::write(&file, "old content").unwrap();
    authcode()
        .args(["request", "--scopes", "USER_LOGN_ID", "--deny", "-o"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old content");
    authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "-o"])
        .arg(&file)
        .env_remove("CI")
        .assert()
        .code(2)
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old content");
    assert_eq!(dir_names(dir.path()), ["response.json"]);
}

#[test]
fn closed_stdout_loses_the_response_and_exits_2() {
    let bin = assert_cmd::cargo::cargo_bin("authcode");
    let mut child = StdCommand::new("sh")
        .arg("-c")
        .arg("sleep 0.3; exec \"$0\" request --scopes USER_LOGIN_ID --approve")
        .arg(&bin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The response never reached anyone (issue 14): not a quiet exit, unlike a listing.
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("it was not delivered"), "{stderr}");
}

#[test]
fn every_subcommand_help_has_examples() {
    for sub in ["scopes", "request", "validate", "schema", "completions"] {
        authcode()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("\nExamples:\n  authcode "));
    }
    authcode()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("\nExamples:\n"));
    authcode()
        .args(["request", "--help"])
        .assert()
        .stdout(predicate::str::contains("--approve"))
        .stdout(predicate::str::contains("--seed"));
}

#[test]
fn version_is_the_crate_version() {
    authcode()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("authcode {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn no_subcommand_is_a_usage_error() {
    authcode().assert().code(2).stdout("");
}

#[test]
fn second_look_details() {
    // `-o -` is stdout, as `-` is everywhere else.
    let dir = tempfile::tempdir().unwrap();
    let out = authcode()
        .current_dir(dir.path())
        .args([
            "request",
            "-s",
            "USER_JOB",
            "--deny",
            "-o",
            "-",
            "--compact",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(out, b"{\"authErrorScopes\":{\"USER_JOB\":\"40006\"}}\n");
    assert!(!dir.path().join("-").exists());

    // An empty --grant is a mistake, not a silent denial.
    authcode()
        .args(["request", "-s", "USER_JOB", "--grant", ""])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--grant names no scope"))
        .stderr(predicate::str::contains("use --deny"));

    // The case note only when case is the difference.
    authcode()
        .args(["request", "-s", "USER_OFICE_NAME", "--approve"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean USER_OFFICE_NAME?\n"));
    authcode()
        .args(["request", "-s", "user_job", "--approve"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean USER_JOB? (scope names are case-sensitive)",
        ));

    // Flags that --payload would ignore are refused; --format needs --payload.
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
            .assert()
            .code(2)
            .stdout("");
    }
    authcode()
        .args(["request", "-s", "USER_JOB", "--format", "js", "--deny"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--format js applies to --payload only",
        ));

    // The refusal to prompt names its real reason.
    authcode()
        .env("CI", "true")
        .args(["request", "-s", "USER_JOB"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: cannot ask for consent: CI is set",
        ));
    authcode()
        .env_remove("CI")
        .args(["request", "--from", "-"])
        .write_stdin(r#"{"scopes": ["USER_JOB"]}"#)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: cannot ask for consent: stdin holds the request (--from -)",
        ));
}

#[test]
fn hints_find_the_scope_people_mean() {
    // Description words, and two about equally close scopes, best first.
    for (scopes, hint) in [
        ("USER_PHONE", "\n  hint: did you mean USER_LOGIN_ID?\n"),
        (
            "INCOME",
            "\n  hint: did you mean USER_MONTHLY_INCOME or USER_INCOME_SOURCE?\n",
        ),
    ] {
        authcode()
            .args(["request", "--scopes", scopes, "--approve"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(hint));
    }
    // Another wallet's names get hints from its own scopes and descriptions.
    authcode()
        .args(["--catalog", "examples/other-wallet.json"])
        .args(["request", "--scopes", "PHONE", "--approve"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "\n  hint: did you mean auth_user?\n",
        ));
    // --from and --grant get the same ranking.
    authcode()
        .args(["request", "--from", "-", "--approve"])
        .write_stdin(r#"{"scopes": ["OFFICE_ADDRESS"]}"#)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "\n  hint: did you mean USER_OFFICE_ADDRESS?\n",
        ));
    authcode()
        .args([
            "request",
            "-s",
            "USER_LOGIN_ID,KYC_INFO",
            "--grant",
            "ID_LOGIN_USER",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "\n  hint: did you mean USER_LOGIN_ID?\n",
        ));
}
