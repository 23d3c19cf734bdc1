//! `authcode request` decided by flags: the response for each decision, error values,
//! seeded codes, how scopes are named, and `--payload`.

use std::process::{Command as StdCommand, Stdio};

use predicates::prelude::*;
use serde_json::{json, Value};

use crate::support::{authcode, is_code};

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text:?}"))
}

/// The spec's failure sample, verbatim.
const SPEC_FAILURE_SAMPLE: &str = r#"{
    "authErrorScopes":{
       "USER_LOGIN_ID":"40006"
    }
}"#;

#[test]
fn deny_reproduces_the_spec_failure_sample() {
    let out = authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "--deny"])
        .ok();
    assert_eq!(parse(&out), parse(SPEC_FAILURE_SAMPLE));
    // Pretty-printed with a 2-space indent, one final newline.
    assert_eq!(
        out,
        "{\n  \"authErrorScopes\": {\n    \"USER_LOGIN_ID\": \"40006\"\n  }\n}\n"
    );
}

#[test]
fn compact_prints_one_line() {
    let out = authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--deny",
            "--compact",
        ])
        .ok();
    assert_eq!(out, "{\"authErrorScopes\":{\"USER_LOGIN_ID\":\"40006\"}}\n");
    let out = authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO",
            "--approve",
            "--seed",
            "1",
            "--compact",
        ])
        .ok();
    assert_eq!(out.lines().count(), 1);
    assert!(out.ends_with("}\n"));
}

#[test]
fn approve_grants_every_scope_with_a_seeded_code() {
    let out = authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--approve",
            "--seed",
            "42",
        ])
        .ok();
    assert_eq!(
        out,
        "{\n  \"authCode\": \"9RWLmNP8He46pUbcPW8ISx1al24uMGaK\",\n  \"authSuccessScopes\": [\n    \"USER_LOGIN_ID\"\n  ]\n}\n"
    );
    let out = authcode()
        .args([
            "request",
            "--scopes",
            "KYC_INFO,USER_LOGIN_ID",
            "--approve",
            "--seed",
            "1",
        ])
        .ok();
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
    let out = authcode()
        .args([
            "request",
            "--scopes",
            "USER_JOB,KYC_INFO",
            "--scopes",
            "USER_LOGIN_ID",
            "--deny",
            "--compact",
        ])
        .ok();
    assert_eq!(
        out,
        "{\"authErrorScopes\":{\"USER_JOB\":\"40006\",\"KYC_INFO\":\"40006\",\"USER_LOGIN_ID\":\"40006\"}}\n"
    );
}

#[test]
fn grant_gives_a_partial_response_in_request_order() {
    let out = authcode()
        .args([
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
        ])
        .ok();
    assert_eq!(
        out,
        "{\"authCode\":\"lG3jMh4YSPN5pjv07ljvFmtUMGDUtT7C\",\"authSuccessScopes\":[\"USER_LOGIN_ID\",\"USER_JOB\"],\"authErrorScopes\":{\"KYC_INFO\":\"11\"}}\n"
    );
}

#[test]
fn grant_of_everything_or_repeated_grant_flags() {
    let all = authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO",
            "--grant",
            "KYC_INFO",
            "--grant",
            "USER_LOGIN_ID",
            "--seed",
            "5",
        ])
        .ok();
    let approve = authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO",
            "--approve",
            "--seed",
            "5",
        ])
        .ok();
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
        let out = authcode()
            .args([
                "request",
                "--scopes",
                "USER_LOGIN_ID",
                "--deny",
                "--error-code",
                code,
            ])
            .ok();
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
        let out = authcode()
            .args(["request", "--scopes", scopes, "--approve", "--seed", seed])
            .ok();
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
fn repeated_and_comma_separated_scopes_keep_their_order() {
    let out = authcode()
        .args([
            "request",
            "--scopes",
            "USER_JOB,KYC_INFO",
            "--scopes",
            "USER_LOGIN_ID",
            "--payload",
            "--compact",
        ])
        .ok();
    assert_eq!(
        out,
        "{\"scopes\":[\"USER_JOB\",\"KYC_INFO\",\"USER_LOGIN_ID\"]}\n"
    );
    // Blanks around commas are not part of the names.
    let out = authcode()
        .args([
            "request",
            "--scopes",
            "USER_JOB, KYC_INFO",
            "--payload",
            "--compact",
        ])
        .ok();
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
        .stdin(r#"{"scopes": []}"#)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: <stdin>: \"scopes\" is empty, so there is nothing to request",
        ));
}

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
fn exit_0_whatever_the_decision() {
    for flag in [&["--approve"][..], &["--deny"], &["--grant", "KYC_INFO"]] {
        authcode()
            .args(["request", "--scopes", "USER_LOGIN_ID,KYC_INFO"])
            .args(flag)
            .assert()
            .code(0);
    }
}

#[test]
fn an_empty_grant_is_refused_not_taken_as_a_denial() {
    authcode()
        .args(["request", "-s", "USER_JOB", "--grant", ""])
        .run()
        .stderr_has("use --deny")
        .refused("--grant names no scope");
}

#[test]
fn a_misspelled_scope_gets_a_did_you_mean_without_a_case_note() {
    let err = authcode()
        .args(["request", "-s", "USER_OFICE_NAME", "--approve"])
        .refused("did you mean USER_OFFICE_NAME?\n");
    assert!(!err.contains("case-sensitive"), "{err}");
}

#[test]
fn a_scope_in_the_wrong_case_gets_a_case_note() {
    authcode()
        .args(["request", "-s", "user_job", "--approve"])
        .refused("did you mean USER_JOB? (scope names are case-sensitive)");
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
        .refused("--format applies to --payload only");
}
