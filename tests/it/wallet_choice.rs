//! Choosing the wallet: `--wallet A,B` names each wallet once, the environment variable is
//! named when its value is refused, `wallets` reads no catalog, and a catalog that is not an
//! object is told so in words. TNG's one-name string gets the rule that matters.

use crate::support::authcode;

#[test]
fn a_wallet_named_twice_or_an_empty_name_is_refused() {
    authcode()
        .args(["--wallet", "gcash,gcash", "validate", "x.json"])
        .refused("--wallet names gcash twice");
    authcode()
        .args(["--wallet", "gcash,", "validate", "x.json"])
        .refused("--wallet \"gcash,\" has an empty name");
    authcode()
        .args(["--wallet", ",tng", "validate", "x.json"])
        .refused("has an empty name");
}

#[test]
fn several_wallets_from_the_environment_name_the_variable() {
    let err = authcode()
        .env("AUTHCODE_WALLET", "all")
        .arg("scopes")
        .refused("applies to validate only (from AUTHCODE_WALLET)");
    assert!(err.contains("unset AUTHCODE_WALLET"), "{err}");
}

#[test]
fn wallets_reads_no_catalog() {
    let out = authcode()
        .env("AUTHCODE_CATALOG", "/nope/wallet.json")
        .arg("wallets")
        .ok();
    assert!(out.starts_with("NAME "), "{out}");
    assert!(out.contains("\ngcash "), "{out}");
    let out = authcode()
        .env("AUTHCODE_WALLET", "all")
        .args(["wallets", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(out.as_array().map(Vec::len), Some(7));
}

#[test]
fn a_catalog_that_is_not_an_object_is_told_so() {
    let dir = tempfile::tempdir().unwrap();
    for (text, found) in [
        ("[]", "an array"),
        ("\n  [{\"name\": \"W\"}]", "an array"),
        ("\"W\"", "a string"),
        ("42", "a number"),
        ("null", "null"),
    ] {
        let path = dir.path().join("catalog.json");
        std::fs::write(&path, text).unwrap();
        let err = authcode()
            .arg("--catalog")
            .arg(&path)
            .arg("scopes")
            .refused(&format!(
                "a catalog is a JSON object with \"name\" and \"scopes\", found {found}"
            ));
        assert!(!err.contains("ProfileFile"), "{err}");
    }
}

#[test]
fn tng_names_joined_by_a_comma_get_the_rule_that_matters() {
    let out = authcode()
        .args(["--wallet", "tng", "validate", "--format", "json", "-"])
        .stdin(r#"{"scopes": "auth_user,USER_NAME"}"#)
        .run()
        .code(1);
    let report = out.json();
    let diagnostics = report["documents"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{report}");
    assert_eq!(diagnostics[0]["rule"], "wrong-type");
    assert_eq!(
        diagnostics[0]["message"],
        "scopes names several scopes in one string, which Touch 'n Go eWallet does not take"
    );
    assert_eq!(
        diagnostics[0]["hint"],
        r#"Touch 'n Go eWallet takes one scope name in a string: several go in an array, "scopes": ["auth_user", "USER_NAME"]"#
    );
    let err = authcode()
        .args(["--wallet", "tng", "request", "--approve", "--from", "-"])
        .stdin(r#"{"scopes": "auth_user,USER_NAME"}"#)
        .refused("names several scopes in one string");
    assert!(err.contains("several go in an array"), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
    // One name in a string is still fine for tng; an unknown one still gets did-you-mean.
    let (code, _) =
        crate::support::validate_json(["--wallet", "tng", "-"], r#"{"scopes": "auth_user"}"#);
    assert_eq!(code, 0);
}

#[test]
fn app_name_is_refused_where_no_prompt_is_shown() {
    // TNG's default scope is silent: no consent page, so no one to name.
    authcode()
        .args(["--wallet", "tng", "request", "--app-name", "Shop"])
        .refused("--app-name cannot apply: every requested scope is silent");
    authcode()
        .args(["--wallet", "tng", "request", "--scopes", "auth_base"])
        .args(["--app-name", "Shop"])
        .refused("--app-name cannot apply");
    // Without it, the silent scope is granted as before.
    let out = authcode()
        .args(["--wallet", "tng", "request", "--seed", "1", "--compact"])
        .ok();
    assert!(
        out.contains("\"authSuccessScopes\":[\"auth_base\"]"),
        "{out}"
    );
}

/// Every AUTHCODE_* variable set but empty reads as unset, as an empty AUTHCODE_CATALOG always
/// did: not as a flag given without a value, which nobody typed.
#[test]
fn an_empty_variable_is_an_unset_one() {
    for var in [
        "AUTHCODE_USERS",
        "AUTHCODE_PARTNER_PUBLIC_KEY",
        "AUTHCODE_LISTEN",
    ] {
        let run = authcode()
            .env(var, "")
            .args([
                "request",
                "--scopes",
                "USER_LOGIN_ID",
                "--approve",
                "--no-store",
            ])
            .run();
        assert_eq!(run.code, 0, "{var}: {run}");
        assert!(
            !run.stderr().contains("a value is required"),
            "{var}: {run}"
        );
    }
    let run = authcode()
        .env("AUTHCODE_PARTNER_PUBLIC_KEY", "")
        .args(["serve", "--help"])
        .run();
    assert_eq!(run.code, 0, "{run}");
}
