//! `--color auto|always|never` and NO_COLOR: colors only where the stream written is a
//! terminal (or `always` says so), never inside JSON.

use predicates::prelude::*;
use serde_json::Value;

use crate::scopes::OFFICE;
use crate::support::authcode;
use crate::support::pty::{finish, spawn};
use crate::support::text;

#[test]
fn color_always_colors_the_names_only() {
    let out = authcode()
        .args(["--color", "always", "scopes", "office"])
        .ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7);
    for (line, name) in lines.iter().zip(OFFICE) {
        assert!(line.starts_with("\x1b["), "{line:?}");
        assert!(
            line.contains(&format!("m{name}\x1b[0m")),
            "{name} is not colored in {line:?}"
        );
        let description = &line[line.rfind("\x1b[0m").unwrap() + 4..];
        assert!(!description.contains('\x1b'), "{line:?}");
        // Padding is computed on the visible name, so columns still line up.
        assert_eq!(
            description.len() - description.trim_start().len() + name.len(),
            "USER_OFFICE_POSTAL_CODE".len() + 2
        );
    }
    // The option is global: after the subcommand too.
    let after = authcode()
        .args(["scopes", "office", "--color", "always"])
        .ok();
    assert_eq!(after, out);
}

#[test]
fn color_never_and_pipes_are_plain() {
    let never = authcode().args(["--color", "never", "scopes"]).ok();
    assert!(!never.contains('\x1b'));
    let auto = authcode().args(["scopes"]).ok();
    assert_eq!(auto, never);
    assert!(!authcode()
        .args(["--color", "never", "scopes", "--json"])
        .ok()
        .contains('\x1b'));
}

#[test]
fn no_color_keeps_a_pipe_plain_and_always_still_wins() {
    let out = authcode()
        .env("NO_COLOR", "1")
        .args(["scopes"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!out.contains(&0x1b));
    // An explicit --color always is a request from the user and beats the environment.
    let out = authcode()
        .env("NO_COLOR", "1")
        .args(["--color", "always", "scopes"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(out.contains(&0x1b));
}

#[test]
fn bad_color_value_is_a_usage_error() {
    authcode()
        .args(["--color", "sometimes", "scopes"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("sometimes"));
}

#[test]
fn json_output_is_not_colored_even_with_color_always() {
    let out = authcode()
        .args(["--color", "always", "scopes", "--json"])
        .ok();
    assert!(!out.contains('\x1b'));
    let _: Value = serde_json::from_str(&out).unwrap();
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
