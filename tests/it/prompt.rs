//! The consent prompt of `authcode request`: its steps driven through a real
//! pseudo-terminal, Ctrl-C and Esc at each step, and the refusal to prompt where no person
//! can answer.

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::pty::{self, finish, send, spawn, wait_for, Step, DOWN, ENTER, SPACE, UP};
use crate::support::{assert_clean_stderr, authcode, text};

/// The same request decided by flags, for comparing with what the prompt produced.
fn by_flags(args: &[&str]) -> String {
    authcode().args(args).ok()
}

#[test]
fn choose_scopes_untick_one_and_pick_an_error_value() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdout.json");
    let mut p = spawn(
        &[
            "--color",
            "never",
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO,USER_JOB",
            "--app-name",
            "Test Shop",
            "--seed",
            "7",
        ],
        Some(&out),
        &[],
    );
    wait_for(&mut p, "Test Shop wants to access your DANA account:");
    let intro = text(&wait_for(&mut p, "Deny all"));
    assert!(
        intro.contains("KYC_INFO       Authorized to obtain users' KYC information"),
        "each scope is shown with its description: {intro:?}"
    );
    assert!(intro.contains("Allow all") && intro.contains("Choose scopes"));

    send(&mut p, DOWN);
    wait_for(&mut p, "> Choose scopes");
    send(&mut p, ENTER);
    wait_for(&mut p, "Your decision: Choose scopes");
    // Every scope starts checked.
    let list = text(&wait_for(&mut p, "[x] USER_JOB"));
    assert!(list.contains("> [x] USER_LOGIN_ID"), "{list:?}");
    assert!(list.contains("[x] KYC_INFO"), "{list:?}");

    send(&mut p, DOWN);
    wait_for(&mut p, "> [x] KYC_INFO");
    send(&mut p, SPACE);
    wait_for(&mut p, "> [ ] KYC_INFO");
    send(&mut p, ENTER);
    wait_for(&mut p, "Scopes to grant: USER_LOGIN_ID, USER_JOB");

    // A scope was denied: which error value? 40006 is preselected; pick 11 above it.
    wait_for(&mut p, "Error value for the denied scopes");
    wait_for(
        &mut p,
        "> 40006  The mini program is not permitted this scope",
    );
    send(&mut p, UP);
    wait_for(&mut p, "> 11     Unauthorized to Get User Info");
    send(&mut p, ENTER);
    wait_for(
        &mut p,
        "Error value for the denied scopes: 11 (Unauthorized to Get User Info)",
    );
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{}", text(&rest));

    let printed = std::fs::read_to_string(&out).unwrap();
    let value: Value = serde_json::from_str(&printed).unwrap();
    let auth_code = value["authCode"].as_str().unwrap();
    assert_eq!(
        value,
        json!({
            "authCode": auth_code,
            "authSuccessScopes": ["USER_LOGIN_ID", "USER_JOB"],
            "authErrorScopes": {"KYC_INFO": "11"},
        })
    );
    // Exactly what the flags give for the same decision, seeded code included.
    assert_eq!(
        printed,
        by_flags(&[
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO,USER_JOB",
            "--grant",
            "USER_LOGIN_ID,USER_JOB",
            "--error-code",
            "11",
            "--seed",
            "7",
        ])
    );
}

#[test]
fn allow_all_with_colors_prints_the_approval() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdout.json");
    let mut p = spawn(
        &[
            "request",
            "--scopes",
            "KYC_INFO,USER_LOGIN_ID",
            "--seed",
            "3",
        ],
        Some(&out),
        &[],
    );
    let screen = wait_for(&mut p, "Deny all");
    // stderr is a terminal and NO_COLOR is unset: the prompt is colored.
    assert!(screen.contains(&0x1b), "{:?}", text(&screen));
    send(&mut p, ENTER);
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{}", text(&rest));
    assert!(
        !text(&rest).contains("Error value"),
        "nothing denied, so no error value is asked: {}",
        text(&rest)
    );
    let printed = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        printed,
        by_flags(&[
            "request",
            "--scopes",
            "KYC_INFO,USER_LOGIN_ID",
            "--approve",
            "--seed",
            "3"
        ])
    );
}

