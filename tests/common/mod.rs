//! Helpers the integration tests share.

#![allow(dead_code)]

use std::time::Duration;

use assert_cmd::Command;

/// The built binary, with the environment that would change its output removed, and a
/// timeout so that no test can hang.
pub fn authcode() -> Command {
    let mut cmd = Command::cargo_bin("authcode").unwrap();
    cmd.env_remove("AUTHCODE_CATALOG")
        .env_remove("AUTHCODE_WALLET")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .timeout(Duration::from_secs(30));
    cmd
}

/// Runs a command that must succeed with nothing on stderr; returns stdout.
pub fn ok(args: &[&str]) -> String {
    let out = authcode()
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "{args:?} wrote on stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
