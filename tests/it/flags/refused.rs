//! A flag that cannot apply is refused, never ignored.

use std::process::{Command, Stdio};

use super::{expect, refused, write};
use crate::support::text;

#[test]
fn error_code_with_nothing_denied_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let both = write(
        dir.path(),
        "both.json",
        r#"{"scopes": ["KYC_INFO", "USER_JOB"]}"#,
    );
    for args in [
        &[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--approve",
            "--error-code",
            "11",
        ][..],
        &[
            "request",
            "-s",
            "KYC_INFO,USER_JOB",
            "--approve",
            "--error-code",
            "3",
        ],
        // --grant of every requested scope denies none either, whatever the order.
        &[
            "request",
            "-s",
            "KYC_INFO,USER_JOB",
            "--grant",
            "USER_JOB,KYC_INFO",
            "--error-code",
            "11",
        ],
        &[
            "request",
            "--from",
            &both,
            "--grant",
            "KYC_INFO,USER_JOB",
            "--error-code",
            "10",
        ],
    ] {
        let stderr = refused(args);
        assert!(stderr.contains("--error-code"), "{args:?}: {stderr}");
        assert!(stderr.contains("cannot apply"), "{args:?}: {stderr}");
        assert!(
            stderr.contains("denie"),
            "{args:?}: says nothing is denied: {stderr}"
        );
    }
    let stderr = refused(&[
        "request",
        "-s",
        "USER_LOGIN_ID",
        "--approve",
        "--error-code",
        "11",
    ]);
    assert!(
        stderr.starts_with("error: --error-code 11 cannot apply: --approve denies no scope\n"),
        "{stderr}"
    );
}

#[test]
fn seed_with_nothing_granted_is_refused() {
    for args in [
        &["request", "-s", "USER_LOGIN_ID", "--deny", "--seed", "7"][..],
        &[
            "request",
            "-s",
            "KYC_INFO,USER_JOB",
            "--deny",
            "--seed",
            "0",
            "--error-code",
            "11",
        ],
    ] {
        let stderr = refused(args);
        assert!(
            stderr.starts_with("error: --seed cannot apply"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("authCode"), "{stderr}");
    }
}

#[test]
fn app_name_without_a_prompt_is_refused() {
    for decision in [
        &["--approve"][..],
        &["--deny"],
        &["--grant", "USER_LOGIN_ID"],
        &["--payload"],
    ] {
        let mut args = vec!["request", "-s", "USER_LOGIN_ID", "--app-name", "Shop"];
        args.extend_from_slice(decision);
        let stderr = refused(&args);
        assert!(stderr.contains("--app-name"), "{args:?}: {stderr}");
    }
}

#[test]
fn format_without_payload_says_what_format_is_for() {
    for format in ["json", "js"] {
        let stderr = refused(&[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--approve",
            "--format",
            format,
        ]);
        assert!(
            stderr.starts_with(&format!(
                "error: --format {format} applies to --payload only"
            )),
            "{stderr}"
        );
        assert!(stderr.contains("the response is always JSON"), "{stderr}");
        // The hint offers the format that was asked for, not another one.
        assert!(
            stderr.contains(&format!("--payload --format {format}\n")),
            "{stderr}"
        );
    }
}

#[test]
fn flags_that_apply_are_still_accepted() {
    for args in [
        &[
            "request",
            "-s",
            "USER_LOGIN_ID,KYC_INFO",
            "--grant",
            "KYC_INFO",
            "--error-code",
            "11",
        ][..],
        &[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--deny",
            "--error-code",
            "11",
        ],
        &["request", "-s", "USER_LOGIN_ID", "--approve", "--seed", "1"],
        &[
            "request",
            "-s",
            "USER_LOGIN_ID,KYC_INFO",
            "--grant",
            "KYC_INFO",
            "--seed",
            "1",
        ],
        &[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--payload",
            "--format",
            "json",
            "--compact",
        ],
    ] {
        let (stdout, stderr) = expect(args, 0);
        assert_eq!(stderr, "", "{args:?}");
        assert!(stdout.starts_with('{'), "{args:?}: {stdout}");
    }
    let (denied, _) = expect(
        &[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--deny",
            "--error-code",
            "11",
        ],
        0,
    );
    assert!(denied.contains(r#""USER_LOGIN_ID": "11""#), "{denied}");
}

#[test]
fn compact_applies_to_the_javascript_call_too() {
    let scopes = "USER_LOGIN_ID,KYC_INFO";
    let (pretty, _) = expect(&["request", "-s", scopes, "--payload", "--format", "js"], 0);
    let (compact, stderr) = expect(
        &[
            "request",
            "-s",
            scopes,
            "--payload",
            "--format",
            "js",
            "--compact",
        ],
        0,
    );
    assert_eq!(stderr, "");
    assert!(pretty.lines().count() > 1);
    assert_eq!(compact.lines().count(), 1, "{compact}");
    assert!(compact.ends_with(");\n"), "{compact}");
    assert!(
        compact.starts_with("my.getAuthCode({ scopes: ['USER_LOGIN_ID', 'KYC_INFO'],"),
        "{compact}"
    );
    // The same call: the same characters once blanks and trailing commas are set aside.
    let squeeze =
        |s: &str| -> String { s.split_whitespace().collect::<String>().replace(",}", "}") };
    assert_eq!(squeeze(&pretty), squeeze(&compact));
    // And a JavaScript engine accepts it, when there is one.
    let Some(node) = ["node", "nodejs"].into_iter().find(|n| {
        Command::new(n)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }) else {
        eprintln!("note: node is not on PATH; skipping `node --check` of the compact call");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "call.js", &compact);
    let check = Command::new(node)
        .arg("--check")
        .arg(&file)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", text(&check.stderr));
}
