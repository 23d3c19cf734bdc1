//! A response document is not a request, even for the wallets whose `scopes` has a default
//! (alipaycn, tng, alipayplus): `request --from` and `validate --kind request` refuse it with
//! an error that says so, as `schema request` does.

use crate::support::{authcode, validate_json};

const RESPONSES: [&str; 3] = [
    r#"{"authErrorScopes": {"auth_user": "40006"}}"#,
    r#"{"authCode": "abc", "authSuccessScopes": ["auth_base"]}"#,
    r#"{"authSuccessScopes": ["auth_base"]}"#,
];

#[test]
fn request_from_refuses_a_response() {
    for wallet in ["alipaycn", "tng", "alipayplus", "dana"] {
        for doc in RESPONSES {
            authcode()
                .args(["--wallet", wallet, "request", "--from", "-", "--approve"])
                .stdin(doc)
                .refused("a response, not a request: it has ");
        }
    }
}

#[test]
fn validate_kind_request_refuses_a_response() {
    for wallet in ["alipaycn", "tng", "alipayplus"] {
        let (code, report) =
            validate_json(["--wallet", wallet, "--kind", "request", "-"], RESPONSES[0]);
        assert_eq!(code, 1, "{wallet}: {report}");
        let first = &report["documents"][0]["diagnostics"][0];
        assert_eq!(first["rule"], "unknown-kind", "{wallet}: {report}");
        assert_eq!(first["severity"], "error");
        assert!(first["message"]
            .as_str()
            .unwrap()
            .contains("it has authErrorScopes and no scopes"));
    }
    // A request without scopes is still one where the wallet has defaults.
    let (code, report) = validate_json(["--wallet", "tng", "--kind", "request", "-"], "{}");
    assert_eq!(code, 0, "{report}");
}
