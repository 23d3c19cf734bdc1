//! Every `console` block of README.md is run and its output compared (trycmd): a README
//! example that no longer matches the program fails the test.
//!
//! To see what changed: `TRYCMD=dump cargo test --test readme` writes the actual output to
//! `dump/`.

#[test]
fn readme_examples_print_what_they_show() {
    // The examples assume the embedded DANA catalog, no colors, and a person's shell (CI is
    // set where CI runs, and `request` names it as the reason it cannot prompt).
    for var in [
        "AUTHCODE_CATALOG",
        "AUTHCODE_WALLET",
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "CI",
    ] {
        std::env::remove_var(var);
    }
    trycmd::TestCases::new()
        .register_bin(
            "authcode",
            std::path::PathBuf::from(env!("CARGO_BIN_EXE_authcode")),
        )
        // Help text wraps at the terminal's width; this fixes it.
        .env("COLUMNS", "100")
        .case("README.md");
}
