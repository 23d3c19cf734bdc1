//! `authcode validate`: every rule, every format, positions, inputs, pairing and exit codes.

mod common;

use std::path::Path;

use common::authcode;
use serde_json::Value;

/// Runs `authcode validate --format json ARGS` with `stdin`; returns the exit code and report.
fn report(args: &[&str], stdin: &str) -> (i32, Value) {
    let out = authcode()
        .arg("validate")
        .args(["--format", "json"])
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let value: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("report is not JSON ({e}):\n{text}"));
    (out.status.code().unwrap(), value)
}

/// The report of one document given on stdin.
fn check_one(doc: &str, extra: &[&str]) -> Value {
    let (_, value) = report(extra, doc);
    assert_eq!(value["documents"].as_array().unwrap().len(), 1, "{value}");
    value["documents"][0].clone()
}

fn rules_of(doc: &Value) -> Vec<String> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

const SUCCESS_SAMPLE: &str =
    "{\n    \"authCode\":\"1591797390204\",\n    \"authSuccessScopes\":['USER_LOGIN_ID']\n}\n";
const FAILURE_SAMPLE: &str =
    "{\n    \"authErrorScopes\":{\n       \"USER_LOGIN_ID\":\"40006\"\n    }\n}\n";

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
            rules_of(&doc).contains(&rule.to_string()),
            "{rule} not reported for {bad}: {doc}"
        );
        let doc = check_one(good, &[]);
        assert!(
            !rules_of(&doc).contains(&rule.to_string()),
            "{rule} reported for {good}: {doc}"
        );
        assert_eq!(doc["valid"], true, "{good}: {doc}");
    }
}

#[test]
fn warnings_keep_a_document_valid_unless_strict() {
    let doc = r#"{"authErrorScopes": {"USER_JOB": "99"}, "extra": 1}"#;
    let (code, value) = report(&[], doc);
    assert_eq!(code, 0);
    let d = &value["documents"][0];
    assert_eq!(d["valid"], true);
    assert_eq!(rules_of(d), ["unknown-error-code", "unknown-field"]);
    assert!(d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["severity"] == "warning"));
    assert_eq!(value["summary"]["warnings"], 2);

    let (code, value) = report(&["--strict"], doc);
    assert_eq!(code, 1);
    assert_eq!(value["documents"][0]["valid"], false);
    assert_eq!(value["summary"]["errors"], 2);
}

#[test]
fn encoding_and_bom() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.json");
    std::fs::write(&bad, b"{\"scopes\": [\"USER_JOB\"],\n \"x\": \"caf\xe9\"}").unwrap();
    let bom = dir.path().join("bom.json");
    std::fs::write(&bom, b"\xEF\xBB\xBF{\"scopes\": [\"USER_JOB\"]}").unwrap();
    let good = dir.path().join("good.json");
    std::fs::write(&good, "{\"scopes\": [\"USER_JOB\"], \"x\": \"café\"}").unwrap();
    let (code, value) = report(&[dir.path().to_str().unwrap()], "");
    assert_eq!(code, 1);
    let docs = value["documents"].as_array().unwrap();
    // Sorted: bom.json, good.json, latin1.json.
    assert_eq!(rules_of(&docs[0]), ["bom"]);
    assert_eq!(docs[0]["valid"], true);
    assert_eq!(docs[0]["kind"], "request");
    assert_eq!(rules_of(&docs[1]), ["unknown-field"]);
    assert_eq!(rules_of(&docs[2]), ["encoding"]);
    assert_eq!(docs[2]["diagnostics"][0]["line"], 2);
    assert_eq!(docs[2]["diagnostics"][0]["column"], 11);
    assert_eq!(docs[2]["valid"], false);
}

