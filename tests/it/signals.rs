//! Signals: SIGTERM in the middle of `request -o` leaves no partial or temp file and the
//! old file untouched. (Ctrl-C at the prompt is tested with the prompt.)

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::support::{authcode, bin, mkfifo, names_in, text, usable, wait_until, TestCommand};

/// The system call process `pid` is blocked in (or stopped at, under strace) and its first
/// argument, from /proc/PID/syscall (`running` or unreadable: `None`).
fn blocked_in(pid: i32) -> Option<(i64, u64)> {
    let line = fs::read_to_string(format!("/proc/{pid}/syscall")).ok()?;
    let mut fields = line.split_whitespace();
    let number = fields.next()?.parse().ok()?;
    let first = u64::from_str_radix(fields.next()?.trim_start_matches("0x"), 16).ok()?;
    Some((number, first))
}

/// Whether `pid` is in system call `number` on its descriptor for `path`.
fn in_call_on(pid: i32, number: i64, path: &Path) -> bool {
    blocked_in(pid).is_some_and(|(n, fd)| {
        n == number && fs::read_link(format!("/proc/{pid}/fd/{fd}")).is_ok_and(|p| p == path)
    })
}

/// SIGTERM while the temp file of `--output` is written: strace holds the process in the
/// temp file's fsync (the only way to hit that moment reliably from outside), the signal
/// arrives then, and the handler must remove the temp file and leave the old file alone.
#[test]
fn sigterm_during_the_output_write_leaves_no_partial_file() {
    if !usable("strace", &["-qq", "-o", "/dev/null", "true"]) {
        eprintln!("skipped: strace is missing or ptrace is not allowed here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    fs::write(&target, "old").unwrap();
    let pid_file = dir.path().join("pid");
    let strace = TestCommand::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync"])
        .args(["-e", "inject=fsync:delay_enter=4000000", "--", "sh", "-c"])
        .arg(r#"echo $$ > "$1"; shift; exec "$0" "$@""#)
        .arg(bin())
        .arg(&pid_file)
        .args(["request", "--scopes", "USER_LOGIN_ID", "--approve", "-o"])
        .arg(&target)
        .spawn()
        .unwrap();
    // Wait for the temp file to appear beside the target, then for the process to stop in
    // that file's fsync.
    let mut temp = String::new();
    wait_until("the temp file", || {
        let temps: Vec<String> = names_in(dir.path())
            .into_iter()
            .filter(|n| n.starts_with(".authcode-"))
            .collect();
        temps.first().map(|t| temp = t.clone()).is_some()
    });
    let mut pid = 0;
    wait_until("the pid file", || {
        fs::read_to_string(&pid_file)
            .ok()
            .and_then(|p| p.trim().parse().ok())
            .map(|p| pid = p)
            .is_some()
    });
    wait_until("the fsync of the temp file", || {
        in_call_on(pid, libc::SYS_fsync, &dir.path().join(&temp))
    });
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let out = strace.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{temp}: {}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    assert_eq!(
        names_in(dir.path()),
        ["out.json", "pid"],
        "{temp} left behind"
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "old");
}

/// SIGTERM while `request --from` still waits for its input (a FIFO): nothing is written.
#[test]
fn sigterm_while_reading_the_request_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.fifo");
    mkfifo(&fifo);
    let target = dir.path().join("out.json");
    fs::write(&target, "old").unwrap();
    let mut child = authcode()
        .args(["request", "--approve", "-o"])
        .arg(&target)
        .arg("--from")
        .arg(&fifo)
        .spawn()
        .unwrap();
    // Open the writing end and send half a payload, and wait until the reader is inside
    // read() for the rest.
    let mut writer = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    writer.write_all(br#"{"scopes": ["USER_"#).unwrap();
    let pid = child.id() as i32;
    wait_until("authcode to wait in read() on the FIFO", || {
        in_call_on(pid, libc::SYS_read, &fifo)
    });
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let status = child.wait().unwrap();
    assert!(!status.success());
    drop(writer);
    assert_eq!(names_in(dir.path()), ["in.fifo", "out.json"]);
    assert_eq!(fs::read_to_string(&target).unwrap(), "old");
}
