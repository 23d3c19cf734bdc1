//! Every `console` block of README.md is run and its output compared (trycmd): a README
//! example that no longer matches the program fails the test.
//!
//! To see what changed: `TRYCMD=dump cargo test --test it readme` writes the actual output to
//! `dump/`.

use std::os::unix::fs::PermissionsExt;

use crate::support::bin;

#[test]
fn readme_examples_print_what_they_show() {
    // The examples assume the embedded DANA catalog, no colors, and a person's shell (CI is
    // set where CI runs, and `request` names it as the reason it cannot prompt; clap colors
    // help when CI is set at all). trycmd can set variables but not unset them, and this
    // process's environment is shared with the tests running beside this one, so the
    // README's `authcode` is a wrapper that unsets them.
    let dir = tempfile::tempdir().unwrap();
    let wrapper = dir.path().join("authcode");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec env -u AUTHCODE_CATALOG -u AUTHCODE_WALLET -u NO_COLOR -u CLICOLOR_FORCE -u CI '{}' \"$@\"\n",
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
