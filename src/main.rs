fn main() -> std::process::ExitCode {
    authcode::main()
}

// Run before Rust's runtime starts, which reopens a closed stdout on /dev/null: `request`
// must know that its response would go nowhere (`authcode request ... >&-`). std notes its
// own arguments the same way. Elsewhere than Linux the check is skipped.
#[cfg(any(target_os = "linux", target_os = "android"))]
#[used]
#[link_section = ".init_array"]
static NOTE_STDOUT_AT_START: extern "C" fn() = authcode::note_stdout_at_start;
