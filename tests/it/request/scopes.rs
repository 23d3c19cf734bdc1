//! How `request` takes scope names: repeated and comma-separated flags, repeats, unknown
//! names with a did-you-mean, and no scopes at all.

use predicates::prelude::*;

use crate::support::authcode;

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
            "error: <stdin>:1:12: scopes is empty",
        ));
}
