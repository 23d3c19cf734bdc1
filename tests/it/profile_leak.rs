//! No message names DANA, a DANA scope or a DANA error code unless DANA's profile is in
//! force: every message that carries an example takes it from the profile in force.

const OTHER: &str = r#"{
  "name": "OtherPay",
  "scopes": [
    {"scope": "auth_base", "description": "Basic profile"},
    {"scope": "auth_user", "description": "Full profile"}
  ],
  "errors": [{"code": "USER_CANCELLED", "message": "The user closed the page"}]
}"#;

/// Every case that makes authcode show an example: (arguments, stdin).
fn cases() -> Vec<(Vec<&'static str>, &'static str)> {
    vec![
        (vec!["validate", "-"], r#"{"scopes": "auth_base"}"#),
        (vec!["validate", "-"], r#"{"authErrorScopes": []}"#),
        (
            vec!["validate", "-"],
            r#"{"authErrorScopes": {"auth_base": ""}}"#,
        ),
        (
            vec!["validate", "-"],
            r#"{"authErrorScopes": {"auth_base": 11}}"#,
        ),
        (
            vec!["validate", "-"],
            r#"{"authErrorScopes": {"auth_base": "X"}}"#,
        ),
        (vec!["validate", "-"], r#"{"scopes": ["auth_bsae"]}"#),
        (vec!["validate", "-"], r#"{"other": 1}"#),
        (
            vec!["validate", "--format", "json", "-"],
            r#"{"scopes": "auth_base"}"#,
        ),
        (
            vec!["validate", "--expect-scopes", "auth_usr", "-"],
            r#"{"authErrorScopes": {"auth_base": "USER_CANCELLED"}}"#,
        ),
        (vec!["request", "--scopes", " ", "--approve"], ""),
        (vec!["request", "--scopes", "auth_bas", "--approve"], ""),
        (
            vec![
                "request",
                "--scopes",
                "auth_base",
                "--error-code",
                "a b",
                "--deny",
            ],
            "",
        ),
        (
            vec!["request", "--scopes", "auth_base", "--grant", "auth_user"],
            "",
        ),
        (
            vec!["request", "--from", "-", "--approve"],
            r#"{"scopes": "auth_base"}"#,
        ),
        (
            vec!["request", "--from", "-", "--approve"],
            r#"{"scopes": []}"#,
        ),
        (vec!["request", "--from", "-", "--approve"], r#"[1]"#),
        (
            vec!["request", "--scopes", "auth_base", "--deny", "--compact"],
            "",
        ),
    ]
}

fn run(catalog: Option<&std::path::Path>, args: &[&str], stdin: &str) -> String {
    let mut cmd = crate::support::authcode();
    cmd.env("NO_COLOR", "1")
        .stdin_from(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    if let Some(path) = catalog {
        cmd.arg("--catalog").arg(path);
    }
    let mut child = cmd.args(args).spawn().unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin.as_bytes());
    }
    let out = child.wait_with_output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The words that belong to DANA's profile.
fn dana_words() -> Vec<String> {
    let dana: serde_json::Value =
        serde_json::from_str(include_str!("../../src/profile/wallets/dana.json")).unwrap();
    let mut words: Vec<String> = dana["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["scope"].as_str().unwrap().to_string())
        .collect();
    words.push("DANA".into());
    words.push("40006".into());
    words
}

#[test]
fn no_message_names_dana_under_another_profile() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("other.json");
    std::fs::write(&catalog, OTHER).unwrap();
    let words = dana_words();
    for (args, stdin) in cases() {
        let text = run(Some(&catalog), &args, stdin);
        assert!(!text.trim().is_empty(), "{args:?} printed nothing");
        for word in &words {
            assert!(
                !text.contains(word.as_str()),
                "{args:?} with {stdin:?} names {word} under OtherPay:\n{text}"
            );
        }
    }
}

/// The same cases under DANA do show DANA's examples, so the test above can fail.
#[test]
fn the_same_messages_under_dana_show_danas_examples() {
    let words = dana_words();
    let dana_cases = [
        (
            vec!["validate", "-"],
            r#"{"scopes": "USER_LOGIN_ID"}"#,
            "DANA wants an array",
        ),
        (
            vec!["validate", "-"],
            r#"{"authErrorScopes": []}"#,
            "\"USER_LOGIN_ID\": \"40006\"",
        ),
        (
            vec!["request", "--scopes", " ", "--approve"],
            "",
            "--scopes USER_LOGIN_ID",
        ),
        (
            vec![
                "request",
                "--scopes",
                "KYC_INFO",
                "--error-code",
                "a b",
                "--deny",
            ],
            "",
            "\"40006\"",
        ),
    ];
    for (args, stdin, expected) in dana_cases {
        let text = run(None, &args, stdin);
        assert!(text.contains(expected), "{args:?}: {text}");
        assert!(words.iter().any(|w| text.contains(w.as_str())));
    }
}
