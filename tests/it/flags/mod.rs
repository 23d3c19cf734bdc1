//! Flags mean the same everywhere: flags that cannot apply are refused (`refused`), scope
//! lists are read the same way wherever they are read (`scope_lists`), and a response that
//! cannot be delivered is an error (`delivery`). (README's truth is in `docs`, the prompt in a
//! narrow terminal in `narrow_prompt`.)

mod delivery;
mod refused;
mod scope_lists;

use std::path::Path;
use std::process::Output;

use crate::support::{authcode, text, TestCommand};

/// `authcode ARGS` from the support builder, as CI runs it.
fn as_in_ci(args: &[&str]) -> TestCommand {
    let mut cmd = authcode();
    cmd.args(args).env("CI", "true");
    cmd
}

fn run(args: &[&str]) -> Output {
    as_in_ci(args).output().expect("run authcode")
}

/// Runs `args`, which must exit `code`; returns (stdout, stderr).
fn expect(args: &[&str], code: i32) -> (String, String) {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}\nstdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    (text(&out.stdout), text(&out.stderr))
}

/// A refused command (the support module's `refused`): exit 2, nothing on stdout,
/// `error: ...` on stderr; returns stderr.
fn refused(args: &[&str]) -> String {
    as_in_ci(args).refused("")
}

fn write(dir: &Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_string()
}
