//! `request --param NAME=VALUE`: each parameter given once, with a name and a value, and
//! not taken with `--from FILE`, whose file carries the parameters (as README says).

use crate::support::authcode;

/// `authcode --wallet alipayhk request --scopes USER_NAME ARGS --deny --compact`.
fn alipayhk(args: &[&str]) -> crate::support::TestCommand {
    let mut cmd = authcode();
    cmd.args(["--wallet", "alipayhk", "request", "--scopes", "USER_NAME"])
        .args(args)
        .args(["--payload", "--compact"]);
    cmd
}

#[test]
fn a_parameter_given_twice_is_refused() {
    let err = alipayhk(&["--param", "authClientId=1", "--param", "authClientId=2"])
        .refused("--param authClientId is given twice");
    assert!(err.contains("give it once"), "{err}");
}

#[test]
fn an_empty_or_blank_value_is_refused_as_empty() {
    for value in ["authClientId=", "authClientId=   "] {
        let err = alipayhk(&["--param", value]).refused("gives an empty value");
        assert!(!err.contains("requires the request parameter"), "{err}");
    }
}

#[test]
fn a_missing_name_is_said_so() {
    let err = alipayhk(&["--param", "=x"]).refused("names no parameter");
    assert!(err.contains("AlipayHK requires: authClientId"), "{err}");
    assert!(!err.contains("--param :"), "{err}");
}

#[test]
fn with_from_the_file_carries_the_parameters() {
    let out = authcode()
        .args(["--wallet", "alipayhk", "request", "--from", "-"])
        .args(["--payload", "--compact"])
        .stdin(r#"{"scopes": ["USER_NAME"], "authClientId": "77"}"#)
        .ok();
    assert_eq!(
        out,
        "{\"scopes\":[\"USER_NAME\"],\"authClientId\":\"77\"}\n"
    );
    authcode()
        .args(["--wallet", "alipayhk", "request", "--from", "-"])
        .args(["--param", "authClientId=42", "--payload"])
        .stdin(r#"{"scopes": ["USER_NAME"], "authClientId": "77"}"#)
        .refused("'--from <FILE>' cannot be used with '--param <NAME=VALUE>'");
    authcode()
        .args([
            "--wallet",
            "alipayhk",
            "request",
            "--from",
            "-",
            "--payload",
        ])
        .stdin(r#"{"scopes": ["USER_NAME"]}"#)
        .refused("missing field authClientId");
}
