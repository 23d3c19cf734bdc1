//! Every `console` block of README.md is run and its output compared (trycmd): a README
//! example that no longer matches the program fails the test.
//!
//! To see what changed: `TRYCMD=dump cargo test --test it readme` writes the actual output to
//! `dump/`.

use std::os::unix::fs::PermissionsExt;

use crate::support::{bin, ENV_THAT_CHANGES_OUTPUT};

#[test]
fn readme_examples_print_what_they_show() {
    // The examples assume the embedded DANA catalog, no colors, and a person's shell (CI is
    // set where CI runs, and `request` names it as the reason it cannot prompt; clap colors
    // help when CI is set at all). trycmd can set variables but not unset them, and this
    // process's environment is shared with the tests running beside this one, so the
    // README's `authcode` is a wrapper that unsets them (the support builder's list) and
    // records codes in a temporary store.
    let dir = tempfile::tempdir().unwrap();
    let wrapper = dir.path().join("authcode");
    let unset: String = ENV_THAT_CHANGES_OUTPUT
        .iter()
        .map(|var| format!("-u {var} "))
        .collect();
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec env {unset}AUTHCODE_STORE='{}' '{}' \"$@\"\n",
            dir.path().join("store.sqlite3").display(),
            bin().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    trycmd::TestCases::new()
        .register_bin("authcode", wrapper)
        // Help text wraps at the terminal's width; this fixes it.
        .env("COLUMNS", "100")
        .case("README.md");
}