#[test]
fn scope_hint_and_string_scopes_hint() {
    let doc = check_one(r#"{"scopes": ["USER_LOGN_ID"]}"#, &[]);
    assert_eq!(doc["diagnostics"][0]["hint"], "did you mean USER_LOGIN_ID?");
    let doc = check_one(r#"{"scopes": "USER_LOGIN_ID"}"#, &[]);
    let hint = doc["diagnostics"][0]["hint"].as_str().unwrap();
    assert!(hint.contains("DANA wants an array"), "{hint}");
    let doc = check_one(r#"{"authErrorScopes": {"USER_LOGIN_ID": 40006}}"#, &[]);
    assert_eq!(doc["diagnostics"][0]["hint"], "write \"40006\"");
}

#[test]
fn the_specs_samples() {
    let doc = check_one(FAILURE_SAMPLE, &[]);
    assert_eq!(doc["valid"], true, "{doc}");
    assert_eq!(doc["kind"], "response");
    assert!(rules_of(&doc).is_empty());

    let doc = check_one(SUCCESS_SAMPLE, &[]);
    assert_eq!(doc["valid"], false);
    assert_eq!(rules_of(&doc), ["syntax"]);
    let d = &doc["diagnostics"][0];
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 26);
    assert_eq!(d["hint"], "JSON strings use double quotes");

    let fixed = SUCCESS_SAMPLE.replace('\'', "\"");
    let doc = check_one(&fixed, &[]);
    assert_eq!(doc["valid"], true, "{doc}");
    assert!(rules_of(&doc).is_empty());
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
fn ndjson_line_numbers_are_file_lines() {
    let text = "{\"scopes\": [\"USER_JOB\"]}\n\n   \n{\"scopes\": [\"NOPE\"]}\r\n{\"scopes\": [\"KYC_INFO\"]}\n{bad\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs.ndjson");
    std::fs::write(&path, text).unwrap();
    let (code, value) = report(&[path.to_str().unwrap()], "");
    assert_eq!(code, 1);
    let docs = value["documents"].as_array().unwrap();
    let lines: Vec<u64> = docs.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [1, 4, 5, 6]);
    assert_eq!(docs[1]["diagnostics"][0]["line"], 4);
    assert_eq!(docs[1]["diagnostics"][0]["column"], 13);
    assert_eq!(docs[3]["diagnostics"][0]["rule"], "syntax");
    assert_eq!(docs[3]["diagnostics"][0]["line"], 6);
    assert_eq!(value["summary"]["files"], 1);
    assert_eq!(value["summary"]["documents"], 4);

    // --ndjson on stdin and on a .json file.
    let (_, value) = report(&["--ndjson"], text);
    assert_eq!(value["summary"]["documents"], 4);
    let json = dir.path().join("docs.json");
    std::fs::write(&json, text).unwrap();
    let (_, value) = report(&[json.to_str().unwrap()], "");
    assert_eq!(
        value["summary"]["documents"], 1,
        "a .json file is one document"
    );
    let (_, value) = report(&["--ndjson", json.to_str().unwrap()], "");
    assert_eq!(value["summary"]["documents"], 4);
}

#[test]
fn directories_are_walked_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (path, body) in [
        ("b/z.json", FAILURE_SAMPLE),
        ("b/a.jsonl", "{\"scopes\": [\"USER_JOB\"]}\n"),
        ("a.json", FAILURE_SAMPLE),
        ("c/d/e.ndjson", "{\"scopes\": [\"USER_JOB\"]}\n"),
        ("notes.txt", "not json"),
        ("B.json", FAILURE_SAMPLE),
    ] {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, body).unwrap();
    }
    let (code, value) = report(&[root.to_str().unwrap()], "");
    assert_eq!(code, 0);
    let paths: Vec<String> = value["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            Path::new(d["path"].as_str().unwrap())
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        paths,
        ["B.json", "a.json", "b/a.jsonl", "b/z.json", "c/d/e.ndjson"]
    );
}

