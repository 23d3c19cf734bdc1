//! `authcode request` decided by flags: the response for each decision, error values and
//! seeded codes.

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
        .stderr(predicate::str::contains(
            "known error codes: 3, 10, 11, 40006",
        ));
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
