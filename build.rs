//! How the `authcode` binary is linked on x86_64 Linux with glibc, so that a short command
//! spends its time on its work rather than on starting (README, "Start-up"):
//!
//! - Position-dependent (`-no-pie`). A position-independent executable of this size carries
//!   about 18,000 relative relocations that the dynamic loader applies at every start,
//!   touching a page for each; linked at a fixed address, the binary starts with a third of
//!   the page faults. Address-space layout randomisation of the binary's own code is what this
//!   gives up; the libraries, the stack and the heap stay randomised. Not for musl: its
//!   static-pie start code crashes in a binary linked without PIE.
//! - The functions a start runs placed side by side (`startup.order`, lld's
//!   `--symbol-ordering-file`). Spread over 8 MB of code, the few hundred functions that
//!   `authcode validate FILE` runs cost one page fault each; side by side they share a few.
//!   The linker is asked only when a probe shows it takes the option (rust-lld, the default
//!   linker of Rust 1.90 and later on this target, does; GNU ld does not). A name the binary
//!   lacks is skipped, so a stale list slows the start, never the build; `cargo bench --bench
//!   validate` says how much of the list the binary has, and how to write it anew.

use std::env;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The start-up functions (sorted by name), beside this file.
const ORDER: &str = "startup.order";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={ORDER}");
    // The probe's answer depends on the linker the flags choose.
    println!("cargo:rerun-if-env-changed=RUSTFLAGS");
    println!("cargo:rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    let target = env::var("TARGET").unwrap_or_default();
    if !(target.contains("linux-gnu") && target.starts_with("x86_64")) {
        return;
    }
    println!("cargo:rustc-link-arg-bins=-no-pie");

    let Some(manifest) = env::var_os("CARGO_MANIFEST_DIR") else {
        return;
    };
    let order = Path::new(&manifest).join(ORDER);
    let args = [
        format!("-Wl,--symbol-ordering-file={}", order.display()),
        "-Wl,--no-warn-symbol-ordering".to_owned(),
    ];
    if order.is_file() && links_with(&target, &args) {
        for arg in args {
            println!("cargo:rustc-link-arg-bins={arg}");
        }
    }
}

/// Whether rustc, with this build's flags and linker, links an empty program given `args`.
fn links_with(target: &str, args: &[String]) -> bool {
    let Some(out_dir) = env::var_os("OUT_DIR") else {
        return false;
    };
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| OsString::from("rustc"));
    let mut probe = Command::new(rustc);
    probe
        .args(["--crate-name", "link_probe", "--crate-type", "bin"])
        .args(["--edition", "2021", "--target", target, "-o"])
        .arg(PathBuf::from(out_dir).join("link-probe"));
    if let Ok(flags) = env::var("CARGO_ENCODED_RUSTFLAGS") {
        probe.args(flags.split('\x1f').filter(|flag| !flag.is_empty()));
    }
    if let Some(linker) = env::var_os("RUSTC_LINKER") {
        let mut flag = OsString::from("linker=");
        flag.push(linker);
        probe.arg("-C").arg(flag);
    }
    for arg in args {
        probe.arg(format!("-Clink-arg={arg}"));
    }
    probe
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let Ok(mut child) = probe.spawn() else {
        return false;
    };
    let written = child
        .stdin
        .take()
        .is_some_and(|mut stdin| stdin.write_all(b"fn main() {}\n").is_ok());
    child.wait().is_ok_and(|status| status.success()) && written
}
