//! Links the `authcode` binary as a position-dependent executable on Linux.
//!
//! A position-independent executable of this size (9 MB) carries about 18,000 relative
//! relocations that the dynamic loader applies at every start, touching a page for each;
//! `authcode validate` of one small file spent more time starting than checking. Linked at a
//! fixed address, the binary starts with a third of the page faults (see README, "Speed").
//! Address-space layout randomisation of the binary's own code is what this gives up; the
//! libraries, the stack and the heap stay randomised.

fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    // Not for musl: its static-pie start code crashes in a binary linked without PIE.
    if target.contains("linux-gnu") && target.starts_with("x86_64") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
