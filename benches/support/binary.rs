//! The `authcode` binary the benches measure: the one `cargo build --release` makes.
//!
//! Not `CARGO_BIN_EXE_authcode` of a bench build: cargo builds a bench's binary with the
//! features the dev-dependencies turn on in shared crates (serde_json's `float_roundtrip`,
//! regex's Unicode tables, hyper's client), which the binary users build does not have. It
//! was 0.8 MB larger and started a third of a millisecond slower, which is most of the
//! small-file figure. The release binary is built here, in a target directory of its own
//! (the bench's cargo holds the lock of the main one), and rebuilt only when the sources
//! change.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// `AUTHCODE_BENCH_BIN` when set; else, for a full run (`cargo bench`), the release binary
/// built as users build it; for a smoke run (`cargo test --benches`), the one cargo built.
pub fn authcode(full: bool) -> Result<PathBuf, String> {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    if let Some(bin) = env::var_os("AUTHCODE_BENCH_BIN") {
        return Ok(PathBuf::from(bin));
    }
    if !full {
        return Ok(PathBuf::from(env!("CARGO_BIN_EXE_authcode")));
    }
    BUILT.get_or_init(build_release).clone()
}

fn build_release() -> Result<PathBuf, String> {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("release-build");
    let cargo = env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    eprintln!(
        "building the release binary as users build it (cargo build --release, in {})",
        target.display()
    );
    let status = Command::new(cargo)
        .args(["build", "--release", "--bin", "authcode", "--manifest-path"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build --release failed ({status})"));
    }
    Ok(target.join("release").join("authcode"))
}
