//! Whole numbers in error values (and Alipay CN's `error`) stop where a JavaScript number
//! stops holding them exactly (±9007199254740991): `validate` and the JSON Schema draw the
//! line in the same place, and a refused number is quoted as the document writes it.

use serde_json::Value;

use crate::support::{authcode, validate_json};

/// The schema of `kind` for `wallet`.
fn schema(wallet: &str, kind: &str) -> jsonschema::Validator {
    let schema: Value = authcode()
        .args(["--wallet", wallet, "schema", kind])
        .run()
        .ok()
        .json();
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

/// validate's verdict on `doc` under `wallet`, and its first message.
fn verdict(wallet: &str, doc: &str) -> (bool, String) {
    let (code, report) = validate_json(["--wallet", wallet, "-"], doc);
    let message = report["documents"][0]["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (code == 0, message)
}

const BEYOND: [&str; 4] = [
    "9007199254740992",
    "-9007199254740992",
    "99999999999999999999",
    "-9223372036854775809",
];
const WITHIN: [&str; 4] = ["9007199254740991", "-9007199254740991", "11", "1e3"];

#[test]
fn schema_and_validate_agree_on_error_values_and_error() {
    for (wallet, template) in [
        ("alipayhk", r#"{"authErrorScopes": {"USER_NAME": {N}}}"#),
        ("alipaycn", r#"{"error": {N}}"#),
    ] {
        let schema = schema(wallet, "response");
        for n in BEYOND {
            let doc = template.replace("{N}", n);
            let (valid, message) = verdict(wallet, &doc);
            assert!(!valid, "{wallet} {doc}");
            assert!(
                message.contains(&format!("found the number {n}, beyond ")),
                "{wallet} {doc}: {message}"
            );
            let parsed: Value = serde_json::from_str(&doc).unwrap();
            assert!(!schema.is_valid(&parsed), "the schema accepts {doc}");
        }
        for n in WITHIN {
            let doc = template.replace("{N}", n);
            assert!(verdict(wallet, &doc).0, "{wallet} {doc}");
            let parsed: Value = serde_json::from_str(&doc).unwrap();
            assert!(schema.is_valid(&parsed), "the schema refuses {doc}");
        }
    }
}

#[test]
fn a_number_where_a_string_is_wanted_is_quoted_as_written() {
    let (valid, message) = verdict(
        "dana",
        r#"{"authErrorScopes": {"USER_JOB": -9223372036854775809}}"#,
    );
    assert!(!valid);
    assert_eq!(
        message,
        "error values are strings, found the number -9223372036854775809"
    );
}

#[test]
fn error_code_flag_follows_the_same_line() {
    let base = ["--wallet", "alipayhk", "request", "--scopes", "USER_NAME"];
    let err = authcode()
        .args(base)
        .args(["--param", "authClientId=1", "--deny"])
        .args(["--error-code", "99999999999999999999"])
        .refused("found the number 99999999999999999999, beyond");
    assert!(err.contains("±9007199254740991"), "{err}");
    let out = authcode()
        .args(base)
        .args(["--param", "authClientId=1", "--deny", "--compact"])
        .args(["--error-code", "9007199254740991"])
        .run()
        .success();
    assert_eq!(
        out.stdout(),
        "{\"authErrorScopes\":{\"USER_NAME\":9007199254740991}}\n"
    );
}

/// A run across wallets walks a recorded document, which holds numbers as serde read them:
/// its verdicts on the same numbers are those of a run for one wallet.
#[test]
fn a_run_across_wallets_draws_the_same_line() {
    let dir = tempfile::tempdir().unwrap();
    for (n, accepted) in BEYOND
        .iter()
        .map(|n| (n, false))
        .chain(WITHIN.iter().map(|n| (n, true)))
    {
        let path = dir.path().join("doc.json");
        std::fs::write(
            &path,
            format!(r#"{{"authErrorScopes": {{"USER_NAME": {n}}}}}"#),
        )
        .unwrap();
        assert_eq!(
            verdict("alipayhk", &std::fs::read_to_string(&path).unwrap()).0,
            accepted
        );
        let out = authcode()
            .args(["--wallet", "alipayhk,alipaycn", "validate"])
            .arg(&path)
            .run();
        let first = out.stdout().lines().next().unwrap_or_default().to_owned();
        let says = if accepted {
            "accepted by alipayhk"
        } else {
            "alipayhk (wrong-type)"
        };
        assert!(first.contains(says), "{n}: {first}");
    }
}
