//! The command line as a whole: help with examples, the version, and usage errors.

use predicates::prelude::*;

use crate::support::authcode;

#[test]
fn every_subcommand_help_has_examples() {
    for sub in ["scopes", "request", "validate", "schema", "completions"] {
        authcode()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("\nExamples:\n  authcode "));
    }
    authcode()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("\nExamples:\n"));
    authcode()
        .args(["request", "--help"])
        .assert()
        .stdout(predicate::str::contains("--approve"))
        .stdout(predicate::str::contains("--seed"));
}

#[test]
fn version_is_the_crate_version() {
    authcode()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("authcode {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn no_subcommand_is_a_usage_error() {
    authcode().assert().code(2).stdout("");
}
