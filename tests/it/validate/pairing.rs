//! Pairing a response with its request: `--expect-scopes` and `--request FILE`.

use super::FAILURE_SAMPLE;
use crate::support::{authcode, check_one, rules};

/// A response that grants USER_JOB and KYC_INFO and fails USER_LOGIN_ID.
const RESPONSE: &str = r#"{"authCode": "c", "authSuccessScopes": ["USER_JOB", "KYC_INFO"], "authErrorScopes": {"USER_LOGIN_ID": "40006"}}"#;

#[test]
fn a_response_answering_every_expected_scope_is_valid() {
    let doc = check_one(
        RESPONSE,
        &["--expect-scopes", "USER_LOGIN_ID,USER_JOB,KYC_INFO"],
    );
    assert_eq!(doc["valid"], true, "{doc}");
}

#[test]
fn unanswered_and_unrequested_scopes_are_reported() {
    let doc = check_one(
        RESPONSE,
        &[
            "--expect-scopes",
            "USER_LOGIN_ID,USER_JOB",
            "--expect-scopes",
            "USER_OCCUPATION",
        ],
    );
    assert_eq!(rules(&doc), ["scope-unanswered", "scope-not-requested"]);
    assert_eq!(doc["diagnostics"][0]["pointer"], "");
    assert_eq!(doc["diagnostics"][1]["pointer"], "/authSuccessScopes/1");
}

#[test]
fn a_request_file_gives_the_expected_scopes() {
    let dir = tempfile::tempdir().unwrap();
    let request = dir.path().join("request.json");
    std::fs::write(
        &request,
        r#"{"scopes": ["USER_LOGIN_ID", "KYC_INFO", "USER_JOB"]}"#,
    )
    .unwrap();
    let doc = check_one(RESPONSE, &["--request", request.to_str().unwrap()]);
    assert_eq!(doc["valid"], true, "{doc}");
    std::fs::write(&request, r#"{"scopes": ["USER_LOGIN_ID"]}"#).unwrap();
    let doc = check_one(RESPONSE, &["--request", request.to_str().unwrap()]);
    assert_eq!(rules(&doc), ["scope-not-requested", "scope-not-requested"]);
}

#[test]
fn requests_are_not_paired() {
    let doc = check_one(
        r#"{"scopes": ["USER_JOB"]}"#,
        &["--expect-scopes", "KYC_INFO"],
    );
    assert_eq!(doc["valid"], true);
}

#[test]
fn an_unknown_expected_scope_is_refused_with_a_did_you_mean() {
    authcode()
        .args(["validate", "--expect-scopes", "USER_LOGN_ID", "-"])
        .stdin(RESPONSE)
        .refused("did you mean USER_LOGIN_ID?");
}

#[test]
fn an_unknown_scope_in_the_request_file_is_refused_naming_file_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let request = dir.path().join("request.txt");
    std::fs::write(&request, r#"{"scopes": ["KYC_INFOS"]}"#).unwrap();
    authcode()
        .args(["validate", "--request", request.to_str().unwrap(), "-"])
        .stdin(FAILURE_SAMPLE)
        .run()
        .stderr_has("did you mean KYC_INFO?")
        .refused("request.txt:1:13: unknown scope \"KYC_INFOS\"");
}