#[test]
fn stdin_is_read_without_paths_and_with_dash() {
    let out = authcode()
        .args(["validate"])
        .write_stdin(FAILURE_SAMPLE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "1 document in 1 file: 1 valid, 0 invalid, 0 errors, 0 warnings\n"
    );
    let (code, value) = report(&["-"], r#"{"scopes": []}"#);
    assert_eq!(code, 1);
    assert_eq!(value["documents"][0]["path"], "<stdin>");
}

#[test]
fn pairing_with_expected_scopes_and_a_request_file() {
    let response = r#"{"authCode": "c", "authSuccessScopes": ["USER_JOB", "KYC_INFO"], "authErrorScopes": {"USER_LOGIN_ID": "40006"}}"#;
    let doc = check_one(
        response,
        &["--expect-scopes", "USER_LOGIN_ID,USER_JOB,KYC_INFO"],
    );
    assert_eq!(doc["valid"], true, "{doc}");

    let doc = check_one(
        response,
        &[
            "--expect-scopes",
            "USER_LOGIN_ID,USER_JOB",
            "--expect-scopes",
            "USER_OCCUPATION",
        ],
    );
    assert_eq!(rules_of(&doc), ["scope-unanswered", "scope-not-requested"]);
    assert_eq!(doc["diagnostics"][0]["pointer"], "");
    assert_eq!(doc["diagnostics"][1]["pointer"], "/authSuccessScopes/1");

    let dir = tempfile::tempdir().unwrap();
    let request = dir.path().join("request.json");
    std::fs::write(
        &request,
        r#"{"scopes": ["USER_LOGIN_ID", "KYC_INFO", "USER_JOB"]}"#,
    )
    .unwrap();
    let doc = check_one(response, &["--request", request.to_str().unwrap()]);
    assert_eq!(doc["valid"], true, "{doc}");
    std::fs::write(&request, r#"{"scopes": ["USER_LOGIN_ID"]}"#).unwrap();
    let doc = check_one(response, &["--request", request.to_str().unwrap()]);
    assert_eq!(
        rules_of(&doc),
        ["scope-not-requested", "scope-not-requested"]
    );

    // Requests are not paired.
    let doc = check_one(
        r#"{"scopes": ["USER_JOB"]}"#,
        &["--expect-scopes", "KYC_INFO"],
    );
    assert_eq!(doc["valid"], true);

    // An unknown expected scope is a usage error with a hint.
    authcode()
        .args(["validate", "--expect-scopes", "USER_LOGN_ID", "-"])
        .write_stdin(response)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean USER_LOGIN_ID?"));
}

#[test]
fn kind_can_be_forced() {
    let doc = check_one(r#"{"scopes": ["USER_JOB"]}"#, &["--kind", "response"]);
    assert_eq!(doc["kind"], "response");
    // Diagnostics come in source order; a missing field points at the object itself.
    assert_eq!(rules_of(&doc), ["missing-field", "unknown-field"]);
    let doc = check_one(r#"{"authCode": "x"}"#, &["--kind", "request"]);
    assert_eq!(rules_of(&doc), ["missing-field", "unknown-field"]);
}

#[test]
fn exit_codes_and_unreadable_paths_among_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    std::fs::write(&good, FAILURE_SAMPLE).unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{}").unwrap();
    let missing = dir.path().join("missing.json");
    let good_s = good.to_str().unwrap();

    authcode().args(["validate", good_s]).assert().code(0);
    authcode()
        .args(["validate", good_s, bad.to_str().unwrap()])
        .assert()
        .code(1);
    let (code, value) = report(&[good_s, missing.to_str().unwrap(), good_s], "");
    assert_eq!(code, 2);
    // An unreadable path is an error on stderr, not a document of the report.
    let docs = value["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert!(docs.iter().all(|d| d["valid"] == true));

    // A dangling link inside a walked directory is reported, and the rest still checked.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("link.json"))
            .unwrap();
        let (code, value) = report(&[dir.path().to_str().unwrap()], "");
        assert_eq!(code, 2);
        // bad.json, good.json; link.json is reported on stderr.
        assert_eq!(value["summary"]["documents"], 2);
    }

    // Usage errors.
    authcode()
        .args(["validate", "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn human_report_shows_place_source_caret_and_hint() {
    let out = authcode()
        .args(["validate", "--color", "never", "-"])
        .write_stdin(SUCCESS_SAMPLE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let expected = "\
<stdin>:3:26: error[syntax]: a single quote where JSON expects a value or a key
3 |     \"authSuccessScopes\":['USER_LOGIN_ID']
  |                          ^
  = hint: JSON strings use double quotes

1 document in 1 file: 0 valid, 1 invalid, 1 error, 0 warnings
";
    assert_eq!(text, expected);

    let colored = authcode()
        .args(["validate", "--color", "always", "-"])
        .write_stdin(SUCCESS_SAMPLE)
        .output()
        .unwrap();
    assert!(String::from_utf8(colored.stdout).unwrap().contains("\x1b["));
}

#[test]
fn quiet_prints_only_the_count_line() {
    let out = authcode()
        .args(["validate", "--quiet", "-"])
        .write_stdin(r#"{"scopes": []}"#)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1 document in 1 file: 0 valid, 1 invalid, 1 error, 0 warnings\n"
    );
}

#[test]
fn github_format_lines_follow_the_workflow_command_pattern() {
    let text = "{\"scopes\": [\"USER_LOGN_ID\"], \"x,y\": 1}\n{\"scopes\": [\"USER_JOB\"]}\n";
    let out = authcode()
        .args(["validate", "--format", "github", "--ndjson", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let commands: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), 2, "{stdout}");
    for line in &commands {
        let rest = line
            .strip_prefix("::error ")
            .or_else(|| line.strip_prefix("::warning "))
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let (props, message) = rest.split_once("::").unwrap();
        let props: Vec<(&str, &str)> = props
            .split(',')
            .map(|p| p.split_once('=').unwrap())
            .collect();
        let names: Vec<&str> = props.iter().map(|(k, _)| *k).collect();
        assert_eq!(names, ["file", "line", "col", "title"]);
        assert!(props[1].1.parse::<u32>().is_ok() && props[2].1.parse::<u32>().is_ok());
        assert!(props[3].1.starts_with("authcode "));
        assert!(!message.contains('\n'));
    }
    assert!(commands[0].starts_with(
        "::error file=<stdin>,line=1,col=13,title=authcode unknown-scope::unknown scope"
    ));
    assert!(commands[0].contains("%0Ahint: did you mean USER_LOGIN_ID?"));
    assert!(commands[1]
        .starts_with("::warning file=<stdin>,line=1,col=30,title=authcode unknown-field::"));
}

#[test]
fn junit_format_is_xml_with_a_testcase_per_document() {
    let text = "{\"scopes\": [\"USER_JOB\"]}\n{\"scopes\": [\"<&>\"]}\n{\"scopes\": [\"KYC_INFO\"], \"x\": 1}\n";
    let out = authcode()
        .args(["validate", "--format", "junit", "--ndjson", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("tests"), Some("3"));
    assert_eq!(suite.attribute("failures"), Some("1"));
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 3);
    let failures: Vec<_> = cases
        .iter()
        .map(|c| c.children().find(|n| n.has_tag_name("failure")))
        .collect();
    assert!(failures[0].is_none() && failures[2].is_none());
    let failure = failures[1].unwrap();
    assert_eq!(failure.attribute("type"), Some("unknown-scope"));
    assert!(failure.attribute("message").unwrap().contains("<&>"));
    assert_eq!(cases[1].attribute("name"), Some("<stdin>:2"));
}

#[test]
fn json_report_shape() {
    let (code, value) = report(&["--ndjson"], "{\"scopes\": [\"USER_JOB\"]}\n[]\n");
    assert_eq!(code, 1);
    let summary = &value["summary"];
    for (key, n) in [
        ("files", 1),
        ("documents", 2),
        ("valid", 1),
        ("invalid", 1),
        ("errors", 1),
        ("warnings", 0),
    ] {
        assert_eq!(summary[key], n, "{key}");
    }
    let docs = value["documents"].as_array().unwrap();
    assert_eq!(docs[0]["kind"], "request");
    assert_eq!(docs[1]["kind"], Value::Null);
    let d = &docs[1]["diagnostics"][0];
    for key in [
        "rule", "severity", "message", "pointer", "line", "column", "hint",
    ] {
        assert!(d.get(key).is_some(), "missing {key} in {d}");
    }
    assert_eq!(d["pointer"], "");
}

#[test]
fn many_files_keep_input_order_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for i in 0..300 {
        let name = format!("f{i:04}.json");
        let body = if i % 7 == 0 {
            "{\"scopes\": []}".to_string()
        } else {
            FAILURE_SAMPLE.to_string()
        };
        std::fs::write(dir.path().join(&name), body).unwrap();
        expected.push((name, i % 7 != 0));
    }
    for jobs in ["1", "2", "8"] {
        let (code, value) = report(&["--jobs", jobs, dir.path().to_str().unwrap()], "");
        assert_eq!(code, 1);
        let got: Vec<(String, bool)> = value["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let p = Path::new(d["path"].as_str().unwrap());
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    d["valid"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(got, expected, "--jobs {jobs}");
    }
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
    assert!(rules_of(&doc).is_empty());
    let doc = check_one(
        r#"{"authErrorScopes": {"USER_LOGIN_ID": "40006"}}"#,
        &["--catalog", cat],
    );
    assert_eq!(rules_of(&doc), ["unknown-scope", "unknown-error-code"]);
}

#[test]
fn large_ndjson_keeps_line_numbers_and_order_across_blocks_and_threads() {
    // Well past the reader's 128 KiB blocks, with blank and CRLF lines and a line longer
    // than a block.
    let mut text = String::new();
    let mut expected = Vec::new();
    let long = format!(
        "{{\"scopes\": [\"USER_JOB\"], \"note\": \"{}\"}}",
        "x".repeat(300_000)
    );
    for line in 1..=6000 {
        match line % 1000 {
            0 => {
                text.push_str("{\"scopes\": [\"NOPE\"]}\n");
                expected.push((line, false));
            }
            1 => text.push('\n'),
            2 => {
                text.push_str("{\"scopes\": [\"KYC_INFO\"]}\r\n");
                expected.push((line, true));
            }
            500 => {
                text.push_str(&long);
                text.push('\n');
                expected.push((line, true));
            }
            _ => {
                text.push_str("{\"authErrorScopes\": {\"USER_LOGIN_ID\": \"40006\"}}\n");
                expected.push((line, true));
            }
        }
    }
    text.push_str("{\"scopes\": []}");
    expected.push((6001, false));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ndjson");
    std::fs::write(&path, &text).unwrap();
    for jobs in ["1", "2", "3"] {
        let (code, value) = report(&["--jobs", jobs, path.to_str().unwrap()], "");
        assert_eq!(code, 1);
        let got: Vec<(usize, bool)> = value["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["line"].as_u64().unwrap() as usize,
                    d["valid"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(got, expected, "--jobs {jobs}");
        let bad = &value["documents"][expected.iter().position(|e| e.0 == 3000).unwrap()];
        assert_eq!(bad["diagnostics"][0]["line"], 3000);
        assert_eq!(bad["diagnostics"][0]["column"], 13);
    }
    // The same through stdin.
    let (_, value) = report(&["--ndjson", "--jobs", "2"], &text);
    assert_eq!(value["summary"]["documents"], expected.len());
    assert_eq!(value["summary"]["invalid"], 7);
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
    assert_eq!(rules_of(&doc), ["unknown-field", "duplicate-key"]);
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
    assert_eq!(rules_of(&doc), ["duplicate-scope"]);
    assert_eq!(doc["diagnostics"][0]["pointer"], "/scopes/3");
    assert!(doc["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("first at index 1"));
    let doc = check_one(r#"{"scopes": ["S0", "S64", "S63", "S65"]}"#, &args);
    assert_eq!(doc["valid"], true, "{doc}");
}

#[test]
fn second_look_details() {
    // Nothing to check is not a pass.
    let dir = tempfile::tempdir().unwrap();
    authcode()
        .args(["validate", dir.path().to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "no *.json, *.ndjson or *.jsonl file to validate",
        ));

    // A trailing comma is pointed at, with a hint.
    let doc = check_one("{\n  \"scopes\": [\n    \"USER_JOB\",\n  ]\n}", &[]);
    let d = &doc["diagnostics"][0];
    assert_eq!(
        (d["rule"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("syntax"), Some(3), Some(15))
    );
    assert_eq!(d["hint"], "JSON allows no trailing comma: remove it");

    // GitHub annotations take repository-relative paths.
    std::fs::write(dir.path().join("bad.json"), "{}").unwrap();
    let out = authcode()
        .current_dir(dir.path())
        .args(["validate", "--format", "github", "."])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("::error file=bad.json,line=1,col=1,"),
        "{text}"
    );

    // In JUnit, an unreadable path is not a testcase: it is an error of the run, on stderr.
    let out = authcode()
        .args([
            "validate",
            "--format",
            "junit",
            dir.path().join("missing.json").to_str().unwrap(),
        ])
        .arg(dir.path().join("bad.json"))
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    let parsed = roxmltree::Document::parse(&xml).unwrap();
    let suite = parsed
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(
        (suite.attribute("failures"), suite.attribute("errors")),
        (Some("1"), Some("0"))
    );
    assert_eq!(
        parsed
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .count(),
        1
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.json: No such file"));

    // --request names itself and the place of the fault.
    let request = dir.path().join("request.txt");
    std::fs::write(&request, r#"{"scopes": ["KYC_INFOS"]}"#).unwrap();
    authcode()
        .args(["validate", "--request", request.to_str().unwrap(), "-"])
        .write_stdin(FAILURE_SAMPLE)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "request.txt:1:13: unknown scope \"KYC_INFOS\"",
        ))
        .stderr(predicates::str::contains("did you mean KYC_INFO?"));

    // -j 0 is refused in plain words.
    authcode()
        .args(["validate", "-j", "0", "-"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "a number of threads from 1 to 65535",
        ));
}