#[test]
fn deny_all_with_the_default_error_value_is_the_spec_sample() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdout.json");
    let mut p = spawn(
        &["--color", "never", "request", "--scopes", "USER_LOGIN_ID"],
        Some(&out),
        &[],
    );
    wait_for(&mut p, "Deny all");
    send(&mut p, UP); // wraps around from "Allow all" to "Deny all"
    wait_for(&mut p, "> Deny all");
    send(&mut p, ENTER);
    wait_for(&mut p, "> 40006");
    send(&mut p, ENTER);
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{}", text(&rest));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "{\n  \"authErrorScopes\": {\n    \"USER_LOGIN_ID\": \"40006\"\n  }\n}\n"
    );
}

#[test]
fn unticking_everything_is_a_denial() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdout.json");
    let mut p = spawn(
        &[
            "--color",
            "never",
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO",
            "--compact",
        ],
        Some(&out),
        &[],
    );
    wait_for(&mut p, "Deny all");
    send(&mut p, DOWN);
    wait_for(&mut p, "> Choose scopes");
    send(&mut p, ENTER);
    wait_for(&mut p, "[x] KYC_INFO");
    send(&mut p, SPACE);
    wait_for(&mut p, "> [ ] USER_LOGIN_ID");
    send(&mut p, DOWN);
    wait_for(&mut p, "> [x] KYC_INFO");
    send(&mut p, SPACE);
    wait_for(&mut p, "> [ ] KYC_INFO");
    send(&mut p, ENTER);
    wait_for(&mut p, "Scopes to grant: none");
    wait_for(&mut p, "> 40006");
    send(&mut p, UP);
    wait_for(&mut p, "> 11 ");
    send(&mut p, UP);
    wait_for(&mut p, "> 10 ");
    send(&mut p, ENTER);
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{}", text(&rest));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "{\"authErrorScopes\":{\"USER_LOGIN_ID\":\"10\",\"KYC_INFO\":\"10\"}}\n"
    );
}

#[test]
fn all_25_scopes_fit_an_80_column_terminal() {
    let all = by_flags(&["scopes", "--json"]);
    let names: Vec<String> = serde_json::from_str::<Value>(&all)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["scope"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 25);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdout.json");
    let mut p = spawn(
        &[
            "--color",
            "never",
            "request",
            "--scopes",
            &names.join(","),
            "--compact",
        ],
        Some(&out),
        &[],
    );
    // The pty is 80x24: long "NAME  description" items are cut so that none wraps
    // (a wrapped item makes dialoguer leave stale copies of the list at each key).
    wait_for(&mut p, "Deny all");
    send(&mut p, DOWN);
    wait_for(&mut p, "> Choose scopes");
    send(&mut p, ENTER);
    let list = text(&wait_for(&mut p, "[x] USER_LOGIN_ID"));
    let list = list + &text(&wait_for(&mut p, "[x] USER_INVESTING_EXPERIENCE"));
    assert!(list.contains('…'), "{list:?}");
    for _ in 0..3 {
        send(&mut p, DOWN);
    }
    wait_for(&mut p, "> [x] USER_BIOLOGICAL_MOTHER_NAME");
    send(&mut p, SPACE);
    wait_for(&mut p, "> [ ] USER_BIOLOGICAL_MOTHER_NAME");
    send(&mut p, ENTER);
    wait_for(
        &mut p,
        "Scopes to grant: all but USER_BIOLOGICAL_MOTHER_NAME",
    );
    wait_for(&mut p, "> 40006");
    send(&mut p, ENTER);
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{}", text(&rest));
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let granted: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| *n != "USER_BIOLOGICAL_MOTHER_NAME")
        .collect();
    assert_eq!(value["authSuccessScopes"], json!(granted));
    assert_eq!(
        value["authErrorScopes"],
        json!({"USER_BIOLOGICAL_MOTHER_NAME": "40006"})
    );
}

#[test]
fn ci_refuses_to_prompt_even_in_a_terminal() {
    let p = spawn(
        &["request", "--scopes", "USER_LOGIN_ID"],
        None,
        &[("CI", "true")],
    );
    let (rest, code) = finish(p);
    assert_eq!(code, 2, "{}", text(&rest));
    let shown = text(&rest);
    assert!(shown.contains("--approve") && shown.contains("--deny") && shown.contains("--grant"));
    assert!(!shown.contains("Your decision"), "{shown}");
}

