//! `--color auto` follows the conventions, first match wins: `--color always|never`, then
//! `NO_COLOR`, then `CLICOLOR_FORCE` (colours even into a pipe), then `TERM=dumb` (no
//! colours), then whether the stream is a terminal.

use crate::support::authcode;
use crate::support::pty::{finish, spawn};
use crate::support::text;

/// Whether `authcode scopes office` colours its output into a pipe, given `env`.
fn piped_colors(args: &[&str], env: &[(&str, &str)]) -> bool {
    let mut cmd = authcode();
    cmd.args(args).args(["scopes", "office"]);
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.run().ok().stdout().contains('\x1b')
}

/// Whether it colours its output on a terminal, given `env`.
fn terminal_colors(env: &[(&str, &str)]) -> bool {
    let (screen, code) = finish(spawn(&["scopes", "office"], None, env));
    assert_eq!(code, 0, "{}", text(&screen));
    assert!(text(&screen).contains("USER_OFFICE_NAME"));
    text(&screen).contains('\x1b')
}

#[test]
fn clicolor_force_colours_a_pipe_unless_no_color_or_never_says_otherwise() {
    assert!(!piped_colors(&[], &[]));
    assert!(piped_colors(&[], &[("CLICOLOR_FORCE", "1")]));
    // Forced over TERM=dumb, which comes after it.
    assert!(piped_colors(
        &[],
        &[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")]
    ));
    // Set to 0 or empty, it forces nothing.
    assert!(!piped_colors(&[], &[("CLICOLOR_FORCE", "0")]));
    assert!(!piped_colors(&[], &[("CLICOLOR_FORCE", "")]));
    // NO_COLOR comes first; --color before both.
    assert!(!piped_colors(
        &[],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    assert!(!piped_colors(
        &["--color", "never"],
        &[("CLICOLOR_FORCE", "1")]
    ));
    assert!(piped_colors(&["--color", "always"], &[("NO_COLOR", "1")]));
}

#[test]
fn a_dumb_terminal_gets_no_colours() {
    assert!(terminal_colors(&[]));
    assert!(!terminal_colors(&[("TERM", "dumb")]));
    assert!(terminal_colors(&[
        ("TERM", "dumb"),
        ("CLICOLOR_FORCE", "1")
    ]));
    assert!(!terminal_colors(&[
        ("NO_COLOR", "1"),
        ("CLICOLOR_FORCE", "1")
    ]));
}

#[test]
fn validate_reports_follow_the_same_conventions() {
    let (_dir, path) = crate::support::temp_file("bad.json", r#"{"scopes": ["NOPE"]}"#);
    for (env, colours) in [
        (vec![], false),
        (vec![("CLICOLOR_FORCE", "1")], true),
        (vec![("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], false),
    ] {
        for wallet in ["dana", "all"] {
            let mut cmd = authcode();
            cmd.args(["validate", "--wallet", wallet]).arg(&path);
            for (key, value) in &env {
                cmd.env(key, value);
            }
            let out = cmd.run().code(1);
            assert_eq!(
                out.stdout().contains('\x1b'),
                colours,
                "{env:?} {wallet}: {out}"
            );
        }
    }
}
