//! The consent prompt, driven through a real pseudo-terminal, and color decisions that
//! depend on a terminal.
//!
//! stdin and stderr are the pty; stdout is redirected to a file by `sh -c 'exec ... > FILE'`
//! so that the JSON document can be read back without the prompt around it.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};
use serde_json::{json, Value};

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";
const SPACE: &str = " ";
const CTRL_C: &str = "\x03";
const ESC: &str = "\x1b";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_authcode"))
}

/// `authcode ARGS` in a pty, with stdout going to `stdout_file` (or the pty when `None`).
fn spawn(args: &[&str], stdout_file: Option<&Path>, env: &[(&str, &str)]) -> OsSession {
    let mut cmd = Command::new("sh");
    match stdout_file {
        Some(file) => cmd
            .arg("-c")
            .arg("out=$1; shift; exec \"$0\" \"$@\" > \"$out\"")
            .arg(bin())
            .arg(file),
        None => cmd.arg("-c").arg("exec \"$0\" \"$@\"").arg(bin()),
    };
    cmd.args(args)
        // The tool refuses to prompt in CI; these tests are the person at the keyboard.
        .env_remove("CI")
        .env_remove("NO_COLOR")
        .env_remove("AUTHCODE_CATALOG")
        .env("TERM", "xterm-256color");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let mut session = Session::spawn(cmd).expect("spawn authcode in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session
}

/// Waits until the terminal shows `text`, returning everything up to and including it.
fn wait_for(p: &mut OsSession, text: &str) -> Vec<u8> {
    match p.expect(text) {
        Ok(found) => [found.before(), found.as_bytes()].concat(),
        Err(e) => panic!("the prompt never showed {text:?}: {e}"),
    }
}

fn send(p: &mut OsSession, keys: &str) {
    p.send(keys).expect("send keys to the pty");
}

/// Reads the rest of the session and returns it with the exit code.
fn finish(mut p: OsSession) -> (Vec<u8>, i32) {
    let rest = match p.expect(Eof) {
        Ok(found) => found.as_bytes().to_vec(),
        Err(e) => panic!("authcode did not finish: {e}"),
    };
    match p.get_process().wait().expect("wait for authcode") {
        WaitStatus::Exited(_, code) => (rest, code),
        other => panic!("authcode did not exit normally: {other:?}"),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The same request decided by flags, for comparing with what the prompt produced.
fn by_flags(args: &[&str]) -> String {
    let out = Command::new(bin())
        .args(args)
        .env_remove("AUTHCODE_CATALOG")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
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
fn ctrl_c_restores_the_cursor_prints_nothing_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdout.json");
    let mut p = spawn(&["request", "--scopes", "USER_LOGIN_ID"], Some(&out), &[]);
    wait_for(&mut p, "Deny all");
    send(&mut p, CTRL_C);
    let (rest, code) = finish(p);
    assert_eq!(code, 130, "{}", text(&rest));
    assert!(
        rest.windows(SHOW_CURSOR.len()).any(|w| w == SHOW_CURSOR),
        "the cursor was not shown again: {:?}",
        text(&rest)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "");
}

#[test]
fn ctrl_c_in_the_scope_list_leaves_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("response.json");
    let mut p = spawn(
        &[
            "--color",
            "never",
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO",
            "-o",
            target.to_str().unwrap(),
        ],
        None,
        &[],
    );
    wait_for(&mut p, "Deny all");
    send(&mut p, DOWN);
    wait_for(&mut p, "> Choose scopes");
    send(&mut p, ENTER);
    wait_for(&mut p, "[x] KYC_INFO");
    send(&mut p, CTRL_C);
    let (rest, code) = finish(p);
    assert_eq!(code, 130, "{}", text(&rest));
    assert!(rest.windows(SHOW_CURSOR.len()).any(|w| w == SHOW_CURSOR));
    assert!(!text(&rest).contains("authCode"), "{}", text(&rest));
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

#[test]
fn esc_cancels_with_exit_130_and_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdout.json");
    let mut p = spawn(
        &["request", "--scopes", "USER_LOGIN_ID,KYC_INFO"],
        Some(&out),
        &[],
    );
    wait_for(&mut p, "Deny all");
    send(&mut p, ESC);
    let (rest, code) = finish(p);
    assert_eq!(code, 130, "{}", text(&rest));
    assert!(rest.windows(SHOW_CURSOR.len()).any(|w| w == SHOW_CURSOR));
    assert!(!text(&rest).contains("error:"), "{}", text(&rest));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "");
}

#[test]
fn esc_at_the_error_value_cancels_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdout.json");
    let mut p = spawn(
        &["--color", "never", "request", "--scopes", "USER_LOGIN_ID"],
        Some(&out),
        &[],
    );
    wait_for(&mut p, "Deny all");
    send(&mut p, UP);
    wait_for(&mut p, "> Deny all");
    send(&mut p, ENTER);
    wait_for(&mut p, "> 40006");
    send(&mut p, ESC);
    let (rest, code) = finish(p);
    assert_eq!(code, 130, "{}", text(&rest));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "");
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
fn scopes_colors_names_on_a_terminal_unless_no_color() {
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let p = spawn(args, None, env);
        let (screen, code) = finish(p);
        assert_eq!(code, 0, "{}", text(&screen));
        text(&screen)
    };
    let colored = run(&["scopes", "office"], &[]);
    assert!(colored.contains("USER_OFFICE_NAME"), "{colored:?}");
    assert!(
        colored.contains('\x1b'),
        "a terminal gets colors: {colored:?}"
    );
    // NO_COLOR set to anything non-empty turns auto off; empty does not count.
    let plain = run(&["scopes", "office"], &[("NO_COLOR", "1")]);
    assert!(plain.contains("USER_OFFICE_NAME"));
    assert!(!plain.contains('\x1b'), "{plain:?}");
    let empty = run(&["scopes", "office"], &[("NO_COLOR", "")]);
    assert!(empty.contains('\x1b'), "{empty:?}");
    let never = run(&["--color", "never", "scopes", "office"], &[]);
    assert!(!never.contains('\x1b'), "{never:?}");
}

#[test]
fn errors_are_red_on_a_terminal_only_when_allowed() {
    let p = spawn(&["scopes", "no-such-scope"], None, &[]);
    let (screen, code) = finish(p);
    assert_eq!(code, 1);
    let screen = text(&screen);
    assert!(screen.contains("error:"), "{screen:?}");
    assert!(screen.contains('\x1b'), "{screen:?}");
    let p = spawn(&["scopes", "no-such-scope"], None, &[("NO_COLOR", "1")]);
    let (screen, code) = finish(p);
    assert_eq!(code, 1);
    assert!(!text(&screen).contains('\x1b'), "{:?}", text(&screen));
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
fn validate_without_paths_on_a_terminal_is_a_usage_error_not_a_wait() {
    // stdin is the terminal: reading it would wait for a person; it must refuse at once.
    let p = spawn(&["validate", "--color", "never"], None, &[]);
    let (rest, code) = finish(p);
    let shown = text(&rest);
    assert_eq!(code, 2, "{shown}");
    assert!(shown.contains("error: no input to validate"), "{shown}");
    assert!(shown.contains("hint: name files or directories"), "{shown}");
}