#[test]
fn prompt_without_colors_under_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdout.json");
    let mut p = spawn(
        &["request", "--scopes", "USER_LOGIN_ID"],
        Some(&out),
        &[("NO_COLOR", "1")],
    );
    let screen = wait_for(&mut p, "Deny all");
    assert!(
        !text(&screen).contains("\x1b[3"),
        "no color codes under NO_COLOR: {:?}",
        text(&screen)
    );
    send(&mut p, ENTER);
    let (_, code) = finish(p);
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(value["authSuccessScopes"], json!(["USER_LOGIN_ID"]));
}

#[test]
fn ctrl_c_at_the_decision_cancels_cleanly() {
    pty::interrupt(Step::Decision, pty::CTRL_C);
}

#[test]
fn ctrl_c_in_the_scope_list_cancels_cleanly() {
    pty::interrupt(Step::ScopeList, pty::CTRL_C);
}

#[test]
fn ctrl_c_at_the_error_value_cancels_cleanly() {
    pty::interrupt(Step::ErrorValue, pty::CTRL_C);
}

#[test]
fn esc_at_the_decision_cancels_cleanly() {
    pty::interrupt(Step::Decision, pty::ESC);
}

#[test]
fn esc_in_the_scope_list_cancels_cleanly() {
    pty::interrupt(Step::ScopeList, pty::ESC);
}

#[test]
fn esc_at_the_error_value_cancels_cleanly() {
    pty::interrupt(Step::ErrorValue, pty::ESC);
}

/// Where stdin is no terminal, `request` without a decision flag must not wait for keys:
/// it refuses at once and names the flags that decide without a prompt, whether CI is set
/// or not, and whatever stdin is.
#[test]
fn request_without_a_terminal_or_decision_is_refused_at_once() {
    #[derive(Debug, Clone, Copy)]
    enum Input {
        DevNull,
        /// A pipe that stays open and never delivers a byte: reading it would hang.
        SilentPipe,
        /// Enter and "y" would accept the first choice if they were read as keys.
        Keystrokes,
    }
    for ci in [Some("true"), Some("1"), None] {
        for input in [Input::DevNull, Input::SilentPipe, Input::Keystrokes] {
            let mut cmd = authcode();
            cmd.args(["request", "--scopes", "USER_LOGIN_ID"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            match input {
                Input::DevNull => cmd.stdin_from(Stdio::null()),
                Input::SilentPipe | Input::Keystrokes => cmd.stdin_from(Stdio::piped()),
            };
            match ci {
                Some(v) => cmd.env("CI", v),
                None => cmd.env_remove("CI"),
            };
            let started = Instant::now();
            let mut child = cmd.spawn().unwrap();
            if let Input::Keystrokes = input {
                use std::io::Write;
                let _ = child.stdin.as_mut().unwrap().write_all(b"\n\ny\n");
            }
            let out = child.wait_with_output().unwrap();
            let took = started.elapsed();
            assert!(
                took < Duration::from_secs(5),
                "CI={ci:?}, {input:?}: {took:?}"
            );
            assert_eq!(out.status.code(), Some(2), "CI={ci:?}, {input:?}");
            assert!(out.stdout.is_empty());
            let err = text(&out.stderr);
            assert!(err.starts_with("error: "), "CI={ci:?}, {input:?}: {err}");
            for flag in ["--approve", "--deny", "--grant"] {
                assert!(err.contains(flag), "CI={ci:?}, {input:?}: {err}");
            }
            assert_clean_stderr(&out.stderr);
        }
    }
}

#[test]
fn the_refusal_to_prompt_names_ci_when_ci_is_set() {
    authcode()
        .env("CI", "true")
        .args(["request", "-s", "USER_JOB"])
        .refused("error: cannot ask for consent: CI is set");
}

#[test]
fn the_refusal_to_prompt_names_stdin_when_it_holds_the_request() {
    authcode()
        .env_remove("CI")
        .args(["request", "--from", "-"])
        .stdin(r#"{"scopes": ["USER_JOB"]}"#)
        .refused("error: cannot ask for consent: stdin holds the request (--from -)");
}
