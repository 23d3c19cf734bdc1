//! `--catalog FILE` and `AUTHCODE_CATALOG`: another wallet's scopes, and broken catalogs.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::support::{authcode, hostile_files, temp_file, TestCommand};
use predicates::prelude::*;
use serde_json::{json, Value};

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

fn stdout(cmd: &mut TestCommand) -> String {
    cmd.run().success().stdout()
}

#[test]
fn custom_catalog_lists_its_own_scopes() {
    let (_dir, path) = temp_file("gcash.json", GCASH.as_bytes());
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
    let (_dir, path) = temp_file("gcash.json", GCASH.as_bytes());
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
    let (_dir, path) = temp_file("gcash.json", GCASH.as_bytes());
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
    let (_dir2, other) = temp_file(
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
    let (_dir, path) = temp_file(
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
        .stderr(predicate::str::contains(
            "Plain publishes no error table; the family's values are taken: 3, 10, 11, 40006",
        ));
}

/// Loading the catalog at `path` is refused (exit 2, one `error:` line naming the file and
/// `reason`) by `scopes` and `request` alike, and through AUTHCODE_CATALOG too; returns the
/// message.
fn refused(path: &Path, reason: &str) -> String {
    let shown = path.display().to_string();
    for args in [
        &["scopes"][..],
        &["request", "--scopes", "USER_LOGIN_ID", "--approve"],
    ] {
        let err = authcode()
            .arg("--catalog")
            .arg(path)
            .args(args)
            .refused(reason);
        assert!(err.contains(&shown), "{shown} not named: {err}");
    }
    let err = authcode()
        .env("AUTHCODE_CATALOG", path)
        .arg("scopes")
        .refused(reason);
    assert!(err.contains(&shown), "{shown} not named: {err}");
    err
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
fn a_catalog_that_is_a_directory_is_refused() {
    // A directory cannot be read as a file, whoever runs the test (root ignores modes).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.json");
    std::fs::create_dir(&path).unwrap();
    let err = refused(&path, "cannot read catalog");
    assert!(err.contains("Is a directory"), "{err}");
}

#[test]
fn a_catalog_whose_every_read_fails_is_refused() {
    // Reading /proc/self/mem at offset 0 fails for everyone, root included.
    refused(Path::new("/proc/self/mem"), "Input/output error");
}

#[test]
fn malformed_catalog_is_refused() {
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("broken.json", br#"{"name": "X", "scopes": [ "#.to_vec()),
        ("quotes.json", b"{'name': 'X'}".to_vec()),
        ("array.json", b"[]".to_vec()),
        ("binary-bom.json", b"\xff\xfe\x00".to_vec()),
        (
            "latin1-description.json",
            catalog_text("A", "caf\u{e9}")
                .into_bytes()
                .iter()
                .flat_map(|&b| match b {
                    0xc3 => vec![],
                    0xa9 => vec![0xe9],
                    b => vec![b],
                })
                .collect(),
        ),
        (
            "surrogate-description.json",
            catalog_text("A", "\\ud800").into_bytes(),
        ),
    ];
    // What every reader must survive (empty files have their own test).
    cases.extend(
        hostile_files()
            .into_iter()
            .filter(|(name, _, _)| !["empty.json", "blank.json"].contains(name))
            .map(|(name, bytes, _)| (name, bytes)),
    );
    for (name, bytes) in cases {
        let (_dir, path) = temp_file(name, bytes);
        refused(&path, "invalid catalog");
    }
}

#[test]
fn empty_catalog_is_refused() {
    for (name, content) in [("empty.json", &b""[..]), ("blank.json", b"  \n\t\n")] {
        let (_dir, path) = temp_file(name, content);
        let err = refused(&path, "empty");
        assert!(err.contains("invalid catalog"), "{err}");
    }
}

#[test]
fn catalog_without_scopes_is_refused() {
    let (_dir, path) = temp_file("none.json", br#"{"name": "X", "scopes": []}"#);
    refused(&path, "no scopes");
    let (_dir, path) = temp_file("missing-field.json", br#"{"name": "X"}"#);
    refused(&path, "scopes");
}

#[test]
fn repeated_scope_is_refused() {
    let (_dir, path) = temp_file(
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
    let (_dir, path) = temp_file(
        "typo.json",
        br#"{"name": "X", "scopes": [{"scope": "A", "descripton": "a"}]}"#,
    );
    refused(&path, "descripton");
}

#[test]
fn a_catalog_cannot_smuggle_terminal_escapes_into_scope_names() {
    let (_dir, path) = temp_file(
        "escape.json",
        b"{\"name\": \"X\", \"scopes\": [{\"scope\": \"A\\u001b[31m\", \"description\": \"a\"}]}",
    );
    refused(&path, "not a scope name");
}

#[test]
fn descriptions_with_control_characters_are_shown_escaped() {
    let (_dir, path) = temp_file(
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

/// The text of a valid one-scope catalog.
fn catalog_text(scope: &str, description: &str) -> String {
    format!(
        r#"{{"name": "Test", "scopes": [{{"scope": "{scope}", "description": "{description}"}}], "errors": [{{"code": "40006", "message": "denied"}}]}}"#
    )
}

#[test]
fn a_control_character_in_the_name_is_refused() {
    let (_dir, path) = temp_file(
        "nul-in-name.json",
        catalog_text("A", "d").replace("Test", "Te\u{0}st"),
    );
    refused(&path, "control character");
}

#[test]
fn a_number_out_of_range_is_refused() {
    let (_dir, path) = temp_file("number-name.json", br#"{"name": 1e999, "scopes": []}"#);
    refused(&path, "number out of range");
}

#[test]
fn an_error_in_a_crlf_catalog_is_placed_on_its_line() {
    // serde's line number counts CRLF lines.
    let (_dir, path) = temp_file(
        "broken.json",
        "{\r\n\"name\": \"T\",\r\n\"scopes\": [\r\n{\"scope\": 7}\r\n]}\r\n",
    );
    refused(&path, "line 4");
}

#[test]
fn a_catalog_with_a_bom_crlf_and_escapes_is_read_decoded() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(
        catalog_text("\\u0041BC", "first\\r\\nline")
            .replace(", ", ",\r\n ")
            .into_bytes(),
    );
    let (_dir, path) = temp_file("catalog.json", bytes);
    let scopes = authcode()
        .arg("--catalog")
        .arg(&path)
        .args(["scopes", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(
        scopes,
        json!([{"scope": "ABC", "description": "first\r\nline"}])
    );
    // The human table does not pass the CR through raw.
    let table = stdout(authcode().arg("--catalog").arg(&path).arg("scopes"));
    assert!(!table.contains('\r'), "{table:?}");
}

#[test]
fn a_catalog_whose_name_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join(OsStr::from_bytes(b"cat-\xfe.json"));
    fs::write(&catalog, catalog_text("ONE", "the one")).unwrap();
    let table = stdout(authcode().arg("--catalog").arg(&catalog).arg("scopes"));
    assert!(table.contains("ONE"), "{table}");
    let missing = dir.path().join(OsStr::from_bytes(b"gone-\xff.json"));
    authcode()
        .arg("--catalog")
        .arg(&missing)
        .arg("scopes")
        .refused("gone-\u{fffd}.json");
}

/// A value that comes from the environment and is wrong names its variable, whichever it
/// is: the wallet, the users file, the store.
#[test]
fn a_fault_in_a_value_from_the_environment_names_its_variable() {
    let err = authcode()
        .env("AUTHCODE_WALLET", "nope")
        .args(["scopes"])
        .refused("unknown wallet nope (from AUTHCODE_WALLET)");
    assert!(err.contains("unset AUTHCODE_WALLET"), "{err}");
    authcode()
        .env("AUTHCODE_USERS", "/nonexistent/users.json")
        .args(["request", "-s", "KYC_INFO", "--approve"])
        .refused("(from AUTHCODE_USERS)");
    let run = authcode()
        .env("AUTHCODE_STORE", "/proc/no/store.sqlite3")
        .args(["request", "-s", "KYC_INFO", "--approve", "--compact"])
        .run()
        .code(0);
    assert!(
        run.stderr()
            .contains("(the store path is from AUTHCODE_STORE)"),
        "{run}"
    );
    // Given as flags, the same faults name no variable.
    let err = authcode()
        .args(["--wallet", "nope", "scopes"])
        .refused("unknown wallet nope");
    assert!(!err.contains("AUTHCODE_WALLET"), "{err}");
}
