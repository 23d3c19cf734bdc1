//! The same scope faults get the same treatment wherever a scope list is read.

use super::{expect, refused, write};

/// Every unknown name is reported, each with its did-you-mean, and a case typo says that
/// scope names are case-sensitive.
fn assert_reports_all(output: &str, place: &str) {
    for name in ["user_job", "NOPE_SCOPE", "KYC_INF"] {
        assert!(
            output.contains(name),
            "{place}: {name} not reported: {output}"
        );
    }
    assert!(
        output.contains("did you mean USER_JOB? (scope names are case-sensitive)"),
        "{place}: {output}"
    );
    assert!(
        output.contains("did you mean KYC_INFO?"),
        "{place}: {output}"
    );
    assert_eq!(
        output.matches("case-sensitive").count(),
        1,
        "{place}: the case note belongs to the case typo only: {output}"
    );
}

#[test]
fn every_unknown_scope_is_reported_wherever_a_list_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "user_job,NOPE_SCOPE,KYC_INF";
    let request = write(
        dir.path(),
        "request.json",
        r#"{"scopes": ["user_job", "NOPE_SCOPE", "KYC_INF"]}"#,
    );
    let response = write(
        dir.path(),
        "response.json",
        r#"{"authErrorScopes": {"KYC_INFO": "11"}}"#,
    );

    let scopes = refused(&["request", "--scopes", bad, "--approve"]);
    assert!(
        scopes.starts_with("error: unknown scope user_job in the DANA catalog\n"),
        "{scopes}"
    );
    assert_reports_all(&scopes, "--scopes");

    let grant = refused(&["request", "--scopes", "KYC_INFO,USER_JOB", "--grant", bad]);
    assert!(
        grant.starts_with("error: --grant: unknown scope user_job"),
        "{grant}"
    );
    assert_reports_all(&grant, "--grant");

    let expect_scopes = refused(&["validate", &response, "--expect-scopes", bad]);
    assert!(
        expect_scopes.starts_with("error: --expect-scopes: unknown scope user_job"),
        "{expect_scopes}"
    );
    assert_reports_all(&expect_scopes, "--expect-scopes");

    let from = refused(&["request", "--from", &request, "--approve"]);
    assert_reports_all(&from, "--from");

    let as_request = refused(&["validate", &response, "--request", &request]);
    assert_reports_all(&as_request, "validate --request");

    let (report, _) = expect(&["validate", "--color", "never", &request], 1);
    assert_reports_all(&report, "validate");
    assert_eq!(
        report.matches("error[unknown-scope]").count(),
        3,
        "{report}"
    );
}

#[test]
fn a_repeated_scope_is_warned_about_wherever_a_list_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let response = write(
        dir.path(),
        "response.json",
        r#"{"authErrorScopes": {"KYC_INFO": "11"}}"#,
    );
    let request = write(
        dir.path(),
        "request.json",
        r#"{"scopes": ["KYC_INFO", "USER_JOB", "KYC_INFO"]}"#,
    );
    let cases: [(&[&str], &str); 4] = [
        (
            &[
                "request",
                "--scopes",
                "KYC_INFO,USER_JOB,KYC_INFO",
                "--approve",
            ],
            "warning: --scopes names KYC_INFO more than once; kept once\n",
        ),
        (
            &[
                "request",
                "--scopes",
                "KYC_INFO,USER_JOB",
                "--grant",
                "KYC_INFO, KYC_INFO",
                "--compact",
            ],
            "warning: --grant names KYC_INFO more than once; kept once\n",
        ),
        (
            &[
                "validate",
                &response,
                "--expect-scopes",
                "KYC_INFO,KYC_INFO",
            ],
            "warning: --expect-scopes names KYC_INFO more than once; kept once\n",
        ),
        (
            &["request", "--from", &request, "--deny"],
            "KYC_INFO is listed twice in scopes",
        ),
    ];
    for (args, warning) in cases {
        let (stdout, stderr) = expect(args, 0);
        assert!(stderr.contains(warning), "{args:?}: {stderr}");
        assert_eq!(
            stderr.matches("warning:").count(),
            1,
            "{args:?}: once: {stderr}"
        );
        assert!(!stdout.is_empty(), "{args:?}");
    }
    // Kept once: the response names the scope once.
    let (granted, _) = expect(
        &[
            "request",
            "--scopes",
            "KYC_INFO,USER_JOB,KYC_INFO",
            "--grant",
            "KYC_INFO,KYC_INFO",
            "--compact",
            "--seed",
            "1",
        ],
        0,
    );
    assert!(
        granted.trim_end().ends_with(
            r#""authSuccessScopes":["KYC_INFO"],"authErrorScopes":{"USER_JOB":"40006"}}"#
        ),
        "{granted}"
    );
    // A document that repeats a scope is reported by validate (as an error: the document
    // itself is wrong).
    let (report, _) = expect(&["validate", "--color", "never", &request], 1);
    assert!(report.contains("error[duplicate-scope]"), "{report}");
}

/// A catalog is checked once, fully, when it is loaded: each fault is refused by every
/// command, even one that never uses the faulty field, with the file and the field named.
#[test]
fn a_broken_catalog_is_refused_at_load_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(dir.path(), "doc.json", r#"{"scopes": ["A"]}"#);
    let faults = [
        (r#""errors": []"#, "\"errors\" is empty"),
        (
            r#""errors": [{"code": "40 06", "message": "spaced"}]"#,
            "errors[0].code \"40 06\"",
        ),
        (
            r#""errors": [{"code": "1", "message": ""}, {"code": "", "message": ""}]"#,
            "errors[1].code",
        ),
        (
            r#""errors": [{"code": "1", "message": ""}], "defaultError": "2""#,
            "defaultError \"2\"",
        ),
    ];
    for (i, (errors, field)) in faults.into_iter().enumerate() {
        let catalog = write(
            dir.path(),
            &format!("wallet{i}.json"),
            &format!(
                r#"{{"name": "W", "scopes": [{{"scope": "A", "description": "a"}}], {errors}}}"#
            ),
        );
        for command in [
            &["scopes"][..],
            &["schema", "request"],
            &["completions", "bash"],
            &["validate", &doc],
            &["request", "--scopes", "A", "--approve"],
        ] {
            let mut args = vec!["--catalog", catalog.as_str()];
            args.extend_from_slice(command);
            let stderr = refused(&args);
            assert!(
                stderr.starts_with(&format!("error: invalid catalog {catalog}: ")),
                "{command:?}: {stderr}"
            );
            assert!(
                stderr.contains(field),
                "{command:?}: {field} not named: {stderr}"
            );
        }
    }
}
