//! The rules of `authcode validate`: each one reported where it is broken and only there,
//! warnings against errors, hints, positions and the document kind.

use super::{FAILURE_SAMPLE, SUCCESS_SAMPLE};
use crate::support::{check_one, rules, validate_json, NO_ARGS};

/// For each rule: a document that breaks it (and the rule must be reported), and a close
/// document that does not (the rule must not be reported).
const CASES: &[(&str, &str, &str)] = &[
    (
        "syntax",
        r#"{"authCode": "x", "authSuccessScopes": ["USER_JOB"]"#,
        r#"{"authCode": "x", "authSuccessScopes": ["USER_JOB"]}"#,
    ),
    (
        "syntax",
        r#"{"scopes": ["USER_JOB"]} {}"#,
        r#"{"scopes": ["USER_JOB"]}  "#,
    ),
    (
        "not-object",
        r#"["USER_JOB"]"#,
        r#"{"scopes": ["USER_JOB"]}"#,
    ),
    ("not-object", r#""USER_JOB""#, r#"{"scopes": ["USER_JOB"]}"#),
    (
        "duplicate-key",
        r#"{"scopes": ["USER_JOB"], "scopes": ["KYC_INFO"]}"#,
        r#"{"scopes": ["USER_JOB", "KYC_INFO"]}"#,
    ),
    (
        "duplicate-key",
        r#"{"authErrorScopes": {"USER_JOB": "3", "USER_JOB": "3"}}"#,
        r#"{"authErrorScopes": {"USER_JOB": "3", "KYC_INFO": "3"}}"#,
    ),
    (
        "unknown-kind",
        r#"{"token": "x"}"#,
        r#"{"authCode": "x", "authSuccessScopes": ["USER_JOB"]}"#,
    ),
    (
        "unknown-kind",
        r#"{"scopes": ["USER_JOB"], "authErrorScopes": {"USER_JOB": "3"}}"#,
        r#"{"scopes": ["USER_JOB"]}"#,
    ),
    (
        "unknown-field",
        r#"{"scopes": ["USER_JOB"], "scope": "x"}"#,
        r#"{"scopes": ["USER_JOB"]}"#,
    ),
    (
        "unknown-field",
        r#"{"authErrorScopes": {"USER_JOB": "3"}, "errorCode": 3}"#,
        r#"{"authErrorScopes": {"USER_JOB": "3"}, "error": 3, "errorMessage": "no"}"#,
    ),
    (
        "missing-field",
        r#"{"authSuccessScopes": ["USER_JOB"]}"#,
        r#"{"authCode": "c", "authSuccessScopes": ["USER_JOB"]}"#,
    ),
    (
        "missing-field",
        r#"{"authCode": "c"}"#,
        r#"{"authCode": "c", "authSuccessScopes": ["USER_JOB"]}"#,
    ),
    (
        "wrong-type",
        r#"{"scopes": "USER_JOB"}"#,
        r#"{"scopes": ["USER_JOB"]}"#,
    ),
    (
        "wrong-type",
        r#"{"authErrorScopes": {"USER_JOB": 40006}}"#,
        r#"{"authErrorScopes": {"USER_JOB": "40006"}}"#,
    ),
    (
        "wrong-type",
        r#"{"authCode": 15, "authSuccessScopes": ["USER_JOB"]}"#,
        r#"{"authCode": "15", "authSuccessScopes": ["USER_JOB"]}"#,
    ),
    (
        "wrong-type",
        r#"{"authErrorScopes": {"USER_JOB": "3"}, "error": "three"}"#,
        r#"{"authErrorScopes": {"USER_JOB": "3"}, "error": "3"}"#,
    ),
    (
        "wrong-type",
        r#"{"scopes": ["USER_JOB", 7]}"#,
        r#"{"scopes": ["USER_JOB", "KYC_INFO"]}"#,
    ),
    ("empty", r#"{"scopes": []}"#, r#"{"scopes": ["USER_JOB"]}"#),
    (
        "empty",
        r#"{"authCode": "c", "authSuccessScopes": []}"#,
        r#"{"authCode": "c", "authSuccessScopes": ["USER_JOB"]}"#,
    ),
    (
        "empty",
        r#"{"authCode": "", "authSuccessScopes": ["USER_JOB"]}"#,
        r#"{"authCode": "c", "authSuccessScopes": ["USER_JOB"]}"#,
    ),
    (
        "empty",
        r#"{"authErrorScopes": {"USER_JOB": ""}}"#,
        r#"{"authErrorScopes": {"USER_JOB": "3"}}"#,
    ),
    (
        "empty",
        r#"{"authErrorScopes": {}}"#,
        r#"{"authCode": "c", "authSuccessScopes": ["USER_JOB"], "authErrorScopes": {}}"#,
    ),
    (
        "unknown-scope",
        r#"{"scopes": ["USER_LOGN_ID"]}"#,
        r#"{"scopes": ["USER_LOGIN_ID"]}"#,
    ),
    (
        "unknown-scope",
        r#"{"authErrorScopes": {"user_job": "3"}}"#,
        r#"{"authErrorScopes": {"USER_JOB": "3"}}"#,
    ),
    (
        "duplicate-scope",
        r#"{"scopes": ["USER_JOB", "KYC_INFO", "USER_JOB"]}"#,
        r#"{"scopes": ["USER_JOB", "KYC_INFO"]}"#,
    ),
    (
        "duplicate-scope",
        r#"{"authCode": "c", "authSuccessScopes": ["USER_JOB", "USER_JOB"]}"#,
        r#"{"authCode": "c", "authSuccessScopes": ["USER_JOB"]}"#,
    ),
    (
        "scope-conflict",
        r#"{"authCode": "c", "authSuccessScopes": ["USER_JOB"], "authErrorScopes": {"USER_JOB": "3"}}"#,
        r#"{"authCode": "c", "authSuccessScopes": ["USER_JOB"], "authErrorScopes": {"KYC_INFO": "3"}}"#,
    ),
    (
        "invalid-auth-code",
        r#"{"authCode": "ab cd", "authSuccessScopes": ["USER_JOB"]}"#,
        r#"{"authCode": "abcd", "authSuccessScopes": ["USER_JOB"]}"#,
    ),
    (
        "invalid-auth-code",
        r#"{"authCode": "ab\u0007", "authSuccessScopes": ["USER_JOB"]}"#,
        r#"{"authCode": "ab", "authSuccessScopes": ["USER_JOB"]}"#,
    ),
    (
        "unknown-error-code",
        r#"{"authErrorScopes": {"USER_JOB": "99"}}"#,
        r#"{"authErrorScopes": {"USER_JOB": "11"}}"#,
    ),
];

#[test]
fn every_rule_has_a_failing_and_a_passing_case() {
    for (rule, bad, good) in CASES {
        let doc = check_one(bad, &[]);
        assert!(
            rules(&doc).contains(&rule.to_string()),
            "{rule} not reported for {bad}: {doc}"
        );
        let doc = check_one(good, &[]);
        assert!(
            !rules(&doc).contains(&rule.to_string()),
            "{rule} reported for {good}: {doc}"
        );
        assert_eq!(doc["valid"], true, "{good}: {doc}");
    }
}

#[test]
fn warnings_keep_a_document_valid_unless_strict() {
    let doc = r#"{"authErrorScopes": {"USER_JOB": "99"}, "extra": 1}"#;
    let (code, value) = validate_json(NO_ARGS, doc);
    assert_eq!(code, 0);
    let d = &value["documents"][0];
    assert_eq!(d["valid"], true);
    assert_eq!(rules(d), ["unknown-error-code", "unknown-field"]);
    assert!(d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["severity"] == "warning"));
    assert_eq!(value["summary"]["warnings"], 2);

    let (code, value) = validate_json(["--strict"], doc);
    assert_eq!(code, 1);
    assert_eq!(value["documents"][0]["valid"], false);
    assert_eq!(value["summary"]["errors"], 2);
}

#[test]
fn an_unknown_scope_hint_names_the_closest_scope() {
    let doc = check_one(r#"{"scopes": ["USER_LOGN_ID"]}"#, &[]);
    assert_eq!(doc["diagnostics"][0]["hint"], "did you mean USER_LOGIN_ID?");
}

#[test]
fn a_string_of_scopes_hint_asks_for_an_array() {
    let doc = check_one(r#"{"scopes": "USER_LOGIN_ID"}"#, &[]);
    let hint = doc["diagnostics"][0]["hint"].as_str().unwrap();
    assert!(hint.contains("DANA wants an array"), "{hint}");
}

#[test]
fn a_numeric_error_value_hint_shows_it_as_a_string() {
    let doc = check_one(r#"{"authErrorScopes": {"USER_LOGIN_ID": 40006}}"#, &[]);
    assert_eq!(doc["diagnostics"][0]["hint"], "write \"40006\"");
}

#[test]
fn the_specs_samples() {
    let doc = check_one(FAILURE_SAMPLE, &[]);
    assert_eq!(doc["valid"], true, "{doc}");
    assert_eq!(doc["kind"], "response");
    assert!(rules(&doc).is_empty());

    let doc = check_one(SUCCESS_SAMPLE, &[]);
    assert_eq!(doc["valid"], false);
    assert_eq!(rules(&doc), ["syntax"]);
    let d = &doc["diagnostics"][0];
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 26);
    assert_eq!(d["hint"], "JSON strings use double quotes");

    let fixed = SUCCESS_SAMPLE.replace('\'', "\"");
    let doc = check_one(&fixed, &[]);
    assert_eq!(doc["valid"], true, "{doc}");
    assert!(rules(&doc).is_empty());
}

#[test]
fn pointers_lines_and_columns_of_nested_values() {
    let doc = "{\n  \"authCode\": \"c\",\n  \"authSuccessScopes\": [\n    \"USER_JOB\",\n    \"USER_JBO\"\n  ],\n  \"authErrorScopes\": {\n    \"KYC_INFO\": 11,\n    \"x\": {\"a\": 1, \"a\": 2}\n  }\n}";
    let doc = check_one(doc, &[]);
    let found: Vec<(String, String, u64, u64)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["pointer"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("unknown-scope", "/authSuccessScopes/1", 5, 5),
        ("wrong-type", "/authErrorScopes/KYC_INFO", 8, 17),
        ("unknown-scope", "/authErrorScopes/x", 9, 5),
        ("wrong-type", "/authErrorScopes/x", 9, 10),
        ("duplicate-key", "/authErrorScopes/x/a", 9, 19),
    ];
    let expected: Vec<(String, String, u64, u64)> = expected
        .iter()
        .map(|(r, p, l, c)| (r.to_string(), p.to_string(), *l, *c))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn escaped_keys_and_scopes_compare_decoded() {
    let doc = check_one(r#"{"\u0073copes": ["USER_\u004aOB"]}"#, &[]);
    assert_eq!(doc["valid"], true, "{doc}");
    assert_eq!(doc["kind"], "request");
}

#[test]
fn kind_can_be_forced() {
    let doc = check_one(r#"{"scopes": ["USER_JOB"]}"#, &["--kind", "response"]);
    assert_eq!(doc["kind"], "response");
    // Diagnostics come in source order; a missing field points at the object itself.
    assert_eq!(rules(&doc), ["missing-field", "unknown-field"]);
    // A response's fields without scopes: a response, not a request (issue 23).
    let doc = check_one(r#"{"authCode": "x"}"#, &["--kind", "request"]);
    assert_eq!(rules(&doc), ["unknown-kind", "unknown-field"]);
}

#[test]
fn a_custom_catalog_defines_scopes_and_error_codes() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("wallet.json");
    std::fs::write(
        &catalog,
        r#"{"name": "Other", "scopes": [{"scope": "AUTH_USER", "description": "d"}], "errors": [{"code": "E1", "message": "m"}]}"#,
    )
    .unwrap();
    let cat = catalog.to_str().unwrap();
    let doc = check_one(
        r#"{"authErrorScopes": {"AUTH_USER": "E1"}}"#,
        &["--catalog", cat],
    );
    assert_eq!(doc["valid"], true, "{doc}");
    assert!(rules(&doc).is_empty());
    let doc = check_one(
        r#"{"authErrorScopes": {"USER_LOGIN_ID": "40006"}}"#,
        &["--catalog", cat],
    );
    assert_eq!(rules(&doc), ["unknown-scope", "unknown-error-code"]);
}

#[test]
fn duplicates_are_found_in_large_objects_and_large_catalogs() {
    // Past the first keys an object's keys are tracked differently: a repeat must still be
    // found, at the right place.
    let mut members: Vec<String> = (0..20).map(|i| format!("\"k{i}\": {i}")).collect();
    members.push("\"k3\": 99".into());
    let doc = format!(
        "{{\"scopes\": [\"USER_JOB\"], \"x\": {{{}}}}}",
        members.join(", ")
    );
    let doc = check_one(&doc, &[]);
    assert_eq!(rules(&doc), ["unknown-field", "duplicate-key"]);
    assert_eq!(doc["diagnostics"][1]["pointer"], "/x/k3");

    // A catalog of more than 64 scopes.
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("big.json");
    let scopes: Vec<String> = (0..100)
        .map(|i| format!("{{\"scope\": \"S{i}\", \"description\": \"d\"}}"))
        .collect();
    std::fs::write(
        &catalog,
        format!("{{\"name\": \"Big\", \"scopes\": [{}]}}", scopes.join(",")),
    )
    .unwrap();
    let args = ["--catalog", catalog.to_str().unwrap()];
    let doc = check_one(r#"{"scopes": ["S0", "S99", "S70", "S99"]}"#, &args);
    assert_eq!(rules(&doc), ["duplicate-scope"]);
    assert_eq!(doc["diagnostics"][0]["pointer"], "/scopes/3");
    assert!(doc["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("first at index 1"));
    let doc = check_one(r#"{"scopes": ["S0", "S64", "S63", "S65"]}"#, &args);
    assert_eq!(doc["valid"], true, "{doc}");
}

#[test]
fn a_trailing_comma_is_pointed_at_with_a_hint() {
    let doc = check_one("{\n  \"scopes\": [\n    \"USER_JOB\",\n  ]\n}", &[]);
    let d = &doc["diagnostics"][0];
    assert_eq!(
        (d["rule"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("syntax"), Some(3), Some(15))
    );
    assert_eq!(d["hint"], "JSON allows no trailing comma: remove it");
}
