//! Wallets that publish no error table (Touch 'n Go, Alipay+ Connect) take the family's
//! string values without a warning: the failure fixtures `request --deny` makes for them pass
//! `validate --strict`, and `--error-code 40006` is as quiet as the default.

use crate::support::authcode;

/// The wallets without a table, each with a scope that asks for consent.
const NO_TABLE: [(&str, &str); 2] = [("tng", "USER_NAME"), ("alipayplus-connect", "auth_user")];

#[test]
fn denied_fixtures_pass_strict_validation_under_their_own_wallet() {
    for (wallet, scope) in NO_TABLE {
        for extra in [&[][..], &["--error-code", "40006"], &["--error-code", "11"]] {
            let fixture = authcode()
                .args(["--wallet", wallet, "request", "--scopes", scope, "--deny"])
                .args(extra)
                .ok();
            let out = authcode()
                .args(["--wallet", wallet, "validate", "--strict", "-"])
                .stdin(fixture.clone())
                .run();
            assert_eq!(out.code, 0, "{wallet} {extra:?}: {fixture}\n{out}");
            assert!(out.stdout().contains("0 warnings"), "{out}");
        }
    }
}

#[test]
fn a_value_outside_the_family_still_warns_and_says_why() {
    let out = authcode()
        .args([
            "--wallet",
            "tng",
            "request",
            "--scopes",
            "USER_NAME",
            "--deny",
        ])
        .args(["--error-code", "4006"])
        .run()
        .success();
    let err = out.stderr();
    assert!(
        err.contains("Touch 'n Go eWallet publishes no error table; the family's values are taken: 3, 10, 11, 40006, 10001, 4"),
        "{err}"
    );
    let report = authcode()
        .args([
            "--wallet",
            "alipayplus-connect",
            "validate",
            "--format",
            "json",
            "-",
        ])
        .stdin(r#"{"authErrorScopes": {"auth_user": "4006"}}"#)
        .run()
        .success()
        .json();
    let hint = report["documents"][0]["diagnostics"][0]["hint"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        hint.starts_with("Alipay+ Connect publishes no error table"),
        "{hint}"
    );
}

#[test]
fn wallets_says_which_take_the_familys_values() {
    let rows = authcode().args(["wallets", "--json"]).run().ok().json();
    let family: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["familyErrors"] == true)
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(family, ["alipayplus-connect", "tng"]);
    let table = authcode().arg("wallets").ok();
    assert!(
        table.contains("family's string values are taken without a warning"),
        "{table}"
    );
}

/// The consent prompt of a wallet without a table offers the family's values, the default
/// preselected with its meaning, never "not in the catalog".
#[test]
fn the_prompt_offers_the_familys_values() {
    use crate::support::pty::{finish, send, spawn, wait_for, ENTER, UP};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdout.json");
    let mut p = spawn(
        &[
            "--color",
            "never",
            "--wallet",
            "tng",
            "request",
            "--scopes",
            "USER_NAME",
        ],
        Some(&out),
        &[],
    );
    wait_for(&mut p, "Deny all");
    send(&mut p, UP);
    wait_for(&mut p, "> Deny all");
    send(&mut p, ENTER);
    let screen = wait_for(
        &mut p,
        "> 40006  The mini program is not permitted this scope",
    );
    let screen = String::from_utf8_lossy(&screen).into_owned();
    assert!(screen.contains("  11     Unauthorized"), "{screen}");
    let rest = String::from_utf8_lossy(&wait_for(&mut p, "10001")).into_owned();
    for shown in [&screen, &rest] {
        assert!(!shown.contains("not in the catalog"), "{shown}");
    }
    send(&mut p, ENTER);
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&rest));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "{\n  \"authErrorScopes\": {\n    \"USER_NAME\": \"40006\"\n  }\n}\n"
    );
}
