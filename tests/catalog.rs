//! `--catalog FILE` and `AUTHCODE_CATALOG`: another wallet's scopes, and broken catalogs.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::authcode;
use predicates::prelude::*;
use serde_json::{json, Value};
use tempfile::TempDir;

const GCASH: &str = r#"{
  "name": "GCash",
  "scopes": [
    {"scope": "auth_user", "description": "Basic profile: name and avatar"},
    {"scope": "USER_NICKNAME", "description": "The nickname the user chose"},
    {"scope": "PHONE_NUMBER", "description": "The mobile number"}
  ],
  "errors": [
    {"code": "E_DENIED", "message": "The user said no"},
    {"code": "E_LIMIT", "message": "Too many requests"}
  ]
}"#;

/// A temporary directory holding `name` with `content`.
fn catalog_file(name: &str, content: &[u8]) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    (dir, path)
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn custom_catalog_lists_its_own_scopes() {
    let (_dir, path) = catalog_file("gcash.json", GCASH.as_bytes());
    let out = stdout(authcode().arg("--catalog").arg(&path).arg("scopes"));
    assert_eq!(
        out,
        "auth_user      Basic profile: name and avatar\n\
         USER_NICKNAME  The nickname the user chose\n\
         PHONE_NUMBER   The mobile number\n"
    );
    let json_out = stdout(
        authcode()
            .args(["scopes", "--json", "mobile"])
            .arg("--catalog")
            .arg(&path),
    );
    assert_eq!(
        serde_json::from_str::<Value>(&json_out).unwrap(),
        json!([{"scope": "PHONE_NUMBER", "description": "The mobile number"}])
    );
    // DANA's scopes are gone.
    authcode()
        .arg("--catalog")
        .arg(&path)
        .args(["scopes", "office"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn custom_catalog_drives_request() {
    let (_dir, path) = catalog_file("gcash.json", GCASH.as_bytes());
    let out = stdout(authcode().arg("--catalog").arg(&path).args([
        "request",
        "--scopes",
        "PHONE_NUMBER,auth_user",
        "--grant",
        "auth_user",
        "--seed",
        "1",
        "--compact",
    ]));
    let value: Value = serde_json::from_str(&out).unwrap();
    let code = value["authCode"].as_str().unwrap();
    assert_eq!(code.len(), 32);
    // 40006 is not in this catalog: denied scopes get the catalog's first error code.
    assert_eq!(
        value,
        json!({
            "authCode": code,
            "authSuccessScopes": ["auth_user"],
            "authErrorScopes": {"PHONE_NUMBER": "E_DENIED"},
        })
    );
    // Its codes are known codes: no warning.
    authcode()
        .arg("--catalog")
        .arg(&path)
        .args([
            "request",
            "--scopes",
            "auth_user",
            "--deny",
            "--error-code",
            "E_LIMIT",
        ])
        .assert()
        .success()
        .stderr("")
        .stdout("{\n  \"authErrorScopes\": {\n    \"auth_user\": \"E_LIMIT\"\n  }\n}\n");
    // DANA's scopes are unknown there, with a did-you-mean from this catalog.
    authcode()
        .arg("--catalog")
        .arg(&path)
        .args(["request", "--scopes", "AUTH_USER", "--approve"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: unknown scope AUTH_USER in the GCash catalog\n",
        ))
        .stderr(predicate::str::contains("did you mean auth_user?"));
    authcode()
        .arg("--catalog")
        .arg(&path)
        .args(["request", "--scopes", "USER_LOGIN_ID", "--deny"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn env_var_selects_the_catalog_and_the_flag_wins() {
    let (_dir, path) = catalog_file("gcash.json", GCASH.as_bytes());
    let out = stdout(
        authcode()
            .env("AUTHCODE_CATALOG", &path)
            .args(["scopes", "--json"]),
    );
    let names: Vec<String> = serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["scope"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["auth_user", "USER_NICKNAME", "PHONE_NUMBER"]);
    stdout(authcode().env("AUTHCODE_CATALOG", &path).args([
        "request",
        "--scopes",
        "USER_NICKNAME",
        "--approve",
    ]));
    // An explicit --catalog beats the environment.
    let (_dir2, other) = catalog_file(
        "other.json",
        br#"{"name": "Other", "scopes": [{"scope": "ONLY", "description": "the only one"}]}"#,
    );
    let out = stdout(
        authcode()
            .env("AUTHCODE_CATALOG", &path)
            .arg("--catalog")
            .arg(&other)
            .arg("scopes"),
    );
    assert_eq!(out, "ONLY  the only one\n");
}

#[test]
fn empty_env_var_means_the_embedded_catalog() {
    let out = stdout(
        authcode()
            .env("AUTHCODE_CATALOG", "")
            .args(["scopes", "phone"]),
    );
    assert!(out.starts_with("USER_LOGIN_ID "), "{out}");
}

#[test]
fn catalog_without_error_codes_uses_40006_quietly() {
    let (_dir, path) = catalog_file(
        "plain.json",
        br#"{"name": "Plain", "scopes": [{"scope": "A", "description": "a"}]}"#,
    );
    authcode()
        .arg("--catalog")
        .arg(&path)
        .args(["request", "--scopes", "A", "--deny", "--compact"])
        .assert()
        .success()
        .stderr("")
        .stdout("{\"authErrorScopes\":{\"A\":\"40006\"}}\n");
    authcode()
        .arg("--catalog")
        .arg(&path)
        .args(["request", "--scopes", "A", "--approve"])
        .assert()
        .success()
        .stderr("");
    authcode()
        .arg("--catalog")
        .arg(&path)
        .args(["request", "--scopes", "A", "--deny", "--error-code", "7"])
        .assert()
        .success()
        .stderr(predicate::str::starts_with("warning: error code 7"))
        .stderr(predicate::str::contains("lists no error codes"));
}

/// Asserts that loading `path` fails with exit 2, naming the file and `reason`, for both
/// `scopes` and `request`, and through the environment variable too.
fn refused(path: &Path, reason: &str) {
    let shown = path.display().to_string();
    for args in [
        &["scopes"][..],
        &["request", "--scopes", "USER_LOGIN_ID", "--approve"],
    ] {
        authcode()
            .arg("--catalog")
            .arg(path)
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with("error: "))
            .stderr(predicate::str::contains(shown.as_str()))
            .stderr(predicate::str::contains(reason))
            .stderr(predicate::str::contains("panicked").not());
    }
    authcode()
        .env("AUTHCODE_CATALOG", path)
        .arg("scopes")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(shown.as_str()))
        .stderr(predicate::str::contains(reason));
}

#[test]
fn missing_catalog_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        &dir.path().join("missing.json"),
        "No such file or directory",
    );
}

#[test]
fn unreadable_catalog_is_refused() {
    // A directory cannot be read as a file, whoever runs the test (root ignores modes).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.json");
    std::fs::create_dir(&path).unwrap();
    refused(&path, "cannot read catalog");
}

#[test]
fn malformed_catalog_is_refused() {
    let (_dir, path) = catalog_file("broken.json", br#"{"name": "X", "scopes": [ "#);
    refused(&path, "invalid catalog");
    let (_dir, path) = catalog_file("quotes.json", b"{'name': 'X'}");
    refused(&path, "invalid catalog");
    let (_dir, path) = catalog_file("array.json", b"[]");
    refused(&path, "invalid catalog");
    let (_dir, path) = catalog_file("binary.json", b"\xff\xfe\x00");
    refused(&path, "invalid catalog");
}

#[test]
fn empty_catalog_is_refused() {
    let (_dir, path) = catalog_file("empty.json", b"");
    refused(&path, "empty");
    let (_dir, path) = catalog_file("blank.json", b"  \n\t\n");
    refused(&path, "empty");
}

#[test]
fn catalog_without_scopes_is_refused() {
    let (_dir, path) = catalog_file("none.json", br#"{"name": "X", "scopes": []}"#);
    refused(&path, "no scopes");
    let (_dir, path) = catalog_file("missing-field.json", br#"{"name": "X"}"#);
    refused(&path, "scopes");
}

#[test]
fn repeated_scope_is_refused() {
    let (_dir, path) = catalog_file(
        "twice.json",
        br#"{"name": "X", "scopes": [
            {"scope": "A", "description": "first"},
            {"scope": "B", "description": "b"},
            {"scope": "A", "description": "again"}
        ]}"#,
    );
    refused(&path, "scope A is listed twice");
}

#[test]
fn misspelled_field_is_refused() {
    let (_dir, path) = catalog_file(
        "typo.json",
        br#"{"name": "X", "scopes": [{"scope": "A", "descripton": "a"}]}"#,
    );
    refused(&path, "descripton");
}

#[test]
fn a_catalog_cannot_smuggle_terminal_escapes_into_scope_names() {
    let (_dir, path) = catalog_file(
        "escape.json",
        b"{\"name\": \"X\", \"scopes\": [{\"scope\": \"A\\u001b[31m\", \"description\": \"a\"}]}",
    );
    refused(&path, "not a scope name");
}

#[test]
fn descriptions_with_control_characters_are_shown_escaped() {
    let (_dir, path) = catalog_file(
        "desc.json",
        b"{\"name\": \"X\", \"scopes\": [{\"scope\": \"A\", \"description\": \"red \\u001b[31m text\"}]}",
    );
    let out = stdout(authcode().arg("--catalog").arg(&path).arg("scopes"));
    assert!(!out.contains('\x1b'), "{out:?}");
    assert!(out.starts_with("A  red "), "{out:?}");
}

#[test]
fn the_embedded_catalog_is_dana_with_its_error_codes() {
    // Without --catalog, denying with each of DANA's codes is quiet.
    for code in ["3", "10", "11", "40006"] {
        authcode()
            .args([
                "request",
                "--scopes",
                "KYC_INFO",
                "--deny",
                "--error-code",
                code,
            ])
            .assert()
            .success()
            .stderr("");
    }
}
